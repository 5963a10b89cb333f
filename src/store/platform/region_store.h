/* region_store: the region tree (GB/T 2260), the root of every scope. A region's `path`
 * ('/330000/330500/330521/') makes "inside this scope" a prefix test in SQL.
 * Functions take a connection; memory of results is in the arena. */
#ifndef DUDAO_REGION_STORE_H
#define DUDAO_REGION_STORE_H

#include "store/db.h"
#include "store/scope.h"

typedef struct region {
    const char *code;
    const char *name;
    const char *level; /* province | city | county | town */
    const char *parent_code;
    const char *path;
} region_t;

/* ERR_NOT_FOUND (field "region_code") unless code exists and lies inside scope_path. */
err_t *region_store_get(db_t *db, arena_t *a, const char *scope_path, const char *code, region_t *out);
/* Every region inside scope_path, ordered by path (parents before children). */
err_t *region_store_list(db_t *db, arena_t *a, const char *scope_path, region_t **out, size_t *n_out);
/* How many regions lie beside scope_path: neither inside it nor one of its ancestors (0 when
 * that jurisdiction spans the whole deployment below its parents). */
err_t *region_store_count_beside(db_t *db, arena_t *a, const char *scope_path, int64_t *n);
/* Renames the region code (codes never change); nothing happens when it does not exist. */
err_t *region_store_rename(db_t *db, arena_t *a, const char *code, const char *name);
/* Inserts a region below parent_code (NULL for a root); computes its path. */
err_t *region_store_insert(db_t *db, arena_t *a, const char *code, const char *name, const char *level,
                           const char *parent_code);

#endif
