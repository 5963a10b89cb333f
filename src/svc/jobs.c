/* The scheduler's jobs, one line per job, in run order. A capability adds its line here and
 * declares its function in its own header. */
#include "svc/findings/finding_jobs.h"
#include "svc/platform/audit_svc.h"
#include "svc/platform/scheduler.h"
#include "svc/visits/task_jobs.h"

static const sched_job_t job_escalate = {
    "findings.escalate", SCHED_DAILY, finding_job_escalate,
    "逾期标记与督办升级（提醒→逾期→督办单→约谈）/ overdue and the escalation ladder"};
static const sched_job_t job_recurrence = {"findings.recurrence", SCHED_DAILY, finding_job_recurrence,
                                           "问题复发识别 / recurrence of the same indicator"};

static const sched_job_t job_routine_tasks = {"tasks.routine", SCHED_MONTHLY, task_job_generate_routine,
                                              "生成本月经常性督导任务 / this month's routine visits"};

static const sched_job_t job_audit_checkpoint = {"audit.checkpoint", SCHED_DAILY, audit_job_checkpoint,
                                                 "审计链签名检查点 / a signed checkpoint of the audit chain"};

const sched_job_t *const sched_jobs[] = {
    &job_escalate,
    &job_recurrence,
    &job_routine_tasks,
    &job_audit_checkpoint,
    NULL,
};
