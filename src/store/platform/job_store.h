/* job_store: the lease and last result of each scheduled job (scheduled_job), so that of
 * several instances on one database exactly one runs a job per period and any of them can
 * report its state. A lease is (owner, period, until); a job is done for a period once
 * done_period >= that period (periods compare as text: YYYY-MM-DD or YYYY-MM).
 * Functions take a connection; memory of results is in the arena. Not thread-safe per db_t. */
#ifndef DUDAO_JOB_STORE_H
#define DUDAO_JOB_STORE_H

#include <stdbool.h>

#include "store/db.h"

typedef struct job_state {
    const char *done_period; /* NULL: never done */
    int64_t last_run_at;     /* 0: never run */
    const char *last_result; /* JSON text or NULL */
    bool is_leased;          /* an owner holds a lease that ends after now */
} job_state_t;

/* Takes the lease of job name for period as owner until lease_until when the job is not done
 * for that period and no unexpired lease is held (at now); *is_claimed says whether it did.
 * Creates the job's row on first use. */
err_t *job_store_claim(db_t *db, arena_t *a, const char *name, const char *period, const char *owner, int64_t now,
                       int64_t lease_until, bool *is_claimed);
/* Releases owner's lease with result (JSON text) at now; done_period, when not NULL, marks
 * the job done for it (a failed run passes NULL and is retried). Nothing changes when owner
 * does not hold the lease. */
err_t *job_store_finish(db_t *db, arena_t *a, const char *name, const char *owner, const char *done_period,
                        int64_t now, const char *result);
/* The job's state at now; *is_found false when it never ran. */
err_t *job_store_get(db_t *db, arena_t *a, const char *name, int64_t now, job_state_t *out, bool *is_found);

#endif
