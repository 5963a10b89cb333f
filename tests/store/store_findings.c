/* The findings capability's store modules beyond the ledger (tests/store/store_suite.c has the
 * ledger itself): the escalation and recurrence steps, the dashboard's aggregates, visit drafts,
 * bulletins, complaints, accountability and interviews. They work in their own county (长兴县,
 * 330522) so the counts are exact whatever the other tests wrote. */
#include <stdio.h>
#include <string.h>

#include "core/findings/finding_lifecycle.h"
#include "store/findings/accountability_store.h"
#include "store/findings/bulletin_store.h"
#include "store/findings/complaint_store.h"
#include "store/findings/finding_jobs_store.h"
#include "store/findings/finding_stats_store.h"
#include "store/findings/finding_store.h"
#include "store/platform/region_store.h"
#include "store/platform/user_store.h"
#include "store/roster/school_store.h"
#include "store_suite.h"

#define TOWN "330522001"
#define COUNTY_PATH "/330000/330500/330522/"
#define ISSUED_AT 1767225600 /* 2026-01-01 00:00 UTC */

static int64_t school_id, finding_ids[3], user_id;

static bool has_row(const db_rows_t *r, size_t col, const char *v) {
    for (size_t i = 0; i < r->n_rows; i++)
        if (db_cell(r, i, col) && strcmp(db_cell(r, i, col), v) == 0) return true;
    return false;
}

static bool has_event(int64_t finding_id, const char *kind) {
    finding_event_t *evs;
    size_t n;
    OK(finding_store_events(db, &a, finding_id, &evs, &n));
    for (size_t i = 0; i < n; i++)
        if (strcmp(evs[i].kind, kind) == 0) return true;
    return false;
}

static finding_t get(int64_t id) {
    finding_t f;
    OK(finding_store_get(db, &a, &SCOPE_ALL, "2026-02-01", id, &f));
    return f;
}

/* Three issued findings of one school with deadlines ahead, just past and long past. */
static void fixtures(void) {
    OK(region_store_insert(db, &a, TOWN, "雉城街道", "town", "330522"));
    OK(school_store_insert_min(db, &a, "2133000555", "雉城测试小学", TOWN, 1000, &school_id));
    user_t u = {.username = "cx_findings_office",
                .display_name = "长兴管理员",
                .role = "admin",
                .region_code = "330522",
                .password_hash = "x"};
    OK(user_store_insert(db, &a, &u, 1000, &user_id));
    static const char *const deadlines[] = {"2026-02-02", "2026-01-31", "2026-01-01"};
    for (int i = 0; i < 3; i++) {
        finding_t f = {.region_code = TOWN,
                       .school_id = school_id,
                       .source = "manual",
                       .severity = "general",
                       .description = "问题",
                       .indicator_code = "C1.1",
                       .state = "issued",
                       .deadline = deadlines[i],
                       .responsible_person = "王某某"};
        OK(finding_store_insert(db, &a, &f, 1000 + i * 1000));
        f.issued_at = ISSUED_AT;
        OK(finding_store_update(db, &a, &f, 1000 + i * 1000));
        finding_ids[i] = f.id;
    }
}

