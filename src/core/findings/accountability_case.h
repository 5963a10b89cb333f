/* accountability_case: the procedure of 《教育督导问责办法》 before a 问责决定 (第十三—十八条),
 * as a state machine over one case (问责调查), and the grounds as the 办法's categories.
 *
 *   investigating ──group──▶ (调查认定工作组 formed, within 60 days after the 督导 work ended)
 *        │ notify: 认定事实 and 问责意见 sent to the target, mainly in writing
 *        ▼
 *     notified ──hear──▶ heard (陈述申辩 heard, or waived by the target)
 *                           │ consult (optional): 征求成员单位意见
 *                           │ approve: 审定 by the 督导委员会主任 or 副主任
 *                           ▼
 *                        approved ──decide──▶ decided (the 问责决定: accountability_svc)
 *   any state before decided ──drop──▶ dropped (不予问责, with the reason)
 *
 * Each step's day is not before the step it follows (the work's end, the group, the notice,
 * the hearing, the consultation, the approval). Forming the group late is recorded, not
 * refused: the 60-day clock (accountability_clock ACC_CLOCK_INVESTIGATION) shows it late.
 * Pure; thread-safe. */
#ifndef DUDAO_ACCOUNTABILITY_CASE_H
#define DUDAO_ACCOUNTABILITY_CASE_H

#include <stdbool.h>

typedef enum acc_case_state {
    ACC_CASE_INVESTIGATING,
    ACC_CASE_NOTIFIED,
    ACC_CASE_HEARD,
    ACC_CASE_APPROVED,
    ACC_CASE_DECIDED,
    ACC_CASE_DROPPED,
    ACC_CASE__N_STATES
} acc_case_state_t;

typedef enum acc_case_step {
    ACC_STEP_GROUP,
    ACC_STEP_NOTIFY,
    ACC_STEP_HEAR,
    ACC_STEP_CONSULT,
    ACC_STEP_APPROVE,
    ACC_STEP_DECIDE,
    ACC_STEP_DROP,
    ACC_CASE__N_STEPS
} acc_case_step_t;

bool acc_case_state_parse(const char *name, acc_case_state_t *out);
const char *acc_case_state_name(acc_case_state_t s);  /* investigating … dropped */
const char *acc_case_state_label(acc_case_state_t s); /* 调查认定中 … 不予问责 */
bool acc_case_step_parse(const char *name, acc_case_step_t *out);
const char *acc_case_step_name(acc_case_step_t s);  /* group … drop */
const char *acc_case_step_label(acc_case_step_t s); /* 成立调查认定工作组 … 不予问责 */

/* What the rules need to know of a case: its state and the days of the steps taken (NULL: not taken). */
typedef struct acc_case_facts {
    acc_case_state_t state;
    const char *work_ended_on, *group_formed_on, *notified_on, *heard_on, *consulted_on, *approved_on;
} acc_case_facts_t;

/* NULL when `step` may be taken on day `on` ("YYYY-MM-DD"); otherwise the field at fault
 * ("step" when the state does not allow it, "on" when the day is before the step it follows)
 * and *message a static "中文 / English" text. */
const char *acc_case_check(const acc_case_facts_t *c, acc_case_step_t step, const char *on, const char **message);

/* The state after a step the check allowed (consult and group leave it as it is). */
acc_case_state_t acc_case_after(acc_case_state_t cur, acc_case_step_t step);

/* The six categories of situations that lead to 问责 (问责办法), 1 … 6; NULL outside. */
enum { ACC_GROUND_N = 6 };
const char *acc_ground_label(int category);

/* The situations of a government target by code (the 办法 lists nine; dudao has the text of
 * four: "law" 违反教育法律法规…, "task" 攻坚任务严重滞后, "mass_incident" 群体性事件,
 * "safety" 重大安全事故; "other" takes the office's wording from the 办法 in the case's note);
 * NULL for another code. */
const char *acc_gov_situation_label(const char *code);
extern const char *const acc_gov_situation_codes[]; /* NULL-terminated */

#endif
