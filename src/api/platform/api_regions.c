#include "api/handlers.h"
#include "svc/platform/region_svc.h"

err_t *api_regions_list(api_req_t *r) {
    region_t *items;
    size_t n;
    err_t *e = region_svc_list(r->svc, r->a, &r->who, &items, &n);
    if (e) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = json_object();
        json_object_set_new(j, "code", json_string(items[i].code));
        json_object_set_new(j, "name", json_string(items[i].name));
        json_object_set_new(j, "level", json_string(items[i].level));
        json_object_set_new(j, "parent_code", items[i].parent_code ? json_string(items[i].parent_code) : json_null());
        json_array_append_new(arr, j);
    }
    r->out = api_list(arr, (int64_t)n);
    return NULL;
}


err_t *api_regions_create(api_req_t *r) {
    const char *code = api_body_str(r, "code");
    err_t *e = region_svc_add(r->svc, r->a, &r->who, code, api_body_str(r, "name"), api_body_str(r, "level"),
                              api_body_str(r, "parent_code"));
    if (e) return e;
    r->out = json_pack("{s:s, s:s, s:s, s:s}", "code", code, "name", api_body_str(r, "name"), "level",
                       api_body_str(r, "level"), "parent_code", api_body_str(r, "parent_code"));
    return NULL;
}

err_t *api_regions_update(api_req_t *r) {
    const char *code = r->n_path_params ? r->path_params[0] : "";
    err_t *e = region_svc_rename(r->svc, r->a, &r->who, code, api_body_str(r, "name"));
    if (e) return e;
    r->out = json_pack("{s:s, s:s}", "code", code, "name", api_body_str(r, "name"));
    return NULL;
}
