/* /api/v1/tasks and /api/v1/visits: 督导任务 and 督导记录. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/visits/handlers_visits.h"
#include "svc/platform/attachment_svc.h"
#include "svc/visits/report_svc.h"
#include "svc/visits/task_svc.h"
#include "svc/visits/visit_svc.h"
#include "util/timeutil.h"

/* ---------------- tasks ---------------- */

err_t *api_tasks_list(api_req_t *r) {
    task_filter_t f = {.kind = api_query(r, "kind"),
                       .status = api_query(r, "status"),
                       .month = api_query(r, "month"),
                       .q = api_query(r, "q")};
    api_page(r, &f.limit, &f.offset);
    f.school_id = api_query_i64(r, "school_id", 0);
    f.inspector_id = api_query_i64(r, "inspector_id", 0);
    int is_overdue = api_query_flag(r, "overdue", 0);
    char today[16];
    time_today_cn(today, sizeof today);
    if (is_overdue) {
        f.due_before = today;
        if (!f.status) f.status = "open";
    }
    task_t *items;
    size_t n;
    int64_t total;
    err_t *e;
    if ((e = task_svc_list(r->svc, r->a, &r->who, &f, &items, &n, &total))) return e;
    r->out = api_list(API_JSON_ARRAY(items, n, task_to_json), total);
    return NULL;
}

static err_t *ids_of(api_req_t *r, const char *name, int64_t **out, size_t *n) {
    json_t *arr = json_object_get(r->body, name);
    *n = json_array_size(arr);
    if (*n > 500) return err_newf(r->a, ERR_INVALID, name, "%s 最多 500 项", "%s holds at most 500", name, name);
    *out = arena_alloc(r->a, (*n + 1) * sizeof **out);
    for (size_t i = 0; i < *n; i++) {
        json_t *x = json_array_get(arr, i);
        if (!json_is_integer(x) || json_integer_value(x) <= 0)
            return err_newf(r->a, ERR_INVALID, name, "%s 应为编号数组", "%s must be an array of ids", name, name);
        (*out)[i] = json_integer_value(x);
    }
    return NULL;
}

err_t *api_tasks_create(api_req_t *r) {
    task_input_t in = {.kind = api_body_str(r, "kind"),
                       .title = api_body_str(r, "title"),
                       .notice_mode = api_body_str(r, "notice_mode"),
                       .starts_on = api_body_str(r, "starts_on"),
                       .due_on = api_body_str(r, "due_on"),
                       .description = api_body_str(r, "description"),
                       .notice_text = api_body_str(r, "notice_text")};
    json_t *fv = json_object_get(r->body, "framework_version_id");
    in.framework_version_id = json_is_integer(fv) ? json_integer_value(fv) : 0;
    err_t *e = ids_of(r, "school_ids", &in.school_ids, &in.n_schools);
    if (e) return e;
    if ((e = ids_of(r, "unit_ids", &in.unit_ids, &in.n_units))) return e;
    json_t *gov = json_object_get(r->body, "government_codes");
    in.n_governments = json_array_size(gov);
    in.government_codes = arena_alloc(r->a, (in.n_governments + 1) * sizeof *in.government_codes);
    for (size_t i = 0; i < in.n_governments; i++) {
        const char *c = json_string_value(json_array_get(gov, i));
        if (!c) return err_new(r->a, ERR_INVALID, "government_codes", "应为区划代码数组", "an array of region codes");
        in.government_codes[i] = arena_strdup(r->a, c);
    }
    json_t *members = json_object_get(r->body, "members");
    in.n_members = json_array_size(members);
    if (in.n_members > 50) return err_new(r->a, ERR_INVALID, "members", "督学最多 50 名", "at most 50 inspectors");
    in.members = arena_alloc(r->a, (in.n_members + 1) * sizeof *in.members);
    for (size_t i = 0; i < in.n_members; i++) {
        json_t *m = json_array_get(members, i);
        json_t *id = json_object_get(m, "inspector_id");
        json_t *role = json_object_get(m, "role");
        const char *k;
        json_t *v;
        json_object_foreach(m, k, v) if (strcmp(k, "inspector_id") != 0 && strcmp(k, "role") != 0) return err_newf(
            r->a, ERR_UNKNOWN_FIELD, "members", "不支持的字段 %s", "unknown field %s", k, k);
        if (!json_is_integer(id) || (role && !json_is_string(role)))
            return err_new(r->a, ERR_INVALID, "members", "members 应为 [{inspector_id, role}]",
                           "members are [{inspector_id, role}]");
        in.members[i] =
            (task_member_in_t){json_integer_value(id), role ? arena_strdup(r->a, json_string_value(role)) : NULL};
    }
    task_t t;
    if (!(e = task_svc_create(r->svc, r->a, &r->who, &in, &t))) r->out = task_to_json(&t);
    return e;
}

