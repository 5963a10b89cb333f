#include "svc/findings/accountability_case_svc.h"

#include <inttypes.h>
#include <string.h>

#include "core/findings/accountability_case.h"
#include "core/findings/accountability_clock.h"
#include "core/findings/finding_lifecycle.h"
#include "store/findings/accountability_store.h"
#include "store/findings/finding_store.h"
#include "store/roster/school_store.h"
#include "store/units/unit_store.h"
#include "svc/findings/finding_svc.h"
#include "util/timeutil.h"

enum { ACC_CASE_REMIND_DAYS = 5 };

static scope_t office_scope(const actor_t *who) {
    return (scope_t){.region_path = who->region_path};
}

acc_case_facts_t accountability_case_facts(const accountability_case_t *c) {
    acc_case_facts_t f = {.state = ACC_CASE_INVESTIGATING,
                          .work_ended_on = c->work_ended_on,
                          .group_formed_on = c->group_formed_on,
                          .notified_on = c->notified_on,
                          .heard_on = c->heard_on,
                          .consulted_on = c->consulted_on,
                          .approved_on = c->approved_on};
    acc_case_state_parse(c->state, &f.state);
    return f;
}

json_t *accountability_case_json(const accountability_case_t *c, const char *today) {
    json_t *j = agg_to_json(&accountability_case_agg, c);
    acc_case_facts_t f = accountability_case_facts(c);
    acc_case_state_t st = f.state;
    json_object_set_new(j, "state_label", json_string(acc_case_state_label(st)));
    json_object_set_new(j, "ground_label", svc_jstr(acc_ground_label((int)c->ground_category)));
    json_object_set_new(j, "gov_situation_label", svc_jstr(acc_gov_situation_label(c->gov_situation)));
    json_object_set_new(j, "proposed_measure_label",
                        c->proposed_measure ? json_string(finding_accountability_measure_zh(c->proposed_measure))
                                            : json_null());
    /* 调查认定工作组 within 60 days after the 督导 work ended: runs until the group is formed */
    bool is_running = st == ACC_CASE_INVESTIGATING && !c->group_formed_on;
    acc_clock_t k =
        acc_clock_at(ACC_CLOCK_INVESTIGATION, c->work_ended_on, c->group_formed_on ? c->group_formed_on : today);
    json_object_set_new(j, "clock",
                        json_pack("{s:s, s:s, s:i, s:s, s:o, s:b, s:b, s:b}", "label",
                                  acc_clock_label(ACC_CLOCK_INVESTIGATION), "from", c->work_ended_on, "limit_days",
                                  acc_clock_limit(ACC_CLOCK_INVESTIGATION), "due_on", k.due_on, "days_left",
                                  is_running ? json_integer(k.days_left) : json_null(), "is_running", is_running,
                                  "is_late", k.is_valid && !k.is_allowed, "remind",
                                  is_running && acc_clock_remind(&k, ACC_CASE_REMIND_DAYS)));
    /* the steps the state allows now, for the form */
    json_t *next = json_array();
    for (int s = 0; s < ACC_CASE__N_STEPS; s++) {
        const char *msg;
        if (!acc_case_check(&f, (acc_case_step_t)s, "9999-12-31", &msg))
            json_array_append_new(next, json_string(acc_case_step_name((acc_case_step_t)s)));
    }
    json_object_set_new(j, "next_steps", next);
    return j;
}

static err_t *bad(arena_t *a, const char *field, const char *zh, const char *en) {
    return err_new(a, ERR_INVALID, field, zh, en);
}

/* The case's region: its finding's, its school's, its unit's, else the office's own. */
static err_t *case_place(db_t *db, arena_t *a, const actor_t *who, accountability_case_t *c) {
    err_t *e;
    scope_t sc = office_scope(who);
    c->region_code = who->region_code;
    if (c->finding_id) {
        finding_t f;
        if ((e = finding_store_get(db, a, &sc, finding_today(a), c->finding_id, &f))) return e;
        if (!c->school_id) c->school_id = f.school_id;
        if (!c->unit_id) c->unit_id = f.unit_id;
        c->region_code = f.region_code;
    }
    if (c->school_id) {
        school_t s;
        if ((e = school_store_get(db, a, &sc, c->school_id, &s))) return e;
        c->region_code = s.region_code;
    }
    if (c->unit_id) {
        unit_t u;
        if ((e = unit_store_get(db, a, &sc, c->unit_id, &u))) return e;
        c->region_code = u.region_code;
    }
    return NULL;
}

