/* 指标体系: frameworks, their versions, import and export. Thin: decode, one svc call, encode. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "api/frameworks/handlers_frameworks.h"
#include "svc/frameworks/framework_svc.h"


/* A refused document: the uniform error shape plus every issue, like the imports' rows. */
static err_t *refused(api_req_t *r, err_t *e, const framework_issues_t *is) {
    if (!e || e->code != ERR_INVALID || !is || !is->n) return e;
    r->out = json_pack("{s:s, s:s, s:s, s:o}", "error", "invalid_document", "message",
                       arena_printf(r->a, "指标体系有 %zu 处问题，未保存：%s / %zu problems; nothing was saved: %s",
                                    is->n, is->items[0].message, is->n, is->items[0].message),
                       "field", e->field ? e->field : "document", "errors", framework_issues_to_json(is));
    r->status = 400;
    return NULL;
}

static json_t *version_with_document(const framework_version_row_t *v, json_t *doc) {
    json_t *j = framework_version_to_json(v);
    json_object_set_new(j, "document", doc);
    return j;
}

err_t *api_frameworks_list(api_req_t *r) {
    framework_filter_t f = {
        .q = api_query(r, "q"), .status = api_query(r, "status"), .use = api_query(r, "use"), .is_builtin = -1};
    api_page(r, &f.limit, &f.offset);
    f.is_builtin = api_query_flag(r, "is_builtin", -1);
    err_t *e;
    framework_row_t *items;
    size_t n;
    int64_t total;
    if ((e = framework_svc_list(r->svc, r->a, &r->who, &f, &items, &n, &total))) return e;
    r->out = api_list(API_JSON_ARRAY(items, n, framework_to_json), total);
    return NULL;
}

static err_t *answer_framework(api_req_t *r, int64_t id) {
    framework_row_t f;
    framework_version_row_t *vs;
    size_t n;
    err_t *e = framework_svc_get(r->svc, r->a, &r->who, id, &f, &vs, &n);
    if (e) return e;
    json_t *j = framework_to_json(&f);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, framework_version_to_json(&vs[i]));
    json_object_set_new(j, "versions", arr);
    r->out = j;
    return NULL;
}

err_t *api_frameworks_get(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : answer_framework(r, id);
}

static err_t *answer_version(api_req_t *r, int64_t id) {
    framework_version_row_t v;
    json_t *doc;
    err_t *e = framework_svc_get_version(r->svc, r->a, &r->who, id, &v, &doc);
    if (!e) r->out = version_with_document(&v, doc);
    return e;
}

err_t *api_frameworks_create(api_req_t *r) {
    framework_issues_t is = {0};
    int64_t fid, vid;
    err_t *e = framework_svc_create(r->svc, r->a, &r->who, json_object_get(r->body, "document"), &is, &fid, &vid);
    if (e) return refused(r, e, &is);
    return answer_version(r, vid);
}

err_t *api_frameworks_new_version(api_req_t *r) {
    int64_t id, from = 0, vid;
    err_t *e = api_path_id(r, 0, &id);
    json_t *jf = json_object_get(r->body, "from_version_id");
    if (json_is_integer(jf)) from = json_integer_value(jf);
    if (!e) e = framework_svc_new_draft(r->svc, r->a, &r->who, id, from, &vid);
    return e ? e : answer_version(r, vid);
}

err_t *api_framework_versions_get(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : answer_version(r, id);
}

err_t *api_framework_versions_update(api_req_t *r) {
    int64_t id;
    framework_issues_t is = {0};
    err_t *e = api_path_id(r, 0, &id);
    if (!e)
        e = framework_svc_update_draft(r->svc, r->a, &r->who, id, json_object_get(r->body, "document"),
                                       api_body_str(r, "base_digest"), &is);
    if (e) return refused(r, e, &is);
    return answer_version(r, id);
}

err_t *api_framework_versions_delete(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : framework_svc_delete_draft(r->svc, r->a, &r->who, id);
}

err_t *api_framework_versions_publish(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = framework_svc_publish(r->svc, r->a, &r->who, id);
    return e ? e : answer_version(r, id);
}

err_t *api_framework_versions_retire(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = framework_svc_retire(r->svc, r->a, &r->who, id);
    return e ? e : answer_version(r, id);
}

err_t *api_framework_versions_copy(api_req_t *r) {
    int64_t id, fid, vid;
    err_t *e = api_path_id(r, 0, &id);
    if (!e)
        e = framework_svc_copy(r->svc, r->a, &r->who, id, api_body_str(r, "code"), api_body_str(r, "name"), &fid, &vid);
    return e ? e : answer_version(r, vid);
}

err_t *api_framework_versions_score(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    json_t *sid = json_object_get(r->body, "school_id");
    if (!e)
        e = framework_svc_score(r->svc, r->a, &r->who, id, json_is_integer(sid) ? json_integer_value(sid) : 0,
                                json_object_get(r->body, "answers"), &r->out);
    return e;
}

