/* 突发事件 reports: report, list, read, handle, close, turn into a finding (incident_svc.h). */
#include "svc/incidents/incident_svc.h"

#include <string.h>

#include "store/incidents/incident_store.h"
#include "store/platform/attachment_store.h"
#include "store/roster/school_store.h"
#include "svc/findings/finding_svc.h"
#include "svc/platform/attachment_svc.h"
#include "util/timeutil.h"

static json_t *opt_int(int64_t v) {
    return v ? json_integer(v) : json_null();
}

static json_t *incident_json(const incident_t *x, const actor_t *who) {
    int st = incident_state_parse(x->state);
    const char *names[IA__COUNT + 1];
    size_t n = st < 0 ? 0 : incident_allowed((incident_state_t)st, who->role, x->finding_id != 0, names);
    json_t *actions = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(actions, json_string(names[i]));
    return json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:s?, s:s, s:s, s:s, s:o, s:I, s:s, s:o, s:o, s:o, "
        "s:s?, s:o, s:s?, s:o, s:o}",
        "id", (json_int_t)x->id, "school_id", (json_int_t)x->school_id, "school_name", x->school_name, "region_code",
        x->region_code, "region_name", x->region_name, "title", x->title, "description", x->description, "category",
        x->category, "category_label", incident_category_zh(x->category), "severity", x->severity, "severity_label",
        incident_severity_zh(x->severity), "told", x->told, "state", x->state, "state_label",
        incident_state_label_zh(st < 0 ? IS__COUNT : (incident_state_t)st), "occurred_at", svc_jtime(x->occurred_at),
        "reported_by", (json_int_t)x->reported_by, "reported_by_name", x->reported_by_name, "reported_at",
        svc_jtime(x->reported_at), "handled_at", x->handled_at ? svc_jtime(x->handled_at) : json_null(), "closed_at",
        x->closed_at ? svc_jtime(x->closed_at) : json_null(), "handled_note", x->handled_note, "finding_id",
        opt_int(x->finding_id), "closed_note", x->closed_note, "closed_by", opt_int(x->closed_by), "actions", actions);
}

static bool in_list(const char *const *list, const char *s) {
    for (size_t i = 0; s && list[i]; i++)
        if (strcmp(list[i], s) == 0) return true;
    return false;
}

static err_t *text_check(arena_t *a, const char *field, const char *v, size_t max, bool required, const char *zh,
                         const char *en) {
    if (required && (!v || !*v)) return err_newf(a, ERR_INVALID, field, "请填写%s", "give the %s", zh, en);
    if (v && strlen(v) > max)
        return err_newf(a, ERR_INVALID, field, "%s过长（≤ %zu 字节）", "%s too long (≤ %zu bytes)", zh, max, en, max);
    return NULL;
}

static err_t *input_check(arena_t *a, const incident_input_t *in, int64_t now) {
    err_t *e;
    if (in->school_id <= 0) return err_new(a, ERR_INVALID, "school_id", "请选择发生事件的学校", "choose the school");
    if ((e = text_check(a, "title", in->title, 200, true, "事件概要", "title"))) return e;
    if ((e = text_check(a, "description", in->description, 8000, true, "事件经过", "description"))) return e;
    if ((e = text_check(a, "told", in->told, 1000, false, "已报告对象", "who was told"))) return e;
    if (!in_list(incident_categories, in->category))
        return err_new(a, ERR_INVALID, "category",
                       "事件类别应为 accident | hazard | public_health | violence | disaster | other",
                       "category: accident | hazard | public_health | violence | disaster | other");
    if (!in_list(incident_severities, in->severity))
        return err_new(a, ERR_INVALID, "severity", "事件等级应为 general | large | major | extreme",
                       "severity: general | large | major | extreme");
    if (in->occurred_at < 0 || in->occurred_at > now + 3600)
        return err_new(a, ERR_INVALID, "occurred_at", "发生时间不能晚于现在", "occurred_at cannot be in the future");
    if (in->n_attachments > 20) return err_new(a, ERR_INVALID, "attachment_ids", "照片最多 20 张", "at most 20 photos");
    return NULL;
}

static err_t *load_json(db_t *db, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    incident_t x;
    scope_t sc = scope_of(who);
    err_t *e = incident_store_get(db, a, &sc, id, &x);
    if (e) return e;
    attachment_t *xs;
    size_t n;
    if ((e = attachment_store_list_owner(db, a, &SCOPE_ALL, "incident", id, &xs, &n))) return e;
    json_t *j = incident_json(&x, who);
    json_object_set_new(j, "attachments", attachment_list_json(who, xs, n));
    *out = j;
    return NULL;
}

