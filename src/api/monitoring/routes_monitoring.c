/* The monitoring capability's routes (质量监测): the catalog, the import and its template, the
 * analysis, and the 整改方案 that open findings. */
#include "api/monitoring/handlers_monitoring.h"

#define FAST false
#define SLOW true

static const api_param_t analysis_query[] = {
    API_Q_STR("county_code", "县级区划代码（默认本账号区划）/ county code"),
    API_Q_INT("cycle", "监测年度（默认最新）/ cycle year (default: the latest)", 2000, 2100),
    API_Q_STR("subject", "学科代码或名称（默认第一个有数据的学科）/ subject code or name"),
    API_Q_ENUM("grade", "4 | 8", "4|8"),
    API_Q_ENUM("source", "national | provincial | city（默认每项取最权威的来源）/ source", "national|provincial|city"),
    API_Q_INT("min_students", "报告标准：学生数下限（默认 62）/ minimum students to report a figure", 1, 100000),
    API_Q_INT("min_schools", "校际差异率所需最少学校数（默认 5）/ minimum schools for the difference rate", 2, 1000),
    {0},
};
static const api_param_t plans_query[] = {
    API_Q_STR("county_code", "县级区划代码 / county code"),
    API_Q_INT("min_students", "报告标准：学生数下限（默认 62）/ minimum students", 1, 100000),
    {0},
};
static const api_param_t template_query[] = {
    API_Q_ENUM("format", "xlsx（默认）| csv", "xlsx|csv"),
    {0},
};
static const api_field_t plan_fields[] = {
    {"county_code", FT_STRING, true, false, "县级区划代码 / county code"},
    {"cycle", FT_INT, true, false, "监测年度 / cycle year"},
    {"subject", FT_STRING, true, false, "学科 / subject"},
    {"grade", FT_INT, true, false, "4 | 8"},
    {"dimension", FT_STRING, false, true, "维度（空 = 学科总体）/ dimension (empty: the subject as a whole)"},
    {"school_ids", FT_ARRAY, false, false, "学校（不给出 = 县级整改方案）/ schools (none: a county plan)"},
    {"measures", FT_STRING, true, false, "整改措施 / rectification measures"},
    {"deadline", FT_STRING, false, true, "整改期限 YYYY-MM-DD / deadline"},
    {"severity", FT_STRING, false, true, "general | serious | severe | red_line"},
    {0},
};

static const api_param_t county_only[] = {
    API_Q_STR("county_code", "县级区划代码 / county code"),
    {0},
};
static const api_field_t setting_fields[] = {
    {"region_code", FT_STRING, true, false, "适用区划（下级继承）/ region (inherited below)"},
    {"name", FT_STRING, true, false, "monitoring.min_students（报告所需最少学生数）| monitoring.min_schools"},
    {"value", FT_INT, true, false, "学生数 1–100000，学校数 2–1000 / students or schools"},
    {0},
};

static const api_route_t routes[] = {
    {"GET", "/api/v1/monitoring/catalog", api_monitoring_catalog, ROLES_OFFICE, 0, NULL, NULL, "monitoring",
     "学科、维度、相关因素与校际差异率算法 / subjects, dimensions, factors and the declared formulas", 200, FAST},
    {"POST", "/api/v1/monitoring/imports", api_monitoring_import, ROLE_ADMIN, 20 * 1024 * 1024, NULL, NULL,
     "monitoring", "导入质量监测结果（CSV/XLSX，全部通过才写入）/ import monitoring results, all or nothing", 200,
     SLOW},
    {"GET", "/api/v1/monitoring/imports/template", api_monitoring_template, ROLE_ADMIN, 0, NULL, template_query,
     "monitoring", "下载质量监测结果导入模板 / download the import template", 200, SLOW},
    {"GET", "/api/v1/monitoring/analysis", api_monitoring_analysis, ROLES_OFFICE, 0, NULL, analysis_query, "monitoring",
     "一个县的监测分析：区域、学校、学科、历次差异，校际差异率，3.9 项 / a county's analysis", 200, FAST},
    {"GET", "/api/v1/monitoring/plans", api_monitoring_plans, ROLES_OFFICE, 0, NULL, plans_query, "monitoring",
     "整改方案及下一轮监测结果 / rectification plans with the next cycle's result", 200, FAST},
    {"POST", "/api/v1/monitoring/plans", api_monitoring_plan_create, ROLE_ADMIN, API_JSON_LIMIT, plan_fields, NULL,
     "monitoring", "为薄弱维度制定整改方案并生成问题台账 / a plan for a weak dimension, opening findings", 201, FAST},
    {"GET", "/api/v1/monitoring/item39", api_monitoring_item_39, ROLES_OFFICE, 0, NULL, county_only, "monitoring",
     "优质均衡教育质量第 9 项：各学科最近一次监测是否达到Ⅲ级以上且校际差异率 < 0.15 / item 3.9 per subject", 200, FAST},
    {"GET", "/api/v1/monitoring/settings", api_monitoring_settings, ROLES_OFFICE, 0, NULL, county_only, "monitoring",
     "一个县现行的报告标准（最少学生数、最少学校数）/ the reporting standard in force", 200, FAST},
    {"PUT", "/api/v1/monitoring/settings", api_monitoring_setting_put, ROLE_ADMIN, API_JSON_LIMIT, setting_fields, NULL,
     "monitoring", "设置报告标准（下级继承，留痕）/ set the reporting standard, inherited and audited", 200, FAST},
};

const api_route_table_t api_routes_monitoring = {routes, sizeof routes / sizeof routes[0]};
