/* coverage_store: the 挂牌督导 coverage report's queries (who is covered, who is short),
 * all within a scope (store/scope.h: the region part; the report is an office's view).
 * Open schools only. Rows are in the arena; thread-safe per connection. */
#ifndef DUDAO_COVERAGE_STORE_H
#define DUDAO_COVERAGE_STORE_H

#include "store/db.h"
#include "store/scope.h"

typedef struct coverage_county {
    const char *code, *name;
    int64_t n_schools, n_covered, n_without_zone; /* covered: with a current lead 责任督学 */
} coverage_county_t;

typedef struct coverage_school {
    int64_t id;
    const char *code, *name, *region_name, *type_code, *county_code;
    int64_t n_inspectors; /* current assignments (central_short only) */
} coverage_school_t;

typedef struct coverage_inspector {
    int64_t id;
    const char *name, *kind;
    int64_t n_schools;
} coverage_inspector_t;

/* Per county (the county of a town is its parent), in code order. */
err_t *coverage_store_counties(db_t *db, arena_t *a, const scope_t *sc, coverage_county_t **out, size_t *n);
/* Schools without a current lead (at most limit, code order). */
err_t *coverage_store_gaps(db_t *db, arena_t *a, const scope_t *sc, int64_t limit, coverage_school_t **out, size_t *n);
/* Schools in no zone (at most limit, code order), with their county code. */
err_t *coverage_store_without_zone(db_t *db, arena_t *a, const scope_t *sc, int64_t limit, coverage_school_t **out,
                                   size_t *n);
/* Central schools under county_code with fewer than central_min current inspectors. */
err_t *coverage_store_central_short(db_t *db, arena_t *a, const scope_t *sc, const char *county_code,
                                    int64_t central_min, coverage_school_t **out, size_t *n);
/* Inspectors (by their region) holding more than warn_above schools, most first. */
err_t *coverage_store_over_capacity(db_t *db, arena_t *a, const scope_t *sc, int64_t warn_above,
                                    coverage_inspector_t **out, size_t *n);

#endif
