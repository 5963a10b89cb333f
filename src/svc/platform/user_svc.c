#include "svc/platform/user_svc.h"

#include <inttypes.h>
#include <string.h>

#include "core/platform/password_policy.h"
#include "store/platform/region_store.h"
#include "store/platform/session_store.h"
#include "store/roster/school_store.h"
#include "store/surveys/survey_org_store.h"
#include "store/units/unit_store.h"
#include "util/passhash.h"
#include "util/timeutil.h"

/* One writer of an account's fields (user_write_json); the jansson form is read back from it. */
json_t *user_to_json(const user_t *u) {
    return SVC_JSON_OF(user_write_json, u);
}

void user_write_json(jw_t *w, const user_t *u) {
    jw_obj(w);
    jw_key(w, "id");
    jw_int(w, u->id);
    jw_key(w, "username");
    jw_str(w, u->username);
    jw_key(w, "display_name");
    jw_str(w, u->display_name);
    jw_key(w, "role");
    jw_str(w, u->role);
    jw_key(w, "region_code");
    jw_str(w, u->region_code);
    jw_key(w, "region_name");
    jw_str(w, u->region_name);
    jw_key(w, "school_id");
    jw_id(w, u->school_id);
    jw_key(w, "school_name");
    jw_str(w, u->school_name);
    jw_key(w, "unit_id");
    jw_id(w, u->unit_id);
    jw_key(w, "org_id");
    jw_id(w, u->org_id);
    jw_key(w, "expires_at");
    jw_time(w, u->expires_at);
    jw_key(w, "phone");
    jw_str(w, u->phone);
    jw_key(w, "is_disabled");
    jw_bool(w, u->is_disabled);
    jw_key(w, "locked_until");
    jw_time(w, u->locked_until > time_now() ? u->locked_until : 0);
    jw_key(w, "last_login_at");
    jw_time(w, u->last_login_at);
    jw_key(w, "created_at");
    jw_time(w, u->created_at);
    jw_obj_end(w);
}

/* The audit form: the API form without volatile login bookkeeping. */
static json_t *user_audit_json(const user_t *u) {
    json_t *j = user_to_json(u);
    json_object_del(j, "locked_until");
    json_object_del(j, "last_login_at");
    json_object_del(j, "region_name");
    json_object_del(j, "school_name");
    return j;
}

err_t *user_check_password(arena_t *a, const char *password, const char *field) {
    switch (password_policy_check(password)) {
    case PASSWORD_OK:
        return NULL;
    case PASSWORD_TOO_LONG:
        return err_new(a, ERR_WEAK_PASSWORD, field, "密码不能超过 128 字节", "password must be at most 128 bytes");
    default:
        return err_new(a, ERR_WEAK_PASSWORD, field, "密码至少 10 位，且包含小写字母、大写字母、数字、符号中的至少三类",
                       "password needs at least 10 characters and 3 of: lower case, upper case, digit, symbol");
    }
}

static bool is_valid_username(const char *s) {
    size_t n = strlen(s);
    if (n < 3 || n > 32) return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  (i > 0 && (c == '_' || c == '.' || c == '-'));
        if (!ok) return false;
    }
    return true;
}

static size_t utf8_chars(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static bool is_valid_phone(const char *s) {
    size_t n = strlen(s);
    if (n < 5 || n > 20) return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '+' || s[i] == ' ')) return false;
    return true;
}

/* The longest an account may be given at once (a contract year and a margin). */
enum { EXPIRY_MAX_DAYS = 3 * 366 };

static err_t *user_apply_expiry(arena_t *a, const user_input_t *in, user_t *u) {
    if (!in->has_expires_on) return NULL;
    if (!in->expires_on || !*in->expires_on) {
        u->expires_at = 0;
        return NULL;
    }
    int64_t day;
    if (!time_parse_date(in->expires_on, &day))
        return err_new(a, ERR_INVALID, "expires_on", "有效期应为日期 YYYY-MM-DD", "expires_on must be YYYY-MM-DD");
    /* the end of that day in Beijing time (UTC+8) */
    int64_t end = day + 86400 - 8 * 3600, now = time_now();
    if (end <= now || end - now > (int64_t)EXPIRY_MAX_DAYS * 86400)
        return err_newf(a, ERR_INVALID, "expires_on", "有效期应在今天之后、%d 天以内",
                        "expires_on: after today and within %d days", EXPIRY_MAX_DAYS, EXPIRY_MAX_DAYS);
    u->expires_at = end;
    return NULL;
}

