/* 突发事件: thin handlers (decode, one svc call, encode). */
#include "api/incidents/handlers_incidents.h"
#include "svc/incidents/incident_svc.h"

err_t *api_incidents_list(api_req_t *r) {
    return incident_svc_list(r->svc, r->a, &r->who, api_query(r, "state"), &r->out);
}

err_t *api_incidents_report(api_req_t *r) {
    json_t *j = json_object_get(r->body, "school_id");
    incident_input_t in = {.school_id = json_is_integer(j) ? json_integer_value(j) : 0,
                           .title = api_body_str(r, "title"),
                           .description = api_body_str(r, "description"),
                           .category = api_body_str(r, "category"),
                           .severity = api_body_str(r, "severity"),
                           .told = api_body_str(r, "told")};
    if ((j = json_object_get(r->body, "occurred_at"))) {
        if (!json_is_integer(j) || json_integer_value(j) <= 0)
            return err_new(r->a, ERR_INVALID, "occurred_at", "发生时间应为 UTC 秒数",
                           "occurred_at: epoch seconds (UTC)");
        in.occurred_at = json_integer_value(j);
    }
    json_t *ids = json_object_get(r->body, "attachment_ids");
    size_t n = json_is_array(ids) ? json_array_size(ids) : 0;
    int64_t *v = arena_alloc(r->a, (n + 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(ids, i);
        if (!json_is_integer(x) || json_integer_value(x) <= 0)
            return err_new(r->a, ERR_INVALID, "attachment_ids", "附件编号应为整数", "attachment ids are integers");
        v[i] = json_integer_value(x);
    }
    in.attachment_ids = v;
    in.n_attachments = n;
    err_t *e = incident_svc_report(r->svc, r->a, &r->who, &in, &r->out);
    if (!e) r->status = 201;
    return e;
}

err_t *api_incidents_get(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : incident_svc_get(r->svc, r->a, &r->who, id, &r->out);
}

static err_t *act(api_req_t *r, incident_action_t a) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : incident_svc_act(r->svc, r->a, &r->who, id, a, api_body_str(r, "note"), &r->out);
}

err_t *api_incidents_handle(api_req_t *r) {
    return act(r, IA_HANDLE);
}
err_t *api_incidents_close(api_req_t *r) {
    return act(r, IA_CLOSE);
}
err_t *api_incidents_to_finding(api_req_t *r) {
    return act(r, IA_TO_FINDING);
}
