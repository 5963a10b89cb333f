/* The route table: every endpoint of the API, in one place. */
#include "api/handlers.h"

#define ANY ROLES_ANY
#define NOBODY 0
#define FAST false
#define SLOW true /* argon2: on the worker pool */

static const api_field_t login_fields[] = {
    {"username", FT_STRING, true, false, "用户名 / username"},
    {"password", FT_STRING, true, false, "密码 / password"},
    {0},
};
static const api_field_t password_fields[] = {
    {"old_password", FT_STRING, true, false, "原密码 / current password"},
    {"new_password", FT_STRING, true, false, "新密码（≥10 位，三类字符）/ new password (≥ 10, 3 classes)"},
    {0},
};
static const api_field_t empty_fields[] = {{0}};
static const api_field_t user_create_fields[] = {
    {"username", FT_STRING, true, false, "用户名 3–32 位 / 3 to 32 letters, digits, _ . -"},
    {"display_name", FT_STRING, true, false, "姓名 / display name"},
    {"role", FT_STRING, true, false, "admin | inspector | school | leader | auditor"},
    {"region_code", FT_STRING, true, false, "权限范围（行政区划代码）/ scope: GB/T 2260 region code"},
    {"school_id", FT_INT, false, true, "学校账号关联的学校 / the school of a school account"},
    {"phone", FT_STRING, false, true, "电话 / phone"},
    {"password", FT_STRING, true, false, "初始密码 / initial password"},
    {0},
};
static const api_field_t user_update_fields[] = {
    {"display_name", FT_STRING, false, false, "姓名 / display name"},
    {"role", FT_STRING, false, false, "admin | inspector | school | leader | auditor"},
    {"region_code", FT_STRING, false, false, "权限范围 / scope region code"},
    {"school_id", FT_INT, false, true, "学校 / school"},
    {"phone", FT_STRING, false, true, "电话 / phone"},
    {"is_disabled", FT_BOOL, false, false, "停用 / disabled"},
    {0},
};
static const api_field_t reset_fields[] = {
    {"password", FT_STRING, true, false, "新密码 / new password"},
    {0},
};

static const api_param_t user_query[] = {
    {"q", "用户名或姓名包含 / username or name contains"},
    {"role", "角色 / role"},
    {"region_code", "行政区划（含下级）/ inside region"},
    {"is_disabled", "true | false"},
    {"sort", "username | display_name | role | region_code | created_at | last_login_at, '-' 降序 / descending"},
    {"page", "页码 / page"},
    {"page_size", "每页条数 ≤ 200 / page size"},
    {0},
};
static const api_param_t school_query[] = {
    {"q", "名称或标识码包含 / name or code contains"},
    {"region_code", "行政区划（含下级）/ inside region"},
    {"page", "页码 / page"},
    {"page_size", "每页条数 ≤ 200 / page size"},
    {0},
};
static const api_param_t audit_query[] = {
    {"actor", "操作人用户名 / actor username"},
    {"action", "create | update | login | login_failed | logout | password_change | password_reset | unlock | lock"},
    {"entity", "对象类型 / entity type"},
    {"entity_id", "对象编号 / entity id"},
    {"from", "起始日期 YYYY-MM-DD（北京时间）/ from date"},
    {"to", "截止日期 YYYY-MM-DD（含）/ to date, inclusive"},
    {"page", "页码 / page"},
    {"page_size", "每页条数 ≤ 200 / page size"},
    {0},
};

const api_route_t api_routes[] = {
    {"GET", "/healthz", api_healthz, NOBODY, 0, NULL, NULL, "system", "健康检查 / health check", 200, FAST},
    {"GET", "/api/v1/openapi.json", api_openapi_get, NOBODY, 0, NULL, NULL, "system", "接口文档 / OpenAPI document", 200, FAST},
    {"POST", "/api/v1/auth/login", api_auth_login, NOBODY, 16 * 1024, login_fields, NULL, "auth", "登录 / log in", 200, SLOW},
    {"POST", "/api/v1/auth/logout", api_auth_logout, ANY, 1024, empty_fields, NULL, "auth", "退出登录 / log out", 204, FAST},
    {"GET", "/api/v1/auth/me", api_auth_me, ANY, 0, NULL, NULL, "auth", "当前用户与 CSRF 令牌 / current user and CSRF token", 200, FAST},
    {"POST", "/api/v1/auth/password", api_auth_password, ANY, 16 * 1024, password_fields, NULL, "auth",
     "修改本人密码 / change own password", 204, SLOW},
    {"GET", "/api/v1/users", api_users_list, ROLE_ADMIN, 0, NULL, user_query, "users", "用户列表 / list users", 200, FAST},
    {"POST", "/api/v1/users", api_users_create, ROLE_ADMIN, API_JSON_LIMIT, user_create_fields, NULL, "users",
     "新建用户 / create a user", 201, SLOW},
    {"GET", "/api/v1/users/{id}", api_users_get, ROLE_ADMIN, 0, NULL, NULL, "users", "用户详情 / get a user", 200, FAST},
    {"PATCH", "/api/v1/users/{id}", api_users_update, ROLE_ADMIN, API_JSON_LIMIT, user_update_fields, NULL, "users",
     "修改用户 / update a user", 200, FAST},
    {"POST", "/api/v1/users/{id}/password", api_users_reset_password, ROLE_ADMIN, 16 * 1024, reset_fields, NULL,
     "users", "重置密码 / reset a user's password", 204, SLOW},
    {"POST", "/api/v1/users/{id}/unlock", api_users_unlock, ROLE_ADMIN, 1024, empty_fields, NULL, "users",
     "解除锁定 / unlock an account", 204, FAST},
    {"GET", "/api/v1/regions", api_regions_list, ANY, 0, NULL, NULL, "regions", "权限范围内的行政区划 / regions in scope", 200, FAST},
    {"GET", "/api/v1/schools", api_schools_list, ROLE_ADMIN | ROLE_INSPECTOR | ROLE_LEADER | ROLE_SCHOOL, 0, NULL,
     school_query, "schools", "学校列表 / list schools", 200, FAST},
    {"GET", "/api/v1/audit", api_audit_list, ROLE_AUDITOR, 0, NULL, audit_query, "audit", "审计日志 / audit log", 200, FAST},
    {"GET", "/api/v1/audit/verify", api_audit_verify, ROLE_AUDITOR, 0, NULL, NULL, "audit",
     "校验审计哈希链 / verify the audit hash chain", 200, FAST},
};
const size_t api_n_routes = sizeof api_routes / sizeof api_routes[0];
