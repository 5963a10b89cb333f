/* Imports of the 挂牌督导 set-up: the file is the request body (CSV or XLSX, ≤ 20 MiB). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/handlers.h"
#include "svc/roster/import_svc.h"
#include "util/buf.h"

static err_t *api_import_kind(api_req_t *r, import_kind_t *kind) {
    const char *name = r->n_path_params ? r->path_params[0] : NULL;
    if (!import_kind_parse(name, kind))
        return err_new(r->a, ERR_NOT_FOUND, "kind", "导入类型应为 schools/zones/inspectors/assignments",
                       "import kind must be schools, zones, inspectors or assignments");
    return NULL;
}

/* The progress of an import the caller is running with ?job=ID (polled while the POST runs). */
err_t *api_imports_job(api_req_t *r) {
    return import_svc_job(r->svc, r->a, &r->who, r->n_path_params ? r->path_params[0] : NULL, &r->out);
}

err_t *api_imports_run(api_req_t *r) {
    import_kind_t kind;
    err_t *e = api_import_kind(r, &kind);
    if (e) return e;
    if (!r->n_raw_body) return err_new(r->a, ERR_INVALID, "file", "请上传文件", "upload a file as the request body");
    /* the readers take a path: spill the body to a private temporary file */
    char path[] = "/tmp/dudao-import-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return err_new(r->a, ERR_INTERNAL, NULL, "无法创建临时文件", "cannot create a temporary file");
    size_t off = 0;
    while (off < r->n_raw_body) {
        ssize_t n = write(fd, r->raw_body + off, r->n_raw_body - off);
        if (n <= 0) break;
        off += (size_t)n;
    }
    close(fd);
    import_result_t res;
    e = off == r->n_raw_body ? import_svc_run_job(r->svc, r->a, &r->who, kind, path, api_query(r, "job"), &res)
                             : err_new(r->a, ERR_INTERNAL, NULL, "写临时文件失败", "cannot write a temporary file");
    unlink(path);
    if (e) return e;
    r->out = import_result_to_json(&res);
    if (!res.is_written) {
        /* the uniform error shape, plus the row-level table */
        json_object_set_new(r->out, "error", json_string("invalid_rows"));
        json_object_set_new(
            r->out, "message",
            json_string(arena_printf(r->a, "发现 %zu 处错误，未写入任何数据 / %zu errors found; nothing was written",
                                     res.n_errors, res.n_errors)));
        json_object_set_new(r->out, "field", json_string("file"));
        r->status = 400;
    }
    return NULL;
}

err_t *api_imports_template(api_req_t *r) {
    import_kind_t kind;
    err_t *e = api_import_kind(r, &kind);
    if (e) return e;
    size_t n;
    const import_column_t *cols = import_columns(kind, &n);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:s, s:s}", "label", cols[i].label, "field",
                                             cols[i].field, "is_required", cols[i].is_required, "example",
                                             cols[i].example, "note", cols[i].note));
    r->out = json_pack("{s:o}", "columns", arr);
    return NULL;
}
