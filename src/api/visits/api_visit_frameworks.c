/* An office's routine checklists and a visit's further checklists: thin handlers and their
 * route table (listed before the visits table in api/route_tables.c so that
 * /visits/routine-checklists is not taken for /visits/{id}). */
#include "api/visits/handlers_visits.h"
#include "svc/visits/visit_frameworks.h"
#include "svc/visits/visit_svc.h"

#define FAST false

static err_t *api_routine_checklists_get(api_req_t *r) {
    return visit_fw_routine_get(r->svc, r->a, &r->who, api_query(r, "region_code"), &r->out);
}

static err_t *api_routine_checklists_put(api_req_t *r) {
    return visit_fw_routine_set(r->svc, r->a, &r->who, api_body_str(r, "region_code"),
                                api_body_str(r, "framework_code"), api_body_str(r, "extra_code"), &r->out);
}

static err_t *api_visit_checklist_save(api_req_t *r) {
    int64_t id, vid;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = api_path_id(r, 1, &vid);
    if (!e) e = visit_svc_save_checklist(r->svc, r->a, &r->who, id, vid, json_object_get(r->body, "answers"));
    if (!e) e = visit_svc_get(r->svc, r->a, &r->who, id, &r->out);
    return e;
}

static const api_param_t region_query[] = {
    API_Q_STR("region_code", "区划（默认本账号区划）/ region (default: the account's)"),
    {0},
};
static const api_field_t routine_fields[] = {
    {"region_code", FT_STRING, false, false, "适用区划（下级继承，默认本账号区划）/ region, inherited below"},
    {"framework_code", FT_STRING, false, false, "经常性督导记录表（指标体系代码）/ the routine checklist's code"},
    {"extra_code", FT_STRING, false, false,
     "每次经常性督导附加的第二份清单代码（空字符串 = 不附加）/ a second checklist on each routine visit (\"\": none)"},
    {0},
};
static const api_field_t checklist_fields[] = {
    {"answers", FT_OBJECT, true, false, "该清单的答案（同 PATCH /visits/{id}）/ answers of this checklist"},
    {0},
};

static const api_route_t routes[] = {
    {"GET", "/api/v1/visits/routine-checklists", api_routine_checklists_get, ROLES_OFFICE, 0, NULL, region_query,
     "visits", "本辖区经常性督导记录表及附加清单 / the routine checklist and the second one in force", 200, FAST},
    {"PUT", "/api/v1/visits/routine-checklists", api_routine_checklists_put, ROLE_ADMIN, API_JSON_LIMIT, routine_fields,
     NULL, "visits",
     "设置经常性督导记录表及附加清单（下级继承，留痕）/ choose the routine checklists (inherited, audited)", 200, FAST},
    {"PATCH", "/api/v1/visits/{id}/checklists/{version_id}", api_visit_checklist_save, ROLE_INSPECTOR, API_JSON_LIMIT,
     checklist_fields, NULL, "visits",
     "保存督导记录中附加清单的答案（各清单分别计分）/ save the answers of a further checklist", 200, FAST},
};

const api_route_table_t api_routes_visit_frameworks = {routes, sizeof routes / sizeof routes[0]};
