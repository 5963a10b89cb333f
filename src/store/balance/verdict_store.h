/* verdict_store: the county-level items of the whole 均衡 verdict (balance_county_item,
 * migration 016): what a county entered, its state and the city's check.
 *
 * Scope is in the SQL: the list takes a scope_t and returns only rows of counties inside it
 * (scope_and_region_code). Memory of results is in the arena. Not thread-safe per db_t. */
#ifndef DUDAO_VERDICT_STORE_H
#define DUDAO_VERDICT_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "store/scope.h"

typedef struct verdict_item_row {
    int64_t id;
    const char *county_code, *item_key;
    int64_t school_year;
    const char *value; /* JSON object: check key → number or boolean */
    const char *note, *status, *check_note;
    int64_t entered_by, entered_at, checked_by, checked_at; /* 0 when not checked */
    const char *entered_by_name, *checked_by_name;
} verdict_item_row_t;

/* The items of a county and year inside the scope, by key. */
err_t *verdict_store_items(db_t *db, arena_t *a, const scope_t *sc, const char *county_code, int64_t school_year,
                           verdict_item_row_t **out, size_t *n_out);
/* One item; *found false when the county has not entered it. */
err_t *verdict_store_item_get(db_t *db, arena_t *a, const char *county_code, int64_t school_year, const char *key,
                              verdict_item_row_t *out, bool *found);
/* Enters (or re-enters) an item: status submitted, the check cleared; *id receives its id,
 * which stays the same across re-entries (the attachments hang on it). */
err_t *verdict_store_item_put(db_t *db, arena_t *a, const char *county_code, int64_t school_year, const char *key,
                              const char *value, const char *note, int64_t user_id, int64_t now, int64_t *id);
/* The city's check: status approved or returned, with its note. */
err_t *verdict_store_item_check(db_t *db, arena_t *a, int64_t id, const char *status, const char *note, int64_t user_id,
                                int64_t now);

#endif
