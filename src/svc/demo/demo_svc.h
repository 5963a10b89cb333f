/* demo_svc: the deterministic demo region and one account per role (password Dudao@2026),
 * loaded by `dudao demo` into an empty database. Later capabilities extend it. */
#ifndef DUDAO_DEMO_SVC_H
#define DUDAO_DEMO_SVC_H

#include "svc/svc.h"

#define DEMO_PASSWORD "Dudao@2026"

/* ERR_CONFLICT when the database already holds accounts (demo data is for a fresh one). */
err_t *demo_svc_load(svc_t *s, arena_t *a);

#endif
