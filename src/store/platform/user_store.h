/* user_store: accounts (app_user). Reads by id and lists are limited to a scope path in SQL,
 * so an account outside the caller's region subtree is simply not found. Login lookups by
 * name are unscoped (there is no caller yet). Memory of results is in the arena. */
#ifndef DUDAO_USER_STORE_H
#define DUDAO_USER_STORE_H

#include <stdbool.h>

#include "store/db.h"

typedef struct user {
    int64_t id;
    const char *username;
    const char *display_name;
    const char *role;
    const char *region_code;
    const char *region_name;
    const char *region_path;
    int64_t school_id; /* 0 = none */
    const char *school_name;
    const char *phone;
    bool is_disabled;
    int64_t locked_until; /* 0 = not locked */
    int64_t last_login_at;
    int64_t created_at;
    const char *password_hash;
    int64_t failed_logins;
    int64_t unit_id;    /* 被督导单位 accounts; 0 = none */
    int64_t org_id;     /* 第三方评估机构 accounts: the survey_org; 0 = none */
    int64_t expires_at; /* access ends at this time (第三方评估机构 accounts); 0 = never */
} user_t;

typedef struct user_filter {
    const char *q; /* username or display name contains (case-insensitive) */
    const char *role;
    const char *region_code; /* inside this region */
    int is_disabled;         /* -1 any, 0, 1 */
    const char *sort;        /* column name, '-' prefix for descending; checked against a list */
    int64_t limit;
    int64_t offset;
} user_filter_t;

err_t *user_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, user_t *out);
/* Unscoped, for login; *found false when no such user. */
err_t *user_store_find_login(db_t *db, arena_t *a, const char *username, user_t *out, bool *found);
err_t *user_store_list(db_t *db, arena_t *a, const char *scope_path, const user_filter_t *f, user_t **out,
                       size_t *n_out, int64_t *total);
/* ERR_CONFLICT (field "username") when the name is taken. */
err_t *user_store_insert(db_t *db, arena_t *a, const user_t *u, int64_t now, int64_t *id_out);
/* Writes the editable profile fields of u (display_name, role, region_code, school_id, phone,
 * is_disabled) to row u->id. */
err_t *user_store_update(db_t *db, arena_t *a, const user_t *u, int64_t now);
err_t *user_store_set_password(db_t *db, arena_t *a, int64_t id, const char *hash, int64_t now);
/* Records a failed login at time now; locks until lock_until when the count reaches
 * max_failures. A lock that has run out starts the count again, so one wrong guess after a
 * lockout does not lock the owner out for another period. *is_locked_now tells whether this
 * failure locked the account. */
err_t *user_store_login_failed(db_t *db, arena_t *a, int64_t id, int max_failures, int64_t now, int64_t lock_until,
                               bool *is_locked_now);
/* Records a successful login, unless the account is locked at time now (a guess that raced
 * the fifth failure): then *is_ok is false and nothing changes. */
err_t *user_store_login_ok(db_t *db, arena_t *a, int64_t id, int64_t now, bool *is_ok);
err_t *user_store_unlock(db_t *db, arena_t *a, int64_t id, int64_t now);
err_t *user_store_count(db_t *db, arena_t *a, int64_t *n);

#endif
