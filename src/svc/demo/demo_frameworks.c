/* The 指标体系 part of the demo (demo/frameworks.json): a county's copy of a built-in
 * framework with its own items and grade bands, published, then a new draft opened. */
#include "store/frameworks/framework_store.h"
#include "store/platform/region_store.h"
#include "svc/demo/demo_data.h"
#include "svc/frameworks/framework_svc.h"

static err_t *demo_copy(svc_t *s, arena_t *a, const json_t *c) {
    actor_t office = {.username = "system", .role = ROLE_ADMIN, .region_code = demo_str(c, "jurisdiction")};
    db_t *db;
    region_t r;
    framework_version_row_t from;
    bool found = false;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = region_store_get(db, a, "/", office.region_code, &r);
    if (!e) e = framework_store_current_version(db, a, demo_str(c, "from"), "/", &from, &found);
    if (e || !found) return e; /* without standards/ there is nothing to copy */
    office.region_path = r.path;
    int64_t fid, vid;
    if ((e = framework_svc_copy(s, a, &office, from.id, demo_str(c, "code"), demo_str(c, "name"), &fid, &vid)))
        return e;
    framework_version_row_t v;
    json_t *doc, *x;
    const char *key;
    size_t i;
    if ((e = framework_svc_get_version(s, a, &office, vid, &v, &doc))) return e;
    json_object_foreach(json_object_get(c, "set"), key, x) json_object_set(doc, key, x);
    json_array_foreach(json_object_get(c, "add_indicators"), i, x)
        json_array_append(json_object_get(doc, "indicators"), x);
    framework_issues_t is;
    e = framework_svc_update_draft(s, a, &office, vid, doc, NULL, &is);
    json_decref(doc);
    if (!e && json_is_true(json_object_get(c, "publish"))) e = framework_svc_publish(s, a, &office, vid);
    int64_t v2;
    if (!e && json_is_true(json_object_get(c, "new_draft"))) e = framework_svc_new_draft(s, a, &office, fid, 0, &v2);
    return e;
}

err_t *demo_frameworks_load(svc_t *s, arena_t *a) {
    json_t *doc, *c;
    size_t i;
    err_t *e = demo_json(a, "frameworks.json", &doc);
    json_array_foreach(json_object_get(doc, "copies"), i, c) {
        if (!e) e = demo_copy(s, a, c);
    }
    json_decref(doc);
    return e;
}
