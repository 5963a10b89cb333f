/* The 问题台账: the ledger, a finding's page, manual entry, each transition of the loop as
 * its own endpoint, extensions, the 整改通知书 and 督办单 PDFs, the XLSX export, the inbox,
 * the dashboard aggregates and the jurisdiction's deadline rules. */
#include <math.h>
#include <string.h>

#include "api/findings/handlers_findings.h"
#include "core/findings/finding_sort.h"
#include "svc/findings/finding_svc.h"
#include "svc/platform/scheduler.h"
#include "util/timeutil.h"

static err_t *api_finding_filter(api_req_t *r, finding_filter_t *f) {
    *f = (finding_filter_t){.state = api_query(r, "state"),
                            .severity = api_query(r, "severity"),
                            .region_code = api_query(r, "region_code"),
                            .source = api_query(r, "source"),
                            .indicator_code = api_query(r, "indicator_code"),
                            .category = api_query(r, "category"),
                            .q = api_query(r, "q"),
                            .sort = api_query(r, "sort"),
                            .is_overdue = -1,
                            .is_flagged = -1};
    if (f->state && strcmp(f->state, "open") != 0 && finding_state_parse(f->state) < 0)
        return err_new(r->a, ERR_INVALID, "state", "状态无效", "unknown state");
    if (f->severity && finding_severity_parse(f->severity) < 0)
        return err_new(r->a, ERR_INVALID, "severity", "严重程度无效", "unknown severity");
    if (f->sort && finding_sort_parse(f->sort, NULL) < 0)
        return err_new(r->a, ERR_INVALID, "sort", "不支持的排序", "unsupported sort");
    err_t *e = api_query_bool(r, "overdue", &f->is_overdue);
    if (!e) e = api_query_bool(r, "flagged", &f->is_flagged);
    f->is_reinspected = -1;
    if (!e) e = api_query_bool(r, "reinspected", &f->is_reinspected);
    if (!e) e = api_query_int(r, "school_id", 0, 0, INT64_MAX, &f->school_id);
    if (!e) e = api_query_int(r, "task_id", 0, 0, INT64_MAX, &f->task_id);
    if (!e) e = api_paging(r, &f->limit, &f->offset);
    return e;
}

err_t *api_findings_list(api_req_t *r) {
    finding_filter_t f;
    err_t *e = api_finding_filter(r, &f);
    finding_t *items;
    size_t n;
    int64_t total, counts[8];
    if (!e) e = finding_svc_list(r->svc, r->a, &r->who, &f, &items, &n, &total, counts);
    if (e) return e;
    jw_t *w = api_json(r);
    jw_obj(w);
    jw_key(w, "items");
    jw_arr(w);
    for (size_t i = 0; i < n; i++)
        finding_write_json(w, &items[i]);
    jw_arr_end(w);
    jw_key(w, "total");
    jw_int(w, total);
    static const char *const names[8] = {"draft",  "issued", "rectifying", "submitted",
                                         "closed", "voided", "overdue",    "review"};
    jw_key(w, "counts");
    jw_obj(w);
    for (int k = 0; k < 8; k++) {
        jw_key(w, names[k]);
        jw_int(w, counts[k]);
    }
    jw_obj_end(w);
    jw_obj_end(w);
    return NULL;
}

static err_t *api_finding_answer(api_req_t *r, int64_t id) {
    finding_t f;
    json_t *extra;
    err_t *e = finding_svc_get(r->svc, r->a, &r->who, id, &f, &extra);
    if (e) return e;
    r->out = finding_to_json(&f);
    json_object_update(r->out, extra);
    json_decref(extra);
    return NULL;
}

err_t *api_findings_get(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : api_finding_answer(r, id);
}

