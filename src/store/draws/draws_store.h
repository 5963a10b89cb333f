/* draws_store: the SQL of 双随机一公开 and 回头看 (tables draw_plan, draw_replacement, migration
 * 020), and the reads the draw needs from the roster and the ledger (pool membership, 回避
 * pairs, the risk counts). Reads that an actor may or may not see take a region path applied
 * through store/scope.h (NULL: the public, which sees only drawn plans). Results live in the
 * arena; one connection per call (not thread-safe across threads on one db_t). Errors as
 * db_query; ERR_NOT_FOUND for a missing plan. */
#ifndef DUDAO_DRAWS_STORE_H
#define DUDAO_DRAWS_STORE_H

#include <jansson.h>
#include <stdbool.h>

#include "store/db.h"

typedef struct draw_row {
    int64_t id;
    const char *region_code, *region_name, *title, *kind;
    const char *target_kind;                          /* school | unit (the pool's ids) */
    const char *items, *school_pool, *inspector_pool; /* JSON text */
    const char *strata;                               /* JSON {"key": p, "issues": p, "ok": p}; NULL: not stratified */
    int64_t n_targets, share_percent;                 /* 0 when not set */
    int64_t inspectors_per_school;
    bool is_weighted, exclude_own;
    const char *state, *seed_hash, *seed, *seed_source, *snapshot, *result; /* NULL when not set */
    int64_t created_by, created_at, committed_at, drawn_at;
} draw_row_t;

err_t *draws_store_insert(db_t *db, arena_t *a, const draw_row_t *d, int64_t now, int64_t *id);
/* scope_path NULL: only a drawn plan (the public page). */
err_t *draws_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, draw_row_t *out);
/* Newest first; scope_path NULL: drawn plans only. */
err_t *draws_store_list(db_t *db, arena_t *a, const char *scope_path, draw_row_t **out, size_t *n);
/* planned → committed; *is_done false when the plan was no longer planned. */
err_t *draws_store_commit(db_t *db, arena_t *a, int64_t id, const char *seed_hash, const char *seed, const char *source,
                          const char *snapshot, int64_t now, bool *is_done);
/* committed → drawn; *is_done false when the plan was no longer committed. */
err_t *draws_store_reveal(db_t *db, arena_t *a, int64_t id, const char *seed, const char *result, int64_t now,
                          bool *is_done);
err_t *draws_store_set_result(db_t *db, arena_t *a, int64_t id, const char *result);

typedef struct draw_replacement {
    int64_t id, plan_id;
    const char *kind;
    int64_t school_id, old_id, new_id;
    const char *reason, *by_name;
    int64_t created_at;
} draw_replacement_t;

err_t *draws_store_replacement_insert(db_t *db, arena_t *a, const draw_replacement_t *r, int64_t user_id, int64_t now);
err_t *draws_store_replacements(db_t *db, arena_t *a, int64_t plan_id, draw_replacement_t **out, size_t *n);

/* True when the school (or inspector, or finding) exists inside scope_path. */
/* The names of schools (kind "school"), units ("unit") or inspectors ("inspector") by id, as an object
 * {"<id>": name} (new reference); ids not found are left out. n ≤ 5000. */
err_t *draws_store_names(db_t *db, arena_t *a, const char *kind, const int64_t *ids, size_t n, json_t **out);
err_t *draws_store_unit_in(db_t *db, arena_t *a, const char *scope_path, int64_t id, bool *yes);
err_t *draws_store_school_in(db_t *db, arena_t *a, const char *scope_path, int64_t id, bool *yes);
err_t *draws_store_inspector_in(db_t *db, arena_t *a, const char *scope_path, int64_t id, bool *yes);
/* A closed finding inside scope_path: its school (0: none) and region; *yes false otherwise. */
err_t *draws_store_closed_finding_in(db_t *db, arena_t *a, const char *scope_path, int64_t id, bool *yes,
                                     int64_t *school_id);

/* The schools an inspector must not be drawn for: declared relations (inspector_relation),
 * and, when with_own, its current 挂牌 schools (assignment). Each pair once. */
typedef struct draw_conflict {
    int64_t school_id;
    const char *reason; /* relation kind, or "own_school" */
} draw_conflict_t;
err_t *draws_store_conflicts(db_t *db, arena_t *a, int64_t inspector_id, bool with_own, draw_conflict_t **out,
                             size_t *n);

/* The risk counts of every school inside scope_path (school_id > 0: that school only), by id. */
typedef struct draw_risk_row {
    int64_t school_id;
    const char *school_name, *region_code;
    int64_t n_open, n_overdue, n_complaints, n_recurrent;
    int64_t n_balance_failing; /* -1 here: the balance capability supplies it (svc/draws) */
} draw_risk_row_t;
err_t *draws_store_risk(db_t *db, arena_t *a, const char *scope_path, int64_t school_id, const char *today,
                        int64_t since, draw_risk_row_t **out, size_t *n);

/* 回头看 by rule: the closed findings of schools inside scope_path closed in [from_ts, to_ts)
 * (0: open-ended) with severity (NULL: any), by id; at most 5000. */
typedef struct draw_closed_finding {
    int64_t id, school_id;
    const char *school_name, *severity, *description;
    int64_t closed_at;
} draw_closed_finding_t;
err_t *draws_store_closed_findings(db_t *db, arena_t *a, const char *scope_path, int64_t from_ts, int64_t to_ts,
                                   const char *severity, draw_closed_finding_t **out, size_t *n);

/* The integer setting name in force for region_code (its own, else the nearest ancestor's);
 * *value unchanged when none. */
err_t *draws_store_setting(db_t *db, arena_t *a, const char *region_code, const char *name, int64_t *value);

#endif
