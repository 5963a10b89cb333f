#include "core/findings/finding_lifecycle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_names[FS__COUNT] = {"draft",  "issued", "rectifying", "submitted",
                                                   "closed", "voided", "review"};
static const char *const state_labels[FS__COUNT] = {"待下发", "已下发", "整改中",    "待核查",
                                                    "已销号", "已作废", "待审核销号"};
static const char *const action_names[FA__COUNT] = {
    "edit", "issue",  "acknowledge",       "progress",         "submit",        "close",    "return",
    "void", "reopen", "request_extension", "decide_extension", "approve_close", "send_back"};

const char *finding_state_name(finding_state_t s) {
    return (unsigned)s < FS__COUNT ? state_names[s] : "";
}

const char *finding_state_label_zh(finding_state_t s) {
    return (unsigned)s < FS__COUNT ? state_labels[s] : "";
}

int finding_state_parse(const char *name) {
    for (int i = 0; name && i < FS__COUNT; i++)
        if (strcmp(name, state_names[i]) == 0) return i;
    return -1;
}

const char *finding_action_name(finding_action_t a) {
    return (unsigned)a < FA__COUNT ? action_names[a] : "";
}

bool finding_state_is_open(finding_state_t s) {
    return s == FS_DRAFT || s == FS_ISSUED || s == FS_RECTIFYING || s == FS_SUBMITTED || s == FS_REVIEW;
}

static const struct {
    int status;
    const char *code, *zh, *en;
} refusals[FR__COUNT] = {
    [FR_OK] = {200, "ok", "可以", "allowed"},
    [FR_WRONG_STATE] = {409, "wrong_state", "当前状态下不能进行该操作", "not allowed in the finding's current state"},
    [FR_ROLE] = {403, "role", "当前角色无权进行该操作", "your role may not do this"},
    [FR_NOT_HOLDER] = {403, "not_holder", "只有该校的责任督学才能进行该操作",
                       "only the school's responsible inspector may do this"},
    [FR_NOT_OWN_SCHOOL] = {403, "not_own_school", "这不是本校的问题", "this finding is not your school's"},
    [FR_OWN_FINDING] = {403, "own_finding", "学校不能对本校问题销号、退回、作废或重新打开",
                        "a school cannot close, return, void or reopen its own finding"},
    [FR_REASON_REQUIRED] = {400, "reason_required", "请填写理由", "a reason is required"},
    [FR_DEADLINE_REQUIRED] = {400, "deadline_required", "请填写整改期限", "a deadline is required"},
    [FR_DEADLINE_PAST] = {400, "deadline_past", "整改期限不能早于今天", "the deadline cannot be before today"},
    [FR_DEADLINE_NOT_LATER] = {400, "deadline_not_later", "延期后的期限应晚于原期限",
                               "the new deadline must be later than the current one"},
    [FR_PENDING_EXTENSION] = {409, "pending_extension", "已有待审批的延期申请",
                              "an extension request is already pending"},
    [FR_NO_PENDING_EXTENSION] = {409, "no_pending_extension", "没有待审批的延期申请",
                                 "there is no pending extension request"},
    [FR_ONSITE_REQUIRED] = {400, "onsite_required", "该问题须现场复核后销号：请在学校现场定位并上传复核照片",
                            "this finding is closed only after an on-site re-check: a position at the school and a "
                            "photo"},
};

int finding_refusal_status(finding_refusal_t r) {
    return (unsigned)r < FR__COUNT ? refusals[r].status : 500;
}
const char *finding_refusal_code(finding_refusal_t r) {
    return (unsigned)r < FR__COUNT ? refusals[r].code : "";
}
const char *finding_refusal_zh(finding_refusal_t r) {
    return (unsigned)r < FR__COUNT ? refusals[r].zh : "";
}
const char *finding_refusal_en(finding_refusal_t r) {
    return (unsigned)r < FR__COUNT ? refusals[r].en : "";
}

