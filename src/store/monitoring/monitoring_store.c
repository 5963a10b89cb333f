/* The SQL of 质量监测 (see monitoring_store.h). */
#include "store/monitoring/monitoring_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/scope.h"
#include "store/sqlb.h"

static db_val_t dbl(arena_t *a, bool has, double v) {
    return has ? DBV_S(arena_printf(a, "%.17g", v)) : DBV_NUL;
}

static int64_t school_key(int64_t school_id) {
    return school_id > 0 ? school_id : 0;
}

err_t *mon_store_put(db_t *db, arena_t *a, const mon_row_t *r, int64_t user_id, int64_t now) {
    err_t *e =
        db_query(db, a,
                 "DELETE FROM monitoring_result WHERE county_code = $1 AND cycle = $2 AND source = $3 AND "
                 "subject = $4 AND grade = $5 AND region_code = $6 AND COALESCE(school_id, 0) = $7 AND "
                 "dimension = $8 AND factor = $9",
                 DB_P(DBV_S(r->county_code), DBV_I(r->cycle), DBV_S(r->source), DBV_S(r->subject), DBV_I(r->grade),
                      DBV_S(r->region_code), DBV_I(school_key(r->school_id)), DBV_S(r->dimension), DBV_S(r->factor)),
                 NULL);
    if (e) return e;
    return db_query(
        db, a,
        "INSERT INTO monitoring_result (county_code, region_code, school_id, cycle, source, subject, grade, dimension, "
        "factor, n_students, mean_score, level1, level2, level3, level4, school_diff, factor_value, is_unreliable, "
        "imported_by, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CAST($11 AS DOUBLE PRECISION), "
        "CAST($12 AS DOUBLE PRECISION), CAST($13 AS DOUBLE PRECISION), CAST($14 AS DOUBLE PRECISION), "
        "CAST($15 AS DOUBLE PRECISION), CAST($16 AS DOUBLE PRECISION), CAST($17 AS DOUBLE PRECISION), $18, $19, $20)",
        DB_P(DBV_S(r->county_code), DBV_S(r->region_code), r->school_id > 0 ? DBV_I(r->school_id) : DBV_NUL,
             DBV_I(r->cycle), DBV_S(r->source), DBV_S(r->subject), DBV_I(r->grade), DBV_S(r->dimension),
             DBV_S(r->factor), r->n_students >= 0 ? DBV_I(r->n_students) : DBV_NUL, dbl(a, r->has_mean, r->mean_score),
             dbl(a, r->has_levels, r->levels[0]), dbl(a, r->has_levels, r->levels[1]),
             dbl(a, r->has_levels, r->levels[2]), dbl(a, r->has_levels, r->levels[3]),
             dbl(a, r->has_diff, r->school_diff), dbl(a, r->has_factor_value, r->factor_value),
             DBV_I(r->is_unreliable ? 1 : 0), user_id > 0 ? DBV_I(user_id) : DBV_NUL, DBV_I(now)),
        NULL);
}

static bool cell_dbl(const db_rows_t *r, size_t i, size_t c, double *out) {
    const char *s = db_cell(r, i, c);
    if (!s) return false;
    *out = strtod(s, NULL);
    return true;
}

static const char *txt(const db_rows_t *r, size_t i, size_t c) {
    const char *s = db_cell(r, i, c);
    return s ? s : "";
}

static void read_row(const db_rows_t *r, size_t i, mon_row_t *o) {
    memset(o, 0, sizeof *o);
    o->id = db_cell_int(r, i, 0);
    o->county_code = txt(r, i, 1);
    o->region_code = txt(r, i, 2);
    o->region_name = txt(r, i, 3);
    o->school_id = db_cell_int(r, i, 4);
    o->school_code = db_cell(r, i, 5);
    o->school_name = db_cell(r, i, 6);
    o->cycle = db_cell_int(r, i, 7);
    o->source = txt(r, i, 8);
    o->subject = txt(r, i, 9);
    o->grade = db_cell_int(r, i, 10);
    o->dimension = txt(r, i, 11);
    o->factor = txt(r, i, 12);
    o->n_students = db_cell(r, i, 13) ? db_cell_int(r, i, 13) : -1;
    o->has_mean = cell_dbl(r, i, 14, &o->mean_score);
    o->has_levels = true;
    for (int k = 0; k < 4; k++)
        if (!cell_dbl(r, i, 15 + (size_t)k, &o->levels[k])) o->has_levels = false;
    o->has_diff = cell_dbl(r, i, 19, &o->school_diff);
    o->has_factor_value = cell_dbl(r, i, 20, &o->factor_value);
    o->is_unreliable = db_cell_int(r, i, 21) != 0;
}

