/* The route table: every endpoint of the API, in one place. */
#include "api/api_agg.h"
#include "api/handlers.h"
#include "store/roster/assignment_agg.h"
#include "store/roster/inspector_agg.h"
#include "store/roster/school_agg.h"

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
    {"role", FT_STRING, true, false, "admin | inspector | school | leader | auditor | unit | evaluator"},
    {"region_code", FT_STRING, true, false, "权限范围（行政区划代码）/ scope: GB/T 2260 region code"},
    {"school_id", FT_INT, false, true, "学校账号关联的学校 / the school of a school account"},
    {"unit_id", FT_INT, false, true, "被督导单位账号关联的单位 / the unit of a unit account"},
    {"org_id", FT_INT, false, true, "第三方评估机构账号关联的机构 / the organisation of an evaluator account"},
    {"expires_on", FT_STRING, false, true, "有效期至 YYYY-MM-DD（评估机构账号必填）/ access ends with this day"},
    {"phone", FT_STRING, false, true, "电话 / phone"},
    {"password", FT_STRING, true, false, "初始密码 / initial password"},
    {0},
};
static const api_field_t user_update_fields[] = {
    {"display_name", FT_STRING, false, false, "姓名 / display name"},
    {"role", FT_STRING, false, false, "admin | inspector | school | leader | auditor | unit | evaluator"},
    {"region_code", FT_STRING, false, false, "权限范围 / scope region code"},
    {"school_id", FT_INT, false, true, "学校 / school"},
    {"org_id", FT_INT, false, true, "评估机构 / organisation"},
    {"expires_on", FT_STRING, false, true, "有效期至 YYYY-MM-DD / access ends with this day"},
    {"phone", FT_STRING, false, true, "电话 / phone"},
    {"is_disabled", FT_BOOL, false, false, "停用 / disabled"},
    {0},
};
static const api_field_t reset_fields[] = {
    {"password", FT_STRING, true, false, "新密码 / new password"},
    {0},
};

static const api_field_t region_create_fields[] = {
    {"code", FT_STRING, true, false, "GB/T 2260 代码（乡镇 9 位）/ region code (9 digits for towns)"},
    {"name", FT_STRING, true, false, "名称 / name"},
    {"level", FT_STRING, true, false, "city | county | town"},
    {"parent_code", FT_STRING, true, false, "上级区划 / parent region"},
    {0},
};
static const api_field_t region_update_fields[] = {
    {"name", FT_STRING, true, false, "名称 / name"},
    {0},
};
static const api_field_t setting_fields[] = {
    {"region_code", FT_STRING, true, false, "适用区划（下级继承）/ region it applies to (inherited below)"},
    {"name", FT_STRING, true, false,
     "assign.warn_above 预警校数 | assign.hard_limit 上限 | assign.central_min 中心校最少督学 | zone.max_schools "
     "责任区上限 | "
     "training.hours 年培训学时 | visit.per_month 每月经常性督导次数"},
    {"value", FT_INT, true, false, "正整数 / positive integer"},
    {0},
};
static const api_param_t plaque_query[] = {
    API_Q_ENUM("size", "a4（默认）| 60x40（600×400 mm 牌匾）", "a4|60x40"),
    API_Q_INLINE,
    {0},
};
static const api_param_t setting_query[] = {
    API_Q_STR("region_code", "区划（默认本账号范围）/ region (default: your scope)"),
    {0},
};
static const api_param_t user_query[] = {
    API_Q_STR("q", "用户名或姓名包含 / username or name contains"),
    API_Q_STR("role", "角色 / role"),
    API_Q_STR("region_code", "行政区划（含下级）/ inside region"),
    API_Q_BOOL("is_disabled", "true | false"),
    API_Q_STR("sort",
              "username | display_name | role | region_code | created_at | last_login_at, '-' 降序 / descending"),
    API_Q_PAGING,
    {0},
};

