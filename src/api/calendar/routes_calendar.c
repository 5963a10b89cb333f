/* The calendar capability's routes: the 校历 of a county and school year. */
#include "api/calendar/handlers_calendar.h"

#define FAST false

static const api_param_t get_query[] = {
    API_Q_STR("county_code", "县级区划代码（默认本账号区划）/ county code (default: the account's)"),
    API_Q_INT("school_year", "学年（2026 = 2026年9月至2027年8月；默认本学年）/ school year", 2000, 2100),
    {0},
};
static const api_field_t create_fields[] = {
    {"county_code", FT_STRING, false, false, "县级区划代码（默认本账号区划）/ county code"},
    {"school_year", FT_INT, false, false, "学年（默认为开始日期所在学年）/ school year (default: of starts_on)"},
    {"kind", FT_STRING, true, false, "term 学期 | holiday 节假日 | exam 考试周"},
    {"name", FT_STRING, true, false, "名称 / name"},
    {"starts_on", FT_STRING, true, false, "开始日期 YYYY-MM-DD / first day"},
    {"ends_on", FT_STRING, true, false, "结束日期 YYYY-MM-DD / last day"},
    {0},
};
static const api_field_t update_fields[] = {
    {"kind", FT_STRING, false, false, "term | holiday | exam"},
    {"name", FT_STRING, false, false, "名称 / name"},
    {"starts_on", FT_STRING, false, false, "开始日期 / first day"},
    {"ends_on", FT_STRING, false, false, "结束日期 / last day"},
    {0},
};

static const api_route_t routes[] = {
    {"GET", "/api/v1/calendar", api_calendar_get, ROLES_SUPERVISORS, 0, NULL, get_query, "calendar",
     "一个县一个学年的校历（未设置时为内置默认）及各月在校日 / a county's 校历 and school days per month", 200, FAST},
    {"POST", "/api/v1/calendar/periods", api_calendar_create, ROLE_ADMIN, API_JSON_LIMIT, create_fields, NULL,
     "calendar", "新增学期、节假日或考试周（留痕）/ add a term, holiday or exam week (audited)", 201, FAST},
    {"PATCH", "/api/v1/calendar/periods/{id}", api_calendar_update, ROLE_ADMIN, API_JSON_LIMIT, update_fields, NULL,
     "calendar", "修改校历条目（留痕）/ change a period (audited)", 200, FAST},
    {"DELETE", "/api/v1/calendar/periods/{id}", api_calendar_delete, ROLE_ADMIN, 0, NULL, NULL, "calendar",
     "删除校历条目（留痕）/ delete a period (audited)", 204, FAST},
};

const api_route_table_t api_routes_calendar = {routes, sizeof routes / sizeof routes[0]};
