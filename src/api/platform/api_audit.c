#include "api/handlers.h"
#include "svc/platform/audit_svc.h"

err_t *api_audit_list(api_req_t *r) {
    audit_filter_t f = {
        .actor = api_query(r, "actor"),
        .action = api_query(r, "action"),
        .entity = api_query(r, "entity"),
        .entity_id = api_query(r, "entity_id"),
    };
    api_page(r, &f.limit, &f.offset);
    f.from = api_query_day(r, "from", 0);
    f.to = api_query_day(r, "to", 86400);
    err_t *e;
    audit_row_t *items;
    size_t n;
    int64_t total;
    if ((e = audit_svc_list(r->svc, r->a, &r->who, &f, &items, &n, &total))) return e;
    r->out = api_list(API_JSON_ARRAY(items, n, audit_row_to_json), total);
    return NULL;
}

err_t *api_audit_verify(api_req_t *r) {
    int64_t n_checked, broken_id;
    err_t *e = audit_svc_verify(r->svc, r->a, &n_checked, &broken_id);
    if (e) return e;
    r->out = json_object();
    json_object_set_new(r->out, "ok", json_boolean(broken_id == 0));
    json_object_set_new(r->out, "checked", json_integer(n_checked));
    if (broken_id) json_object_set_new(r->out, "broken_id", json_integer(broken_id));
    return NULL;
}

err_t *api_audit_checkpoints(api_req_t *r) {
    return audit_svc_checkpoints_export(r->svc, r->a, &r->out);
}
