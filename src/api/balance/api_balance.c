/* 义务教育均衡发展: school statistics, evaluations, plan, what-if, exports. Thin: decode,
 * one svc call, encode. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "api/balance/handlers_balance.h"
#include "svc/balance/balance_svc.h"

/* school_year (0: the latest with data), declared 0..2100 in the route table */
static int64_t year_q(api_req_t *r) {
    return api_query_i64(r, "school_year", 0);
}

static int64_t year_b(api_req_t *r) {
    json_t *y = json_object_get(r->body, "school_year");
    return json_is_integer(y) ? json_integer_value(y) : 0;
}

err_t *api_balance_fields(api_req_t *r) {
    r->out = json_pack("{s:o}", "fields", balance_svc_fields_json());
    return NULL;
}

err_t *api_balance_stats_list(api_req_t *r) {
    int64_t y = year_q(r);
    return balance_svc_stats_list(r->svc, r->a, &r->who, api_query(r, "county_code"), y, &r->out);
}

err_t *api_balance_stat_get(api_req_t *r) {
    int64_t id, y = year_q(r);
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : balance_svc_stat_get(r->svc, r->a, &r->who, id, y, &r->out);
}

err_t *api_balance_stat_put(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e
             : balance_svc_stat_put(r->svc, r->a, &r->who, id, year_b(r), json_object_get(r->body, "values"), &r->out);
}

err_t *api_balance_import(api_req_t *r) {
    int64_t y = year_q(r);
    err_t *e;
    if (!r->n_raw_body) return err_new(r->a, ERR_INVALID, "file", "请上传文件", "upload a file as the request body");
    char *path;
    if ((e = api_body_to_temp(r, ".upload", &path))) return e;
    import_result_t res;
    e = balance_svc_import(r->svc, r->a, &r->who, y, path, &res);
    unlink(path);
    if (e) return e;
    api_import_answer(r, import_result_to_json(&res), res.is_written, res.n_errors);
    return NULL;
}

err_t *api_balance_template(api_req_t *r) {
    char *path;
    err_t *e = api_temp_path(r, ".xlsx", &path);
    if (!e && (e = balance_svc_template(r->a, path))) unlink(path);
    return e ? e : api_send_temp_file(r, path, DOC_XLSX, "学校基础数据导入模板.xlsx");
}

err_t *api_balance_completeness(api_req_t *r) {
    int64_t y = year_q(r);
    return balance_svc_completeness(r->svc, r->a, &r->who, api_query(r, "region_code"), y, &r->out);
}

err_t *api_balance_checks(api_req_t *r) {
    int64_t y = year_q(r);
    return balance_svc_checks(r->svc, r->a, &r->who, api_query(r, "county_code"), y, &r->out);
}

err_t *api_balance_check_confirm(api_req_t *r) {
    return balance_svc_check_confirm(r->svc, r->a, &r->who, json_integer_value(json_object_get(r->body, "school_id")),
                                     year_b(r), api_body_str(r, "code"), api_body_str(r, "field"),
                                     api_body_str(r, "note"));
}

err_t *api_balance_evaluation(api_req_t *r) {
    int64_t y = year_q(r);
    return balance_svc_evaluate(r->svc, r->a, &r->who, api_query(r, "county_code"), y, NULL, &r->out);
}

err_t *api_balance_whatif(api_req_t *r) {
    return balance_svc_evaluate(r->svc, r->a, &r->who, api_body_str(r, "county_code"), year_b(r),
                                json_object_get(r->body, "changes"), &r->out);
}

err_t *api_balance_finalize(api_req_t *r) {
    return balance_svc_finalize(r->svc, r->a, &r->who, api_body_str(r, "county_code"), year_b(r), &r->out);
}

err_t *api_balance_overview(api_req_t *r) {
    int64_t y = year_q(r);
    return balance_svc_overview(r->svc, r->a, &r->who, api_query(r, "region_code"), y, &r->out);
}

err_t *api_balance_trend(api_req_t *r) {
    return balance_svc_trend(r->svc, r->a, &r->who, api_query(r, "county_code"), &r->out);
}

err_t *api_balance_plan(api_req_t *r) {
    if (r->body)
        return balance_svc_plan(r->svc, r->a, &r->who, api_body_str(r, "county_code"), year_b(r),
                                json_object_get(r->body, "prices"), &r->out);
    int64_t y = year_q(r);
    return balance_svc_plan(r->svc, r->a, &r->who, api_query(r, "county_code"), y, NULL, &r->out);
}

err_t *api_balance_school(api_req_t *r) {
    int64_t id, y = year_q(r);
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : balance_svc_school(r->svc, r->a, &r->who, id, y, &r->out);
}

err_t *api_balance_export(api_req_t *r) {
    const char *kind = r->n_path_params ? r->path_params[0] : "";
    int64_t y = year_q(r);
    char *path;
    err_t *e = NULL;
    if (strcmp(kind, "quality") != 0 && strcmp(kind, "basic") != 0)
        e = err_new(r->a, ERR_NOT_FOUND, "kind", "表格应为 quality 或 basic", "kind must be quality or basic");
    if (!e) e = api_temp_path(r, ".xlsx", &path);
    if (e) return e;
    if ((e = balance_svc_export_xlsx(r->svc, r->a, &r->who, api_query(r, "county_code"), y, kind, path))) {
        unlink(path); /* the empty temporary file of a refused export */
        return e;
    }
    return api_send_temp_file(r, path, DOC_XLSX,
                              strcmp(kind, "quality") == 0 ? "优质均衡资源配置指标表.xlsx" : "基本均衡差异系数表.xlsx");
}

err_t *api_balance_report(api_req_t *r) {
    int64_t y = year_q(r);
    buf_t pdf;
    buf_init(&pdf);
    err_t *e = balance_svc_report_pdf(r->svc, r->a, &r->who, api_query(r, "county_code"), y, &pdf);
    if (!e) api_send_document(r, DOC_PDF, "义务教育均衡发展评估报告.pdf", pdf.p, pdf.n);
    buf_free(&pdf);
    return e;
}

err_t *api_balance_rules(api_req_t *r) {
    return balance_svc_rules_get(r->svc, r->a, &r->who, api_query(r, "region_code"), &r->out);
}

err_t *api_balance_override_put(api_req_t *r) {
    return balance_svc_override_put(r->svc, r->a, &r->who, json_object_get(r->body, "document"), &r->out);
}

err_t *api_balance_override_delete(api_req_t *r) {
    const char *j = r->n_path_params > 0 ? r->path_params[0] : "", *std = r->n_path_params > 1 ? r->path_params[1] : "";
    return balance_svc_override_delete(r->svc, r->a, &r->who, j, std);
}
