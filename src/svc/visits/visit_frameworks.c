/* An office's routine checklists (see visit_frameworks.h). */
#include "svc/visits/visit_frameworks.h"

#include <string.h>

#include "store/platform/setting_store.h"
#include "store/visits/visit_framework_store.h"
#include "svc/frameworks/checklist.h"

/* The current published version of code usable in the scope of region_path. */
static err_t *usable_version(db_t *db, arena_t *a, const char *code, const char *region_path, const char *field,
                             int64_t *id) {
    err_t *e = checklist_current_version(db, a, code, id);
    bool ok = false;
    if (!e) e = checklist_version_usable(db, a, *id, region_path, &ok);
    if (e && e->code != ERR_NOT_FOUND) return e;
    if (e || !ok)
        return err_newf(a, ERR_INVALID, field, "指标体系 %s 不存在、未发布或不可用",
                        "framework %s is not published or not usable here", code, code);
    return NULL;
}

err_t *visit_fw_routine_version_tx(db_t *db, arena_t *a, const char *region_code, int64_t *version_id,
                                   const char **code) {
    const char *c;
    err_t *e = visit_fw_store_setting(db, a, region_code, VISIT_SETTING_ROUTINE_FW, &c);
    if (e) return e;
    if (c && !checklist_current_version(db, a, c, version_id)) {
        *code = c;
        return NULL;
    }
    *code = CHECKLIST_ROUTINE_CODE; /* unset, or its framework withdrawn: the national list */
    return checklist_current_version(db, a, CHECKLIST_ROUTINE_CODE, version_id);
}

err_t *visit_fw_routine_extra_tx(db_t *db, arena_t *a, const char *region_code, int64_t primary_version_id,
                                 int64_t *version_id) {
    const char *c;
    *version_id = 0;
    err_t *e = visit_fw_store_setting(db, a, region_code, VISIT_SETTING_ROUTINE_EXTRA, &c);
    if (e || !c) return e;
    int64_t id = 0;
    if (checklist_current_version(db, a, c, &id)) return NULL; /* withdrawn since: none */
    if (id != primary_version_id) *version_id = id;
    return NULL;
}

static json_t *version_json(db_t *db, arena_t *a, int64_t id, const char *code) {
    if (!id) return json_null();
    checklist_t c = {0};
    json_t *j;
    if (checklist_load(db, a, id, NULL, NULL, 0, &c))
        j = json_pack("{s:s, s:I}", "code", code, "version_id", (json_int_t)id);
    else
        j = json_pack("{s:s, s:I, s:s, s:I}", "code", c.code, "version_id", (json_int_t)id, "name",
                      c.name ? c.name : "", "version", (json_int_t)c.version);
    checklist_release(&c);
    return j;
}

static err_t *routine_json(db_t *db, arena_t *a, const char *region_code, json_t **out) {
    int64_t fv = 0, xv = 0;
    const char *code = NULL, *xcode = NULL;
    err_t *e = visit_fw_routine_version_tx(db, a, region_code, &fv, &code);
    if (!e) e = visit_fw_store_setting(db, a, region_code, VISIT_SETTING_ROUTINE_EXTRA, &xcode);
    if (!e) e = visit_fw_routine_extra_tx(db, a, region_code, fv, &xv);
    if (e) return e;
    *out = json_pack("{s:s, s:o, s:o}", "region_code", region_code, "framework", version_json(db, a, fv, code), "extra",
                     version_json(db, a, xv, xcode ? xcode : ""));
    return NULL;
}

err_t *visit_fw_routine_get(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, json_t **out) {
    db_t *db;
    const char *rc = region_code && *region_code ? region_code : who->region_code;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = svc_region_filter(db, a, who, rc);
    return e ? e : routine_json(db, a, rc, out);
}

err_t *visit_fw_routine_set(svc_t *s, arena_t *a, const actor_t *who, const char *region_code,
                            const char *framework_code, const char *extra_code, json_t **out) {
    const char *rc = region_code && *region_code ? region_code : who->region_code;
    if (!framework_code && !extra_code)
        return err_new(a, ERR_INVALID, "framework_code", "请给出 framework_code 或 extra_code",
                       "give framework_code or extra_code");
    if (framework_code && !*framework_code)
        return err_new(a, ERR_INVALID, "framework_code", "经常性督导记录表不能为空",
                       "the routine checklist cannot be empty");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    json_t *before = NULL;
    int64_t id;
    if ((e = svc_region_filter(db, a, who, rc)) || (e = routine_json(db, a, rc, &before))) goto done;
    if (framework_code && ((e = usable_version(db, a, framework_code, who->region_path, "framework_code", &id)) ||
                           (e = setting_store_set(db, a, rc, VISIT_SETTING_ROUTINE_FW, framework_code))))
        goto done;
    if (extra_code && ((*extra_code && (e = usable_version(db, a, extra_code, who->region_path, "extra_code", &id))) ||
                       (e = setting_store_set(db, a, rc, VISIT_SETTING_ROUTINE_EXTRA, extra_code))))
        goto done;
    if ((e = routine_json(db, a, rc, out))) goto done;
    e = svc_audit_change(db, a, who, "setting", "visit.routine_checklists", rc, before, json_incref(*out));
    before = NULL;
done:
    json_decref(before);
    return svc_end(db, a, e);
}
