#include "svc/platform/audit_svc.h"

#include <stdlib.h>

#include "util/timeutil.h"

/* before/after are stored as JSON text; they go out as JSON values. */
static json_t *json_parsed_or_null(const char *s) {
    if (!s) return json_null();
    json_t *j = json_loads(s, 0, NULL);
    return j ? j : json_string(s);
}

json_t *audit_row_to_json(const audit_row_t *r) {
    char at[32];
    time_format_iso(r->at, at, sizeof at);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(r->id));
    json_object_set_new(j, "at", json_string(at));
    json_object_set_new(j, "actor_id", r->actor_id ? json_integer(strtoll(r->actor_id, NULL, 10)) : json_null());
    json_object_set_new(j, "actor_name", svc_jstr(r->actor_name));
    json_object_set_new(j, "action", svc_jstr(r->action));
    json_object_set_new(j, "entity", svc_jstr(r->entity));
    json_object_set_new(j, "entity_id", svc_jstr(r->entity_id));
    json_object_set_new(j, "region_code", svc_jstr(r->region_code));
    json_object_set_new(j, "before", json_parsed_or_null(r->before_json));
    json_object_set_new(j, "after", json_parsed_or_null(r->after_json));
    json_object_set_new(j, "ip", svc_jstr(r->ip));
    json_object_set_new(j, "prev_hash", svc_jstr(r->prev_hash));
    json_object_set_new(j, "hash", svc_jstr(r->hash));
    return j;
}

err_t *audit_svc_list(svc_t *s, arena_t *a, const actor_t *who, const audit_filter_t *f, audit_row_t **out,
                      size_t *n_out, int64_t *total) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : audit_store_list(db, a, who->region_path, f, out, n_out, total);
}

err_t *audit_svc_verify(svc_t *s, arena_t *a, int64_t *n_checked, int64_t *broken_id) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : audit_store_verify(db, a, n_checked, broken_id);
}
