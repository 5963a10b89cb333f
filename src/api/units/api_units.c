/* 督政: thin handlers (decode, one svc call, encode). */
#include <string.h>
#include <unistd.h>

#include "api/units/handlers_units.h"
#include "svc/units/unit_svc.h"

err_t *api_units_list(api_req_t *r) {
    return unit_svc_list(r->svc, r->a, &r->who, api_query(r, "county_code"), api_query(r, "kind"), &r->out);
}

static unit_input_t unit_input(api_req_t *r) {
    return (unit_input_t){.region_code = api_body_str(r, "region_code"),
                          .kind = api_body_str(r, "kind"),
                          .name = api_body_str(r, "name"),
                          .dept_code = api_body_str(r, "dept_code"),
                          .status = api_body_str(r, "status")};
}

err_t *api_units_create(api_req_t *r) {
    unit_input_t in = unit_input(r);
    err_t *e = unit_svc_create(r->svc, r->a, &r->who, &in, &r->out);
    if (!e) r->status = 201;
    return e;
}

err_t *api_units_get(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : unit_svc_get(r->svc, r->a, &r->who, id, &r->out);
}

err_t *api_units_update(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (e) return e;
    unit_input_t in = unit_input(r);
    return unit_svc_update(r->svc, r->a, &r->who, id, &in, &r->out);
}

static err_t *id_year(api_req_t *r, int64_t *id, int64_t *year) {
    err_t *e = api_path_id(r, 0, id);
    return e ? e : api_path_id(r, 1, year);
}

err_t *api_units_assessment(api_req_t *r) {
    int64_t id, year;
    err_t *e = id_year(r, &id, &year);
    return e ? e : unit_svc_assessment(r->svc, r->a, &r->who, id, year, &r->out);
}

err_t *api_units_self_report(api_req_t *r) {
    int64_t id, year;
    err_t *e = id_year(r, &id, &year);
    if (e) return e;
    return unit_svc_self_report(r->svc, r->a, &r->who, id, year, api_body_str(r, "text"),
                                json_is_true(json_object_get(r->body, "publish")), &r->out);
}

err_t *api_units_check(api_req_t *r) {
    int64_t id, year;
    err_t *e = id_year(r, &id, &year);
    if (e) return e;
    unit_check_input_t in = {.score = api_body_num(r, "score"),
                             .n_downgrades = api_body_int(r, "n_downgrades"),
                             .n_vetoes = api_body_int(r, "n_vetoes"),
                             .note = api_body_str(r, "note")};
    return unit_svc_check(r->svc, r->a, &r->who, id, year, &in, &r->out);
}

err_t *api_units_rules(api_req_t *r) {
    return unit_svc_rules(r->svc, r->a, &r->who, api_query(r, "county_code"), &r->out);
}

err_t *api_units_rules_put(api_req_t *r) {
    return unit_svc_rules_put(r->svc, r->a, &r->who, api_body_str(r, "county_code"), api_body_num(r, "excellent"),
                              api_body_num(r, "good"), api_body_num(r, "pass"), &r->out);
}

err_t *api_units_ranking(api_req_t *r) {
    return unit_svc_ranking(r->svc, r->a, &r->who, api_query(r, "county_code"), api_query_i64(r, "year", 0),
                            api_query(r, "kind"), &r->out);
}

err_t *api_units_export(api_req_t *r) {
    char *path;
    int64_t year = api_query_i64(r, "year", 0);
    err_t *e = api_temp_path(r, ".xlsx", &path);
    if (!e && (e = unit_svc_export(r->svc, r->a, &r->who, api_query(r, "county_code"), year, path))) unlink(path);
    if (e) return e;
    return api_send_temp_file(r, path, DOC_XLSX, "年终考核.xlsx");
}
