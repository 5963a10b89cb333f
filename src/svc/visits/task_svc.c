#include "svc/visits/task_svc.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/doc_no.h"
#include "core/visits/task_flow.h"
#include "store/frameworks/framework_store.h"
#include "store/platform/region_store.h"
#include "store/platform/setting_store.h"
#include "store/platform/user_store.h"
#include "store/roster/assignment_store.h"
#include "store/roster/inspector_store.h"
#include "store/roster/school_store.h"
#include "store/units/unit_store.h"
#include "store/visits/visit_store.h"
#include "svc/calendar/calendar_svc.h"
#include "svc/frameworks/checklist.h"
#include "svc/visits/visit_frameworks.h"
#include "util/timeutil.h"

static json_t *jstr(const char *s) {
    return s ? json_string(s) : json_null();
}

static json_t *jid(int64_t id) {
    return id ? json_integer(id) : json_null();
}

static const char *id_text(arena_t *a, int64_t id) {
    return arena_printf(a, "%" PRId64, id);
}

scope_t task_scope_of(const actor_t *who) {
    scope_t sc = {0};
    if (who->role == ROLE_INSPECTOR)
        sc.inspector_user_id = who->user_id;
    else if (who->role == ROLE_SCHOOL)
        sc.school_id = who->school_id > 0 ? who->school_id : -1;
    else if (who->role == ROLE_UNIT)
        sc.unit_id = who->unit_id > 0 ? who->unit_id : -1; /* a 被督导单位: the tasks that target its unit */
    else if (who->role == ROLE_EXPERT) /* a non-inspector team member: its tasks, all their targets */
        sc = (scope_t){.region_path = who->region_path, .expert_user_id = who->user_id};
    else
        sc.region_path = who->region_path;
    return sc;
}

static json_t *time_json(int64_t t) {
    if (!t) return json_null();
    char buf[32];
    time_format_iso(t, buf, sizeof buf);
    return json_string(buf);
}

static json_t *task_targets_json(const task_t *t) {
    json_t *arr = json_array();
    for (size_t i = 0; i < t->n_targets_loaded; i++) {
        const task_target_row_t *g = &t->targets[i];
        json_t *gj = json_pack("{s:I, s:o, s:o, s:s, s:o, s:s, s:o, s:o}", "id", (json_int_t)g->id, "school_id",
                               jid(g->school_id), "school_name", jstr(g->school_name), "region_code", g->region_code,
                               "region_name", jstr(g->region_name), "status", g->status, "visit_id", jid(g->visit_id),
                               "visit_status", jstr(g->visit_status));
        json_object_set_new(gj, "unit_id", jid(g->unit_id));
        json_object_set_new(gj, "unit_name", jstr(g->unit_name));
        task_step_t gs;
        if (g->step && task_step_parse(g->step, &gs)) { /* the 条例 procedure of this target */
            json_object_set_new(gj, "step", json_string(g->step));
            json_object_set_new(gj, "step_label", json_string(task_step_label(gs)));
            json_object_set_new(gj, "next_step",
                                gs < STEP_CLOSED ? json_string(task_step_name((task_step_t)(gs + 1))) : json_null());
            task_rule_t op = task_flow_opinion_allowed(gs);
            json_object_set_new(gj, "can_issue_opinion", json_boolean(op.is_ok));
            json_object_set_new(gj, "opinion_refused", op.is_ok ? json_null() : json_string(op.message));
        }
        json_array_append_new(arr, gj);
    }
    return arr;
}

static json_t *task_steps_json(const task_t *t) {
    json_t *arr = json_array();
    for (size_t i = 0; i < t->n_steps; i++) {
        const task_step_row_t *p = &t->steps[i];
        task_step_t ps = STEP_NOTICE;
        task_step_parse(p->step, &ps);
        json_array_append_new(arr, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "step", p->step, "label",
                                             task_step_label(ps), "target_id", jid(p->target_id), "note", jstr(p->note),
                                             "attachment_id", jid(p->attachment_id), "done_by", jstr(p->done_by_name),
                                             "done_at", time_json(p->done_at)));
    }
    return arr;
}

static json_t *task_hearings_json(const task_t *t) {
    static const char *const labels[][2] = {
        {"public", "听取公众意见"}, {"students", "学生座谈会"}, {"parents", "家长座谈会"}, {"teachers", "教师座谈会"}};
    json_t *arr = json_array();
    for (size_t i = 0; i < t->n_hearings; i++) {
        const task_hearing_row_t *h = &t->hearings[i];
        const char *label = "";
        for (size_t q = 0; q < 4; q++)
            if (strcmp(h->kind, labels[q][0]) == 0) label = labels[q][1];
        json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:o}", "id", (json_int_t)h->id,
                                             "target_id", (json_int_t)h->target_id, "kind", h->kind, "label", label,
                                             "held_on", h->held_on, "n_participants", (json_int_t)h->n_participants,
                                             "summary", h->summary, "recorded_by", jstr(h->recorded_by_name)));
    }
    return arr;
}

