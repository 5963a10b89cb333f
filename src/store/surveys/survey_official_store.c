/* The SQL of the official surveys the county distributes (see survey_official_store.h). */
#include "store/surveys/survey_official_store.h"

#include "store/rows.h"
#include "store/sqlb.h"

err_t *survey_official_store_insert(db_t *db, arena_t *a, const survey_official_row_t *o, int64_t created_by,
                                    int64_t *id) {
    db_rows_t r;
    err_t *e =
        db_query(db, a,
                 "INSERT INTO survey_official (region_code, title, institution, url, opens_on, closes_on, "
                 "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                 DB_P(DBV_S(o->region_code), DBV_S(o->title), DBV_S(o->institution), DBV_S(o->url), DBV_S(o->opens_on),
                      DBV_S(o->closes_on), created_by > 0 ? DBV_I(created_by) : DBV_NUL, DBV_I(o->created_at)),
                 &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

err_t *survey_official_store_cell_insert(db_t *db, arena_t *a, int64_t official_id,
                                         const survey_official_cell_row_t *c) {
    return db_query(db, a,
                    "INSERT INTO survey_official_cell (official_id, position, group_name, school_id, target) VALUES "
                    "($1, $2, $3, $4, $5)",
                    DB_P(DBV_I(official_id), DBV_I(c->position), DBV_S(c->group_name),
                         c->school_id > 0 ? DBV_I(c->school_id) : DBV_NUL, DBV_I(c->target)),
                    NULL);
}

#define OFFICIAL_SELECT                                                                                                \
    "SELECT o.id, o.region_code, g.name, o.title, o.institution, o.url, o.opens_on, o.closes_on, o.status, "           \
    "o.created_at, (SELECT COALESCE(SUM(c.target), 0) FROM survey_official_cell c WHERE c.official_id = o.id), "       \
    "(SELECT COALESCE(SUM(c.collected), 0) FROM survey_official_cell c WHERE c.official_id = o.id) FROM "              \
    "survey_official o JOIN region g ON g.code = o.region_code WHERE 1=1"

static const store_col_t official_cols[] = {
    SC_I(survey_official_row_t, id),          SC_T(survey_official_row_t, region_code),
    SC_T(survey_official_row_t, region_name), SC_T(survey_official_row_t, title),
    SC_T(survey_official_row_t, institution), SC_T(survey_official_row_t, url),
    SC_T(survey_official_row_t, opens_on),    SC_T(survey_official_row_t, closes_on),
    SC_T(survey_official_row_t, status),      SC_I(survey_official_row_t, created_at),
    SC_I(survey_official_row_t, target),      SC_I(survey_official_row_t, collected),
};
static const store_map_t official_map = STORE_MAP(survey_official_row_t, official_cols, NULL);

err_t *survey_official_store_list(db_t *db, arena_t *a, const scope_t *sc, survey_official_row_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, OFFICIAL_SELECT);
    scope_and_path(&q, sc, "g.path");
    sqlb_add(&q, " ORDER BY o.id DESC");
    return store_list_q(db, a, &q, &official_map, out, n);
}

err_t *survey_official_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, survey_official_row_t *out,
                                 bool *found) {
    sqlb_t q;
    sqlb_init(&q, a, OFFICIAL_SELECT);
    scope_and_path(&q, sc, "g.path");
    sqlb_addv(&q, " AND o.id = ", DBV_I(id));
    return store_find_q(db, a, &q, &official_map, out, found);
}

static const store_col_t cell_cols[] = {
    SC_I(survey_official_cell_row_t, id),          SC_I(survey_official_cell_row_t, position),
    SC_I(survey_official_cell_row_t, school_id),   SC_I(survey_official_cell_row_t, target),
    SC_I(survey_official_cell_row_t, collected),   SC_I(survey_official_cell_row_t, updated_at),
    SC_T(survey_official_cell_row_t, group_name),  SC_T(survey_official_cell_row_t, school_name),
    SC_T(survey_official_cell_row_t, reported_on),
};
static const store_map_t cell_map = STORE_MAP(survey_official_cell_row_t, cell_cols, NULL);

err_t *survey_official_store_cells(db_t *db, arena_t *a, int64_t official_id, survey_official_cell_row_t **out,
                                   size_t *n) {
    return store_list(db, a,
                      "SELECT c.id, c.position, c.school_id, c.target, c.collected, c.updated_at, c.group_name, "
                      "s.name, c.reported_on FROM survey_official_cell c LEFT JOIN school s ON s.id = c.school_id "
                      "WHERE c.official_id = $1 ORDER BY c.position",
                      DB_P(DBV_I(official_id)), &cell_map, out, n);
}

err_t *survey_official_store_progress(db_t *db, arena_t *a, int64_t official_id, int64_t cell_id, int64_t collected,
                                      const char *reported_on, int64_t now, bool *changed) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "UPDATE survey_official_cell SET collected = $3, reported_on = $4, updated_at = $5 WHERE "
                        "id = $2 AND official_id = $1",
                        DB_P(DBV_I(official_id), DBV_I(cell_id), DBV_I(collected), DBV_S(reported_on), DBV_I(now)), &r);
    if (!e) *changed = r.n_changed == 1;
    return e;
}

err_t *survey_official_store_close(db_t *db, arena_t *a, int64_t id, bool *changed) {
    db_rows_t r;
    err_t *e = db_query(db, a, "UPDATE survey_official SET status = 'closed' WHERE id = $1 AND status = 'open'",
                        DB_P(DBV_I(id)), &r);
    if (!e) *changed = r.n_changed == 1;
    return e;
}