/* An evaluation organisation's account: bound to an active org of the account's county, and
 * given an end (the commission's): such an account never has open-ended access. */
static err_t *user_check_org(db_t *db, arena_t *a, const region_t *region, role_t role, user_t *u) {
    if (role != ROLE_EVALUATOR)
        return err_new(a, ERR_INVALID, "org_id", "只有第三方评估机构账号可以关联机构",
                       "only evaluator accounts have an organisation");
    if (!u->org_id)
        return err_new(a, ERR_INVALID, "org_id", "第三方评估机构账号必须关联机构", "an evaluator account needs org_id");
    survey_org_row_t org;
    bool found = false;
    err_t *e = survey_org_store_get(db, a, &(scope_t){.region_path = region->path}, u->org_id, &org, &found);
    if (e) return e;
    if (!found || strcmp(org.status, "active") != 0)
        return err_new(a, ERR_INVALID, "org_id", "机构不存在、已停用或不在该账号的行政区划内",
                       "the organisation is unknown, closed or outside the account's region");
    if (!u->expires_at)
        return err_new(a, ERR_INVALID, "expires_on", "第三方评估机构账号必须设置有效期",
                       "an evaluator account needs expires_on");
    return NULL;
}

/* Applies in to u (already holding the current values on update) and checks the result
 * against the rules and the caller's scope. */
static err_t *user_apply(db_t *db, arena_t *a, const char *scope_path, const user_input_t *in, user_t *u) {
    if (in->display_name) u->display_name = in->display_name;
    if (in->role) u->role = in->role;
    if (in->region_code) u->region_code = in->region_code;
    if (in->has_school_id) u->school_id = in->school_id;
    if (in->has_unit_id) u->unit_id = in->unit_id;
    if (in->has_org_id) u->org_id = in->org_id;
    if (in->has_phone) u->phone = in->phone && *in->phone ? in->phone : NULL;
    if (in->is_disabled >= 0) u->is_disabled = in->is_disabled;

    if (!u->display_name || !*u->display_name || utf8_chars(u->display_name) > 50)
        return err_new(a, ERR_INVALID, "display_name", "姓名不能为空且不超过 50 字",
                       "display name: 1 to 50 characters");
    role_t role = role_parse(u->role);
    if (!role)
        return err_newf(a, ERR_INVALID, "role",
                        "角色 %s 无效（admin/inspector/school/leader/auditor/unit/evaluator/expert）",
                        "invalid role %s (admin/inspector/school/leader/auditor/unit/evaluator/expert)",
                        u->role ? u->role : "", u->role ? u->role : "");
    if (!u->region_code) return err_new(a, ERR_INVALID, "region_code", "缺少行政区划", "region_code is required");
    region_t region;
    err_t *e = region_store_get(db, a, scope_path, u->region_code, &region);
    if (e) return e;
    u->region_name = region.name;
    if (u->phone && !is_valid_phone(u->phone))
        return err_new(a, ERR_INVALID, "phone", "电话号码格式不正确", "invalid phone number");
    if (role == ROLE_SCHOOL) {
        if (!u->school_id)
            return err_new(a, ERR_INVALID, "school_id", "学校账号必须关联学校", "a school account needs school_id");
        school_t school;
        scope_t sc = {.region_path = region.path};
        if ((e = school_store_get(db, a, &sc, u->school_id, &school)))
            return err_new(a, ERR_INVALID, "school_id", "学校不在该账号的行政区划内",
                           "the school is not inside the account's region");
        u->school_name = school.name;
    } else if (u->school_id) {
        return err_new(a, ERR_INVALID, "school_id", "只有学校账号可以关联学校", "only school accounts have a school");
    }
    if (role == ROLE_UNIT) {
        if (!u->unit_id)
            return err_new(a, ERR_INVALID, "unit_id", "被督导单位账号必须关联单位", "a unit account needs unit_id");
        unit_t unit;
        if (unit_store_get(db, a, &(scope_t){.region_path = region.path}, u->unit_id, &unit))
            return err_new(a, ERR_INVALID, "unit_id", "单位不在该账号的行政区划内",
                           "the unit is not inside the account's region");
    } else if (u->unit_id) {
        return err_new(a, ERR_INVALID, "unit_id", "只有被督导单位账号可以关联单位", "only unit accounts have a unit");
    }
    if ((e = user_apply_expiry(a, in, u))) return e;
    /* a team member who is not a 督学 is appointed for a piece of work: never open-ended */
    if (role == ROLE_EXPERT && !u->expires_at)
        return err_new(a, ERR_INVALID, "expires_on", "督导组成员（非督学）账号必须设置有效期",
                       "a non-inspector team member's account needs expires_on");
    return role == ROLE_EVALUATOR || u->org_id ? user_check_org(db, a, &region, role, u) : NULL;
}

