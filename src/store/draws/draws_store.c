/* The SQL of 双随机一公开 and 回头看 (see draws_store.h). */
#include "store/draws/draws_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/findings/finding_sql.h"
#include "store/scope.h"
#include "store/sqlb.h"

#define PLAN_COLS                                                                                                      \
    "p.id, p.region_code, g.name, p.title, p.kind, p.items, p.school_pool, p.inspector_pool, p.n_targets, "            \
    "p.share_percent, p.inspectors_per_school, p.is_weighted, p.exclude_own, p.state, p.seed_hash, p.seed, "           \
    "p.seed_source, p.snapshot, p.result, p.created_by, p.created_at, p.committed_at, p.drawn_at, p.target_kind, "     \
    "p.strata "                                                                                                        \
    "FROM draw_plan p JOIN region g ON g.code = p.region_code WHERE 1=1"

static db_val_t opt_i(int64_t v) {
    return v > 0 ? DBV_I(v) : DBV_NUL;
}

static void read_plan(const db_rows_t *r, size_t i, draw_row_t *o) {
    memset(o, 0, sizeof *o);
    o->id = db_cell_int(r, i, 0);
    o->region_code = db_cell(r, i, 1);
    o->region_name = db_cell(r, i, 2);
    o->title = db_cell(r, i, 3);
    o->kind = db_cell(r, i, 4);
    o->items = db_cell(r, i, 5);
    o->school_pool = db_cell(r, i, 6);
    o->inspector_pool = db_cell(r, i, 7);
    o->n_targets = db_cell_int(r, i, 8);
    o->share_percent = db_cell_int(r, i, 9);
    o->inspectors_per_school = db_cell_int(r, i, 10);
    o->is_weighted = db_cell_int(r, i, 11) != 0;
    o->exclude_own = db_cell_int(r, i, 12) != 0;
    o->state = db_cell(r, i, 13);
    o->seed_hash = db_cell(r, i, 14);
    o->seed = db_cell(r, i, 15);
    o->seed_source = db_cell(r, i, 16);
    o->snapshot = db_cell(r, i, 17);
    o->result = db_cell(r, i, 18);
    o->created_by = db_cell_int(r, i, 19);
    o->created_at = db_cell_int(r, i, 20);
    o->committed_at = db_cell_int(r, i, 21);
    o->drawn_at = db_cell_int(r, i, 22);
    o->target_kind = db_cell(r, i, 23);
    o->strata = db_cell(r, i, 24);
}

err_t *draws_store_insert(db_t *db, arena_t *a, const draw_row_t *d, int64_t now, int64_t *id) {
    db_rows_t r;
    err_t *e = db_query(
        db, a,
        "INSERT INTO draw_plan (region_code, title, kind, items, school_pool, inspector_pool, n_targets, "
        "share_percent, inspectors_per_school, is_weighted, exclude_own, state, created_by, created_at, target_kind, "
        "strata) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'planned', $12, $13, $14, $15) RETURNING id",
        DB_P(DBV_S(d->region_code), DBV_S(d->title), DBV_S(d->kind), DBV_S(d->items), DBV_S(d->school_pool),
             DBV_S(d->inspector_pool), opt_i(d->n_targets), opt_i(d->share_percent), DBV_I(d->inspectors_per_school),
             DBV_I(d->is_weighted ? 1 : 0), DBV_I(d->exclude_own ? 1 : 0), opt_i(d->created_by), DBV_I(now),
             DBV_S(d->target_kind ? d->target_kind : "school"), DBV_S(d->strata)),
        &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

static void where_visible(sqlb_t *q, const char *scope_path) {
    if (scope_path) {
        scope_t sc = scope_region(scope_path);
        scope_and_path(q, &sc, "g.path");
    } else {
        sqlb_add(q, " AND p.state = 'drawn'");
    }
}

err_t *draws_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, draw_row_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, "SELECT " PLAN_COLS);
    sqlb_addv(&q, " AND p.id = ", DBV_I(id));
    where_visible(&q, scope_path);
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    if (!r.n_rows)
        return err_newf(a, ERR_NOT_FOUND, "id", "抽查计划 %lld 不存在", "draw plan %lld not found", (long long)id,
                        (long long)id);
    read_plan(&r, 0, out);
    return NULL;
}

err_t *draws_store_list(db_t *db, arena_t *a, const char *scope_path, draw_row_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, "SELECT " PLAN_COLS);
    where_visible(&q, scope_path);
    sqlb_add(&q, " ORDER BY p.id DESC LIMIT 200");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        read_plan(&r, i, &(*out)[i]);
    *n = r.n_rows;
    return NULL;
}

err_t *draws_store_commit(db_t *db, arena_t *a, int64_t id, const char *seed_hash, const char *seed, const char *source,
                          const char *snapshot, int64_t now, bool *is_done) {
    db_rows_t r;
    err_t *e = db_query(
        db, a,
        "UPDATE draw_plan SET state = 'committed', seed_hash = $2, seed = $3, seed_source = $4, "
        "snapshot = $5, committed_at = $6 WHERE id = $1 AND state = 'planned'",
        DB_P(DBV_I(id), DBV_S(seed_hash), seed ? DBV_S(seed) : DBV_NUL, DBV_S(source), DBV_S(snapshot), DBV_I(now)),
        &r);
    if (!e) *is_done = r.n_changed == 1;
    return e;
}

