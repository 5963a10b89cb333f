/* task_flow: the rules of 督导任务 (tasks) — kinds, notice modes, teams — and the step
 * workflow of a 综合督导 from 《教育督导条例》第十六–二十一条:
 *
 *   notice      书面督导通知 sent to the school (第十七条)              by the office
 *   self_eval   the school's 自评报告 uploaded first (第十八条)           by the school (or the office for it)
 *   onsite      现场考察: the team's visit(s), done when every target's visit is submitted
 *   preliminary 初步督导意见 fed back to the school (第二十条)           by the team leader or the office
 *   response    the school's 申辩, or its waiver (第二十条)              by the school (or the office after the
 * deadline) opinion     督导意见书 with 限期整改要求 issued (第二十一条)          by the office closed
 *
 * Steps run in this order only; each is done once and recorded (task_step). Pure data and
 * functions; thread-safe. */
#ifndef DUDAO_TASK_FLOW_H
#define DUDAO_TASK_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/roles.h"

typedef enum task_kind {
    TASK_ROUTINE,       /* 经常性督导 */
    TASK_FOLLOWUP,      /* 随访 */
    TASK_SPECIAL,       /* 专项督导 */
    TASK_COMPREHENSIVE, /* 综合督导 */
    TASK_GOVERNMENT,    /* 督政 */
    TASK_INSPECTION,    /* 督查: an unannounced check (四不两直, 暗访), its own kind, without the 条例 steps */
    TASK__N_KINDS
} task_kind_t;

/* "routine" → TASK_ROUTINE; false for an unknown name. */
bool task_kind_parse(const char *name, task_kind_t *out);
const char *task_kind_name(task_kind_t k);
const char *task_kind_label(task_kind_t k); /* 经常性督导 ... */

typedef enum task_step {
    STEP_NOTICE,
    STEP_SELF_EVAL,
    STEP_ONSITE,
    STEP_PRELIMINARY,
    STEP_RESPONSE,
    STEP_OPINION,
    STEP_RECTIFY, /* 整改报告 by the school (第二十二条) */
    STEP_VERIFY,  /* the office's 核查 of the rectification (第二十二条) */
    STEP_CLOSED,
    STEP__N
} task_step_t;

bool task_step_parse(const char *name, task_step_t *out);
const char *task_step_name(task_step_t s);
const char *task_step_label(task_step_t s); /* 书面通知 ... */

/* The outcome of a rule check: ok, or a machine code and a bilingual message (static text). */
typedef struct task_rule {
    bool is_ok;
    const char *code;    /* e.g. "team_too_small" */
    const char *field;   /* the input at fault */
    const char *message; /* "中文 / English" */
} task_rule_t;

/* Who is completing a step. */
typedef struct task_step_actor {
    role_t role;
    bool is_leader; /* the inspector is the task's team leader */
} task_step_actor_t;

/* May `who` complete step `at` (the task's current step) now? `n_pending_targets` is the number
 * of targets still without a submitted visit (onsite completes only at 0). On success
 * *next is the following step. */
task_rule_t task_flow_complete(task_step_t at, const task_step_actor_t *who, size_t n_pending_targets,
                               task_step_t *next);

/* 专项 and 综合 follow the 条例 procedure (steps kept per target); the others do not. */
bool task_kind_has_procedure(task_kind_t k);

/* May the 督导意见书 of a target be issued when the target is at step `at`? Only once the
 * 初步意见 was given and the target's 申辩 is done or waived (第二十、二十一条), i.e. at
 * STEP_OPINION or later (the step may have been recorded before the document); refused before
 * ("response_pending"). That a visit gets one 意见书 only is the store's rule. */
task_rule_t task_flow_opinion_allowed(task_step_t at);

/* The team and targets a new task needs:
 * - special and comprehensive: ≥ 3 inspectors (第十六条), announced in writing (第十七条);
 *   comprehensive with exactly one leader;
 * - inspection (督查): unannounced is its own kind; it may be unannounced;
 * - government: at least one government target and no school;
 * - other kinds: at least one school and at most one leader; routine tasks are generated only;
 * - unannounced (四不两直) is allowed for routine, followup and inspection only. */
typedef struct task_plan {
    task_kind_t kind;
    bool is_unannounced;
    size_t n_members;
    size_t n_leaders;
    size_t n_schools;
    size_t n_governments;
    bool has_framework;
    bool is_generated; /* created by the routine generator */
} task_plan_t;
task_rule_t task_plan_check(const task_plan_t *p);

/* "YYYY-MM" → first and last day "YYYY-MM-DD" (each needs 11 bytes); false when malformed. */
bool task_month_range(const char *month, char *first, char *last);

/* The 学期 (semester) a date "YYYY-MM-DD" falls in: 秋季学期 1 Sep – 31 Jan, 春季学期 1 Feb –
 * 31 Aug (the summer counts with spring: a visit then is still "this school year"). first and
 * last need 11 bytes; false when the date is malformed. */
bool task_semester_of(const char *date, char *first, char *last);

/* Whole days from date a to date b (b − a; negative when b is earlier); false when malformed. */
bool task_days_between(const char *a, const char *b, int *days);

/* A school's routine-visit coverage against the rules: 每月不少于 per_month (local rules, default
 * 1) and 每学期不少于 2 (条例第十四条), and whether it went unvisited for more than 30 days. */
typedef struct task_coverage {
    bool is_month_ok, is_semester_ok, is_stale;
} task_coverage_t;
task_coverage_t task_coverage_check(int n_month, int n_semester, int per_month, int days_since_last);

/* The cycle of 综合督导 (each school every 3–5 years, a setting) and of 督政 (each 乡镇 at least
 * every 5 years): from the last one's date, the next due date (same day, `years` later; 29 Feb
 * → 28 Feb) and the state on `today`: "never" (none yet: due now), "overdue" (past the due
 * date), "due" (due within 180 days), "ok". years is clamped to 1..10. */
typedef struct task_cycle {
    const char *state;
    char due_on[11]; /* "" when never */
} task_cycle_t;
task_cycle_t task_cycle_check(const char *last_on, const char *today, int years);

/* The 文号 of a document: prefix (the county office's short name, e.g. "德督"), year, and
 * sequence → "德督〔2026〕12号". Returns the bytes written (truncated to n - 1). */
size_t task_doc_number(char *out, size_t n, const char *prefix, int year, int seq);

/* The short name of a county office from the county's name: its first character plus "督"
 * (德清县 → 德督, 长兴县 → 长督). out needs 16 bytes. */
void task_doc_prefix(char *out, size_t n, const char *county_name);

#endif
