#include "svc/visits/report_svc.h"

#include <stdlib.h>
#include <string.h>

#include "core/doc_no.h"
#include "core/visits/task_flow.h"
#include "docs/official_doc.h"
#include "store/platform/doc_counter_store.h"
#include "store/platform/region_store.h"
#include "store/visits/report_store.h"
#include "store/visits/task_store.h"
#include "store/visits/visit_store.h"
#include "svc/visits/task_svc.h"
#include "util/timeutil.h"

static json_t *time_json(int64_t t) {
    if (!t) return json_null();
    char buf[32];
    time_format_iso(t, buf, sizeof buf);
    return json_string(buf);
}

static const char *dump(arena_t *a, const json_t *j) {
    char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
    char *out = arena_strdup(a, s ? s : "null");
    free(s);
    return out;
}

static json_t *report_json(const task_report_t *r) {
    json_error_t je;
    json_t *body = json_loads(r->body_json, 0, &je);
    return json_pack("{s:I, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:b}", "id", (json_int_t)r->id, "task_id",
                     (json_int_t)r->task_id, "doc_no", r->doc_no, "body", body ? body : json_null(), "composed_at",
                     time_json(r->composed_at), "sent_to", svc_jstr(r->sent_to), "sent_at", time_json(r->sent_at),
                     "filed_with", svc_jstr(r->filed_with), "is_public", r->is_public);
}

static json_t *report_out(arena_t *a, const task_report_t *r) {
    json_t *j = report_json(r);
    json_object_set_new(j, "filed_at", time_json(r->filed_at));
    json_object_set_new(j, "published_at", time_json(r->published_at));
    json_object_set_new(j, "url", json_string(arena_printf(a, "/api/v1/tasks/%lld/report.pdf", (long long)r->task_id)));
    return j;
}

static err_t *load_task(db_t *db, arena_t *a, const actor_t *who, int64_t id, task_t *t) {
    scope_t sc = task_scope_of(who);
    err_t *e = task_store_get(db, a, &sc, id, t);
    task_kind_t k = TASK_ROUTINE;
    if (!e && (!task_kind_parse(t->kind, &k) || !task_kind_has_procedure(k)))
        e = err_new(a, ERR_CONFLICT, "task_id", "只有专项督导和综合督导有督导报告",
                    "only 专项 and 综合 tasks have a 督导报告");
    return e;
}

static const char *team_text(arena_t *a, const task_t *t) {
    const char *s = "";
    for (size_t i = 0; i < t->n_members; i++)
        s = arena_printf(a, "%s%s%s%s", s, i ? "、" : "", t->members[i].name,
                         strcmp(t->members[i].role, "leader") == 0 ? "（组长）" : "");
    return s;
}

