/* login_throttle_store: counters of failed logins per key (a source address or an unknown
 * login name), kept in the database so that every server instance sees the same counts.
 *
 * The counting rule mirrors app_user's lockout: a failure adds one; the failure that reaches
 * max_failures locks the key until lock_until; the first failure after an expired lock, or
 * after a quiet period (the last failure older than reset_before), counts as the first. The
 * policy (keys, limits) is the caller's (svc/platform/auth_svc).
 * Thread-safety: as the db_t passed in (one per thread). */
#ifndef DUDAO_LOGIN_THROTTLE_STORE_H
#define DUDAO_LOGIN_THROTTLE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

/* *locked_until: when the key's lock ends (0 when the key is unknown or not locked). */
err_t *login_throttle_store_get(db_t *db, arena_t *a, const char *key, int64_t *locked_until);
/* Records one failure in one statement (concurrent failures cannot both miss the threshold).
 * reset_before: a last failure before it no longer counts (0: failures never expire, only a
 * lock does). *is_locked_now: this failure locked the key. */
err_t *login_throttle_store_fail(db_t *db, arena_t *a, const char *key, int max_failures, int64_t now,
                                 int64_t lock_until, int64_t reset_before, bool *is_locked_now);
/* Removes the keys whose last failure is before `before` and that are not locked then. */
err_t *login_throttle_store_sweep(db_t *db, arena_t *a, int64_t before);

#endif