void test_findings_jobs_store(void **state) {
    (void)state;
    fixtures();
    /* a visit's draft carries no county until the sweep fills it */
    finding_t d = {.region_code = TOWN,
                   .school_id = school_id,
                   .task_id = 7,
                   .visit_id = 8,
                   .indicator_code = "C2",
                   .severity = "general",
                   .description = "草稿"};
    OK(finding_store_add_visit_draft(db, &a, &d, 1500));
    OK(finding_jobs_fill_county(db, &a));
    db_rows_t r;
    OK(finding_jobs_regions(db, &a, &r));
    assert_true(has_row(&r, 0, TOWN));
    assert_true(has_row(&r, 2, "长兴县"));
    int64_t run = 42, n;
    /* reminders for the deadline within three days; overdue for the two past it */
    OK(finding_jobs_raise(db, &a, TOWN, run, ESC_REMINDED, "2026-02-01", "2026-02-04", &n));
    assert_int_equal(n, 1);
    OK(finding_jobs_step_events(db, &a, TOWN, run, ESC_REMINDED, FJ_REMIND, 5000));
    assert_true(has_event(finding_ids[0], "reminder"));
    OK(finding_jobs_raise(db, &a, TOWN, run, ESC_OVERDUE, NULL, "2026-01-31", &n));
    assert_int_equal(n, 2);
    OK(finding_jobs_step_events(db, &a, TOWN, run, ESC_OVERDUE, FJ_OVERDUE, 5000));
    assert_true(has_event(finding_ids[1], "overdue"));
    assert_true(get(finding_ids[1]).is_overdue);
    /* one 督办单, numbered from the county's counter */
    OK(finding_jobs_orders_due(db, &a, TOWN, "2026-01-24", &n));
    assert_int_equal(n, 1);
    finding_jobs_orders_t o = {.region = TOWN,
                               .county = "330522",
                               .order_before = "2026-01-24",
                               .year = 2026,
                               .n = 1,
                               .no_head = "长督办〔2026〕",
                               .to_department = "长兴县教育局",
                               .deadline = "2026-02-08",
                               .issued_on = "2026-02-01",
                               .now = 6000};
    int64_t last;
    OK(finding_jobs_issue_orders(db, &a, &o, &last));
    assert_int_equal(last, 0);
    assert_null(get(finding_ids[2]).order_no); /* a proposal: numbered when the office confirms it */
    OK(finding_jobs_raise_to_order(db, &a, TOWN, run, "2026-01-24"));
    assert_int_equal(get(finding_ids[2]).escalation_level, ESC_ORDER);
    OK(finding_jobs_order_events(db, &a, TOWN, run, 6000));
    assert_true(has_event(finding_ids[2], "order_proposed"));
    /* the office confirms it (svc/findings/finding_svc_order_decide gives the number) */
    OK(db_query(db, &a, "SELECT id FROM supervision_order WHERE finding_id = $1", DB_P(DBV_I(finding_ids[2])), &r));
    bool is_decided = false;
    OK(finding_store_order_decide(db, &a, db_cell_int(&r, 0, 0), "issued", "长督办〔2026〕1号", "2026-02-01",
                                  "2026-02-08", NULL, 0, 6000, &is_decided));
    assert_true(is_decided);
    assert_string_equal(get(finding_ids[2]).order_no, "长督办〔2026〕1号");
    OK(finding_store_order_decide(db, &a, db_cell_int(&r, 0, 0), "dismissed", NULL, NULL, NULL, "x", 0, 6000,
                                  &is_decided));
    assert_false(is_decided); /* decided once */
    OK(finding_jobs_orders_due(db, &a, TOWN, "2026-01-24", &n));
    assert_int_equal(n, 0);
    OK(finding_jobs_raise(db, &a, TOWN, run, ESC_INTERVIEW, NULL, "2026-01-10", &n));
    assert_int_equal(n, 1);
    OK(finding_jobs_step_events(db, &a, TOWN, run, ESC_INTERVIEW, FJ_INTERVIEW, 5000));
    assert_true(has_event(finding_ids[2], "interview"));
    /* a school overdue twice → its open overdue findings are flagged */
    OK(finding_jobs_repeatedly_overdue(db, &a, TOWN, 0, 2, &r));
    assert_int_equal(r.n_rows, 1);
    assert_int_equal(db_cell_int(&r, 0, 0), school_id);
    OK(finding_jobs_flag_overdue_school(db, &a, school_id, run, 7000, &n));
    assert_int_equal(n, 2);
    assert_string_equal(get(finding_ids[1]).accountability_flag, "school_repeatedly_overdue");
    assert_true(has_event(finding_ids[1], "accountability"));
    /* recurrence: the same indicator again at the school, then at the county */
    OK(finding_jobs_counties(db, &a, &r));
    assert_true(has_row(&r, 0, "330522"));
    OK(finding_jobs_recurrence_schools(db, &a, "330522", &r));
    assert_int_equal(r.n_rows, 1);
    OK(finding_jobs_flag_school_recurrence(db, &a, school_id, run + 1, 365 * 86400, 1 << 30, 8000, &n));
    assert_int_equal(n, 2);
    assert_true(has_event(finding_ids[1], "recurrence"));
    OK(finding_jobs_county_indicators(db, &a, "330522", 0, 1 << 30, 1, &r));
    assert_true(has_row(&r, 0, "C1.1"));
    OK(finding_jobs_flag_county_recurrence(db, &a, "330522", "C1.1", run + 2, 0, 1 << 30, 9000, &n));
    assert_int_equal(n, 3);
    assert_string_equal(get(finding_ids[1]).recurrence_flag, "school_county");
    assert_string_equal(get(finding_ids[0]).recurrence_flag, "county");
}