json_t *task_to_json(const task_t *t) {
    json_t *j = json_object();
    task_kind_t k = TASK_ROUTINE;
    task_kind_parse(t->kind, &k);
    json_object_set_new(j, "id", json_integer(t->id));
    json_object_set_new(j, "kind", jstr(t->kind));
    json_object_set_new(j, "kind_label", json_string(task_kind_label(k)));
    json_object_set_new(j, "title", jstr(t->title));
    json_object_set_new(j, "region_code", jstr(t->region_code));
    json_object_set_new(j, "region_name", jstr(t->region_name));
    json_object_set_new(j, "framework_version_id", jid(t->framework_version_id));
    json_object_set_new(j, "framework_code", jstr(t->framework_code));
    json_object_set_new(j, "notice_mode", jstr(t->notice_mode));
    json_object_set_new(j, "month", jstr(t->month));
    json_object_set_new(j, "starts_on", jstr(t->starts_on));
    json_object_set_new(j, "due_on", jstr(t->due_on));
    json_object_set_new(j, "status", jstr(t->status));
    json_object_set_new(j, "step", jstr(t->step));
    task_step_t st;
    json_object_set_new(j, "step_label",
                        t->step && task_step_parse(t->step, &st) ? json_string(task_step_label(st)) : json_null());
    json_object_set_new(j, "description", jstr(t->description));
    json_object_set_new(j, "notice_text", jstr(t->notice_text));
    json_object_set_new(j, "created_at", time_json(t->created_at));
    json_object_set_new(j, "updated_at", time_json(t->updated_at));
    char today[16];
    time_today_cn(today, sizeof today);
    json_object_set_new(j, "is_overdue",
                        json_boolean(strcmp(t->status, "open") == 0 && t->due_on && strcmp(t->due_on, today) < 0));
    json_object_set_new(j, "progress",
                        json_pack("{s:I, s:I, s:I}", "n_targets", (json_int_t)t->n_targets, "n_visited",
                                  (json_int_t)t->n_visited, "n_started", (json_int_t)t->n_started));
    if (t->members) {
        json_t *arr = json_array();
        for (size_t i = 0; i < t->n_members; i++)
            json_array_append_new(arr,
                                  json_pack("{s:I, s:s, s:s}", "inspector_id", (json_int_t)t->members[i].inspector_id,
                                            "name", t->members[i].name, "role", t->members[i].role));
        json_object_set_new(j, "members", arr);
    }
    if (t->targets) json_object_set_new(j, "targets", task_targets_json(t));
    if (t->steps) json_object_set_new(j, "steps", task_steps_json(t));
    if (t->hearings) json_object_set_new(j, "hearings", task_hearings_json(t));
    if (t->experts) {
        json_t *arr = json_array();
        for (size_t i = 0; i < t->n_experts; i++) {
            const task_expert_row_t *x = &t->experts[i];
            json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "user_id", (json_int_t)x->user_id,
                                                 "name", x->name, "kind", x->kind, "kind_label",
                                                 strcmp(x->kind, "department") == 0 ? "有关部门人员" : "专业人员",
                                                 "org", x->org, "expires_at", time_json(x->expires_at)));
        }
        json_object_set_new(j, "experts", arr);
    }
    if (t->expert_notes) {
        json_t *arr = json_array();
        for (size_t i = 0; i < t->n_expert_notes; i++) {
            const task_expert_note_row_t *n = &t->expert_notes[i];
            json_array_append_new(arr, json_pack("{s:I, s:I, s:I, s:s, s:s, s:o}", "id", (json_int_t)n->id, "target_id",
                                                 (json_int_t)n->target_id, "user_id", (json_int_t)n->user_id, "by",
                                                 n->by_name, "text", n->text, "at", time_json(n->created_at)));
        }
        json_object_set_new(j, "expert_notes", arr);
    }
    return j;
}

static json_t *task_audit_json(const task_t *t) {
    return json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:o}", "kind", t->kind, "title", t->title, "framework_version_id",
                     jid(t->framework_version_id), "due_on", jstr(t->due_on), "notice_mode", jstr(t->notice_mode),
                     "status", t->status ? t->status : "open", "step", jstr(t->step));
}

err_t *task_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, task_t *out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    scope_t sc = task_scope_of(who);
    return e ? e : task_store_get(db, a, &sc, id, out);
}

err_t *task_svc_list(svc_t *s, arena_t *a, const actor_t *who, const task_filter_t *f, task_t **out, size_t *n,
                     int64_t *total) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    scope_t sc = task_scope_of(who);
    return e ? e : task_store_list(db, a, &sc, f, out, n, total);
}

static err_t *rule_err(arena_t *a, task_rule_t r) {
    bool is_invalid = strcmp(r.code, "invalid") == 0 || strcmp(r.code, "team_too_small") == 0 ||
                      strcmp(r.code, "notice_required") == 0;
    return err_new_raw(a, is_invalid ? ERR_INVALID : ERR_CONFLICT, r.field, r.message);
}

static err_t *check_date(arena_t *a, const char *v, const char *field) {
    if (v && !time_is_date(v))
        return err_newf(a, ERR_INVALID, field, "%s 应为 YYYY-MM-DD 日期", "%s must be a date YYYY-MM-DD", field, field);
    return NULL;
}

/* The county an admin's task belongs to: the admin's own region. */
/* The checks a new task passes before the database is read: kind, notice mode, title, dates
 * and member roles; *n_leaders counts the leaders. */
static err_t *task_input_check(arena_t *a, const task_input_t *in, task_kind_t *kind_out, size_t *n_leaders) {
    if (!task_kind_parse(in->kind, kind_out))
        return err_new(a, ERR_INVALID, "kind", "任务类型应为 followup/special/comprehensive/government",
                       "kind must be followup, special, comprehensive or government");
    const char *mode = in->notice_mode ? in->notice_mode : "announced";
    if (strcmp(mode, "announced") != 0 && strcmp(mode, "unannounced") != 0)
        return err_new(a, ERR_INVALID, "notice_mode", "通知方式应为 announced 或 unannounced（四不两直）",
                       "notice_mode must be announced or unannounced");
    if (!in->title || !*in->title || strlen(in->title) > 200)
        return err_new(a, ERR_INVALID, "title", "任务名称不能为空", "the title is required");
    err_t *e = check_date(a, in->starts_on, "starts_on");
    if (!e) e = check_date(a, in->due_on, "due_on");
    if (e) return e;
    if (!in->due_on) return err_new(a, ERR_INVALID, "due_on", "请填写完成期限", "the due date is required");
    if (in->starts_on && strcmp(in->starts_on, in->due_on) > 0)
        return err_new(a, ERR_INVALID, "due_on", "完成期限早于开始日期", "the due date is before the start");
    *n_leaders = 0;
    for (size_t i = 0; i < in->n_members; i++) {
        const char *role = in->members[i].role ? in->members[i].role : "member";
        if (strcmp(role, "leader") != 0 && strcmp(role, "member") != 0)
            return err_new(a, ERR_INVALID, "members", "督学角色应为 leader 或 member", "a role is leader or member");
        *n_leaders += strcmp(role, "leader") == 0;
    }
    return NULL;
}