/* the school's body fields come from its descriptor (store/roster/school_agg.h) */
static const api_field_t school_fields_create[] = {
    SCHOOL_BODY_FIELDS(API_AGG_CREATE_FIELD){
        "sections", FT_ARRAY, false, false,
        "学段 [{section, enrollment, n_classes}]，section: kindergarten|primary|junior|senior|vocational|special"},
    {0},
};
static const api_field_t school_fields_update[] = {
    SCHOOL_BODY_FIELDS(API_AGG_UPDATE_FIELD){"sections", FT_ARRAY, false, false, "学段 / sections"},
    {0},
};
static const api_field_t zone_create_fields[] = {
    {"county_code", FT_STRING, true, false, "所属县级区划 / county"},
    {"name", FT_STRING, true, false, "责任区名称 / zone name"},
    {"district_name", FT_STRING, false, true, "片区（可选）/ supervision district (optional)"},
    {0},
};
static const api_field_t zone_update_fields[] = {
    {"name", FT_STRING, false, false, "责任区名称 / zone name"},
    {"district_name", FT_STRING, false, true, "片区 / district"},
    {0},
};
static const api_field_t zone_schools_fields[] = {
    {"school_ids", FT_ARRAY, true, false, "学校编号 / school ids"},
    {0},
};
/* the inspector's body fields come from its descriptor (store/roster/inspector_agg.h) */
static const api_field_t inspector_create_fields[] = {INSPECTOR_BODY_FIELDS(API_AGG_CREATE_FIELD){0}};
static const api_field_t inspector_update_fields[] = {INSPECTOR_BODY_FIELDS(API_AGG_UPDATE_FIELD){0}};
static const api_field_t relation_fields[] = {
    {"school_id", FT_INT, true, false, "学校 / school"},
    {"kind", FT_STRING, true, false,
     "relative_of_principal 校长近亲属 | employed 现任职 | formerly_employed 曾任职 | other"},
    {"note", FT_STRING, false, true, "说明 / note"},
    {0},
};
/* from the descriptor (store/roster/assignment_agg.h) */
static const api_field_t assignment_fields[] = {ASSIGNMENT_BODY_FIELDS(API_AGG_CREATE_FIELD){0}};
static const api_field_t assignment_end_fields[] = {
    {"reason", FT_STRING, false, true, "结束原因 / reason"},
    {0},
};
static const api_param_t school_list_query[] = {
    API_Q_STR("q", "名称或标识码包含 / name or code contains"),
    API_Q_STR("region_code", "行政区划（含下级）/ inside region"),
    API_Q_STR("type_code", "办学类型码 / school type"),
    API_Q_STR("organizer",
              "举办者 edu_dept|other_dept|local_enterprise|public_institution|military|collective|private"),
    API_Q_INT("zone_id", "责任区 / zone", 0, INT64_MAX),
    API_Q_BOOL("is_private", "true | false"),
    API_Q_STR("status", "open | closed"),
    API_Q_BOOL("has_inspector", "false: 未挂牌的学校 / schools without a responsible inspector"),
    API_Q_STR("sort", "code | name | type_code | region_code, '-' 降序"),
    API_Q_PAGING,
    {0},
};
/* /exports/{kind}: the parameters of each list (schools, inspectors, zones, assignments). */
static const api_param_t export_query[] = {
    API_Q_STR("q", "名称、标识码或姓名包含 / name or code contains"),
    API_Q_STR("region_code", "行政区划（含下级）/ inside region"),
    API_Q_STR("county_code", "zones：县级区划 / county"),
    API_Q_STR("type_code", "schools：办学类型码 / school type"),
    API_Q_STR("organizer", "schools：举办者 / organizer"),
    API_Q_INT("zone_id", "schools、assignments：责任区 / zone", 0, INT64_MAX),
    API_Q_BOOL("is_private", "schools：true | false"),
    API_Q_BOOL("has_inspector", "schools：false 未挂牌 / without a responsible inspector"),
    API_Q_STR("kind", "inspectors：full_time | part_time | special"),
    API_Q_STR("status",
              "schools：open | closed；inspectors：active | suspended | retired；assignments：current 在任（默认）| "
              "ended | all"),
    API_Q_INT("school_id", "assignments：学校 / school", 0, INT64_MAX),
    API_Q_INT("inspector_id", "assignments：督学 / inspector", 0, INT64_MAX),
    API_Q_STR("role", "assignments：lead | member"),
    API_Q_STR("sort", "schools：排序 / sort"),
    {0},
};
static const api_param_t import_query[] = {
    API_Q_STR(
        "job",
        "可选：客户端生成的任务编号，导入进行中可用 GET /imports/jobs/{id} 查看进度 / optional id to poll progress"),
    {0},
};
static const api_param_t inspector_query[] = {
    API_Q_STR("q", "姓名、证号或单位包含 / name, certificate or employer contains"),
    API_Q_STR("kind", "full_time | part_time | special"),
    API_Q_STR("status", "active | suspended | retired"),
    API_Q_STR("region_code", "聘任区划 / region"),
    API_Q_PAGING,
    {0},
};
static const api_param_t zone_query[] = {
    API_Q_STR("county_code", "县级区划 / county"),
    {0},
};

