#include "store/roster/inspector_store.h"

#include <string.h>

#include "store/platform/region_store.h"
#include "store/rows.h"
#include "store/scope.h"
#include "store/sqlb.h"

#include "store/aggregate.h"

static const char *inspector_select(arena_t *a) {
    return arena_printf(a, "%sFROM inspector i JOIN region r ON r.code = i.region_code ",
                        agg_select_list(a, &inspector_agg));
}

static const store_map_t inspector_map = AGG_STORE_MAP(inspector_t, &inspector_agg, false);

err_t *inspector_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, inspector_t *out) {
    scope_t sc = scope_region(scope_path);
    sqlb_t q;
    sqlb_init(&q, a, inspector_select(a));
    sqlb_addv(&q, "WHERE i.id = ", DBV_I(id));
    scope_and_path(&q, &sc, "r.path");
    return store_get_q(db, a, &q, &inspector_map, out,
                       &(store_missing_t){"inspector_id", "督学", "inspector", id, true});
}

err_t *inspector_store_find_cert(db_t *db, arena_t *a, const char *cert_no, inspector_t *out, bool *found) {
    return store_find(db, a, arena_printf(a, "%sWHERE i.cert_no = $1", inspector_select(a)), DB_P(DBV_S(cert_no)),
                      &inspector_map, out, found);
}

err_t *inspector_store_find_user(db_t *db, arena_t *a, int64_t user_id, inspector_t *out, bool *found) {
    return store_find(db, a, arena_printf(a, "%sWHERE i.user_id = $1", inspector_select(a)), DB_P(DBV_I(user_id)),
                      &inspector_map, out, found);
}

static void inspector_where(sqlb_t *q, arena_t *a, const char *scope_path, const inspector_filter_t *f) {
    scope_t sc = scope_region(scope_path);
    sqlb_add(q, "WHERE 1=1");
    scope_and_path(q, &sc, "r.path");
    if (f->q && *f->q) {
        const char *like = sqlb_like_contains(a, f->q);
        sqlb_addv(q, " AND (i.name LIKE ", DBV_S(like));
        sqlb_addv(q, " ESCAPE '\\' OR i.cert_no LIKE ", DBV_S(like));
        sqlb_addv(q, " ESCAPE '\\' OR i.employer LIKE ", DBV_S(like));
        sqlb_add(q, " ESCAPE '\\')");
    }
    if (f->kind) sqlb_addv(q, " AND i.kind = ", DBV_S(f->kind));
    if (f->status) sqlb_addv(q, " AND i.status = ", DBV_S(f->status));
    if (f->region_code) scope_and_under(q, "r.path", f->region_code);
}

err_t *inspector_store_list(db_t *db, arena_t *a, const char *scope_path, const inspector_filter_t *f,
                            inspector_t **out, size_t *n_out, int64_t *total) {
    sqlb_t w;
    sqlb_init(&w, a, "");
    inspector_where(&w, a, scope_path, f);
    db_rows_t r;
    err_t *e = sqlb_page(db, a, "SELECT COUNT(*) FROM inspector i JOIN region r ON r.code = i.region_code ",
                         inspector_select(a), &w, NULL, "i.region_code, i.cert_no", f->limit, f->offset, &r, total);
    if (!e) store_map_rows(a, &r, &inspector_map, out, n_out);
    return e;
}

err_t *inspector_store_insert(db_t *db, arena_t *a, inspector_t *in, int64_t now) {
    err_t *e = agg_insert(db, a, &inspector_agg, in, now, &in->id);
    if (e && e->code == ERR_CONFLICT)
        return err_newf(a, ERR_CONFLICT, "cert_no", "督学证号 %s 已存在", "certificate %s already exists", in->cert_no,
                        in->cert_no);
    return e;
}

err_t *inspector_store_update(db_t *db, arena_t *a, const inspector_t *in, int64_t now) {
    return agg_update(db, a, &inspector_agg, in, in->id, now);
}

err_t *inspector_store_relations(db_t *db, arena_t *a, int64_t inspector_id, inspector_relation_t **out,
                                 size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT x.id, x.school_id, s.name, x.kind, x.note FROM inspector_relation x "
                        "JOIN school s ON s.id = x.school_id WHERE x.inspector_id = $1 ORDER BY x.id",
                        DB_P(DBV_I(inspector_id)), &r);
    if (e) return e;
    inspector_relation_t *items = arena_alloc(a, r.n_rows * sizeof *items);
    for (size_t i = 0; i < r.n_rows; i++) {
        items[i].id = db_cell_int(&r, i, 0);
        items[i].school_id = db_cell_int(&r, i, 1);
        items[i].school_name = db_cell(&r, i, 2);
        items[i].kind = db_cell(&r, i, 3);
        items[i].note = db_cell(&r, i, 4);
    }
    *out = items;
    *n_out = r.n_rows;
    return NULL;
}

err_t *inspector_store_add_relation(db_t *db, arena_t *a, int64_t inspector_id, int64_t school_id, const char *kind,
                                    const char *note, int64_t now, int64_t *id_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO inspector_relation (inspector_id, school_id, kind, note, created_at) "
                        "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        DB_P(DBV_I(inspector_id), DBV_I(school_id), DBV_S(kind), DBV_S(note), DBV_I(now)), &r);
    if (!e) *id_out = db_scalar_int(&r, 0);
    return e;
}

err_t *inspector_store_photo(db_t *db, arena_t *a, int64_t id, const char **hash) {
    const char *name, *phone;
    return inspector_store_contact(db, a, id, &name, &phone, hash);
}

err_t *inspector_store_set_photo(db_t *db, arena_t *a, int64_t id, const char *hash) {
    return db_query(db, a, "UPDATE inspector SET photo_hash = $2 WHERE id = $1", DB_P(DBV_I(id), DBV_S(hash)), NULL);
}

err_t *inspector_store_contact(db_t *db, arena_t *a, int64_t id, const char **name, const char **phone,
                               const char **hash) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT name, phone, photo_hash FROM inspector WHERE id = $1", DB_P(DBV_I(id)), &r);
    if (e) return e;
    if (r.n_rows == 0)
        return err_newf(a, ERR_NOT_FOUND, "inspector_id", "督学 %lld 不存在", "inspector %lld not found", (long long)id,
                        (long long)id);
    *name = db_cell(&r, 0, 0);
    *phone = db_cell(&r, 0, 1);
    *hash = db_cell(&r, 0, 2);
    return NULL;
}
