/* demo_findings: the rectification loop's demo data (see demo_findings.c). */
#ifndef DUDAO_DEMO_FINDINGS_H
#define DUDAO_DEMO_FINDINGS_H

#include "svc/svc.h"

/* Loads after demo_svc_load has made the regions, schools, inspectors and accounts. */
err_t *demo_findings_load(svc_t *s, arena_t *a);

#endif
