/* incident_svc: 突发事件 reports (挂牌督导办法第五条). An inspector (or the office) reports an
 * incident or a major hazard at a school from the phone; the office sees at once how many
 * reports wait (state received) on its home and in the list; the office handles and closes the
 * report (core/incidents/incident_lifecycle) and may turn it into a draft finding in the
 * ledger, linked both ways.
 *
 * Scope: an inspector reports for schools it holds (挂牌) and reads its own reports and its
 * schools'; the office (admin, leader) its region subtree; school accounts never (the route
 * refuses them, the store scope shows them nothing). Each call is one transaction with one
 * audit row per change; bad input changes nothing. JSON results are new references. */
#ifndef DUDAO_INCIDENT_SVC_H
#define DUDAO_INCIDENT_SVC_H

#include <jansson.h>

#include "core/incidents/incident_lifecycle.h"
#include "svc/svc.h"

typedef struct incident_input {
    int64_t school_id;
    const char *title, *description, *category, *severity, *told;
    int64_t occurred_at; /* UTC epoch; 0: now */
    const int64_t *attachment_ids;
    size_t n_attachments;
} incident_input_t;

err_t *incident_svc_report(svc_t *s, arena_t *a, const actor_t *who, const incident_input_t *in, json_t **out);
/* {items, received}: newest first; state NULL or one state. */
err_t *incident_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *state, json_t **out);
/* One report with its photos and the actions the caller may take. */
err_t *incident_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
/* handle / close (with note) and to_finding (a draft finding; the answer carries finding_id). */
err_t *incident_svc_act(svc_t *s, arena_t *a, const actor_t *who, int64_t id, incident_action_t act, const char *note,
                        json_t **out);

#endif
