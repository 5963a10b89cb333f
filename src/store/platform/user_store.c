#include "store/platform/user_store.h"

#include "store/scope.h"
#include <string.h>

#include "store/platform/region_store.h"
#include "store/rows.h"
#include "store/sqlb.h"

#define USER_SELECT                                                                                                    \
    "SELECT u.id, u.username, u.display_name, u.role, u.region_code, r.name, r.path, u.school_id, s.name, "            \
    "u.phone, u.is_disabled, u.locked_until, u.last_login_at, u.created_at, u.password_hash, "                         \
    "u.failed_logins, u.unit_id, u.expires_at, u.org_id FROM app_user u JOIN region r ON r.code = u.region_code "      \
    "LEFT JOIN school s ON s.id = u.school_id "

static const store_col_t user_cols[] = {
    SC_I(user_t, id),
    SC_T(user_t, username),
    SC_T(user_t, display_name),
    SC_T(user_t, role),
    SC_T(user_t, region_code),
    SC_T(user_t, region_name),
    SC_T(user_t, region_path),
    SC_I(user_t, school_id),
    SC_T(user_t, school_name),
    SC_T(user_t, phone),
    SC_B(user_t, is_disabled),
    SC_I(user_t, locked_until),
    SC_I(user_t, last_login_at),
    SC_I(user_t, created_at),
    SC_T(user_t, password_hash),
    SC_I(user_t, failed_logins),
    SC_I(user_t, unit_id),
    SC_I(user_t, expires_at),
    SC_I(user_t, org_id),
};
static const store_map_t user_map = STORE_MAP(user_t, user_cols, NULL);

err_t *user_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, user_t *out) {
    return store_get(db, a, USER_SELECT "WHERE u.id = $1 AND r.path LIKE $2",
                     DB_P(DBV_I(id), DBV_S(scope_like(a, scope_path))), &user_map, out,
                     &(store_missing_t){"id", "用户", "user", id, false});
}

err_t *user_store_find_login(db_t *db, arena_t *a, const char *username, user_t *out, bool *found) {
    return store_find(db, a, USER_SELECT "WHERE LOWER(u.username) = LOWER($1)", DB_P(DBV_S(username)), &user_map, out,
                      found);
}

static void user_where(sqlb_t *q, arena_t *a, const char *scope_path, const user_filter_t *f) {
    sqlb_add(q, "WHERE 1=1");
    scope_and_path(q, &(scope_t){.region_path = scope_path}, "r.path");
    if (f->q && *f->q) {
        const char *like = sqlb_like_contains(a, f->q);
        sqlb_addv(q, " AND (LOWER(u.username) LIKE LOWER(", DBV_S(like));
        sqlb_addv(q, ") ESCAPE '\\' OR LOWER(u.display_name) LIKE LOWER(", DBV_S(like));
        sqlb_add(q, ") ESCAPE '\\')");
    }
    if (f->role) sqlb_addv(q, " AND u.role = ", DBV_S(f->role));
    if (f->region_code) {
        sqlb_addv(q, " AND r.path LIKE '%/' || ", DBV_S(f->region_code));
        sqlb_add(q, " || '/%'");
    }
    if (f->is_disabled >= 0) sqlb_addv(q, " AND u.is_disabled = ", DBV_I(f->is_disabled));
}

/* Sort keys the API accepts, mapped to SQL; NULL for anything else. */
static const char *user_order(const char *sort) {
    static const struct {
        const char *key, *sql;
    } keys[] = {
        {"username", "u.username"},       {"display_name", "u.display_name"}, {"role", "u.role"},
        {"region_code", "u.region_code"}, {"created_at", "u.created_at"},     {"last_login_at", "u.last_login_at"},
    };
    bool is_desc = sort && sort[0] == '-';
    const char *key = sort ? sort + is_desc : "username";
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i].key, key) == 0) {
            if (!is_desc) return keys[i].sql;
            /* static strings per key keep the SQL text stable for the statement cache */
            static const char *desc[] = {"u.username DESC",    "u.display_name DESC", "u.role DESC",
                                         "u.region_code DESC", "u.created_at DESC",   "u.last_login_at DESC"};
            return desc[i];
        }
    return NULL;
}

err_t *user_store_list(db_t *db, arena_t *a, const char *scope_path, const user_filter_t *f, user_t **out,
                       size_t *n_out, int64_t *total) {
    const char *order = user_order(f->sort);
    if (!order) return err_newf(a, ERR_INVALID, "sort", "不支持按 %s 排序", "cannot sort by %s", f->sort, f->sort);
    sqlb_t w;
    sqlb_init(&w, a, "");
    user_where(&w, a, scope_path, f);
    db_rows_t r;
    err_t *e = sqlb_page(db, a, "SELECT COUNT(*) FROM app_user u JOIN region r ON r.code = u.region_code ", USER_SELECT,
                         &w, NULL, arena_printf(a, "%s, u.id", order), f->limit, f->offset, &r, total);
    if (!e) store_map_rows(a, &r, &user_map, out, n_out);
    return e;
}

