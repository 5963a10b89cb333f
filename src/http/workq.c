#include "http/workq.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct workq_job {
    struct workq_job *next;
    workq_fn_t fn;
    void *arg;
} workq_job_t;

struct workq {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    workq_job_t *head, *tail;
    bool is_stopping;
    size_t n_threads;
    pthread_t threads[];
};

static void *workq_main(void *p) {
    workq_t *q = p;
    for (;;) {
        pthread_mutex_lock(&q->mu);
        while (!q->head && !q->is_stopping) pthread_cond_wait(&q->cv, &q->mu);
        workq_job_t *job = q->head;
        if (job) {
            q->head = job->next;
            if (!q->head) q->tail = NULL;
        }
        pthread_mutex_unlock(&q->mu);
        if (!job) return NULL; /* stopping and drained */
        job->fn(job->arg);
        free(job);
    }
}

workq_t *workq_new(size_t n_threads) {
    workq_t *q = calloc(1, sizeof *q + n_threads * sizeof(pthread_t));
    if (!q) abort();
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->cv, NULL);
    for (size_t i = 0; i < n_threads; i++) {
        if (pthread_create(&q->threads[i], NULL, workq_main, q) != 0) {
            q->n_threads = i;
            workq_free(q);
            return NULL;
        }
    }
    q->n_threads = n_threads;
    return q;
}

void workq_push(workq_t *q, workq_fn_t fn, void *arg) {
    workq_job_t *job = malloc(sizeof *job);
    if (!job) abort();
    job->next = NULL;
    job->fn = fn;
    job->arg = arg;
    pthread_mutex_lock(&q->mu);
    if (q->tail)
        q->tail->next = job;
    else
        q->head = job;
    q->tail = job;
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

void workq_free(workq_t *q) {
    if (!q) return;
    pthread_mutex_lock(&q->mu);
    q->is_stopping = true;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    for (size_t i = 0; i < q->n_threads; i++) pthread_join(q->threads[i], NULL);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->cv);
    free(q);
}
