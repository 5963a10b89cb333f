/* calendar_store: the SQL of the 校历 (calendar_period, migration 021). Scope is the caller's:
 * svc/calendar checks the county against the actor's region before calling. */
#ifndef DUDAO_CALENDAR_STORE_H
#define DUDAO_CALENDAR_STORE_H

#include "store/db.h"

typedef struct cal_row {
    int64_t id;
    const char *county_code;
    int64_t school_year;
    const char *kind, *name, *starts_on, *ends_on;
} cal_row_t;

/* The periods of a county's school year, by start date. */
err_t *cal_store_list(db_t *db, arena_t *a, const char *county_code, int64_t school_year, cal_row_t **out,
                      size_t *n_out);
err_t *cal_store_get(db_t *db, arena_t *a, int64_t id, cal_row_t *out); /* ERR_NOT_FOUND, field "id" */
err_t *cal_store_insert(db_t *db, arena_t *a, cal_row_t *r, int64_t user_id, int64_t now); /* sets r->id */
err_t *cal_store_update(db_t *db, arena_t *a, const cal_row_t *r, int64_t now);
err_t *cal_store_delete(db_t *db, arena_t *a, int64_t id);
/* The county (level 'county') a region lies in (itself when it is one); "" when none. */
err_t *cal_store_county_of(db_t *db, arena_t *a, const char *region_code, const char **out);

#endif
