/* The units capability's routes (督政): the supervised units of a county, their yearly
 * assessment (自评报告, 实地检查, grade), the grade rules, the ranking and the 年终考核 XLSX. */
#include "api/units/handlers_units.h"

#define FAST false
#define SLOW true
#define J API_JSON_LIMIT

static const api_param_t list_query[] = {
    API_Q_STR("county_code", "县级区划代码 / county code"),
    API_Q_ENUM("kind", "town | subdistrict | department", "town|subdistrict|department"),
    {0},
};
static const api_param_t county_query[] = {
    API_Q_STR("county_code", "县级区划代码（默认本账号区划）/ county code"),
    {0},
};
static const api_param_t ranking_query[] = {
    API_Q_STR("county_code", "县级区划代码（默认本账号区划）/ county code"),
    {"year", "考核年度 / year", PT_INT, 2000, 2100, NULL, true},
    API_Q_ENUM("kind", "town | subdistrict | department", "town|subdistrict|department"),
    {0},
};
static const api_param_t export_query[] = {
    API_Q_STR("county_code", "县级区划代码（默认本账号区划）/ county code"),
    {"year", "考核年度 / year", PT_INT, 2000, 2100, NULL, true},
    {0},
};
static const api_field_t create_fields[] = {
    {"region_code", FT_STRING, true, false, "乡镇/街道：本乡镇区划代码；部门：县级区划代码 / the town's or the county's code"},
    {"kind", FT_STRING, true, false, "town（乡镇政府）| subdistrict（街道）| department（县直部门）"},
    {"name", FT_STRING, true, false, "单位名称 / name"},
    {"dept_code", FT_STRING, false, true, "部门代码（czj 财政、rsj 人社、bb 编办、fgw 发改、zjj 住建、gaj 公安 …）"},
    {0},
};
static const api_field_t update_fields[] = {
    {"name", FT_STRING, false, false, "单位名称 / name"},
    {"dept_code", FT_STRING, false, false, "部门代码 / department code"},
    {"status", FT_STRING, false, false, "active | closed"},
    {0},
};
static const api_field_t report_fields[] = {
    {"text", FT_STRING, true, false, "自评报告（不超过 5000 字）/ the self-assessment report (≤ 5000 characters)"},
    {"publish", FT_BOOL, false, false, "公开 / publish"},
    {0},
};
static const api_field_t check_fields[] = {
    {"score", FT_NUMBER, true, false, "实地检查得分（百分制）/ the on-site check score (0–100)"},
    {"n_downgrades", FT_INT, false, false, "降等事项数（逾期红线问题另由台账计入）/ events lowering one grade each"},
    {"n_vetoes", FT_INT, false, false, "一票否优事项数 / events barring 优秀"},
    {"note", FT_STRING, false, true, "说明 / note"},
    {0},
};
static const api_field_t rules_fields[] = {
    {"county_code", FT_STRING, false, false, "县级区划代码（默认本账号区划）/ county code"},
    {"excellent", FT_NUMBER, true, false, "优秀分数线 / 优秀 from"},
    {"good", FT_NUMBER, true, false, "良好分数线 / 良好 from"},
    {"pass", FT_NUMBER, true, false, "合格分数线 / 合格 from"},
    {0},
};

#define SEE (ROLES_SUPERVISORS | ROLE_UNIT)

static const api_route_t routes[] = {
    {"GET", "/api/v1/units", api_units_list, SEE, 0, NULL, list_query, "units",
     "被督导单位（乡镇政府、街道、县直部门）；单位账号只见本单位 / the supervised units", 200, FAST},
    {"POST", "/api/v1/units", api_units_create, ROLE_ADMIN, J, create_fields, NULL, "units",
     "新增被督导单位（留痕）/ add a supervised unit, audited", 201, FAST},
    {"GET", "/api/v1/units/grade-rules", api_units_rules, ROLES_SUPERVISORS, 0, NULL, county_query, "units",
     "一个县现行的督导考核等级分数线 / the grade bands in force", 200, FAST},
    {"PUT", "/api/v1/units/grade-rules", api_units_rules_put, ROLE_ADMIN, J, rules_fields, NULL, "units",
     "设置督导考核等级分数线（合格 < 良好 < 优秀，留痕）/ set the grade bands, audited", 200, FAST},
    {"GET", "/api/v1/units/ranking", api_units_ranking, ROLES_SUPERVISORS, 0, NULL, ranking_query, "units",
     "一个县被督导单位的年度得分、等级与排名 / the year's scores, grades and ranking", 200, FAST},
    {"GET", "/api/v1/units/ranking.xlsx", api_units_export, ROLES_SUPERVISORS, 0, NULL, export_query, "units",
     "年终考核表（考核结果与问题清单）/ the 年终考核 workbook: results and the problem list", 200, SLOW},
    {"GET", "/api/v1/units/{id}", api_units_get, SEE, 0, NULL, NULL, "units", "一个被督导单位 / one unit", 200, FAST},
    {"PATCH", "/api/v1/units/{id}", api_units_update, ROLE_ADMIN, J, update_fields, NULL, "units",
     "修改被督导单位（留痕）/ edit a unit, audited", 200, FAST},
    {"GET", "/api/v1/units/{id}/assessments/{year}", api_units_assessment, SEE, 0, NULL, NULL, "units",
     "单位的年度督导考核：自评报告、实地检查得分、等级 / the year's assessment", 200, FAST},
    {"PUT", "/api/v1/units/{id}/assessments/{year}/self-report", api_units_self_report, ROLE_ADMIN | ROLE_UNIT, J,
     report_fields, NULL, "units", "提交（并公开）自评报告，不超过 5000 字 / the self-assessment report", 200, FAST},
    {"PUT", "/api/v1/units/{id}/assessments/{year}/check", api_units_check, ROLES_CASEWORK, J, check_fields, NULL,
     "units", "记录实地检查得分并按规则评定等级 / the on-site check score and the grade", 200, FAST},
};

const api_route_table_t api_routes_units = {routes, sizeof routes / sizeof routes[0]};
