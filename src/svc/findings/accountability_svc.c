#include "svc/findings/accountability_svc.h"

#include <inttypes.h>
#include <string.h>

#include "core/findings/accountability_case.h"
#include "core/findings/accountability_clock.h"
#include "core/findings/finding_lifecycle.h"
#include "store/findings/accountability_store.h"
#include "store/findings/finding_store.h"
#include "store/platform/region_store.h"
#include "store/roster/school_store.h"
#include "svc/findings/accountability_case_svc.h"
#include "svc/findings/finding_svc.h"
#include "util/timeutil.h"

static json_t *acc_json(const db_rows_t *r, size_t i, const char *today) {
    const char *review_state = db_cell(r, i, 14), *appeal_state = db_cell(r, i, 15);
    const char *review_apply_by = db_cell(r, i, 10), *review_decide_by = db_cell(r, i, 11);
    const char *appeal_apply_by = db_cell(r, i, 12), *appeal_decide_by = db_cell(r, i, 13);
    /* what is due now: the office must decide an applied review/appeal by its limit */
    bool is_review_late = strcmp(review_state, "applied") == 0 && strcmp(today, review_decide_by) > 0;
    bool is_appeal_late = strcmp(appeal_state, "applied") == 0 && strcmp(today, appeal_decide_by) > 0;
    json_t *j = json_pack(
        "{s:I, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:b, s:b}, s:{s:s, s:s, s:s, s:b, "
        "s:b}, s:b, s:o}",
        "id", (json_int_t)db_cell_int(r, i, 0), "region_code", db_cell(r, i, 1), "school_id",
        db_cell(r, i, 2) ? json_integer(db_cell_int(r, i, 2)) : json_null(), "school_name", svc_jstr(db_cell(r, i, 3)),
        "finding_id", db_cell(r, i, 4) ? json_integer(db_cell_int(r, i, 4)) : json_null(), "target_kind",
        db_cell(r, i, 5), "target_name", db_cell(r, i, 6), "measure", db_cell(r, i, 7), "measure_label",
        finding_accountability_measure_zh(db_cell(r, i, 7)), "grounds", db_cell(r, i, 8), "decided_on",
        db_cell(r, i, 9), "review", "state", review_state, "apply_by", review_apply_by, "decide_by", review_decide_by,
        "is_open", strcmp(review_state, "none") == 0 && strcmp(today, review_apply_by) <= 0, "is_late", is_review_late,
        "appeal", "state", appeal_state, "apply_by", appeal_apply_by, "decide_by", appeal_decide_by, "is_open",
        strcmp(appeal_state, "none") == 0 && strcmp(today, appeal_apply_by) <= 0, "is_late", is_appeal_late,
        "is_aggravated", db_cell_int(r, i, 16) != 0, "aggravation", svc_jstr(db_cell(r, i, 17)));
    /* the clocks counted from receipt (问责办法): which runs, its due date, days left, late */
    const char *received = db_cell(r, i, 19) ? db_cell(r, i, 19) : db_cell(r, i, 9);
    struct {
        const char *name;
        acc_clock_kind_t k;
        const char *from, *stopped; /* stopped: the step was taken */
        bool is_running;
    } cl[] = {
        {"review_apply", ACC_CLOCK_REVIEW_APPLY, received, db_cell(r, i, 20), strcmp(review_state, "none") == 0},
        {"review_decide", ACC_CLOCK_REVIEW_DECIDE, db_cell(r, i, 20), db_cell(r, i, 21),
         strcmp(review_state, "applied") == 0},
        {"appeal_apply", ACC_CLOCK_APPEAL_APPLY, db_cell(r, i, 22), db_cell(r, i, 23),
         strcmp(appeal_state, "none") == 0 &&
             (strcmp(review_state, "upheld") == 0 || strcmp(review_state, "changed") == 0)},
    };
    json_t *clocks = json_object();
    for (size_t k = 0; k < sizeof cl / sizeof cl[0]; k++) {
        if (!cl[k].from) continue;
        acc_clock_t c = acc_clock_at(cl[k].k, cl[k].from, cl[k].stopped ? cl[k].stopped : today);
        bool is_running = cl[k].is_running && !cl[k].stopped;
        json_object_set_new(clocks, cl[k].name,
                            json_pack("{s:s, s:s, s:i, s:s, s:o, s:b, s:b, s:b}", "label", acc_clock_label(cl[k].k),
                                      "from", cl[k].from, "limit_days", acc_clock_limit(cl[k].k), "due_on", c.due_on,
                                      "days_left", is_running ? json_integer(c.days_left) : json_null(), "is_running",
                                      is_running, "is_late", c.is_valid && !c.is_allowed, "remind",
                                      is_running && acc_clock_remind(&c, 5)));
    }
    json_object_set_new(j, "received_on", svc_jstr(db_cell(r, i, 19)));
    json_object_set_new(j, "case_id", db_cell(r, i, 24) ? json_integer(db_cell_int(r, i, 24)) : json_null());
    json_object_set_new(j, "archive_no", svc_jstr(db_cell(r, i, 25)));
    int64_t cat = db_cell(r, i, 26) ? db_cell_int(r, i, 26) : 0;
    json_object_set_new(j, "ground_category", cat ? json_integer(cat) : json_null());
    json_object_set_new(j, "ground_label", svc_jstr(acc_ground_label((int)cat)));
    json_object_set_new(j, "basis", svc_jstr(db_cell(r, i, 27)));
    json_object_set_new(j, "effective_on", svc_jstr(db_cell(r, i, 28)));
    json_object_set_new(j, "clocks", clocks);
    return j;
}