/* The target schools: in scope, open, listed once, and covered by the checklist. */
static err_t *task_add_schools(db_t *db, arena_t *a, const actor_t *who, const task_input_t *in, int64_t task_id,
                               int64_t fv, int64_t now) {
    err_t *e = NULL;
    scope_t ssc = {.region_path = who->region_path};
    for (size_t i = 0; i < in->n_schools; i++) {
        school_t sch;
        bool added;
        if ((e = school_store_get(db, a, &ssc, in->school_ids[i], &sch))) return e;
        if (strcmp(sch.status, "open") != 0)
            return err_newf(a, ERR_INVALID, "school_ids", "%s 已撤销", "%s is closed", sch.name, sch.name);
        if ((e = task_store_add_target(db, a, task_id, sch.id, sch.region_code, now, &added))) return e;
        if (!added) return err_new(a, ERR_INVALID, "school_ids", "学校重复", "a school is listed twice");
        /* a school the checklist says nothing about (a 双减 list for a kindergarten) cannot be a target */
        const char **secs = arena_alloc(a, (sch.n_sections + 1) * sizeof *secs);
        for (size_t k = 0; k < sch.n_sections; k++)
            secs[k] = sch.sections[k].section;
        checklist_t c;
        if ((e = checklist_load(db, a, fv, sch.type_code, secs, sch.n_sections, &c))) return e;
        size_t n_items = c.n_leaves;
        checklist_release(&c);
        if (n_items == 0)
            return err_newf(a, ERR_INVALID, "school_ids", "所选指标体系不适用于%s（办学类型或学段不符）",
                            "the framework does not apply to %s (school type or sections)", sch.name, sch.name);
    }
    return NULL;
}

/* The 督政 targets: county or town governments in scope, listed once. */
static err_t *task_add_governments(db_t *db, arena_t *a, const actor_t *who, const task_input_t *in, int64_t task_id,
                                   int64_t now) {
    err_t *e = NULL;
    for (size_t i = 0; i < in->n_governments; i++) {
        region_t g;
        bool added;
        if ((e = region_store_get(db, a, who->region_path, in->government_codes[i], &g))) return e;
        if (strcmp(g.level, "county") != 0 && strcmp(g.level, "town") != 0)
            return err_new(a, ERR_INVALID, "government_codes", "督政对象应为县级或乡镇人民政府",
                           "督政 targets county or town governments");
        if ((e = task_store_add_target(db, a, task_id, 0, g.code, now, &added))) return e;
        if (!added) return err_new(a, ERR_INVALID, "government_codes", "督政对象重复", "a government is listed twice");
    }
    return NULL;
}

/* The 督政 targets that are supervised units (store/units), active, in scope, listed once. */
static err_t *task_add_units(db_t *db, arena_t *a, const actor_t *who, const task_input_t *in, int64_t task_id,
                             int64_t now) {
    err_t *e = NULL;
    scope_t sc = scope_region(who->region_path);
    for (size_t i = 0; i < in->n_units; i++) {
        unit_t u;
        bool added;
        if ((e = unit_store_get(db, a, &sc, in->unit_ids[i], &u))) return e;
        if (strcmp(u.status, "active") != 0)
            return err_newf(a, ERR_INVALID, "unit_ids", "单位 %s 已撤销", "unit %s is closed", u.name, u.name);
        if ((e = unit_store_add_task_target(db, a, task_id, &u, now, &added))) return e;
        if (!added) return err_new(a, ERR_INVALID, "unit_ids", "督政对象重复", "a unit is listed twice");
    }
    return NULL;
}

/* The team: active inspectors in scope without a declared conflict with a target school. */
static err_t *task_add_members(db_t *db, arena_t *a, const actor_t *who, const task_input_t *in, int64_t task_id) {
    err_t *e = NULL;
    for (size_t i = 0; i < in->n_members; i++) {
        inspector_t ins;
        if ((e = inspector_store_get(db, a, who->region_path, in->members[i].inspector_id, &ins))) return e;
        if (strcmp(ins.status, "active") != 0)
            return err_newf(a, ERR_INVALID, "members", "督学 %s 不在岗", "inspector %s is not active", ins.name,
                            ins.name);
        for (size_t k = 0; k < in->n_schools; k++) { /* 回避 (条例第十条) */
            const char **kinds;
            if ((e = assignment_store_relations(db, a, ins.id, in->school_ids[k], &kinds))) return e;
            if (kinds[0])
                return err_newf(a, ERR_CONFLICT, "members", "督学 %s 与督导学校有申报的回避关系（条例第十条）",
                                "inspector %s has a declared conflict of interest with a target school", ins.name,
                                ins.name);
        }
        if ((e = task_store_add_member(db, a, task_id, ins.id, in->members[i].role ? in->members[i].role : "member")))
            return e;
    }
    return NULL;
}

/* A task pins a national framework or its own region's (or an enclosing region's), never a
 * framework another region owns. */
static err_t *task_framework_usable(db_t *db, arena_t *a, const actor_t *who, int64_t fv) {
    bool is_usable = false;
    err_t *e = checklist_version_usable(db, a, fv, who->region_path, &is_usable);
    if (!e && !is_usable)
        e = err_new(a, ERR_INVALID, "framework_version_id", "不能使用其他区域的指标体系版本",
                    "the framework version belongs to another region");
    return e;
}

