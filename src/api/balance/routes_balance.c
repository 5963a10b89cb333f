/* The balance capability's routes (义务教育均衡发展): statistics, evaluations, plan, what-if. */
#include "api/balance/handlers_balance.h"

#define FAST false
#define SLOW true

static const api_param_t county_year[] = {
    API_Q_STR("county_code", "县级区划代码 / county code"),
    API_Q_INT("school_year", "学年（2025 = 2025–2026 学年；默认最新有数据的学年）/ school year", 0, 2100),
    {0},
};
static const api_param_t region_year[] = {
    API_Q_STR("region_code", "区划（默认本账号范围）/ region (default: your scope)"),
    API_Q_INT("school_year", "学年 / school year", 0, 2100),
    {0},
};
static const api_param_t year_only[] = {
    API_Q_INT("school_year", "学年 / school year", 0, 2100),
    {0},
};
static const api_param_t county_only[] = {
    API_Q_STR("county_code", "县级区划代码 / county code"),
    {0},
};
static const api_param_t report_query[] = {
    API_Q_STR("county_code", "县级区划代码 / county code"),
    API_Q_INT("school_year", "学年 / school year", 0, 2100),
    API_Q_INLINE,
    {0},
};
static const api_field_t stat_fields[] = {
    {"school_year", FT_INT, true, false, "学年（2025 = 2025–2026 学年）/ school year"},
    {"values", FT_OBJECT, true, false,
     "字段 → 数值（见 GET /balance/fields；未给出的字段保持原值）/ field → number (see /balance/fields)"},
    {0},
};
static const api_field_t confirm_fields[] = {
    {"school_id", FT_INT, true, false, "学校 / school"},
    {"school_year", FT_INT, true, false, "学年 / school year"},
    {"code", FT_STRING, true, false, "outlier 异常值 | jump 大幅变动 | implausible 不合常理"},
    {"field", FT_STRING, true, false, "字段 / field"},
    {"note", FT_STRING, true, false, "确认说明（数据为何正确）/ why the value is right"},
    {0},
};
static const api_field_t whatif_fields[] = {
    {"county_code", FT_STRING, true, false, "县级区划代码 / county code"},
    {"school_year", FT_INT, false, false, "学年 / school year"},
    {"changes", FT_ARRAY, true, false,
     "[{school_id, field, value}]：假设的数据（不写入）/ assumed values (nothing is written)"},
    {0},
};
static const api_field_t finalize_fields[] = {
    {"county_code", FT_STRING, true, false, "县级区划代码 / county code"},
    {"school_year", FT_INT, true, false, "学年 / school year"},
    {0},
};
static const api_field_t plan_fields[] = {
    {"county_code", FT_STRING, true, false, "县级区划代码 / county code"},
    {"school_year", FT_INT, false, false, "学年 / school year"},
    {"prices", FT_OBJECT, false, true, "单价（元）：resource → price，覆盖默认单价 / unit prices over the defaults"},
    {0},
};

static const api_param_t region_only[] = {
    API_Q_STR("region_code", "区划（县、地市或省；默认本账号范围）/ region (county, city or province)"),
    {0},
};
static const api_field_t override_fields[] = {
    {"document", FT_OBJECT, true, false,
     "覆盖文件：{standard, version, jurisdiction, …}，格式同 standards/balance/*.json，只写与上级不同的键 / the "
     "override document, in the format of standards/balance/*.json"},
    {0},
};