err_t *api_tasks_get(api_req_t *r) {
    int64_t id;
    task_t t;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = task_svc_get(r->svc, r->a, &r->who, id, &t);
    if (!e) r->out = task_to_json(&t);
    return e;
}

err_t *api_tasks_update(api_req_t *r) {
    int64_t id;
    task_t t;
    err_t *e = api_path_id(r, 0, &id);
    if (!e)
        e = task_svc_update(r->svc, r->a, &r->who, id, api_body_str(r, "title"), api_body_str(r, "starts_on"),
                            api_body_str(r, "due_on"), api_body_str(r, "description"), api_body_str(r, "status"), &t);
    if (!e) r->out = task_to_json(&t);
    return e;
}

err_t *api_tasks_step(api_req_t *r) {
    int64_t id;
    task_t t;
    err_t *e = api_path_id(r, 0, &id);
    json_t *att = json_object_get(r->body, "attachment_id");
    json_t *tg = json_object_get(r->body, "target_id");
    if (!e)
        e = task_svc_complete_step(r->svc, r->a, &r->who, id, json_is_integer(tg) ? json_integer_value(tg) : 0,
                                   api_body_str(r, "step"), api_body_str(r, "note"),
                                   json_is_integer(att) ? json_integer_value(att) : 0, &t);
    if (!e) r->out = task_to_json(&t);
    return e;
}

err_t *api_tasks_generate(api_req_t *r) {
    task_gen_stats_t st;
    const char *month = api_body_str(r, "month");
    err_t *e = task_svc_generate_routine_in(r->svc, r->a, &r->who, month, &st);
    if (!e)
        r->out =
            json_pack("{s:s, s:I, s:I, s:I, s:I}", "month", month, "n_inspectors", (json_int_t)st.n_inspectors,
                      "n_tasks_created", (json_int_t)st.n_tasks_created, "n_targets_added",
                      (json_int_t)st.n_targets_added, "n_targets_off_session", (json_int_t)st.n_targets_off_session);
    return e;
}

err_t *api_tasks_frameworks(api_req_t *r) {
    return task_svc_frameworks(r->svc, r->a, &r->who, &r->out);
}

/* ---------------- visits ---------------- */

err_t *api_visits_agenda(api_req_t *r) {
    return task_svc_agenda(r->svc, r->a, &r->who, &r->out);
}

err_t *api_visits_list(api_req_t *r) {
    visit_filter_t f = {.status = api_query(r, "status"), .from = api_query(r, "from"), .to = api_query(r, "to")};
    api_page(r, &f.limit, &f.offset);
    f.task_id = api_query_i64(r, "task_id", 0);
    f.school_id = api_query_i64(r, "school_id", 0);
    f.inspector_id = api_query_i64(r, "inspector_id", 0);
    err_t *e;
    visit_t *items;
    size_t n;
    int64_t total;
    if ((e = visit_svc_list(r->svc, r->a, &r->who, &f, &items, &n, &total))) return e;
    r->out = api_list(API_JSON_ARRAY(items, n, visit_to_json), total);
    return NULL;
}

