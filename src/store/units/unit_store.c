/* The SQL of the supervised units (see unit_store.h). */
#include "store/units/unit_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/findings/finding_sql.h"
#include "store/rows.h"
#include "store/sqlb.h"

#define UNIT_SELECT                                                                                                    \
    "SELECT u.id, u.county_code, u.region_code, g.name, u.kind, u.name, u.dept_code, u.status, u.created_at, "       \
    "u.updated_at FROM unit u JOIN region g ON g.code = u.region_code WHERE 1=1"

static const store_col_t unit_cols[] = {
    SC_I(unit_t, id),   SC_T(unit_t, county_code), SC_T(unit_t, region_code), SC_T(unit_t, region_name),
    SC_T(unit_t, kind), SC_T(unit_t, name),        SC_T(unit_t, dept_code),   SC_T(unit_t, status),
    SC_I(unit_t, created_at), SC_I(unit_t, updated_at),
};
static const store_map_t unit_map = STORE_MAP(unit_t, unit_cols, NULL);

static void unit_scope(sqlb_t *q, const scope_t *sc) {
    scope_and_region_code(q, sc, "u.region_code");
    scope_and_unit(q, sc, "u.id");
}

err_t *unit_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, unit_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, UNIT_SELECT);
    unit_scope(&q, sc);
    sqlb_addv(&q, " AND u.id = ", DBV_I(id));
    return store_get_q(db, a, &q, &unit_map, out, &(store_missing_t){"id", "被督导单位", "unit", id, false});
}

err_t *unit_store_list(db_t *db, arena_t *a, const scope_t *sc, const char *county_code, const char *kind,
                       unit_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, UNIT_SELECT);
    unit_scope(&q, sc);
    if (county_code) sqlb_addv(&q, " AND u.county_code = ", DBV_S(county_code));
    if (kind) sqlb_addv(&q, " AND u.kind = ", DBV_S(kind));
    sqlb_add(&q, " ORDER BY u.kind DESC, u.name, u.id");
    return store_list_q(db, a, &q, &unit_map, out, n);
}

static err_t *name_conflict(arena_t *a, err_t *e, const char *name) {
    if (e && e->code == ERR_CONFLICT)
        return err_newf(a, ERR_CONFLICT, "name", "本县已有名为 %s 的单位", "the county already has a unit named %s", name,
                        name);
    return e;
}

err_t *unit_store_insert(db_t *db, arena_t *a, const unit_t *u, int64_t now, int64_t *id) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO unit (county_code, region_code, kind, name, dept_code, status, created_at, "
                        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                        DB_P(DBV_S(u->county_code), DBV_S(u->region_code), DBV_S(u->kind), DBV_S(u->name),
                             DBV_S(u->dept_code ? u->dept_code : ""), DBV_S(u->status), DBV_I(now)),
                        &r);
    if (e) return name_conflict(a, e, u->name);
    *id = db_scalar_int(&r, 0);
    return NULL;
}

err_t *unit_store_update(db_t *db, arena_t *a, const unit_t *u, int64_t now) {
    return name_conflict(a,
                         db_query(db, a,
                                  "UPDATE unit SET name = $2, dept_code = $3, status = $4, updated_at = $5 WHERE id = $1",
                                  DB_P(DBV_I(u->id), DBV_S(u->name), DBV_S(u->dept_code ? u->dept_code : ""),
                                       DBV_S(u->status), DBV_I(now)),
                                  NULL),
                         u->name);
}

err_t *unit_store_assessment_get(db_t *db, arena_t *a, int64_t unit_id, int64_t year, unit_assessment_t *out,
                                 bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT id, self_report, self_report_at, published_at, score, n_downgrades, n_vetoes, note, "
                        "grade, graded_at FROM unit_assessment WHERE unit_id = $1 AND year = $2",
                        DB_P(DBV_I(unit_id), DBV_I(year)), &r);
    if (e) return e;
    memset(out, 0, sizeof *out);
    out->unit_id = unit_id;
    out->year = year;
    *found = r.n_rows == 1;
    if (!*found) return NULL;
    out->id = db_cell_int(&r, 0, 0);
    out->self_report = db_cell(&r, 0, 1);
    out->self_report_at = db_cell_int(&r, 0, 2);
    out->published_at = db_cell_int(&r, 0, 3);
    const char *s = db_cell(&r, 0, 4);
    out->has_score = s != NULL;
    out->score = s ? strtod(s, NULL) : 0;
    out->n_downgrades = db_cell_int(&r, 0, 5);
    out->n_vetoes = db_cell_int(&r, 0, 6);
    out->note = db_cell(&r, 0, 7);
    out->grade = db_cell(&r, 0, 8);
    out->graded_at = db_cell_int(&r, 0, 9);
    return NULL;
}

static db_val_t opt_i(int64_t v) {
    return v ? DBV_I(v) : DBV_NUL;
}

