/* finding_svc: the 问题台账 and its closed loop (core/finding_lifecycle decides; this layer
 * loads, checks scope, writes the finding, its event and the audit row in one transaction).
 *
 * Scope: admins and leaders see the findings of their region subtree, an inspector those of
 * the schools it holds, a school its own issued findings. Outside scope is 404; a refused
 * transition is 403 (who), 409 (state) or 400 (input), with the machine detail in the
 * error's field. Findings are never deleted. */
#ifndef DUDAO_FINDING_SVC_H
#define DUDAO_FINDING_SVC_H

#include <jansson.h>

#include "core/findings/finding_lifecycle.h"
#include "store/findings/finding_store.h"
#include "svc/svc.h"
#include "util/buf.h"

typedef struct finding_input {
    int64_t school_id;       /* create */
    const char *region_code; /* create, for a government unit (no school) */
    int64_t unit_id;         /* create: the supervised unit (督政) it targets; no school */
    const char *severity, *category, *indicator_code, *indicator_text, *description;
    const char *requirement, *responsible_unit, *responsible_person, *deadline;
    const char *note;              /* progress, submit (the report), close, acknowledge */
    const char *reason;            /* void, return, reopen, extension request / refusal */
    const int64_t *attachment_ids; /* submit: the evidence; close: the 现场复核 photos */
    size_t n_attachments;
    bool has_onsite; /* close: the 现场复核 position (finding.close_onsite) */
    double onsite_lat, onsite_lng, onsite_accuracy_m;
    bool is_approval;   /* extension decision */
    const char *source; /* create: manual (default) | complaint | reinspection */
    int64_t complaint_id;
} finding_input_t;

json_t *finding_to_json(const finding_t *f);
/* The same object written by w (byte-equal to finding_to_json dumped). */
void finding_write_json(jw_t *w, const finding_t *f);

/* The rules in force for a region (defaults, then "finding.*" settings down the tree). */
err_t *finding_rules_for(db_t *db, arena_t *a, const char *region_code, finding_rules_t *out);
json_t *finding_rules_to_json(const finding_rules_t *r);

err_t *finding_svc_list(svc_t *s, arena_t *a, const actor_t *who, finding_filter_t *f, finding_t **out, size_t *n,
                        int64_t *total, int64_t counts[8]);
/* A finding with its events (JSON array), attachments and the actions the caller may take. */
err_t *finding_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, finding_t *out, json_t **extra);
/* Manual entry (admin): a draft, or issued at once when in->deadline is given and issue is
 * true. */
err_t *finding_svc_create(svc_t *s, arena_t *a, const actor_t *who, const finding_input_t *in, finding_t *out);
/* The same inside the caller's transaction (complaints, 回头看). */
err_t *finding_svc_create_tx(db_t *db, arena_t *a, const actor_t *who, const finding_input_t *in, finding_t *out);
/* One transition (FA_EDIT ... FA_DECIDE_EXTENSION). */
err_t *finding_svc_act(svc_t *s, arena_t *a, const actor_t *who, int64_t id, finding_action_t act,
                       const finding_input_t *in, finding_t *out);
err_t *finding_svc_act_tx(db_t *db, arena_t *a, const actor_t *who, int64_t id, finding_action_t act,
                          const finding_input_t *in, finding_t *out);

err_t *finding_svc_extensions(svc_t *s, arena_t *a, const actor_t *who, const char *state, json_t **out);
/* What needs the caller: lists per role (drafts, to verify, new, returned, due soon, overdue,
 * extensions, complaints), each {total, items}. */
err_t *finding_svc_inbox(svc_t *s, arena_t *a, const actor_t *who, json_t **out);

/* The numbered 整改通知书 of an issued finding as PDF. */
err_t *finding_svc_notice_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *out, const char **filename);
err_t *finding_svc_orders(svc_t *s, arena_t *a, const actor_t *who, int64_t limit, int64_t offset, json_t **out);
/* The office's decision on a 督办单 the ladder proposed: confirm (it takes its number in the
 * county's series, is issued today with order_after_days to comply, the finding's history
 * says so) or dismiss with a reason. Admin in scope; ERR_CONFLICT when it is not a proposal. */
err_t *finding_svc_order_decide(svc_t *s, arena_t *a, const actor_t *who, int64_t id, bool is_confirm,
                                const char *reason, json_t **out);
err_t *finding_svc_order_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *out, const char **filename);
/* The ledger as XLSX at path, same scope and filters as the list (streamed in id pages). */
err_t *finding_svc_export(svc_t *s, arena_t *a, const actor_t *who, finding_filter_t *f, const char *path);

/* Aggregates for the dashboard: by town, school, category, state; closure rate, median days to
 * close, monthly trend. */
err_t *finding_svc_stats(svc_t *s, arena_t *a, const actor_t *who, json_t **out);

/* 回头看: marks for re-inspection every red-line finding closed in [from, to] in the region and
 * a random sample (finding.reinspect_sample_percent) of the others, each with an event; *out
 * is {n_red_line, n_sampled, ids}. Admin. */
err_t *finding_svc_reinspection(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *from,
                                const char *to, json_t **out);

err_t *finding_svc_rules(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, json_t **out);
err_t *finding_svc_set_rule(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *name,
                            int64_t value);

/* The display name of an account (events show people, not usernames). */
const char *finding_actor_display(db_t *db, arena_t *a, const actor_t *who);
/* Today in Asia/Shanghai. */
const char *finding_today(arena_t *a);

#endif
