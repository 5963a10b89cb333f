/* The platform and roster part of the demo: demo/regions.json, then demo/zones.csv,
 * schools.csv, inspectors.csv and assignments.csv through the import a user's spreadsheet
 * takes, then demo/accounts.json (one account per role, the inspector account tied to its
 * 督学, the declared 回避 relations). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "svc/demo/demo_data.h"
#include "svc/demo/demo_svc.h"
#include "svc/platform/region_svc.h"
#include "svc/platform/user_svc.h"
#include "svc/roster/import_svc.h"
#include "svc/roster/roster_svc.h"

static err_t *demo_import(svc_t *s, arena_t *a, import_kind_t kind, const char *name) {
    const char *path;
    err_t *e = demo_temp_file(a, name, &path);
    if (e) return e;
    import_result_t res;
    e = import_svc_run(s, a, &demo_system, kind, path, &res);
    unlink(path);
    return e ? e : demo_import_errors(a, name, &res);
}

static err_t *demo_regions(svc_t *s, arena_t *a) {
    json_t *doc, *r;
    size_t i;
    err_t *e = demo_json(a, "regions.json", &doc);
    json_array_foreach(json_object_get(doc, "regions"), i, r) {
        if (e) break;
        e = region_svc_add_system(s, a, demo_str(r, "code"), demo_str(r, "name"), demo_str(r, "level"),
                                  demo_str(r, "parent"));
    }
    json_decref(doc);
    return e;
}

static err_t *demo_user(svc_t *s, arena_t *a, const json_t *u) {
    const char *cert = demo_str(u, "inspector"), *school = demo_str(u, "school");
    int64_t inspector_id = 0, school_id = 0;
    inspector_t ins;
    assign_limits_t l;
    err_t *e = cert ? demo_inspector_id(s, a, cert, &inspector_id) : NULL;
    if (!e && cert) e = inspector_svc_get(s, a, &demo_system, inspector_id, &ins, &l);
    if (!e && school) e = demo_school_id(s, a, school, &school_id, NULL);
    if (e) return e;
    const char *shown = demo_str(u, "display_name");
    user_input_t in = {.username = demo_str(u, "username"),
                       .display_name = shown ? shown : arena_printf(a, "%s（督学）", ins.name),
                       .role = demo_str(u, "role"),
                       .region_code = demo_str(u, "region"),
                       .has_school_id = true,
                       .school_id = school_id,
                       .password = DEMO_PASSWORD};
    user_t out;
    if ((e = user_svc_create_system(s, a, &in, &out)) || !cert) return e;
    ins.user_id = out.id;
    inspector_t updated;
    return inspector_svc_update(s, a, &demo_system, ins.id, &ins, &updated);
}

static err_t *demo_accounts(svc_t *s, arena_t *a) {
    json_t *doc, *x;
    size_t i;
    err_t *e = demo_json(a, "accounts.json", &doc);
    json_array_foreach(json_object_get(doc, "users"), i, x) {
        if (!e) e = demo_user(s, a, x);
    }
    json_array_foreach(json_object_get(doc, "relations"), i, x) {
        int64_t inspector_id = 0, school_id = 0;
        if (!e) e = demo_inspector_id(s, a, demo_str(x, "inspector"), &inspector_id);
        if (!e) e = demo_school_id(s, a, demo_str(x, "school"), &school_id, NULL);
        if (!e)
            e = inspector_svc_add_relation(s, a, &demo_system, inspector_id, school_id, demo_str(x, "kind"),
                                           demo_str(x, "note"));
    }
    json_decref(doc);
    return e;
}

err_t *demo_roster_load(svc_t *s, arena_t *a) {
    err_t *e = demo_regions(s, a);
    if (!e) e = demo_import(s, a, IMPORT_ZONES, "zones.csv");
    if (!e) e = demo_import(s, a, IMPORT_SCHOOLS, "schools.csv");
    if (!e) e = demo_import(s, a, IMPORT_INSPECTORS, "inspectors.csv");
    if (!e) e = demo_import(s, a, IMPORT_ASSIGNMENTS, "assignments.csv");
    if (!e) e = demo_accounts(s, a);
    return e;
}
