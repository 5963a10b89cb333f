#include "svc/platform/auth_svc.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>

#include "store/platform/login_throttle_store.h"
#include "svc/platform/user_svc.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/passhash.h"
#include "util/timeutil.h"

enum { TOKEN_BYTES = 32 };

/* Failed logins from one source address (an IPv4 address, an IPv6 /64: one subscriber's
 * prefix) before it is refused for a while, whatever names it tries. An office behind one
 * NAT address makes far fewer mistakes than this in a quarter of an hour; a guesser stops
 * costing argon2 work and audit rows after it. */
enum {
    ADDR_MAX_FAILURES = 50,
    ADDR_WINDOW_SECONDS = 900, /* quiet this long, the count starts again; also the refusal */
    THROTTLE_KEEP_SECONDS = 30 * 86400,
};

void auth_actor_from_user(actor_t *who, const user_t *u, const char *ip) {
    who->user_id = u->id;
    who->username = u->username;
    who->role = role_parse(u->role);
    who->region_code = u->region_code;
    who->region_path = u->region_path;
    who->school_id = u->school_id;
    who->unit_id = u->unit_id;
    who->org_id = u->org_id;
    who->ip = ip;
}

static const char *token_hash(arena_t *a, const char *token) {
    char *h = arena_alloc(a, HASH_HEX_LEN + 1);
    hash_blake2b_hex(token, strlen(token), h);
    return h;
}

static err_t *bad_credentials(arena_t *a) {
    return err_new(a, ERR_BAD_CREDENTIALS, NULL, "用户名或密码错误", "wrong username or password");
}

static err_t *locked_error(arena_t *a, int64_t until) {
    char t[32], iso[32];
    time_format_cn(until, t, sizeof t);
    time_format_iso(until, iso, sizeof iso);
    err_t *e = err_newf(a, ERR_LOCKED, NULL, "登录失败次数过多，账号已锁定至 %s（北京时间）",
                        "too many failed logins; locked until %s (Beijing time)", t, t);
    e->extra_name = "locked_until";
    e->extra_value = arena_strdup(a, iso);
    return e;
}

/* The throttle key of a source address, or NULL when there is none (the command line). */
static const char *addr_key(arena_t *a, const char *ip) {
    if (!ip || !*ip) return NULL;
    unsigned char b[16];
    char text[INET6_ADDRSTRLEN];
    if (inet_pton(AF_INET6, ip, b) == 1) {
        bool is_v4_mapped = memcmp(b, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0;
        if (is_v4_mapped) {
            inet_ntop(AF_INET, b + 12, text, sizeof text);
        } else {
            memset(b + 8, 0, 8); /* the /64 */
            inet_ntop(AF_INET6, b, text, sizeof text);
        }
        return arena_printf(a, "a:%s", text);
    }
    return arena_printf(a, "a:%s", ip);
}

/* The throttle key of a login name that matches no account: a hash, so what someone typed
 * (often a password, into the wrong field) is not kept. */
static const char *name_key(arena_t *a, const char *username) {
    size_t n = strlen(username);
    char *lower = arena_strndup(a, username, n);
    for (size_t i = 0; i < n; i++)
        if (lower[i] >= 'A' && lower[i] <= 'Z') lower[i] = (char)(lower[i] - 'A' + 'a');
    char h[HASH_HEX_LEN + 1];
    hash_blake2b_hex(lower, n, h);
    return arena_printf(a, "n:%s", h);
}

static err_t *throttled_error(arena_t *a, int64_t until) {
    char t[32], iso[32];
    time_format_cn(until, t, sizeof t);
    time_format_iso(until, iso, sizeof iso);
    err_t *e = err_newf(a, ERR_RATE_LIMITED, NULL, "来自您所在网络的登录失败次数过多，请于 %s（北京时间）后再试",
                        "too many failed logins from your network; try again after %s (Beijing time)", t, t);
    e->extra_name = "retry_after";
    e->extra_value = arena_strdup(a, iso);
    return e;
}

/* Refuses a throttled address before any argon2 work is spent. */
static err_t *auth_check_address(db_t *db, arena_t *a, const char *akey, int64_t now) {
    int64_t until = 0;
    err_t *e = akey ? login_throttle_store_get(db, a, akey, &until) : NULL;
    if (e) return e;
    return until > now ? throttled_error(a, until) : NULL;
}

static err_t *auth_count_address(db_t *db, arena_t *a, const char *akey, int64_t now) {
    if (!akey) return NULL;
    bool is_locked_now = false;
    err_t *e = login_throttle_store_fail(db, a, akey, ADDR_MAX_FAILURES, now, now + ADDR_WINDOW_SECONDS,
                                         now - ADDR_WINDOW_SECONDS, &is_locked_now);
    if (!e && is_locked_now)
        log_warn("login: %s refused for %d s after %d failed logins", akey + 2, ADDR_WINDOW_SECONDS, ADDR_MAX_FAILURES);
    return e;
}

/* A name that matches no account fails, and locks, exactly as an account does, so that no
 * answer (401 or 423, and its locked_until) tells whether the account exists. */
static err_t *auth_unknown_name(svc_t *s, arena_t *a, const char *username, const char *password, const char *akey,
                                int64_t now) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    const char *nkey = name_key(a, username);
    int64_t until = 0;
    if ((e = login_throttle_store_get(db, a, nkey, &until))) return e;
    if (until > now) return locked_error(a, until);
    passhash_dummy_verify(password);
    bool is_locked_now = false;
    if ((e = svc_begin(s, a, &db))) return e;
    e = login_throttle_store_fail(db, a, nkey, s->cfg.max_login_failures, now, now + s->cfg.lock_seconds, 0,
                                  &is_locked_now);
    if (!e) e = auth_count_address(db, a, akey, now);
    if ((e = svc_end(db, a, e))) return e;
    return is_locked_now ? locked_error(a, now + s->cfg.lock_seconds) : bad_credentials(a);
}