void test_findings_stats_and_visit_drafts(void **state) {
    (void)state;
    scope_t sc = scope_region(COUNTY_PATH);
    db_rows_t r;
    OK(finding_stats_groups(db, &a, &sc, "2026-02-01", &r));
    int64_t sums[4] = {0};
    for (size_t i = 0; i < r.n_rows; i++)
        for (size_t k = 0; k < 4; k++)
            sums[k] += db_cell_int(&r, i, 3 + k);
    assert_int_equal(sums[0], 3); /* open */
    assert_int_equal(sums[1], 2); /* overdue */
    assert_int_equal(sums[3], 3); /* the draft is not counted */
    OK(finding_stats_region_names(db, &a, &sc, &r));
    assert_int_equal(r.n_rows, 2);
    const char *name;
    OK(finding_stats_school_name(db, &a, school_id, &name));
    assert_string_equal(name, "雉城测试小学");
    OK(finding_stats_school_name(db, &a, 999999, &name));
    assert_string_equal(name, "");
    OK(finding_stats_per_day(db, &a, &sc, false, 0, &r));
    assert_int_equal(r.n_rows, 1);
    assert_int_equal(db_cell_int(&r, 0, 1), 3);
    int64_t n;
    OK(finding_stats_due_between(db, &a, &sc, "2026-02-01", "2026-02-05", &n));
    assert_int_equal(n, 1);
    /* closed three days after issue: the histogram, the trend and the 回头看 pool */
    finding_t f = get(finding_ids[0]);
    f.state = "closed";
    f.closed_at = ISSUED_AT + 3 * 86400 + 60;
    OK(finding_store_update(db, &a, &f, 9000));
    OK(finding_stats_days_to_close(db, &a, &sc, &r));
    assert_int_equal(r.n_rows, 1);
    assert_int_equal(db_cell_int(&r, 0, 0), 3);
    OK(finding_stats_per_day(db, &a, &sc, true, 0, &r));
    assert_int_equal(r.n_rows, 1);
    OK(finding_stats_reinspection_pool(db, &a, COUNTY_PATH, ISSUED_AT, ISSUED_AT + 10 * 86400, &r));
    assert_int_equal(r.n_rows, 1);
    assert_int_equal(db_cell_int(&r, 0, 0), finding_ids[0]);
    OK(finding_store_mark_reinspected(db, &a, finding_ids[0]));
    OK(finding_stats_reinspection_pool(db, &a, COUNTY_PATH, ISSUED_AT, ISSUED_AT + 10 * 86400, &r));
    assert_int_equal(r.n_rows, 0);
    /* a visit's drafts: its own terms, then the opinion's deadline for those without one */
    finding_t d = {.region_code = TOWN,
                   .school_id = school_id,
                   .task_id = 9,
                   .visit_id = 77,
                   .severity = "serious",
                   .description = "甲"};
    OK(finding_store_add_visit_draft(db, &a, &d, 1000));
    OK(finding_store_add_visit_draft(db, &a, &d, 1000));
    {
        finding_filter_t flt = {
            .state = "draft", .is_overdue = -1, .is_flagged = -1, .today = "2026-02-01", .limit = 20, .task_id = 9};
        finding_t *items;
        size_t n_items;
        int64_t total;
        OK(finding_store_list(db, &a, &sc, &flt, &items, &n_items, &total, NULL));
        assert_int_equal(n_items, 2);
        assert_string_equal(items[0].source, "visit");
        OK(finding_store_set_draft_terms(db, &a, 77, items[0].id, "限期整改", "2026-03-01", 2000));
        OK(finding_store_default_draft_deadlines(db, &a, 77, "2026-04-01", 2000));
        assert_string_equal(get(items[0].id).deadline, "2026-03-01");
        assert_string_equal(get(items[0].id).requirement, "限期整改");
        assert_string_equal(get(items[1].id).deadline, "2026-04-01");
    }
}

