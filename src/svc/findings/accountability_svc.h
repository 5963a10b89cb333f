/* accountability_svc: 问责 records (《教育督导问责办法》) and 约谈 records.
 *
 * A record names its target (a unit, a person, or the person in charge of a private school or
 * training body), one measure from the 办法's list for that target (core), the grounds and the
 * decision date; the 复核 (apply within 30 days, decided within 30 more) and 申诉 (15 days,
 * decided within 60) deadlines follow from the date and are tracked as the steps happen. The
 * aggravating cases are found in the data: another accountability of the same target within
 * a year (从重 case 4), or an earlier one whose finding is still not rectified (case 3).
 * Admins write; admins and leaders read. */
#ifndef DUDAO_ACCOUNTABILITY_SVC_H
#define DUDAO_ACCOUNTABILITY_SVC_H

#include <jansson.h>

#include "svc/svc.h"

/* A decision follows the procedure (accountability_case_svc): case_id names an approved case,
 * whose target, school, finding and grounds category the decision takes (target_kind and
 * target_name may be left out; given, they must match), and the decision's day is not before
 * the approval. A decision taken outside dudao (before the county used it) is recorded with
 * the archive_no of its paper procedure instead. The decision states the 办法's contents:
 * grounds (问责事实), basis (问责依据), the measure and effective_on (生效时间, default the
 * decision's day). */
typedef struct accountability_in {
    const char *target_kind, *target_name, *measure, *grounds, *decided_on;
    int64_t school_id, finding_id;
    const char *region_code;
    int64_t case_id;
    const char *archive_no, *basis, *effective_on;
    int64_t ground_category; /* 1 … 6; from the case when there is one */
} accountability_in_t;

err_t *accountability_svc_list(svc_t *s, arena_t *a, const actor_t *who, json_t **out);
/* The reminders of a list (accountability_svc_list's answer, borrowed): the clocks that run and
 * are within their warning days or late, {total, items:[{id, target_name, kind "decision", clock, label,
 * due_on, days_left, is_late}]} (new reference). The office's inbox shows them. */
json_t *accountability_clocks_due(const json_t *list);
err_t *accountability_svc_create(svc_t *s, arena_t *a, const actor_t *who, const accountability_in_t *in, json_t **out);
/* step: "review" | "appeal"; state: "applied" (within the apply limit) | "upheld" | "changed"
 * (after applied). `on` is the day of the step (NULL: today; never in the future); received_on
 * the day of receipt the next clock counts from (core/findings/accountability_clock):
 * - review applied: the decision's receipt (else the recorded one, else the decision date);
 *   refused on day 31;
 * - review decided: the target's receipt of the 复核决定 (else the decision day); late is shown;
 * - appeal applied: only after the review is decided, within 15 days of that receipt. */
err_t *accountability_svc_review(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *step,
                                 const char *state, const char *on, const char *received_on, json_t **out);

typedef struct interview_in {
    int64_t school_id, finding_id;
    const char *target_name, *held_on, *place, *summary, *region_code;
} interview_in_t;

err_t *interview_svc_list(svc_t *s, arena_t *a, const actor_t *who, json_t **out);
err_t *interview_svc_create(svc_t *s, arena_t *a, const actor_t *who, const interview_in_t *in, json_t **out);

#endif
