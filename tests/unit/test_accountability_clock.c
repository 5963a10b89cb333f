/* core/findings/accountability_clock: the 问责办法's time limits at their edges, counted from
 * receipt (day 0): day N allowed, day N + 1 refused. */
/* cmocka needs these before it */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/findings/accountability_clock.h"

static void test_review_apply_edges(void **state) {
    (void)state;
    acc_clock_t c = acc_clock_at(ACC_CLOCK_REVIEW_APPLY, "2026-03-01", "2026-03-31"); /* day 30 */
    assert_true(c.is_valid);
    assert_int_equal(c.day, 30);
    assert_true(c.is_allowed);
    assert_int_equal(c.days_left, 0);
    assert_string_equal(c.due_on, "2026-03-31");
    c = acc_clock_at(ACC_CLOCK_REVIEW_APPLY, "2026-03-01", "2026-04-01"); /* day 31 */
    assert_int_equal(c.day, 31);
    assert_false(c.is_allowed);
    assert_int_equal(c.days_left, -1);
    c = acc_clock_at(ACC_CLOCK_REVIEW_APPLY, "2026-03-01", "2026-03-01"); /* the day of receipt */
    assert_true(c.is_allowed);
    assert_int_equal(c.days_left, 30);
    c = acc_clock_at(ACC_CLOCK_REVIEW_APPLY, "2026-03-01", "2026-02-28"); /* before receipt */
    assert_false(c.is_valid);
    assert_false(c.is_allowed);
}

static void test_other_clocks(void **state) {
    (void)state;
    /* decided within 30 days of receiving the application, across a month end */
    acc_clock_t c = acc_clock_at(ACC_CLOCK_REVIEW_DECIDE, "2026-01-20", "2026-02-19");
    assert_true(c.is_allowed);
    assert_string_equal(c.due_on, "2026-02-19");
    assert_false(acc_clock_at(ACC_CLOCK_REVIEW_DECIDE, "2026-01-20", "2026-02-20").is_allowed);
    /* 申诉 within 15 days of receiving the 复核决定 */
    assert_true(acc_clock_at(ACC_CLOCK_APPEAL_APPLY, "2026-05-10", "2026-05-25").is_allowed);
    assert_false(acc_clock_at(ACC_CLOCK_APPEAL_APPLY, "2026-05-10", "2026-05-26").is_allowed);
    /* 调查认定 within 60 days, over a leap February */
    c = acc_clock_at(ACC_CLOCK_INVESTIGATION, "2028-02-01", "2028-04-01");
    assert_int_equal(c.day, 60);
    assert_true(c.is_allowed);
    assert_false(acc_clock_at(ACC_CLOCK_INVESTIGATION, "2028-02-01", "2028-04-02").is_allowed);
    assert_int_equal(acc_clock_limit(ACC_CLOCK_APPEAL_APPLY), 15);
    assert_string_equal(acc_clock_label(ACC_CLOCK_REVIEW_APPLY), "复核申请期限");
}

static void test_malformed_and_reminders(void **state) {
    (void)state;
    assert_false(acc_clock_at(ACC_CLOCK_REVIEW_APPLY, "2026-3-1", "2026-03-02").is_valid);
    assert_false(acc_clock_at(ACC_CLOCK_REVIEW_APPLY, NULL, "2026-03-02").is_valid);
    assert_false(acc_clock_at(ACC_CLOCK__N, "2026-03-01", "2026-03-02").is_valid);
    acc_clock_t c = acc_clock_at(ACC_CLOCK_APPEAL_APPLY, "2026-05-10", "2026-05-21"); /* 4 days left */
    assert_false(acc_clock_remind(&c, 3));
    assert_true(acc_clock_remind(&c, 4));
    c = acc_clock_at(ACC_CLOCK_APPEAL_APPLY, "2026-05-10", "2026-06-30"); /* late: still reminded */
    assert_true(acc_clock_remind(&c, 3));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_review_apply_edges),
        cmocka_unit_test(test_other_clocks),
        cmocka_unit_test(test_malformed_and_reminders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