err_t *accountability_case_svc_open(svc_t *s, arena_t *a, const actor_t *who, accountability_case_t *in, json_t **out) {
    err_t *e = agg_validate(a, &accountability_case_agg, in);
    if (e) return e;
    if (!acc_ground_label((int)in->ground_category))
        return bad(a, "ground_category", "问责情形类别应为 1—6（《教育督导问责办法》六类情形）",
                   "ground_category: 1 to 6 (the six categories of the 问责办法)");
    if (in->gov_situation && strcmp(in->target_kind, "unit") != 0)
        return bad(a, "gov_situation", "政府问责情形只适用于单位（地方政府及有关职能部门）",
                   "a government situation applies to a unit target only");
    if (in->gov_situation && strcmp(in->gov_situation, "other") == 0 && (!in->ground_note || !*in->ground_note))
        return bad(a, "ground_note", "选择“其他情形”时请写明情形（按《教育督导问责办法》原文）",
                   "for another situation, state it in the note (in the words of the 问责办法)");
    const char *today = finding_today(a);
    if (strcmp(in->work_ended_on, today) > 0)
        return bad(a, "work_ended_on", "督导工作结束日期不能晚于今天", "the inspection work cannot end in the future");
    if (in->school_id && in->unit_id)
        return bad(a, "unit_id", "学校与被督导单位只能选一个", "a school or a unit, not both");
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    in->state = "investigating";
    in->created_by = who->user_id;
    int64_t id;
    scope_t sc = office_scope(who);
    accountability_case_t c;
    if (!(e = case_place(db, a, who, in)) && !(e = accountability_case_store_insert(db, a, in, time_now(), &id)) &&
        !(e = accountability_case_store_get(db, a, &sc, id, &c))) {
        *out = accountability_case_json(&c, today);
        json_t *after = agg_to_audit_json(&accountability_case_agg, &c);
        e = svc_audit(db, a, who, "create", "accountability_case", arena_printf(a, "%" PRId64, id), c.region_code, NULL,
                      after);
        json_decref(after);
        if (e) json_decref(*out);
    }
    return svc_end(db, a, e);
}

err_t *accountability_case_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = office_scope(who);
    accountability_case_t c;
    if (!(e = accountability_case_store_get(db, a, &sc, id, &c))) *out = accountability_case_json(&c, finding_today(a));
    return e;
}

err_t *accountability_case_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *state, json_t **out) {
    acc_case_state_t st;
    if (state && !acc_case_state_parse(state, &st))
        return bad(a, "state", "状态应为 investigating / notified / heard / approved / decided / dropped",
                   "state: investigating, notified, heard, approved, decided or dropped");
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = office_scope(who);
    accountability_case_t *cs;
    size_t n;
    if ((e = accountability_case_store_list(db, a, &sc, state, &cs, &n))) return e;
    const char *today = finding_today(a);
    json_t *items = json_array();
    int64_t by_category[ACC_GROUND_N + 1] = {0};
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, accountability_case_json(&cs[i], today));
        if (cs[i].ground_category >= 1 && cs[i].ground_category <= ACC_GROUND_N) by_category[cs[i].ground_category]++;
    }
    /* offices report by category (问责办法's six) */
    json_t *cats = json_array();
    for (int k = 1; k <= ACC_GROUND_N; k++)
        json_array_append_new(cats, json_pack("{s:i, s:s, s:I}", "category", k, "label", acc_ground_label(k), "n",
                                              (json_int_t)by_category[k]));
    *out = json_pack("{s:o, s:I, s:o}", "items", items, "total", (json_int_t)n, "by_category", cats);
    return NULL;
}

static bool too_long(const char *v, size_t max) {
    return v && strlen(v) > max;
}

/* The step's own input, checked before anything is read. */
static err_t *step_input(arena_t *a, acc_case_step_t step, const acc_case_step_in_t *in, const char *target_kind) {
    switch (step) {
    case ACC_STEP_GROUP:
        if (!in->members || !*in->members || too_long(in->members, 1000))
            return bad(a, "members", "请填写调查认定工作组成员（督导委员会办公室会同有关部门）",
                       "members: who is on the investigation group");
        return NULL;
    case ACC_STEP_NOTIFY:
        if (!in->facts || !*in->facts || too_long(in->facts, 4000))
            return bad(a, "facts", "请填写认定事实", "facts: what was established");
        if (!in->opinion || !*in->opinion || too_long(in->opinion, 2000))
            return bad(a, "opinion", "请填写问责意见", "opinion: the proposed accountability");
        if (in->measure && !finding_accountability_measure_ok(target_kind, in->measure))
            return bad(a, "measure", "问责方式不在《教育督导问责办法》对该对象规定的范围内",
                       "the measure is not one the 问责办法 provides for this target");
        if (in->notice_form && strcmp(in->notice_form, "written") != 0 && strcmp(in->notice_form, "oral") != 0)
            return bad(a, "notice_form", "告知方式应为 written（书面）或 oral（口头）", "notice_form: written or oral");
        return NULL;
    case ACC_STEP_HEAR:
        if (!in->is_waived && (!in->statement || !*in->statement))
            return bad(a, "statement", "请记录陈述申辩意见，或注明对象放弃陈述申辩",
                       "statement: what the target said, or is_waived");
        if (too_long(in->statement, 8000)) return bad(a, "statement", "陈述申辩意见过长", "statement: too long");
        return NULL;
    case ACC_STEP_CONSULT:
        if (!in->note || !*in->note || too_long(in->note, 4000))
            return bad(a, "note", "请填写成员单位意见", "note: the member units' views");
        return NULL;
    case ACC_STEP_APPROVE:
        if (!in->approver_name || !*in->approver_name || too_long(in->approver_name, 100))
            return bad(a, "approver_name", "请填写审定人（督导委员会主任或副主任）",
                       "approver_name: the committee's director or deputy director");
        if (!in->approver_title ||
            (strcmp(in->approver_title, "主任") != 0 && strcmp(in->approver_title, "副主任") != 0))
            return bad(a, "approver_title", "审定人应为督导委员会主任或副主任", "approver_title: 主任 or 副主任");
        return NULL;
    case ACC_STEP_DROP:
        if (!in->note || !*in->note || too_long(in->note, 4000))
            return bad(a, "note", "请写明不予问责的理由", "note: why no accountability");
        return NULL;
    default:
        return bad(a, "step", "问责决定请在问责记录中登记（POST /accountability，带 case_id）",
                   "the decision is recorded with POST /accountability and the case_id");
    }
}