err_t *report_svc_compose(svc_t *s, arena_t *a, const actor_t *who, int64_t task_id, json_t **out) {
    if (who->role != ROLE_ADMIN)
        return err_new(a, ERR_FORBIDDEN, NULL, "督导报告由督导室撰写", "the office composes the report");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    task_t t;
    task_report_t rep;
    bool found = false;
    region_t county;
    json_t *body = NULL;
    if ((e = load_task(db, a, who, task_id, &t)) || (e = report_store_get(db, a, task_id, &rep, &found))) goto done;
    if (found) {
        e = err_new(a, ERR_CONFLICT, "task_id", "督导报告已撰写", "the report was already composed");
        goto done;
    }
    if ((e = region_store_get(db, a, "/", t.region_code, &county))) goto done;
    json_t *targets = json_array();
    body = json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:o}", "task_title", t.title, "kind", t.kind, "kind_label",
                     task_kind_label((task_kind_t)0), "starts_on", svc_jstr(t.starts_on), "due_on", svc_jstr(t.due_on),
                     "team", team_text(a, &t), "county_name", county.name, "targets", targets);
    task_kind_t k = TASK_ROUTINE;
    task_kind_parse(t.kind, &k);
    json_object_set_new(body, "kind_label", json_string(task_kind_label(k)));
    size_t n_findings_all = 0;
    for (size_t i = 0; i < t.n_targets_loaded; i++) {
        const task_target_row_t *g = &t.targets[i];
        task_step_t gs = STEP_NOTICE;
        const char *name = g->school_name ? g->school_name : g->region_name;
        if (!g->step || !task_step_parse(g->step, &gs) || gs <= STEP_OPINION) {
            e = err_newf(a, ERR_CONFLICT, "task_id", "%s 的督导意见书尚未签发，不能撰写督导报告",
                         "the opinion of %s is not issued yet: the report waits for every target's", name, name);
            goto done;
        }
        json_t *tj = json_pack("{s:I, s:s, s:s}", "target_id", (json_int_t)g->id, "name", name, "step_label",
                               task_step_label(gs));
        json_array_append_new(targets, tj);
        if (!g->visit_id) continue;
        visit_t v;
        if ((e = visit_store_get(db, a, &(scope_t){.region_path = "/"}, g->visit_id, &v))) goto done;
        json_object_set_new(tj, "score", svc_jstr(v.score_total));
        json_object_set_new(tj, "grade", svc_jstr(v.grade));
        visit_finding_row_t *fr;
        size_t nf;
        if ((e = visit_store_findings(db, a, g->visit_id, true, &fr, &nf))) goto done;
        json_t *fa = json_array();
        for (size_t j = 0; j < nf; j++)
            json_array_append_new(fa, json_string(fr[j].description ? fr[j].description : fr[j].indicator_text));
        json_object_set_new(tj, "findings", fa);
        n_findings_all += nf;
        visit_document_t doc;
        bool has_doc = false;
        if ((e = visit_store_get_document(db, a, g->visit_id, "opinion", &doc, &has_doc))) goto done;
        json_object_set_new(tj, "opinion_no", has_doc ? json_string(doc.doc_no) : json_null());
    }
    json_object_set_new(body, "n_findings", json_integer((json_int_t)n_findings_all));
    char today[16];
    time_today_cn(today, sizeof today);
    json_object_set_new(body, "composed_on", json_string(today));
    int year = atoi(today);
    int64_t seq;
    if ((e = doc_counter_next(db, a, county.code, year, "report", &seq))) goto done;
    const char *no = svc_doc_no(db, a, county.code, county.name, "督", year, seq);
    rep = (task_report_t){.task_id = task_id,
                          .county_code = county.code,
                          .year = year,
                          .seq = seq,
                          .doc_no = arena_strdup(a, no),
                          .body_json = dump(a, body),
                          .composed_by = who->user_id,
                          .composed_at = time_now()};
    if ((e = report_store_insert(db, a, &rep))) goto done;
    *out = report_out(a, &rep);
    e = svc_audit(db, a, who, "compose_report", "task", svc_id_text(a, task_id), t.region_code, NULL, *out);
    if (e) json_decref(*out);
done:
    json_decref(body);
    return svc_end(db, a, e);
}

err_t *report_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t task_id, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    task_t t;
    task_report_t rep;
    bool found = false;
    if (!e) e = load_task(db, a, who, task_id, &t);
    if (!e) e = report_store_get(db, a, task_id, &rep, &found);
    if (!e && !found) e = err_new(a, ERR_NOT_FOUND, "task_id", "督导报告尚未撰写", "no report yet");
    if (!e) *out = report_out(a, &rep);
    return e;
}

