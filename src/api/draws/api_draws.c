/* 双随机一公开: thin handlers (decode, one svc call, encode). */
#include "api/draws/handlers_draws.h"
#include "svc/draws/draws_svc.h"

static bool has(api_req_t *r, const char *name) {
    json_t *v = json_object_get(r->body, name);
    return v && !json_is_null(v);
}

err_t *api_draws_list(api_req_t *r) {
    return draws_svc_list(r->svc, r->a, &r->who, &r->out);
}

err_t *api_draws_create(api_req_t *r) {
    draws_plan_input_t in = {.region_code = api_body_str(r, "region_code"),
                             .title = api_body_str(r, "title"),
                             .kind = api_body_str(r, "kind"),
                             .items = json_object_get(r->body, "items"),
                             .school_ids = json_object_get(r->body, "school_ids"),
                             .unit_ids = json_object_get(r->body, "unit_ids"),
                             .inspector_ids = json_object_get(r->body, "inspector_ids"),
                             .n_targets = api_body_int(r, "n_targets"),
                             .share_percent = api_body_int(r, "share_percent"),
                             .inspectors_per_school = api_body_int(r, "inspectors_per_school"),
                             .is_weighted = api_body_bool(r, "weighted", 0),
                             .exclude_own = api_body_bool(r, "exclude_own", -1),
                             .strata = json_object_get(r->body, "strata"),
                             .has_share = has(r, "share_percent"),
                             .has_n = has(r, "n_targets")};
    err_t *e = draws_svc_create(r->svc, r->a, &r->who, &in, &r->out);
    if (!e) r->status = 201;
    return e;
}

err_t *api_draws_get(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : draws_svc_get(r->svc, r->a, &r->who, id, &r->out);
}

err_t *api_draws_commit(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : draws_svc_commit(r->svc, r->a, &r->who, id, api_body_str(r, "seed_hash"), &r->out);
}

err_t *api_draws_reveal(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : draws_svc_reveal(r->svc, r->a, &r->who, id, api_body_str(r, "seed"), &r->out);
}

err_t *api_draws_replace(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e
             : draws_svc_replace(r->svc, r->a, &r->who, id, api_body_str(r, "kind"), api_body_int(r, "school_id"),
                                 api_body_int(r, "old_id"), api_body_int(r, "new_id"), api_body_str(r, "reason"),
                                 &r->out);
}

err_t *api_draws_risk(api_req_t *r) {
    return draws_svc_risk(r->svc, r->a, &r->who, api_query(r, "region_code"), &r->out);
}

err_t *api_public_draws(api_req_t *r) {
    return draws_svc_public_list(r->svc, r->a, &r->out);
}

err_t *api_public_draw(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : draws_svc_public_get(r->svc, r->a, id, &r->out);
}

err_t *api_draws_followup_candidates(api_req_t *r) {
    return draws_svc_followup_candidates(r->svc, r->a, &r->who, api_query(r, "region_code"),
                                         api_query(r, "closed_from"), api_query(r, "closed_to"),
                                         api_query(r, "severity"), &r->out);
}

err_t *api_draws_followup_tasks(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (e) return e;
    json_t *ids = json_object_get(r->body, "inspector_ids");
    size_t n = json_array_size(ids);
    int64_t *v = arena_alloc(r->a, (n + 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(ids, i);
        if (!json_is_integer(x) || json_integer_value(x) <= 0)
            return err_new(r->a, ERR_INVALID, "inspector_ids", "inspector_ids 应为督学 id 的数组",
                           "inspector_ids must be an array of inspector ids");
        v[i] = json_integer_value(x);
    }
    return draws_svc_followup_tasks(r->svc, r->a, &r->who, id, v, n, api_body_str(r, "starts_on"),
                                    api_body_str(r, "due_on"), &r->out);
}

err_t *api_draws_recheck(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e
             : draws_svc_recheck(r->svc, r->a, &r->who, id, api_body_int(r, "finding_id"), api_body_str(r, "outcome"),
                                 api_body_str(r, "note"), &r->out);
}

err_t *api_draws_settings(api_req_t *r) {
    return draws_svc_settings(r->svc, r->a, &r->who, api_query(r, "region_code"), &r->out);
}

err_t *api_draws_setting_put(api_req_t *r) {
    const char *region = api_body_str(r, "region_code");
    err_t *e = draws_svc_setting_put(r->svc, r->a, &r->who, region, api_body_str(r, "name"), api_body_int(r, "value"));
    return e ? e : draws_svc_settings(r->svc, r->a, &r->who, region, &r->out);
}
