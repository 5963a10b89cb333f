#include "store/findings/decision_store.h"

#include "store/findings/finding_store.h"
#include "store/sqlb.h"

#define D_COLS                                                                                                         \
    "SELECT d.id, d.region_code, d.county_code, d.school_id, s.name, d.title, d.basis, d.state, d.order_no, "          \
    "d.issued_by, ui.display_name, d.created_at, d.signed_by, us.display_name, d.signed_at, d.sent_at, d.unit_id, "    \
    "un.name FROM supervision_decision d LEFT JOIN school s ON s.id = d.school_id LEFT JOIN unit un ON un.id = "       \
    "d.unit_id LEFT JOIN app_user ui ON ui.id = d.issued_by LEFT JOIN app_user us ON us.id = d.signed_by WHERE 1=1"

static void map_row(const db_rows_t *r, size_t i, decision_t *d) {
    *d = (decision_t){.id = db_cell_int(r, i, 0),
                      .region_code = db_cell(r, i, 1),
                      .county_code = db_cell(r, i, 2),
                      .school_id = db_cell_int(r, i, 3),
                      .school_name = db_cell(r, i, 4),
                      .title = db_cell(r, i, 5),
                      .basis = db_cell(r, i, 6),
                      .state = db_cell(r, i, 7),
                      .order_no = db_cell(r, i, 8),
                      .issued_by = db_cell_int(r, i, 9),
                      .issued_by_name = db_cell(r, i, 10),
                      .created_at = db_cell_int(r, i, 11),
                      .signed_by = db_cell_int(r, i, 12),
                      .signed_by_name = db_cell(r, i, 13),
                      .signed_at = db_cell_int(r, i, 14),
                      .sent_at = db_cell_int(r, i, 15),
                      .unit_id = db_cell_int(r, i, 16),
                      .unit_name = db_cell(r, i, 17)};
}

static void scope_where(sqlb_t *q, arena_t *a, const scope_t *sc) {
    finding_scope_where_of(q, a, sc, &FST_DECISION);
    /* a school or a unit sees only what was sent to it */
    if (sc->school_id > 0 || sc->unit_id > 0) sqlb_add(q, " AND d.state = 'sent'");
}

static err_t *load_items(db_t *db, arena_t *a, decision_t *d) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT n, text, deadline FROM supervision_item WHERE decision_id = $1 ORDER BY n",
                        DB_P(DBV_I(d->id)), &r);
    if (e) return e;
    d->items = arena_alloc(a, (r.n_rows + 1) * sizeof *d->items);
    d->n_items = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        d->items[i] = (decision_item_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2)};
    return NULL;
}

err_t *decision_store_insert(db_t *db, arena_t *a, decision_t *d, int64_t now) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO supervision_decision (region_code, county_code, school_id, title, basis, "
                        "issued_by, created_at, unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                        DB_P(DBV_S(d->region_code), DBV_S(d->county_code), d->school_id ? DBV_I(d->school_id) : DBV_NUL,
                             DBV_S(d->title), DBV_S(d->basis), DBV_I(d->issued_by), DBV_I(now),
                             d->unit_id ? DBV_I(d->unit_id) : DBV_NUL),
                        &r);
    if (e) return e;
    d->id = db_cell_int(&r, 0, 0);
    for (size_t i = 0; i < d->n_items; i++)
        if ((e = db_query(
                 db, a, "INSERT INTO supervision_item (decision_id, n, text, deadline) VALUES ($1, $2, $3, $4)",
                 DB_P(DBV_I(d->id), DBV_I((int64_t)i + 1), DBV_S(d->items[i].text), DBV_S(d->items[i].deadline)),
                 NULL)))
            return e;
    return NULL;
}

err_t *decision_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, decision_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, D_COLS);
    scope_where(&q, a, sc);
    sqlb_addv(&q, " AND d.id = ", DBV_I(id));
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    if (!r.n_rows) return err_new(a, ERR_NOT_FOUND, "id", "督办单不存在", "no such 督办单");
    map_row(&r, 0, out);
    return load_items(db, a, out);
}

err_t *decision_store_list(db_t *db, arena_t *a, const scope_t *sc, decision_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, D_COLS);
    scope_where(&q, a, sc);
    sqlb_add(&q, " ORDER BY d.id DESC LIMIT 500");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    *n = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++) {
        map_row(&r, i, &(*out)[i]);
        if ((e = load_items(db, a, &(*out)[i]))) return e;
    }
    return NULL;
}

err_t *decision_store_sign(db_t *db, arena_t *a, int64_t id, int64_t user_id, int64_t now) {
    return db_query(db, a,
                    "UPDATE supervision_decision SET state = 'signed', signed_by = $2, signed_at = $3 WHERE id = $1",
                    DB_P(DBV_I(id), DBV_I(user_id), DBV_I(now)), NULL);
}

err_t *decision_store_send(db_t *db, arena_t *a, int64_t id, int year, int64_t seq, const char *order_no, int64_t now) {
    return db_query(db, a,
                    "UPDATE supervision_decision SET state = 'sent', year = $2, seq = $3, order_no = $4, sent_at = $5 "
                    "WHERE id = $1",
                    DB_P(DBV_I(id), DBV_I(year), DBV_I(seq), DBV_S(order_no), DBV_I(now)), NULL);
}