static scope_t office_scope(const actor_t *who) {
    return (scope_t){.region_path = who->region_path};
}

static bool too_long_text(const char *v, size_t max) {
    return v && strlen(v) > max;
}

err_t *accountability_svc_list(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = office_scope(who);
    db_rows_t r;
    if ((e = accountability_store_list(db, a, &sc, &r))) return e;
    const char *today = finding_today(a);
    json_t *arr = json_array();
    for (size_t i = 0; i < r.n_rows; i++)
        json_array_append_new(arr, acc_json(&r, i, today));
    *out = json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)r.n_rows);
    return NULL;
}

static err_t *acc_get(db_t *db, arena_t *a, const actor_t *who, int64_t id, db_rows_t *r) {
    scope_t sc = office_scope(who);
    err_t *e = accountability_store_get(db, a, &sc, id, r);
    if (!e && !r->n_rows) e = err_new(a, ERR_NOT_FOUND, "id", "问责记录不存在", "no such accountability record");
    return e;
}

/* Where the record belongs: the school's region, the finding's, or the given one. */
static err_t *acc_place(db_t *db, arena_t *a, const actor_t *who, int64_t *school_id, int64_t finding_id,
                        const char *region_code, const char **region_out) {
    err_t *e;
    if (finding_id) {
        finding_t f;
        scope_t sc = office_scope(who);
        if ((e = finding_store_get(db, a, &sc, finding_today(a), finding_id, &f))) return e;
        if (!*school_id) *school_id = f.school_id;
        *region_out = f.region_code;
    }
    if (*school_id) {
        school_t sch;
        scope_t sc = scope_region(who->region_path);
        if ((e = school_store_get(db, a, &sc, *school_id, &sch))) return e;
        *region_out = sch.region_code;
    }
    if (!*region_out) {
        region_t reg;
        const char *code = region_code ? region_code : who->region_code;
        if ((e = region_store_get(db, a, who->region_path, code, &reg))) return e;
        *region_out = reg.code;
    }
    return NULL;
}

/* The case a decision follows: approved, in scope, the decision not before the approval. Fills
 * in the target, the place and the category from it. */
