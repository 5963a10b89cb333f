/* health_store: whether the database answers (GET /healthz). Thread-safe per db_t as any
 * store function: one connection per thread. */
#ifndef DUDAO_HEALTH_STORE_H
#define DUDAO_HEALTH_STORE_H

#include "store/db.h"

/* A trivial round trip to the database; the error when it does not answer. */
err_t *health_store_ping(db_t *db, arena_t *a);

#endif
