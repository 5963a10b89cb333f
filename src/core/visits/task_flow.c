#include "core/visits/task_flow.h"

#include "core/doc_no.h"

#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {"routine", "followup", "special", "comprehensive", "government", "inspection"};
static const char *const kind_labels[] = {"经常性督导", "随访督导", "专项督导", "综合督导", "督政", "督查（暗访）"};
static const char *const step_names[] = {"notice",  "self_eval", "onsite", "preliminary", "response",
                                         "opinion", "rectify",   "verify", "closed"};
static const char *const step_labels[] = {"书面通知",   "学校自评", "现场督导", "初步意见", "学校申辩",
                                          "督导意见书", "整改报告", "整改核查", "已办结"};

bool task_kind_parse(const char *name, task_kind_t *out) {
    for (int i = 0; name && i < TASK__N_KINDS; i++)
        if (strcmp(name, kind_names[i]) == 0) {
            *out = (task_kind_t)i;
            return true;
        }
    return false;
}

const char *task_kind_name(task_kind_t k) {
    return k < TASK__N_KINDS ? kind_names[k] : "";
}

const char *task_kind_label(task_kind_t k) {
    return k < TASK__N_KINDS ? kind_labels[k] : "";
}

bool task_step_parse(const char *name, task_step_t *out) {
    for (int i = 0; name && i < STEP__N; i++)
        if (strcmp(name, step_names[i]) == 0) {
            *out = (task_step_t)i;
            return true;
        }
    return false;
}

const char *task_step_name(task_step_t s) {
    return s < STEP__N ? step_names[s] : "";
}

const char *task_step_label(task_step_t s) {
    return s < STEP__N ? step_labels[s] : "";
}

static task_rule_t ok(void) {
    return (task_rule_t){.is_ok = true};
}

static task_rule_t no(const char *code, const char *field, const char *message) {
    return (task_rule_t){.is_ok = false, .code = code, .field = field, .message = message};
}

task_rule_t task_flow_complete(task_step_t at, const task_step_actor_t *who, size_t n_pending_targets,
                               task_step_t *next) {
    bool is_office = who->role == ROLE_ADMIN;
    bool is_school = who->role == ROLE_SCHOOL || who->role == ROLE_UNIT; /* the supervised side: 学校 or 被督导单位 */
    bool is_leader = who->role == ROLE_INSPECTOR && who->is_leader;
    task_rule_t r = ok();
    switch (at) {
    case STEP_NOTICE:
        if (!is_office)
            r = no("step_not_allowed", "step", "书面督导通知由督导室发出 / the office sends the written notice");
        break;
    case STEP_SELF_EVAL:
    case STEP_RESPONSE:
    case STEP_RECTIFY:
        if (!is_school && !is_office)
            r = no("step_not_allowed", "step",
                   "自评报告、申辩和整改报告由学校或被督导单位提交（或督导室代为登记）/ the school or unit submits its "
                   "self-evaluation, response and rectification report");
        break;
    case STEP_ONSITE:
        if (!is_office && !is_leader)
            r = no("step_not_allowed", "step",
                   "现场督导由组长或督导室确认 / the team leader or the office closes the on-site step");
        else if (n_pending_targets > 0)
            r = no("visits_pending", "step", "尚有学校的督导记录未提交 / some targets have no submitted visit yet");
        break;
    case STEP_PRELIMINARY:
        if (!is_office && !is_leader)
            r = no("step_not_allowed", "step",
                   "初步督导意见由组长或督导室反馈 / the team leader or the office gives the preliminary opinion");
        break;
    case STEP_OPINION:
        if (!is_office) r = no("step_not_allowed", "step", "督导意见书由督导室签发 / the office issues the opinion");
        break;
    case STEP_VERIFY:
        if (!is_office)
            r = no("step_not_allowed", "step", "整改核查由督导室进行 / the office verifies the rectification");
        break;
    case STEP_CLOSED:
    case STEP__N:
        r = no("task_closed", "step", "任务已办结 / the task is closed");
        break;
    }
    if (r.is_ok) *next = (task_step_t)(at + 1);
    return r;
}

bool task_kind_has_procedure(task_kind_t k) {
    return k == TASK_SPECIAL || k == TASK_COMPREHENSIVE;
}

task_rule_t task_flow_opinion_allowed(task_step_t at) {
    if (at < STEP_OPINION)
        return no("response_pending", "step",
                  "初步意见反馈和学校申辩完成后才能签发督导意见书（条例第二十、二十一条）/ the opinion is issued only "
                  "after the preliminary opinion and the school's response");
    return ok(); /* at or after the opinion step: the document itself is issued once per visit (store) */
}

