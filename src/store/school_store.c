#include "store/school_store.h"

#include "store/region_store.h"
#include "store/sqlb.h"

static const char school_cols[] =
    "SELECT s.id, s.code, s.name, s.region_code FROM school s JOIN region r ON r.code = s.region_code ";

static void school_from_row(const db_rows_t *r, size_t i, school_t *out) {
    out->id = db_cell_int(r, i, 0);
    out->code = db_cell(r, i, 1);
    out->name = db_cell(r, i, 2);
    out->region_code = db_cell(r, i, 3);
}

err_t *school_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, school_t *out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT s.id, s.code, s.name, s.region_code FROM school s JOIN region r ON r.code = "
                        "s.region_code WHERE s.id = $1 AND r.path LIKE $2",
                        DB_P(DBV_I(id), DBV_S(region_scope_like(a, scope_path))), &r);
    if (e) return e;
    if (r.n_rows == 0)
        return err_newf(a, ERR_NOT_FOUND, "school_id", "学校 %lld 不存在或不在权限范围内",
                        "school %lld not found or outside your scope", (long long)id, (long long)id);
    school_from_row(&r, 0, out);
    return NULL;
}

static void school_where(sqlb_t *q, arena_t *a, const char *scope_path, const school_filter_t *f) {
    sqlb_addv(q, "WHERE r.path LIKE ", DBV_S(region_scope_like(a, scope_path)));
    if (f->region_code) {
        sqlb_addv(q, " AND r.path LIKE '%/' || ", DBV_S(f->region_code));
        sqlb_add(q, " || '/%'");
    }
    if (f->q && *f->q) {
        const char *like = sqlb_like_contains(a, f->q);
        sqlb_addv(q, " AND (s.name LIKE ", DBV_S(like));
        sqlb_addv(q, " ESCAPE '\\' OR s.code LIKE ", DBV_S(like));
        sqlb_add(q, " ESCAPE '\\')");
    }
}

err_t *school_store_list(db_t *db, arena_t *a, const char *scope_path, const school_filter_t *f, school_t **out,
                         size_t *n_out, int64_t *total) {
    sqlb_t q;
    sqlb_init(&q, a, "SELECT COUNT(*) FROM school s JOIN region r ON r.code = s.region_code ");
    school_where(&q, a, scope_path, f);
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *total = db_scalar_int(&r, 0);
    sqlb_init(&q, a, school_cols);
    school_where(&q, a, scope_path, f);
    sqlb_addv(&q, " ORDER BY s.code LIMIT ", DBV_I(f->limit));
    sqlb_addv(&q, " OFFSET ", DBV_I(f->offset));
    if ((e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r))) return e;
    school_t *items = arena_alloc(a, r.n_rows * sizeof *items);
    for (size_t i = 0; i < r.n_rows; i++) school_from_row(&r, i, &items[i]);
    *out = items;
    *n_out = r.n_rows;
    return NULL;
}

err_t *school_store_insert(db_t *db, arena_t *a, const char *code, const char *name, const char *region_code,
                           int64_t now, int64_t *id_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO school (code, name, region_code, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                        DB_P(DBV_S(code), DBV_S(name), DBV_S(region_code), DBV_I(now)), &r);
    if (e) return e;
    *id_out = db_scalar_int(&r, 0);
    return NULL;
}
