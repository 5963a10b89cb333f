/* 质量监测: thin handlers (decode, one svc call, encode). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "api/monitoring/handlers_monitoring.h"
#include "svc/monitoring/monitoring_svc.h"

err_t *api_monitoring_catalog(api_req_t *r) {
    r->out = mon_svc_catalog();
    return NULL;
}

err_t *api_monitoring_import(api_req_t *r) {
    if (!r->n_raw_body) return err_new(r->a, ERR_INVALID, "file", "请上传文件", "upload a file as the request body");
    char *path;
    err_t *e = api_temp_path(r, ".upload", &path);
    if (e) return e;
    FILE *f = fopen(path, "wb");
    size_t n = f ? fwrite(r->raw_body, 1, r->n_raw_body, f) : 0;
    if (f && fclose(f) != 0) n = 0;
    import_result_t res;
    e = n == r->n_raw_body ? mon_svc_import(r->svc, r->a, &r->who, path, &res)
                           : err_new(r->a, ERR_INTERNAL, NULL, "写临时文件失败", "cannot write a temporary file");
    unlink(path);
    if (e) return e;
    r->out = import_result_to_json(&res);
    if (!res.is_written) {
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

/* The CSV template goes out as text/csv (the document kinds are PDF, XLSX and JSON). */
static err_t *send_csv(api_req_t *r, const char *path) {
    FILE *f = fopen(path, "rb");
    char *data = arena_alloc(r->a, 8192);
    size_t n = f ? fread(data, 1, 8191, f) : 0;
    if (f) fclose(f);
    unlink(path);
    if (!n) return err_new(r->a, ERR_INTERNAL, NULL, "无法读取生成的文件", "cannot read the generated file");
    data[n] = 0;
    r->content_type = "text/csv; charset=utf-8";
    r->out_raw = data;
    r->n_out_raw = n;
    r->filename = "质量监测结果导入模板.csv";
    return NULL;
}

err_t *api_monitoring_template(api_req_t *r) {
    const char *format = api_query(r, "format");
    bool is_csv = format && strcmp(format, "csv") == 0;
    char *path;
    err_t *e = api_temp_path(r, is_csv ? ".csv" : ".xlsx", &path);
    if (!e && (e = mon_svc_template(r->a, path, is_csv))) unlink(path);
    if (e) return e;
    return is_csv ? send_csv(r, path) : api_send_temp_file(r, path, DOC_XLSX, "质量监测结果导入模板.xlsx");
}

err_t *api_monitoring_analysis(api_req_t *r) {
    mon_query_t q = {.county_code = api_query(r, "county_code"),
                     .cycle = api_query_i64(r, "cycle", 0),
                     .subject = api_query(r, "subject"),
                     .grade = api_query_i64(r, "grade", 0),
                     .source = api_query(r, "source"),
                     .min_students = api_query_i64(r, "min_students", 0),
                     .min_schools = api_query_i64(r, "min_schools", 0)};
    return mon_svc_analysis(r->svc, r->a, &r->who, &q, &r->out);
}

err_t *api_monitoring_plans(api_req_t *r) {
    return mon_svc_plans(r->svc, r->a, &r->who, api_query(r, "county_code"), api_query_i64(r, "min_students", 0),
                         &r->out);
}

err_t *api_monitoring_plan_create(api_req_t *r) {
    json_t *ids = json_object_get(r->body, "school_ids");
    size_t n = json_is_array(ids) ? json_array_size(ids) : 0;
    int64_t *v = arena_alloc(r->a, (n + 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(ids, i);
        if (!json_is_integer(x) || json_integer_value(x) <= 0)
            return err_new(r->a, ERR_INVALID, "school_ids", "school_ids 应为学校 id 的数组",
                           "school_ids must be an array of school ids");
        v[i] = json_integer_value(x);
    }
    mon_plan_input_t in = {.county_code = api_body_str(r, "county_code"),
                           .cycle = api_body_int(r, "cycle"),
                           .subject = api_body_str(r, "subject"),
                           .dimension = api_body_str(r, "dimension"),
                           .grade = api_body_int(r, "grade"),
                           .school_ids = v,
                           .n_schools = n,
                           .measures = api_body_str(r, "measures"),
                           .deadline = api_body_str(r, "deadline"),
                           .severity = api_body_str(r, "severity")};
    err_t *e = mon_svc_plan_create(r->svc, r->a, &r->who, &in, &r->out);
    if (!e) r->status = 201;
    return e;
}

err_t *api_monitoring_settings(api_req_t *r) {
    return mon_svc_settings(r->svc, r->a, &r->who, api_query(r, "county_code"), &r->out);
}

/* Answers the standard in force for the region when it is a county, else the name and value set. */
err_t *api_monitoring_setting_put(api_req_t *r) {
    const char *region = api_body_str(r, "region_code");
    int64_t value = api_body_int(r, "value");
    err_t *e = mon_svc_setting_put(r->svc, r->a, &r->who, region, api_body_str(r, "name"), value);
    if (e) return e;
    if (mon_svc_settings(r->svc, r->a, &r->who, region, &r->out))
        r->out = json_pack("{s:s, s:s, s:I}", "region_code", region, "name", api_body_str(r, "name"), "value",
                           (json_int_t)value);
    return NULL;
}

err_t *api_monitoring_item_39(api_req_t *r) {
    return mon_svc_item_39(r->svc, r->a, &r->who, api_query(r, "county_code"), &r->out);
}
