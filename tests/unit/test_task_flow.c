/* core/task_flow and core/geo: the rules of tasks (kinds, teams, notice modes, targets), the
 * 综合督导 step machine of 《教育督导条例》第十六–二十一条, months, 文号, and the check-in
 * distance. */
/* cmocka needs these before it */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/visits/geo.h"
#include "core/visits/task_flow.h"

static void test_kinds_and_steps(void **state) {
    (void)state;
    task_kind_t k;
    assert_true(task_kind_parse("comprehensive", &k));
    assert_int_equal(k, TASK_COMPREHENSIVE);
    assert_string_equal(task_kind_label(k), "综合督导");
    assert_false(task_kind_parse("Routine", &k));
    assert_false(task_kind_parse(NULL, &k));
    for (int i = 0; i < TASK__N_KINDS; i++) {
        assert_true(task_kind_parse(task_kind_name((task_kind_t)i), &k));
        assert_int_equal(k, i);
    }
    task_step_t s;
    for (int i = 0; i < STEP__N; i++) {
        assert_true(task_step_parse(task_step_name((task_step_t)i), &s));
        assert_int_equal(s, i);
    }
    assert_false(task_step_parse("approve", &s));
}

static task_plan_t plan(task_kind_t kind, size_t members, size_t leaders, size_t schools, size_t govs) {
    return (task_plan_t){.kind = kind,
                         .n_members = members,
                         .n_leaders = leaders,
                         .n_schools = schools,
                         .n_governments = govs,
                         .has_framework = true};
}

static void test_plans(void **state) {
    (void)state;
    task_plan_t p = plan(TASK_COMPREHENSIVE, 3, 1, 1, 0);
    assert_true(task_plan_check(&p).is_ok);
    p.n_members = 2; /* 条例第十六条: 3名以上 */
    task_rule_t r = task_plan_check(&p);
    assert_false(r.is_ok);
    assert_string_equal(r.code, "team_too_small");
    assert_string_equal(r.field, "members");
    p = plan(TASK_COMPREHENSIVE, 4, 0, 1, 0); /* no leader */
    assert_false(task_plan_check(&p).is_ok);
    p = plan(TASK_COMPREHENSIVE, 4, 2, 1, 0); /* two leaders */
    assert_false(task_plan_check(&p).is_ok);
    p = plan(TASK_COMPREHENSIVE, 3, 1, 1, 0);
    p.is_unannounced = true; /* 第十七条: written notice */
    assert_string_equal(task_plan_check(&p).field, "notice_mode");

    /* 专项 follows the 条例 like 综合: ≥ 3 inspectors (第十六条), written notice (第十七条) */
    p = plan(TASK_SPECIAL, 2, 0, 5, 0);
    r = task_plan_check(&p);
    assert_string_equal(r.code, "team_too_small");
    assert_string_equal(r.field, "members");
    p = plan(TASK_SPECIAL, 3, 0, 5, 0);
    assert_true(task_plan_check(&p).is_ok);
    p.is_unannounced = true;
    assert_string_equal(task_plan_check(&p).code, "notice_required");
    /* an unannounced check (四不两直) is its own kind, 督查 */
    p = plan(TASK_INSPECTION, 1, 0, 5, 0);
    p.is_unannounced = true;
    assert_true(task_plan_check(&p).is_ok);
    p.n_schools = 0;
    assert_string_equal(task_plan_check(&p).field, "school_ids");
    assert_false(task_kind_has_procedure(TASK_INSPECTION));
    assert_true(task_kind_has_procedure(TASK_SPECIAL));
    assert_true(task_kind_has_procedure(TASK_COMPREHENSIVE));
    p = plan(TASK_SPECIAL, 3, 0, 5, 0);
    p.has_framework = false;
    assert_string_equal(task_plan_check(&p).field, "framework_version_id");
    p = plan(TASK_FOLLOWUP, 0, 0, 1, 0);
    assert_string_equal(task_plan_check(&p).field, "members");

    p = plan(TASK_GOVERNMENT, 2, 1, 0, 2);
    assert_true(task_plan_check(&p).is_ok);
    p.n_schools = 1; /* 督政 targets governments only */
    assert_string_equal(task_plan_check(&p).field, "government_codes");
    p = plan(TASK_FOLLOWUP, 1, 0, 1, 1);
    assert_false(task_plan_check(&p).is_ok);

    p = plan(TASK_ROUTINE, 1, 1, 5, 0); /* routine tasks come from the generator only */
    assert_false(task_plan_check(&p).is_ok);
    p.is_generated = true;
    assert_true(task_plan_check(&p).is_ok);
}

