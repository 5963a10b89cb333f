#include "store/findings/bulletin_store.h"

#include "store/findings/finding_sql.h"
#include "store/sqlb.h"

/* q (a head ending in "WHERE 1=1") + the period's findings (path_col under the county, issued
 * in the period, not voided) + tail. */
static err_t *period_run(db_t *db, arena_t *a, sqlb_t *q, const bulletin_period_t *p, const char *path_col,
                         const char *tail, db_rows_t *out) {
    scope_t sc = scope_region(p->county_path);
    scope_and_path(q, &sc, path_col);
    sqlb_addv(q, " AND f.issued_at >= ", DBV_I(p->from));
    sqlb_addv(q, " AND f.issued_at < ", DBV_I(p->to));
    sqlb_add(q, " AND f.state <> 'voided'");
    sqlb_add(q, tail);
    return db_query(db, a, sqlb_sql(q), q->params, q->n_params, out);
}

static err_t *period_query(db_t *db, arena_t *a, const bulletin_period_t *p, const char *head, const char *path_col,
                           const char *tail, db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, head);
    return period_run(db, a, &q, p, path_col, tail, out);
}

err_t *bulletin_store_totals(db_t *db, arena_t *a, const bulletin_period_t *p, const char *today, db_rows_t *out) {
    sqlb_t h;
    sqlb_init(&h, a,
              "SELECT COUNT(*), COUNT(DISTINCT f.school_id), SUM(CASE WHEN f.state = 'closed' THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN ");
    finding_sql_overdue(&h, "f", today);
    sqlb_add(&h, " THEN 1 ELSE 0 END) FROM finding f JOIN region r ON r.code = f.region_code WHERE 1=1");
    return period_run(db, a, &h, p, "r.path", "", out);
}

err_t *bulletin_store_orders_count(db_t *db, arena_t *a, const bulletin_period_t *p, int64_t until, int64_t *n) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT COUNT(*) FROM supervision_order o JOIN region r ON r.code = o.region_code WHERE o.state = "
              "'issued'");
    scope_t sc = scope_region(p->county_path);
    scope_and_path(&q, &sc, "r.path");
    sqlb_addv(&q, " AND o.created_at >= ", DBV_I(p->from));
    sqlb_addv(&q, " AND o.created_at < ", DBV_I(until));
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (!e) *n = db_scalar_int(&r, 0);
    return e;
}

err_t *bulletin_store_by_category(db_t *db, arena_t *a, const bulletin_period_t *p, db_rows_t *out) {
    return period_query(db, a, p,
                        "SELECT COALESCE(f.category, '其他'), COUNT(*) FROM finding f JOIN region r ON r.code = "
                        "f.region_code WHERE 1=1",
                        "r.path", " GROUP BY COALESCE(f.category, '其他') ORDER BY 2 DESC", out);
}

err_t *bulletin_store_towns(db_t *db, arena_t *a, const bulletin_period_t *p, db_rows_t *out) {
    return period_query(db, a, p,
                        "SELECT t.name, COUNT(*), SUM(CASE WHEN f.state = 'closed' THEN 1 ELSE 0 END) FROM finding f "
                        "JOIN region t ON t.code = f.region_code WHERE 1=1",
                        "t.path",
                        " GROUP BY t.name ORDER BY 1.0 * SUM(CASE WHEN f.state = 'closed' THEN 1 ELSE 0 END) / "
                        "COUNT(*) DESC, COUNT(*) DESC, t.name",
                        out);
}

err_t *bulletin_store_top_schools(db_t *db, arena_t *a, const bulletin_period_t *p, db_rows_t *out) {
    return period_query(db, a, p,
                        "SELECT s.name, COUNT(*), SUM(CASE WHEN f.state = 'closed' THEN 1 ELSE 0 END), s.principal "
                        "FROM finding f JOIN school s ON s.id = f.school_id JOIN region r ON r.code = f.region_code "
                        "WHERE 1=1",
                        "r.path", " GROUP BY s.id, s.name, s.principal ORDER BY 2 DESC, s.name LIMIT 10", out);
}

