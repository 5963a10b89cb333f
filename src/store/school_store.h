/* school_store: the school list as far as the foundation needs it (school accounts point at a
 * school; scope checks). The schools capability extends the table and this module.
 * Every read is limited to scope_path in SQL. */
#ifndef DUDAO_SCHOOL_STORE_H
#define DUDAO_SCHOOL_STORE_H

#include "store/db.h"

typedef struct school {
    int64_t id;
    const char *code; /* 学校标识码 */
    const char *name;
    const char *region_code;
} school_t;

typedef struct school_filter {
    const char *q;           /* name or code contains */
    const char *region_code; /* inside this region (already checked to be in scope) */
    int64_t limit;
    int64_t offset;
} school_filter_t;

/* ERR_NOT_FOUND (field "school_id") when absent or outside scope. */
err_t *school_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, school_t *out);
err_t *school_store_list(db_t *db, arena_t *a, const char *scope_path, const school_filter_t *f, school_t **out,
                         size_t *n_out, int64_t *total);
err_t *school_store_insert(db_t *db, arena_t *a, const char *code, const char *name, const char *region_code,
                           int64_t now, int64_t *id_out);

#endif
