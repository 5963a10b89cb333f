#include "store/roster/coverage_store.h"

#define HAS_LEAD                                                                                                       \
    "EXISTS (SELECT 1 FROM assignment g WHERE g.school_id = s.id AND g.ends_on IS NULL AND g.role = 'lead')"
/* the open 挂牌 of a school: the summary on its row (migration 033) */
#define N_OPEN "s.n_open_assignments"
#define OPEN_SCHOOLS "FROM school s JOIN region r ON r.code = s.region_code WHERE s.status = 'open'"

static err_t *coverage_run(db_t *db, arena_t *a, sqlb_t *q, db_rows_t *r) {
    return db_query(db, a, sqlb_sql(q), q->params, q->n_params, r);
}

err_t *coverage_store_counties(db_t *db, arena_t *a, const scope_t *sc, coverage_county_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT c.code, c.name, COUNT(s.id), SUM(CASE WHEN " HAS_LEAD " THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN s.zone_id IS NULL THEN 1 ELSE 0 END) FROM school s JOIN region r ON r.code = "
              "s.region_code JOIN region c ON c.code = CASE WHEN r.level = 'town' THEN r.parent_code ELSE r.code END "
              "WHERE s.status = 'open'");
    scope_and_path(&q, sc, "r.path");
    sqlb_add(&q, " GROUP BY c.code, c.name ORDER BY c.code");
    db_rows_t r;
    err_t *e = coverage_run(db, a, &q, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    *n = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (coverage_county_t){db_cell(&r, i, 0), db_cell(&r, i, 1), db_cell_int(&r, i, 2),
                                        db_cell_int(&r, i, 3), db_cell_int(&r, i, 4)};
    return NULL;
}

/* columns: id, code, name, region name, type, county, current inspectors */
static err_t *coverage_schools(db_t *db, arena_t *a, sqlb_t *q, coverage_school_t **out, size_t *n) {
    db_rows_t r;
    err_t *e = coverage_run(db, a, q, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    *n = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] =
            (coverage_school_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2),    db_cell(&r, i, 3),
                                db_cell(&r, i, 4),     db_cell(&r, i, 5), db_cell_int(&r, i, 6)};
    return NULL;
}

#define SCHOOL_COLS                                                                                                    \
    "SELECT s.id, s.code, s.name, r.name, s.type_code, CASE WHEN r.level = 'town' THEN r.parent_code ELSE r.code "     \
    "END, " N_OPEN " "

err_t *coverage_store_gaps(db_t *db, arena_t *a, const scope_t *sc, int64_t limit, coverage_school_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, SCHOOL_COLS OPEN_SCHOOLS " AND NOT " HAS_LEAD);
    scope_and_path(&q, sc, "r.path");
    sqlb_addv(&q, " ORDER BY s.code LIMIT ", DBV_I(limit));
    return coverage_schools(db, a, &q, out, n);
}

err_t *coverage_store_without_zone(db_t *db, arena_t *a, const scope_t *sc, int64_t limit, coverage_school_t **out,
                                   size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, SCHOOL_COLS OPEN_SCHOOLS " AND s.zone_id IS NULL");
    scope_and_path(&q, sc, "r.path");
    sqlb_addv(&q, " ORDER BY s.code LIMIT ", DBV_I(limit));
    return coverage_schools(db, a, &q, out, n);
}

err_t *coverage_store_central_short(db_t *db, arena_t *a, const scope_t *sc, const char *county_code,
                                    int64_t central_min, coverage_school_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, SCHOOL_COLS OPEN_SCHOOLS " AND s.is_central = 1");
    scope_and_path(&q, sc, "r.path");
    scope_and_under(&q, "r.path", county_code);
    sqlb_addv(&q, " AND " N_OPEN " < ", DBV_I(central_min));
    sqlb_add(&q, " ORDER BY s.code");
    return coverage_schools(db, a, &q, out, n);
}

err_t *coverage_store_over_capacity(db_t *db, arena_t *a, const scope_t *sc, int64_t warn_above,
                                    coverage_inspector_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT i.id, i.name, i.kind, COUNT(x.id) FROM inspector i JOIN region r ON r.code = i.region_code "
              "JOIN assignment x ON x.inspector_id = i.id AND x.ends_on IS NULL WHERE 1=1");
    scope_and_path(&q, sc, "r.path");
    sqlb_addv(&q, " GROUP BY i.id, i.name, i.kind HAVING COUNT(x.id) > ", DBV_I(warn_above));
    sqlb_add(&q, " ORDER BY COUNT(x.id) DESC");
    db_rows_t r;
    err_t *e = coverage_run(db, a, &q, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    *n = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] =
            (coverage_inspector_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2), db_cell_int(&r, i, 3)};
    return NULL;
}