void test_bulletin_store(void **state) {
    (void)state;
    bulletin_period_t p = {.county_path = COUNTY_PATH, .from = ISSUED_AT - 86400, .to = ISSUED_AT + 86400};
    db_rows_t r;
    OK(bulletin_store_totals(db, &a, &p, "2026-02-01", &r));
    assert_int_equal(db_cell_int(&r, 0, 0), 3);
    assert_int_equal(db_cell_int(&r, 0, 1), 1);
    assert_int_equal(db_cell_int(&r, 0, 2), 1); /* closed */
    assert_int_equal(db_cell_int(&r, 0, 3), 2); /* overdue */
    int64_t n;
    bulletin_period_t since_start = {.county_path = COUNTY_PATH, .from = 0, .to = 0};
    OK(bulletin_store_orders_count(db, &a, &since_start, 1 << 30, &n)); /* the order was made at 6000 */
    assert_int_equal(n, 1);
    OK(bulletin_store_orders_count(db, &a, &p, 1 << 30, &n));
    assert_int_equal(n, 0);
    OK(bulletin_store_by_category(db, &a, &p, &r));
    assert_int_equal(r.n_rows, 1);
    assert_string_equal(db_cell(&r, 0, 0), "其他");
    OK(bulletin_store_towns(db, &a, &p, &r));
    assert_int_equal(r.n_rows, 1);
    assert_string_equal(db_cell(&r, 0, 0), "雉城街道");
    OK(bulletin_store_top_schools(db, &a, &p, &r));
    assert_int_equal(r.n_rows, 1);
    assert_int_equal(db_cell_int(&r, 0, 1), 3);
    OK(bulletin_store_overdue_cases(db, &a, COUNTY_PATH, "2026-02-01", &r));
    assert_int_equal(r.n_rows, 2);
    assert_string_equal(db_cell(&r, 0, 2), "2026-01-01"); /* earliest deadline first, with its order */
    assert_non_null(db_cell(&r, 0, 4));
    OK(bulletin_store_person_names(db, &a, COUNTY_PATH, &r));
    assert_true(has_row(&r, 0, "王某某"));
    bulletin_new_t b = {.county_code = "330522",
                        .title = "通报一",
                        .period_from = "2026-01-01",
                        .period_to = "2026-01-31",
                        .body = "正文",
                        .data_json = "{}",
                        .redactions_json = "[]",
                        .composed_by = user_id,
                        .now = 10000};
    int64_t id;
    OK(bulletin_store_insert(db, &a, &b, &id));
    scope_t mine = scope_region(COUNTY_PATH), other = scope_region("/330000/330500/330521/");
    OK(bulletin_store_get(db, &a, &mine, id, &r));
    assert_int_equal(r.n_rows, 1);
    assert_string_equal(db_cell(&r, 0, 9), "draft");
    assert_string_equal(db_cell(&r, 0, 17), "长兴管理员");
    OK(bulletin_store_get(db, &a, &other, id, &r));
    assert_int_equal(r.n_rows, 0);
    OK(bulletin_store_get(db, &a, NULL, id, &r)); /* the public sees only published ones */
    assert_int_equal(r.n_rows, 0);
    OK(bulletin_store_update(db, &a, id, "通报二", "新正文", "[\"王某某\"]", 10001));
    bool has_changed = true;
    OK(bulletin_store_changed_by(db, &a, id, user_id + 1000000, &has_changed));
    assert_false(has_changed);
    OK(bulletin_store_changed_by(db, &a, id, user_id, &has_changed)); /* the composer */
    assert_true(has_changed);
    user_t editor = {.username = "cx_bulletin_editor",
                     .display_name = "长兴编辑",
                     .role = "admin",
                     .region_code = "330522",
                     .password_hash = "x"};
    int64_t editor_id;
    OK(user_store_insert(db, &a, &editor, 1000, &editor_id));
    OK(bulletin_store_changed_by(db, &a, id, editor_id, &has_changed));
    assert_false(has_changed);
    OK(bulletin_store_record_edit(db, &a, id, editor_id, "[\"body\"]", 10001));
    OK(bulletin_store_changed_by(db, &a, id, editor_id, &has_changed)); /* an editor */
    assert_true(has_changed);
    OK(bulletin_store_approve(db, &a, id, user_id, 10002));
    OK(bulletin_store_get(db, &a, &mine, id, &r));
    assert_string_equal(db_cell(&r, 0, 3), "通报二");
    assert_string_equal(db_cell(&r, 0, 9), "approved");
    OK(bulletin_store_publish(db, &a, id, "长督通〔2026〕1号", 10003));
    OK(bulletin_store_get(db, &a, NULL, id, &r));
    assert_int_equal(r.n_rows, 1);
    assert_string_equal(db_cell(&r, 0, 10), "长督通〔2026〕1号");
    OK(bulletin_store_list(db, &a, &mine, &r));
    assert_int_equal(r.n_rows, 1);
    OK(bulletin_store_list(db, &a, &other, &r));
    assert_int_equal(r.n_rows, 0);
    OK(bulletin_store_public_list(db, &a, &r));
    assert_true(r.n_rows >= 1);
}

