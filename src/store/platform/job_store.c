#include "store/platform/job_store.h"

err_t *job_store_claim(db_t *db, arena_t *a, const char *name, const char *period, const char *owner, int64_t now,
                       int64_t lease_until, bool *is_claimed) {
    *is_claimed = false;
    err_t *e = db_query(db, a, "INSERT INTO scheduled_job (name) VALUES ($1) ON CONFLICT (name) DO NOTHING",
                        DB_P(DBV_S(name)), NULL);
    if (e) return e;
    db_rows_t r;
    e = db_query(db, a,
                 "UPDATE scheduled_job SET lease_owner = $2, lease_period = $3, lease_until = $4 WHERE name = $1 AND "
                 "(done_period IS NULL OR done_period < $3) AND (lease_until IS NULL OR lease_until < $5)",
                 DB_P(DBV_S(name), DBV_S(owner), DBV_S(period), DBV_I(lease_until), DBV_I(now)), &r);
    *is_claimed = !e && r.n_changed == 1;
    return e;
}

err_t *job_store_finish(db_t *db, arena_t *a, const char *name, const char *owner, const char *done_period,
                        int64_t now, const char *result) {
    if (done_period)
        return db_query(db, a,
                        "UPDATE scheduled_job SET done_period = $3, lease_owner = NULL, lease_until = NULL, "
                        "last_run_at = $4, last_result = $5 WHERE name = $1 AND lease_owner = $2",
                        DB_P(DBV_S(name), DBV_S(owner), DBV_S(done_period), DBV_I(now), DBV_S(result)), NULL);
    return db_query(db, a,
                    "UPDATE scheduled_job SET lease_owner = NULL, lease_until = NULL, last_run_at = $3, "
                    "last_result = $4 WHERE name = $1 AND lease_owner = $2",
                    DB_P(DBV_S(name), DBV_S(owner), DBV_I(now), DBV_S(result)), NULL);
}

err_t *job_store_get(db_t *db, arena_t *a, const char *name, int64_t now, job_state_t *out, bool *is_found) {
    db_rows_t r;
    *out = (job_state_t){0};
    err_t *e = db_query(db, a,
                        "SELECT done_period, last_run_at, last_result, lease_owner, lease_until FROM scheduled_job "
                        "WHERE name = $1",
                        DB_P(DBV_S(name)), &r);
    *is_found = !e && r.n_rows == 1;
    if (!*is_found) return e;
    out->done_period = db_cell(&r, 0, 0);
    out->last_run_at = db_cell(&r, 0, 1) ? db_cell_int(&r, 0, 1) : 0;
    out->last_result = db_cell(&r, 0, 2);
    out->is_leased = db_cell(&r, 0, 3) && db_cell_int(&r, 0, 4) > now;
    return NULL;
}