static void api_finding_input(api_req_t *r, finding_input_t *in) {
    json_t *j;
    *in = (finding_input_t){
        .region_code = api_body_str(r, "region_code"),
        .severity = api_body_str(r, "severity"),
        .category = api_body_str(r, "category"),
        .indicator_code = api_body_str(r, "indicator_code"),
        .indicator_text = api_body_str(r, "indicator_text"),
        .description = api_body_str(r, "description"),
        .requirement = api_body_str(r, "requirement"),
        .responsible_unit = api_body_str(r, "responsible_unit"),
        .responsible_person = api_body_str(r, "responsible_person"),
        .deadline = api_body_str(r, "deadline"),
        .note = api_body_str(r, "note"),
        .reason = api_body_str(r, "reason"),
    };
    if ((j = json_object_get(r->body, "school_id")) && json_is_integer(j)) in->school_id = json_integer_value(j);
    if ((j = json_object_get(r->body, "unit_id")) && json_is_integer(j)) in->unit_id = json_integer_value(j);
    if ((j = json_object_get(r->body, "approve"))) in->is_approval = json_is_true(j);
    if ((j = json_object_get(r->body, "onsite")) && json_is_object(j)) {
        in->has_onsite = true;
        json_t *v;
        in->onsite_lat = json_is_number(v = json_object_get(j, "lat")) ? json_number_value(v) : NAN;
        in->onsite_lng = json_is_number(v = json_object_get(j, "lng")) ? json_number_value(v) : NAN;
        in->onsite_accuracy_m = json_is_number(v = json_object_get(j, "accuracy_m")) ? json_number_value(v) : 0;
    }
    if ((j = json_object_get(r->body, "attachment_ids")) && json_is_array(j)) {
        size_t n = json_array_size(j);
        int64_t *ids = arena_alloc(r->a, (n + 1) * sizeof *ids);
        for (size_t i = 0; i < n; i++)
            ids[i] = json_integer_value(json_array_get(j, i));
        in->attachment_ids = ids;
        in->n_attachments = n;
    }
}

err_t *api_findings_create(api_req_t *r) {
    finding_input_t in;
    api_finding_input(r, &in);
    json_t *ids = json_object_get(r->body, "attachment_ids");
    if (ids) return err_new(r->a, ERR_INVALID, "attachment_ids", "请先创建问题再上传证据", "create first, then attach");
    finding_t f;
    err_t *e = finding_svc_create(r->svc, r->a, &r->who, &in, &f);
    bool is_issue = json_is_true(json_object_get(r->body, "issue"));
    if (!e && is_issue) e = finding_svc_act(r->svc, r->a, &r->who, f.id, FA_ISSUE, &in, &f);
    return e ? e : api_finding_answer(r, f.id);
}

static err_t *api_finding_act(api_req_t *r, finding_action_t act) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (e) return e;
    json_t *ids = json_object_get(r->body, "attachment_ids");
    for (size_t i = 0; ids && i < json_array_size(ids); i++)
        if (!json_is_integer(json_array_get(ids, i)))
            return err_new(r->a, ERR_INVALID, "attachment_ids", "附件编号应为整数", "attachment ids are integers");
    finding_input_t in;
    api_finding_input(r, &in);
    finding_t f;
    if ((e = finding_svc_act(r->svc, r->a, &r->who, id, act, &in, &f))) return e;
    return api_finding_answer(r, id);
}

/* The lifecycle actions that need no check of their own: a handler per action, each the same
 * call with its action (the route table names the handler). */
#define FINDING_ACTION_HANDLER(handler, action)                                                                        \
    err_t *handler(api_req_t *r) {                                                                                     \
        return api_finding_act(r, action);                                                                             \
    }

FINDING_ACTION_HANDLER(api_findings_edit, FA_EDIT)
FINDING_ACTION_HANDLER(api_findings_issue, FA_ISSUE)
FINDING_ACTION_HANDLER(api_findings_acknowledge, FA_ACKNOWLEDGE)
FINDING_ACTION_HANDLER(api_findings_progress, FA_PROGRESS)
FINDING_ACTION_HANDLER(api_findings_submit, FA_SUBMIT)
FINDING_ACTION_HANDLER(api_findings_close, FA_CLOSE)
FINDING_ACTION_HANDLER(api_findings_return, FA_RETURN)
FINDING_ACTION_HANDLER(api_findings_void, FA_VOID)
FINDING_ACTION_HANDLER(api_findings_reopen, FA_REOPEN)
FINDING_ACTION_HANDLER(api_findings_request_extension, FA_REQUEST_EXTENSION)
FINDING_ACTION_HANDLER(api_findings_approve_close, FA_APPROVE_CLOSE)
FINDING_ACTION_HANDLER(api_findings_send_back, FA_SEND_BACK)

