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

err_t *api_schools_list(api_req_t *r) {
    school_filter_t f = {.q = api_query(r, "q"), .region_code = api_query(r, "region_code")};
    err_t *e = api_paging(r, &f.limit, &f.offset);
    if (e) return e;
    school_t *items;
    size_t n;
    int64_t total;
    if ((e = school_svc_list(r->svc, r->a, &r->who, &f, &items, &n, &total))) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = json_object();
        json_object_set_new(j, "id", json_integer(items[i].id));
        json_object_set_new(j, "code", json_string(items[i].code));
        json_object_set_new(j, "name", json_string(items[i].name));
        json_object_set_new(j, "region_code", json_string(items[i].region_code));
        json_array_append_new(arr, j);
    }
    r->out = api_list(arr, total);
    return NULL;
}
