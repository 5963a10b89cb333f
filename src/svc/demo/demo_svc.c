#include "svc/demo/demo_svc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/embedded.h"
#include "store/platform/region_store.h"
#include "store/platform/user_store.h"
#include "store/roster/inspector_store.h"
#include "store/roster/school_store.h"
#include "svc/demo/demo_data.h"
#include "util/timeutil.h"

const actor_t demo_system = {.username = "system", .role = ROLE_ADMIN, .region_code = "330000", .region_path = "/"};

const char *demo_text(const char *name, size_t *n) {
    for (const embedded_file_t *f = demo_files; f->name; f++)
        if (strcmp(f->name, name) == 0) {
            if (n) *n = strlen(f->text);
            return f->text;
        }
    return NULL;
}

err_t *demo_json(arena_t *a, const char *name, json_t **out) {
    const char *text = demo_text(name, NULL);
    json_error_t je;
    *out = text ? json_loads(text, 0, &je) : NULL;
    if (!*out)
        return err_newf(a, ERR_INTERNAL, NULL, "演示数据文件 %s 缺失或有误", "demo file %s missing or malformed", name,
                        name);
    return NULL;
}

err_t *demo_temp_file(arena_t *a, const char *name, const char **path) {
    size_t n;
    const char *text = demo_text(name, &n);
    if (!text) return err_newf(a, ERR_INTERNAL, NULL, "演示数据文件 %s 缺失", "demo file %s missing", name, name);
    const char *dir = getenv("TMPDIR");
    char *p = arena_printf(a, "%s/dudao-demo-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(p);
    if (fd < 0) return err_new(a, ERR_INTERNAL, NULL, "无法创建临时文件", "cannot create a temporary file");
    bool is_ok = write(fd, text, n) == (ssize_t)n;
    is_ok &= close(fd) == 0;
    if (!is_ok) {
        unlink(p);
        return err_new(a, ERR_INTERNAL, NULL, "无法写入临时文件", "cannot write a temporary file");
    }
    *path = p;
    return NULL;
}

err_t *demo_import_errors(arena_t *a, const char *name, const import_result_t *res) {
    if (!res->n_errors) return NULL;
    return err_newf(a, ERR_INTERNAL, NULL, "演示数据 %s 第 %lld 行：%s", "demo file %s row %lld: %s", name,
                    (long long)res->errors[0].row, res->errors[0].message, name, (long long)res->errors[0].row,
                    res->errors[0].message);
}

err_t *demo_actor(svc_t *s, arena_t *a, const char *username, actor_t *out) {
    db_t *db;
    user_t u;
    bool found = false;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = user_store_find_login(db, a, username, &u, &found);
    if (e) return e;
    if (!found)
        return err_newf(a, ERR_NOT_FOUND, NULL, "演示账号 %s 不存在", "demo account %s missing", username, username);
    region_t r;
    if ((e = region_store_get(db, a, "/", u.region_code, &r))) return e;
    *out = (actor_t){.user_id = u.id,
                     .username = u.username,
                     .role = role_parse(u.role),
                     .region_code = u.region_code,
                     .region_path = r.path,
                     .school_id = u.school_id,
                     .unit_id = u.unit_id,
                     .ip = "127.0.0.1"};
    return NULL;
}

err_t *demo_school_id(svc_t *s, arena_t *a, const char *code, int64_t *id, const char **name) {
    db_t *db;
    school_t sch;
    bool found = false;
    err_t *e = svc_db(s, a, &db);
    if (!e && code) e = school_store_find_code(db, a, code, &sch, &found);
    if (e) return e;
    if (!found)
        return err_newf(a, ERR_INTERNAL, NULL, "演示学校 %s 不存在", "demo school %s missing", code ? code : "",
                        code ? code : "");
    *id = sch.id;
    if (name) *name = sch.name;
    return NULL;
}

err_t *demo_inspector_id(svc_t *s, arena_t *a, const char *cert_no, int64_t *id) {
    db_t *db;
    inspector_t ins;
    bool found = false;
    err_t *e = svc_db(s, a, &db);
    if (!e && cert_no) e = inspector_store_find_cert(db, a, cert_no, &ins, &found);
    if (e) return e;
    if (!found)
        return err_newf(a, ERR_INTERNAL, NULL, "演示督学 %s 不存在", "demo inspector %s missing",
                        cert_no ? cert_no : "", cert_no ? cert_no : "");
    *id = ins.id;
    return NULL;
}

const char *demo_date_in(arena_t *a, int64_t n) {
    char today[16], out[24];
    int64_t t0 = 0;
    time_today_cn(today, sizeof today);
    time_parse_date(today, &t0);
    time_format_iso(t0 + n * 86400, out, sizeof out);
    out[10] = '\0';
    return arena_strdup(a, out);
}

const char *demo_str(const json_t *o, const char *key) {
    return json_string_value(json_object_get(o, key));
}

err_t *demo_svc_load(svc_t *s, arena_t *a) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    int64_t n_users = 0;
    if ((e = user_store_count(db, a, &n_users))) return e;
    if (n_users > 0)
        return err_new(a, ERR_CONFLICT, NULL, "数据库已有账号，演示数据只能载入空数据库",
                       "the database already has accounts; demo data goes into an empty database");
    if ((e = demo_roster_load(s, a)) || (e = demo_frameworks_load(s, a)) || (e = demo_visits_load(s, a)) ||
        (e = demo_findings_load(s, a)) || (e = demo_balance_load(s, a)) || (e = demo_units_load(s, a)) ||
        (e = demo_school_year_load(s, a)))
        return e;
    return NULL;
}
