#include "svc/platform/scheduler.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/platform/job_store.h"
#include "store/platform/region_store.h"
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
    return job_store_claim(db, a, name, period, owner, now, now + LEASE_SECONDS, is_claimed);
}

static err_t *job_finish(db_t *db, arena_t *a, const char *name, const char *owner, const char *period, bool is_ok,
                         const char *result) {
    return job_store_finish(db, a, name, owner, is_ok ? period : NULL, time_now(), result);
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

err_t *scheduler_run_requested(svc_t *s, arena_t *a, const actor_t *who, const char *as_of, json_t **out) {
    db_t *db;
    int64_t n_beside = 1;
    err_t *e = svc_db(s, a, &db);
    if (!e && who->role == ROLE_ADMIN) e = region_store_count_beside(db, a, who->region_path, &n_beside);
    if (e) return e;
    if (n_beside > 0)
        return err_new(a, ERR_FORBIDDEN, NULL, "定时任务对所有区域运行，只有最高一级区域的管理员可以手动运行",
                       "the jobs run for every region; only an admin of the top-level region may run them");
    return scheduler_run_due(s, a, as_of, who->username, out);
}

err_t *scheduler_status(svc_t *s, arena_t *a, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    json_t *arr = json_array();
    for (const sched_job_t *const *j = sched_jobs; *j; j++) {
        job_state_t st;
        bool is_found;
        if ((e = job_store_get(db, a, (*j)->name, time_now(), &st, &is_found))) break;
        json_t *row = json_pack("{s:s, s:s, s:s}", "name", (*j)->name, "period",
                                (*j)->period == SCHED_MONTHLY ? "monthly" : "daily", "doc", (*j)->doc);
        if (is_found) {
            json_object_set_new(row, "done_period", st.done_period ? json_string(st.done_period) : json_null());
            char when[32] = "";
            if (st.last_run_at) time_format_iso(st.last_run_at, when, sizeof when);
            json_object_set_new(row, "last_run_at", *when ? json_string(when) : json_null());
            json_t *jr = st.last_result ? json_loads(st.last_result, 0, NULL) : NULL;
            json_object_set_new(row, "last_result", jr ? jr : json_null());
            json_object_set_new(row, "is_running", json_boolean(st.is_leased));
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