static bool is_blank(const char *s) {
    if (!s) return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

#define S(x) FS_BIT(FS_##x)

/* Who answers a finding: the school, or (督政) the supervised unit it targets. */
#define ANSWERERS (ROLE_SCHOOL | ROLE_UNIT)

/* The closed loop (see the header's picture): from-states, to-state, who, what it needs and what it does. */
static const finding_transition_t transitions[FA__COUNT] = {
    [FA_EDIT] = {FA_EDIT, S(DRAFT), FS_SAME, ROLES_CASEWORK, 0, false, false, 0, 0, 0, FE_EDIT_FIELDS, 0, "edited",
                 NULL},
    [FA_ISSUE] = {FA_ISSUE, S(DRAFT), FS_ISSUED, ROLES_CASEWORK, 0, false, false, FN_DEADLINE | FN_DEADLINE_FUTURE, 0,
                  0,
                  FE_ISSUE_FIELDS | FE_DEFAULT_DEADLINE | FE_SET_DEADLINE | FE_SET_ORIGINAL_DEADLINE | FE_MARK_ISSUED |
                      FE_NUMBER_NOTICE,
                  0, "issued", NULL},
    [FA_ACKNOWLEDGE] = {FA_ACKNOWLEDGE, S(ISSUED), FS_RECTIFYING, ANSWERERS, 0, false, false, 0, 0, 0, 0, 0,
                        "acknowledged", NULL},
    [FA_PROGRESS] = {FA_PROGRESS, FS_OWED_BITS, FS_RECTIFYING, ANSWERERS, 0, false, false, 0, 0, 0, FE_NOTE_REQUIRED, 0,
                     "progress", NULL},
    [FA_SUBMIT] = {FA_SUBMIT, FS_OWED_BITS, FS_SUBMITTED, ANSWERERS, 0, false, false, 0, 0, 0,
                   FE_NOTE_REQUIRED | FE_EVIDENCE | FE_MARK_SUBMITTED, 0, "submitted", NULL},
    [FA_CLOSE] = {FA_CLOSE, S(SUBMITTED), FS_CLOSED, ROLES_CASEWORK, 0, true, false, 0, 0, 0, FE_MARK_CLOSED, 0,
                  "closed", NULL},
    [FA_RETURN] = {FA_RETURN, S(SUBMITTED), FS_RECTIFYING, ROLES_CASEWORK, 0, true, false, FN_REASON, 0, 0,
                   FE_COUNT_RETURN | FE_NOTE_IS_REASON, 0, "returned", NULL},
    /* an inspector voids only its own drafts' mistakes; an issued finding needs the office */
    [FA_VOID] = {FA_VOID, FS_OPEN_BITS, FS_VOIDED, ROLES_CASEWORK, S(DRAFT), true, false, FN_REASON, 0, 0,
                 FE_VOID_REASON | FE_NOTE_IS_REASON, 0, "voided", NULL},
    [FA_REOPEN] = {FA_REOPEN, S(CLOSED), FS_RECTIFYING, ROLES_CASEWORK, 0, true, false, FN_REASON, 0, 0,
                   FE_DEFAULT_DEADLINE | FE_SET_DEADLINE | FE_CLEAR_CLOSED | FE_COUNT_REOPEN | FE_MARK_REINSPECTED |
                       FE_RESET_ESCALATION | FE_NOTE_IS_REASON,
                   0, "reopened", NULL},
    [FA_REQUEST_EXTENSION] = {FA_REQUEST_EXTENSION, FS_OWED_BITS, FS_SAME, ANSWERERS, 0, false, false,
                              FN_NO_PENDING | FN_REASON | FN_DEADLINE | FN_DEADLINE_LATER, 0, 0,
                              FE_ADD_EXTENSION | FE_NOTE_IS_REASON, 0, "extension_requested", NULL},
    [FA_DECIDE_EXTENSION] = {FA_DECIDE_EXTENSION, FS_OWED_BITS | S(SUBMITTED), FS_SAME, ROLE_ADMIN, 0, false, true, 0,
                             FN_DEADLINE | FN_DEADLINE_LATER, FN_REASON, FE_DECIDE_EXTENSION, FE_NOTE_IS_REASON,
                             "extension_approved", "extension_refused"},
    /* the office's review of an inspector's 销号; sending back restarts the 核查 clock */
    [FA_APPROVE_CLOSE] = {FA_APPROVE_CLOSE, S(REVIEW), FS_CLOSED, ROLE_ADMIN, 0, false, false, 0, 0, 0, FE_MARK_CLOSED,
                          0, "close_approved", NULL},
    [FA_SEND_BACK] = {FA_SEND_BACK, S(REVIEW), FS_SUBMITTED, ROLE_ADMIN, 0, false, false, FN_REASON, 0, 0,
                      FE_MARK_SUBMITTED | FE_NOTE_IS_REASON, 0, "close_sent_back", NULL},
};

#undef S

const finding_transition_t *finding_transition(finding_action_t act) {
    return (unsigned)act < FA__COUNT ? &transitions[act] : NULL;
}

/* Who may take an action at all, before any state is looked at. */
static finding_refusal_t finding_who(const finding_transition_t *t, const finding_actor_ctx_t *w) {
    bool is_answerer = (w->role & ANSWERERS) != 0;
    if (is_answerer && !w->is_own_school) return FR_NOT_OWN_SCHOOL;
    if (!(t->roles & w->role)) return is_answerer && t->is_own_refused ? FR_OWN_FINDING : FR_ROLE;
    if (w->role == ROLE_INSPECTOR && !w->is_holder) return FR_NOT_HOLDER;
    return FR_OK;
}

static finding_refusal_t finding_needs(unsigned needs, const finding_action_input_t *in) {
    if ((needs & FN_NO_PENDING) && in->has_pending_extension) return FR_PENDING_EXTENSION;
    if ((needs & FN_REASON) && is_blank(in->reason)) return FR_REASON_REQUIRED;
    if ((needs & (FN_DEADLINE | FN_DEADLINE_FUTURE | FN_DEADLINE_LATER)) && is_blank(in->deadline))
        return FR_DEADLINE_REQUIRED;
    if ((needs & FN_DEADLINE_FUTURE) && in->today && strcmp(in->deadline, in->today) < 0) return FR_DEADLINE_PAST;
    if ((needs & FN_DEADLINE_LATER) && in->current_deadline && strcmp(in->deadline, in->current_deadline) <= 0)
        return FR_DEADLINE_NOT_LATER;
    return FR_OK;
}

finding_refusal_t finding_check(finding_state_t from, finding_action_t act, const finding_actor_ctx_t *who,
                                const finding_action_input_t *in, finding_state_t *next) {
    static const finding_action_input_t none = {0};
    if (!in) in = &none;
    const finding_transition_t *t = finding_transition(act);
    if (!t) return FR_ROLE;
    finding_refusal_t r = finding_who(t, who);
    if (r != FR_OK) return r;
    if (t->is_pending_first && !in->has_pending_extension) return FR_NO_PENDING_EXTENSION;
    if ((unsigned)from >= FS__COUNT || !(t->from & FS_BIT(from))) return FR_WRONG_STATE;
    if (who->role == ROLE_INSPECTOR && t->inspector_from && !(t->inspector_from & FS_BIT(from))) return FR_ROLE;
    if ((r = finding_needs(t->needs | (in->is_approval ? t->needs_approved : t->needs_refused), in)) != FR_OK) return r;
    if (act == FA_CLOSE && in->needs_onsite && !in->has_onsite) return FR_ONSITE_REQUIRED;
    if (next) *next = t->to == FS_SAME ? from : (finding_state_t)t->to;
    if (next && act == FA_CLOSE && in->needs_review && who->role != ROLE_ADMIN) *next = FS_REVIEW;
    return FR_OK;
}

/* The 0 / 1 (严重 and 红线) / 2 (all) settings of close_review and close_onsite. */
static bool severity_setting_applies(int setting, finding_severity_t sev) {
    return setting >= 2 || (setting == 1 && (sev == SEV_SEVERE || sev == SEV_RED_LINE));
}

bool finding_close_needs_review(const finding_rules_t *r, finding_severity_t sev) {
    return severity_setting_applies(r->close_review, sev);
}

bool finding_close_needs_onsite(const finding_rules_t *r, finding_severity_t sev) {
    return severity_setting_applies(r->close_onsite, sev);
}

bool finding_verify_due(const finding_rules_t *r, const char *since, char *out, size_t n) {
    return finding_date_add(since, r->verify_days, out, n);
}

/* ---- severities and clocks ---- */

static const char *const sev_names[SEV__COUNT] = {"general", "serious", "severe", "red_line"};
static const char *const sev_labels[SEV__COUNT] = {"一般", "较重", "严重", "红线"};

int finding_severity_parse(const char *name) {
    for (int i = 0; name && i < SEV__COUNT; i++)
        if (strcmp(name, sev_names[i]) == 0) return i;
    return -1;
}
const char *finding_severity_name(finding_severity_t s) {
    return (unsigned)s < SEV__COUNT ? sev_names[s] : "";
}
const char *finding_severity_label_zh(finding_severity_t s) {
    return (unsigned)s < SEV__COUNT ? sev_labels[s] : "";
}

void finding_rules_defaults(finding_rules_t *r) {
    /* 红线 (safety hazards, 违规收费...) are pressed at once; the rest follow the provincial
     * example of 30 days for a rectification report (standards.md §4.1). */
    *r = (finding_rules_t){
        .days = {30, 20, 10, 3},
        .remind_days = 3,
        .order_after_days = 7,
        .interview_after_days = 21,
        .returns_for_accountability = 2,
        .overdue_for_accountability = 3,
        .recurrence_window_days = 365,
        .recurrence_county_schools = 5,
        .reinspect_sample_percent = 20,
        .close_review = 0,
        .verify_days = 7,
        .close_onsite = 0,
    };
}

static const char *const rule_names[] = {"finding.days.general",
                                         "finding.days.serious",
                                         "finding.days.severe",
                                         "finding.days.red_line",
                                         "finding.remind_days",
                                         "finding.order_after_days",
                                         "finding.interview_after_days",
                                         "finding.returns_for_accountability",
                                         "finding.overdue_for_accountability",
                                         "finding.recurrence_window_days",
                                         "finding.recurrence_county_schools",
                                         "finding.reinspect_sample_percent",
                                         "finding.close_review",
                                         "finding.verify_days",
                                         "finding.close_onsite",
                                         NULL};

const char *const *finding_rules_names(void) {
    return rule_names;
}

bool finding_rules_apply(finding_rules_t *r, const char *name, int v) {
    int *slots[] = {&r->days[0],
                    &r->days[1],
                    &r->days[2],
                    &r->days[3],
                    &r->remind_days,
                    &r->order_after_days,
                    &r->interview_after_days,
                    &r->returns_for_accountability,
                    &r->overdue_for_accountability,
                    &r->recurrence_window_days,
                    &r->recurrence_county_schools,
                    &r->reinspect_sample_percent,
                    &r->close_review,
                    &r->verify_days,
                    &r->close_onsite};
    for (size_t i = 0; rule_names[i]; i++) {
        if (strcmp(name, rule_names[i]) != 0) continue;
        bool is_percent = slots[i] == &r->reinspect_sample_percent;
        if (slots[i] == &r->close_review || slots[i] == &r->close_onsite) {
            if (v < 0 || v > 2) return false;
        } else if (is_percent ? (v < 0 || v > 100) : (v < 1 || v > 3650)) {
            return false;
        }
        *slots[i] = v;
        return true;
    }
    return false;
}

/* Howard Hinnant's days-from-civil: exact for the proleptic Gregorian calendar. */
static int days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool finding_date_to_days(const char *s, int *out) {
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
    bool is_leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && is_leap)) return false;
    *out = days_from_civil(y, m, d);
    return true;
}