err_t *draws_store_reveal(db_t *db, arena_t *a, int64_t id, const char *seed, const char *result, int64_t now,
                          bool *is_done) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "UPDATE draw_plan SET state = 'drawn', seed = $2, result = $3, drawn_at = $4 WHERE id = $1 "
                        "AND state = 'committed'",
                        DB_P(DBV_I(id), DBV_S(seed), DBV_S(result), DBV_I(now)), &r);
    if (!e) *is_done = r.n_changed == 1;
    return e;
}

err_t *draws_store_set_result(db_t *db, arena_t *a, int64_t id, const char *result) {
    return db_query(db, a, "UPDATE draw_plan SET result = $2 WHERE id = $1", DB_P(DBV_I(id), DBV_S(result)), NULL);
}

err_t *draws_store_replacement_insert(db_t *db, arena_t *a, const draw_replacement_t *x, int64_t user_id, int64_t now) {
    return db_query(db, a,
                    "INSERT INTO draw_replacement (plan_id, kind, school_id, old_id, new_id, reason, created_by, "
                    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    DB_P(DBV_I(x->plan_id), DBV_S(x->kind), opt_i(x->school_id), DBV_I(x->old_id), DBV_I(x->new_id),
                         DBV_S(x->reason), opt_i(user_id), DBV_I(now)),
                    NULL);
}

err_t *draws_store_replacements(db_t *db, arena_t *a, int64_t plan_id, draw_replacement_t **out, size_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT x.id, x.plan_id, x.kind, x.school_id, x.old_id, x.new_id, x.reason, u.username, "
                        "x.created_at FROM draw_replacement x LEFT JOIN app_user u ON u.id = x.created_by WHERE "
                        "x.plan_id = $1 ORDER BY x.id",
                        DB_P(DBV_I(plan_id)), &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (draw_replacement_t){db_cell_int(&r, i, 0), db_cell_int(&r, i, 1), db_cell(&r, i, 2),
                                         db_cell_int(&r, i, 3), db_cell_int(&r, i, 4), db_cell_int(&r, i, 5),
                                         db_cell(&r, i, 6),     db_cell(&r, i, 7),     db_cell_int(&r, i, 8)};
    *n = r.n_rows;
    return NULL;
}

static err_t *exists_in(db_t *db, arena_t *a, const char *head, const char *scope_path, int64_t id, bool *yes,
                        db_rows_t *r) {
    sqlb_t q;
    sqlb_init(&q, a, head);
    sqlb_addv(&q, " AND x.id = ", DBV_I(id));
    scope_t sc = scope_region(scope_path);
    scope_and_path(&q, &sc, "g.path");
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, r);
    if (!e) *yes = r->n_rows > 0;
    return e;
}

err_t *draws_store_names(db_t *db, arena_t *a, const char *kind, const int64_t *ids, size_t n, json_t **out) {
    *out = json_object();
    const char *table = strcmp(kind, "school") == 0 ? "school" : strcmp(kind, "unit") == 0 ? "unit" : "inspector";
    /* the ids are integers the server parsed: written into the text, a few hundred at a time */
    for (size_t at = 0; at < n; at += 500) {
        size_t m = n - at < 500 ? n - at : 500;
        char *list = arena_alloc(a, m * 21 + 1), *p = list;
        for (size_t i = 0; i < m; i++)
            p += snprintf(p, 22, "%s%lld", i ? "," : "", (long long)ids[at + i]);
        db_rows_t r;
        err_t *e =
            db_query(db, a, arena_printf(a, "SELECT id, name FROM %s WHERE id IN (%s)", table, list), NULL, 0, &r);
        if (e) {
            json_decref(*out);
            *out = NULL;
            return e;
        }
        for (size_t i = 0; i < r.n_rows; i++)
            json_object_set_new(*out, db_cell(&r, i, 0), json_string(db_cell(&r, i, 1)));
    }
    return NULL;
}

err_t *draws_store_unit_in(db_t *db, arena_t *a, const char *scope_path, int64_t id, bool *yes) {
    db_rows_t r;
    return exists_in(db, a, "SELECT x.id FROM unit x JOIN region g ON g.code = x.county_code WHERE x.status = 'active'",
                     scope_path, id, yes, &r);
}

err_t *draws_store_school_in(db_t *db, arena_t *a, const char *scope_path, int64_t id, bool *yes) {
    db_rows_t r;
    return exists_in(db, a, "SELECT x.id FROM school x JOIN region g ON g.code = x.region_code WHERE 1=1", scope_path,
                     id, yes, &r);
}

err_t *draws_store_inspector_in(db_t *db, arena_t *a, const char *scope_path, int64_t id, bool *yes) {
    db_rows_t r;
    return exists_in(db, a,
                     "SELECT x.id FROM inspector x JOIN region g ON g.code = x.region_code WHERE x.status = 'active'",
                     scope_path, id, yes, &r);
}