err_t *api_visits_open(api_req_t *r) {
    int64_t id;
    err_t *e = visit_svc_open(r->svc, r->a, &r->who, json_integer_value(json_object_get(r->body, "target_id")), &id);
    if (!e) e = visit_svc_get(r->svc, r->a, &r->who, id, &r->out);
    return e;
}

err_t *api_visits_get(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : visit_svc_get(r->svc, r->a, &r->who, id, &r->out);
}

err_t *api_visits_save(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    json_t *rev = json_object_get(r->body, "revision");
    if (!e)
        e = visit_svc_save(r->svc, r->a, &r->who, id, json_object_get(r->body, "answers"), api_body_str(r, "notes"),
                           api_body_has(r, "notes"), json_is_integer(rev) ? json_integer_value(rev) : -1);
    if (!e) e = visit_svc_get(r->svc, r->a, &r->who, id, &r->out);
    return e;
}

err_t *api_visits_checkin(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    json_t *acc = json_object_get(r->body, "accuracy_m");
    if (!e)
        e = visit_svc_checkin(r->svc, r->a, &r->who, id, json_number_value(json_object_get(r->body, "lat")),
                              json_number_value(json_object_get(r->body, "lng")), acc ? json_number_value(acc) : 0);
    if (!e) e = visit_svc_get(r->svc, r->a, &r->who, id, &r->out);
    return e;
}

err_t *api_visits_photo(api_req_t *r) {
    int64_t id, taken_at = api_query_i64(r, "taken_at", 0);
    double lat = 0, lng = 0;
    bool has_lat = api_query_number(r, "lat", &lat), has_lng = api_query_number(r, "lng", &lng);
    err_t *e = api_path_id(r, 0, &id);
    if (!e && has_lat != has_lng)
        e = err_new(r->a, ERR_INVALID, has_lat ? "lng" : "lat", "经度和纬度须同时提供",
                    "latitude and longitude go together");
    attachment_t x;
    if (!e)
        e = visit_svc_add_photo(r->svc, r->a, &r->who, id, taken_at, has_lat && has_lng, lat, lng, api_query(r, "name"),
                                r->raw_body, r->n_raw_body, &x);
    if (!e) r->out = attachment_to_json(&x);
    return e;
}

err_t *api_visits_submit(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = visit_svc_submit(r->svc, r->a, &r->who, id);
    if (!e) e = visit_svc_get(r->svc, r->a, &r->who, id, &r->out);
    return e;
}

err_t *api_visits_amend(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (!e)
        e = visit_svc_amend(r->svc, r->a, &r->who, id, json_object_get(r->body, "answers"), api_body_str(r, "reason"));
    if (!e) e = visit_svc_get(r->svc, r->a, &r->who, id, &r->out);
    return e;
}

err_t *api_visits_opinion(api_req_t *r) {
    int64_t id;
    visit_document_t d;
    err_t *e = api_path_id(r, 0, &id);
    if (!e)
        e = visit_svc_issue_opinion(r->svc, r->a, &r->who, id, api_body_str(r, "evaluation"),
                                    api_body_str(r, "deadline"), json_object_get(r->body, "requirements"), &d);
    if (!e)
        r->out = json_pack("{s:I, s:s, s:I, s:I, s:s, s:s}", "visit_id", (json_int_t)id, "doc_no", d.doc_no, "year",
                           (json_int_t)d.year, "seq", (json_int_t)d.seq, "deadline", d.deadline, "url",
                           arena_printf(r->a, "/api/v1/visits/%lld/opinion.pdf", (long long)id));
    return e;
}

static err_t *send_pdf(api_req_t *r, buf_t *b, const char *filename) {
    api_send_document(r, DOC_PDF, filename, b->p, b->n);
    buf_free(b);
    return NULL;
}

err_t *api_visits_record_pdf(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    buf_t b;
    buf_init(&b);
    const char *name = NULL;
    if (!e) e = visit_svc_record_pdf(r->svc, r->a, &r->who, id, &b, &name);
    if (e) {
        buf_free(&b);
        return e;
    }
    return send_pdf(r, &b, name);
}

