/* The incidents capability's routes (突发事件, 挂牌督导办法第五条). Schools and auditors are not
 * on any route: incident reports go from the inspector to the office. */
#include "api/incidents/handlers_incidents.h"

#define FAST false

#define ROLES_INCIDENT_READ (ROLE_ADMIN | ROLE_INSPECTOR | ROLE_LEADER)

static const api_param_t list_query[] = {
    API_Q_ENUM("state", "received | handled | closed", "received|handled|closed"),
    {0},
};
static const api_field_t report_fields[] = {
    {"school_id", FT_INT, true, false, "发生事件的学校 / the school"},
    {"title", FT_STRING, true, false, "事件概要 / what happened, in a line"},
    {"description", FT_STRING, true, false, "事件经过、现场情况 / what happened and the situation on site"},
    {"category", FT_STRING, true, false, "accident | hazard | public_health | violence | disaster | other"},
    {"severity", FT_STRING, true, false, "general 一般 | large 较大 | major 重大 | extreme 特别重大"},
    {"occurred_at", FT_INT, false, false, "发生时间（UTC 秒，默认现在）/ when, epoch seconds (default now)"},
    {"told", FT_STRING, false, true, "已报告的对象（校长、教育局、公安……）/ who was already told"},
    {"attachment_ids", FT_ARRAY, false, false, "现场照片（先上传，owner_kind=incident）/ photos uploaded first"},
    {0},
};
static const api_field_t note_fields[] = {
    {"note", FT_STRING, false, true, "处置情况 / the note on the handling"},
    {0},
};

static const api_route_t routes[] = {
    {"GET", "/api/v1/incidents", api_incidents_list, ROLES_INCIDENT_READ, 0, NULL, list_query, "incidents",
     "突发事件报告及待处置数（督导室首页提醒）/ incident reports and the count waiting (the office's alert)", 200,
     FAST},
    {"POST", "/api/v1/incidents", api_incidents_report, ROLE_ADMIN | ROLE_INSPECTOR, API_JSON_LIMIT, report_fields,
     NULL, "incidents", "上报突发事件或重大隐患 / report an incident or a major hazard", 201, FAST},
    {"GET", "/api/v1/incidents/{id}", api_incidents_get, ROLES_INCIDENT_READ, 0, NULL, NULL, "incidents",
     "一份突发事件报告及照片 / one report with its photos", 200, FAST},
    {"POST", "/api/v1/incidents/{id}/handle", api_incidents_handle, ROLE_ADMIN, API_JSON_LIMIT, note_fields, NULL,
     "incidents", "已处置（填写处置情况）/ mark handled, with a note", 200, FAST},
    {"POST", "/api/v1/incidents/{id}/close", api_incidents_close, ROLE_ADMIN, API_JSON_LIMIT, note_fields, NULL,
     "incidents", "办结 / close the report, with a note", 200, FAST},
    {"POST", "/api/v1/incidents/{id}/finding", api_incidents_to_finding, ROLE_ADMIN, API_JSON_LIMIT, note_fields, NULL,
     "incidents", "转为问题台账（草稿）/ turn the report into a draft finding", 200, FAST},
};

const api_route_table_t api_routes_incidents = {routes, sizeof routes / sizeof routes[0]};
