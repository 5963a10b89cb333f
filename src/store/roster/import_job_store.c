#include "store/roster/import_job_store.h"

#include <sqlite3.h>

err_t *import_job_store_start(db_t *db, arena_t *a, int64_t user_id, const char *id, int64_t now) {
    err_t *e = db_query(db, a, "DELETE FROM import_job WHERE result IS NOT NULL AND touched_at < $1",
                        DB_P(DBV_I(now - IMPORT_JOB_KEEP_S)), NULL);
    if (e) return e;
    return db_query(db, a,
                    "INSERT INTO import_job (user_id, id, phase, rows_done, rows_total, result, touched_at) "
                    "VALUES ($1, $2, 'counting', 0, 0, NULL, $3) ON CONFLICT (user_id, id) DO UPDATE SET "
                    "phase = 'counting', rows_done = 0, rows_total = 0, result = NULL, touched_at = $3",
                    DB_P(DBV_I(user_id), DBV_S(id), DBV_I(now)), NULL);
}

err_t *import_job_store_progress(db_t *db, arena_t *a, int64_t user_id, const char *id, const char *phase,
                                 int64_t done, int64_t total, bool is_try, int64_t now) {
    /* the connection is the job's own, so changing its lock wait affects nothing else */
    sqlite3 *h = is_try && db_kind(db) == DB_SQLITE ? db_sqlite_handle(db) : NULL;
    if (h) sqlite3_busy_timeout(h, 0);
    err_t *e = db_query(db, a,
                        "UPDATE import_job SET phase = COALESCE(CAST($3 AS TEXT), phase), "
                        "rows_done = CASE WHEN CAST($4 AS BIGINT) < 0 THEN rows_done ELSE CAST($4 AS BIGINT) END, "
                        "rows_total = CASE WHEN CAST($5 AS BIGINT) < 0 THEN rows_total ELSE CAST($5 AS BIGINT) END, "
                        "touched_at = $6 "
                        "WHERE user_id = $1 AND id = $2",
                        DB_P(DBV_I(user_id), DBV_S(id), phase ? DBV_S(phase) : DBV_NUL, DBV_I(done), DBV_I(total),
                             DBV_I(now)),
                        NULL);
    if (h) sqlite3_busy_timeout(h, 10000);
    return e;
}

err_t *import_job_store_finish(db_t *db, arena_t *a, int64_t user_id, const char *id, const char *phase,
                               int64_t rows_done, const char *result, int64_t now) {
    return db_query(db, a,
                    "UPDATE import_job SET phase = $3, rows_done = $4, result = $5, touched_at = $6 "
                    "WHERE user_id = $1 AND id = $2",
                    DB_P(DBV_I(user_id), DBV_S(id), DBV_S(phase), DBV_I(rows_done), DBV_S(result), DBV_I(now)),
                    NULL);
}

err_t *import_job_store_get(db_t *db, arena_t *a, int64_t user_id, const char *id, int64_t now,
                            import_job_row_t *out, bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT id, phase, rows_done, rows_total, result FROM import_job WHERE user_id = $1 AND "
                        "id = $2 AND (result IS NULL OR touched_at >= $3)",
                        DB_P(DBV_I(user_id), DBV_S(id), DBV_I(now - IMPORT_JOB_KEEP_S)), &r);
    if (e) return e;
    *found = r.n_rows == 1;
    if (!*found) return NULL;
    *out = (import_job_row_t){.id = db_cell(&r, 0, 0),
                              .phase = db_cell(&r, 0, 1),
                              .rows_done = db_cell_int(&r, 0, 2),
                              .rows_total = db_cell_int(&r, 0, 3),
                              .result = db_cell(&r, 0, 4)};
    return NULL;
}

err_t *import_job_store_row_begin(db_t *db, arena_t *a) {
    return db_query(db, a, "SAVEPOINT import_row", DB_NOP, NULL);
}

err_t *import_job_store_row_end(db_t *db, arena_t *a, bool is_kept) {
    return db_query(db, a, is_kept ? "RELEASE SAVEPOINT import_row" : "ROLLBACK TO SAVEPOINT import_row", DB_NOP,
                    NULL);
}
