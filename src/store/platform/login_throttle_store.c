#include "store/platform/login_throttle_store.h"

err_t *login_throttle_store_get(db_t *db, arena_t *a, const char *key, int64_t *locked_until) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT locked_until FROM login_throttle WHERE throttle_key = $1", DB_P(DBV_S(key)), &r);
    if (e) return e;
    *locked_until = r.n_rows ? db_cell_int(&r, 0, 0) : 0;
    return NULL;
}

err_t *login_throttle_store_fail(db_t *db, arena_t *a, const char *key, int max_failures, int64_t now,
                                 int64_t lock_until, int64_t reset_before, bool *is_locked_now) {
    /* "fresh": the row's count no longer applies (its lock expired, or it went quiet). The
     * right-hand sides see the row as it was. */
#define FRESH "(t.locked_until > 0 AND t.locked_until <= $4) OR t.updated_at < $5"
#define NEW_N "(CASE WHEN " FRESH " THEN 1 ELSE t.n_failures + 1 END)"
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO login_throttle AS t (throttle_key, n_failures, locked_until, updated_at) "
                        "VALUES ($1, 1, CASE WHEN 1 >= $2 THEN $3 ELSE 0 END, $4) "
                        "ON CONFLICT (throttle_key) DO UPDATE SET "
                        "n_failures = " NEW_N ", "
                        "locked_until = CASE WHEN " NEW_N " >= $2 THEN $3 WHEN " FRESH " THEN 0 "
                        "ELSE t.locked_until END, "
                        "updated_at = $4 "
                        "RETURNING n_failures",
                        DB_P(DBV_S(key), DBV_I(max_failures), DBV_I(lock_until), DBV_I(now), DBV_I(reset_before)), &r);
#undef NEW_N
#undef FRESH
    if (e) return e;
    *is_locked_now = db_scalar_int(&r, 0) >= max_failures;
    return NULL;
}

err_t *login_throttle_store_sweep(db_t *db, arena_t *a, int64_t before) {
    return db_query(db, a, "DELETE FROM login_throttle WHERE updated_at < $1 AND locked_until < $1",
                    DB_P(DBV_I(before)), NULL);
}
