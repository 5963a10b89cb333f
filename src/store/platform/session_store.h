/* session_store: login sessions. The key is the BLAKE2b hash of the cookie token, so a copy
 * of the database does not hand out live sessions. Expiry policy is the caller's (svc). */
#ifndef DUDAO_SESSION_STORE_H
#define DUDAO_SESSION_STORE_H

#include "store/db.h"
#include "store/platform/user_store.h"

typedef struct session {
    const char *token_hash;
    const char *csrf_token;
    int64_t created_at;
    int64_t last_seen;
    user_t user;
} session_t;

err_t *session_store_insert(db_t *db, arena_t *a, const char *token_hash, int64_t user_id, const char *csrf,
                            int64_t now, const char *ip);
/* *found false when no such session. The user row is joined in (one query per request). */
err_t *session_store_get(db_t *db, arena_t *a, const char *token_hash, session_t *out, bool *found);
err_t *session_store_touch(db_t *db, arena_t *a, const char *token_hash, int64_t now);
err_t *session_store_delete(db_t *db, arena_t *a, const char *token_hash);
/* Ends every session of a user except keep_hash (may be NULL): on password change or disable. */
err_t *session_store_delete_user(db_t *db, arena_t *a, int64_t user_id, const char *keep_hash);
err_t *session_store_delete_idle(db_t *db, arena_t *a, int64_t last_seen_before);

#endif
