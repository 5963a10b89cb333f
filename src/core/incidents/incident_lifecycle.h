/* incident_lifecycle: the short workflow of a 突发事件 report (挂牌督导办法第五条), as a pure
 * state table like core/findings/finding_lifecycle.
 *
 *   received ──handle (note)──▶ handled ──close (note)──▶ closed
 *       └───────────────close (note)──────────────────────────┘
 *   to_finding: from received or handled, once (a draft finding in the ledger, linked)
 *
 * Who may do what: the office (admin, within its region) handles, closes and turns a report
 * into a finding; inspectors report and read (their own reports and their schools'); leaders
 * read; schools and auditors never see incident reports (the article has the inspector report
 * upward, to the office, not to the school).
 *
 * Thread-safety: pure functions. */
#ifndef DUDAO_INCIDENT_LIFECYCLE_H
#define DUDAO_INCIDENT_LIFECYCLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/roles.h"

typedef enum incident_state { IS_RECEIVED, IS_HANDLED, IS_CLOSED, IS__COUNT } incident_state_t;

typedef enum incident_action { IA_HANDLE, IA_CLOSE, IA_TO_FINDING, IA__COUNT } incident_action_t;

typedef enum incident_refusal {
    IR_OK = 0,
    IR_ROLE,            /* this role never does this: 403 */
    IR_WRONG_STATE,     /* not from the current state: 409 */
    IR_NOTE_REQUIRED,   /* handle/close without a note: 400 */
    IR_ALREADY_FINDING, /* to_finding a second time: 409 */
    IR__COUNT
} incident_refusal_t;

#define IS_BIT(s) (1u << (s))
#define IS_SAME (-1)

typedef struct incident_transition {
    incident_action_t action;
    unsigned from;  /* IS_BIT set */
    int to;         /* incident_state_t or IS_SAME */
    unsigned roles; /* role_t bits */
    bool needs_note;
    const char *name; /* "handle" | "close" | "to_finding" */
} incident_transition_t;

const incident_transition_t *incident_transition(incident_action_t act);
/* Role first, then the state, then the input. */
incident_refusal_t incident_check(incident_state_t from, incident_action_t act, role_t role, const char *note,
                                  bool has_finding, incident_state_t *next);
/* The actions role may take from state (NULL-terminated names into out, at most IA__COUNT). */
size_t incident_allowed(incident_state_t from, role_t role, bool has_finding, const char **out);

const char *incident_state_name(incident_state_t s);
int incident_state_parse(const char *name);
const char *incident_state_label_zh(incident_state_t s);
int incident_action_parse(const char *name);
int incident_refusal_status(incident_refusal_t r);
const char *incident_refusal_code(incident_refusal_t r);
const char *incident_refusal_zh(incident_refusal_t r);
const char *incident_refusal_en(incident_refusal_t r);

/* Categories (accident hazard public_health violence disaster other) and the severity
 * classes of 《国家突发公共事件总体应急预案》 (general 一般 Ⅳ, large 较大 Ⅲ, major 重大 Ⅱ,
 * extreme 特别重大 Ⅰ). NULL-terminated code lists; labels NULL when unknown. */
extern const char *const incident_categories[];
extern const char *const incident_severities[];
const char *incident_category_zh(const char *code);
const char *incident_severity_zh(const char *code);
/* The finding severity a converted report starts with (general → serious, large → severe,
 * major/extreme → red_line). */
const char *incident_finding_severity(const char *severity);

#endif
