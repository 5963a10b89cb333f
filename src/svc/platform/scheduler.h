/* scheduler: the background job runner inside the server. Jobs are data: a table of
 * (name, period, function) in svc/jobs.c that any capability adds a line to (the findings
 * ladder, the monthly routine-task generation ...).
 *
 * Once per period across every instance: each job has a row in scheduled_job; an instance
 * runs a job for a period only after claiming it with one conditional UPDATE (the period is
 * not done yet and no live lease is held), so two servers on one database never run the same
 * job twice for a day. A finished run records the period as done; a failed one releases the
 * lease so the next tick (here or on another instance) retries; a crashed one's lease expires
 * after 10 minutes. Jobs are written to be idempotent as well, so a retry after a partial run
 * cannot duplicate effects (one 督办单 per finding is also a unique key).
 *
 * The clock is a parameter: scheduler_run_due takes the date to run as, so tests drive time
 * without sleeping (POST /api/v1/jobs/run {"as_of": ...} on a server started with
 * DUDAO_TEST_CLOCK=1). The thread started by scheduler_start runs the jobs due today
 * (Asia/Shanghai) at start and then every interval. */
#ifndef DUDAO_SCHEDULER_H
#define DUDAO_SCHEDULER_H

#include <jansson.h>
#include <stdbool.h>

#include "svc/svc.h"

typedef enum sched_period { SCHED_DAILY, SCHED_MONTHLY } sched_period_t;

/* Whether the server is shutting down: a long job checks it between its short transactions and
 * returns sched_stopping() so the lease is released and the next start carries on. */
typedef struct sched_ctl {
    const volatile bool *is_stopping; /* NULL: never (a run from a request) */
} sched_ctl_t;
bool sched_should_stop(const sched_ctl_t *ctl);
err_t *sched_stopping(arena_t *a);

/* A job's work for the date as_of ("YYYY-MM-DD"); it adds what it did to report (an object
 * it may fill). It opens its own transactions. */
typedef err_t *(*sched_job_fn)(svc_t *s, arena_t *a, const char *as_of, json_t *report, const sched_ctl_t *ctl);

typedef struct sched_job {
    const char *name; /* "findings.escalate" */
    sched_period_t period;
    sched_job_fn run;
    const char *doc;
} sched_job_t;

/* NULL-terminated, in run order (svc/jobs.c). */
extern const sched_job_t *const sched_jobs[];

/* Runs every job due for as_of that this caller can claim; *out (new reference) lists each job
 * with "ran" (false: already done for the period, or another instance holds it) and its
 * report. owner names the caller in the lease (an instance id or a username). */
err_t *scheduler_run_due(svc_t *s, arena_t *a, const char *as_of, const char *owner, json_t **out);
/* A run an account asked for (POST /jobs/run). The jobs and their once-per-period claims span
 * the whole database, so a run cannot be narrowed to one region: only an admin whose region
 * spans the deployment (every region is inside it or above it) may start one; any other
 * account gets ERR_FORBIDDEN and nothing runs. */
err_t *scheduler_run_requested(svc_t *s, arena_t *a, const actor_t *who, const char *as_of, json_t **out);
/* The same, stopping early (between steps) when ctl says so. */
err_t *scheduler_run_due_ctl(svc_t *s, arena_t *a, const char *as_of, const char *owner, const sched_ctl_t *ctl,
                             json_t **out);
/* The jobs with their last period, run time and result (new reference). */
err_t *scheduler_status(svc_t *s, arena_t *a, json_t **out);

typedef struct scheduler scheduler_t;
/* Starts the background thread (interval_seconds ≥ 1). NULL when the thread cannot start. */
scheduler_t *scheduler_start(svc_t *s, int interval_seconds);
/* Wakes and joins the thread; a run in progress finishes first. NULL is a no-op. */
void scheduler_stop(scheduler_t *sc);

#endif
