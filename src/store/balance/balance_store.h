/* balance_store: the school statistics of the balance evaluation (balance_stat), the
 * confirmations of data checks (balance_check_ack) and finalised evaluations
 * (balance_evaluation); migration 007.
 *
 * Scope is in the SQL: every read that lists schools takes the caller's region path and
 * returns only schools inside it (and, for a school account, only that school). Memory of
 * results is in the arena. */
#ifndef DUDAO_BALANCE_STORE_H
#define DUDAO_BALANCE_STORE_H

#include <stdbool.h>

#include "core/balance/balance_data.h"
#include "store/db.h"

/* A school of the region with its statistics of a year and of the year before. */
typedef struct balance_school_row {
    int64_t school_id;
    const char *code, *name, *type_code, *region_code, *county_code, *county_name;
    bool has_stat;
    bal_stat_t stat;
    int64_t updated_at;
    bool has_last;
    bal_stat_t last;
} balance_school_row_t;

/* Every open school inside region_code (a county, city or province) and inside scope_path,
 * of the given types (NULL-terminated list; NULL = all), with its statistics of school_year
 * and school_year − 1. school_id > 0 restricts to that school. Ordered by county, code. */
err_t *balance_store_schools(db_t *db, arena_t *a, const char *scope_path, const char *region_code,
                             const char *const *types, int64_t school_id, int64_t school_year,
                             balance_school_row_t **out, size_t *n_out);

/* The statistics of one school and year; *found false when none. */
err_t *balance_store_get(db_t *db, arena_t *a, int64_t school_id, int64_t school_year, bal_stat_t *out, bool *found);

/* Inserts or replaces the statistics of a school and year. */
err_t *balance_store_put(db_t *db, arena_t *a, int64_t school_id, int64_t school_year, const bal_stat_t *s,
                         int64_t user_id, int64_t now);

/* The school years that have statistics inside region_code (newest first, at most 10). */
err_t *balance_store_years(db_t *db, arena_t *a, const char *region_code, int64_t **out, size_t *n_out);

typedef struct balance_ack {
    int64_t school_id;
    const char *code, *field, *value, *note, *by_name;
    int64_t at;
} balance_ack_t;

/* The confirmations of the schools inside region_code for a year. */
err_t *balance_store_acks(db_t *db, arena_t *a, const char *region_code, int64_t school_year, balance_ack_t **out,
                          size_t *n_out);
err_t *balance_store_ack_put(db_t *db, arena_t *a, int64_t school_id, int64_t school_year, const char *code,
                             const char *field, const char *value, const char *note, int64_t user_id, int64_t now);

/* Finalised evaluations. *found false when the county has none for the year. */
err_t *balance_store_final_get(db_t *db, arena_t *a, const char *county_code, int64_t school_year, const char **result,
                               int64_t *finalized_at, bool *found);
err_t *balance_store_final_put(db_t *db, arena_t *a, const char *county_code, int64_t school_year, const char *result,
                               bool is_quality_passed, bool is_basic_passed, int64_t user_id, int64_t now);

/* A province's or city's override of the compiled-in rules (balance_rule_override). */
typedef struct balance_override {
    const char *jurisdiction, *standard, *body;
    int64_t updated_by, updated_at;
    const char *updated_by_name;
} balance_override_t;

/* The overrides of a province and a city (either may be NULL), ordered by jurisdiction (so
 * the province's first), then standard. */
err_t *balance_store_overrides(db_t *db, arena_t *a, const char *province, const char *city, balance_override_t **out,
                               size_t *n_out);
/* Sets (inserts or replaces) one override. */
err_t *balance_store_override_put(db_t *db, arena_t *a, const char *jurisdiction, const char *standard,
                                  const char *body, int64_t user_id, int64_t now);
/* Removes one; *found tells whether there was one. */
err_t *balance_store_override_delete(db_t *db, arena_t *a, const char *jurisdiction, const char *standard, bool *found);

/* A savepoint around one imported row, so a refused row leaves nothing and the import goes
 * on: balance_store_row_begin, then balance_store_row_end with is_kept false to undo it. */
err_t *balance_store_row_begin(db_t *db, arena_t *a);
err_t *balance_store_row_end(db_t *db, arena_t *a, bool is_kept);

#endif