err_t *mon_store_list(db_t *db, arena_t *a, const char *scope_path, const mon_filter_t *f, mon_row_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT m.id, m.county_code, m.region_code, g.name, m.school_id, s.code, s.name, m.cycle, m.source, "
              "m.subject, m.grade, m.dimension, m.factor, m.n_students, m.mean_score, m.level1, m.level2, m.level3, "
              "m.level4, m.school_diff, m.factor_value, m.is_unreliable FROM monitoring_result m "
              "JOIN region g ON g.code = m.region_code LEFT JOIN school s ON s.id = m.school_id WHERE ");
    sqlb_addv(&q, "m.county_code = ", DBV_S(f->county_code));
    scope_t sc = scope_region(scope_path);
    scope_and_region_code(&q, &sc, "m.county_code");
    if (f->cycle > 0) sqlb_addv(&q, " AND m.cycle = ", DBV_I(f->cycle));
    if (f->subject) sqlb_addv(&q, " AND m.subject = ", DBV_S(f->subject));
    if (f->grade > 0) sqlb_addv(&q, " AND m.grade = ", DBV_I(f->grade));
    sqlb_add(&q, " ORDER BY m.cycle, m.subject, m.grade, m.source, m.region_code, COALESCE(m.school_id, 0), "
                 "m.dimension, m.factor");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    mon_row_t *v = arena_alloc(a, (r.n_rows + 1) * sizeof *v);
    for (size_t i = 0; i < r.n_rows; i++)
        read_row(&r, i, &v[i]);
    *out = v;
    *n = r.n_rows;
    return NULL;
}

err_t *mon_store_cycles(db_t *db, arena_t *a, const char *scope_path, const char *county_code, int64_t **out,
                        size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, "SELECT DISTINCT m.cycle FROM monitoring_result m WHERE ");
    sqlb_addv(&q, "m.county_code = ", DBV_S(county_code));
    scope_t sc = scope_region(scope_path);
    scope_and_region_code(&q, &sc, "m.county_code");
    sqlb_add(&q, " ORDER BY m.cycle DESC");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    int64_t *v = arena_alloc(a, (r.n_rows + 1) * sizeof *v);
    for (size_t i = 0; i < r.n_rows; i++)
        v[i] = db_cell_int(&r, i, 0);
    *out = v;
    *n = r.n_rows;
    return NULL;
}

err_t *mon_store_plan_insert(db_t *db, arena_t *a, const mon_plan_t *p, int64_t user_id, int64_t now, int64_t *id) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO monitoring_plan (county_code, cycle, subject, grade, dimension, school_id, "
                        "measures, finding_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                        "$10) RETURNING id",
                        DB_P(DBV_S(p->county_code), DBV_I(p->cycle), DBV_S(p->subject), DBV_I(p->grade),
                             DBV_S(p->dimension), p->school_id > 0 ? DBV_I(p->school_id) : DBV_NUL, DBV_S(p->measures),
                             DBV_I(p->finding_id), user_id > 0 ? DBV_I(user_id) : DBV_NUL, DBV_I(now)),
                        &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

err_t *mon_store_plans(db_t *db, arena_t *a, const char *scope_path, const char *county_code, mon_plan_t **out,
                       size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT p.id, p.county_code, p.cycle, p.subject, p.grade, p.dimension, p.school_id, s.name, p.measures, "
              "p.finding_id, f.state, f.deadline, p.created_at FROM monitoring_plan p "
              "JOIN finding f ON f.id = p.finding_id LEFT JOIN school s ON s.id = p.school_id WHERE ");
    sqlb_addv(&q, "p.county_code = ", DBV_S(county_code));
    scope_t sc = scope_region(scope_path);
    scope_and_region_code(&q, &sc, "p.county_code");
    sqlb_add(&q, " ORDER BY p.id DESC");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    mon_plan_t *v = arena_alloc(a, (r.n_rows + 1) * sizeof *v);
    for (size_t i = 0; i < r.n_rows; i++)
        v[i] = (mon_plan_t){.id = db_cell_int(&r, i, 0),
                            .county_code = txt(&r, i, 1),
                            .cycle = db_cell_int(&r, i, 2),
                            .subject = txt(&r, i, 3),
                            .grade = db_cell_int(&r, i, 4),
                            .dimension = txt(&r, i, 5),
                            .school_id = db_cell_int(&r, i, 6),
                            .school_name = db_cell(&r, i, 7),
                            .measures = txt(&r, i, 8),
                            .finding_id = db_cell_int(&r, i, 9),
                            .finding_state = db_cell(&r, i, 10),
                            .finding_deadline = db_cell(&r, i, 11),
                            .created_at = db_cell_int(&r, i, 12)};
    *out = v;
    *n = r.n_rows;
    return NULL;
}

err_t *mon_store_settings(db_t *db, arena_t *a, const char *region_code, int64_t *min_students, int64_t *min_schools) {
    db_rows_t r;
    /* ancestors first, so deeper regions override */
    err_t *e = db_query(db, a,
                        "SELECT s.name, s.value FROM jurisdiction_setting s JOIN region g ON g.code = s.region_code "
                        "JOIN region me ON me.code = $1 WHERE me.path LIKE g.path || '%' AND s.name IN "
                        "('monitoring.min_students', 'monitoring.min_schools') ORDER BY LENGTH(g.path)",
                        DB_P(DBV_S(region_code)), &r);
    if (e) return e;
    for (size_t i = 0; i < r.n_rows; i++) {
        int64_t v = strtoll(txt(&r, i, 1), NULL, 10);
        if (v <= 0) continue;
        if (strcmp(txt(&r, i, 0), "monitoring.min_students") == 0)
            *min_students = v;
        else
            *min_schools = v;
    }
    return NULL;
}
