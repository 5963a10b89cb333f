#include "core/findings/accountability_case.h"

#include <string.h>

static const char *const state_names[ACC_CASE__N_STATES] = {"investigating", "notified", "heard",
                                                            "approved",      "decided",  "dropped"};
static const char *const state_labels[ACC_CASE__N_STATES] = {"调查认定中", "已告知", "已陈述申辩",
                                                             "已审定",     "已决定", "不予问责"};
static const char *const step_names[ACC_CASE__N_STEPS] = {"group",   "notify", "hear", "consult",
                                                          "approve", "decide", "drop"};
static const char *const step_labels[ACC_CASE__N_STEPS] = {
    "成立调查认定工作组", "告知认定事实和问责意见", "听取陈述申辩", "征求成员单位意见",
    "督导委员会审定",     "作出问责决定",           "不予问责"};

static bool parse(const char *const *names, int n, const char *name, int *out) {
    for (int i = 0; name && i < n; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = i;
            return true;
        }
    return false;
}

bool acc_case_state_parse(const char *name, acc_case_state_t *out) {
    int i;
    if (!parse(state_names, ACC_CASE__N_STATES, name, &i)) return false;
    *out = (acc_case_state_t)i;
    return true;
}
const char *acc_case_state_name(acc_case_state_t s) {
    return s < ACC_CASE__N_STATES ? state_names[s] : "?";
}
const char *acc_case_state_label(acc_case_state_t s) {
    return s < ACC_CASE__N_STATES ? state_labels[s] : "?";
}
bool acc_case_step_parse(const char *name, acc_case_step_t *out) {
    int i;
    if (!parse(step_names, ACC_CASE__N_STEPS, name, &i)) return false;
    *out = (acc_case_step_t)i;
    return true;
}
const char *acc_case_step_name(acc_case_step_t s) {
    return s < ACC_CASE__N_STEPS ? step_names[s] : "?";
}
const char *acc_case_step_label(acc_case_step_t s) {
    return s < ACC_CASE__N_STEPS ? step_labels[s] : "?";
}

/* on ≥ after (both "YYYY-MM-DD": the text order is the date order); an absent `after` allows any day */
static bool not_before(const char *on, const char *after) {
    return !after || strcmp(on, after) >= 0;
}

const char *acc_case_check(const acc_case_facts_t *c, acc_case_step_t step, const char *on, const char **message) {
    acc_case_state_t s = c->state;
    if (s == ACC_CASE_DECIDED || s == ACC_CASE_DROPPED) {
        *message = "问责程序已结束 / the procedure is over";
        return "step";
    }
    const char *after = NULL; /* the day the step may not precede */
    switch (step) {
    case ACC_STEP_GROUP:
        if (s != ACC_CASE_INVESTIGATING || c->group_formed_on) {
            *message = "调查认定工作组已成立 / the investigation group is already formed";
            return "step";
        }
        after = c->work_ended_on;
        break;
    case ACC_STEP_NOTIFY:
        if (s != ACC_CASE_INVESTIGATING || !c->group_formed_on) {
            *message = "须先成立调查认定工作组，再告知认定事实和问责意见 / form the investigation group before "
                       "notifying the facts and the proposed accountability";
            return "step";
        }
        after = c->group_formed_on;
        break;
    case ACC_STEP_HEAR:
        if (s != ACC_CASE_NOTIFIED) {
            *message = "须先书面告知认定事实和问责意见，再听取陈述申辩 / the target is heard after it was notified";
            return "step";
        }
        after = c->notified_on;
        break;
    case ACC_STEP_CONSULT:
        if (s != ACC_CASE_HEARD || c->consulted_on) {
            *message = "征求成员单位意见在陈述申辩之后、审定之前，且只记录一次 / member units are consulted once, "
                       "after the hearing and before the approval";
            return "step";
        }
        after = c->heard_on;
        break;
    case ACC_STEP_APPROVE:
        if (s != ACC_CASE_HEARD) {
            *message = "须先听取陈述申辩，再报督导委员会审定 / the approval follows the hearing";
            return "step";
        }
        after = c->consulted_on ? c->consulted_on : c->heard_on;
        break;
    case ACC_STEP_DECIDE:
        if (s != ACC_CASE_APPROVED) {
            *message = "问责决定须经调查认定、告知、陈述申辩和督导委员会审定后作出 / a decision follows the "
                       "investigation, the notice, the hearing and the committee's approval";
            return "step";
        }
        after = c->approved_on;
        break;
    case ACC_STEP_DROP:
        after = c->work_ended_on;
        break;
    default:
        *message = "未知步骤 / unknown step";
        return "step";
    }
    if (!not_before(on, after)) {
        *message = "日期早于上一步骤 / the day is before the step it follows";
        return "on";
    }
    return NULL;
}

acc_case_state_t acc_case_after(acc_case_state_t cur, acc_case_step_t step) {
    switch (step) {
    case ACC_STEP_NOTIFY:
        return ACC_CASE_NOTIFIED;
    case ACC_STEP_HEAR:
        return ACC_CASE_HEARD;
    case ACC_STEP_APPROVE:
        return ACC_CASE_APPROVED;
    case ACC_STEP_DECIDE:
        return ACC_CASE_DECIDED;
    case ACC_STEP_DROP:
        return ACC_CASE_DROPPED;
    default:
        return cur;
    }
}

static const char *const grounds[ACC_GROUND_N] = {
    "贯彻落实党的教育方针和党中央、国务院教育决策部署不坚决不彻底",
    "履行教育职责不到位",
    "教育攻坚任务完成严重滞后",
    "办学行为不规范",
    "教育教学质量下降",
    "安全问题较多或拒不接受教育督导",
};

const char *acc_ground_label(int category) {
    return category >= 1 && category <= ACC_GROUND_N ? grounds[category - 1] : NULL;
}

const char *const acc_gov_situation_codes[] = {"law", "task", "mass_incident", "safety", "other", NULL};
static const char *const gov_situations[] = {
    "违反有关教育法律法规，学校办学行为不规范，整体教育教学质量持续下降、教育结构失衡、侵犯学校合法权益、群众满意度低",
    "教育攻坚任务完成严重滞后，未按时保质保量完成规定目标任务",
    "教育群体性事件多发高发、应对不力、群众反映强烈",
    "因履行教育职责严重失职、安全风险防控体系建设保障或卫生防疫不力，导致发生重大安全事故或重大涉校案(事)件",
    "其他情形（按《教育督导问责办法》原文写入说明）",
};

const char *acc_gov_situation_label(const char *code) {
    for (int i = 0; code && acc_gov_situation_codes[i]; i++)
        if (strcmp(code, acc_gov_situation_codes[i]) == 0) return gov_situations[i];
    return NULL;
}