err_t *unit_store_assessment_put(db_t *db, arena_t *a, const unit_assessment_t *x, int64_t now) {
    err_t *e = db_query(db, a,
                        "INSERT INTO unit_assessment (unit_id, year, created_at, updated_at) SELECT $1, $2, $3, $3 "
                        "WHERE NOT EXISTS (SELECT 1 FROM unit_assessment WHERE unit_id = $1 AND year = $2)",
                        DB_P(DBV_I(x->unit_id), DBV_I(x->year), DBV_I(now)), NULL);
    if (e) return e;
    return db_query(db, a,
                    "UPDATE unit_assessment SET self_report = $3, self_report_at = $4, published_at = $5, "
                    "score = CAST($6 AS DOUBLE PRECISION), n_downgrades = $7, n_vetoes = $8, note = $9, grade = $10, "
                    "graded_at = $11, updated_at = $12 WHERE unit_id = $1 AND year = $2",
                    DB_P(DBV_I(x->unit_id), DBV_I(x->year), DBV_S(x->self_report), opt_i(x->self_report_at),
                         opt_i(x->published_at), x->has_score ? DBV_S(arena_printf(a, "%.17g", x->score)) : DBV_NUL,
                         DBV_I(x->n_downgrades), DBV_I(x->n_vetoes), DBV_S(x->note), DBV_S(x->grade),
                         opt_i(x->graded_at), DBV_I(now)),
                    NULL);
}

err_t *unit_store_rules_get(db_t *db, arena_t *a, const char *county_code, double *excellent, double *good,
                            double *pass, bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT excellent, good, pass FROM unit_grade_rules WHERE county_code = $1 "
                        "ORDER BY id DESC LIMIT 1",
                        DB_P(DBV_S(county_code)), &r);
    if (e) return e;
    *found = r.n_rows == 1;
    if (*found) {
        *excellent = strtod(db_cell(&r, 0, 0), NULL);
        *good = strtod(db_cell(&r, 0, 1), NULL);
        *pass = strtod(db_cell(&r, 0, 2), NULL);
    }
    return NULL;
}

err_t *unit_store_rules_put(db_t *db, arena_t *a, const char *county_code, double excellent, double good, double pass,
                            int64_t user_id, int64_t now) {
    return db_query(db, a,
                    "INSERT INTO unit_grade_rules (county_code, excellent, good, pass, created_by, created_at) VALUES "
                    "($1, CAST($2 AS DOUBLE PRECISION), CAST($3 AS DOUBLE PRECISION), CAST($4 AS DOUBLE PRECISION), "
                    "$5, $6)",
                    DB_P(DBV_S(county_code), DBV_S(arena_printf(a, "%.17g", excellent)),
                         DBV_S(arena_printf(a, "%.17g", good)), DBV_S(arena_printf(a, "%.17g", pass)),
                         user_id > 0 ? DBV_I(user_id) : DBV_NUL, DBV_I(now)),
                    NULL);
}

err_t *unit_store_overdue_red_lines(db_t *db, arena_t *a, int64_t unit_id, const char *today, int64_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, "SELECT COUNT(*) FROM finding f WHERE f.severity = 'red_line'");
    sqlb_addv(&q, " AND f.unit_id = ", DBV_I(unit_id));
    sqlb_add(&q, " AND ");
    finding_sql_overdue(&q, "f", today);
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (!e) *n = db_scalar_int(&r, 0);
    return e;
}

err_t *unit_store_problems(db_t *db, arena_t *a, const scope_t *sc, const char *county_code, unit_problem_t **out,
                           size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT f.id, u.id, u.name, f.description, f.severity, f.state, f.deadline FROM finding f "
              "JOIN unit u ON u.id = f.unit_id WHERE f.state <> 'draft'");
    unit_scope(&q, sc);
    sqlb_addv(&q, " AND u.county_code = ", DBV_S(county_code));
    sqlb_add(&q, " ORDER BY u.name, f.deadline, f.id");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    unit_problem_t *v = arena_alloc(a, (r.n_rows + 1) * sizeof *v);
    for (size_t i = 0; i < r.n_rows; i++)
        v[i] = (unit_problem_t){.finding_id = db_cell_int(&r, i, 0),
                                .unit_id = db_cell_int(&r, i, 1),
                                .unit_name = db_cell(&r, i, 2),
                                .title = db_cell(&r, i, 3),
                                .severity = db_cell(&r, i, 4),
                                .state = db_cell(&r, i, 5),
                                .deadline = db_cell(&r, i, 6)};
    *out = v;
    *n = r.n_rows;
    return NULL;
}

err_t *unit_store_add_task_target(db_t *db, arena_t *a, int64_t task_id, const unit_t *u, int64_t now, bool *added) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT 1 FROM task_target WHERE task_id = $1 AND unit_id = $2",
                        DB_P(DBV_I(task_id), DBV_I(u->id)), &r);
    if (e) return e;
    *added = r.n_rows == 0;
    if (!*added) return NULL;
    return db_query(db, a,
                    "INSERT INTO task_target (task_id, school_id, region_code, unit_id, created_at) VALUES ($1, NULL, "
                    "$2, $3, $4)",
                    DB_P(DBV_I(task_id), DBV_S(u->region_code), DBV_I(u->id), DBV_I(now)), NULL);
}
