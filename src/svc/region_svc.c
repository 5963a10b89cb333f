#include "svc/region_svc.h"

err_t *region_svc_list(svc_t *s, arena_t *a, const actor_t *who, region_t **out, size_t *n_out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : region_store_list(db, a, who->region_path, out, n_out);
}

err_t *region_svc_add_system(svc_t *s, arena_t *a, const char *code, const char *name, const char *level,
                             const char *parent) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    e = region_store_insert(db, a, code, name, level, parent);
    if (!e) {
        json_t *after =
            json_pack("{s:s, s:s, s:s, s:s?}", "code", code, "name", name, "level", level, "parent_code", parent);
        e = svc_audit(db, a, NULL, "create", "region", code, code, NULL, after);
        json_decref(after);
    }
    return svc_end(db, a, e);
}