err_t *api_framework_versions_diff(api_req_t *r) {
    int64_t id, against = api_query_i64(r, "against", 0);
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : framework_svc_diff(r->svc, r->a, &r->who, id, against, &r->out);
}

err_t *api_frameworks_validate(api_req_t *r) {
    fw_t *tree;
    fw_issue_t *items;
    size_t n;
    fw_parse_all(r->a, json_object_get(r->body, "document"), &tree, &items, &n);
    framework_issues_t is = {items, n};
    r->out = json_pack("{s:b, s:o}", "is_valid", n == 0, "errors", framework_issues_to_json(&is));
    if (tree) {
        json_object_set_new(r->out, "n_indicators", json_integer((json_int_t)tree->n_leaves));
        json_object_set_new(r->out, "document", fw_to_json(tree));
    }
    return NULL;
}

err_t *api_framework_versions_export(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (e) return e;
    const char *format = api_query(r, "format");
    if (!format || strcmp(format, "json") == 0) {
        framework_version_row_t v;
        json_t *doc;
        if ((e = framework_svc_get_version(r->svc, r->a, &r->who, id, &v, &doc))) return e;
        char *text = json_dumps(doc, JSON_INDENT(2));
        json_decref(doc);
        api_send_document(r, DOC_JSON, arena_printf(r->a, "%s-v%lld.json", v.framework_code, (long long)v.version),
                          text, strlen(text));
        free(text);
        return NULL;
    }
    framework_version_row_t v;
    if ((e = framework_svc_get_version(r->svc, r->a, &r->who, id, &v, NULL))) return e;
    char *path;
    if ((e = api_temp_path(r, ".xlsx", &path))) return e;
    if ((e = framework_svc_export_xlsx(r->svc, r->a, &r->who, id, path))) {
        unlink(path);
        return e;
    }
    return api_send_temp_file(r, path, DOC_XLSX,
                              arena_printf(r->a, "%s-v%lld.xlsx", v.framework_code, (long long)v.version));
}

/* The body is a JSON document or a spreadsheet (XLSX or CSV), told apart by content. */
static err_t *import_into(api_req_t *r, int64_t framework_id) {
    if (!r->n_raw_body) return err_new(r->a, ERR_INVALID, "file", "请上传文件", "upload a file as the request body");
    size_t i = 0;
    if (r->n_raw_body >= 3 && (unsigned char)r->raw_body[0] == 0xEF) i = 3; /* a UTF-8 BOM */
    while (i < r->n_raw_body &&
           (r->raw_body[i] == ' ' || r->raw_body[i] == '\n' || r->raw_body[i] == '\r' || r->raw_body[i] == '\t'))
        i++;
    if (i < r->n_raw_body && r->raw_body[i] == '{') {
        json_error_t je;
        json_t *doc = json_loadb(r->raw_body + i, r->n_raw_body - i, JSON_REJECT_DUPLICATES, &je);
        if (!doc)
            return err_newf(r->a, ERR_BAD_JSON, "file", "JSON 第 %d 行有误：%s", "bad JSON at line %d: %s", je.line,
                            je.text, je.line, je.text);
        json_object_del(doc, "version");
        json_object_del(doc, "status");
        err_t *e = NULL;
        if (framework_id > 0) {
            framework_row_t f;
            e = framework_svc_get(r->svc, r->a, &r->who, framework_id, &f, NULL, NULL);
            const char *code = json_string_value(json_object_get(doc, "code"));
            if (!e && (!code || strcmp(code, f.code) != 0))
                e = err_newf(r->a, ERR_INVALID, "code", "文件的编码应为 %s", "the file's code must be %s", f.code,
                             f.code);
        }
        framework_issues_t is = {0};
        int64_t fid = 0, vid = 0;
        if (!e) e = framework_svc_import_json(r->svc, r->a, &r->who, doc, &is, &fid, &vid);
        json_decref(doc);
        if (e) return refused(r, e, &is);
        r->out = json_pack("{s:b, s:I, s:I}", "is_written", 1, "framework_id", (json_int_t)fid, "version_id",
                           (json_int_t)vid);
        return NULL;
    }
    char *path;
    err_t *e = api_body_to_temp(r, ".xlsx", &path);
    if (e) return e;
    framework_import_result_t res;
    e = framework_svc_import_xlsx(r->svc, r->a, &r->who, path, framework_id, api_query(r, "code"), api_query(r, "name"),
                                  api_query(r, "source"), &res);
    unlink(path);
    if (e) return e;
    api_import_answer(r, framework_import_result_to_json(&res), res.is_written, res.n_errors);
    return NULL;
}

err_t *api_frameworks_import(api_req_t *r) {
    return import_into(r, 0);
}

err_t *api_frameworks_import_into(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : import_into(r, id);
}
