#include "api/handlers.h"
#include "svc/platform/user_svc.h"

err_t *api_users_list(api_req_t *r) {
    user_filter_t f = {
        .q = api_query(r, "q"),
        .role = api_query(r, "role"),
        .region_code = api_query(r, "region_code"),
        .sort = api_query(r, "sort"),
        .is_disabled = -1,
    };
    f.is_disabled = api_query_flag(r, "is_disabled", -1);
    api_page(r, &f.limit, &f.offset);
    err_t *e;
    user_t *items;
    size_t n;
    int64_t total;
    if ((e = user_svc_list(r->svc, r->a, &r->who, &f, &items, &n, &total))) return e;
    jw_t *w = api_list_begin(r);
    for (size_t i = 0; i < n; i++)
        user_write_json(w, &items[i]);
    api_list_end(w, total);
    return NULL;
}

/* The body of a create or a PATCH, as the svc layer takes it. */
static user_input_t api_user_input(api_req_t *r) {
    json_t *school = json_object_get(r->body, "school_id");
    json_t *dis = json_object_get(r->body, "is_disabled");
    user_input_t in = {
        .username = api_body_str(r, "username"),
        .display_name = api_body_str(r, "display_name"),
        .role = api_body_str(r, "role"),
        .region_code = api_body_str(r, "region_code"),
        .has_school_id = school != NULL,
        .school_id = json_is_integer(school) ? json_integer_value(school) : 0,
        .has_unit_id = api_body_has(r, "unit_id"),
        .unit_id = api_body_int(r, "unit_id"),
        .has_org_id = api_body_has(r, "org_id"),
        .org_id = api_body_int(r, "org_id"),
        .has_expires_on = api_body_has(r, "expires_on"),
        .expires_on = api_body_str(r, "expires_on"),
        .has_phone = api_body_has(r, "phone"),
        .phone = api_body_str(r, "phone"),
        .is_disabled = dis ? json_is_true(dis) : -1,
        .password = api_body_str(r, "password"),
    };
    return in;
}

err_t *api_users_create(api_req_t *r) {
    user_input_t in = api_user_input(r);
    user_t u;
    err_t *e = user_svc_create(r->svc, r->a, &r->who, &in, &u);
    if (!e) r->out = user_to_json(&u);
    return e;
}

err_t *api_users_get(api_req_t *r) {
    int64_t id;
    user_t u;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = user_svc_get(r->svc, r->a, &r->who, id, &u);
    if (!e) r->out = user_to_json(&u);
    return e;
}

err_t *api_users_update(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (e) return e;
    user_input_t in = api_user_input(r);
    user_t u;
    if (!(e = user_svc_update(r->svc, r->a, &r->who, id, &in, &u))) r->out = user_to_json(&u);
    return e;
}

err_t *api_users_reset_password(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : user_svc_reset_password(r->svc, r->a, &r->who, id, api_body_str(r, "password"));
}

err_t *api_users_unlock(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : user_svc_unlock(r->svc, r->a, &r->who, id);
}
