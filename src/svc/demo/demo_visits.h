/* demo_visits: the tasks and visits of the demo (`dudao demo`): last month's routine visits
 * of the demo inspector, all submitted (with a failed and a flagged item, their draft
 * findings and one issued 督导意见书), this month's routine tasks for every responsible
 * inspector, one unannounced 双减 专项 task, and one 综合督导 at the on-site step (notice
 * sent, the school's self-evaluation uploaded). Runs after demo_svc_load's accounts exist. */
#ifndef DUDAO_DEMO_VISITS_H
#define DUDAO_DEMO_VISITS_H

#include "svc/svc.h"

err_t *demo_visits_load(svc_t *s, arena_t *a);

#endif
