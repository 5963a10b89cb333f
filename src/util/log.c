#include "util/log.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/timeutil.h"

static int log_format(char *out, size_t n, const char *level, const char *fmt, va_list ap) {
    char ts[32];
    time_format_iso(time_now(), ts, sizeof ts);
    char msg[2048];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(msg, sizeof msg, fmt, ap);
#pragma GCC diagnostic pop
    int len = snprintf(out, n, "%s %s %s\n", ts, level, msg);
    if (len < 0) return 0;
    if ((size_t)len >= n) { /* cut, still one line */
        len = (int)n - 1;
        out[len - 1] = '\n';
    }
    return len;
}

static void log_line(const char *level, const char *fmt, va_list ap) {
    char line[2200];
    int n = log_format(line, sizeof line, level, fmt, ap);
    fwrite(line, 1, (size_t)n, stderr);
}

#define LOG_FN(name, level)              \
    void name(const char *fmt, ...) {    \
        va_list ap;                      \
        va_start(ap, fmt);               \
        log_line(level, fmt, ap);        \
        va_end(ap);                      \
    }
LOG_FN(log_info, "INFO")
LOG_FN(log_warn, "WARN")
LOG_FN(log_error, "ERROR")

/* ---------------- the batched access log ---------------- */

typedef struct log_batch {
    pthread_mutex_t mu; /* the owner appends, the flusher and log_flush write */
    char *p;
    size_t n;
    struct timespec oldest; /* of the first pending line */
    struct log_batch *next;
} log_batch_t;

static pthread_mutex_t batches_mu = PTHREAD_MUTEX_INITIALIZER;
static log_batch_t *batches;          /* every thread's, never freed (threads come and go) */
static bool is_batching;              /* under batches_mu */
static _Thread_local log_batch_t *my_batch;
static pthread_t flusher;
static pthread_mutex_t flusher_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t flusher_cv = PTHREAD_COND_INITIALIZER;
static bool is_flusher_stopping;

static void write_all(const char *p, size_t n) {
    fflush(stderr);
    while (n) {
        ssize_t w = write(STDERR_FILENO, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        p += w;
        n -= (size_t)w;
    }
}

/* b->mu held. */
static void batch_write(log_batch_t *b) {
    if (b->n) write_all(b->p, b->n);
    b->n = 0;
}

static double seconds_since(const struct timespec *t) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

void log_access(const char *fmt, ...) {
    char line[2200];
    va_list ap;
    va_start(ap, fmt);
    int n = log_format(line, sizeof line, "INFO", fmt, ap);
    va_end(ap);
    log_batch_t *b = my_batch;
    if (!b) {
        pthread_mutex_lock(&batches_mu);
        if (is_batching) {
            b = calloc(1, sizeof *b);
            if (!b || !(b->p = malloc(LOG_BATCH_BYTES))) abort();
            pthread_mutex_init(&b->mu, NULL);
            b->next = batches;
            batches = b;
            my_batch = b;
        }
        pthread_mutex_unlock(&batches_mu);
        if (!b) {
            write_all(line, (size_t)n);
            return;
        }
    }
    pthread_mutex_lock(&b->mu);
    if (!b->p) { /* batching stopped: write through */
        pthread_mutex_unlock(&b->mu);
        write_all(line, (size_t)n);
        return;
    }
    if (b->n + (size_t)n > LOG_BATCH_BYTES) batch_write(b);
    if (!b->n) clock_gettime(CLOCK_MONOTONIC, &b->oldest);
    memcpy(b->p + b->n, line, (size_t)n);
    b->n += (size_t)n;
    if (b->n >= LOG_BATCH_BYTES / 2 || seconds_since(&b->oldest) >= 1.0) batch_write(b);
    pthread_mutex_unlock(&b->mu);
}

void log_flush(void) {
    pthread_mutex_lock(&batches_mu);
    for (log_batch_t *b = batches; b; b = b->next) {
        pthread_mutex_lock(&b->mu);
        batch_write(b);
        pthread_mutex_unlock(&b->mu);
    }
    pthread_mutex_unlock(&batches_mu);
}

static void *flusher_main(void *arg) {
    (void)arg;
    pthread_mutex_lock(&flusher_mu);
    while (!is_flusher_stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&flusher_cv, &flusher_mu, &until);
        pthread_mutex_unlock(&flusher_mu);
        log_flush();
        pthread_mutex_lock(&flusher_mu);
    }
    pthread_mutex_unlock(&flusher_mu);
    return NULL;
}

void log_batch_start(void) {
    pthread_mutex_lock(&batches_mu);
    bool was = is_batching;
    is_batching = true;
    pthread_mutex_unlock(&batches_mu);
    if (was) return;
    is_flusher_stopping = false;
    if (pthread_create(&flusher, NULL, flusher_main, NULL) != 0) abort();
}

void log_batch_stop(void) {
    pthread_mutex_lock(&batches_mu);
    bool was = is_batching;
    is_batching = false;
    pthread_mutex_unlock(&batches_mu);
    if (!was) return;
    pthread_mutex_lock(&flusher_mu);
    is_flusher_stopping = true;
    pthread_cond_signal(&flusher_cv);
    pthread_mutex_unlock(&flusher_mu);
    pthread_join(flusher, NULL);
    pthread_mutex_lock(&batches_mu);
    for (log_batch_t *b = batches; b; b = b->next) {
        pthread_mutex_lock(&b->mu);
        batch_write(b);
        free(b->p); /* a late line of that thread writes through */
        b->p = NULL;
        pthread_mutex_unlock(&b->mu);
    }
    pthread_mutex_unlock(&batches_mu);
}