err_t *user_store_insert(db_t *db, arena_t *a, const user_t *u, int64_t now, int64_t *id_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO app_user (username, display_name, role, region_code, school_id, phone, "
                        "password_hash, is_disabled, created_at, updated_at, unit_id, expires_at, org_id) "
                        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12) RETURNING id",
                        DB_P(DBV_S(u->username), DBV_S(u->display_name), DBV_S(u->role), DBV_S(u->region_code),
                             u->school_id ? DBV_I(u->school_id) : DBV_NUL, DBV_S(u->phone), DBV_S(u->password_hash),
                             DBV_I(u->is_disabled), DBV_I(now), u->unit_id ? DBV_I(u->unit_id) : DBV_NUL,
                             u->expires_at ? DBV_I(u->expires_at) : DBV_NUL, u->org_id ? DBV_I(u->org_id) : DBV_NUL),
                        &r);
    if (e && e->code == ERR_CONFLICT)
        return err_newf(a, ERR_CONFLICT, "username", "用户名 %s 已存在", "username %s is already taken", u->username,
                        u->username);
    if (e) return e;
    *id_out = db_scalar_int(&r, 0);
    return NULL;
}

err_t *user_store_update(db_t *db, arena_t *a, const user_t *u, int64_t now) {
    return db_query(
        db, a,
        "UPDATE app_user SET display_name = $2, role = $3, region_code = $4, school_id = $5, "
        "phone = $6, is_disabled = $7, updated_at = $8, unit_id = $9, expires_at = $10, org_id = $11 WHERE id = $1",
        DB_P(DBV_I(u->id), DBV_S(u->display_name), DBV_S(u->role), DBV_S(u->region_code),
             u->school_id ? DBV_I(u->school_id) : DBV_NUL, DBV_S(u->phone), DBV_I(u->is_disabled), DBV_I(now),
             u->unit_id ? DBV_I(u->unit_id) : DBV_NUL, u->expires_at ? DBV_I(u->expires_at) : DBV_NUL,
             u->org_id ? DBV_I(u->org_id) : DBV_NUL),
        NULL);
}

err_t *user_store_set_password(db_t *db, arena_t *a, int64_t id, const char *hash, int64_t now) {
    return db_query(db, a, "UPDATE app_user SET password_hash = $2, updated_at = $3 WHERE id = $1",
                    DB_P(DBV_I(id), DBV_S(hash), DBV_I(now)), NULL);
}

err_t *user_store_login_failed(db_t *db, arena_t *a, int64_t id, int max_failures, int64_t now, int64_t lock_until,
                               bool *is_locked_now) {
    /* One statement, so concurrent failures cannot both miss the threshold. The right-hand
     * sides see the row as it was: an expired lock counts this failure as the first. */
    db_rows_t r;
    err_t *e =
        db_query(db, a,
                 "UPDATE app_user SET "
                 "failed_logins = CASE WHEN locked_until <= $4 THEN 1 ELSE failed_logins + 1 END, "
                 "locked_until = CASE WHEN (CASE WHEN locked_until <= $4 THEN 1 ELSE failed_logins + 1 END) >= $2 "
                 "THEN $3 WHEN locked_until <= $4 THEN NULL ELSE locked_until END "
                 "WHERE id = $1 RETURNING failed_logins",
                 DB_P(DBV_I(id), DBV_I(max_failures), DBV_I(lock_until), DBV_I(now)), &r);
    if (e) return e;
    *is_locked_now = db_scalar_int(&r, 0) >= max_failures;
    return NULL;
}

err_t *user_store_login_ok(db_t *db, arena_t *a, int64_t id, int64_t now, bool *is_ok) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = $2 "
                        "WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2)",
                        DB_P(DBV_I(id), DBV_I(now)), &r);
    if (!e) *is_ok = r.n_changed == 1;
    return e;
}

err_t *user_store_unlock(db_t *db, arena_t *a, int64_t id, int64_t now) {
    return db_query(db, a, "UPDATE app_user SET failed_logins = 0, locked_until = NULL, updated_at = $2 WHERE id = $1",
                    DB_P(DBV_I(id), DBV_I(now)), NULL);
}

err_t *user_store_count(db_t *db, arena_t *a, int64_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT COUNT(*) FROM app_user", DB_NOP, &r);
    if (!e) *n = db_scalar_int(&r, 0);
    return e;
}