err_t *api_findings_decide_extension(api_req_t *r) {
    if (!json_is_boolean(json_object_get(r->body, "approve")))
        return err_new(r->a, ERR_INVALID, "approve", "请说明批准（true）或不批准（false）", "approve: true or false");
    return api_finding_act(r, FA_DECIDE_EXTENSION);
}

err_t *api_findings_notice(api_req_t *r) {
    return api_send_pdf_of(r, &r->who, finding_svc_notice_pdf);
}

err_t *api_findings_export(api_req_t *r) {
    finding_filter_t f;
    err_t *e = api_finding_filter(r, &f);
    char *path;
    if (!e) e = api_temp_path(r, ".xlsx", &path);
    if (!e) e = finding_svc_export(r->svc, r->a, &r->who, &f, path);
    if (e) return e;
    return api_send_temp_file(r, path, DOC_XLSX, "问题台账.xlsx");
}

err_t *api_findings_inbox(api_req_t *r) {
    return finding_svc_inbox(r->svc, r->a, &r->who, &r->out);
}

err_t *api_findings_stats(api_req_t *r) {
    return finding_svc_stats(r->svc, r->a, &r->who, &r->out);
}

err_t *api_findings_settings_get(api_req_t *r) {
    return finding_svc_rules(r->svc, r->a, &r->who, api_query(r, "region_code"), &r->out);
}

err_t *api_findings_settings_set(api_req_t *r) {
    const char *code = api_body_str(r, "region_code");
    err_t *e = finding_svc_set_rule(r->svc, r->a, &r->who, code, api_body_str(r, "name"),
                                    json_integer_value(json_object_get(r->body, "value")));
    return e ? e : finding_svc_rules(r->svc, r->a, &r->who, code, &r->out);
}

err_t *api_extensions_list(api_req_t *r) {
    json_t *arr;
    err_t *e = finding_svc_extensions(r->svc, r->a, &r->who, api_query(r, "state"), &arr);
    if (!e) r->out = api_list(arr, (int64_t)json_array_size(arr));
    return e;
}

err_t *api_orders_list(api_req_t *r) {
    int64_t limit, offset;
    api_page(r, &limit, &offset);
    return finding_svc_orders(r->svc, r->a, &r->who, limit, offset, &r->out);
}

err_t *api_orders_pdf(api_req_t *r) {
    return api_send_pdf_of(r, &r->who, finding_svc_order_pdf);
}

err_t *api_jobs_list(api_req_t *r) {
    return scheduler_status(r->svc, r->a, &r->out);
}

err_t *api_jobs_run(api_req_t *r) {
    const char *as_of = api_body_str(r, "as_of");
    if (as_of && !r->svc->cfg.is_clock_settable)
        return err_new(r->a, ERR_FORBIDDEN, "as_of", "只有测试服务器（DUDAO_TEST_CLOCK=1）可以指定日期运行任务",
                       "only a test server (DUDAO_TEST_CLOCK=1) runs jobs as of another date");
    char today[16];
    if (!as_of) {
        const char *t = finding_today(r->a);
        memcpy(today, t, 11);
        as_of = today;
    }
    if (!time_is_date(as_of)) return err_new(r->a, ERR_INVALID, "as_of", "日期应为 YYYY-MM-DD", "as_of: YYYY-MM-DD");
    return scheduler_run_requested(r->svc, r->a, &r->who, as_of, &r->out);
}

err_t *api_findings_reinspection(api_req_t *r) {
    return finding_svc_reinspection(r->svc, r->a, &r->who, api_body_str(r, "region_code"),
                                    api_body_str(r, "closed_from"), api_body_str(r, "closed_to"), &r->out);
}

err_t *api_orders_confirm(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : finding_svc_order_decide(r->svc, r->a, &r->who, id, true, NULL, &r->out);
}

err_t *api_orders_dismiss(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : finding_svc_order_decide(r->svc, r->a, &r->who, id, false, api_body_str(r, "reason"), &r->out);
}