static err_t *decision_case(db_t *db, arena_t *a, const actor_t *who, accountability_in_t *in,
                            accountability_case_t *c) {
    scope_t sc = office_scope(who);
    err_t *e = accountability_case_store_get(db, a, &sc, in->case_id, c);
    if (e) return e->code == ERR_NOT_FOUND ? err_new(a, ERR_NOT_FOUND, "case_id", "问责调查不存在", "no such case") : e;
    if ((in->target_kind && strcmp(in->target_kind, c->target_kind) != 0) ||
        (in->target_name && strcmp(in->target_name, c->target_name) != 0))
        return err_new(a, ERR_INVALID, "target_name", "问责对象与问责调查的对象不一致",
                       "the target differs from the case's");
    acc_case_facts_t f = accountability_case_facts(c);
    const char *msg, *field = acc_case_check(&f, ACC_STEP_DECIDE, in->decided_on, &msg);
    if (field)
        return err_new(a, strcmp(field, "step") == 0 ? ERR_CONFLICT : ERR_INVALID,
                       strcmp(field, "step") == 0 ? "case_id" : "decided_on", msg, msg);
    in->target_kind = c->target_kind;
    in->target_name = c->target_name;
    in->school_id = c->school_id;
    in->finding_id = c->finding_id;
    in->region_code = c->region_code;
    in->ground_category = c->ground_category;
    return NULL;
}