/* 三员分立: the audit account is the security officer's; an admin neither creates, changes
 * nor resets one (`dudao user add|passwd` on the server does). Nor does an admin take over a
 * peer, another admin of the very same region: that is for the admin above them. who NULL is
 * the system (the command line). target NULL on create. */
static err_t *user_check_manage(arena_t *a, const actor_t *who, const user_t *target, const char *new_role) {
    if (!who) return NULL;
    if ((new_role && strcmp(new_role, "auditor") == 0) || (target && strcmp(target->role, "auditor") == 0))
        return err_new(a, ERR_FORBIDDEN, "role", "审计员账号由安全管理员在服务器上管理（三员分立）",
                       "auditor accounts are managed on the server by the security officer (separation of duties)");
    if (target && target->id != who->user_id && strcmp(target->role, "admin") == 0 &&
        strcmp(target->region_code, who->region_code) == 0)
        return err_new(a, ERR_FORBIDDEN, "id", "同级管理员账号由上级管理员管理",
                       "an admin of the same region is managed by the admin above");
    return NULL;
}

err_t *user_svc_list(svc_t *s, arena_t *a, const actor_t *who, const user_filter_t *f, user_t **out, size_t *n_out,
                     int64_t *total) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = svc_region_filter(db, a, who, f->region_code);
    if (e) return e;
    return user_store_list(db, a, who->region_path, f, out, n_out, total);
}

err_t *user_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, user_t *out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : user_store_get(db, a, who->region_path, id, out);
}

static err_t *user_create_in(svc_t *s, arena_t *a, const actor_t *who, const char *scope_path, const user_input_t *in,
                             user_t *out) {
    if (!in->username || !is_valid_username(in->username))
        return err_new(a, ERR_INVALID, "username", "用户名为 3–32 位字母、数字或 _ . -",
                       "username: 3 to 32 letters, digits or _ . -");
    err_t *e = user_check_password(a, in->password, "password");
    if (e) return e;
    /* argon2 before the transaction: it is slow and needs no lock. */
    const char *hash = passhash_hash(a, in->password);
    if (!hash) return err_new(a, ERR_INTERNAL, NULL, "密码哈希失败", "password hashing failed");
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    user_t u = {.username = in->username, .password_hash = hash};
    if ((e = user_check_manage(a, who, NULL, in->role))) return svc_end(db, a, e);
    user_input_t fill = *in;
    if (fill.is_disabled < 0) fill.is_disabled = 0;
    e = user_apply(db, a, scope_path, &fill, &u);
    int64_t id = 0;
    if (!e) e = user_store_insert(db, a, &u, time_now(), &id);
    if (!e) e = user_store_get(db, a, "/", id, out);
    if (!e) {
        json_t *after = user_audit_json(out);
        e = svc_audit(db, a, who, "create", "user", arena_printf(a, "%" PRId64, id), out->region_code, NULL, after);
        json_decref(after);
    }
    return svc_end(db, a, e);
}

err_t *user_svc_create(svc_t *s, arena_t *a, const actor_t *who, const user_input_t *in, user_t *out) {
    return user_create_in(s, a, who, who->region_path, in, out);
}

err_t *user_svc_create_system(svc_t *s, arena_t *a, const user_input_t *in, user_t *out) {
    return user_create_in(s, a, NULL, "/", in, out);
}

