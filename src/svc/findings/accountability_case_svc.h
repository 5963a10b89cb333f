/* accountability_case_svc: the procedure before a 问责决定 (《教育督导问责办法》第十三—十八条;
 * the rules are core/findings/accountability_case): the office opens a case (问责调查) against a
 * target after the 督导 work ended, with the grounds as one of the 办法's six categories (and,
 * for a government, its situation); forms the 调查认定工作组 (the 60-day clock from the work's
 * end shows when it is due or late), notifies the facts and the proposed accountability, hears
 * the target (陈述申辩, or records that it waived), may consult the member units, and has the
 * 督导委员会主任/副主任 approve; the decision is then made by accountability_svc_create with the
 * case. A case may end without accountability (drop, with a reason). Each step is audited.
 * Admins write; admins and leaders read, in the office's region. */
#ifndef DUDAO_ACCOUNTABILITY_CASE_SVC_H
#define DUDAO_ACCOUNTABILITY_CASE_SVC_H

#include <jansson.h>

#include "core/findings/accountability_case.h"
#include "store/findings/accountability_case_agg.h"
#include "svc/svc.h"

/* What the procedure's rules (core/findings/accountability_case) need of a stored case. */
acc_case_facts_t accountability_case_facts(const accountability_case_t *c);

/* The case as the API answers it: its fields, the labels of its state and grounds, and the
 * investigation clock {due_on, days_left, is_running, is_late, remind} (new reference). */
json_t *accountability_case_json(const accountability_case_t *c, const char *today);

/* Opens a case from the body fields of accountability_case_agg (validated here). */
err_t *accountability_case_svc_open(svc_t *s, arena_t *a, const actor_t *who, accountability_case_t *in, json_t **out);
err_t *accountability_case_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
/* state NULL: all. */
err_t *accountability_case_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *state, json_t **out);

/* One step (core/findings/accountability_case: group, notify, hear, consult, approve, drop; the
 * decision is accountability_svc_create) on day `on` (NULL: today; never in the future), with
 * what the step records:
 *   group   members (the 调查认定工作组)
 *   notify  facts (认定事实), opinion (问责意见), measure (optional, one the 办法 allows for the
 *           target), notice_form written (default) | oral
 *   hear    statement (陈述申辩), or is_waived
 *   consult note (成员单位意见)
 *   approve approver_name and approver_title 主任 | 副主任
 *   drop    note (why no accountability) */
typedef struct acc_case_step_in {
    const char *step, *on;
    const char *members, *facts, *opinion, *measure, *notice_form, *statement, *note, *approver_name, *approver_title;
    bool is_waived;
} acc_case_step_in_t;
err_t *accountability_case_svc_step(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const acc_case_step_in_t *in,
                                    json_t **out);

/* The cases whose investigation clock reminds (within 5 days of the 60, or late): {total, items}
 * for the office's inbox (new reference). */
err_t *accountability_case_svc_due(svc_t *s, arena_t *a, const actor_t *who, json_t **out);

#endif