void finding_days_to_date(int z, char *out, size_t n) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    snprintf(out, n, "%04d-%02d-%02d", y, m, d);
}

bool finding_date_add(const char *date, int n, char *out, size_t out_n) {
    int d;
    if (!finding_date_to_days(date, &d)) return false;
    finding_days_to_date(d + n, out, out_n);
    return true;
}

bool finding_default_deadline(const finding_rules_t *r, finding_severity_t sev, const char *issued_on, char *out,
                              size_t n) {
    if ((unsigned)sev >= SEV__COUNT) return false;
    return finding_date_add(issued_on, r->days[sev], out, n);
}

finding_escalation_t finding_escalation_due(const finding_rules_t *r, int deadline, int today) {
    int late = today - deadline; /* days past the deadline; the deadline day itself is still on time */
    if (late > r->interview_after_days) return ESC_INTERVIEW;
    if (late > r->order_after_days) return ESC_ORDER;
    if (late > 0) return ESC_OVERDUE;
    if (-late <= r->remind_days) return ESC_REMINDED;
    return ESC_NONE;
}

const char *finding_escalation_name(finding_escalation_t e) {
    static const char *const names[] = {"none", "reminded", "overdue", "order", "interview"};
    return (unsigned)e <= ESC_INTERVIEW ? names[e] : "";
}