err_t *user_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const user_input_t *in, user_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    user_t cur;
    json_t *before = NULL;
    if ((e = user_store_get(db, a, who->region_path, id, &cur))) goto done;
    if ((e = user_check_manage(a, who, &cur, in->role))) goto done;
    before = user_audit_json(&cur);
    if (id == who->user_id && ((in->role && strcmp(in->role, cur.role) != 0) || in->is_disabled == 1 ||
                               (in->region_code && strcmp(in->region_code, cur.region_code) != 0))) {
        e = err_new(a, ERR_FORBIDDEN, "id", "不能停用自己的账号或更改自己的角色和范围",
                    "you cannot disable your own account or change your own role or scope");
        goto done;
    }
    user_t u = cur;
    if ((e = user_apply(db, a, who->region_path, in, &u))) goto done;
    if ((e = user_store_update(db, a, &u, time_now()))) goto done;
    if (u.is_disabled && !cur.is_disabled && (e = session_store_delete_user(db, a, id, NULL))) goto done;
    if ((e = user_store_get(db, a, "/", id, out))) goto done;
    e = svc_audit_change(db, a, who, "user", arena_printf(a, "%" PRId64, id), out->region_code, before,
                         user_audit_json(out));
    before = NULL;
done:
    json_decref(before);
    return svc_end(db, a, e);
}

err_t *user_svc_reset_password(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *password) {
    /* a reset skips the current password; on one's own account that would let a stolen
     * session take the account over for good */
    if (who && id == who->user_id)
        return err_new(a, ERR_FORBIDDEN, "id", "修改自己的密码须提供原密码（POST /api/v1/auth/password）",
                       "changing your own password needs the current one (POST /api/v1/auth/password)");
    err_t *e = user_check_password(a, password, "password");
    if (e) return e;
    const char *hash = passhash_hash(a, password);
    if (!hash) return err_new(a, ERR_INTERNAL, NULL, "密码哈希失败", "password hashing failed");
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    user_t u;
    if (!(e = user_store_get(db, a, who->region_path, id, &u)) && !(e = user_check_manage(a, who, &u, NULL)) &&
        !(e = user_store_set_password(db, a, id, hash, time_now())) &&
        !(e = session_store_delete_user(db, a, id, NULL)))
        e = svc_audit(db, a, who, "password_reset", "user", arena_printf(a, "%" PRId64, id), u.region_code, NULL, NULL);
    return svc_end(db, a, e);
}

err_t *user_svc_unlock(svc_t *s, arena_t *a, const actor_t *who, int64_t id) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    user_t u;
    /* the lockout is what limits guessing against the auditor and a peer admin: only the
     * security officer on the server (`dudao user passwd`) or the admin above lifts it */
    if (!(e = user_store_get(db, a, who->region_path, id, &u)) && !(e = user_check_manage(a, who, &u, NULL)) &&
        !(e = user_store_unlock(db, a, id, time_now())))
        e = svc_audit(db, a, who, "unlock", "user", arena_printf(a, "%" PRId64, id), u.region_code, NULL, NULL);
    return svc_end(db, a, e);
}

static err_t *user_find_system(db_t *db, arena_t *a, const char *username, user_t *u) {
    bool found = false;
    err_t *e = user_store_find_login(db, a, username, u, &found);
    if (e) return e;
    if (!found)
        return err_newf(a, ERR_NOT_FOUND, "username", "用户 %s 不存在", "user %s not found", username, username);
    return NULL;
}

err_t *user_svc_set_password_system(svc_t *s, arena_t *a, const char *username, const char *password) {
    err_t *e = user_check_password(a, password, "password");
    if (e) return e;
    const char *hash = passhash_hash(a, password);
    if (!hash) return err_new(a, ERR_INTERNAL, NULL, "密码哈希失败", "password hashing failed");
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    user_t u;
    if (!(e = user_find_system(db, a, username, &u)) && !(e = user_store_set_password(db, a, u.id, hash, time_now())) &&
        !(e = user_store_unlock(db, a, u.id, time_now())) && !(e = session_store_delete_user(db, a, u.id, NULL)))
        e = svc_audit(db, a, NULL, "password_reset", "user", arena_printf(a, "%" PRId64, u.id), u.region_code, NULL,
                      NULL);
    return svc_end(db, a, e);
}

err_t *user_svc_disable_system(svc_t *s, arena_t *a, const char *username) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    user_t u;
    json_t *before = NULL;
    if ((e = user_find_system(db, a, username, &u))) goto done;
    before = user_audit_json(&u);
    u.is_disabled = true;
    if ((e = user_store_update(db, a, &u, time_now())) || (e = session_store_delete_user(db, a, u.id, NULL))) goto done;
    e = svc_audit_change(db, a, NULL, "user", arena_printf(a, "%" PRId64, u.id), u.region_code, before,
                         user_audit_json(&u));
    before = NULL;
done:
    json_decref(before);
    return svc_end(db, a, e);
}
