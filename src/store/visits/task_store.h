/* task_store: 督导任务 (tasks), their team (task_member), targets (task_target: a school or,
 * for 督政, a government's region) and the comprehensive workflow's history (task_step).
 *
 * Scope is in the SQL (design.md): an admin or leader reads the tasks of its region subtree;
 * an inspector account only the tasks it is on; a school account only tasks that target it
 * and are announced — an unannounced (四不两直) task appears to the school only once a visit
 * of that school is submitted. Outside scope is ERR_NOT_FOUND. Memory is in the arena. */
#ifndef DUDAO_TASK_STORE_H
#define DUDAO_TASK_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "store/scope.h"

typedef struct task_member_row {
    int64_t inspector_id;
    const char *name;
    const char *role; /* leader | member */
    int64_t user_id;
} task_member_row_t;

/* A team member who is not a 督学 (task_expert): its account, kind and organisation. */
typedef struct task_expert_row {
    int64_t user_id;
    const char *name;
    const char *kind; /* department | professional */
    const char *org;
    int64_t expires_at;
} task_expert_row_t;

/* A non-inspector member's 专业意见 on a target. */
typedef struct task_expert_note_row {
    int64_t id, target_id, user_id;
    const char *by_name, *text;
    int64_t created_at;
} task_expert_note_row_t;

typedef struct task_target_row {
    int64_t id;
    int64_t task_id;
    int64_t school_id; /* 0 for a government target */
    const char *school_name;
    int64_t unit_id; /* the 被督导单位 of a 督政 target; 0 otherwise */
    const char *unit_name;
    const char *region_code;
    const char *region_name;
    const char *status; /* pending | visited */
    int64_t visit_id;   /* the visit opened for it (draft or submitted), 0 none */
    const char *visit_status;
    const char *school_lat, *school_lng;
    const char *step; /* 专项/综合: the target's current step of the 条例 procedure; NULL otherwise */
} task_target_row_t;

typedef struct task_step_row {
    int64_t id;
    int64_t target_id; /* the target whose step it is (0: a task-wide step of an older task) */
    const char *step;
    const char *note;
    int64_t attachment_id;
    const char *done_by_name;
    int64_t done_at;
} task_step_row_t;

typedef struct task_hearing_row { /* 听取意见、座谈会 (条例第十九条) */
    int64_t id, target_id;
    const char *kind; /* public | students | parents | teachers */
    const char *held_on;
    int64_t n_participants;
    const char *summary, *recorded_by_name;
} task_hearing_row_t;

typedef struct task {
    int64_t id;
    const char *kind;
    const char *title;
    const char *region_code;
    const char *region_name;
    int64_t framework_version_id;
    const char *framework_code;
    const char *notice_mode; /* announced | unannounced */
    const char *month;
    int64_t owner_inspector_id;
    const char *starts_on;
    const char *due_on;
    const char *status; /* open | done | cancelled */
    const char *step;
    const char *description;
    const char *notice_text;
    int64_t created_by;
    int64_t created_at;
    int64_t updated_at;
    int64_t n_targets;
    int64_t n_visited;
    int64_t n_started; /* visits opened (draft or submitted) */
    task_member_row_t *members;
    size_t n_members;
    task_target_row_t *targets;
    size_t n_targets_loaded;
    task_step_row_t *steps;
    size_t n_steps;
    task_hearing_row_t *hearings; /* school accounts: their own target's only */
    size_t n_hearings;
    task_expert_row_t *experts;
    size_t n_experts;
    task_expert_note_row_t *expert_notes; /* the supervising side only: none for a school or unit account */
    size_t n_expert_notes;
} task_t;

typedef struct task_filter {
    const char *kind;
    const char *status;
    const char *month;
    const char *q;     /* title contains */
    int64_t school_id; /* targets this school */
    int64_t inspector_id;
    const char *due_before; /* due_on < this date (overdue lists) */
    int64_t limit;
    int64_t offset;
} task_filter_t;

/* Loads members, targets (school accounts: only their own) and steps (school accounts: only
 * their own target's). */