err_t *report_svc_act(svc_t *s, arena_t *a, const actor_t *who, int64_t task_id, const char *action, const char *to,
                      json_t **out) {
    bool is_send = action && strcmp(action, "send") == 0, is_file = action && strcmp(action, "file") == 0;
    bool is_publish = action && strcmp(action, "publish") == 0;
    if (!is_send && !is_file && !is_publish)
        return err_new(a, ERR_INVALID, "action", "应为 send（报送本级人民政府）/ file（报上级备案）/ publish（公布）",
                       "action: send, file or publish");
    if (to && (!*to || strlen(to) > 200))
        return err_new(a, ERR_INVALID, "to", "报送或备案机关名称无效", "the recipient is invalid");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    task_t t;
    task_report_t rep;
    bool found = false;
    region_t county, parent;
    if ((e = load_task(db, a, who, task_id, &t)) || (e = report_store_get(db, a, task_id, &rep, &found))) goto done;
    if (!found) {
        e = err_new(a, ERR_CONFLICT, "task_id", "请先撰写督导报告", "compose the report first");
        goto done;
    }
    if ((is_send && rep.sent_at) || (is_file && rep.filed_at) || (is_publish && rep.is_public)) {
        e = err_new(a, ERR_CONFLICT, "action", "该步骤已完成", "already done");
        goto done;
    }
    if (is_publish && !rep.sent_at) {
        e = err_new(a, ERR_CONFLICT, "action", "督导报告报送本级人民政府后才能公布",
                    "the report is sent to the government before it is published");
        goto done;
    }
    if ((e = region_store_get(db, a, "/", t.region_code, &county))) goto done;
    if (!to && is_send) to = arena_printf(a, "%s人民政府", county.name);
    if (!to && is_file) {
        if (county.parent_code && !region_store_get(db, a, "/", county.parent_code, &parent))
            to = arena_printf(a, "%s人民政府教育督导委员会办公室", parent.name);
        else
            to = "上一级人民政府教育督导机构";
    }
    int64_t now = time_now();
    if ((e = report_store_mark(db, a, task_id, action, is_publish ? NULL : to, now)) ||
        (e = report_store_get(db, a, task_id, &rep, &found)))
        goto done;
    *out = report_out(a, &rep);
    json_t *after = json_pack("{s:s, s:o}", "action", action, "to", svc_jstr(is_publish ? NULL : to));
    e = svc_audit(db, a, who, arena_printf(a, "report_%s", action), "task", svc_id_text(a, task_id), t.region_code,
                  NULL, after);
    json_decref(after);
    if (e) json_decref(*out);
done:
    return svc_end(db, a, e);
}

