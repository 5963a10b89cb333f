/* The 突发事件 workflow table (see incident_lifecycle.h). */
#include "core/incidents/incident_lifecycle.h"

#include <stddef.h>
#include <string.h>

static const incident_transition_t table[IA__COUNT] = {
    [IA_HANDLE] = {IA_HANDLE, IS_BIT(IS_RECEIVED), IS_HANDLED, ROLE_ADMIN, true, "handle"},
    [IA_CLOSE] = {IA_CLOSE, IS_BIT(IS_RECEIVED) | IS_BIT(IS_HANDLED), IS_CLOSED, ROLE_ADMIN, true, "close"},
    [IA_TO_FINDING] = {IA_TO_FINDING, IS_BIT(IS_RECEIVED) | IS_BIT(IS_HANDLED), IS_SAME, ROLE_ADMIN, false,
                       "to_finding"},
};

const incident_transition_t *incident_transition(incident_action_t act) {
    return (unsigned)act < IA__COUNT ? &table[act] : NULL;
}

incident_refusal_t incident_check(incident_state_t from, incident_action_t act, role_t role, const char *note,
                                  bool has_finding, incident_state_t *next) {
    const incident_transition_t *t = incident_transition(act);
    if (!t || !(t->roles & role)) return IR_ROLE;
    if ((unsigned)from >= IS__COUNT || !(t->from & IS_BIT(from))) return IR_WRONG_STATE;
    if (act == IA_TO_FINDING && has_finding) return IR_ALREADY_FINDING;
    if (t->needs_note && (!note || !*note)) return IR_NOTE_REQUIRED;
    if (next) *next = t->to == IS_SAME ? from : (incident_state_t)t->to;
    return IR_OK;
}

size_t incident_allowed(incident_state_t from, role_t role, bool has_finding, const char **out) {
    size_t n = 0;
    for (int a = 0; a < IA__COUNT; a++)
        if (incident_check(from, (incident_action_t)a, role, "x", has_finding, NULL) == IR_OK) out[n++] = table[a].name;
    return n;
}

static const char *const state_names[IS__COUNT] = {"received", "handled", "closed"};
static const char *const state_zh[IS__COUNT] = {"已接报", "已处置", "已办结"};

const char *incident_state_name(incident_state_t s) {
    return (unsigned)s < IS__COUNT ? state_names[s] : "";
}
const char *incident_state_label_zh(incident_state_t s) {
    return (unsigned)s < IS__COUNT ? state_zh[s] : "";
}
int incident_state_parse(const char *name) {
    for (int i = 0; name && i < IS__COUNT; i++)
        if (strcmp(name, state_names[i]) == 0) return i;
    return -1;
}
int incident_action_parse(const char *name) {
    for (int i = 0; name && i < IA__COUNT; i++)
        if (strcmp(name, table[i].name) == 0) return i;
    return -1;
}

int incident_refusal_status(incident_refusal_t r) {
    switch (r) {
    case IR_ROLE:
        return 403;
    case IR_WRONG_STATE:
    case IR_ALREADY_FINDING:
        return 409;
    case IR_NOTE_REQUIRED:
        return 400;
    default:
        return 200;
    }
}
const char *incident_refusal_code(incident_refusal_t r) {
    static const char *const c[IR__COUNT] = {"ok", "role", "wrong_state", "note_required", "already_finding"};
    return (unsigned)r < IR__COUNT ? c[r] : "";
}
const char *incident_refusal_zh(incident_refusal_t r) {
    static const char *const c[IR__COUNT] = {"", "只有督导室可以处置突发事件报告", "该报告当前状态不允许此操作",
                                             "请填写处置情况", "该报告已转为问题台账"};
    return (unsigned)r < IR__COUNT ? c[r] : "";
}
const char *incident_refusal_en(incident_refusal_t r) {
    static const char *const c[IR__COUNT] = {"", "only the office handles incident reports",
                                             "not allowed in the report's current state", "give a note on the handling",
                                             "the report is already a finding"};
    return (unsigned)r < IR__COUNT ? c[r] : "";
}

const char *const incident_categories[] = {"accident", "hazard", "public_health", "violence", "disaster",
                                           "other",    NULL};
static const char *const category_zh[] = {"安全事故", "重大隐患", "公共卫生", "欺凌暴力", "自然灾害", "其他"};
const char *const incident_severities[] = {"general", "large", "major", "extreme", NULL};
static const char *const severity_zh[] = {"一般", "较大", "重大", "特别重大"};
static const char *const severity_finding[] = {"serious", "severe", "red_line", "red_line"};

static int index_of(const char *const *list, const char *code) {
    for (int i = 0; code && list[i]; i++)
        if (strcmp(list[i], code) == 0) return i;
    return -1;
}
const char *incident_category_zh(const char *code) {
    int i = index_of(incident_categories, code);
    return i < 0 ? NULL : category_zh[i];
}
const char *incident_severity_zh(const char *code) {
    int i = index_of(incident_severities, code);
    return i < 0 ? NULL : severity_zh[i];
}
const char *incident_finding_severity(const char *severity) {
    int i = index_of(incident_severities, severity);
    return i < 0 ? "serious" : severity_finding[i];
}
