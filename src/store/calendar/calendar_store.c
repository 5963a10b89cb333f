/* The SQL of the 校历 (see calendar_store.h). */
#include "store/calendar/calendar_store.h"

#include <string.h>

#define COLS "id, county_code, school_year, kind, name, starts_on, ends_on"

static cal_row_t row_at(const db_rows_t *r, size_t i) {
    return (cal_row_t){db_cell_int(r, i, 0), db_cell(r, i, 1), db_cell_int(r, i, 2), db_cell(r, i, 3),
                       db_cell(r, i, 4),     db_cell(r, i, 5), db_cell(r, i, 6)};
}

err_t *cal_store_list(db_t *db, arena_t *a, const char *county_code, int64_t school_year, cal_row_t **out,
                      size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT " COLS " FROM calendar_period WHERE county_code = $1 AND school_year = $2 "
                        "ORDER BY starts_on, id",
                        DB_P(DBV_S(county_code), DBV_I(school_year)), &r);
    if (e) return e;
    cal_row_t *items = arena_alloc(a, (r.n_rows + 1) * sizeof *items);
    for (size_t i = 0; i < r.n_rows; i++)
        items[i] = row_at(&r, i);
    *out = items;
    *n_out = r.n_rows;
    return NULL;
}

err_t *cal_store_get(db_t *db, arena_t *a, int64_t id, cal_row_t *out) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT " COLS " FROM calendar_period WHERE id = $1", DB_P(DBV_I(id)), &r);
    if (e) return e;
    if (!r.n_rows) return err_new(a, ERR_NOT_FOUND, "id", "校历条目不存在", "no such calendar period");
    *out = row_at(&r, 0);
    return NULL;
}

err_t *cal_store_insert(db_t *db, arena_t *a, cal_row_t *c, int64_t user_id, int64_t now) {
    db_rows_t r;
    err_t *e =
        db_query(db, a,
                 "INSERT INTO calendar_period (county_code, school_year, kind, name, starts_on, ends_on, "
                 "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                 DB_P(DBV_S(c->county_code), DBV_I(c->school_year), DBV_S(c->kind), DBV_S(c->name), DBV_S(c->starts_on),
                      DBV_S(c->ends_on), user_id > 0 ? DBV_I(user_id) : DBV_NUL, DBV_I(now)),
                 &r);
    if (e) return e;
    c->id = db_cell_int(&r, 0, 0);
    return NULL;
}

err_t *cal_store_update(db_t *db, arena_t *a, const cal_row_t *c, int64_t now) {
    return db_query(
        db, a,
        "UPDATE calendar_period SET kind = $2, name = $3, starts_on = $4, ends_on = $5, updated_at = $6 "
        "WHERE id = $1",
        DB_P(DBV_I(c->id), DBV_S(c->kind), DBV_S(c->name), DBV_S(c->starts_on), DBV_S(c->ends_on), DBV_I(now)), NULL);
}

err_t *cal_store_delete(db_t *db, arena_t *a, int64_t id) {
    return db_query(db, a, "DELETE FROM calendar_period WHERE id = $1", DB_P(DBV_I(id)), NULL);
}

err_t *cal_store_county_of(db_t *db, arena_t *a, const char *region_code, const char **out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT c.code FROM region c JOIN region s ON s.code = $1 WHERE c.level = 'county' AND "
                        "substr(s.path, 1, length(c.path)) = c.path ORDER BY length(c.path) DESC LIMIT 1",
                        DB_P(DBV_S(region_code ? region_code : "")), &r);
    if (e) return e;
    *out = r.n_rows ? db_cell(&r, 0, 0) : "";
    return NULL;
}