void test_complaint_store(void **state) {
    (void)state;
    db_rows_t r;
    OK(complaint_store_school_card(db, &a, "2133000555", &r));
    assert_int_equal(r.n_rows, 1);
    assert_string_equal(db_cell(&r, 0, 2), "长兴县");
    OK(complaint_store_school_by_code(db, &a, "2133000555", &r));
    assert_int_equal(db_cell_int(&r, 0, 0), school_id);
    OK(db_begin(db, &a));
    OK(complaint_store_lock_address(db, &a, "abc"));
    complaint_new_t c = {.receipt_code = "R-0001",
                         .school_id = school_id,
                         .region_code = TOWN,
                         .category = "乱收费",
                         .content = "内容",
                         .ip_hash = "abc",
                         .now = 20000};
    int64_t id, n_burst, n_hour;
    OK(complaint_store_insert(db, &a, &c, &id));
    OK(db_commit(db, &a));
    OK(complaint_store_recent(db, &a, "abc", 19990, 19000, &n_burst, &n_hour));
    assert_int_equal(n_burst, 1);
    assert_int_equal(n_hour, 1);
    OK(complaint_store_recent(db, &a, "abc", 20000, 19000, &n_burst, &n_hour));
    assert_int_equal(n_burst, 0);
    OK(complaint_store_by_receipt(db, &a, "R-0001", &r));
    assert_int_equal(r.n_rows, 1);
    assert_string_equal(db_cell(&r, 0, 3), "received");
    scope_t mine = scope_region(COUNTY_PATH), school = {.region_path = "/", .school_id = school_id + 1000};
    int64_t total, n;
    OK(complaint_store_list(db, &a, &mine, "received", 20, 0, &r, &total));
    assert_int_equal(total, 1);
    assert_int_equal(r.n_rows, 1);
    OK(complaint_store_count(db, &a, &school, NULL, &n)); /* another school sees none */
    assert_int_equal(n, 0);
    OK(complaint_store_finish(db, &a, id, "verified", "已立案", finding_ids[1], user_id, 20001));
    OK(complaint_store_get(db, &a, &mine, id, &r));
    assert_string_equal(db_cell(&r, 0, 8), "verified");
    assert_int_equal(db_cell_int(&r, 0, 10), finding_ids[1]);
    OK(complaint_store_get(db, &a, &school, id, &r));
    assert_int_equal(r.n_rows, 0);
    OK(complaint_store_count(db, &a, &mine, "received", &n));
    assert_int_equal(n, 0);
}

