#include "store/roster/inspector_store.h"

#include <string.h>

#include "store/platform/region_store.h"
#include "store/sqlb.h"

#define INSPECTOR_SELECT                                                                                      \
    "SELECT i.id, i.cert_no, i.name, i.kind, i.region_code, r.name, i.employer, i.post, i.degree, "          \
    "i.years_in_education, i.appointed_on, i.term_start, i.term_end, i.n_terms, i.training_hours, i.status, " \
    "i.phone, i.user_id, (SELECT COUNT(*) FROM assignment x WHERE x.inspector_id = i.id AND x.ends_on IS NULL) " \
    "FROM inspector i JOIN region r ON r.code = i.region_code "

static void inspector_from_row(const db_rows_t *r, size_t i, inspector_t *o) {
    o->id = db_cell_int(r, i, 0);
    o->cert_no = db_cell(r, i, 1);
    o->name = db_cell(r, i, 2);
    o->kind = db_cell(r, i, 3);
    o->region_code = db_cell(r, i, 4);
    o->region_name = db_cell(r, i, 5);
    o->employer = db_cell(r, i, 6);
    o->post = db_cell(r, i, 7);
    o->degree = db_cell(r, i, 8);
    o->years_in_education = db_cell_int(r, i, 9);
    o->appointed_on = db_cell(r, i, 10);
    o->term_start = db_cell(r, i, 11);
    o->term_end = db_cell(r, i, 12);
    o->n_terms = db_cell_int(r, i, 13);
    o->training_hours = db_cell_int(r, i, 14);
    o->status = db_cell(r, i, 15);
    o->phone = db_cell(r, i, 16);
    o->user_id = db_cell_int(r, i, 17);
    o->n_schools = db_cell_int(r, i, 18);
}

err_t *inspector_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, inspector_t *out) {
    db_rows_t r;
    err_t *e = db_query(db, a, INSPECTOR_SELECT "WHERE i.id = $1 AND r.path LIKE $2",
                        DB_P(DBV_I(id), DBV_S(scope_like(a, scope_path))), &r);
    if (e) return e;
    if (r.n_rows == 0)
        return err_newf(a, ERR_NOT_FOUND, "inspector_id", "督学 %lld 不存在或不在权限范围内",
                        "inspector %lld not found or outside your scope", (long long)id, (long long)id);
    inspector_from_row(&r, 0, out);
    return NULL;
}

err_t *inspector_store_find_cert(db_t *db, arena_t *a, const char *cert_no, inspector_t *out, bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a, INSPECTOR_SELECT "WHERE i.cert_no = $1", DB_P(DBV_S(cert_no)), &r);
    if (e) return e;
    *found = r.n_rows == 1;
    if (*found) inspector_from_row(&r, 0, out);
    return NULL;
}

static void inspector_where(sqlb_t *q, arena_t *a, const char *scope_path, const inspector_filter_t *f) {
    sqlb_addv(q, "WHERE r.path LIKE ", DBV_S(scope_like(a, scope_path)));
    if (f->q && *f->q) {
        const char *like = sqlb_like_contains(a, f->q);
        sqlb_addv(q, " AND (i.name LIKE ", DBV_S(like));
        sqlb_addv(q, " ESCAPE '\\' OR i.cert_no LIKE ", DBV_S(like));
        sqlb_addv(q, " ESCAPE '\\' OR i.employer LIKE ", DBV_S(like));
        sqlb_add(q, " ESCAPE '\\')");
    }
    if (f->kind) sqlb_addv(q, " AND i.kind = ", DBV_S(f->kind));
    if (f->status) sqlb_addv(q, " AND i.status = ", DBV_S(f->status));
    if (f->region_code) {
        sqlb_addv(q, " AND r.path LIKE '%/' || ", DBV_S(f->region_code));
        sqlb_add(q, " || '/%'");
    }
}

err_t *inspector_store_list(db_t *db, arena_t *a, const char *scope_path, const inspector_filter_t *f,
                            inspector_t **out, size_t *n_out, int64_t *total) {
    sqlb_t w;
    sqlb_init(&w, a, "");
    inspector_where(&w, a, scope_path, f);
    db_rows_t r;
    err_t *e = sqlb_page(db, a, "SELECT COUNT(*) FROM inspector i JOIN region r ON r.code = i.region_code ",
                         INSPECTOR_SELECT, &w, NULL, "i.region_code, i.cert_no", f->limit, f->offset, &r, total);
    if (e) return e;
    inspector_t *items = arena_alloc(a, r.n_rows * sizeof *items);
    for (size_t i = 0; i < r.n_rows; i++) inspector_from_row(&r, i, &items[i]);
    *out = items;
    *n_out = r.n_rows;
    return NULL;
}

#define INSPECTOR_VALUES(in)                                                                                    \
    DBV_S(in->cert_no), DBV_S(in->name), DBV_S(in->kind), DBV_S(in->region_code), DBV_S(in->employer),           \
        DBV_S(in->post), DBV_S(in->degree), DBV_I(in->years_in_education), DBV_S(in->appointed_on),              \
        DBV_S(in->term_start), DBV_S(in->term_end), DBV_I(in->n_terms), DBV_I(in->training_hours),               \
        DBV_S(in->status), DBV_S(in->phone), in->user_id ? DBV_I(in->user_id) : DBV_NUL

err_t *inspector_store_insert(db_t *db, arena_t *a, inspector_t *in, int64_t now) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO inspector (cert_no, name, kind, region_code, employer, post, degree, "
                        "years_in_education, appointed_on, term_start, term_end, n_terms, training_hours, status, "
                        "phone, user_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                        "$11, $12, $13, $14, $15, $16, $17, $17) RETURNING id",
                        DB_P(INSPECTOR_VALUES(in), DBV_I(now)), &r);
    if (e && e->code == ERR_CONFLICT)
        return err_newf(a, ERR_CONFLICT, "cert_no", "督学证号 %s 已存在", "certificate %s already exists", in->cert_no,
                        in->cert_no);
    if (e) return e;
    in->id = db_scalar_int(&r, 0);
    return NULL;
}

err_t *inspector_store_update(db_t *db, arena_t *a, const inspector_t *in, int64_t now) {
    return db_query(db, a,
                    "UPDATE inspector SET cert_no = $1, name = $2, kind = $3, region_code = $4, employer = $5, "
                    "post = $6, degree = $7, years_in_education = $8, appointed_on = $9, term_start = $10, "
                    "term_end = $11, n_terms = $12, training_hours = $13, status = $14, phone = $15, user_id = $16, "
                    "updated_at = $17 WHERE id = $18",
                    DB_P(INSPECTOR_VALUES(in), DBV_I(now), DBV_I(in->id)), NULL);
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
