/* auth_svc: logins, sessions, CSRF tokens, lockout, logout, own password change.
 *
 * The cookie carries a random 256-bit token; the database keeps only its BLAKE2b hash. Each
 * session has its own CSRF token, returned at login and by /auth/me, required on every
 * mutating request. Sessions expire after cfg.session_idle_seconds without a request.
 * After cfg.max_login_failures failures an account is locked for cfg.lock_seconds; a login
 * name that matches no account is counted and locked the same way (store/login_throttle),
 * so that neither the status nor locked_until reveals which accounts exist. A source address
 * (IPv4, or IPv6 /64) with 50 failures in a row, none 15 minutes apart, is refused (429
 * rate_limited, retry_after) for 15 minutes before any password hashing: argon2 work and
 * login_failed audit rows per address are bounded. The counts are in the database, so they
 * hold across server instances. */
#ifndef DUDAO_AUTH_SVC_H
#define DUDAO_AUTH_SVC_H

#include "store/platform/session_store.h"
#include "svc/svc.h"

typedef struct auth_login_result {
    const char *token; /* for the cookie; never stored */
    const char *csrf_token;
    user_t user;
} auth_login_result_t;

err_t *auth_svc_login(svc_t *s, arena_t *a, const char *username, const char *password, const char *ip,
                      auth_login_result_t *out);
/* Resolves a cookie token into the caller; ERR_UNAVAILABLE passes through, anything else
 * wrong is ERR_UNAUTHENTICATED. Refreshes the idle clock. */
err_t *auth_svc_session(svc_t *s, arena_t *a, const char *token, const char *ip, actor_t *who, session_t *out);
err_t *auth_svc_logout(svc_t *s, arena_t *a, const actor_t *who, const char *token);
err_t *auth_svc_change_password(svc_t *s, arena_t *a, const actor_t *who, const char *token, const char *old_pw,
                                const char *new_pw);
/* Fills an actor from a user row. */
void auth_actor_from_user(actor_t *who, const user_t *u, const char *ip);

#endif