err_t *accountability_svc_create(svc_t *s, arena_t *a, const actor_t *who, const accountability_in_t *in_,
                                 json_t **out) {
    accountability_in_t in_copy = *in_, *in = &in_copy;
    if (!in->case_id && (!in->archive_no || !*in->archive_no))
        return err_new(a, ERR_CONFLICT, "case_id",
                       "问责决定须经调查认定、告知、陈述申辩和督导委员会审定后作出：请选择已审定的问责调查（线下已完成"
                       "程序的既往决定请填写档案号）",
                       "a decision follows the investigation, the notice, the hearing and the committee's approval: "
                       "name the approved case (or, for a decision made outside dudao, its archive number)");
    if (in->case_id && in->archive_no)
        return err_new(a, ERR_INVALID, "archive_no", "已选择问责调查时不填档案号",
                       "a case or an archive number, not both");
    if (too_long_text(in->archive_no, 100) || too_long_text(in->basis, 4000))
        return err_new(a, ERR_INVALID, in->basis && strlen(in->basis) > 4000 ? "basis" : "archive_no", "内容过长",
                       "too long");
    if (in->ground_category && !acc_ground_label((int)in->ground_category))
        return err_new(a, ERR_INVALID, "ground_category", "问责情形类别应为 1—6", "ground_category: 1 to 6");
    if (in->effective_on &&
        (!time_is_date(in->effective_on) || (in->decided_on && strcmp(in->effective_on, in->decided_on) < 0)))
        return err_new(a, ERR_INVALID, "effective_on", "生效时间应为不早于决定日期的 YYYY-MM-DD",
                       "effective_on: a date YYYY-MM-DD, not before the decision");
    if (in->case_id && (!in->basis || !*in->basis))
        return err_new(a, ERR_INVALID, "basis", "请填写问责依据（条款）",
                       "basis: the provisions the decision rests on");
    db_t *db;
    err_t *e = NULL;
    accountability_case_t kase = {0};
    if (in->case_id) {
        if (!in->decided_on || !time_is_date(in->decided_on))
            return err_new(a, ERR_INVALID, "decided_on", "决定日期应为 YYYY-MM-DD", "decided_on: YYYY-MM-DD");
        if ((e = svc_db(s, a, &db)) || (e = decision_case(db, a, who, in, &kase))) return e;
    }
    if (!finding_accountability_measures(in->target_kind))
        return err_new(a, ERR_INVALID, "target_kind",
                       "问责对象应为 unit（单位）/ person（责任人）/ private_person（民办学校责任人）",
                       "target_kind: unit, person or private_person");
    if (!finding_accountability_measure_ok(in->target_kind, in->measure))
        return err_new(a, ERR_INVALID, "measure", "问责方式不在《教育督导问责办法》对该对象规定的范围内",
                       "the measure is not one the 问责办法 provides for this target");
    if (!in->target_name || !*in->target_name || strlen(in->target_name) > 200)
        return err_new(a, ERR_INVALID, "target_name", "请填写问责对象", "the target is required");
    if (!in->grounds || !*in->grounds || strlen(in->grounds) > 4000)
        return err_new(a, ERR_INVALID, "grounds", "请填写问责事实与依据", "the grounds are required");
    char ra[11], rd[11], aa[11], ad[11];
    if (!in->decided_on || !finding_accountability_deadlines(in->decided_on, ra, rd, aa, ad))
        return err_new(a, ERR_INVALID, "decided_on", "决定日期应为 YYYY-MM-DD", "decided_on: YYYY-MM-DD");
    if ((e = svc_begin(s, a, &db))) return e;
    /* the case read again in the transaction: another admin may have decided it meanwhile */
    if (in->case_id && (e = decision_case(db, a, who, in, &kase))) goto done;
    int64_t school_id = in->school_id;
    const char *region = NULL;
    db_rows_t r;
    if ((e = acc_place(db, a, who, &school_id, in->finding_id, in->region_code, &region))) goto done;
    /* 从重: the same target held accountable before — within a year (case 4), or with its
     * finding still not rectified (case 3) */
    if ((e = accountability_store_previous(db, a, in->target_name, in->target_kind, &r))) goto done;
    const char *aggravation = NULL;
    int n_year = 0;
    for (size_t i = 0; i < r.n_rows; i++) {
        if (finding_accountability_is_repeat(in->decided_on, db_cell(&r, i, 0))) n_year++;
        const char *fs = db_cell(&r, i, 1);
        if (fs && strcmp(fs, "closed") != 0 && strcmp(fs, "voided") != 0 && !aggravation)
            aggravation = "被问责后仍不落实整改";
    }
    if (n_year >= 1) aggravation = arena_printf(a, "一年内被教育督导问责两次及以上（本次为第 %d 次）", n_year + 1);
    accountability_new_t x = {.region_code = region,
                              .school_id = school_id,
                              .finding_id = in->finding_id,
                              .target_kind = in->target_kind,
                              .target_name = in->target_name,
                              .measure = in->measure,
                              .grounds = in->grounds,
                              .decided_on = in->decided_on,
                              .review_apply_by = ra,
                              .review_decide_by = rd,
                              .appeal_apply_by = aa,
                              .appeal_decide_by = ad,
                              .aggravation = aggravation,
                              .created_by = who->user_id,
                              .now = time_now()};
    int64_t id;
    if ((e = accountability_store_insert(db, a, &x, &id))) goto done;
    if ((e = accountability_store_set_decision(db, a, id, in->case_id, in->archive_no, in->ground_category, in->basis,
                                               in->effective_on ? in->effective_on : in->decided_on)))
        goto done;
    if (in->case_id) { /* the case ends in this decision */
        kase.state = acc_case_state_name(ACC_CASE_DECIDED);
        kase.accountability_id = id;
        if ((e = accountability_case_store_update(db, a, &kase, time_now()))) goto done;
        json_t *cb = json_pack("{s:s}", "state", "approved"),
               *ca = json_pack("{s:s, s:s, s:I}", "step", "decide", "state", kase.state, "accountability_id",
                               (json_int_t)id);
        e = svc_audit(db, a, who, "update", "accountability_case", arena_printf(a, "%" PRId64, kase.id),
                      kase.region_code, cb, ca);
        json_decref(cb);
        json_decref(ca);
        if (e) goto done;
    }
    if ((e = acc_get(db, a, who, id, &r))) goto done;
    *out = acc_json(&r, 0, finding_today(a));
    e = svc_audit(db, a, who, "create", "accountability", arena_printf(a, "%" PRId64, id), region, NULL, *out);
    if (e) json_decref(*out);
done:
    return svc_end(db, a, e);
}

