#include "store/platform/region_store.h"

#include <string.h>

#include "store/rows.h"


static const store_col_t region_cols[] = {
    SC_T(region_t, code), SC_T(region_t, name), SC_T(region_t, level), SC_T(region_t, parent_code),
    SC_T(region_t, path),
};
static const store_map_t region_map = STORE_MAP(region_t, region_cols, NULL);

err_t *region_store_get(db_t *db, arena_t *a, const char *scope_path, const char *code, region_t *out) {
    db_rows_t r;
    err_t *e =
        db_query(db, a, "SELECT code, name, level, parent_code, path FROM region WHERE code = $1 AND path LIKE $2",
                 DB_P(DBV_S(code), DBV_S(scope_like(a, scope_path))), &r);
    if (e) return e;
    if (r.n_rows == 0)
        return err_newf(a, ERR_NOT_FOUND, "region_code", "行政区划 %s 不存在或不在权限范围内",
                        "region %s not found or outside your scope", code, code);
    store_map_row(&region_map, &r, 0, out);
    return NULL;
}

err_t *region_store_list(db_t *db, arena_t *a, const char *scope_path, region_t **out, size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT code, name, level, parent_code, path FROM region WHERE path LIKE $1 ORDER BY path",
                        DB_P(DBV_S(scope_like(a, scope_path))), &r);
    if (!e) store_map_rows(a, &r, &region_map, out, n_out);
    return e;
}

err_t *region_store_count_beside(db_t *db, arena_t *a, const char *scope_path, int64_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT COUNT(*) FROM region WHERE path NOT LIKE $1 AND substr(CAST($2 AS TEXT), 1, "
                        "length(path)) <> path",
                        DB_P(DBV_S(scope_like(a, scope_path)), DBV_S(scope_path)), &r);
    if (!e) *n = db_scalar_int(&r, 0);
    return e;
}

err_t *region_store_insert(db_t *db, arena_t *a, const char *code, const char *name, const char *level,
                           const char *parent_code) {
    const char *path;
    if (parent_code) {
        region_t parent;
        err_t *e = region_store_get(db, a, "/", parent_code, &parent);
        if (e) return e;
        path = arena_printf(a, "%s%s/", parent.path, code);
    } else {
        path = arena_printf(a, "/%s/", code);
    }
    return db_query(db, a, "INSERT INTO region (code, name, level, parent_code, path) VALUES ($1, $2, $3, $4, $5)",
                    DB_P(DBV_S(code), DBV_S(name), DBV_S(level), DBV_S(parent_code), DBV_S(path)), NULL);
}

err_t *region_store_rename(db_t *db, arena_t *a, const char *code, const char *name) {
    return db_query(db, a, "UPDATE region SET name = $2 WHERE code = $1", DB_P(DBV_S(code), DBV_S(name)), NULL);
}