err_t *task_svc_create(svc_t *s, arena_t *a, const actor_t *who, const task_input_t *in, task_t *out) {
    task_kind_t kind;
    size_t n_leaders = 0;
    err_t *e = task_input_check(a, in, &kind, &n_leaders);
    if (e) return e;
    const char *mode = in->notice_mode ? in->notice_mode : "announced";
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    int64_t fv = in->framework_version_id;
    const char *fcode = NULL;
    bool is_published = false;
    if (!fv) e = checklist_current_version(db, a, CHECKLIST_ROUTINE_CODE, &fv);
    if (!e) e = checklist_version_info(db, a, fv, &fcode, &is_published);
    if (!e && !is_published)
        e = err_new(a, ERR_INVALID, "framework_version_id", "只能使用已发布的指标体系版本",
                    "only a published framework version can be used");
    if (!e) e = task_framework_usable(db, a, who, fv);
    if (e) goto done;
    task_plan_t plan = {.kind = kind,
                        .is_unannounced = strcmp(mode, "unannounced") == 0,
                        .n_members = in->n_members,
                        .n_leaders = n_leaders,
                        .n_schools = in->n_schools,
                        .n_governments = in->n_governments + in->n_units,
                        .has_framework = fv > 0};
    task_rule_t rule = task_plan_check(&plan);
    if (!rule.is_ok) {
        e = rule_err(a, rule);
        goto done;
    }
    region_t scope_region;
    if ((e = region_store_get(db, a, who->region_path, who->region_code, &scope_region))) goto done;
    task_t t = {.kind = in->kind,
                .title = in->title,
                .region_code = who->region_code,
                .framework_version_id = fv,
                .framework_code = fcode,
                .notice_mode = mode,
                .starts_on = in->starts_on,
                .due_on = in->due_on,
                .status = "open",
                .step = task_kind_has_procedure(kind) ? task_step_name(STEP_NOTICE) : NULL,
                .description = in->description,
                .notice_text = in->notice_text,
                .created_by = who->user_id};
    int64_t now = time_now();
    if ((e = task_store_insert(db, a, &t, now))) goto done;
    if ((e = task_add_schools(db, a, who, in, t.id, fv, now)) ||
        (e = task_add_governments(db, a, who, in, t.id, now)) || (e = task_add_units(db, a, who, in, t.id, now)) ||
        (e = task_add_members(db, a, who, in, t.id)))
        goto done;
    if ((e = task_store_get(db, a, &(scope_t){.region_path = "/"}, t.id, out))) goto done;
    if (task_kind_has_procedure(kind)) { /* every target starts the 条例 procedure at the written notice */
        for (size_t i = 0; i < out->n_targets_loaded; i++)
            if ((e = task_store_set_target_step(db, a, out->targets[i].id, task_step_name(STEP_NOTICE)))) goto done;
        if ((e = task_store_get(db, a, &(scope_t){.region_path = "/"}, t.id, out))) goto done;
    }
    json_t *after = task_to_json(out);
    e = svc_audit(db, a, who, "create", "task", id_text(a, t.id), t.region_code, NULL, after);
    json_decref(after);
done:
    return svc_end(db, a, e);
}

err_t *task_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *title, const char *starts_on,
                       const char *due_on, const char *description, const char *status, task_t *out) {
    err_t *e = check_date(a, starts_on, "starts_on");
    if (!e) e = check_date(a, due_on, "due_on");
    if (e) return e;
    if (status && strcmp(status, "open") != 0 && strcmp(status, "done") != 0 && strcmp(status, "cancelled") != 0)
        return err_new(a, ERR_INVALID, "status", "状态应为 open/done/cancelled",
                       "status must be open, done or cancelled");
    if (title && (!*title || strlen(title) > 200))
        return err_new(a, ERR_INVALID, "title", "任务名称不能为空", "the title is required");
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    scope_t sc = task_scope_of(who);
    task_t cur, t;
    if ((e = task_store_get(db, a, &sc, id, &cur))) goto done;
    if (strcmp(cur.status, "cancelled") == 0) {
        e = err_new(a, ERR_CONFLICT, "status", "任务已取消", "the task is cancelled");
        goto done;
    }
    t = cur;
    if (title) t.title = title;
    if (starts_on) t.starts_on = starts_on;
    if (due_on) t.due_on = due_on;
    if (description) t.description = description;
    if (status) t.status = status;
    if (t.starts_on && t.due_on && strcmp(t.starts_on, t.due_on) > 0) {
        e = err_new(a, ERR_INVALID, "due_on", "完成期限早于开始日期", "the due date is before the start");
        goto done;
    }
    if ((e = task_store_update(db, a, &t, time_now())) || (e = task_store_get(db, a, &sc, id, out))) goto done;
    e = svc_audit_change(db, a, who, "task", id_text(a, id), cur.region_code, task_audit_json(&cur),
                         task_audit_json(out));
done:
    return svc_end(db, a, e);
}

/* The task's summary step: the earliest step among its targets; the task is done once every
 * target is closed. Reloads the targets unscoped (a school account's view has only its own). */
static err_t *task_sync_step(db_t *db, arena_t *a, const task_t *t, int64_t now) {
    task_t full;
    err_t *e = task_store_get(db, a, &(scope_t){.region_path = "/"}, t->id, &full);
    if (e) return e;
    task_step_t lo = STEP_CLOSED;
    for (size_t i = 0; i < full.n_targets_loaded; i++) {
        task_step_t gs;
        if (full.targets[i].step && task_step_parse(full.targets[i].step, &gs) && gs < lo) lo = gs;
    }
    task_t nt = full;
    nt.step = task_step_name(lo);
    if (lo == STEP_CLOSED) nt.status = "done";
    return task_store_update(db, a, &nt, now);
}

/* Records step `at` done for target g and moves it to `next`; syncs the task's summary. */
static err_t *task_advance_target(db_t *db, arena_t *a, const actor_t *who, const task_t *t, const task_target_row_t *g,
                                  task_step_t at, task_step_t next, const char *note, int64_t attachment_id,
                                  int64_t now) {
    err_t *e = task_store_add_step(db, a, t->id, g->id, task_step_name(at), note, attachment_id, who->user_id, now);
    if (!e) e = task_store_set_target_step(db, a, g->id, task_step_name(next));
    if (!e) e = task_sync_step(db, a, t, now);
    if (e) return e;
    json_t *after = json_pack("{s:I, s:s, s:s, s:o, s:o}", "target_id", (json_int_t)g->id, "step", task_step_name(at),
                              "next", task_step_name(next), "note", jstr(note), "attachment_id", jid(attachment_id));
    e = svc_audit(db, a, who, "step", "task", id_text(a, t->id), t->region_code, NULL, after);
    json_decref(after);
    return e;
}

/* The target a step is for: the one named, else a school account's own, else the only one. */
static err_t *task_pick_target(arena_t *a, const task_t *t, int64_t target_id, const task_target_row_t **out) {
    *out = NULL;
    for (size_t i = 0; i < t->n_targets_loaded; i++)
        if (t->targets[i].id == target_id || (!target_id && t->n_targets_loaded == 1)) *out = &t->targets[i];
    if (*out) return NULL;
    if (!target_id)
        return err_new(a, ERR_INVALID, "target_id", "多个督导对象的任务须指明督导对象",
                       "name the target: the task has several");
    return err_new(a, ERR_NOT_FOUND, "target_id", "督导对象不存在", "no such target");
}

