#include "store/platform/doc_counter_store.h"

err_t *doc_counter_next(db_t *db, arena_t *a, const char *county_code, int year, const char *kind, int64_t *out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO doc_counter (county_code, year, kind, last_no) VALUES ($1, $2, $3, 1) "
                        "ON CONFLICT (county_code, year, kind) DO UPDATE SET last_no = doc_counter.last_no + 1 "
                        "RETURNING last_no",
                        DB_P(DBV_S(county_code), DBV_I(year), DBV_S(kind)), &r);
    if (!e) *out = db_scalar_int(&r, 0);
    return e;
}