static err_t *report_tx(db_t *db, arena_t *a, const actor_t *who, const incident_input_t *in, int64_t now,
                        int64_t *id) {
    school_t sch;
    scope_t sc = scope_of(who);
    err_t *e = school_store_get(db, a, &sc, in->school_id, &sch);
    if (e) {
        e->field = "school_id";
        return e;
    }
    incident_t x = {.school_id = sch.id,
                    .region_code = sch.region_code,
                    .title = in->title,
                    .description = in->description,
                    .category = in->category,
                    .severity = in->severity,
                    .told = in->told ? in->told : "",
                    .occurred_at = in->occurred_at ? in->occurred_at : now,
                    .reported_by = who->user_id,
                    .reported_at = now};
    if ((e = incident_store_insert(db, a, &x))) return e;
    for (size_t i = 0; i < in->n_attachments; i++)
        if ((e = attachment_svc_link_tx(db, a, who, in->attachment_ids[i], "incident", x.id))) return e;
    json_t *after =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:I}", "school_id", (json_int_t)x.school_id, "title", x.title,
                  "category", x.category, "severity", x.severity, "told", x.told, "occurred_at",
                  (json_int_t)x.occurred_at, "state", "received", "n_photos", (json_int_t)in->n_attachments);
    e = svc_audit(db, a, who, "create", "incident", svc_id_text(a, x.id), x.region_code, NULL, after);
    json_decref(after);
    *id = x.id;
    return e;
}

err_t *incident_svc_report(svc_t *s, arena_t *a, const actor_t *who, const incident_input_t *in, json_t **out) {
    int64_t now = time_now(), id = 0;
    err_t *e = input_check(a, in, now);
    if (e) return e;
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    e = report_tx(db, a, who, in, now, &id);
    if ((e = svc_end(db, a, e))) return e;
    return incident_svc_get(s, a, who, id, out);
}

err_t *incident_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *state, json_t **out) {
    if (state && incident_state_parse(state) < 0)
        return err_new(a, ERR_INVALID, "state", "状态应为 received | handled | closed",
                       "state: received | handled | closed");
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    incident_t *xs;
    size_t n;
    int64_t received;
    scope_t sc = scope_of(who);
    if ((e = incident_store_list(db, a, &sc, state, 500, &xs, &n, &received))) return e;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, incident_json(&xs[i], who));
    *out = json_pack("{s:o, s:I}", "items", items, "received", (json_int_t)received);
    return NULL;
}

err_t *incident_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : load_json(db, a, who, id, out);
}

/* The draft finding of a report: the school, a severity from the report's class, the text. */
static err_t *to_finding(db_t *db, arena_t *a, const actor_t *who, const incident_t *x, int64_t *finding_id) {
    finding_input_t fi = {
        .school_id = x->school_id,
        .severity = incident_finding_severity(x->severity),
        .category = "突发事件",
        .indicator_code = arena_printf(a, "incident/%s", x->category),
        .indicator_text = arena_printf(a, "突发事件：%s", incident_category_zh(x->category)),
        .description = arena_printf(a, "%s（突发事件报告 #%lld）：%s", x->title, (long long)x->id, x->description),
        .source = "manual"};
    finding_t f;
    err_t *e = finding_svc_create_tx(db, a, who, &fi, &f);
    if (!e) e = incident_store_set_finding(db, a, x->id, f.id);
    *finding_id = f.id;
    return e;
}

static err_t *act_tx(db_t *db, arena_t *a, const actor_t *who, int64_t id, incident_action_t act, const char *note) {
    incident_t x;
    scope_t sc = scope_of(who);
    err_t *e = incident_store_get(db, a, &sc, id, &x);
    if (e) return e;
    int from = incident_state_parse(x.state);
    incident_state_t next;
    incident_refusal_t r = incident_check((incident_state_t)from, act, who->role, note, x.finding_id != 0, &next);
    if (r != IR_OK) {
        int st = incident_refusal_status(r);
        return err_newf(a,
                        st == 403   ? ERR_FORBIDDEN
                        : st == 409 ? ERR_CONFLICT
                                    : ERR_INVALID,
                        r == IR_NOTE_REQUIRED ? "note" : incident_refusal_code(r), "%s（%s）", "%s (%s)",
                        incident_refusal_zh(r), incident_state_label_zh((incident_state_t)from), incident_refusal_en(r),
                        x.state);
    }
    int64_t now = time_now(), finding_id = 0;
    if (act == IA_TO_FINDING)
        e = to_finding(db, a, who, &x, &finding_id);
    else
        e = incident_store_set_state(db, a, id, incident_state_name(next), who->user_id, now, note);
    if (e) return e;
    json_t *before = json_pack("{s:s, s:o}", "state", x.state, "finding_id", opt_int(x.finding_id));
    json_t *after = json_pack("{s:s, s:o, s:s?}", "state", incident_state_name(next), "finding_id",
                              opt_int(finding_id ? finding_id : x.finding_id), "note", note);
    e = svc_audit(db, a, who, incident_transition(act)->name, "incident", svc_id_text(a, id), x.region_code, before,
                  after);
    json_decref(before);
    json_decref(after);
    return e;
}

err_t *incident_svc_act(svc_t *s, arena_t *a, const actor_t *who, int64_t id, incident_action_t act, const char *note,
                        json_t **out) {
    if (note && strlen(note) > 4000)
        return err_new(a, ERR_INVALID, "note", "处置情况过长（≤ 4000 字节）", "note too long (≤ 4000 bytes)");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    e = act_tx(db, a, who, id, act, note);
    if ((e = svc_end(db, a, e))) return e;
    return incident_svc_get(s, a, who, id, out);
}