err_t *task_svc_complete_step(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t target_id, const char *step,
                              const char *note, int64_t attachment_id, task_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    scope_t sc = task_scope_of(who);
    task_t t;
    task_kind_t kind = TASK_ROUTINE;
    task_step_t at, next;
    const task_target_row_t *g;
    if ((e = task_store_get(db, a, &sc, id, &t))) goto done;
    if (!task_kind_parse(t.kind, &kind) || !task_kind_has_procedure(kind)) {
        e = err_new(a, ERR_CONFLICT, "step", "只有专项督导和综合督导任务有步骤", "only 专项 and 综合 tasks have steps");
        goto done;
    }
    if ((e = task_pick_target(a, &t, target_id, &g))) goto done;
    if (!g->step || !task_step_parse(g->step, &at)) {
        e = err_new(a, ERR_CONFLICT, "step", "该督导对象没有步骤", "this target has no steps");
        goto done;
    }
    if (strcmp(t.status, "open") != 0 && at != STEP_CLOSED) {
        e = err_new(a, ERR_CONFLICT, "status", "任务不在进行中", "the task is not open");
        goto done;
    }
    if (!step || strcmp(step, g->step) != 0) {
        e = err_newf(a, ERR_CONFLICT, "step", "当前步骤为 %s", "the current step is %s", task_step_label(at), g->step);
        goto done;
    }
    const char *role = NULL;
    if (who->role == ROLE_INSPECTOR && (e = task_store_member_role(db, a, id, who->user_id, &role, NULL))) goto done;
    size_t n_pending = g->status && strcmp(g->status, "visited") == 0 ? 0 : 1;
    task_step_actor_t sa = {.role = who->role, .is_leader = role && strcmp(role, "leader") == 0};
    task_rule_t rule = task_flow_complete(at, &sa, n_pending, &next);
    if (!rule.is_ok) {
        e = err_new_raw(a, strcmp(rule.code, "step_not_allowed") == 0 ? ERR_FORBIDDEN : ERR_CONFLICT, rule.field,
                        rule.message);
        goto done;
    }
    if (note && strlen(note) > 20000) {
        e = err_new(a, ERR_INVALID, "note", "内容过长（≤ 20000 字节）", "the text is too long");
        goto done;
    }
    if ((at == STEP_NOTICE || at == STEP_PRELIMINARY || at == STEP_RECTIFY || at == STEP_VERIFY) && (!note || !*note)) {
        e = err_new(a, ERR_INVALID, "note", "请填写通知、初步意见、整改报告或核查结论的内容",
                    "the notice, opinion, report or verification text is required");
        goto done;
    }
    if (attachment_id) { /* the attachment must belong to this task's school or the task */
        bool is_on_task = false;
        if ((e = task_store_attachment_on_task(db, a, id, attachment_id, &is_on_task))) goto done;
        if (!is_on_task) {
            e = err_new(a, ERR_INVALID, "attachment_id", "附件不存在或不属于本任务",
                        "no such attachment for this task");
            goto done;
        }
    }
    int64_t now = time_now();
    if ((e = task_advance_target(db, a, who, &t, g, at, next, note, attachment_id, now))) goto done;
    /* a single target's written notice is the task's; of several, each stays with its target */
    if (at == STEP_NOTICE && !t.notice_text && t.n_targets == 1) {
        task_t cur;
        if ((e = task_store_get(db, a, &(scope_t){.region_path = "/"}, id, &cur))) goto done;
        cur.notice_text = note;
        if ((e = task_store_update(db, a, &cur, now))) goto done;
    }
    e = task_store_get(db, a, &sc, id, out);
done:
    return svc_end(db, a, e);
}

err_t *task_svc_opinion_check_tx(db_t *db, arena_t *a, int64_t task_id, int64_t target_id) {
    task_t t;
    task_kind_t kind = TASK_ROUTINE;
    err_t *e = task_store_get(db, a, &(scope_t){.region_path = "/"}, task_id, &t);
    if (e || !task_kind_parse(t.kind, &kind) || !task_kind_has_procedure(kind)) return e;
    task_target_row_t g;
    task_step_t at;
    if ((e = task_store_get_target(db, a, target_id, &g))) return e;
    if (!g.step || !task_step_parse(g.step, &at)) return NULL;
    task_rule_t r = task_flow_opinion_allowed(at);
    return r.is_ok ? NULL : err_new_raw(a, ERR_CONFLICT, r.field, r.message);
}

err_t *task_svc_on_opinion_issued_tx(db_t *db, arena_t *a, const actor_t *who, int64_t task_id, int64_t target_id,
                                     const char *doc_no) {
    task_t t;
    task_kind_t kind = TASK_ROUTINE;
    err_t *e = task_store_get(db, a, &(scope_t){.region_path = "/"}, task_id, &t);
    if (e || !task_kind_parse(t.kind, &kind) || !task_kind_has_procedure(kind)) return e;
    task_target_row_t g;
    task_step_t at;
    if ((e = task_store_get_target(db, a, target_id, &g))) return e;
    if (!g.step || !task_step_parse(g.step, &at) || at != STEP_OPINION) return NULL;
    return task_advance_target(db, a, who, &t, &g, STEP_OPINION, STEP_RECTIFY,
                               arena_printf(a, "督导意见书 %s 已签发 / opinion %s issued", doc_no, doc_no), 0,
                               time_now());
}