err_t *accountability_svc_review(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *step,
                                 const char *state, const char *on, const char *received_on, json_t **out) {
    bool is_review = step && strcmp(step, "review") == 0;
    if (!is_review && !(step && strcmp(step, "appeal") == 0))
        return err_new(a, ERR_INVALID, "step", "应为 review（复核）或 appeal（申诉）", "step: review or appeal");
    if (!state || (strcmp(state, "applied") != 0 && strcmp(state, "upheld") != 0 && strcmp(state, "changed") != 0))
        return err_new(a, ERR_INVALID, "state", "应为 applied / upheld / changed", "state: applied, upheld or changed");
    const char *today = finding_today(a);
    if (!on) on = today;
    if (!time_is_date(on) || strcmp(on, today) > 0)
        return err_new(a, ERR_INVALID, "on", "日期应为不晚于今天的 YYYY-MM-DD",
                       "on: a date YYYY-MM-DD, not in the future");
    if (received_on && (!time_is_date(received_on) || strcmp(received_on, on) > 0))
        return err_new(a, ERR_INVALID, "received_on", "送达日期应为不晚于申请日的 YYYY-MM-DD",
                       "received_on: a date YYYY-MM-DD, not after the step");
    bool is_apply = strcmp(state, "applied") == 0;
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    db_rows_t r;
    if ((e = acc_get(db, a, who, id, &r))) goto done;
    const char *cur = db_cell(&r, 0, is_review ? 14 : 15);
    accountability_dates_t d = {0};
    if (is_apply) {
        if (strcmp(cur, "none") != 0) {
            e = err_new(a, ERR_CONFLICT, "state", "已经申请过", "already applied");
            goto done;
        }
        /* the clock runs from receipt: of the decision (复核), of the 复核决定 (申诉) */
        const char *from;
        if (is_review) {
            from = received_on ? received_on : db_cell(&r, 0, 19) ? db_cell(&r, 0, 19) : db_cell(&r, 0, 9);
            if (received_on && strcmp(received_on, db_cell(&r, 0, 9)) < 0) {
                e = err_new(a, ERR_INVALID, "received_on", "送达日期不能早于决定日期",
                            "the decision cannot be received before it was made");
                goto done;
            }
            d.received_on = received_on;
            d.review_applied_on = on;
        } else {
            const char *rs = db_cell(&r, 0, 14);
            if (strcmp(rs, "upheld") != 0 && strcmp(rs, "changed") != 0) {
                e = err_new(a, ERR_CONFLICT, "step", "复核决定作出后才能申诉", "an appeal follows the review decision");
                goto done;
            }
            from = received_on ? received_on : db_cell(&r, 0, 22) ? db_cell(&r, 0, 22) : db_cell(&r, 0, 21);
            d.review_result_received_on = received_on;
            d.appeal_applied_on = on;
        }
        acc_clock_kind_t k = is_review ? ACC_CLOCK_REVIEW_APPLY : ACC_CLOCK_APPEAL_APPLY;
        acc_clock_t c = acc_clock_at(k, from ? from : on, on);
        if (!c.is_allowed) {
            e = err_newf(a, ERR_INVALID, "on", "已超过%s：收到之日（%s）起 %d 日内，截至 %s，今为第 %d 日",
                         "past the time limit (%s): received %s, within %d days, due %s, this is day %d",
                         acc_clock_label(k), from ? from : on, acc_clock_limit(k), c.due_on, c.day);
            goto done;
        }
    } else {
        if (strcmp(cur, "applied") != 0) {
            e = err_new(a, ERR_CONFLICT, "state", "尚未申请，不能作出决定", "nothing applied for to decide");
            goto done;
        }
        if (is_review) { /* decided (late is recorded, not refused: the clock shows it) */
            d.review_decided_on = on;
            d.review_result_received_on = received_on;
        }
    }
    if ((e = accountability_store_set_step(db, a, id, is_review, state)) ||
        (e = accountability_store_set_dates(db, a, id, &d)) || (e = acc_get(db, a, who, id, &r)))
        goto done;
    json_t *before = json_pack("{s:s}", step, cur),
           *after = json_pack("{s:s, s:s, s:o}", step, state, "on", on, "received_on", svc_jstr(received_on));
    e = svc_audit(db, a, who, "update", "accountability", arena_printf(a, "%" PRId64, id), db_cell(&r, 0, 1), before,
                  after);
    json_decref(before);
    json_decref(after);
    if (!e) *out = acc_json(&r, 0, today);
done:
    return svc_end(db, a, e);
}

