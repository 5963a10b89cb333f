/* demo_frameworks: the 指标体系 part of the demo — 德清县's own monthly visit record, copied
 * from the national 经常性督导 framework, with a county item and grade bands: version 1
 * published, version 2 a draft, so the pages show a framework's life. Called by demo_svc. */
#ifndef DUDAO_DEMO_FRAMEWORKS_H
#define DUDAO_DEMO_FRAMEWORKS_H

#include "svc/svc.h"

err_t *demo_frameworks_load(svc_t *s, arena_t *a);

#endif