err_t *draws_store_closed_finding_in(db_t *db, arena_t *a, const char *scope_path, int64_t id, bool *yes,
                                     int64_t *school_id) {
    db_rows_t r;
    err_t *e = exists_in(db, a,
                         "SELECT x.id, x.school_id FROM finding x JOIN region g ON g.code = x.region_code WHERE "
                         "x.state = 'closed' AND x.school_id IS NOT NULL",
                         scope_path, id, yes, &r);
    if (!e && *yes) *school_id = db_cell_int(&r, 0, 1);
    return e;
}

err_t *draws_store_conflicts(db_t *db, arena_t *a, int64_t inspector_id, bool with_own, draw_conflict_t **out,
                             size_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT school_id, MIN(kind) FROM (SELECT school_id, kind FROM inspector_relation WHERE "
                        "inspector_id = $1 UNION ALL SELECT school_id, 'own_school' AS kind FROM assignment WHERE "
                        "inspector_id = $1 AND ends_on IS NULL AND $2 = 1) c GROUP BY school_id ORDER BY school_id",
                        DB_P(DBV_I(inspector_id), DBV_I(with_own ? 1 : 0)), &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (draw_conflict_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1)};
    *n = r.n_rows;
    return NULL;
}

err_t *draws_store_risk(db_t *db, arena_t *a, const char *scope_path, int64_t school_id, const char *today,
                        int64_t since, draw_risk_row_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT s.id, s.name, s.region_code, (SELECT COUNT(*) FROM finding f WHERE f.school_id = s.id AND ");
    sqlb_add(&q, "f.state IN ('issued', 'rectifying', 'submitted')), (SELECT COUNT(*) FROM finding f WHERE "
                 "f.school_id = s.id AND ");
    finding_sql_overdue(&q, "f", today);
    sqlb_addv(&q,
              "), (SELECT COUNT(*) FROM complaint c WHERE c.school_id = s.id AND c.state <> 'rejected' AND "
              "c.created_at >= ",
              DBV_I(since));
    sqlb_add(&q, "), (SELECT COUNT(DISTINCT e.finding_id) FROM finding_event e JOIN finding f ON f.id = e.finding_id "
                 "WHERE f.school_id = s.id AND e.kind IN ('reopened', 'recurrence')) FROM school s JOIN region g ON "
                 "g.code = s.region_code WHERE 1=1");
    scope_t sc = scope_region(scope_path);
    scope_and_path(&q, &sc, "g.path");
    if (school_id > 0) sqlb_addv(&q, " AND s.id = ", DBV_I(school_id));
    sqlb_add(&q, " ORDER BY s.id");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (draw_risk_row_t){
            db_cell_int(&r, i, 0), db_cell(&r, i, 1),     db_cell(&r, i, 2),     db_cell_int(&r, i, 3),
            db_cell_int(&r, i, 4), db_cell_int(&r, i, 5), db_cell_int(&r, i, 6), -1};
    *n = r.n_rows;
    return NULL;
}

err_t *draws_store_setting(db_t *db, arena_t *a, const char *region_code, const char *name, int64_t *value) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT s.value FROM jurisdiction_setting s JOIN region g ON g.code = s.region_code JOIN "
                        "region me ON me.code = $1 WHERE me.path LIKE g.path || '%' AND s.name = $2 ORDER BY "
                        "LENGTH(g.path) DESC LIMIT 1",
                        DB_P(DBV_S(region_code), DBV_S(name)), &r);
    if (e) return e;
    if (r.n_rows && db_cell(&r, 0, 0)) *value = strtoll(db_cell(&r, 0, 0), NULL, 10);
    return NULL;
}

err_t *draws_store_closed_findings(db_t *db, arena_t *a, const char *scope_path, int64_t from_ts, int64_t to_ts,
                                   const char *severity, draw_closed_finding_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(
        &q, a,
        "SELECT x.id, x.school_id, s.name, x.severity, x.description, x.closed_at FROM finding x JOIN school s ON "
        "s.id = x.school_id JOIN region g ON g.code = x.region_code WHERE x.state = 'closed'");
    scope_t sc = scope_region(scope_path);
    scope_and_path(&q, &sc, "g.path");
    if (from_ts > 0) sqlb_addv(&q, " AND x.closed_at >= ", DBV_I(from_ts));
    if (to_ts > 0) sqlb_addv(&q, " AND x.closed_at < ", DBV_I(to_ts));
    if (severity) sqlb_addv(&q, " AND x.severity = ", DBV_S(severity));
    sqlb_add(&q, " ORDER BY x.id LIMIT 5000");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (draw_closed_finding_t){db_cell_int(&r, i, 0), db_cell_int(&r, i, 1), db_cell(&r, i, 2),
                                            db_cell(&r, i, 3),     db_cell(&r, i, 4),     db_cell_int(&r, i, 5)};
    *n = r.n_rows;
    return NULL;
}
