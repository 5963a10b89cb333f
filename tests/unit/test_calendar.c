/* core/calendar: school days, months in session, terms, the default 校历 and period checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/calendar/calendar.h"

/* 2025 school year: spring term ends 3 July; 国庆 inside October; 中秋 one day in September */
static const cal_period_t P[] = {
    {CAL_TERM, "秋季学期", "2025-09-01", "2026-01-16"},
    {CAL_HOLIDAY, "国庆节", "2025-10-01", "2025-10-08"},
    {CAL_TERM, "春季学期", "2026-03-02", "2026-07-03"},
    {CAL_EXAM, "期末考试", "2026-06-29", "2026-07-02"},
};
static const cal_t C = {P, sizeof P / sizeof P[0]};

static void test_school_days(void **state) {
    (void)state;
    assert_true(cal_is_school_day(&C, "2025-09-01"));  /* Monday, first day */
    assert_false(cal_is_school_day(&C, "2025-09-06")); /* Saturday */
    assert_false(cal_is_school_day(&C, "2025-10-08")); /* last day of the holiday */
    assert_true(cal_is_school_day(&C, "2025-10-09"));
    assert_false(cal_is_school_day(&C, "2026-02-10")); /* winter holiday: between the terms */
    assert_true(cal_is_school_day(&C, "2026-06-30"));  /* an exam week is in session */
    assert_false(cal_is_school_day(&C, "2026-07-06"));
    assert_false(cal_is_school_day(&C, "2026-13-01"));
    assert_false(cal_is_school_day(&C, "2026-02-30"));
}

static void test_july_is_not_a_gap(void **state) {
    (void)state;
    /* July 2026 has 3 school days (1–3 July): not a month that owes a visit */
    assert_int_equal(cal_school_days_in_month(&C, "2026-07"), 3);
    assert_false(cal_month_in_session(&C, "2026-07"));
    assert_false(cal_month_in_session(&C, "2026-08"));
    assert_int_equal(cal_school_days_in_month(&C, "2026-08"), 0);
    /* February: the spring term starts 2 March, so February is out too */
    assert_false(cal_month_in_session(&C, "2026-02"));
    assert_true(cal_month_in_session(&C, "2026-06"));
    /* a visit on the last day of term is not "stale" on 1 September: 0 school days between */
    assert_int_equal(cal_school_days_between(&C, "2026-07-03", "2026-08-31"), 0);
    assert_int_equal(cal_school_days_between(&C, "2026-07-03", "2026-07-03"), 0);
    assert_int_equal(cal_school_days_between(&C, "2026-07-03", "2026-07-01"), 0);
    assert_int_equal(cal_school_days_between(&C, "x", "2026-07-01"), -1);
    assert_int_equal(cal_month_in_session(&C, "2026-7"), false);
}

static void test_holiday_inside_a_month(void **state) {
    (void)state;
    /* October 2025: 23 weekdays, 国庆 1–8 takes 6 of them (1,2,3,6,7,8) → 17 */
    assert_int_equal(cal_school_days_in_month(&C, "2025-10"), 17);
    assert_true(cal_month_in_session(&C, "2025-10"));
    /* 30 Sep → 9 Oct: only 9 Oct counts */
    assert_int_equal(cal_school_days_between(&C, "2025-09-30", "2025-10-09"), 1);
    /* a holiday covering most of a month takes it out of session */
    static const cal_period_t Q[] = {
        {CAL_TERM, "秋季学期", "2025-09-01", "2026-01-16"},
        {CAL_HOLIDAY, "长假", "2025-11-03", "2025-11-21"},
    };
    cal_t c2 = {Q, 2};
    assert_int_equal(cal_school_days_in_month(&c2, "2025-11"), 5); /* 24–28 Nov */
    assert_false(cal_month_in_session(&c2, "2025-11"));
}

static void test_term_boundary(void **state) {
    (void)state;
    char f[11], l[11];
    assert_true(cal_term_of(&C, "2026-01-16", f, l));
    assert_string_equal(f, "2025-09-01");
    assert_string_equal(l, "2026-01-16");
    /* the winter holiday still belongs to the autumn term; 2 March starts the spring term */
    assert_true(cal_term_of(&C, "2026-03-01", f, l));
    assert_string_equal(f, "2025-09-01");
    assert_true(cal_term_of(&C, "2026-03-02", f, l));
    assert_string_equal(f, "2026-03-02");
    assert_string_equal(l, "2026-07-03");
    assert_true(cal_term_of(&C, "2026-08-20", f, l)); /* summer: the spring term just ended */
    assert_string_equal(f, "2026-03-02");
    assert_false(cal_term_of(&C, "2025-08-31", f, l));
    /* school days across the term boundary: 16 Jan (Fri) → 3 Mar (Tue): 2 and 3 March */
    assert_int_equal(cal_school_days_between(&C, "2026-01-15", "2026-03-03"), 3);
}

static void test_default_and_checks(void **state) {
    (void)state;
    cal_period_t p[4];
    char buf[4 * 22];
    assert_int_equal(cal_default(2026, p, buf), 4);
    assert_string_equal(p[0].starts_on, "2026-09-01");
    assert_string_equal(p[0].ends_on, "2027-01-20");
    assert_string_equal(p[2].starts_on, "2027-02-20");
    cal_t d = {p, 4};
    assert_false(cal_month_in_session(&d, "2027-08"));
    assert_true(cal_month_in_session(&d, "2026-10"));
    assert_int_equal(cal_school_year_of("2026-09-01"), 2026);
    assert_int_equal(cal_school_year_of("2026-08-31"), 2025);
    assert_int_equal(cal_school_year_of("bad"), -1);
    const char *msg = NULL;
    for (size_t i = 0; i < 4; i++)
        assert_null(cal_period_check(&p[i], 2026, &msg));
    cal_period_t bad = {CAL_TERM, "x", "2026-09-10", "2026-09-01"};
    assert_string_equal(cal_period_check(&bad, 2026, &msg), "ends_on");
    bad = (cal_period_t){CAL_TERM, "x", "2026-02-30", "2026-09-01"};
    assert_string_equal(cal_period_check(&bad, 2026, &msg), "starts_on");
    bad = (cal_period_t){CAL_TERM, "x", "2026-08-20", "2026-12-01"}; /* before the school year */
    assert_string_equal(cal_period_check(&bad, 2026, &msg), "starts_on");
    bad = (cal_period_t){CAL_HOLIDAY, "x", "2026-10-01", "2026-12-31"}; /* 92 days */
    assert_string_equal(cal_period_check(&bad, 2026, &msg), "ends_on");
    cal_kind_t k;
    assert_true(cal_kind_parse("exam", &k));
    assert_int_equal(k, CAL_EXAM);
    assert_false(cal_kind_parse("Term", &k));
    assert_string_equal(cal_kind_label(CAL_HOLIDAY), "节假日");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_school_days),
        cmocka_unit_test(test_july_is_not_a_gap),
        cmocka_unit_test(test_holiday_inside_a_month),
        cmocka_unit_test(test_term_boundary),
        cmocka_unit_test(test_default_and_checks),
    };
    return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