static const api_param_t verdict_query[] = {
    API_Q_STR("county_code", "县级区划代码 / county code"),
    API_Q_INT("school_year", "学年 / school year", 0, 2100),
    API_Q_ENUM("mode", "official 正式（只计市级审核通过的数据）| simulated 模拟（含待审核数据与社会认可度预评估，标注）",
               "official|simulated"),
    {0},
};
static const api_field_t item_fields[] = {
    {"county_code", FT_STRING, true, false, "县级区划代码 / county code"},
    {"school_year", FT_INT, true, false, "学年 / school year"},
    {"values", FT_OBJECT, true, false, "各检查项的值：key → 数值或是/否（见 GET /balance/verdict）/ check key → value"},
    {"note", FT_STRING, false, false, "说明 / note"},
    {"attachment_ids", FT_ARRAY, false, false,
     "佐证材料（先以 owner_kind=balance_item 上传）；至少一份 / evidence uploaded with owner_kind=balance_item"},
    {0},
};
static const api_field_t item_check_fields[] = {
    {"county_code", FT_STRING, true, false, "县级区划代码 / county code"},
    {"school_year", FT_INT, true, false, "学年 / school year"},
    {"decision", FT_STRING, true, false, "approve 通过 | return 退回"},
    {"note", FT_STRING, false, false, "审核意见（退回时必填）/ the check's note (required to return)"},
    {0},
};

