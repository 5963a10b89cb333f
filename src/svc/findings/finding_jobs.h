/* finding_jobs: the findings capability's scheduled jobs (registered in svc/jobs.c).
 *
 * findings.escalate, per county with that county's rules (finding.* settings):
 *   reminder remind_days before the deadline → overdue the day after it (逾期, notice) →
 *   an automatic 督办单 (numbered per county and year, to the school and its competent
 *   department) order_after_days later → a 约谈 flag interview_after_days later; then schools
 *   overdue overdue_for_accountability times within a year get their open overdue findings
 *   marked for accountability. Each step is set-based (one UPDATE, one INSERT ... SELECT of
 *   events) except the 督办单, which are few and each numbered and audited.
 * findings.recurrence: the same indicator_code failing again at the same school within
 *   recurrence_window_days ("school"), or at recurrence_county_schools or more schools of a
 *   county within the window ("county", or "school_county" for both).
 * Both are idempotent: a step only raises findings below its level. */
#ifndef DUDAO_FINDING_JOBS_H
#define DUDAO_FINDING_JOBS_H

#include <jansson.h>

#include "svc/platform/scheduler.h"
#include "svc/svc.h"

err_t *finding_job_escalate(svc_t *s, arena_t *a, const char *as_of, json_t *report, const sched_ctl_t *ctl);
err_t *finding_job_recurrence(svc_t *s, arena_t *a, const char *as_of, json_t *report, const sched_ctl_t *ctl);

#endif
