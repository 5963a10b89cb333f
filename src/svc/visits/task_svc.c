#include "svc/visits/task_svc.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/visits/task_flow.h"
#include "store/frameworks/framework_store.h"
#include "store/platform/region_store.h"
#include "store/roster/assignment_store.h"
#include "store/roster/inspector_store.h"
#include "store/roster/school_store.h"
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
    if (t->targets) {
        json_t *arr = json_array();
        for (size_t i = 0; i < t->n_targets_loaded; i++) {
            const task_target_row_t *g = &t->targets[i];
            json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:s, s:o, s:s, s:o, s:o}", "id", (json_int_t)g->id,
                                                 "school_id", jid(g->school_id), "school_name", jstr(g->school_name),
                                                 "region_code", g->region_code, "region_name", jstr(g->region_name),
                                                 "status", g->status, "visit_id", jid(g->visit_id), "visit_status",
                                                 jstr(g->visit_status)));
        }
        json_object_set_new(j, "targets", arr);
    }
    if (t->steps) {
        json_t *arr = json_array();
        for (size_t i = 0; i < t->n_steps; i++) {
            const task_step_row_t *p = &t->steps[i];
            task_step_t ps = STEP_NOTICE;
            task_step_parse(p->step, &ps);
            json_array_append_new(arr, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "step", p->step, "label",
                                                 task_step_label(ps), "note", jstr(p->note), "attachment_id",
                                                 jid(p->attachment_id), "done_by", jstr(p->done_by_name), "done_at",
                                                 time_json(p->done_at)));
        }
        json_object_set_new(j, "steps", arr);
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
    return err_new_raw(
        a, strcmp(r.code, "invalid") == 0 || strcmp(r.code, "team_too_small") == 0 ? ERR_INVALID : ERR_CONFLICT,
        r.field, r.message);
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
                        .n_governments = in->n_governments,
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
                .step = kind == TASK_COMPREHENSIVE ? task_step_name(STEP_NOTICE) : NULL,
                .description = in->description,
                .notice_text = in->notice_text,
                .created_by = who->user_id};
    int64_t now = time_now();
    if ((e = task_store_insert(db, a, &t, now))) goto done;
    if ((e = task_add_schools(db, a, who, in, t.id, fv, now)) ||
        (e = task_add_governments(db, a, who, in, t.id, now)) || (e = task_add_members(db, a, who, in, t.id)))
        goto done;
    if ((e = task_store_get(db, a, &(scope_t){.region_path = "/"}, t.id, out))) goto done;
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

err_t *task_svc_complete_step(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *step, const char *note,
                              int64_t attachment_id, task_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    scope_t sc = task_scope_of(who);
    task_t t;
    task_step_t at, next;
    if ((e = task_store_get(db, a, &sc, id, &t))) goto done;
    if (strcmp(t.kind, "comprehensive") != 0 || !t.step || !task_step_parse(t.step, &at)) {
        e = err_new(a, ERR_CONFLICT, "step", "只有综合督导任务有步骤", "only comprehensive tasks have steps");
        goto done;
    }
    if (strcmp(t.status, "open") != 0 && at != STEP_CLOSED) {
        e = err_new(a, ERR_CONFLICT, "status", "任务不在进行中", "the task is not open");
        goto done;
    }
    if (!step || strcmp(step, t.step) != 0) {
        e = err_newf(a, ERR_CONFLICT, "step", "当前步骤为 %s", "the current step is %s", task_step_label(at), t.step);
        goto done;
    }
    const char *role = NULL;
    if (who->role == ROLE_INSPECTOR && (e = task_store_member_role(db, a, id, who->user_id, &role, NULL))) goto done;
    size_t n_pending = (size_t)(t.n_targets - t.n_visited);
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
    if ((at == STEP_NOTICE || at == STEP_PRELIMINARY) && (!note || !*note)) {
        e = err_new(a, ERR_INVALID, "note", "请填写通知或初步意见的内容", "the notice or opinion text is required");
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
    if ((e = task_store_add_step(db, a, id, t.step, note, attachment_id, who->user_id, now))) goto done;
    task_t nt = t;
    nt.step = task_step_name(next);
    if (at == STEP_NOTICE) nt.notice_text = note;
    if (next == STEP_CLOSED) nt.status = "done";
    if ((e = task_store_update(db, a, &nt, now)) || (e = task_store_get(db, a, &sc, id, out))) goto done;
    json_t *after = json_pack("{s:s, s:s, s:o, s:o}", "step", t.step, "next", nt.step, "note", jstr(note),
                              "attachment_id", jid(attachment_id));
    e = svc_audit(db, a, who, "step", "task", id_text(a, id), t.region_code, NULL, after);
    json_decref(after);
done:
    return svc_end(db, a, e);
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
        while (k < n_cal && strcmp(cal_regions[k], p->school_region) != 0) k++;
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
    json_t *after = json_pack("{s:s, s:I, s:I, s:I, s:I}", "month", month, "inspectors",
                              (json_int_t)stats->n_inspectors, "tasks_created", (json_int_t)stats->n_tasks_created,
                              "targets_added", (json_int_t)stats->n_targets_added, "targets_off_session",
                              (json_int_t)stats->n_targets_off_session);
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
    if (e || t.n_visited < t.n_targets || strcmp(t.status, "open") != 0) return e;
    task_t nt = t;
    int64_t now = time_now();
    if (strcmp(t.kind, "comprehensive") == 0) {
        if (!t.step || strcmp(t.step, "onsite") != 0) return NULL;
        nt.step = "preliminary";
        if ((e = task_store_add_step(db, a, task_id, "onsite", "现场督导记录已全部提交 / all on-site visits submitted",
                                     0, who->user_id, now)))
            return e;
    } else {
        nt.status = "done";
    }
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
