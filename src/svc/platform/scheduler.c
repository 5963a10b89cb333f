#include "svc/platform/scheduler.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/hash.h"
#include "util/log.h"
#include "util/timeutil.h"

enum { LEASE_SECONDS = 600 };

static const char *job_period_key(arena_t *a, sched_period_t p, const char *as_of) {
    return p == SCHED_MONTHLY ? arena_printf(a, "%.7s", as_of) : arena_strdup(a, as_of);
}

/* Claims the job for the period: true when this caller now holds the lease. */
static err_t *job_claim(db_t *db, arena_t *a, const char *name, const char *period, const char *owner,
                        bool *is_claimed) {
    int64_t now = time_now();
    err_t *e = db_query(db, a, "INSERT INTO scheduled_job (name) VALUES ($1) ON CONFLICT (name) DO NOTHING",
                        DB_P(DBV_S(name)), NULL);
    if (e) return e;
    db_rows_t r;
    e = db_query(db, a,
                 "UPDATE scheduled_job SET lease_owner = $2, lease_period = $3, lease_until = $4 WHERE name = $1 AND "
                 "(done_period IS NULL OR done_period < $3) AND (lease_until IS NULL OR lease_until < $5)",
                 DB_P(DBV_S(name), DBV_S(owner), DBV_S(period), DBV_I(now + LEASE_SECONDS), DBV_I(now)), &r);
    *is_claimed = !e && r.n_changed == 1;
    return e;
}

static err_t *job_finish(db_t *db, arena_t *a, const char *name, const char *owner, const char *period, bool is_ok,
                         const char *result) {
    if (is_ok)
        return db_query(db, a,
                        "UPDATE scheduled_job SET done_period = $3, lease_owner = NULL, lease_until = NULL, "
                        "last_run_at = $4, last_result = $5 WHERE name = $1 AND lease_owner = $2",
                        DB_P(DBV_S(name), DBV_S(owner), DBV_S(period), DBV_I(time_now()), DBV_S(result)), NULL);
    return db_query(db, a,
                    "UPDATE scheduled_job SET lease_owner = NULL, lease_until = NULL, last_run_at = $3, "
                    "last_result = $4 WHERE name = $1 AND lease_owner = $2",
                    DB_P(DBV_S(name), DBV_S(owner), DBV_I(time_now()), DBV_S(result)), NULL);
}

bool sched_should_stop(const sched_ctl_t *ctl) {
    return ctl && ctl->is_stopping && *ctl->is_stopping;
}

err_t *sched_stopping(arena_t *a) {
    return err_new(a, ERR_UNAVAILABLE, NULL, "服务正在停止，任务将在下次启动时继续",
                   "shutting down; the job resumes at the next start");
}

err_t *scheduler_run_due(svc_t *s, arena_t *a, const char *as_of, const char *owner_name, json_t **out) {
    return scheduler_run_due_ctl(s, a, as_of, owner_name, NULL, out);
}

err_t *scheduler_run_due_ctl(svc_t *s, arena_t *a, const char *as_of, const char *owner_name, const sched_ctl_t *ctl,
                             json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    /* the lease owner is unique per call, so two threads of one instance exclude each other too */
    char token[32];
    hash_random_token(8, token, sizeof token);
    const char *owner = arena_printf(a, "%s:%s", owner_name ? owner_name : "scheduler", token);
    json_t *jobs = json_array();
    for (const sched_job_t *const *j = sched_jobs; *j && !sched_should_stop(ctl); j++) {
        const char *period = job_period_key(a, (*j)->period, as_of);
        bool is_claimed = false;
        if ((e = job_claim(db, a, (*j)->name, period, owner, &is_claimed))) break;
        json_t *row = json_pack("{s:s, s:s, s:b}", "name", (*j)->name, "period", period, "ran", is_claimed);
        json_array_append_new(jobs, row);
        if (!is_claimed) continue;
        json_t *report = json_object();
        err_t *je = (*j)->run(s, a, as_of, report, ctl);
        char *text;
        if (je) {
            log_error("job %s (%s) failed: %s", (*j)->name, period, je->message);
            json_object_set_new(report, "error", json_string(je->message));
        }
        text = json_dumps(report, JSON_COMPACT | JSON_SORT_KEYS);
        e = job_finish(db, a, (*j)->name, owner, period, je == NULL, text);
        free(text);
        json_object_set_new(row, "report", report);
        json_object_set_new(row, "ok", json_boolean(je == NULL));
        if (e) break;
    }
    if (e) {
        json_decref(jobs);
        return e;
    }
    *out = json_pack("{s:s, s:o}", "as_of", as_of, "jobs", jobs);
    return NULL;
}

