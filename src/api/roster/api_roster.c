/* Zones (责任区), inspectors (督学), assignments (挂牌) and coverage. */
#include <string.h>

#include "api/handlers.h"
#include "svc/roster/roster_svc.h"
#include "util/timeutil.h"

err_t *api_zones_list(api_req_t *r) {
    zone_t *items;
    size_t n;
    err_t *e = zone_svc_list(r->svc, r->a, &r->who, api_query(r, "county_code"), &items, &n);
    if (e) return e;
    jw_t *w = api_list_begin(r);
    for (size_t i = 0; i < n; i++) zone_write_json(w, &items[i]);
    api_list_end(w, (int64_t)n);
    return e;
}

err_t *api_zones_create(api_req_t *r) {
    zone_t z;
    err_t *e = zone_svc_create(r->svc, r->a, &r->who, api_body_str(r, "county_code"), api_body_str(r, "name"),
                               api_body_str(r, "district_name"), &z);
    if (!e) r->out = zone_to_json(&z);
    return e;
}

err_t *api_zones_update(api_req_t *r) {
    int64_t id;
    zone_t z;
    err_t *e = api_path_id(r, 0, &id);
    if (!e)
        e = zone_svc_update(r->svc, r->a, &r->who, id, api_body_str(r, "name"), api_body_str(r, "district_name"),
                            api_body_has(r, "district_name"), &z);
    if (!e) r->out = zone_to_json(&z);
    return e;
}

err_t *api_zones_add_schools(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (e) return e;
    json_t *ids = json_object_get(r->body, "school_ids");
    size_t n = json_array_size(ids);
    if (n == 0 || n > 500)
        return err_new(r->a, ERR_INVALID, "school_ids", "请给出 1–500 所学校", "give 1 to 500 school ids");
    int64_t *v = arena_alloc(r->a, n * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(ids, i);
        if (!json_is_integer(x))
            return err_new(r->a, ERR_INVALID, "school_ids", "学校编号应为整数", "school ids are integers");
        v[i] = json_integer_value(x);
    }
    zone_t z;
    if (!(e = zone_svc_add_schools(r->svc, r->a, &r->who, id, v, n, &z))) r->out = zone_to_json(&z);
    return e;
}

/* Overlays the body on in (the descriptor's fields, store/roster/inspector_agg.h). */
static err_t *api_inspector_from_body(api_req_t *r, inspector_t *in) {
    return agg_from_body(r->a, &inspector_agg, r->body, r->who.role, NULL, in);
}

err_t *api_inspectors_list(api_req_t *r) {
    inspector_filter_t f = {.q = api_query(r, "q"), .kind = api_query(r, "kind"), .status = api_query(r, "status"),
                            .region_code = api_query(r, "region_code")};
    err_t *e = api_paging(r, &f.limit, &f.offset);
    if (e) return e;
    inspector_t *items;
    size_t n;
    int64_t total;
    assign_limits_t l;
    if ((e = inspector_svc_list(r->svc, r->a, &r->who, &f, &items, &n, &total, &l))) return e;
    char today[16];
    time_today_cn(today, sizeof today);
    jw_t *w = api_list_begin(r);
    for (size_t i = 0; i < n; i++) inspector_write_json(w, &items[i], &l, today);
    api_list_end(w, total);
    return NULL;
}

err_t *api_inspectors_get(api_req_t *r) {
    int64_t id;
    inspector_t ins;
    assign_limits_t l;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = inspector_svc_get(r->svc, r->a, &r->who, id, &ins, &l);
    if (e) return e;
    char today[16];
    time_today_cn(today, sizeof today);
    r->out = inspector_to_json(&ins, &l, today);
    json_t *hist, *relations;
    if ((e = assignment_svc_history(r->svc, r->a, &r->who, 0, id, &hist))) return e;
    json_object_set_new(r->out, "assignments", hist);
    if ((e = inspector_svc_relations(r->svc, r->a, &r->who, id, &relations))) return e;
    json_object_set_new(r->out, "relations", relations);
    return NULL;
}

err_t *api_inspectors_create(api_req_t *r) {
    inspector_t in = {.n_terms = 1, .status = "active"}, out;
    err_t *e = api_inspector_from_body(r, &in);
    if (!e) e = inspector_svc_create(r->svc, r->a, &r->who, &in, &out);
    if (!e) r->out = inspector_to_json(&out, NULL, NULL);
    return e;
}