task_rule_t task_plan_check(const task_plan_t *p) {
    if (p->kind >= TASK__N_KINDS) return no("invalid", "kind", "任务类型无效 / unknown task kind");
    if (p->kind == TASK_ROUTINE && !p->is_generated)
        return no("invalid", "kind", "经常性督导任务按月自动生成 / routine tasks are generated monthly");
    if (p->n_members == 0) return no("invalid", "members", "请指派督学 / assign at least one inspector");
    if (p->n_leaders > 1) return no("invalid", "members", "只能有一名组长 / one leader at most");
    if (!p->has_framework) return no("invalid", "framework_version_id", "请选择指标体系 / choose a framework");
    if (task_kind_has_procedure(p->kind)) {
        if (p->n_members < 3)
            return no("team_too_small", "members",
                      "专项督导和综合督导的督导小组应由 3 名以上督学组成（条例第十六条）/ a 专项 or 综合 team has at "
                      "least 3 inspectors");
        if (p->kind == TASK_COMPREHENSIVE && p->n_leaders != 1)
            return no("invalid", "members", "综合督导组须有一名组长 / the team needs one leader");
        if (p->is_unannounced)
            return no("notice_required", "notice_mode",
                      "专项督导和综合督导须提前书面通知（条例第十七条）；不打招呼的检查请建督查任务 / a 专项 or 综合 "
                      "visit is announced in writing; an unannounced check is an inspection task");
    }
    if (p->kind == TASK_GOVERNMENT) {
        if (p->n_schools > 0 || p->n_governments == 0)
            return no("invalid", "government_codes",
                      "督政对象为乡镇或县级人民政府 / 督政 targets governments, not schools");
        if (p->is_unannounced) return no("invalid", "notice_mode", "督政任务须通知 / 督政 is announced");
    } else if (p->n_governments > 0 || p->n_schools == 0) {
        return no("invalid", "school_ids", "请选择督导学校 / choose the schools");
    }
    return ok();
}

static bool is_leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool task_month_range(const char *month, char *first, char *last) {
    if (!month || strlen(month) != 7 || month[4] != '-') return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (month[i] < '0' || month[i] > '9')) return false;
    int y = (month[0] - '0') * 1000 + (month[1] - '0') * 100 + (month[2] - '0') * 10 + (month[3] - '0');
    int m = (month[5] - '0') * 10 + (month[6] - '0');
    if (y < 2000 || y > 2100 || m < 1 || m > 12) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int d = days[m - 1] + (m == 2 && is_leap(y));
    snprintf(first, 11, "%04d-%02d-01", y, m);
    snprintf(last, 11, "%04d-%02d-%02d", y, m, d);
    return true;
}

size_t task_doc_number(char *out, size_t n, const char *prefix, int year, int seq) {
    return doc_no_format(out, n, prefix, year, seq);
}

void task_doc_prefix(char *out, size_t n, const char *county_name) {
    doc_no_prefix(out, n, county_name, "督");
}

static bool date_parts(const char *d, int *y, int *m) {
    if (!d || !time_is_date(d)) return false;
    *y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
    *m = (d[5] - '0') * 10 + (d[6] - '0');
    return true;
}

bool task_semester_of(const char *date, char *first, char *last) {
    int y, m;
    if (!date_parts(date, &y, &m)) return false;
    if (m >= 9) {
        snprintf(first, 11, "%04u-09-01", (unsigned)y % 10000u);
        snprintf(last, 11, "%04u-01-31", (unsigned)(y + 1) % 10000u);
    } else if (m == 1) {
        snprintf(first, 11, "%04u-09-01", (unsigned)(y - 1) % 10000u);
        snprintf(last, 11, "%04u-01-31", (unsigned)y % 10000u);
    } else {
        snprintf(first, 11, "%04u-02-01", (unsigned)y % 10000u);
        snprintf(last, 11, "%04u-08-31", (unsigned)y % 10000u);
    }
    return true;
}

bool task_days_between(const char *a, const char *b, int *days) {
    int64_t ta, tb;
    if (!a || !b || !time_parse_date(a, &ta) || !time_parse_date(b, &tb)) return false;
    *days = (int)((tb - ta) / 86400);
    return true;
}

task_coverage_t task_coverage_check(int n_month, int n_semester, int per_month, int days_since_last) {
    return (task_coverage_t){.is_month_ok = n_month >= (per_month > 0 ? per_month : 1),
                             .is_semester_ok = n_semester >= 2,
                             .is_stale = days_since_last < 0 || days_since_last > 30};
}

task_cycle_t task_cycle_check(const char *last_on, const char *today, int years) {
    task_cycle_t c = {.state = "never", .due_on = ""};
    int y, m;
    if (!last_on || !date_parts(last_on, &y, &m)) return c;
    if (years < 1) years = 1;
    if (years > 10) years = 10;
    int d = (last_on[8] - '0') * 10 + (last_on[9] - '0');
    int ny = y + years;
    if (m == 2 && d == 29 && !is_leap(ny)) d = 28;
    snprintf(c.due_on, sizeof c.due_on, "%04u-%02u-%02u", (unsigned)ny % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
    int left = 0;
    if (!today || !task_days_between(today, c.due_on, &left)) {
        c.state = "ok";
        return c;
    }
    c.state = left < 0 ? "overdue" : left <= 180 ? "due" : "ok";
    return c;
}
