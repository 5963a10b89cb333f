/* demo_svc: the deterministic demo region and one account per role (password Dudao@2026),
 * loaded by `dudao demo` into an empty database.
 *
 * The demo is data, not code: the files under demo/ (embedded in the binary) are loaded
 * through the same use cases a user's data takes — regions, then the roster files through
 * the school/zone/inspector/assignment import, the accounts, the framework copy, tasks and
 * visits, the findings' lifecycle, and the balance statistics through the statistics import.
 * Where the demo needs a history (findings issued weeks ago, last month's visits) the loader
 * sets the thread's clock back (util/timeutil time_override_set) and runs the real use case,
 * so every row has its events and audit trail and no row is rewritten afterwards. */
#ifndef DUDAO_DEMO_SVC_H
#define DUDAO_DEMO_SVC_H

#include "svc/svc.h"

#define DEMO_PASSWORD "Dudao@2026"

/* ERR_CONFLICT when the database already holds accounts (demo data is for a fresh one). */
err_t *demo_svc_load(svc_t *s, arena_t *a);

#endif