static void test_comprehensive_steps(void **state) {
    (void)state;
    task_step_actor_t office = {.role = ROLE_ADMIN}, school = {.role = ROLE_SCHOOL};
    task_step_actor_t leader = {.role = ROLE_INSPECTOR, .is_leader = true}, member = {.role = ROLE_INSPECTOR};
    task_step_actor_t boss = {.role = ROLE_LEADER};
    task_step_t next;
    /* the whole walk: notice → self_eval → onsite → preliminary → response → opinion → closed */
    assert_true(task_flow_complete(STEP_NOTICE, &office, 1, &next).is_ok);
    assert_int_equal(next, STEP_SELF_EVAL);
    assert_true(task_flow_complete(STEP_SELF_EVAL, &school, 1, &next).is_ok);
    assert_int_equal(next, STEP_ONSITE);
    assert_false(task_flow_complete(STEP_ONSITE, &leader, 1, &next).is_ok); /* a visit is still pending */
    assert_string_equal(task_flow_complete(STEP_ONSITE, &leader, 1, &next).code, "visits_pending");
    assert_true(task_flow_complete(STEP_ONSITE, &leader, 0, &next).is_ok);
    assert_int_equal(next, STEP_PRELIMINARY);
    assert_true(task_flow_complete(STEP_PRELIMINARY, &leader, 0, &next).is_ok);
    assert_int_equal(next, STEP_RESPONSE);
    assert_true(task_flow_complete(STEP_RESPONSE, &school, 0, &next).is_ok);
    assert_int_equal(next, STEP_OPINION);
    assert_true(task_flow_complete(STEP_OPINION, &office, 0, &next).is_ok);
    assert_int_equal(next, STEP_RECTIFY);
    assert_false(task_flow_complete(STEP_RECTIFY, &leader, 0, &next).is_ok);
    assert_true(task_flow_complete(STEP_RECTIFY, &school, 0, &next).is_ok); /* 整改报告 (第二十二条) */
    assert_int_equal(next, STEP_VERIFY);
    assert_string_equal(task_flow_complete(STEP_VERIFY, &school, 0, &next).code, "step_not_allowed");
    assert_true(task_flow_complete(STEP_VERIFY, &office, 0, &next).is_ok); /* 核查 */
    assert_int_equal(next, STEP_CLOSED);
    assert_string_equal(task_flow_complete(STEP_CLOSED, &office, 0, &next).code, "task_closed");
    /* a 被督导单位 answers its own steps as a school does, and no other */
    task_step_actor_t unit = {.role = ROLE_UNIT};
    assert_true(task_flow_complete(STEP_SELF_EVAL, &unit, 1, &next).is_ok);
    assert_true(task_flow_complete(STEP_RESPONSE, &unit, 0, &next).is_ok);
    assert_true(task_flow_complete(STEP_RECTIFY, &unit, 0, &next).is_ok);
    assert_string_equal(task_flow_complete(STEP_NOTICE, &unit, 1, &next).code, "step_not_allowed");
    assert_string_equal(task_flow_complete(STEP_VERIFY, &unit, 0, &next).code, "step_not_allowed");
    assert_string_equal(task_flow_complete(STEP_OPINION, &unit, 0, &next).code, "step_not_allowed");

    /* the 意见书 only after the 初步意见 and the 申辩 (第二十、二十一条) */
    for (int i = STEP_NOTICE; i < STEP_OPINION; i++)
        assert_string_equal(task_flow_opinion_allowed((task_step_t)i).code, "response_pending");
    assert_true(task_flow_opinion_allowed(STEP_OPINION).is_ok);
    assert_true(task_flow_opinion_allowed(STEP_RECTIFY).is_ok);

    /* who may not */
    assert_false(task_flow_complete(STEP_NOTICE, &school, 1, &next).is_ok);
    assert_false(task_flow_complete(STEP_NOTICE, &leader, 1, &next).is_ok);
    assert_false(task_flow_complete(STEP_SELF_EVAL, &leader, 1, &next).is_ok);
    assert_false(task_flow_complete(STEP_PRELIMINARY, &member, 0, &next).is_ok);
    assert_false(task_flow_complete(STEP_PRELIMINARY, &school, 0, &next).is_ok);
    assert_false(task_flow_complete(STEP_OPINION, &leader, 0, &next).is_ok);
    assert_false(task_flow_complete(STEP_OPINION, &boss, 0, &next).is_ok);
    assert_string_equal(task_flow_complete(STEP_OPINION, &boss, 0, &next).code, "step_not_allowed");
    /* the office may record the school's steps for it (paper submissions, a lapsed 申辩) */
    assert_true(task_flow_complete(STEP_SELF_EVAL, &office, 0, &next).is_ok);
    assert_true(task_flow_complete(STEP_RESPONSE, &office, 0, &next).is_ok);
}

static void test_months_and_numbers(void **state) {
    (void)state;
    char a[16], b[16];
    assert_true(task_month_range("2026-12", a, b));
    assert_string_equal(a, "2026-12-01");
    assert_string_equal(b, "2026-12-31");
    assert_true(task_month_range("2028-02", a, b));
    assert_string_equal(b, "2028-02-29");
    assert_true(task_month_range("2100-02", a, b));
    assert_string_equal(b, "2100-02-28");
    assert_true(task_month_range("2026-04", a, b));
    assert_string_equal(b, "2026-04-30");
    assert_false(task_month_range("2026-13", a, b));
    assert_false(task_month_range("2026-1", a, b));
    assert_false(task_month_range("2026/12", a, b));
    assert_false(task_month_range(NULL, a, b));

    char p[16], no[64];
    task_doc_prefix(p, sizeof p, "德清县");
    assert_string_equal(p, "德督");
    task_doc_prefix(p, sizeof p, "长兴县");
    assert_string_equal(p, "长督");
    task_doc_number(no, sizeof no, p, 2026, 12);
    assert_string_equal(no, "长督〔2026〕12号");
    char tiny[8];
    size_t n = task_doc_number(tiny, sizeof tiny, "德督", 2026, 12);
    assert_true(n < sizeof tiny);
}

