#include "store/platform/session_store.h"

err_t *session_store_insert(db_t *db, arena_t *a, const char *token_hash, int64_t user_id, const char *csrf,
                            int64_t now, const char *ip) {
    return db_query(db, a,
                    "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen, ip) "
                    "VALUES ($1, $2, $3, $4, $4, $5)",
                    DB_P(DBV_S(token_hash), DBV_I(user_id), DBV_S(csrf), DBV_I(now), DBV_S(ip)), NULL);
}

err_t *session_store_get(db_t *db, arena_t *a, const char *token_hash, session_t *out, bool *found) {
    db_rows_t r;
    err_t *e =
        db_query(db, a,
                 "SELECT x.token_hash, x.csrf_token, x.created_at, x.last_seen, u.id, u.username, "
                 "u.display_name, u.role, u.region_code, r.name, r.path, u.school_id, s.name, u.phone, "
                 "u.is_disabled, u.locked_until, u.unit_id, u.expires_at, u.org_id "
                 "FROM user_session x JOIN app_user u ON u.id = x.user_id JOIN region r ON r.code = u.region_code "
                 "LEFT JOIN school s ON s.id = u.school_id WHERE x.token_hash = $1",
                 DB_P(DBV_S(token_hash)), &r);
    if (e) return e;
    *found = r.n_rows == 1;
    if (!*found) return NULL;
    out->token_hash = db_cell(&r, 0, 0);
    out->csrf_token = db_cell(&r, 0, 1);
    out->created_at = db_cell_int(&r, 0, 2);
    out->last_seen = db_cell_int(&r, 0, 3);
    user_t *u = &out->user;
    u->id = db_cell_int(&r, 0, 4);
    u->username = db_cell(&r, 0, 5);
    u->display_name = db_cell(&r, 0, 6);
    u->role = db_cell(&r, 0, 7);
    u->region_code = db_cell(&r, 0, 8);
    u->region_name = db_cell(&r, 0, 9);
    u->region_path = db_cell(&r, 0, 10);
    u->school_id = db_cell_int(&r, 0, 11);
    u->school_name = db_cell(&r, 0, 12);
    u->phone = db_cell(&r, 0, 13);
    u->is_disabled = db_cell_int(&r, 0, 14) != 0;
    u->locked_until = db_cell_int(&r, 0, 15);
    u->unit_id = db_cell_int(&r, 0, 16);
    u->expires_at = db_cell_int(&r, 0, 17);
    u->org_id = db_cell_int(&r, 0, 18);
    return NULL;
}

err_t *session_store_touch(db_t *db, arena_t *a, const char *token_hash, int64_t now) {
    return db_query(db, a, "UPDATE user_session SET last_seen = $2 WHERE token_hash = $1",
                    DB_P(DBV_S(token_hash), DBV_I(now)), NULL);
}

err_t *session_store_delete(db_t *db, arena_t *a, const char *token_hash) {
    return db_query(db, a, "DELETE FROM user_session WHERE token_hash = $1", DB_P(DBV_S(token_hash)), NULL);
}

err_t *session_store_delete_user(db_t *db, arena_t *a, int64_t user_id, const char *keep_hash) {
    return db_query(db, a, "DELETE FROM user_session WHERE user_id = $1 AND token_hash <> $2",
                    DB_P(DBV_I(user_id), DBV_S(keep_hash ? keep_hash : "")), NULL);
}

err_t *session_store_delete_idle(db_t *db, arena_t *a, int64_t last_seen_before) {
    return db_query(db, a, "DELETE FROM user_session WHERE last_seen < $1", DB_P(DBV_I(last_seen_before)), NULL);
}
