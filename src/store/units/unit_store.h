/* unit_store: the SQL of the supervised units (tables unit, unit_assessment, unit_grade_rules,
 * migration 018). Reads take a scope (store/scope.h): the region subtree of the unit's county,
 * and for a 被督导单位 account only its own unit. Results live in the arena; one connection,
 * not thread-safe across threads on one db_t. Errors as db_query; ERR_NOT_FOUND (field id)
 * for a unit outside the scope, ERR_CONFLICT (field name) for a repeated name in a county. */
#ifndef DUDAO_UNIT_STORE_H
#define DUDAO_UNIT_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "store/scope.h"

typedef struct unit {
    int64_t id;
    const char *county_code, *region_code, *region_name;
    const char *kind, *name, *dept_code, *status;
    int64_t created_at, updated_at;
} unit_t;

err_t *unit_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, unit_t *out);
/* The units of county_code (NULL: all in scope) of kind (NULL: any), by kind then name. */
err_t *unit_store_list(db_t *db, arena_t *a, const scope_t *sc, const char *county_code, const char *kind,
                       unit_t **out, size_t *n);
err_t *unit_store_insert(db_t *db, arena_t *a, const unit_t *u, int64_t now, int64_t *id);
err_t *unit_store_update(db_t *db, arena_t *a, const unit_t *u, int64_t now);

typedef struct unit_assessment {
    int64_t id, unit_id, year;
    const char *self_report; /* NULL: not written */
    int64_t self_report_at, published_at;
    bool has_score;
    double score;
    int64_t n_downgrades, n_vetoes;
    const char *note, *grade; /* grade: excellent | good | pass | fail, NULL ungraded */
    int64_t graded_at;
} unit_assessment_t;

/* *found false (and out zeroed with unit_id, year) when the unit has none for the year. */
err_t *unit_store_assessment_get(db_t *db, arena_t *a, int64_t unit_id, int64_t year, unit_assessment_t *out,
                                 bool *found);
/* Inserts or updates (by unit_id, year) every field of x. */
err_t *unit_store_assessment_put(db_t *db, arena_t *a, const unit_assessment_t *x, int64_t now);

/* The latest grade rules of a county; *found false when it has set none. */
err_t *unit_store_rules_get(db_t *db, arena_t *a, const char *county_code, double *excellent, double *good,
                            double *pass, bool *found);
err_t *unit_store_rules_put(db_t *db, arena_t *a, const char *county_code, double excellent, double good, double pass,
                            int64_t user_id, int64_t now);

/* The unit's open overdue 红线 findings (state not closed, deadline before today): a
 * downgrade the ledger gives. */
err_t *unit_store_overdue_red_lines(db_t *db, arena_t *a, int64_t unit_id, const char *today, int64_t *n);

/* Adds the unit as a target of task_id (task_target with unit_id, the unit's region);
 * *added false when it is one already. */
err_t *unit_store_add_task_target(db_t *db, arena_t *a, int64_t task_id, const unit_t *u, int64_t now, bool *added);

typedef struct unit_problem {
    int64_t finding_id, unit_id;
    const char *unit_name, *title, *severity, *state, *deadline;
} unit_problem_t;

/* The findings of the units of a county (the 问题清单), by unit then deadline. */
err_t *unit_store_problems(db_t *db, arena_t *a, const scope_t *sc, const char *county_code, unit_problem_t **out,
                           size_t *n);

#endif