err_t *report_svc_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t task_id, buf_t *out, const char **filename) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    task_t t;
    task_report_t rep;
    bool found = false;
    region_t county;
    if (!e) e = load_task(db, a, who, task_id, &t);
    if (!e) e = report_store_get(db, a, task_id, &rep, &found);
    if (!e && !found) e = err_new(a, ERR_NOT_FOUND, "task_id", "督导报告尚未撰写", "no report yet");
    if (!e) e = region_store_get(db, a, "/", t.region_code, &county);
    if (e) return e;
    json_error_t je;
    json_t *b = json_loads(rep.body_json, 0, &je);
    if (!b) return err_new(a, ERR_INTERNAL, NULL, "督导报告内容损坏", "the stored report is unreadable");
    json_t *targets = json_object_get(b, "targets");
    size_t nt = json_array_size(targets);
    const char **paras = arena_alloc(a, (nt + 4) * sizeof *paras);
    official_doc_field_t *fields = arena_alloc(a, (nt + 1) * sizeof *fields);
    size_t np = 0;
    paras[np++] = arena_printf(
        a,
        "根据《教育督导条例》，%s人民政府教育督导室于 %s 至 %s "
        "组织开展了%s（%s），督导小组成员：%s。督导依法进行了书面通知、"
        "学校自评、听取意见、现场督导、反馈初步意见和申辩，并逐校签发了督导意见书。现将督导情况报告如下。",
        county.name,
        json_string_value(json_object_get(b, "starts_on")) ? json_string_value(json_object_get(b, "starts_on")) : "—",
        json_string_value(json_object_get(b, "due_on")) ? json_string_value(json_object_get(b, "due_on")) : "—",
        json_string_value(json_object_get(b, "kind_label")), json_string_value(json_object_get(b, "task_title")),
        json_string_value(json_object_get(b, "team")));
    paras[np++] = arena_printf(a, "本次督导对象 %zu 个，发现问题 %lld 项，均已提出限期整改要求。", nt,
                               (long long)json_integer_value(json_object_get(b, "n_findings")));
    size_t i;
    json_t *x;
    json_array_foreach(targets, i, x) {
        const char *name = json_string_value(json_object_get(x, "name"));
        const char *grade = json_string_value(json_object_get(x, "grade"));
        const char *score = json_string_value(json_object_get(x, "score"));
        const char *op = json_string_value(json_object_get(x, "opinion_no"));
        json_t *fa = json_object_get(x, "findings");
        const char *probs = "";
        size_t j;
        json_t *f;
        json_array_foreach(fa, j, f) probs =
            arena_printf(a, "%s%s%zu. %s", probs, j ? "；" : "", j + 1, json_string_value(f));
        paras[np++] = arena_printf(a, "%s：%s%s%s%s。%s%s", name, grade ? "督导等级" : "", grade ? grade : "",
                                   score ? "，得分 " : "", score ? score : "",
                                   json_array_size(fa) ? "存在问题：" : "未发现需整改的问题。", probs);
        fields[i] = (official_doc_field_t){name, arena_printf(a, "%s%s%s；问题 %zu 项；意见书 %s", grade ? grade : "—",
                                                              score ? " / " : "", score ? score : "",
                                                              json_array_size(fa), op ? op : "—")};
    }
    paras[np++] = "请各督导对象按督导意见书要求限期整改，督导室将组织核查，整改情况纳入年度考核。";
    official_doc_t d = {
        .office = arena_printf(a, "%s人民政府教育督导室", county.name),
        .doc_no = rep.doc_no,
        .title = arena_printf(a, "%s督导报告", json_string_value(json_object_get(b, "task_title"))),
        .addressee = arena_printf(a, "%s：", rep.sent_to ? rep.sent_to : arena_printf(a, "%s人民政府", county.name)),
        .paragraphs = paras,
        .n_paragraphs = np,
        .fields = fields,
        .n_fields = nt,
        .date_text = official_doc_date_cn(a, json_string_value(json_object_get(b, "composed_on"))),
        .copy_to = rep.filed_with ? arena_printf(a, "报：%s（备案）", rep.filed_with) : NULL};
    e = official_doc_pdf(a, &d, out);
    if (!e) *filename = arena_printf(a, "督导报告-%s.pdf", json_string_value(json_object_get(b, "task_title")));
    json_decref(b);
    return e;
}

err_t *report_svc_public_list(svc_t *s, arena_t *a, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    public_report_t *rows;
    size_t n;
    if (!e) e = report_store_public_list(db, a, 200, &rows, &n);
    if (e) return e;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s}", "task_id", (json_int_t)rows[i].task_id, "doc_no",
                             rows[i].doc_no, "title", rows[i].title, "county_code", rows[i].county_code, "county_name",
                             rows[i].county_name, "published_at", time_json(rows[i].published_at), "pdf",
                             arena_printf(a, "/api/v1/public/reports/%lld/pdf", (long long)rows[i].task_id)));
    *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
    return NULL;
}

err_t *report_svc_public_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t task_id, buf_t *out,
                             const char **filename) {
    (void)who; /* the public: no account */
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    task_report_t rep;
    bool found = false;
    if (!e) e = report_store_get(db, a, task_id, &rep, &found);
    if (e) return e;
    if (!found || !rep.is_public)
        return err_newf(a, ERR_NOT_FOUND, "id", "督导报告 %lld 未公布", "report %lld is not published",
                        (long long)task_id, (long long)task_id);
    /* published: the same document the office reads, rendered on the system's behalf */
    const actor_t system = {.role = ROLE_ADMIN, .region_path = "/", .region_code = rep.county_code};
    return report_svc_pdf(s, a, &system, task_id, out, filename);
}
