/* task_svc: 督导任务 — planning and following the office's supervision work.
 *
 * - routine (经常性督导) tasks are generated, one per responsible inspector per month, with
 *   the inspector's schools (挂牌, lead) as targets and the routine framework's current
 *   version; generation is idempotent: running it again adds only what is new (a school
 *   assigned since), never a second task;
 * - followup, special, comprehensive and government tasks are planned by an admin with a
 *   framework version, inspectors (one leader) and targets, checked by core/task_flow;
 *   inspectors with a declared relation to a target school (回避, 条例第十条) are refused;
 * - a comprehensive task walks the steps of core/task_flow, each recorded and audited.
 * Scope: see task_store.h. Every change is one transaction with an audit row. */
#ifndef DUDAO_TASK_SVC_H
#define DUDAO_TASK_SVC_H

#include <jansson.h>

#include "store/visits/task_store.h"
#include "svc/svc.h"

/* The SQL scope of an actor for tasks. */
scope_t task_scope_of(const actor_t *who);
/* New reference; details (members, targets, steps) when loaded. */
json_t *task_to_json(const task_t *t);

typedef struct task_member_in {
    int64_t inspector_id;
    const char *role; /* leader | member */
} task_member_in_t;

typedef struct task_input {
    const char *kind;
    const char *title;
    const char *notice_mode;      /* announced (default) | unannounced */
    int64_t framework_version_id; /* 0: the routine framework's current version */
    const char *starts_on, *due_on;
    const char *description;
    const char *notice_text;
    task_member_in_t *members;
    size_t n_members;
    int64_t *school_ids;
    size_t n_schools;
    const char **government_codes; /* 督政: region codes of the governments */
    size_t n_governments;
    int64_t *unit_ids; /* 督政: supervised units (乡镇政府/街道, 部门; the units capability) */
    size_t n_units;
} task_input_t;

err_t *task_svc_create(svc_t *s, arena_t *a, const actor_t *who, const task_input_t *in, task_t *out);
err_t *task_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, task_t *out);
err_t *task_svc_list(svc_t *s, arena_t *a, const actor_t *who, const task_filter_t *f, task_t **out, size_t *n,
                     int64_t *total);
/* Changes title, dates, description; status 'cancelled' or 'done' (admin). NULL leaves a field. */
err_t *task_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *title, const char *starts_on,
                       const char *due_on, const char *description, const char *status, task_t *out);

/* Completes one target's current step `step` (which must be its current one) of a 专项 or 综合
 * task with a note and optionally an attachment (自评报告, 申辩材料, 整改报告). target_id names
 * the task_target; 0 means a school account's own target, or the only target. A school account
 * reaches only its own target. */
err_t *task_svc_complete_step(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t target_id, const char *step,
                              const char *note, int64_t attachment_id, task_t *out);

/* The office's 机关代字 (setting doc.agency_code of the admin's region, e.g. 德教督), used by
 * every numbered document (core/doc_no through svc_doc_no): {agency_code (NULL: unset),
 * example}. set: ERR_INVALID unless 1–8 CJK/ASCII letters ending in 督; admins only. */
err_t *task_svc_agency_code_get(svc_t *s, arena_t *a, const actor_t *who, json_t **out);
err_t *task_svc_agency_code_set(svc_t *s, arena_t *a, const actor_t *who, const char *code, json_t **out);

/* Records 听取公众意见 or a 座谈会 with students, parents or teachers (条例第十九条) for one
 * target, while it is after the notice and before the 初步意见; by the team or the office. */
err_t *task_svc_add_hearing(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t target_id, const char *kind,
                            const char *held_on, int64_t n_participants, const char *summary, task_t *out);

/* The cycles: each school's 综合督导 every N years (setting visits.comprehensive_cycle_years,
 * 3–5, default 5) and each 乡镇's 督政 at least every 5 years (visits.town_cycle_years, ≤ 5):
 * {years, town_years, schools: [{school_id, code, name, last_on, due_on, state}], towns: [...],
 * totals: {never, overdue, due, ok}} with state never | overdue | due | ok (core task_cycle_check). */
err_t *task_svc_cycles(svc_t *s, arena_t *a, const actor_t *who, json_t **out);

/* Inside a caller's transaction: may the 督导意见书 of the target be issued now? ERR_CONFLICT
 * before the 申辩 is done (条例第二十、二十一条); NULL for kinds without the procedure. */
err_t *task_svc_opinion_check_tx(db_t *db, arena_t *a, int64_t task_id, int64_t target_id);
/* Inside a caller's transaction: the 意见书 was issued; the target moves to its 整改报告 step. */
err_t *task_svc_on_opinion_issued_tx(db_t *db, arena_t *a, const actor_t *who, int64_t task_id, int64_t target_id,
                                     const char *doc_no);

typedef struct task_gen_stats {
    int64_t n_inspectors;
    int64_t n_tasks_created;
    int64_t n_targets_added;
    int64_t n_targets_off_session; /* schools skipped: the month is out of session in their 校历 */
} task_gen_stats_t;

/* Generates the routine tasks of `month` ("YYYY-MM") for the whole database, as the system
 * (the CLI and the scheduler). Idempotent. */
err_t *task_svc_generate_routine(svc_t *s, arena_t *a, const char *month);
/* The same within the caller's scope (an admin), with counts. */
err_t *task_svc_generate_routine_in(svc_t *s, arena_t *a, const actor_t *who, const char *month,
                                    task_gen_stats_t *stats);

/* The published framework versions a task can pin, for planning: [{version_id, code, name,
 * version, source}] (new reference). */
err_t *task_svc_frameworks(svc_t *s, arena_t *a, const actor_t *who, json_t **out);

/* The inspector's agenda (今日督导): open targets of its tasks, overdue first; new reference. */
err_t *task_svc_agenda(svc_t *s, arena_t *a, const actor_t *who, json_t **out);

/* Called by visit_svc inside its transaction when a target's visit is submitted: marks the
 * target visited, and closes a non-comprehensive task whose targets are all visited, or moves a
 * comprehensive task's onsite step on. */
err_t *task_svc_on_visit_submitted_tx(db_t *db, arena_t *a, const actor_t *who, int64_t task_id, int64_t target_id,
                                      int64_t visit_id);

/* Team members who are not 督学 (《教育督导条例》第十六条: 有关部门 staff, 专业人员). The office adds
 * an account of role expert (valid, not disabled, in its region) with its kind (department |
 * professional) and organisation to an open task, or removes it; the member then reads that
 * task (all its targets) and records 专业意见 on a target, which the team and the office read. */
err_t *task_svc_add_expert(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t user_id, const char *kind,
                           const char *org, task_t *out);
err_t *task_svc_remove_expert(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t user_id, task_t *out);
err_t *task_svc_add_expert_note(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t target_id,
                                const char *text, task_t *out);

#endif
