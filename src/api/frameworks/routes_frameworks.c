/* The 指标体系 routes. Reading is open to every working role (national built-ins and the
 * frameworks of the reader's region line); writing is for admins, inside their region. */
#include "api/frameworks/handlers_frameworks.h"

#define FAST false
#define SLOW true

static const api_field_t document_fields[] = {
    {"document", FT_OBJECT, true, false, "指标体系文档，格式见 docs/framework-format.md / the framework document"},
    {0},
};
static const api_field_t update_fields[] = {
    {"document", FT_OBJECT, true, false, "指标体系文档 / the framework document"},
    {"base_digest", FT_STRING, false, true,
     "编辑所基于的版本摘要；草稿已被他人保存时返回 409 / digest of the draft edited; 409 when someone saved since"},
    {0},
};
static const api_field_t new_version_fields[] = {
    {"from_version_id", FT_INT, false, true,
     "从哪个版本复制（默认当前发布版）/ copy of this version (default: the published one)"},
    {0},
};
static const api_field_t copy_fields[] = {
    {"code", FT_STRING, true, false, "新指标体系编码 / code of the new framework"},
    {"name", FT_STRING, false, false, "新名称 / its name"},
    {0},
};
static const api_field_t score_fields[] = {
    {"answers", FT_OBJECT, true, false, "以指标编码为键的答案 / answers keyed by indicator code"},
    {"school_id", FT_INT, false, true, "按该校办学类型和学段筛选适用指标 / apply to this school's type and sections"},
    {0},
};
static const api_field_t empty_fields[] = {{0}};
static const api_param_t list_query[] = {
    API_Q_STR("q", "编码或名称包含 / code or name contains"),
    API_Q_ENUM("status", "有该状态的版本 / has a version in: draft | published | retired", "draft|published|retired"),
    API_Q_BOOL("is_builtin", "true | false"),
    API_Q_STR("use", "用途 / use: routine | special | comprehensive | self_evaluation | government"),
    API_Q_PAGING,
    {0},
};
static const api_param_t export_query[] = {
    API_Q_ENUM("format", "json（默认）| xlsx", "json|xlsx"),
    {0},
};
static const api_param_t diff_query[] = {
    API_Q_ID("against", "与哪个版本比较（默认上一版）/ the version to compare with (default: the one before)"),
    {0},
};
static const api_param_t import_query[] = {
    API_Q_STR("code", "新建时的编码（XLSX）/ code of a new framework (XLSX)"),
    API_Q_STR("name", "新建时的名称（XLSX）/ its name"),
    API_Q_STR("source", "依据文件 / source document"),
    {0},
};

enum { IMPORT_LIMIT = 20 * 1024 * 1024 };

static const api_route_t routes[] = {
    {"GET", "/api/v1/frameworks", api_frameworks_list, ROLES_LOOP, 0, NULL, list_query, "frameworks",
     "指标体系列表 / list frameworks", 200, FAST},
    {"POST", "/api/v1/frameworks", api_frameworks_create, ROLE_ADMIN, API_JSON_LIMIT, document_fields, NULL,
     "frameworks", "新建指标体系（草稿第1版）/ create a framework (draft version 1)", 201, FAST},
    {"POST", "/api/v1/frameworks/validate", api_frameworks_validate, ROLE_ADMIN, API_JSON_LIMIT, document_fields, NULL,
     "frameworks", "校验文档，列出全部问题，不保存 / validate a document, listing every problem; saves nothing", 200,
     FAST},
    {"POST", "/api/v1/frameworks/import", api_frameworks_import, ROLE_ADMIN, IMPORT_LIMIT, NULL, import_query,
     "frameworks",
     "导入 JSON 或 XLSX：新编码新建，已有编码生成草稿 / import JSON or XLSX: a new code creates, a known one makes a "
     "draft",
     200, SLOW},
    {"GET", "/api/v1/frameworks/{id}", api_frameworks_get, ROLES_LOOP, 0, NULL, NULL, "frameworks",
     "指标体系及其各版本 / a framework and its versions", 200, FAST},
    {"POST", "/api/v1/frameworks/{id}/versions", api_frameworks_new_version, ROLE_ADMIN, API_JSON_LIMIT,
     new_version_fields, NULL, "frameworks", "从已发布版本生成下一版草稿 / make the next draft version", 201, FAST},
    {"POST", "/api/v1/frameworks/{id}/import", api_frameworks_import_into, ROLE_ADMIN, IMPORT_LIMIT, NULL, NULL,
     "frameworks", "导入指标到该体系的草稿（JSON 或 XLSX）/ import indicators into its draft", 200, SLOW},
    {"GET", "/api/v1/framework-versions/{id}", api_framework_versions_get, ROLES_LOOP, 0, NULL, NULL, "frameworks",
     "一个版本及其文档 / a version with its document", 200, FAST},
    {"PUT", "/api/v1/framework-versions/{id}", api_framework_versions_update, ROLE_ADMIN, API_JSON_LIMIT, update_fields,
     NULL, "frameworks", "修改草稿（已发布的返回 409）/ edit a draft (409 when published)", 200, FAST},
    {"DELETE", "/api/v1/framework-versions/{id}", api_framework_versions_delete, ROLE_ADMIN, 0, NULL, NULL,
     "frameworks", "删除草稿 / delete a draft", 204, FAST},
    {"POST", "/api/v1/framework-versions/{id}/publish", api_framework_versions_publish, ROLE_ADMIN, API_JSON_LIMIT,
     empty_fields, NULL, "frameworks", "发布（冻结；原发布版停用）/ publish (frozen; the previous one retires)", 200,
     FAST},
    {"POST", "/api/v1/framework-versions/{id}/retire", api_framework_versions_retire, ROLE_ADMIN, API_JSON_LIMIT,
     empty_fields, NULL, "frameworks", "停用已发布版本 / retire a published version", 200, FAST},
    {"POST", "/api/v1/framework-versions/{id}/copy", api_framework_versions_copy, ROLE_ADMIN, API_JSON_LIMIT,
     copy_fields, NULL, "frameworks", "复制为本地区的新指标体系 / copy into a new framework of your region", 201, FAST},
    {"POST", "/api/v1/framework-versions/{id}/score", api_framework_versions_score, ROLES_LOOP, API_JSON_LIMIT, score_fields,
     NULL, "frameworks", "按该版本计分定级（不保存）/ score and grade answers (saves nothing)", 200, FAST},
    {"GET", "/api/v1/framework-versions/{id}/export", api_framework_versions_export, ROLES_LOOP, 0, NULL, export_query,
     "frameworks", "导出 JSON 或 XLSX / export as JSON or XLSX", 200, SLOW},
    {"GET", "/api/v1/framework-versions/{id}/diff", api_framework_versions_diff, ROLES_LOOP, 0, NULL, diff_query,
     "frameworks", "与另一版本比较：新增、删除、修改的指标 / what changed from another version", 200, FAST},
};

const api_route_table_t api_routes_frameworks = {routes, sizeof routes / sizeof routes[0]};
