/* /api/v1/attachments: file uploads (the body is the file) and downloads. */
#include <errno.h>
#include <stdlib.h>

#include "api/handlers.h"
#include "svc/platform/attachment_svc.h"

static err_t *query_double(api_req_t *r, const char *name, bool *has, double *out) {
    const char *v = api_query(r, name);
    *has = v && *v;
    if (!*has) return NULL;
    char *end;
    errno = 0;
    *out = strtod(v, &end);
    if (errno || *end || end == v)
        return err_newf(r->a, ERR_INVALID, name, "参数 %s 应为数字", "parameter %s must be a number", name);
    return NULL;
}

err_t *api_attachments_upload(api_req_t *r) {
    attachment_in_t in = {.owner_kind = api_query(r, "owner_kind"),
                          .region_code = api_query(r, "region_code"),
                          .name = api_query(r, "name"),
                          .data = r->raw_body,
                          .n = r->n_raw_body};
    bool has_lat = false, has_lng = false;
    err_t *e = api_query_int(r, "school_id", 0, 1, INT64_MAX, &in.school_id);
    if (!e) e = api_query_int(r, "owner_id", 0, 1, INT64_MAX, &in.owner_id);
    if (!e) e = api_query_int(r, "taken_at", 0, 0, INT64_MAX, &in.taken_at);
    if (!e) e = query_double(r, "lat", &has_lat, &in.lat);
    if (!e) e = query_double(r, "lng", &has_lng, &in.lng);
    if (!e && has_lat != has_lng)
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
    int64_t owner_id;
    const char *kind = api_query(r, "owner_kind");
    err_t *e = api_query_int(r, "owner_id", 0, 1, INT64_MAX, &owner_id);
    if (!e && !kind) e = err_new(r->a, ERR_INVALID, "owner_kind", "缺少 owner_kind", "owner_kind is required");
    if (!e && !owner_id) e = err_new(r->a, ERR_INVALID, "owner_id", "缺少 owner_id", "owner_id is required");
    json_t *items = NULL;
    if (!e) e = attachment_svc_list(r->svc, r->a, &r->who, kind, owner_id, &items);
    if (!e) r->out = api_list(items, (int64_t)json_array_size(items));
    return e;
}
