#include "store/roster/assignment_store.h"

#include <string.h>

#include "store/rows.h"
#include "store/sqlb.h"

#include "util/timeutil.h"

#include "store/aggregate.h"

static const char *assignment_select(arena_t *a, const char *where) {
    return arena_printf(a, "%sFROM assignment x JOIN inspector i ON i.id = x.inspector_id JOIN school s ON s.id = "
                           "x.school_id %s",
                        agg_select_list(a, &assignment_agg), where);
}

static const store_map_t assignment_map = AGG_STORE_MAP(assignment_t, &assignment_agg, false);

static err_t *assignment_rows(db_t *db, arena_t *a, const char *sql, const db_val_t *p, size_t n,
                              assignment_t **out, size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(db, a, sql, p, n, &r);
    if (!e) store_map_rows(a, &r, &assignment_map, out, n_out);
    return e;
}

err_t *assignment_store_list(db_t *db, arena_t *a, int64_t school_id, int64_t inspector_id, assignment_t **out,
                             size_t *n_out) {
    if (school_id > 0)
        return assignment_rows(db, a, assignment_select(a, "WHERE x.school_id = $1 ORDER BY x.id DESC"),
                               DB_P(DBV_I(school_id)), out, n_out);
    return assignment_rows(db, a, assignment_select(a, "WHERE x.inspector_id = $1 ORDER BY x.id DESC"),
                           DB_P(DBV_I(inspector_id)), out, n_out);
}

static err_t *assignment_one(db_t *db, arena_t *a, const char *sql, const db_val_t *p, size_t n, assignment_t *out,
                             bool *found) {
    assignment_t *items;
    size_t k;
    err_t *e = assignment_rows(db, a, sql, p, n, &items, &k);
    if (e) return e;
    *found = k > 0;
    if (k) *out = items[0];
    return NULL;
}

err_t *assignment_store_get(db_t *db, arena_t *a, int64_t id, assignment_t *out) {
    bool found = false;
    err_t *e = assignment_one(db, a, assignment_select(a, "WHERE x.id = $1"), DB_P(DBV_I(id)), out, &found);
    if (!e && !found)
        return err_newf(a, ERR_NOT_FOUND, "id", "挂牌记录 %lld 不存在", "assignment %lld not found", (long long)id,
                        (long long)id);
    return e;
}

err_t *assignment_store_open_pair(db_t *db, arena_t *a, int64_t inspector_id, int64_t school_id, assignment_t *out,
                                  bool *found) {
    return assignment_one(db, a, assignment_select(a, "WHERE x.inspector_id = $1 AND x.school_id = $2 AND x.ends_on IS NULL"),
                          DB_P(DBV_I(inspector_id), DBV_I(school_id)), out, found);
}

err_t *assignment_store_open_lead(db_t *db, arena_t *a, int64_t school_id, assignment_t *out, bool *found) {
    return assignment_one(db, a,
                          assignment_select(a, "WHERE x.school_id = $1 AND x.ends_on IS NULL AND x.role = 'lead'"),
                          DB_P(DBV_I(school_id)), out, found);
}

err_t *assignment_store_insert(db_t *db, arena_t *a, assignment_t *in, int64_t now) {
    in->ends_on = in->end_reason = NULL;
    err_t *e = agg_insert(db, a, &assignment_agg, in, now, &in->id);
    if (e && e->code == ERR_CONFLICT)
        return err_new(a, ERR_CONFLICT, "school_id", "该校已有责任督学或该督学已挂牌此校",
                       "the school already has a lead inspector, or the pair is already assigned");
    return e;
}

err_t *assignment_store_end(db_t *db, arena_t *a, int64_t id, const char *reason) {
    char today[16];
    time_today_cn(today, sizeof today);
    return db_query(db, a, "UPDATE assignment SET ends_on = $2, end_reason = $3 WHERE id = $1 AND ends_on IS NULL",
                    DB_P(DBV_I(id), DBV_S(today), DBV_S(reason)), NULL);
}

err_t *assignment_store_end_for_school(db_t *db, arena_t *a, int64_t school_id, const char *reason) {
    char today[16];
    time_today_cn(today, sizeof today);
    return db_query(db, a,
                    "UPDATE assignment SET ends_on = $2, end_reason = $3 WHERE school_id = $1 AND ends_on IS NULL",
                    DB_P(DBV_I(school_id), DBV_S(today), DBV_S(reason)), NULL);
}

err_t *assignment_store_relations(db_t *db, arena_t *a, int64_t inspector_id, int64_t school_id,
                                  const char ***kinds) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT kind FROM inspector_relation WHERE inspector_id = $1 AND school_id = $2",
                        DB_P(DBV_I(inspector_id), DBV_I(school_id)), &r);
    if (e) return e;
    const char **k = arena_alloc(a, (r.n_rows + 1) * sizeof *k);
    for (size_t i = 0; i < r.n_rows; i++) k[i] = db_cell(&r, i, 0);
    *kinds = k;
    return NULL;
}

static void assignment_export_where(sqlb_t *q, const scope_t *sc, const assignment_filter_t *f, int64_t after) {
    sqlb_addv(q, " WHERE x.id > ", DBV_I(after));
    scope_and_path(q, sc, "rg.path");
    if (f->region_code && *f->region_code) scope_and_under(q, "rg.path", f->region_code);
    const char *status = f->status && *f->status ? f->status : "current";
    if (strcmp(status, "current") == 0) sqlb_add(q, " AND x.ends_on IS NULL");
    if (strcmp(status, "ended") == 0) sqlb_add(q, " AND x.ends_on IS NOT NULL");
    if (f->zone_id) sqlb_addv(q, " AND s.zone_id = ", DBV_I(f->zone_id));
    if (f->school_id) sqlb_addv(q, " AND x.school_id = ", DBV_I(f->school_id));
    if (f->inspector_id) sqlb_addv(q, " AND x.inspector_id = ", DBV_I(f->inspector_id));
    if (f->role && *f->role) sqlb_addv(q, " AND x.role = ", DBV_S(f->role));
    if (f->q && *f->q) {
        const char *like = arena_printf(q->a, "%%%s%%", f->q);
        sqlb_addv(q, " AND (s.name LIKE ", DBV_S(like));
        sqlb_addv(q, " OR s.code LIKE ", DBV_S(like));
        sqlb_addv(q, " OR i.name LIKE ", DBV_S(like));
        sqlb_add(q, ")");
    }
}

err_t *assignment_store_export_page(db_t *db, arena_t *a, const scope_t *sc, const assignment_filter_t *f,
                                    int64_t after, int64_t limit, assignment_export_row_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT x.id, s.code, s.name, rg.name, z.name, i.name, i.cert_no, x.role, x.starts_on, x.ends_on, "
              "x.end_reason FROM assignment x JOIN school s ON s.id = x.school_id JOIN region rg ON rg.code = "
              "s.region_code JOIN inspector i ON i.id = x.inspector_id LEFT JOIN zone z ON z.id = s.zone_id");
    assignment_export_where(&q, sc, f, after);
    sqlb_addv(&q, " ORDER BY x.id LIMIT ", DBV_I(limit));
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    *n = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (assignment_export_row_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2),
                                              db_cell(&r, i, 3),     db_cell(&r, i, 4), db_cell(&r, i, 5),
                                              db_cell(&r, i, 6),     db_cell(&r, i, 7), db_cell(&r, i, 8),
                                              db_cell(&r, i, 9),     db_cell(&r, i, 10)};
    return NULL;
}
