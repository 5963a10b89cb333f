/* task_jobs: the visits capability's work for the scheduler (svc/jobs.c). */
#ifndef DUDAO_TASK_JOBS_H
#define DUDAO_TASK_JOBS_H

#include <jansson.h>

#include "svc/platform/scheduler.h"
#include "svc/svc.h"

/* 经常性督导: the routine tasks of as_of's month for every responsible inspector, once a month
 * (idempotent: a task exists at most once per inspector and month). Fills report with the
 * counts. One transaction: ctl is not consulted. */
err_t *task_job_generate_routine(svc_t *s, arena_t *a, const char *as_of, json_t *report, const sched_ctl_t *ctl);

#endif