void test_accountability_store(void **state) {
    (void)state;
    accountability_new_t x = {.region_code = TOWN,
                              .school_id = school_id,
                              .finding_id = finding_ids[1],
                              .target_kind = "person",
                              .target_name = "王某某",
                              .measure = "criticism",
                              .grounds = "整改不力",
                              .decided_on = "2026-02-01",
                              .review_apply_by = "2026-03-03",
                              .review_decide_by = "2026-04-02",
                              .appeal_apply_by = "2026-02-16",
                              .appeal_decide_by = "2026-04-17",
                              .created_by = user_id,
                              .now = 30000};
    int64_t id;
    OK(accountability_store_insert(db, &a, &x, &id));
    scope_t mine = scope_region(COUNTY_PATH), other = scope_region("/330000/330500/330521/");
    db_rows_t r;
    OK(accountability_store_get(db, &a, &mine, id, &r));
    assert_int_equal(r.n_rows, 1);
    assert_string_equal(db_cell(&r, 0, 14), "none");
    assert_int_equal(db_cell_int(&r, 0, 16), 0);
    OK(accountability_store_get(db, &a, &other, id, &r));
    assert_int_equal(r.n_rows, 0);
    OK(accountability_store_set_step(db, &a, id, true, "applied"));
    OK(accountability_store_set_step(db, &a, id, false, "applied"));
    OK(accountability_store_get(db, &a, &mine, id, &r));
    assert_string_equal(db_cell(&r, 0, 14), "applied");
    assert_string_equal(db_cell(&r, 0, 15), "applied");
    OK(accountability_store_list(db, &a, &mine, &r));
    assert_int_equal(r.n_rows, 1);
    OK(accountability_store_previous(db, &a, "王某某", "person", &r));
    assert_int_equal(r.n_rows, 1);
    assert_string_equal(db_cell(&r, 0, 0), "2026-02-01");
    assert_string_equal(db_cell(&r, 0, 1), "issued");
    interview_new_t v = {.region_code = TOWN,
                         .school_id = school_id,
                         .target_name = "校长",
                         .held_on = "2026-02-03",
                         .place = "督导室",
                         .created_by = user_id,
                         .now = 30001};
    OK(interview_store_insert(db, &a, &v, &id));
    OK(interview_store_list(db, &a, &mine, &r));
    assert_int_equal(r.n_rows, 1);
    assert_int_equal(db_cell_int(&r, 0, 0), id);
    assert_null(db_cell(&r, 0, 3));
    OK(interview_store_list(db, &a, &other, &r));
    assert_int_equal(r.n_rows, 0);

    /* the 问责调查 case before the decision: every stored column written and read back, in scope */
    accountability_case_t c = {.region_code = TOWN,
                               .school_id = school_id,
                               .finding_id = finding_ids[1],
                               .target_kind = "person",
                               .target_name = "王某某",
                               .ground_category = 4,
                               .gov_situation = NULL,
                               .work_ended_on = "2026-01-10",
                               .state = "investigating",
                               .created_by = user_id};
    int64_t case_id;
    OK(accountability_case_store_insert(db, &a, &c, 30002, &case_id));
    accountability_case_t got;
    OK(accountability_case_store_get(db, &a, &mine, case_id, &got));
    assert_string_equal(got.state, "investigating");
    assert_int_equal(got.ground_category, 4);
    assert_int_equal(got.school_id, school_id);
    assert_non_null(got.school_name);
    assert_null(got.group_formed_on);
    assert_false(got.is_statement_waived);
    err_t *e = accountability_case_store_get(db, &a, &other, case_id, &got);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);
    got.group_formed_on = "2026-01-20", got.group_members = "督导室";
    got.notified_on = "2026-01-25", got.facts = "事实", got.opinion = "意见", got.notice_form = "written";
    got.heard_on = "2026-02-01", got.is_statement_waived = true;
    got.approved_on = "2026-02-05", got.approver_name = "张主任", got.approver_title = "副主任";
    got.state = "decided";
    OK(accountability_case_store_update(db, &a, &got, 30003));
    OK(accountability_case_store_get(db, &a, &mine, case_id, &got));
    assert_string_equal(got.state, "decided");
    assert_string_equal(got.group_members, "督导室");
    assert_string_equal(got.approver_title, "副主任");
    assert_true(got.is_statement_waived);
    assert_string_equal(got.work_ended_on, "2026-01-10"); /* the body fields kept */
    accountability_case_t *list;
    size_t n;
    OK(accountability_case_store_list(db, &a, &mine, "decided", &list, &n));
    assert_int_equal(n, 1);
    OK(accountability_case_store_list(db, &a, &mine, "investigating", &list, &n));
    assert_int_equal(n, 0);
    OK(accountability_case_store_list(db, &a, &other, NULL, &list, &n));
    assert_int_equal(n, 0);
}
