#include "svc/visits/task_jobs.h"

#include "svc/visits/task_svc.h"

err_t *task_job_generate_routine(svc_t *s, arena_t *a, const char *as_of, json_t *report, const sched_ctl_t *ctl) {
    (void)ctl;
    /* as_of is "YYYY-MM-DD"; the month is its first seven characters */
    const char *month = arena_strndup(a, as_of, 7);
    actor_t sys = {.username = "system", .role = ROLE_ADMIN, .region_code = "", .region_path = "/"};
    task_gen_stats_t st = {0};
    err_t *e = task_svc_generate_routine_in(s, a, &sys, month, &st);
    if (e) return e;
    json_object_set_new(report, "month", json_string(month));
    json_object_set_new(report, "inspectors", json_integer(st.n_inspectors));
    json_object_set_new(report, "tasks_created", json_integer(st.n_tasks_created));
    json_object_set_new(report, "targets_added", json_integer(st.n_targets_added));
    json_object_set_new(report, "targets_off_session", json_integer(st.n_targets_off_session));
    return NULL;
}