static const api_route_t routes[] = {
    {"GET", "/api/v1/balance/fields", api_balance_fields, ROLES_OFFICE | ROLE_SCHOOL, 0, NULL, NULL, "balance",
     "学校基础数据的字段 / the fields of the school statistics", 200, FAST},
    {"GET", "/api/v1/balance/stats", api_balance_stats_list, ROLES_OFFICE, 0, NULL, county_year, "balance",
     "一个县各校的基础数据 / the statistics of a county's schools", 200, FAST},
    {"GET", "/api/v1/balance/stats/{school_id}", api_balance_stat_get, ROLES_OFFICE | ROLE_SCHOOL, 0, NULL, year_only,
     "balance", "一所学校的基础数据（学校账号仅本校）/ a school's statistics (school accounts: their own)", 200, FAST},
    {"PUT", "/api/v1/balance/stats/{school_id}", api_balance_stat_put, ROLE_ADMIN | ROLE_SCHOOL, API_JSON_LIMIT,
     stat_fields, NULL, "balance", "填报或修改学校基础数据（逐项校验）/ enter a school's statistics, validated", 200,
     FAST},
    {"POST", "/api/v1/balance/imports", api_balance_import, ROLE_ADMIN, 20 * 1024 * 1024, NULL, year_only, "balance",
     "导入学校基础数据（CSV/XLSX，全部通过才写入）/ import statistics, all or nothing", 200, SLOW},
    {"GET", "/api/v1/balance/imports/template", api_balance_template, ROLE_ADMIN, 0, NULL, NULL, "balance",
     "下载基础数据导入模板 / download the import template", 200, SLOW},
    {"GET", "/api/v1/balance/completeness", api_balance_completeness, ROLES_OFFICE, 0, NULL, region_year, "balance",
     "填报完成情况（各县未填报学校）/ who has not reported, per county", 200, FAST},
    {"GET", "/api/v1/balance/checks", api_balance_checks, ROLES_OFFICE, 0, NULL, county_year, "balance",
     "数据核查：异常值、大幅变动、不合常理 / data checks: outliers, jumps, implausible values", 200, FAST},
    {"POST", "/api/v1/balance/checks/confirm", api_balance_check_confirm, ROLE_ADMIN, API_JSON_LIMIT, confirm_fields,
     NULL, "balance", "确认一项核查的数据无误 / confirm a checked value as right", 204, FAST},
    {"GET", "/api/v1/balance/evaluation", api_balance_evaluation, ROLES_OFFICE, 0, NULL, county_year, "balance",
     "县域评估：结论、差异系数、未达标学校 / a county's evaluation", 200, FAST},
    {"POST", "/api/v1/balance/whatif", api_balance_whatif, ROLES_OFFICE, API_JSON_LIMIT, whatif_fields, NULL, "balance",
     "假设分析：修改数据后重算全部差异系数和结论（不写入）/ what-if: recompute with changed values, nothing written",
     200, FAST},
    {"POST", "/api/v1/balance/evaluation/finalize", api_balance_finalize, ROLE_ADMIN, API_JSON_LIMIT, finalize_fields,
     NULL, "balance", "评估定稿（须全部填报且核查已处理）/ declare the evaluation final", 200, FAST},
    {"GET", "/api/v1/balance/overview", api_balance_overview, ROLES_OFFICE, 0, NULL, region_year, "balance",
     "各县排名 / the counties of a region ranked", 200, FAST},
    {"GET", "/api/v1/balance/trend", api_balance_trend, ROLES_OFFICE, 0, NULL, county_only, "balance",
     "历年差异系数 / CVs over the years", 200, FAST},
    {"GET", "/api/v1/balance/plan", api_balance_plan, ROLES_OFFICE, 0, NULL, county_year, "balance",
     "达标测算：最少补充方案及费用 / the plan to pass and its cost", 200, FAST},
    {"POST", "/api/v1/balance/plan", api_balance_plan, ROLES_OFFICE, API_JSON_LIMIT, plan_fields, NULL, "balance",
     "按给定单价测算 / the plan with your own unit prices", 200, FAST},
    {"GET", "/api/v1/balance/schools/{school_id}", api_balance_school, ROLES_OFFICE | ROLE_SCHOOL, 0, NULL, year_only,
     "balance", "一所学校的指标与标准、全县值对比 / a school's indicators against thresholds and the county", 200,
     FAST},
    {"GET", "/api/v1/balance/exports/{kind}", api_balance_export, ROLES_OFFICE, 0, NULL, county_year, "balance",
     "导出评估表 XLSX（quality 优质均衡 / basic 基本均衡）/ the official-style tables", 200, SLOW},
    {"GET", "/api/v1/balance/report", api_balance_report, ROLES_OFFICE, 0, NULL, report_query, "balance",
     "评估报告 PDF / the evaluation report", 200, SLOW},
    {"GET", "/api/v1/balance/rules", api_balance_rules, ROLES_OFFICE, 0, NULL, region_only, "balance",
     "一个区划现行的评估规则及每项的来源（国家标准、省市文件或覆盖）/ the rules in force and where each value comes "
     "from",
     200, FAST},
    {"PUT", "/api/v1/balance/rules/overrides", api_balance_override_put, ROLE_ADMIN, API_JSON_LIMIT, override_fields,
     NULL, "balance",
     "设置本省或本市的规则覆盖（校验键和数值范围，留痕）/ set a province's or city's override, validated and audited",
     200, FAST},
    {"GET", "/api/v1/balance/verdict", api_balance_verdict, ROLES_OFFICE, 0, NULL, verdict_query, "balance",
     "优质均衡完整结论：资源配置、政府保障程度、教育质量、社会认可度、申报条件、不予认定及基本均衡四项条件 / the whole "
     "verdict with every part and item",
     200, FAST},
    {"PUT", "/api/v1/balance/county-items/{key}", api_balance_item_put, ROLE_ADMIN, API_JSON_LIMIT, item_fields, NULL,
     "balance", "县级督导室填报县级项目并附佐证材料（待市级审核，留痕）/ the county office enters an item with evidence",
     200, FAST},
    {"POST", "/api/v1/balance/county-items/{key}/check", api_balance_item_check, ROLE_ADMIN, API_JSON_LIMIT,
     item_check_fields, NULL, "balance",
     "市级督导室审核县级项目：通过或退回（留痕）/ the city office approves or returns an item", 200, FAST},
    {"DELETE", "/api/v1/balance/rules/overrides/{jurisdiction}/{standard}", api_balance_override_delete, ROLE_ADMIN, 0,
     NULL, NULL, "balance", "删除规则覆盖，恢复上级规则 / remove an override", 204, FAST},
};

const api_route_table_t api_routes_balance = {routes, sizeof routes / sizeof routes[0]};
