#include "api/handlers.h"
#include "svc/region_svc.h"

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