err_t *task_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, task_t *out);
/* Lists without members/targets; n_targets/n_visited are counted. */
err_t *task_store_list(db_t *db, arena_t *a, const scope_t *sc, const task_filter_t *f, task_t **out, size_t *n_out,
                       int64_t *total);
err_t *task_store_insert(db_t *db, arena_t *a, task_t *t, int64_t now);
err_t *task_store_update(db_t *db, arena_t *a, const task_t *t, int64_t now);
err_t *task_store_add_member(db_t *db, arena_t *a, int64_t task_id, int64_t inspector_id, const char *role);
/* Adds a school target (school_id > 0) or a government target; *added is false when it was
 * there already (idempotent generation). */
err_t *task_store_add_target(db_t *db, arena_t *a, int64_t task_id, int64_t school_id, const char *region_code,
                             int64_t now, bool *added);
err_t *task_store_get_target(db_t *db, arena_t *a, int64_t target_id, task_target_row_t *out);
err_t *task_store_target_visited(db_t *db, arena_t *a, int64_t target_id, int64_t visit_id);
/* Records a step done for one target (target_id > 0) of the task. */
err_t *task_store_add_step(db_t *db, arena_t *a, int64_t task_id, int64_t target_id, const char *step, const char *note,
                           int64_t attachment_id, int64_t user_id, int64_t now);
/* Adds a non-inspector member (ERR_CONFLICT: already on the team) or removes one (*removed false:
 * it was not on it). */
err_t *task_store_add_expert(db_t *db, arena_t *a, int64_t task_id, int64_t user_id, const char *kind, const char *org,
                             int64_t by, int64_t now);
err_t *task_store_remove_expert(db_t *db, arena_t *a, int64_t task_id, int64_t user_id, bool *removed);
err_t *task_store_add_expert_note(db_t *db, arena_t *a, int64_t task_id, int64_t target_id, int64_t user_id,
                                  const char *text, int64_t now, int64_t *id);

err_t *task_store_add_hearing(db_t *db, arena_t *a, int64_t task_id, int64_t target_id, const char *kind,
                              const char *held_on, int64_t n_participants, const char *summary, int64_t user_id,
                              int64_t now);
/* Moves one target to its next step. */
err_t *task_store_set_target_step(db_t *db, arena_t *a, int64_t target_id, const char *step);
/* The routine task of an inspector for a month, 0 when none. */
/* *is_on_task: attachment_id is owned by the task or belongs to one of its target schools. */
err_t *task_store_attachment_on_task(db_t *db, arena_t *a, int64_t task_id, int64_t attachment_id, bool *is_on_task);
err_t *task_store_find_routine(db_t *db, arena_t *a, int64_t inspector_id, const char *month, int64_t *id);
/* Is the inspector account on the task? *role NULL when not; else "leader" or "member". */
err_t *task_store_member_role(db_t *db, arena_t *a, int64_t task_id, int64_t user_id, const char **role,
                              int64_t *inspector_id);

/* One line of an inspector's agenda (今日督导): a target of an open task the account is on,
 * not yet submitted. */
typedef struct task_agenda_row {
    int64_t task_id;
    const char *task_title;
    const char *kind;
    const char *notice_mode;
    const char *due_on;
    int64_t target_id;
    int64_t school_id;
    const char *school_name;
    const char *region_code;
    const char *region_name;
    int64_t visit_id; /* a draft already opened, 0 none */
    const char *visit_date;
} task_agenda_row_t;
/* For routine generation: every open assignment (挂牌, lead and member: every 责任督学) in force by `last_day` of an
 * active inspector appointed inside scope_path, of an open school; ordered by inspector. */
typedef struct task_routine_pair {
    int64_t inspector_id;
    const char *inspector_name;
    const char *inspector_region;
    int64_t school_id;
    const char *school_region;
} task_routine_pair_t;
err_t *task_store_routine_pairs(db_t *db, arena_t *a, const char *scope_path, const char *last_day,
                                task_routine_pair_t **out, size_t *n_out);

err_t *task_store_agenda(db_t *db, arena_t *a, int64_t user_id, task_agenda_row_t **out, size_t *n_out);

#endif