static const api_param_t attachment_upload_query[] = {
    API_Q_ID("school_id", "所属学校（督学须为挂牌或任务学校，学校只能是本校）/ the school it belongs to"),
    API_Q_STR("region_code", "无学校时的所属区划（默认本账号范围）/ the region when there is no school"),
    API_Q_STR("owner_kind", "归属类型 visit | finding | finding_event | complaint | task | self_evaluation | other"),
    API_Q_ID(
        "owner_id",
        "归属记录编号：仅 finding 可在上传时指定（须属于该学校）/ the owner's id: only a finding may be named here"),
    API_Q_STR("name", "文件名 / file name"),
    API_Q_INT("taken_at", "拍摄时间（UTC 秒）/ when the photo was taken, epoch seconds", 0, INT64_MAX),
    API_Q_NUMBER("lat", "拍摄位置纬度 / latitude where it was taken"),
    API_Q_NUMBER("lng", "拍摄位置经度 / longitude"),
    {0},
};
static const api_param_t attachment_get_query[] = {
    API_Q_STR("download", "1: 作为下载（默认在浏览器中显示）/ as a download instead of inline"),
    {0},
};
static const api_param_t attachment_list_query[] = {
    API_Q_REQUIRED("owner_kind", "归属类型 / owner kind"),
    API_Q_ID_REQUIRED("owner_id", "归属记录编号 / owner id"),
    {0},
};

static const api_param_t audit_query[] = {
    API_Q_STR("actor", "操作人用户名 / actor username"),
    API_Q_STR("action",
              "create | update | login | login_failed | logout | password_change | password_reset | unlock | lock"),
    API_Q_STR("entity", "对象类型 / entity type"),
    API_Q_STR("entity_id", "对象编号 / entity id"),
    API_Q_DATE("from", "起始日期 YYYY-MM-DD（北京时间）/ from date"),
    API_Q_DATE("to", "截止日期 YYYY-MM-DD（含）/ to date, inclusive"),
    API_Q_PAGING,
    {0},
};