err_t *bulletin_store_overdue_cases(db_t *db, arena_t *a, const char *county_path, const char *today, db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT COALESCE(s.name, f.responsible_unit), f.description, f.deadline, f.responsible_person, "
              "o.order_no FROM finding f LEFT JOIN school s ON s.id = f.school_id JOIN region r ON r.code = "
              "f.region_code LEFT JOIN supervision_order o ON o.finding_id = f.id AND o.state = 'issued' WHERE 1=1");
    scope_t sc = scope_region(county_path);
    scope_and_path(&q, &sc, "r.path");
    sqlb_add(&q, " AND ");
    finding_sql_overdue(&q, "f", today);
    sqlb_add(&q, " ORDER BY f.deadline, f.id LIMIT 20");
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *bulletin_store_person_names(db_t *db, arena_t *a, const char *county_path, db_rows_t *out) {
    scope_t sc = scope_region(county_path);
    sqlb_t q;
    sqlb_init(&q, a, "SELECT DISTINCT s.principal FROM school s JOIN region r ON r.code = s.region_code WHERE 1=1");
    scope_and_path(&q, &sc, "r.path");
    sqlb_add(&q, " AND s.principal IS NOT NULL UNION SELECT DISTINCT i.name FROM inspector i JOIN region r ON r.code "
                 "= i.region_code WHERE 1=1");
    scope_and_path(&q, &sc, "r.path");
    sqlb_add(&q, " UNION SELECT DISTINCT f.responsible_person FROM finding f JOIN region r ON r.code = f.region_code "
                 "WHERE 1=1");
    scope_and_path(&q, &sc, "r.path");
    sqlb_add(&q, " AND f.responsible_person IS NOT NULL");
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *bulletin_store_insert(db_t *db, arena_t *a, const bulletin_new_t *b, int64_t *id) {
    db_rows_t r;
    err_t *e = db_query(
        db, a,
        "INSERT INTO bulletin (region_code, county_code, title, period_from, period_to, body, data_json, "
        "redactions, composed_by, created_at, updated_at) VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, "
        "$9, $9) RETURNING id",
        DB_P(DBV_S(b->county_code), DBV_S(b->title), DBV_S(b->period_from), DBV_S(b->period_to), DBV_S(b->body),
             DBV_S(b->data_json), DBV_S(b->redactions_json), DBV_I(b->composed_by), DBV_I(b->now)),
        &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

#define B_COLS                                                                                                         \
    "SELECT b.id, b.region_code, r.name, b.title, b.period_from, b.period_to, b.body, b.data_json, b.redactions, "     \
    "b.state, b.bulletin_no, b.composed_by, b.approved_by, b.approved_at, b.published_at, b.created_at, "              \
    "b.updated_at, cu.display_name, au.display_name FROM bulletin b JOIN region r ON r.code = b.region_code "          \
    "LEFT JOIN app_user cu ON cu.id = b.composed_by LEFT JOIN app_user au ON au.id = b.approved_by WHERE 1=1"

err_t *bulletin_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, B_COLS);
    sqlb_addv(&q, " AND b.id = ", DBV_I(id));
    if (sc)
        scope_and_path(&q, sc, "r.path");
    else
        sqlb_add(&q, " AND b.state = 'published'");
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *bulletin_store_list(db_t *db, arena_t *a, const scope_t *sc, db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, B_COLS);
    scope_and_path(&q, sc, "r.path");
    sqlb_add(&q, " ORDER BY b.id DESC LIMIT 200");
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *bulletin_store_public_list(db_t *db, arena_t *a, db_rows_t *out) {
    return db_query(db, a, B_COLS " AND b.state = 'published' ORDER BY b.published_at DESC LIMIT 100", DB_NOP, out);
}

err_t *bulletin_store_update(db_t *db, arena_t *a, int64_t id, const char *title, const char *body,
                             const char *redactions_json, int64_t now) {
    return db_query(db, a, "UPDATE bulletin SET title = $2, body = $3, redactions = $4, updated_at = $5 WHERE id = $1",
                    DB_P(DBV_I(id), DBV_S(title), DBV_S(body), DBV_S(redactions_json), DBV_I(now)), NULL);
}

err_t *bulletin_store_record_edit(db_t *db, arena_t *a, int64_t id, int64_t by, const char *changes_json, int64_t now) {
    return db_query(db, a,
                    "INSERT INTO bulletin_edit (bulletin_id, edited_by, changes, edited_at) VALUES ($1, $2, $3, $4)",
                    DB_P(DBV_I(id), DBV_I(by), DBV_S(changes_json), DBV_I(now)), NULL);
}

err_t *bulletin_store_changed_by(db_t *db, arena_t *a, int64_t id, int64_t user_id, bool *has_changed) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT COUNT(*) FROM bulletin b WHERE b.id = $1 AND (b.composed_by = $2 OR EXISTS (SELECT 1 "
                        "FROM bulletin_edit x WHERE x.bulletin_id = b.id AND x.edited_by = $2))",
                        DB_P(DBV_I(id), DBV_I(user_id)), &r);
    if (!e) *has_changed = db_scalar_int(&r, 0) > 0;
    return e;
}

err_t *bulletin_store_approve(db_t *db, arena_t *a, int64_t id, int64_t by, int64_t now) {
    return db_query(db, a, "UPDATE bulletin SET state = 'approved', approved_by = $2, approved_at = $3 WHERE id = $1",
                    DB_P(DBV_I(id), DBV_I(by), DBV_I(now)), NULL);
}

err_t *bulletin_store_publish(db_t *db, arena_t *a, int64_t id, const char *bulletin_no, int64_t now) {
    return db_query(db, a, "UPDATE bulletin SET state = 'published', bulletin_no = $2, published_at = $3 WHERE id = $1",
                    DB_P(DBV_I(id), DBV_S(bulletin_no), DBV_I(now)), NULL);
}
