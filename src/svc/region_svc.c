#include "svc/region_svc.h"

err_t *region_svc_list(svc_t *s, arena_t *a, const actor_t *who, region_t **out, size_t *n_out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : region_store_list(db, a, who->region_path, out, n_out);
}

err_t *school_svc_list(svc_t *s, arena_t *a, const actor_t *who, const school_filter_t *f, school_t **out,
                       size_t *n_out, int64_t *total) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    if (f->region_code) {
        region_t r;
        if ((e = region_store_get(db, a, who->region_path, f->region_code, &r))) return e;
    }
    if (who->role == ROLE_SCHOOL) {
        school_t *one = arena_alloc(a, sizeof *one);
        e = school_store_get(db, a, who->region_path, who->school_id, one);
        *out = one;
        *n_out = e ? 0 : 1;
        *total = (int64_t)*n_out;
        return e && e->code == ERR_NOT_FOUND ? NULL : e;
    }
    return school_store_list(db, a, who->region_path, f, out, n_out, total);
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
