/* monitoring_store: the SQL of 质量监测 (tables monitoring_result and monitoring_plan,
 * migration 017). Every read takes the caller's region path and applies it through
 * store/scope.h to the county that holds the rows. Results live in the arena; functions take
 * one connection (not thread-safe across threads on one db_t). Errors as db_query. */
#ifndef DUDAO_MONITORING_STORE_H
#define DUDAO_MONITORING_STORE_H

#include <stdbool.h>

#include "store/db.h"

typedef struct mon_row {
    int64_t id;
    const char *county_code, *region_code, *region_name;
    int64_t school_id; /* 0: a region's figure */
    const char *school_code, *school_name;
    int64_t cycle;
    const char *source, *subject;   /* source: national | provincial | city; subject: core code or "" */
    int64_t grade;                  /* 4 | 8 */
    const char *dimension, *factor; /* "" when not given */
    int64_t n_students;             /* -1 unknown */
    bool has_mean, has_levels, has_diff, has_factor_value;
    double mean_score, levels[4], school_diff, factor_value;
    bool is_unreliable;
} mon_row_t;

typedef struct mon_filter {
    const char *county_code; /* required */
    int64_t cycle;           /* 0: every cycle */
    const char *subject;     /* NULL: every subject */
    int64_t grade;           /* 0: both grades */
} mon_filter_t;

/* Replaces the row with the same key (county, cycle, source, subject, grade, region, school,
 * dimension, factor) by r. */
err_t *mon_store_put(db_t *db, arena_t *a, const mon_row_t *r, int64_t user_id, int64_t now);
/* The rows under f inside scope_path, ordered by cycle, subject, grade, region, school,
 * dimension, factor. */
err_t *mon_store_list(db_t *db, arena_t *a, const char *scope_path, const mon_filter_t *f, mon_row_t **out, size_t *n);
/* The cycles with data of a county inside scope_path, newest first. */
err_t *mon_store_cycles(db_t *db, arena_t *a, const char *scope_path, const char *county_code, int64_t **out,
                        size_t *n);

typedef struct mon_plan {
    int64_t id;
    const char *county_code;
    int64_t cycle;
    const char *subject;
    int64_t grade;
    const char *dimension;
    int64_t school_id; /* 0: the county */
    const char *school_name;
    const char *measures;
    int64_t finding_id;
    const char *finding_state, *finding_deadline; /* read back from the ledger */
    int64_t created_at;
} mon_plan_t;

err_t *mon_store_plan_insert(db_t *db, arena_t *a, const mon_plan_t *p, int64_t user_id, int64_t now, int64_t *id);
/* The plans of a county inside scope_path, newest first, with their finding's state. */
err_t *mon_store_plans(db_t *db, arena_t *a, const char *scope_path, const char *county_code, mon_plan_t **out,
                       size_t *n);

/* The reporting standard in force for region_code: the settings monitoring.min_students and
 * monitoring.min_schools (table jurisdiction_setting) of the region or its nearest ancestor
 * that sets them; *min_students and *min_schools keep their values where none does. */
err_t *mon_store_settings(db_t *db, arena_t *a, const char *region_code, int64_t *min_students, int64_t *min_schools);

#endif
