#include "store/rows.h"

#include <string.h>

void store_map_row(const store_map_t *m, const db_rows_t *r, size_t i, void *obj) {
    char *base = obj;
    if (m->zero) memset(obj, 0, m->size);
    for (size_t k = 0; k < m->n_cols; k++) {
        const store_col_t *c = &m->cols[k];
        if (c->kind == SC_TEXT) {
            const char *s = db_cell(r, i, k);
            memcpy(base + c->offset, &s, sizeof s);
        } else if (c->kind == SC_INT) {
            int64_t v = db_cell_int(r, i, k);
            memcpy(base + c->offset, &v, sizeof v);
        } else if (c->kind == SC_BOOL) {
            bool v = db_cell_int(r, i, k) != 0;
            memcpy(base + c->offset, &v, sizeof v);
        }
    }
    if (m->finish) m->finish(m, r, i, obj);
}

err_t *store_not_found(arena_t *a, const store_missing_t *x) {
    long long id = (long long)x->id;
    const char *zh = arena_printf(a, x->in_scope ? "%s %lld 不存在或不在权限范围内" : "%s %lld 不存在", x->zh, id);
    const char *en = arena_printf(a, x->in_scope ? "%s %lld not found or outside your scope" : "%s %lld not found",
                                  x->en, id);
    return err_new(a, ERR_NOT_FOUND, x->field, zh, en);
}

err_t *store_find(db_t *db, arena_t *a, const char *sql, const db_val_t *params, size_t n_params,
                  const store_map_t *m, void *out, bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a, sql, params, n_params, &r);
    if (e) return e;
    *found = r.n_rows > 0;
    if (*found) store_map_row(m, &r, 0, out);
    return NULL;
}

err_t *store_find_q(db_t *db, arena_t *a, sqlb_t *q, const store_map_t *m, void *out, bool *found) {
    const char *sql = sqlb_sql(q);
    return store_find(db, a, sql, q->params, q->n_params, m, out, found);
}

err_t *store_get(db_t *db, arena_t *a, const char *sql, const db_val_t *params, size_t n_params,
                 const store_map_t *m, void *out, const store_missing_t *missing) {
    bool found;
    err_t *e = store_find(db, a, sql, params, n_params, m, out, &found);
    if (!e && !found) e = store_not_found(a, missing);
    return e;
}

err_t *store_get_q(db_t *db, arena_t *a, sqlb_t *q, const store_map_t *m, void *out, const store_missing_t *missing) {
    const char *sql = sqlb_sql(q);
    return store_get(db, a, sql, q->params, q->n_params, m, out, missing);
}

void store_map_rows(arena_t *a, const db_rows_t *r, const store_map_t *m, void *out_array, size_t *n) {
    char *items = arena_alloc(a, (r->n_rows + 1) * m->size);
    memset(items, 0, (r->n_rows + 1) * m->size);
    for (size_t i = 0; i < r->n_rows; i++)
        store_map_row(m, r, i, items + i * m->size);
    memcpy(out_array, &items, sizeof items);
    *n = r->n_rows;
}

err_t *store_list(db_t *db, arena_t *a, const char *sql, const db_val_t *params, size_t n_params,
                  const store_map_t *m, void *out_array, size_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a, sql, params, n_params, &r);
    if (!e) store_map_rows(a, &r, m, out_array, n);
    return e;
}

err_t *store_list_q(db_t *db, arena_t *a, sqlb_t *q, const store_map_t *m, void *out_array, size_t *n) {
    const char *sql = sqlb_sql(q);
    return store_list(db, a, sql, q->params, q->n_params, m, out_array, n);
}
