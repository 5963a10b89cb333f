#include "store/findings/complaint_store.h"

#include "store/findings/finding_store.h"
#include "store/sqlb.h"

err_t *complaint_store_school_card(db_t *db, arena_t *a, const char *school_code, db_rows_t *out) {
    return db_query(db, a,
                    "SELECT s.code, s.name, c.name, i.name FROM school s JOIN region t ON t.code = s.region_code "
                    "JOIN region c ON c.code = CASE WHEN t.level = 'town' THEN t.parent_code ELSE t.code END "
                    "LEFT JOIN assignment l ON l.school_id = s.id AND l.ends_on IS NULL "
                    "LEFT JOIN inspector i ON i.id = l.inspector_id WHERE s.code = $1 AND s.status = 'open' "
                    "ORDER BY CASE WHEN l.role = 'lead' THEN 0 ELSE 1 END, l.starts_on, l.id",
                    DB_P(DBV_S(school_code)), out);
}

err_t *complaint_store_school_by_code(db_t *db, arena_t *a, const char *school_code, db_rows_t *out) {
    return db_query(db, a, "SELECT id, name, region_code FROM school WHERE code = $1 AND status = 'open'",
                    DB_P(DBV_S(school_code)), out);
}

err_t *complaint_store_lock_address(db_t *db, arena_t *a, const char *ip_hash) {
    if (db_kind(db) != DB_PG) return NULL;
    return db_query(db, a, "SELECT pg_advisory_xact_lock(hashtext($1))", DB_P(DBV_S(ip_hash)), NULL);
}

err_t *complaint_store_recent(db_t *db, arena_t *a, const char *ip_hash, int64_t burst_since, int64_t hour_since,
                              int64_t *n_burst, int64_t *n_hour) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT SUM(CASE WHEN created_at > $2 THEN 1 ELSE 0 END), COUNT(*) FROM complaint WHERE "
                        "ip_hash = $1 AND created_at > $3",
                        DB_P(DBV_S(ip_hash), DBV_I(burst_since), DBV_I(hour_since)), &r);
    if (e) return e;
    *n_burst = db_cell_int(&r, 0, 0);
    *n_hour = db_cell_int(&r, 0, 1);
    return NULL;
}

err_t *complaint_store_insert(db_t *db, arena_t *a, const complaint_new_t *c, int64_t *id) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO complaint (receipt_code, school_id, region_code, category, content, contact_name, "
                        "contact_phone, ip_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                        DB_P(DBV_S(c->receipt_code), DBV_I(c->school_id), DBV_S(c->region_code), DBV_S(c->category),
                             DBV_S(c->content), DBV_S(c->contact_name), DBV_S(c->contact_phone), DBV_S(c->ip_hash),
                             DBV_I(c->now)),
                        &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

err_t *complaint_store_by_receipt(db_t *db, arena_t *a, const char *receipt_code, db_rows_t *out) {
    return db_query(db, a,
                    "SELECT c.receipt_code, s.name, c.category, c.state, c.created_at, c.handled_at, c.outcome, "
                    "f.state, f.deadline, f.closed_at FROM complaint c JOIN school s ON s.id = c.school_id "
                    "LEFT JOIN finding f ON f.id = c.finding_id WHERE c.receipt_code = $1",
                    DB_P(DBV_S(receipt_code)), out);
}

#define C_COLS                                                                                                         \
    "SELECT c.id, c.receipt_code, c.school_id, s.name, c.category, c.content, c.contact_name, c.contact_phone, "       \
    "c.state, c.outcome, c.finding_id, c.created_at, (SELECT i.name FROM assignment l JOIN inspector i ON i.id = "     \
    "l.inspector_id WHERE l.school_id = c.school_id AND l.ends_on IS NULL AND l.role = 'lead'), "                      \
    "c.region_code FROM complaint c JOIN school s ON s.id = c.school_id WHERE 1=1"

err_t *complaint_store_count(db_t *db, arena_t *a, const scope_t *sc, const char *state, int64_t *n) {
    sqlb_t c;
    sqlb_init(&c, a, "SELECT COUNT(*) FROM complaint c WHERE 1=1");
    finding_scope_where_of(&c, a, sc, &FST_COMPLAINT);
    if (state) sqlb_addv(&c, " AND c.state = ", DBV_S(state));
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&c), c.params, c.n_params, &r);
    if (!e) *n = db_scalar_int(&r, 0);
    return e;
}

err_t *complaint_store_list(db_t *db, arena_t *a, const scope_t *sc, const char *state, int64_t limit, int64_t offset,
                            db_rows_t *out, int64_t *total) {
    err_t *e = complaint_store_count(db, a, sc, state, total);
    if (e) return e;
    sqlb_t q;
    sqlb_init(&q, a, C_COLS);
    finding_scope_where_of(&q, a, sc, &FST_COMPLAINT);
    if (state) sqlb_addv(&q, " AND c.state = ", DBV_S(state));
    sqlb_addv(&q, " ORDER BY c.id DESC LIMIT ", DBV_I(limit));
    sqlb_addv(&q, " OFFSET ", DBV_I(offset));
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *complaint_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, C_COLS);
    if (sc) finding_scope_where_of(&q, a, sc, &FST_COMPLAINT);
    sqlb_addv(&q, " AND c.id = ", DBV_I(id));
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *complaint_store_finish(db_t *db, arena_t *a, int64_t id, const char *state, const char *outcome,
                              int64_t finding_id, int64_t by, int64_t now) {
    return db_query(
        db, a,
        "UPDATE complaint SET state = $2, outcome = $3, finding_id = $4, handled_by = $5, handled_at = "
        "$6 WHERE id = $1",
        DB_P(DBV_I(id), DBV_S(state), DBV_S(outcome), finding_id ? DBV_I(finding_id) : DBV_NUL, DBV_I(by), DBV_I(now)),
        NULL);
}