/* A failed attempt: counted, maybe locking, audited, all in one transaction. */
static err_t *auth_record_failure(svc_t *s, arena_t *a, const user_t *u, const char *ip, bool *is_locked_now) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    int64_t now = time_now();
    actor_t who;
    auth_actor_from_user(&who, u, ip);
    const char *id = arena_printf(a, "%" PRId64, u->id);
    e = user_store_login_failed(db, a, u->id, s->cfg.max_login_failures, now, now + s->cfg.lock_seconds, is_locked_now);
    if (!e) e = auth_count_address(db, a, addr_key(a, ip), now);
    if (!e) e = svc_audit(db, a, &who, "login_failed", "user", id, u->region_code, NULL, NULL);
    if (!e && *is_locked_now) e = svc_audit(db, a, &who, "lock", "user", id, u->region_code, NULL, NULL);
    return svc_end(db, a, e);
}

err_t *auth_svc_login(svc_t *s, arena_t *a, const char *username, const char *password, const char *ip,
                      auth_login_result_t *out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    int64_t now = time_now();
    const char *akey = addr_key(a, ip);
    if ((e = auth_check_address(db, a, akey, now))) return e;
    user_t u;
    bool found = false;
    if ((e = user_store_find_login(db, a, username, &u, &found))) return e;
    if (!found) return auth_unknown_name(s, a, username, password, akey, now);
    if (u.locked_until > now) return locked_error(a, u.locked_until);
    if (!passhash_verify(u.password_hash, password)) {
        bool is_locked_now = false;
        if ((e = auth_record_failure(s, a, &u, ip, &is_locked_now))) return e;
        return is_locked_now ? locked_error(a, now + s->cfg.lock_seconds) : bad_credentials(a);
    }
    if (u.is_disabled) return err_new(a, ERR_FORBIDDEN, NULL, "账号已停用", "this account is disabled");
    if (u.expires_at && u.expires_at <= now)
        return err_new(a, ERR_FORBIDDEN, NULL, "账号已过期（委托期已结束）", "this account has expired");

    char *token = arena_alloc(a, 64), *csrf = arena_alloc(a, 64);
    hash_random_token(TOKEN_BYTES, token, 64);
    hash_random_token(TOKEN_BYTES, csrf, 64);
    if ((e = svc_begin(s, a, &db))) return e;
    actor_t who;
    auth_actor_from_user(&who, &u, ip);
    bool is_ok = false;
    e = user_store_login_ok(db, a, u.id, now, &is_ok);
    /* the right password, but a concurrent wrong guess locked the account meanwhile */
    if (!e && !is_ok) e = locked_error(a, now + s->cfg.lock_seconds);
    /* sweep sessions idle past the limit: they can never be used again (indexed on last_seen) */
    if (!e) e = session_store_delete_idle(db, a, now - s->cfg.session_idle_seconds);
    if (!e) e = login_throttle_store_sweep(db, a, now - THROTTLE_KEEP_SECONDS);
    if (!e) e = session_store_insert(db, a, token_hash(a, token), u.id, csrf, now, ip);
    if (!e) e = svc_audit(db, a, &who, "login", "user", arena_printf(a, "%" PRId64, u.id), u.region_code, NULL, NULL);
    if ((e = svc_end(db, a, e))) return e;
    u.last_login_at = now;
    u.locked_until = 0;
    out->token = token;
    out->csrf_token = csrf;
    out->user = u;
    return NULL;
}