err_t *scheduler_status(svc_t *s, arena_t *a, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    json_t *arr = json_array();
    for (const sched_job_t *const *j = sched_jobs; *j; j++) {
        db_rows_t r;
        if ((e = db_query(db, a,
                          "SELECT done_period, last_run_at, last_result, lease_owner, lease_until FROM scheduled_job "
                          "WHERE name = $1",
                          DB_P(DBV_S((*j)->name)), &r)))
            break;
        json_t *row = json_pack("{s:s, s:s, s:s}", "name", (*j)->name, "period",
                                (*j)->period == SCHED_MONTHLY ? "monthly" : "daily", "doc", (*j)->doc);
        if (r.n_rows) {
            const char *done = db_cell(&r, 0, 0), *res = db_cell(&r, 0, 2);
            json_object_set_new(row, "done_period", done ? json_string(done) : json_null());
            char when[32] = "";
            if (db_cell(&r, 0, 1)) time_format_iso(db_cell_int(&r, 0, 1), when, sizeof when);
            json_object_set_new(row, "last_run_at", *when ? json_string(when) : json_null());
            json_t *jr = res ? json_loads(res, 0, NULL) : NULL;
            json_object_set_new(row, "last_result", jr ? jr : json_null());
            json_object_set_new(row, "is_running",
                                json_boolean(db_cell(&r, 0, 3) && db_cell_int(&r, 0, 4) > time_now()));
        }
        json_array_append_new(arr, row);
    }
    if (e) {
        json_decref(arr);
        return e;
    }
    *out = json_pack("{s:o}", "items", arr);
    return NULL;
}

struct scheduler {
    svc_t *svc;
    int interval;
    volatile bool is_stopping; /* read by running jobs between their transactions */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
};

static void *scheduler_main(void *arg) {
    scheduler_t *sc = arg;
    pthread_mutex_lock(&sc->mu);
    while (!sc->is_stopping) {
        pthread_mutex_unlock(&sc->mu);
        arena_t a;
        arena_init(&a);
        char today[16];
        time_today_cn(today, sizeof today);
        json_t *out = NULL;
        sched_ctl_t ctl = {.is_stopping = &sc->is_stopping};
        err_t *e = scheduler_run_due_ctl(sc->svc, &a, today, "scheduler", &ctl, &out);
        if (e) log_error("scheduler: %s", e->message);
        json_decref(out);
        arena_free(&a);
        pthread_mutex_lock(&sc->mu);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += sc->interval;
        while (!sc->is_stopping && pthread_cond_timedwait(&sc->cv, &sc->mu, &until) == 0) {
        }
    }
    pthread_mutex_unlock(&sc->mu);
    return NULL;
}

scheduler_t *scheduler_start(svc_t *s, int interval_seconds) {
    scheduler_t *sc = calloc(1, sizeof *sc);
    if (!sc) abort();
    sc->svc = s;
    sc->interval = interval_seconds < 1 ? 1 : interval_seconds;
    pthread_mutex_init(&sc->mu, NULL);
    pthread_cond_init(&sc->cv, NULL);
    if (pthread_create(&sc->thread, NULL, scheduler_main, sc) != 0) {
        pthread_mutex_destroy(&sc->mu);
        pthread_cond_destroy(&sc->cv);
        free(sc);
        return NULL;
    }
    return sc;
}

void scheduler_stop(scheduler_t *sc) {
    if (!sc) return;
    pthread_mutex_lock(&sc->mu);
    sc->is_stopping = true;
    pthread_cond_broadcast(&sc->cv);
    pthread_mutex_unlock(&sc->mu);
    pthread_join(sc->thread, NULL);
    pthread_mutex_destroy(&sc->mu);
    pthread_cond_destroy(&sc->cv);
    free(sc);
}