static void test_semesters_and_coverage(void **state) {
    (void)state;
    char a[16], b[16];
    assert_true(task_semester_of("2026-12-01", a, b));
    assert_string_equal(a, "2026-09-01");
    assert_string_equal(b, "2027-01-31");
    assert_true(task_semester_of("2027-01-20", a, b)); /* still the autumn semester */
    assert_string_equal(a, "2026-09-01");
    assert_true(task_semester_of("2027-03-01", a, b));
    assert_string_equal(a, "2027-02-01");
    assert_string_equal(b, "2027-08-31");
    assert_false(task_semester_of("2027-3-1", a, b));
    int d;
    assert_true(task_days_between("2026-11-30", "2026-12-31", &d));
    assert_int_equal(d, 31);
    assert_true(task_days_between("2026-12-31", "2026-12-01", &d));
    assert_int_equal(d, -30);
    assert_false(task_days_between("x", "2026-12-01", &d));
    task_coverage_t c = task_coverage_check(1, 2, 1, 10);
    assert_true(c.is_month_ok && c.is_semester_ok && !c.is_stale);
    c = task_coverage_check(1, 1, 2, 31); /* a stricter local rule: twice a month */
    assert_false(c.is_month_ok);
    assert_false(c.is_semester_ok);
    assert_true(c.is_stale);
    c = task_coverage_check(0, 0, 0, -1); /* never visited */
    assert_false(c.is_month_ok);
    assert_true(c.is_stale);
    assert_false(task_coverage_check(3, 3, 1, 30).is_stale);
}

static void test_geo(void **state) {
    (void)state;
    /* one thousandth of a degree of latitude is about 111 m */
    double d = geo_distance_m(30.5, 119.9, 30.501, 119.9);
    assert_true(d > 110.5 && d < 111.8);
    assert_true(geo_distance_m(30.5, 119.9, 30.5, 119.9) < 1e-6);
    /* 德清 → 杭州 (武林广场): about 40 km */
    d = geo_distance_m(30.5447, 119.9591, 30.2741, 120.1551);
    assert_true(d > 34000 && d < 36000);
    /* antipodes do not produce NaN */
    d = geo_distance_m(0, 0, 0, 180);
    assert_true(d > 20000000 && d < 20040000);
    assert_true(geo_is_valid(30.5, 119.9));
    assert_false(geo_is_valid(91, 0));
    assert_false(geo_is_valid(0, -181));
    assert_int_equal(geo_checkin_verdict(120, 20, 300), GEO_ON_SITE);
    assert_int_equal(geo_checkin_verdict(350, 80, 300), GEO_ON_SITE); /* within the phone's accuracy */
    assert_int_equal(geo_checkin_verdict(350, 10, 300), GEO_NEAR);
    assert_int_equal(geo_checkin_verdict(5000, 5000, 300), GEO_FAR); /* a vague fix does not excuse 5 km */
    assert_string_equal(geo_verdict_name(GEO_FAR), "far");
}

static void test_cycles(void **state) {
    (void)state;
    task_cycle_t c = task_cycle_check(NULL, "2026-12-04", 5);
    assert_string_equal(c.state, "never");
    assert_string_equal(c.due_on, "");
    c = task_cycle_check("2021-12-04", "2026-12-04", 5); /* due today: not yet overdue */
    assert_string_equal(c.due_on, "2026-12-04");
    assert_string_equal(c.state, "due");
    c = task_cycle_check("2021-12-03", "2026-12-04", 5);
    assert_string_equal(c.state, "overdue");
    c = task_cycle_check("2023-12-04", "2026-12-04", 3); /* a 3-year cycle */
    assert_string_equal(c.state, "due");
    c = task_cycle_check("2024-06-01", "2026-12-04", 3);
    assert_string_equal(c.state, "due"); /* 2027-06-01 is within 180 days */
    c = task_cycle_check("2024-01-01", "2026-12-04", 5);
    assert_string_equal(c.state, "ok");
    c = task_cycle_check("2024-02-29", "2026-12-04", 3); /* no 29 Feb in 2027 */
    assert_string_equal(c.due_on, "2027-02-28");
    assert_string_equal(task_cycle_check("2024-13-01", "2026-12-04", 3).state, "never");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_and_steps),        cmocka_unit_test(test_plans),
        cmocka_unit_test(test_comprehensive_steps),    cmocka_unit_test(test_months_and_numbers),
        cmocka_unit_test(test_semesters_and_coverage), cmocka_unit_test(test_geo), cmocka_unit_test(test_cycles),
    };
    return cmocka_run_group_tests_name("task_flow", tests, NULL, NULL);
}
