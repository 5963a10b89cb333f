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
    char *path;
    if ((e = api_body_to_temp(r, "", &path))) return e;
    import_result_t res;
    e = import_svc_run_job(r->svc, r->a, &r->who, kind, path, api_query(r, "job"), &res);
    unlink(path);
    if (e) return e;
    api_import_answer(r, import_result_to_json(&res), res.is_written, res.n_errors);
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