err_t *accountability_case_svc_step(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const acc_case_step_in_t *in,
                                    json_t **out) {
    acc_case_step_t step;
    if (!acc_case_step_parse(in->step, &step) || step == ACC_STEP_DECIDE)
        return bad(a, "step", "步骤应为 group / notify / hear / consult / approve / drop",
                   "step: group, notify, hear, consult, approve or drop");
    const char *today = finding_today(a), *on = in->on ? in->on : today;
    if (!time_is_date(on) || strcmp(on, today) > 0)
        return bad(a, "on", "日期应为不晚于今天的 YYYY-MM-DD", "on: a date YYYY-MM-DD, not in the future");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    scope_t sc = office_scope(who);
    accountability_case_t c;
    if ((e = accountability_case_store_get(db, a, &sc, id, &c))) goto done;
    if ((e = step_input(a, step, in, c.target_kind))) goto done;
    acc_case_facts_t f = accountability_case_facts(&c);
    acc_case_state_t st = f.state;
    const char *msg, *field = acc_case_check(&f, step, on, &msg);
    if (field) {
        e = err_new(a, strcmp(field, "step") == 0 ? ERR_CONFLICT : ERR_INVALID, field, msg, msg);
        goto done;
    }
    json_t *before = agg_to_audit_json(&accountability_case_agg, &c);
    switch (step) {
    case ACC_STEP_GROUP:
        c.group_formed_on = on, c.group_members = in->members;
        break;
    case ACC_STEP_NOTIFY:
        c.notified_on = on, c.facts = in->facts, c.opinion = in->opinion, c.proposed_measure = in->measure;
        c.notice_form = in->notice_form ? in->notice_form : "written";
        break;
    case ACC_STEP_HEAR:
        c.heard_on = on, c.is_statement_waived = in->is_waived;
        c.statement = in->is_waived && (!in->statement || !*in->statement) ? NULL : in->statement;
        break;
    case ACC_STEP_CONSULT:
        c.consulted_on = on, c.consult_note = in->note;
        break;
    case ACC_STEP_APPROVE:
        c.approved_on = on, c.approver_name = in->approver_name, c.approver_title = in->approver_title;
        break;
    case ACC_STEP_DROP:
        c.dropped_on = on, c.drop_reason = in->note;
        break;
    default:
        break;
    }
    c.state = acc_case_state_name(acc_case_after(st, step));
    if (!(e = accountability_case_store_update(db, a, &c, time_now())) &&
        !(e = accountability_case_store_get(db, a, &sc, id, &c))) {
        json_t *after = agg_to_audit_json(&accountability_case_agg, &c);
        json_object_set_new(after, "step", json_string(acc_case_step_name(step)));
        e = svc_audit(db, a, who, "update", "accountability_case", arena_printf(a, "%" PRId64, id), c.region_code,
                      before, after);
        json_decref(after);
        if (!e) *out = accountability_case_json(&c, today);
    }
    json_decref(before);
done:
    return svc_end(db, a, e);
}

err_t *accountability_case_svc_due(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    json_t *list;
    err_t *e = accountability_case_svc_list(s, a, who, "investigating", &list);
    if (e) return e;
    json_t *items = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(list, "items"), i, x) {
        json_t *clock = json_object_get(x, "clock");
        if (!json_is_true(json_object_get(clock, "remind"))) continue;
        json_array_append_new(
            items,
            json_pack("{s:O, s:O, s:s, s:s, s:s, s:O, s:O, s:O}", "id", json_object_get(x, "id"), "target_name",
                      json_object_get(x, "target_name"), "kind", "case", "clock", "investigation", "label",
                      acc_clock_label(ACC_CLOCK_INVESTIGATION), "due_on", json_object_get(clock, "due_on"), "days_left",
                      json_object_get(clock, "days_left"), "is_late", json_object_get(clock, "is_late")));
    }
    json_decref(list);
    *out = json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items), "items", items);
    return NULL;
}