err_t *auth_svc_session(svc_t *s, arena_t *a, const char *token, const char *ip, actor_t *who, session_t *out) {
    err_t *unauth = err_new(a, ERR_UNAUTHENTICATED, NULL, "未登录或登录已过期", "not logged in or session expired");
    if (!token || !*token) return unauth;
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    const char *h = token_hash(a, token);
    bool found = false;
    if ((e = session_store_get(db, a, h, out, &found))) return e;
    if (!found) return unauth;
    int64_t now = time_now();
    int64_t idle = s->cfg.session_idle_seconds;
    /* idle too long, or logged in too long ago (a stolen cookie kept busy stays useful only
     * until the working day is over) */
    if (now - out->last_seen > idle || now - out->created_at > s->cfg.session_max_seconds || out->user.is_disabled ||
        (out->user.expires_at && out->user.expires_at <= now)) {
        (void)session_store_delete(db, a, h);
        return unauth;
    }
    /* Refresh the idle clock at most once a minute (or twice per idle period if shorter):
     * a write per request would serialise every reader on SQLite. */
    int64_t step = idle / 2 < 60 ? idle / 2 : 60;
    if (now - out->last_seen >= step && (e = session_store_touch(db, a, h, now))) return e;
    auth_actor_from_user(who, &out->user, ip);
    return NULL;
}

err_t *auth_svc_logout(svc_t *s, arena_t *a, const actor_t *who, const char *token) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    e = session_store_delete(db, a, token_hash(a, token));
    if (!e)
        e = svc_audit(db, a, who, "logout", "user", arena_printf(a, "%" PRId64, who->user_id), who->region_code, NULL,
                      NULL);
    return svc_end(db, a, e);
}

err_t *auth_svc_change_password(svc_t *s, arena_t *a, const actor_t *who, const char *token, const char *old_pw,
                                const char *new_pw) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    user_t u;
    if ((e = user_store_get(db, a, "/", who->user_id, &u))) return e;
    if (!passhash_verify(u.password_hash, old_pw)) {
        /* a stolen session must not become a password oracle: wrong guesses count toward the
         * lockout like failed logins, and locking ends every session of the account */
        bool is_locked_now = false;
        if ((e = auth_record_failure(s, a, &u, who->ip, &is_locked_now))) return e;
        if (is_locked_now) {
            if ((e = svc_begin(s, a, &db))) return e;
            if ((e = svc_end(db, a, session_store_delete_user(db, a, u.id, NULL)))) return e;
            return locked_error(a, time_now() + s->cfg.lock_seconds);
        }
        return err_new(a, ERR_INVALID, "old_password", "原密码不正确", "the current password is wrong");
    }
    if ((e = user_check_password(a, new_pw, "new_password"))) return e;
    if (strcmp(old_pw, new_pw) == 0)
        return err_new(a, ERR_INVALID, "new_password", "新密码不能与原密码相同", "the new password must differ");
    const char *hash = passhash_hash(a, new_pw);
    if (!hash) return err_new(a, ERR_INTERNAL, NULL, "密码哈希失败", "password hashing failed");
    if ((e = svc_begin(s, a, &db))) return e;
    e = user_store_set_password(db, a, u.id, hash, time_now());
    /* other sessions (a stolen cookie, another device) end; this one stays */
    if (!e) e = session_store_delete_user(db, a, u.id, token_hash(a, token));
    if (!e)
        e = svc_audit(db, a, who, "password_change", "user", arena_printf(a, "%" PRId64, u.id), u.region_code, NULL,
                      NULL);
    return svc_end(db, a, e);
}
