#include "svc/platform/region_svc.h"

#include <string.h>

#include "core/roster/codes.h"

err_t *region_svc_list(svc_t *s, arena_t *a, const actor_t *who, region_t **out, size_t *n_out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : region_store_list(db, a, who->region_path, out, n_out);
}

/* Adds a region below parent (inside the caller's scope; NULL parent only for the system). */
static err_t *region_add(svc_t *s, arena_t *a, const actor_t *who, const char *code, const char *name,
                         const char *level, const char *parent) {
    const char *problem = codes_region_problem(code, level, parent);
    if (problem) return err_new_raw(a, ERR_INVALID, "code", problem);
    if (!name || !*name || strlen(name) > 100)
        return err_new(a, ERR_INVALID, "name", "名称不能为空", "the name is required");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    region_t p;
    if (parent && (e = region_store_get(db, a, who ? who->region_path : "/", parent, &p))) {
        e->field = "parent_code";
        return svc_end(db, a, e);
    }
    if (!parent && who)
        e = err_new(a, ERR_FORBIDDEN, "parent_code", "只能在权限范围内添加下级区划", "regions are added below your scope");
    if (!e) e = region_store_insert(db, a, code, name, level, parent);
    if (e && e->code == ERR_CONFLICT)
        e = err_newf(a, ERR_CONFLICT, "code", "区划代码 %s 已存在", "region code %s already exists", code, code);
    if (!e) {
        json_t *after =
            json_pack("{s:s, s:s, s:s, s:s?}", "code", code, "name", name, "level", level, "parent_code", parent);
        e = svc_audit(db, a, who, "create", "region", code, code, NULL, after);
        json_decref(after);
    }
    return svc_end(db, a, e);
}

err_t *region_svc_add_system(svc_t *s, arena_t *a, const char *code, const char *name, const char *level,
                             const char *parent) {
    return region_add(s, a, NULL, code, name, level, parent);
}

err_t *region_svc_add(svc_t *s, arena_t *a, const actor_t *who, const char *code, const char *name, const char *level,
                      const char *parent) {
    return region_add(s, a, who, code, name, level, parent ? parent : "");
}

err_t *region_svc_rename(svc_t *s, arena_t *a, const actor_t *who, const char *code, const char *name) {
    if (!name || !*name || strlen(name) > 100)
        return err_new(a, ERR_INVALID, "name", "名称不能为空", "the name is required");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    region_t r;
    if (!(e = region_store_get(db, a, who->region_path, code, &r)) &&
        !(e = region_store_rename(db, a, code, name))) {
        json_t *before = json_pack("{s:s}", "name", r.name), *after = json_pack("{s:s}", "name", name);
        e = svc_audit(db, a, who, "update", "region", code, code, before, after);
        json_decref(before);
        json_decref(after);
    }
    return svc_end(db, a, e);
}
