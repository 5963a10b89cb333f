/* workq: a small pool of worker threads for slow request work (argon2 hashing now; PDF and
 * XLSX generation later), so the HTTP event threads keep serving other requests while it
 * runs. Jobs run in FIFO order. Thread-safe. */
#ifndef DUDAO_WORKQ_H
#define DUDAO_WORKQ_H

#include <stddef.h>

typedef struct workq workq_t;
typedef void (*workq_fn_t)(void *arg);

/* Starts n_threads workers; NULL if threads cannot be created. */
workq_t *workq_new(size_t n_threads);
/* Queues fn(arg); never blocks on the work itself. */
void workq_push(workq_t *q, workq_fn_t fn, void *arg);
/* Runs every queued job, then stops and frees the pool. */
void workq_free(workq_t *q);

#endif
