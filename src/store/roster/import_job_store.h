/* import_job_store: the progress of running imports (table import_job), shared by every
 * instance on the database. Written from a connection of its own (import_job_store_open),
 * never from the import's transaction, so a poll sees progress while the import runs.
 *
 * On SQLite the import holds the only write lock while it runs: progress writes made then
 * (import_job_store_progress with is_try) give up at once instead of waiting, and are simply
 * skipped; the phases written before and after the import's transaction always land.
 * Memory of results is in the arena; one connection per thread, as everywhere. */
#ifndef DUDAO_IMPORT_JOB_STORE_H
#define DUDAO_IMPORT_JOB_STORE_H

#include <stdbool.h>

#include "store/db.h"

enum { IMPORT_JOB_KEEP_S = 600 }; /* a finished job answers polls this long */

typedef struct import_job_row {
    const char *id;
    const char *phase; /* counting | importing | committing | done | failed */
    int64_t rows_done;
    int64_t rows_total;
    const char *result; /* JSON text, NULL before the end */
} import_job_row_t;

/* Starts (or restarts) the user's job id in phase counting and removes finished jobs older
 * than IMPORT_JOB_KEEP_S. */
err_t *import_job_store_start(db_t *db, arena_t *a, int64_t user_id, const char *id, int64_t now);
/* phase NULL, done or total < 0 keep the stored value. is_try: do not wait for a lock held by
 * another connection (SQLite); ERR_UNAVAILABLE then, which callers may ignore. */
err_t *import_job_store_progress(db_t *db, arena_t *a, int64_t user_id, const char *id, const char *phase,
                                 int64_t done, int64_t total, bool is_try, int64_t now);
/* Ends the job: phase done | failed with the rows read and its result (JSON text). */
err_t *import_job_store_finish(db_t *db, arena_t *a, int64_t user_id, const char *id, const char *phase,
                               int64_t rows_done, const char *result, int64_t now);
/* The user's job; *found false when there is none, or it finished more than IMPORT_JOB_KEEP_S
 * before now. */
err_t *import_job_store_get(db_t *db, arena_t *a, int64_t user_id, const char *id, int64_t now,
                            import_job_row_t *out, bool *found);

/* One row of an import inside the import's transaction: a savepoint, so a bad row leaves
 * nothing behind (on PostgreSQL a failed statement would otherwise poison the transaction).
 * row_end keeps the row's writes (is_kept) or rolls them back to row_begin. */
err_t *import_job_store_row_begin(db_t *db, arena_t *a);
err_t *import_job_store_row_end(db_t *db, arena_t *a, bool is_kept);

#endif