static const api_route_t api_routes[] = {
    {"GET", "/healthz", api_healthz, NOBODY, 0, NULL, NULL, "system", "健康检查 / health check", 200, FAST},
    {"GET", "/api/v1/openapi.json", api_openapi_get, NOBODY, 0, NULL, NULL, "system", "接口文档 / OpenAPI document",
     200, FAST},
    {"POST", "/api/v1/auth/login", api_auth_login, NOBODY, 16 * 1024, login_fields, NULL, "auth", "登录 / log in", 200,
     SLOW},
    {"POST", "/api/v1/auth/logout", api_auth_logout, ANY, 1024, empty_fields, NULL, "auth", "退出登录 / log out", 204,
     FAST},
    {"GET", "/api/v1/auth/me", api_auth_me, ANY, 0, NULL, NULL, "auth",
     "当前用户与 CSRF 令牌 / current user and CSRF token", 200, FAST},
    {"POST", "/api/v1/auth/password", api_auth_password, ANY, 16 * 1024, password_fields, NULL, "auth",
     "修改本人密码 / change own password", 204, SLOW},
    {"GET", "/api/v1/users", api_users_list, ROLE_ADMIN, 0, NULL, user_query, "users", "用户列表 / list users", 200,
     FAST},
    {"POST", "/api/v1/users", api_users_create, ROLE_ADMIN, API_JSON_LIMIT, user_create_fields, NULL, "users",
     "新建用户 / create a user", 201, SLOW},
    {"GET", "/api/v1/users/{id}", api_users_get, ROLE_ADMIN, 0, NULL, NULL, "users", "用户详情 / get a user", 200,
     FAST},
    {"PATCH", "/api/v1/users/{id}", api_users_update, ROLE_ADMIN, API_JSON_LIMIT, user_update_fields, NULL, "users",
     "修改用户 / update a user", 200, FAST},
    {"POST", "/api/v1/users/{id}/password", api_users_reset_password, ROLE_ADMIN, 16 * 1024, reset_fields, NULL,
     "users", "重置密码 / reset a user's password", 204, SLOW},
    {"POST", "/api/v1/users/{id}/unlock", api_users_unlock, ROLE_ADMIN, 1024, empty_fields, NULL, "users",
     "解除锁定 / unlock an account", 204, FAST},
    {"POST", "/api/v1/regions", api_regions_create, ROLE_ADMIN, API_JSON_LIMIT, region_create_fields, NULL, "regions",
     "添加下级区划 / add a region inside your scope", 201, FAST},
    {"PATCH", "/api/v1/regions/{code}", api_regions_update, ROLE_ADMIN, API_JSON_LIMIT, region_update_fields, NULL,
     "regions", "区划更名（代码不变）/ rename a region (codes never change)", 200, FAST},
    {"GET", "/api/v1/regions", api_regions_list, ANY, 0, NULL, NULL, "regions",
     "权限范围内的行政区划 / regions in scope", 200, FAST},
    {"GET", "/api/v1/schools", api_schools_list, ROLE_ADMIN | ROLE_INSPECTOR | ROLE_LEADER | ROLE_SCHOOL, 0, NULL,
     school_list_query, "schools", "学校列表（督学只见挂牌学校，学校只见本校）/ list schools in scope", 200, FAST},
    {"POST", "/api/v1/schools", api_schools_create, ROLE_ADMIN, API_JSON_LIMIT, school_fields_create, NULL, "schools",
     "新建学校 / create a school", 201, FAST},
    {"GET", "/api/v1/schools/{id}", api_schools_get, ROLE_ADMIN | ROLE_INSPECTOR | ROLE_LEADER | ROLE_SCHOOL, 0, NULL,
     NULL, "schools", "学校详情与挂牌历史 / a school with its assignment history", 200, FAST},
    {"PATCH", "/api/v1/schools/{id}", api_schools_update, ROLE_ADMIN, API_JSON_LIMIT, school_fields_update, NULL,
     "schools", "修改学校（更名保留标识码；撤销）/ update a school (rename keeps the code; close)", 200, FAST},
    {"GET", "/api/v1/zones", api_zones_list, ROLES_OFFICE, 0, NULL, zone_query, "zones", "责任区列表 / list zones", 200,
     FAST},
    {"POST", "/api/v1/zones", api_zones_create, ROLE_ADMIN, API_JSON_LIMIT, zone_create_fields, NULL, "zones",
     "新建责任区 / create a zone", 201, FAST},
    {"PATCH", "/api/v1/zones/{id}", api_zones_update, ROLE_ADMIN, API_JSON_LIMIT, zone_update_fields, NULL, "zones",
     "修改责任区 / update a zone", 200, FAST},
    {"POST", "/api/v1/zones/{id}/schools", api_zones_add_schools, ROLE_ADMIN, API_JSON_LIMIT, zone_schools_fields, NULL,
     "zones", "把学校划入责任区（≤ 20 所）/ put schools into a zone (at most 20)", 200, FAST},
    {"GET", "/api/v1/inspectors", api_inspectors_list, ROLES_OFFICE, 0, NULL, inspector_query, "inspectors",
     "督学名册（含预警）/ inspector roster with warnings", 200, FAST},
    {"POST", "/api/v1/inspectors", api_inspectors_create, ROLE_ADMIN, API_JSON_LIMIT, inspector_create_fields, NULL,
     "inspectors", "新增督学 / add an inspector", 201, FAST},
    {"GET", "/api/v1/inspectors/{id}", api_inspectors_get, ROLES_OFFICE, 0, NULL, NULL, "inspectors",
     "督学详情与挂牌历史 / an inspector with assignment history", 200, FAST},
    {"PATCH", "/api/v1/inspectors/{id}", api_inspectors_update, ROLE_ADMIN, API_JSON_LIMIT, inspector_update_fields,
     NULL, "inspectors", "修改督学 / update an inspector", 200, FAST},
    {"POST", "/api/v1/inspectors/{id}/relations", api_inspectors_add_relation, ROLE_ADMIN, API_JSON_LIMIT,
     relation_fields, NULL, "inspectors", "申报回避关系（条例第十条）/ declare a conflict of interest", 204, FAST},
    {"PUT", "/api/v1/inspectors/{id}/photo", api_inspectors_set_photo, ROLE_ADMIN, 5 * 1024 * 1024, NULL, NULL,
     "inspectors", "上传督学照片（请求体为 PNG/JPEG，≤ 5 MiB；按内容哈希存储）/ upload the photo as the body", 204,
     FAST},
    {"GET", "/api/v1/inspectors/{id}/photo", api_inspectors_photo, ROLES_OFFICE, 0, NULL, NULL, "inspectors",
     "督学照片 / the inspector's photo", 200, FAST},
    {"POST", "/api/v1/assignments/check", api_assignments_check, ROLE_ADMIN, API_JSON_LIMIT, assignment_fields, NULL,
     "assignments", "预检挂牌规则（不写入）/ check the rules without assigning", 200, FAST},
    {"POST", "/api/v1/assignments", api_assignments_create, ROLE_ADMIN, API_JSON_LIMIT, assignment_fields, NULL,
     "assignments", "挂牌（替换原责任督学，保留历史）/ assign (replaces the lead, keeps history)", 201, FAST},
    {"POST", "/api/v1/assignments/{id}/end", api_assignments_end, ROLE_ADMIN, API_JSON_LIMIT, assignment_end_fields,
     NULL, "assignments", "结束挂牌 / end an assignment", 204, FAST},
    {"GET", "/api/v1/imports/jobs/{id}", api_imports_job, ROLE_ADMIN, 0, NULL, NULL, "imports",
     "导入进度 {phase, rows_done, rows_total, result}（导入时带 ?job=ID）/ progress of an import run with ?job=ID", 200,
     FAST},
    {"POST", "/api/v1/imports/{kind}", api_imports_run, ROLE_ADMIN, 20 * 1024 * 1024, NULL, import_query, "imports",
     "导入（请求体为 CSV 或 XLSX 文件；全部校验通过才写入）/ import a CSV or XLSX body, all or nothing", 200, SLOW},
    {"GET", "/api/v1/imports/{kind}/columns", api_imports_template, ROLE_ADMIN, 0, NULL, NULL, "imports",
     "导入文件的列 / the columns an import takes", 200, FAST},
    {"GET", "/api/v1/imports/{kind}/template", api_imports_template_xlsx, ROLE_ADMIN, 0, NULL, NULL, "imports",
     "下载导入模板（XLSX）/ download the import template (XLSX)", 200, SLOW},
    {"GET", "/api/v1/exports/{kind}", api_exports_get, ROLE_ADMIN | ROLE_LEADER, 0, NULL, export_query, "exports",
     "导出列表为 XLSX（schools 学校 / inspectors 督学 / zones 责任区 / assignments 挂牌记录 / coverage "
     "覆盖情况，每类一个工作表；参数同列表）/ export a list as XLSX",
     200, SLOW},
    {"GET", "/api/v1/schools/{id}/plaque", api_schools_plaque, ROLE_ADMIN | ROLE_INSPECTOR | ROLE_LEADER | ROLE_SCHOOL,
     0, NULL, plaque_query, "schools", "挂牌督导公示牌 PDF / the school's plaque as PDF", 200, SLOW},
    {"GET", "/api/v1/settings", api_settings_get, ROLES_OFFICE, 0, NULL, setting_query, "assignments",
     "挂牌督导规则参数（含继承）/ the 挂牌督导 limits in force", 200, FAST},
    {"PUT", "/api/v1/settings", api_settings_set, ROLE_ADMIN, API_JSON_LIMIT, setting_fields, NULL, "assignments",
     "设置本区划的规则参数 / set a limit for a region", 200, FAST},
    {"GET", "/api/v1/coverage", api_coverage, ROLES_OFFICE, 0, NULL, NULL, "assignments",
     "挂牌覆盖情况：未挂牌学校、超负荷督学、超限责任区 / coverage: gaps, overloaded inspectors, oversized zones", 200,
     FAST},
    {"POST", "/api/v1/attachments", api_attachments_upload, ROLE_ADMIN | ROLE_INSPECTOR | ROLE_SCHOOL | ROLE_UNIT,
     20 * 1024 * 1024, NULL, attachment_upload_query, "attachments",
     "上传附件（请求体为文件：JPEG/PNG/WebP/PDF/DOCX/XLSX，≤ 20 MiB；按 SM3 内容哈希存储并记入审计链）/ upload a file "
     "as the body",
     201, SLOW},
    {"GET", "/api/v1/attachments", api_attachments_list, ROLE_ADMIN | ROLE_INSPECTOR | ROLE_SCHOOL | ROLE_LEADER, 0,
     NULL, attachment_list_query, "attachments", "某记录的附件 / the attachments of one record", 200, FAST},
    {"GET", "/api/v1/attachments/{id}", api_attachments_get,
     ROLE_ADMIN | ROLE_INSPECTOR | ROLE_SCHOOL | ROLE_LEADER | ROLE_UNIT, 0, NULL, attachment_get_query, "attachments",
     "附件内容 / the file", 200, FAST},
    {"GET", "/api/v1/audit", api_audit_list, ROLE_AUDITOR, 0, NULL, audit_query, "audit", "审计日志 / audit log", 200,
     FAST},
    {"GET", "/api/v1/audit/verify", api_audit_verify, ROLE_AUDITOR, 0, NULL, NULL, "audit",
     "校验审计哈希链 / verify the audit hash chain", 200, FAST},
    {"GET", "/api/v1/audit/checkpoints", api_audit_checkpoints, ROLE_AUDITOR, 0, NULL, NULL, "audit",
     "导出已签名的审计链检查点（离线用 dudao audit verify --checkpoints 校验）/ export the signed checkpoints of "
     "the chain head (verify offline with dudao audit verify --checkpoints)",
     200, FAST},
};
const api_route_table_t api_routes_platform = {api_routes, sizeof api_routes / sizeof api_routes[0]};