err_t *task_svc_generate_routine_in(svc_t *s, arena_t *a, const actor_t *who, const char *month,
                                    task_gen_stats_t *stats) {
    char first[16], last[16];
    if (!task_month_range(month, first, last))
        return err_new(a, ERR_INVALID, "month", "月份应为 YYYY-MM", "month must be YYYY-MM");
    memset(stats, 0, sizeof *stats);
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    int64_t fv;
    const char *fcode;
    bool is_published;
    task_routine_pair_t *pairs;
    size_t n;
    if ((e = checklist_current_version(db, a, CHECKLIST_ROUTINE_CODE, &fv)) ||
        (e = checklist_version_info(db, a, fv, &fcode, &is_published)) ||
        (e = task_store_routine_pairs(db, a, who->region_path, last, &pairs, &n)))
        goto done;
    int64_t now = time_now();
    int y = 0, m = 0;
    sscanf(month, "%d-%d", &y, &m);
    int64_t task_id = 0, cur_inspector = 0;
    /* months out of session in the 校历 of the school's county (寒暑假) owe no visit: the
     * school is not a target that month (a small cache: a county has few towns) */
    const char **cal_regions = arena_alloc(a, (n + 1) * sizeof *cal_regions);
    bool *cal_on = arena_alloc(a, (n + 1) * sizeof *cal_on);
    size_t n_cal = 0;
    for (size_t i = 0; i < n; i++) {
        const task_routine_pair_t *p = &pairs[i];
        size_t k = 0;
        while (k < n_cal && strcmp(cal_regions[k], p->school_region) != 0)
            k++;
        if (k == n_cal) {
            cal_t cal;
            if ((e = cal_svc_load(db, a, p->school_region, first, &cal))) goto done;
            cal_regions[n_cal] = p->school_region;
            cal_on[n_cal++] = cal_month_in_session(&cal, month);
        }
        if (!cal_on[k]) {
            stats->n_targets_off_session++;
            continue;
        }
        if (p->inspector_id != cur_inspector) {
            cur_inspector = p->inspector_id;
            stats->n_inspectors++;
            if ((e = task_store_find_routine(db, a, p->inspector_id, month, &task_id))) goto done;
            if (!task_id) {
                /* the office's own 经常性督导记录表 (visit.routine_framework), else the national */
                if ((e = visit_fw_routine_version_tx(db, a, p->inspector_region, &fv, &fcode))) goto done;
                task_t t = {.kind = "routine",
                            .title = arena_printf(a, "%d年%d月经常性督导（%s）", y, m, p->inspector_name),
                            .region_code = p->inspector_region,
                            .framework_version_id = fv,
                            .framework_code = fcode,
                            .notice_mode = "announced",
                            .month = month,
                            .owner_inspector_id = p->inspector_id,
                            .starts_on = first,
                            .due_on = last,
                            .status = "open",
                            .created_by = who->user_id};
                if ((e = task_store_insert(db, a, &t, now)) ||
                    (e = task_store_add_member(db, a, t.id, p->inspector_id, "leader")))
                    goto done;
                task_id = t.id;
                stats->n_tasks_created++;
                json_t *after = task_audit_json(&t);
                e = svc_audit(db, a, who, "create", "task", id_text(a, t.id), t.region_code, NULL, after);
                json_decref(after);
                if (e) goto done;
            }
        }
        bool added;
        if ((e = task_store_add_target(db, a, task_id, p->school_id, p->school_region, now, &added))) goto done;
        stats->n_targets_added += added;
    }
    json_t *after =
        json_pack("{s:s, s:I, s:I, s:I, s:I}", "month", month, "inspectors", (json_int_t)stats->n_inspectors,
                  "tasks_created", (json_int_t)stats->n_tasks_created, "targets_added",
                  (json_int_t)stats->n_targets_added, "targets_off_session", (json_int_t)stats->n_targets_off_session);
    e = svc_audit(db, a, who, "generate_routine", "task", NULL, who->region_code, NULL, after);
    json_decref(after);
done:
    return svc_end(db, a, e);
}

err_t *task_svc_generate_routine(svc_t *s, arena_t *a, const char *month) {
    actor_t sys = {.username = "system", .role = ROLE_ADMIN, .region_code = "", .region_path = "/"};
    task_gen_stats_t st;
    return task_svc_generate_routine_in(s, a, &sys, month, &st);
}

err_t *task_svc_agenda(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    task_agenda_row_t *rows;
    size_t n;
    if (!e) e = task_store_agenda(db, a, who->user_id, &rows, &n);
    if (e) return e;
    char today[16];
    time_today_cn(today, sizeof today);
    json_t *arr = json_array();
    size_t n_overdue = 0, n_drafts = 0;
    for (size_t i = 0; i < n; i++) {
        const task_agenda_row_t *g = &rows[i];
        bool is_overdue = g->due_on && strcmp(g->due_on, today) < 0;
        n_overdue += is_overdue;
        n_drafts += g->visit_id != 0;
        task_kind_t k = TASK_ROUTINE;
        task_kind_parse(g->kind, &k);
        json_array_append_new(
            arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:I, s:o, s:o, s:s, s:o, s:o, s:o, s:b}", "task_id",
                           (json_int_t)g->task_id, "task_title", g->task_title, "kind", g->kind, "kind_label",
                           task_kind_label(k), "notice_mode", g->notice_mode, "due_on", jstr(g->due_on), "target_id",
                           (json_int_t)g->target_id, "school_id", jid(g->school_id), "school_name",
                           jstr(g->school_name), "region_code", g->region_code, "region_name", jstr(g->region_name),
                           "visit_id", jid(g->visit_id), "visit_date", jstr(g->visit_date), "is_overdue", is_overdue));
    }
    *out = json_pack("{s:s, s:o, s:I, s:I, s:I}", "today", today, "items", arr, "total", (json_int_t)n, "n_overdue",
                     (json_int_t)n_overdue, "n_drafts", (json_int_t)n_drafts);
    return NULL;
}

err_t *task_svc_on_visit_submitted_tx(db_t *db, arena_t *a, const actor_t *who, int64_t task_id, int64_t target_id,
                                      int64_t visit_id) {
    err_t *e = task_store_target_visited(db, a, target_id, visit_id);
    task_t t;
    if (!e) e = task_store_get(db, a, &(scope_t){.region_path = "/"}, task_id, &t);
    if (e || strcmp(t.status, "open") != 0) return e;
    task_kind_t kind = TASK_ROUTINE;
    task_kind_parse(t.kind, &kind);
    int64_t now = time_now();
    if (task_kind_has_procedure(kind)) { /* this target's on-site step is done; the others are untouched */
        task_target_row_t g;
        if ((e = task_store_get_target(db, a, target_id, &g))) return e;
        if (!g.step || strcmp(g.step, "onsite") != 0) return NULL;
        return task_advance_target(db, a, who, &t, &g, STEP_ONSITE, STEP_PRELIMINARY,
                                   "现场督导记录已提交 / the on-site visit is submitted", 0, now);
    }
    if (t.n_visited < t.n_targets) return NULL;
    task_t nt = t;
    nt.status = "done";
    if ((e = task_store_update(db, a, &nt, now))) return e;
    json_t *after = json_pack("{s:s, s:o}", "status", nt.status, "step", jstr(nt.step));
    e = svc_audit(db, a, who, "progress", "task", id_text(a, task_id), t.region_code, NULL, after);
    json_decref(after);
    return e;
}

