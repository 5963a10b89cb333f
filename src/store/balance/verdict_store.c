#include "store/balance/verdict_store.h"

#include "store/sqlb.h"

#define ITEM_COLS                                                                                                      \
    "SELECT i.id, i.county_code, i.item_key, i.school_year, i.value, i.note, i.status, i.check_note, i.entered_by, "   \
    "i.entered_at, i.checked_by, i.checked_at, ue.username, uc.username FROM balance_county_item i "                   \
    "LEFT JOIN app_user ue ON ue.id = i.entered_by LEFT JOIN app_user uc ON uc.id = i.checked_by "

static void item_of(const db_rows_t *r, size_t i, verdict_item_row_t *x) {
    *x = (verdict_item_row_t){.id = db_cell_int(r, i, 0),
                              .county_code = db_cell(r, i, 1),
                              .item_key = db_cell(r, i, 2),
                              .school_year = db_cell_int(r, i, 3),
                              .value = db_cell(r, i, 4),
                              .note = db_cell(r, i, 5),
                              .status = db_cell(r, i, 6),
                              .check_note = db_cell(r, i, 7),
                              .entered_by = db_cell_int(r, i, 8),
                              .entered_at = db_cell_int(r, i, 9),
                              .checked_by = db_cell_int(r, i, 10),
                              .checked_at = db_cell_int(r, i, 11),
                              .entered_by_name = db_cell(r, i, 12),
                              .checked_by_name = db_cell(r, i, 13)};
}

err_t *verdict_store_items(db_t *db, arena_t *a, const scope_t *sc, const char *county_code, int64_t school_year,
                           verdict_item_row_t **out, size_t *n_out) {
    sqlb_t q;
    sqlb_init(&q, a, ITEM_COLS "WHERE 1=1");
    sqlb_addv(&q, " AND i.county_code = ", DBV_S(county_code));
    sqlb_addv(&q, " AND i.school_year = ", DBV_I(school_year));
    scope_and_region_code(&q, sc, "i.county_code");
    sqlb_add(&q, " ORDER BY i.item_key");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    verdict_item_row_t *v = arena_alloc(a, (r.n_rows + 1) * sizeof *v);
    for (size_t i = 0; i < r.n_rows; i++)
        item_of(&r, i, &v[i]);
    *out = v;
    *n_out = r.n_rows;
    return NULL;
}

err_t *verdict_store_item_get(db_t *db, arena_t *a, const char *county_code, int64_t school_year, const char *key,
                              verdict_item_row_t *out, bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a, ITEM_COLS "WHERE i.county_code = $1 AND i.school_year = $2 AND i.item_key = $3",
                        DB_P(DBV_S(county_code), DBV_I(school_year), DBV_S(key)), &r);
    if (e) return e;
    *found = r.n_rows == 1;
    if (*found) item_of(&r, 0, out);
    return NULL;
}

err_t *verdict_store_item_put(db_t *db, arena_t *a, const char *county_code, int64_t school_year, const char *key,
                              const char *value, const char *note, int64_t user_id, int64_t now, int64_t *id) {
    verdict_item_row_t old;
    bool found;
    err_t *e = verdict_store_item_get(db, a, county_code, school_year, key, &old, &found);
    if (e) return e;
    db_val_t by = user_id > 0 ? DBV_I(user_id) : DBV_NUL;
    if (found) {
        *id = old.id;
        return db_query(db, a,
                        "UPDATE balance_county_item SET value = $1, note = $2, status = 'submitted', entered_by = $3, "
                        "entered_at = $4, checked_by = NULL, checked_at = NULL, check_note = '' WHERE id = $5",
                        DB_P(DBV_S(value), DBV_S(note), by, DBV_I(now), DBV_I(old.id)), NULL);
    }
    db_rows_t r;
    e = db_query(db, a,
                 "INSERT INTO balance_county_item (county_code, school_year, item_key, value, note, status, "
                 "entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7) RETURNING id",
                 DB_P(DBV_S(county_code), DBV_I(school_year), DBV_S(key), DBV_S(value), DBV_S(note), by, DBV_I(now)),
                 &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

err_t *verdict_store_item_check(db_t *db, arena_t *a, int64_t id, const char *status, const char *note, int64_t user_id,
                                int64_t now) {
    return db_query(db, a,
                    "UPDATE balance_county_item SET status = $1, check_note = $2, checked_by = $3, checked_at = $4 "
                    "WHERE id = $5",
                    DB_P(DBV_S(status), DBV_S(note), user_id > 0 ? DBV_I(user_id) : DBV_NUL, DBV_I(now), DBV_I(id)),
                    NULL);
}