err_t *api_visits_opinion_pdf(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    buf_t b;
    buf_init(&b);
    const char *name = NULL;
    if (!e) e = visit_svc_opinion_pdf(r->svc, r->a, &r->who, id, &b, &name);
    if (e) {
        buf_free(&b);
        return e;
    }
    return send_pdf(r, &b, name);
}

err_t *api_visits_coverage(api_req_t *r) {
    return visit_svc_coverage(r->svc, r->a, &r->who, api_query(r, "month"), api_json(r));
}

err_t *api_visits_calendar(api_req_t *r) {
    return visit_svc_calendar(r->svc, r->a, &r->who, api_query(r, "month"), &r->out);
}

/* ---------------- 督导报告 (条例第二十三条) ---------------- */

err_t *api_tasks_report_compose(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : report_svc_compose(r->svc, r->a, &r->who, id, &r->out);
}

err_t *api_tasks_report_get(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : report_svc_get(r->svc, r->a, &r->who, id, &r->out);
}

err_t *api_tasks_report_act(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : report_svc_act(r->svc, r->a, &r->who, id, api_body_str(r, "action"), api_body_str(r, "to"), &r->out);
}

err_t *api_tasks_report_pdf(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    buf_t b;
    buf_init(&b);
    const char *name = NULL;
    if (!e) e = report_svc_pdf(r->svc, r->a, &r->who, id, &b, &name);
    if (e) {
        buf_free(&b);
        return e;
    }
    return send_pdf(r, &b, name);
}

err_t *api_visits_cycles(api_req_t *r) {
    return task_svc_cycles(r->svc, r->a, &r->who, &r->out);
}

err_t *api_agency_code_get(api_req_t *r) {
    return task_svc_agency_code_get(r->svc, r->a, &r->who, &r->out);
}

err_t *api_agency_code_set(api_req_t *r) {
    return task_svc_agency_code_set(r->svc, r->a, &r->who, api_body_str(r, "agency_code"), &r->out);
}

err_t *api_tasks_hearing(api_req_t *r) {
    int64_t id;
    task_t t;
    err_t *e = api_path_id(r, 0, &id);
    json_t *tg = json_object_get(r->body, "target_id"), *np = json_object_get(r->body, "n_participants");
    if (!e)
        e = task_svc_add_hearing(r->svc, r->a, &r->who, id, json_is_integer(tg) ? json_integer_value(tg) : 0,
                                 api_body_str(r, "kind"), api_body_str(r, "held_on"),
                                 json_is_integer(np) ? json_integer_value(np) : 0, api_body_str(r, "summary"), &t);
    if (!e) r->out = task_to_json(&t);
    return e;
}

err_t *api_tasks_expert_add(api_req_t *r) {
    int64_t id;
    task_t t;
    err_t *e = api_path_id(r, 0, &id);
    if (!e)
        e = task_svc_add_expert(r->svc, r->a, &r->who, id, api_body_int(r, "user_id"), api_body_str(r, "kind"),
                                api_body_str(r, "org"), &t);
    if (!e) r->out = task_to_json(&t);
    return e;
}

err_t *api_tasks_expert_remove(api_req_t *r) {
    int64_t id, user_id;
    task_t t;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = api_path_id(r, 1, &user_id);
    if (!e) e = task_svc_remove_expert(r->svc, r->a, &r->who, id, user_id, &t);
    if (!e) r->out = task_to_json(&t);
    return e;
}

err_t *api_tasks_expert_note(api_req_t *r) {
    int64_t id;
    task_t t;
    err_t *e = api_path_id(r, 0, &id);
    if (!e)
        e = task_svc_add_expert_note(r->svc, r->a, &r->who, id, api_body_int(r, "target_id"), api_body_str(r, "text"),
                                     &t);
    if (!e) r->out = task_to_json(&t);
    return e;
}

err_t *api_public_reports(api_req_t *r) {
    return report_svc_public_list(r->svc, r->a, &r->out);
}

err_t *api_public_report_pdf(api_req_t *r) {
    return api_send_pdf_of(r, NULL, report_svc_public_pdf);
}