err_t *task_svc_frameworks(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    framework_filter_t f = {.status = "published", .is_builtin = -1, .limit = 200};
    framework_row_t *rows;
    size_t n;
    int64_t total;
    if (!e) e = framework_store_list(db, a, who->region_path, &f, &rows, &n, &total);
    if (e) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].current_version_id) continue;
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:I, s:o}", "version_id",
                                             (json_int_t)rows[i].current_version_id, "code", rows[i].code, "name",
                                             rows[i].name, "version", (json_int_t)rows[i].current_version, "source",
                                             jstr(rows[i].source)));
    }
    *out = json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)json_array_size(arr));
    return NULL;
}

static json_t *cycle_list(const visit_cycle_row_t *rows, size_t n, const char *today, int years, json_t *totals) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        task_cycle_t c = task_cycle_check(rows[i].last_on, today, years);
        json_t *x = json_pack("{s:s, s:s, s:o, s:o, s:s}", "code", rows[i].code, "name", rows[i].name, "last_on",
                              jstr(rows[i].last_on), "due_on", c.due_on[0] ? json_string(c.due_on) : json_string(today),
                              "state", c.state);
        if (rows[i].school_id) json_object_set_new(x, "school_id", json_integer(rows[i].school_id));
        json_array_append_new(arr, x);
        json_object_set_new(totals, c.state, json_integer(json_integer_value(json_object_get(totals, c.state)) + 1));
    }
    return arr;
}

err_t *task_svc_cycles(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    int years = 5, town_years = 5;
    visit_cycle_row_t *sch, *towns;
    size_t n_sch, n_towns;
    if (!e) e = visit_store_setting_int(db, a, who->region_code, "visits.comprehensive_cycle_years", 5, &years);
    if (!e) e = visit_store_setting_int(db, a, who->region_code, "visits.town_cycle_years", 5, &town_years);
    if (!e) e = visit_store_cycles(db, a, who->region_path, false, &sch, &n_sch);
    if (!e) e = visit_store_cycles(db, a, who->region_path, true, &towns, &n_towns);
    if (e) return e;
    if (years < 3) years = 3; /* 每 3–5 年一轮 */
    if (years > 5) years = 5;
    if (town_years > 5 || town_years < 1) town_years = 5; /* 至少每 5 年一次 */
    char today[16];
    time_today_cn(today, sizeof today);
    json_t *st = json_pack("{s:i, s:i, s:i, s:i}", "never", 0, "overdue", 0, "due", 0, "ok", 0);
    json_t *tt = json_pack("{s:i, s:i, s:i, s:i}", "never", 0, "overdue", 0, "due", 0, "ok", 0);
    json_t *sa = cycle_list(sch, n_sch, today, years, st), *ta = cycle_list(towns, n_towns, today, town_years, tt);
    *out = json_pack("{s:s, s:i, s:i, s:o, s:o, s:o, s:o}", "today", today, "years", years, "town_years", town_years,
                     "schools", sa, "towns", ta, "school_totals", st, "town_totals", tt);
    return NULL;
}

static err_t *agency_json(db_t *db, arena_t *a, const actor_t *who, json_t **out) {
    const char *code = NULL;
    region_t county;
    err_t *e = setting_store_text(db, a, who->region_code, "doc.agency_code", &code);
    if (!e) e = region_store_get(db, a, who->region_path, who->region_code, &county);
    if (e) return e;
    char today[16];
    time_today_cn(today, sizeof today);
    *out = json_pack("{s:o, s:s}", "agency_code", jstr(code), "example",
                     svc_doc_no(db, a, county.code, county.name, "督办", atoi(today), 1));
    return NULL;
}

err_t *task_svc_agency_code_get(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : agency_json(db, a, who, out);
}

err_t *task_svc_agency_code_set(svc_t *s, arena_t *a, const actor_t *who, const char *code, json_t **out) {
    if (who->role != ROLE_ADMIN) return err_new(a, ERR_FORBIDDEN, NULL, "只有督导室可以设置机关代字", "admins only");
    if (!doc_no_agency_code_ok(code))
        return err_new(a, ERR_INVALID, "agency_code", "机关代字应为 1–8 个汉字或字母，以“督”结尾（如 德教督）",
                       "the agency code is 1-8 letters ending in 督 (e.g. 德教督)");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    const char *before = NULL;
    if ((e = setting_store_text(db, a, who->region_code, "doc.agency_code", &before)) ||
        (e = setting_store_set(db, a, who->region_code, "doc.agency_code", code)) || (e = agency_json(db, a, who, out)))
        goto done;
    json_t *b = json_pack("{s:o}", "doc.agency_code", jstr(before)), *af = json_pack("{s:s}", "doc.agency_code", code);
    e = svc_audit(db, a, who, "update", "setting", "doc.agency_code", who->region_code, b, af);
    json_decref(b);
    json_decref(af);
    if (e) json_decref(*out);
done:
    return svc_end(db, a, e);
}