err_t *interview_svc_list(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = office_scope(who);
    db_rows_t r;
    if ((e = interview_store_list(db, a, &sc, &r))) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < r.n_rows; i++)
        json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:o, s:s, s:s, s:o, s:o}", "id",
                                             (json_int_t)db_cell_int(&r, i, 0), "school_id",
                                             db_cell(&r, i, 1) ? json_integer(db_cell_int(&r, i, 1)) : json_null(),
                                             "school_name", svc_jstr(db_cell(&r, i, 2)), "finding_id",
                                             db_cell(&r, i, 3) ? json_integer(db_cell_int(&r, i, 3)) : json_null(),
                                             "target_name", db_cell(&r, i, 4), "held_on", db_cell(&r, i, 5), "place",
                                             svc_jstr(db_cell(&r, i, 6)), "summary", svc_jstr(db_cell(&r, i, 7))));
    *out = json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)r.n_rows);
    return NULL;
}

err_t *interview_svc_create(svc_t *s, arena_t *a, const actor_t *who, const interview_in_t *in, json_t **out) {
    if (!in->target_name || !*in->target_name)
        return err_new(a, ERR_INVALID, "target_name", "请填写约谈对象", "who is interviewed is required");
    if (!in->held_on || !time_is_date(in->held_on))
        return err_new(a, ERR_INVALID, "held_on", "约谈日期应为 YYYY-MM-DD", "held_on: YYYY-MM-DD");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    int64_t school_id = in->school_id;
    const char *region = NULL;
    if ((e = acc_place(db, a, who, &school_id, in->finding_id, in->region_code, &region))) goto done;
    interview_new_t x = {.region_code = region,
                         .school_id = school_id,
                         .finding_id = in->finding_id,
                         .target_name = in->target_name,
                         .held_on = in->held_on,
                         .place = in->place,
                         .summary = in->summary,
                         .created_by = who->user_id,
                         .now = time_now()};
    int64_t id;
    if ((e = interview_store_insert(db, a, &x, &id))) goto done;
    *out = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "target_name", in->target_name, "held_on", in->held_on);
    if (in->finding_id) {
        finding_event_t ev = {.finding_id = in->finding_id,
                              .kind = "interview_held",
                              .actor_id = who->user_id,
                              .actor_name = finding_actor_display(db, a, who),
                              .actor_role = role_name(who->role),
                              .note = arena_printf(a, "%s 约谈 %s", in->held_on, in->target_name),
                              .at = time_now()};
        e = finding_store_add_event(db, a, &ev);
    }
    if (!e) e = svc_audit(db, a, who, "create", "interview", arena_printf(a, "%" PRId64, id), region, NULL, *out);
    if (e) json_decref(*out);
done:
    return svc_end(db, a, e);
}

json_t *accountability_clocks_due(const json_t *list) {
    json_t *items = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(list, "items"), i, x) {
        const char *name;
        json_t *c;
        json_object_foreach(json_object_get(x, "clocks"), name, c) {
            if (!json_is_true(json_object_get(c, "remind"))) continue;
            json_array_append_new(items,
                                  json_pack("{s:O, s:O, s:s, s:s, s:O, s:O, s:O, s:O}", "id", json_object_get(x, "id"),
                                            "target_name", json_object_get(x, "target_name"), "kind", "decision",
                                            "clock", name, "label", json_object_get(c, "label"), "due_on",
                                            json_object_get(c, "due_on"), "days_left", json_object_get(c, "days_left"),
                                            "is_late", json_object_get(c, "is_late")));
        }
    }
    return json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items), "items", items);
}