/* ---- 问责 ---- */

static const char *const unit_measures[] = {"public_criticism",       "interview", "bulletin", "resource_adjustment",
                                            "administrative_penalty", NULL};
static const char *const person_measures[] = {"order_self_examination",
                                              "interview",
                                              "criticism_bulletin",
                                              "organizational_handling",
                                              "sanction",
                                              "referral",
                                              NULL};
static const char *const private_measures[] = {"order_self_examination",
                                               "interview",
                                               "criticism_bulletin",
                                               "organizational_handling",
                                               "sanction",
                                               "referral",
                                               "confiscation",
                                               "practice_ban",
                                               "credit_record",
                                               NULL};

const char *const *finding_accountability_measures(const char *kind) {
    if (!kind) return NULL;
    if (strcmp(kind, "unit") == 0) return unit_measures;
    if (strcmp(kind, "person") == 0) return person_measures;
    if (strcmp(kind, "private_person") == 0) return private_measures;
    return NULL;
}

bool finding_accountability_measure_ok(const char *kind, const char *measure) {
    const char *const *m = finding_accountability_measures(kind);
    for (; m && measure && *m; m++)
        if (strcmp(*m, measure) == 0) return true;
    return false;
}

const char *finding_accountability_measure_zh(const char *m) {
    static const struct {
        const char *code, *zh;
    } labels[] = {
        {"public_criticism", "公开批评"},
        {"interview", "约谈"},
        {"bulletin", "督导通报"},
        {"resource_adjustment", "资源调整"},
        {"administrative_penalty", "行政处罚"},
        {"order_self_examination", "责令检查"},
        {"criticism_bulletin", "通报批评"},
        {"organizational_handling", "组织处理"},
        {"sanction", "处分"},
        {"referral", "移交监察机关或司法机关"},
        {"confiscation", "依法罚没违法所得"},
        {"practice_ban", "从业禁止"},
        {"credit_record", "纳入诚信记录"},
    };
    for (size_t i = 0; m && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].code, m) == 0) return labels[i].zh;
    return "";
}

bool finding_accountability_deadlines(const char *decided_on, char *ra, char *rd, char *aa, char *ad) {
    int d;
    if (!finding_date_to_days(decided_on, &d)) return false;
    finding_days_to_date(d + 30, ra, 11);      /* 复核: apply within 30 days of the decision */
    finding_days_to_date(d + 30 + 30, rd, 11); /* ... decided within 30 days */
    finding_days_to_date(d + 15, aa, 11);      /* 申诉 directly: within 15 days */
    finding_days_to_date(d + 15 + 60, ad, 11); /* ... decided within 60 days */
    return true;
}

bool finding_accountability_is_repeat(const char *decided_on, const char *previous_on) {
    int a, b;
    if (!finding_date_to_days(decided_on, &a) || !finding_date_to_days(previous_on, &b)) return false;
    return a >= b && a - b <= 365;
}