err_t *task_svc_add_hearing(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t target_id, const char *kind,
                            const char *held_on, int64_t n_participants, const char *summary, task_t *out) {
    if (!kind || (strcmp(kind, "public") != 0 && strcmp(kind, "students") != 0 && strcmp(kind, "parents") != 0 &&
                  strcmp(kind, "teachers") != 0))
        return err_new(a, ERR_INVALID, "kind", "应为 public（公众意见）/ students / parents / teachers（座谈会）",
                       "kind: public, students, parents or teachers");
    if (!held_on || !time_is_date(held_on))
        return err_new(a, ERR_INVALID, "held_on", "日期应为 YYYY-MM-DD", "held_on: YYYY-MM-DD");
    if (!summary || !*summary || strlen(summary) > 20000)
        return err_new(a, ERR_INVALID, "summary", "请填写意见或座谈纪要", "the summary is required");
    if (n_participants < 0 || n_participants > 100000)
        return err_new(a, ERR_INVALID, "n_participants", "人数无效", "invalid number of participants");
    if (who->role != ROLE_ADMIN && who->role != ROLE_INSPECTOR)
        return err_new(a, ERR_FORBIDDEN, NULL, "由督导组或督导室记录", "the team or the office records it");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    scope_t sc = task_scope_of(who);
    task_t t;
    task_kind_t kind_k = TASK_ROUTINE;
    const task_target_row_t *g;
    task_step_t at;
    if ((e = task_store_get(db, a, &sc, id, &t))) goto done;
    if (!task_kind_parse(t.kind, &kind_k) || !task_kind_has_procedure(kind_k)) {
        e = err_new(a, ERR_CONFLICT, "task_id", "只有专项督导和综合督导记录听取意见", "only 专项 and 综合 tasks");
        goto done;
    }
    if ((e = task_pick_target(a, &t, target_id, &g))) goto done;
    /* heard while on site: after the notice, before the 初步意见 is given */
    if (!g->step || !task_step_parse(g->step, &at) || at < STEP_SELF_EVAL || at > STEP_PRELIMINARY) {
        e = err_new(a, ERR_CONFLICT, "step", "书面通知后、初步意见前听取意见和召开座谈会（条例第十九条）",
                    "hearings are held after the notice and before the preliminary opinion");
        goto done;
    }
    int64_t now = time_now();
    if ((e = task_store_add_hearing(db, a, id, g->id, kind, held_on, n_participants, summary, who->user_id, now)))
        goto done;
    json_t *after = json_pack("{s:I, s:s, s:s, s:I}", "target_id", (json_int_t)g->id, "kind", kind, "held_on", held_on,
                              "n_participants", (json_int_t)n_participants);
    e = svc_audit(db, a, who, "hearing", "task", id_text(a, id), t.region_code, NULL, after);
    json_decref(after);
    if (!e) e = task_store_get(db, a, &sc, id, out);
done:
    return svc_end(db, a, e);
}

/* ---- team members who are not 督学 (条例第十六条: 有关部门 staff, 专业人员) ---- */

err_t *task_svc_add_expert(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t user_id, const char *kind,
                           const char *org, task_t *out) {
    if (!kind || (strcmp(kind, "department") != 0 && strcmp(kind, "professional") != 0))
        return err_new(a, ERR_INVALID, "kind", "应为 department（有关部门人员）或 professional（专业人员）",
                       "kind: department or professional");
    if (!org || !*org || strlen(org) > 300) /* 100 characters of UTF-8 */
        return err_new(a, ERR_INVALID, "org", "请填写所在部门或机构（不超过 100 字）",
                       "org: the department or organisation (at most 100 characters)");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    scope_t sc = task_scope_of(who);
    task_t t;
    user_t u;
    if ((e = task_store_get(db, a, &sc, id, &t))) goto done;
    if (strcmp(t.status, "open") != 0) {
        e = err_new(a, ERR_CONFLICT, "task_id", "任务已结束", "the task is closed");
        goto done;
    }
    /* an expert account of the task's region, in the office's reach, still valid */
    if ((e = user_store_get(db, a, who->region_path, user_id, &u))) {
        if (e->code == ERR_NOT_FOUND) e = err_new(a, ERR_INVALID, "user_id", "账号不存在", "no such account");
        goto done;
    }
    if (role_parse(u.role) != ROLE_EXPERT || u.is_disabled || (u.expires_at && u.expires_at <= time_now())) {
        e = err_new(a, ERR_INVALID, "user_id", "只能加入有效的督导组成员（非督学）账号",
                    "only a valid non-inspector team member account can join");
        goto done;
    }
    if ((e = task_store_add_expert(db, a, id, user_id, kind, org, who->user_id, time_now()))) {
        if (e->code == ERR_CONFLICT) e = err_new(a, ERR_CONFLICT, "user_id", "已在督导组中", "already on the team");
        goto done;
    }
    json_t *after = json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)user_id, "kind", kind, "org", org);
    e = svc_audit(db, a, who, "add_expert", "task", id_text(a, id), t.region_code, NULL, after);
    json_decref(after);
    if (!e) e = task_store_get(db, a, &sc, id, out);
done:
    return svc_end(db, a, e);
}

err_t *task_svc_remove_expert(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t user_id, task_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    scope_t sc = task_scope_of(who);
    task_t t;
    bool removed = false;
    if ((e = task_store_get(db, a, &sc, id, &t)) || (e = task_store_remove_expert(db, a, id, user_id, &removed)))
        goto done;
    if (!removed) {
        e = err_new(a, ERR_NOT_FOUND, "user_id", "该账号不在督导组中", "not on the team");
        goto done;
    }
    json_t *before = json_pack("{s:I}", "user_id", (json_int_t)user_id);
    e = svc_audit(db, a, who, "remove_expert", "task", id_text(a, id), t.region_code, before, NULL);
    json_decref(before);
    if (!e) e = task_store_get(db, a, &sc, id, out);
done:
    return svc_end(db, a, e);
}

err_t *task_svc_add_expert_note(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t target_id,
                                const char *text, task_t *out) {
    if (who->role != ROLE_EXPERT)
        return err_new(a, ERR_FORBIDDEN, NULL, "由督导组的非督学成员填写专业意见",
                       "a non-inspector team member records its opinion");
    if (!text || !*text || strlen(text) > 15000) /* 5,000 characters of UTF-8 */
        return err_new(a, ERR_INVALID, "text", "请填写专业意见（不超过 5000 字）",
                       "text: the opinion (at most 5,000 characters)");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    scope_t sc = task_scope_of(who); /* its own tasks only: another task is not found */
    task_t t;
    const task_target_row_t *g;
    int64_t note_id;
    if ((e = task_store_get(db, a, &sc, id, &t)) || (e = task_pick_target(a, &t, target_id, &g))) goto done;
    if (strcmp(t.status, "open") != 0) {
        e = err_new(a, ERR_CONFLICT, "task_id", "任务已结束", "the task is closed");
        goto done;
    }
    if ((e = task_store_add_expert_note(db, a, id, g->id, who->user_id, text, time_now(), &note_id))) goto done;
    json_t *after = json_pack("{s:I, s:I}", "note_id", (json_int_t)note_id, "target_id", (json_int_t)g->id);
    e = svc_audit(db, a, who, "expert_note", "task", id_text(a, id), t.region_code, NULL, after);
    json_decref(after);
    if (!e) e = task_store_get(db, a, &sc, id, out);
done:
    return svc_end(db, a, e);
}
