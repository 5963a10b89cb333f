#include "store/findings/finding_stats_store.h"

#include "store/findings/finding_sql.h"
#include "store/findings/finding_store.h"
#include "store/sqlb.h"

err_t *finding_stats_groups(db_t *db, arena_t *a, const scope_t *sc, const char *today, db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT f.region_code, COALESCE(f.school_id, 0), COALESCE(f.category, '其他'), SUM(CASE WHEN f.state IN "
              "('issued', 'rectifying', 'submitted', 'review') THEN 1 ELSE 0 END), SUM(CASE WHEN ");
    finding_sql_overdue(&q, "f", today);
    sqlb_add(&q, " THEN 1 ELSE 0 END), SUM(CASE WHEN f.state = 'closed' THEN 1 ELSE 0 END), COUNT(*) FROM finding f "
                 "WHERE f.state NOT IN ('draft', 'voided')");
    finding_scope_where_of(&q, a, sc, &FST_FINDING);
    sqlb_add(&q, " GROUP BY f.region_code, COALESCE(f.school_id, 0), COALESCE(f.category, '其他') ORDER BY 2");
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *finding_stats_region_names(db_t *db, arena_t *a, const scope_t *sc, db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, "SELECT code, name FROM region WHERE level IN ('town', 'county')");
    scope_and_path(&q, &(scope_t){.region_path = sc->region_path ? sc->region_path : "/"}, "path");
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *finding_stats_school_name(db_t *db, arena_t *a, int64_t school_id, const char **name) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT name FROM school WHERE id = $1", DB_P(DBV_I(school_id)), &r);
    if (!e) *name = r.n_rows ? db_cell(&r, 0, 0) : "";
    return e;
}

err_t *finding_stats_days_to_close(db_t *db, arena_t *a, const scope_t *sc, db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT (f.closed_at - f.issued_at) / 86400, COUNT(*) FROM finding f WHERE f.state = 'closed' AND "
              "f.issued_at IS NOT NULL AND f.closed_at IS NOT NULL");
    finding_scope_where_of(&q, a, sc, &FST_FINDING);
    sqlb_add(&q, " GROUP BY (f.closed_at - f.issued_at) / 86400 ORDER BY 1");
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *finding_stats_per_day(db_t *db, arena_t *a, const scope_t *sc, bool is_closed, int64_t since, db_rows_t *out) {
    const char *col = is_closed ? "closed_at" : "issued_at";
    sqlb_t q;
    sqlb_init(&q, a,
              arena_printf(a, "SELECT (f.%s + 28800) / 86400, COUNT(*) FROM finding f WHERE f.%s >= ", col, col));
    sqlb_addv(&q, "", DBV_I(since));
    finding_scope_where_of(&q, a, sc, &FST_FINDING);
    sqlb_add(&q, arena_printf(a, " GROUP BY (f.%s + 28800) / 86400", col));
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *finding_stats_due_between(db_t *db, arena_t *a, const scope_t *sc, const char *from, const char *to,
                                 int64_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, arena_printf(a, "SELECT COUNT(*) FROM finding f WHERE %s", finding_sql_owed(a, "f")));
    finding_scope_where_of(&q, a, sc, &FST_FINDING);
    sqlb_addv(&q, " AND f.deadline >= ", DBV_S(from));
    sqlb_addv(&q, " AND f.deadline <= ", DBV_S(to));
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (!e) *n = db_scalar_int(&r, 0);
    return e;
}

err_t *finding_stats_reinspection_pool(db_t *db, arena_t *a, const char *region_path, int64_t t0, int64_t t1,
                                       db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, "SELECT f.id, f.severity FROM finding f WHERE f.state = 'closed' AND f.is_reinspected = 0");
    sqlb_addv(&q, " AND f.closed_at >= ", DBV_I(t0));
    sqlb_addv(&q, " AND f.closed_at < ", DBV_I(t1));
    scope_and_region_code(&q, &(scope_t){.region_path = region_path}, "f.region_code");
    sqlb_add(&q, " ORDER BY f.id");
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}
