/* /api/v1/attachments: file uploads (the body is the file) and downloads. */
#include "api/handlers.h"
#include "svc/platform/attachment_svc.h"

err_t *api_attachments_upload(api_req_t *r) {
    attachment_in_t in = {.owner_kind = api_query(r, "owner_kind"),
                          .region_code = api_query(r, "region_code"),
                          .name = api_query(r, "name"),
                          .data = r->raw_body,
                          .n = r->n_raw_body};
    in.school_id = api_query_i64(r, "school_id", 0);
    in.owner_id = api_query_i64(r, "owner_id", 0);
    in.taken_at = api_query_i64(r, "taken_at", 0);
    bool has_lat = api_query_number(r, "lat", &in.lat), has_lng = api_query_number(r, "lng", &in.lng);
    err_t *e = NULL;
    if (has_lat != has_lng)
        e = err_new(r->a, ERR_INVALID, has_lat ? "lng" : "lat", "经度和纬度须同时提供",
                    "latitude and longitude go together");
    in.has_position = has_lat && has_lng;
    if (!in.owner_kind) in.owner_kind = "other";
    attachment_t out;
    if (!e) e = attachment_svc_put(r->svc, r->a, &r->who, &in, &out);
    if (!e) r->out = attachment_to_json(&out);
    return e;
}

err_t *api_attachments_get(api_req_t *r) {
    int64_t id;
    attachment_t meta;
    const char *data;
    size_t n;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = attachment_svc_get(r->svc, r->a, &r->who, id, &meta, &data, &n);
    if (e) return e;
    r->out_raw = data;
    r->n_out_raw = n;
    r->content_type = meta.mime;
    r->filename = meta.name;
    r->is_inline = api_query(r, "download") == NULL;
    return NULL;
}

err_t *api_attachments_list(api_req_t *r) {
    json_t *items = NULL;
    err_t *e = attachment_svc_list(r->svc, r->a, &r->who, api_query(r, "owner_kind"),
                                   api_query_i64(r, "owner_id", 0), &items);
    if (!e) r->out = api_list(items, (int64_t)json_array_size(items));
    return e;
}