err_t *api_inspectors_update(api_req_t *r) {
    int64_t id;
    inspector_t cur, out;
    assign_limits_t l;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = inspector_svc_get(r->svc, r->a, &r->who, id, &cur, &l);
    if (!e) e = api_inspector_from_body(r, &cur);
    if (!e) e = inspector_svc_update(r->svc, r->a, &r->who, id, &cur, &out);
    if (!e) r->out = inspector_to_json(&out, NULL, NULL);
    return e;
}

err_t *api_inspectors_add_relation(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (e) return e;
    json_t *school = json_object_get(r->body, "school_id");
    return inspector_svc_add_relation(r->svc, r->a, &r->who, id, json_integer_value(school), api_body_str(r, "kind"),
                                      api_body_str(r, "note"));
}

static json_t *api_reasons(const assign_result_t *res) {
    static const char *verdicts[] = {"ok", "warn", "refuse"};
    json_t *arr = json_array();
    for (size_t i = 0; i < res->n_reasons; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "code", res->reasons[i].code, "message",
                                             res->reasons[i].message, "is_blocking", res->reasons[i].is_blocking));
    return json_pack("{s:s, s:o}", "verdict", verdicts[res->verdict], "reasons", arr);
}

static const char *api_role(api_req_t *r) {
    const char *role = api_body_str(r, "role");
    return role ? role : "lead";
}

err_t *api_assignments_check(api_req_t *r) {
    assign_result_t res;
    err_t *e = assignment_svc_check(r->svc, r->a, &r->who, json_integer_value(json_object_get(r->body, "inspector_id")),
                                    json_integer_value(json_object_get(r->body, "school_id")), api_role(r), &res);
    if (!e) r->out = api_reasons(&res);
    return e;
}

err_t *api_assignments_create(api_req_t *r) {
    assign_result_t res;
    assignment_t x;
    err_t *e = assignment_svc_create(r->svc, r->a, &r->who,
                                     json_integer_value(json_object_get(r->body, "inspector_id")),
                                     json_integer_value(json_object_get(r->body, "school_id")), api_role(r),
                                     api_body_str(r, "starts_on"), &x, &res);
    if (e) return e;
    r->out = assignment_to_json(&x);
    json_t *check = api_reasons(&res);
    json_object_set(r->out, "verdict", json_object_get(check, "verdict"));
    json_object_set(r->out, "warnings", json_object_get(check, "reasons"));
    json_decref(check);
    return NULL;
}

err_t *api_assignments_end(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : assignment_svc_end(r->svc, r->a, &r->who, id, api_body_str(r, "reason"));
}

err_t *api_coverage(api_req_t *r) {
    return coverage_svc(r->svc, r->a, &r->who, &r->out);
}

err_t *api_inspectors_set_photo(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : inspector_svc_set_photo(r->svc, r->a, &r->who, id, r->raw_body, r->n_raw_body);
}

err_t *api_inspectors_photo(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    const char *data, *type;
    size_t n;
    if (!e) e = inspector_svc_photo(r->svc, r->a, &r->who, id, &data, &n, &type);
    if (e) return e;
    r->out_raw = data;
    r->n_out_raw = n;
    r->content_type = type;
    return NULL;
}

static json_t *limits_json(const char *region_code, const assign_limits_t *l) {
    return json_pack("{s:s, s:{s:i, s:i, s:i, s:i, s:i}}", "region_code", region_code, "settings", "assign.warn_above",
                     l->warn_above, "assign.hard_limit", l->hard_limit, "assign.central_min", l->central_min,
                     "zone.max_schools", l->zone_max, "training.hours", l->training_hours);
}

err_t *api_settings_get(api_req_t *r) {
    const char *code = api_query(r, "region_code");
    assign_limits_t l;
    err_t *e = settings_svc_get(r->svc, r->a, &r->who, code, &l);
    if (!e) r->out = limits_json(code ? code : r->who.region_code, &l);
    return e;
}

err_t *api_settings_set(api_req_t *r) {
    const char *code = api_body_str(r, "region_code");
    err_t *e = settings_svc_set(r->svc, r->a, &r->who, code, api_body_str(r, "name"),
                                json_integer_value(json_object_get(r->body, "value")));
    assign_limits_t l;
    if (!e) e = settings_svc_get(r->svc, r->a, &r->who, code, &l);
    if (!e) r->out = limits_json(code, &l);
    return e;
}
