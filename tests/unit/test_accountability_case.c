/* core/findings/accountability_case: the 问责办法's procedure before a decision — each step only
 * from its state, never dated before the step it follows, the decision only after the approval,
 * nothing after the end — and the grounds as the 办法's categories. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
/* clang-format on */

#include "core/findings/accountability_case.h"

static const char *check(acc_case_facts_t *c, acc_case_step_t step, const char *on) {
    const char *msg = NULL;
    const char *field = acc_case_check(c, step, on, &msg);
    if (field) assert_non_null(msg);
    return field;
}

static void take(acc_case_facts_t *c, acc_case_step_t step, const char *on) {
    assert_null(check(c, step, on));
    c->state = acc_case_after(c->state, step);
}

static void test_the_procedure_in_order(void **state) {
    (void)state;
    acc_case_facts_t c = {.state = ACC_CASE_INVESTIGATING, .work_ended_on = "2026-09-30"};
    /* nothing but the group (or dropping the case) before the group is formed */
    assert_string_equal(check(&c, ACC_STEP_NOTIFY, "2026-10-10"), "step");
    assert_string_equal(check(&c, ACC_STEP_HEAR, "2026-10-10"), "step");
    assert_string_equal(check(&c, ACC_STEP_APPROVE, "2026-10-10"), "step");
    assert_string_equal(check(&c, ACC_STEP_DECIDE, "2026-10-10"), "step");
    /* the group: not before the 督导 work ended; on the day itself is fine */
    assert_string_equal(check(&c, ACC_STEP_GROUP, "2026-09-29"), "on");
    take(&c, ACC_STEP_GROUP, "2026-09-30");
    assert_int_equal(c.state, ACC_CASE_INVESTIGATING);
    c.group_formed_on = "2026-09-30";
    assert_string_equal(check(&c, ACC_STEP_GROUP, "2026-10-01"), "step"); /* formed once */
    /* the notice */
    assert_string_equal(check(&c, ACC_STEP_NOTIFY, "2026-09-29"), "on");
    take(&c, ACC_STEP_NOTIFY, "2026-10-08");
    assert_int_equal(c.state, ACC_CASE_NOTIFIED);
    c.notified_on = "2026-10-08";
    assert_string_equal(check(&c, ACC_STEP_APPROVE, "2026-10-20"), "step"); /* no approval without the hearing */
    assert_string_equal(check(&c, ACC_STEP_CONSULT, "2026-10-20"), "step");
    /* the hearing */
    assert_string_equal(check(&c, ACC_STEP_HEAR, "2026-10-07"), "on");
    take(&c, ACC_STEP_HEAR, "2026-10-08");
    c.heard_on = "2026-10-08";
    assert_int_equal(c.state, ACC_CASE_HEARD);
    assert_string_equal(check(&c, ACC_STEP_DECIDE, "2026-10-20"), "step"); /* a decision before 审定 */
    /* consulting the member units: once, before the approval, which may not precede it */
    take(&c, ACC_STEP_CONSULT, "2026-10-12");
    assert_int_equal(c.state, ACC_CASE_HEARD);
    c.consulted_on = "2026-10-12";
    assert_string_equal(check(&c, ACC_STEP_CONSULT, "2026-10-13"), "step");
    assert_string_equal(check(&c, ACC_STEP_APPROVE, "2026-10-11"), "on");
    take(&c, ACC_STEP_APPROVE, "2026-10-12");
    c.approved_on = "2026-10-12";
    assert_int_equal(c.state, ACC_CASE_APPROVED);
    assert_string_equal(check(&c, ACC_STEP_DECIDE, "2026-10-11"), "on");
    take(&c, ACC_STEP_DECIDE, "2026-10-12");
    assert_int_equal(c.state, ACC_CASE_DECIDED);
    /* over: nothing more, not even dropping it */
    for (int s = 0; s < ACC_CASE__N_STEPS; s++) assert_string_equal(check(&c, (acc_case_step_t)s, "2026-12-01"), "step");
}

static void test_dropping_a_case(void **state) {
    (void)state;
    for (int s = ACC_CASE_INVESTIGATING; s <= ACC_CASE_APPROVED; s++) {
        acc_case_facts_t c = {.state = (acc_case_state_t)s, .work_ended_on = "2026-09-30"};
        assert_string_equal(check(&c, ACC_STEP_DROP, "2026-09-01"), "on");
        take(&c, ACC_STEP_DROP, "2026-10-01");
        assert_int_equal(c.state, ACC_CASE_DROPPED);
        assert_string_equal(check(&c, ACC_STEP_DROP, "2026-10-02"), "step");
        assert_string_equal(check(&c, ACC_STEP_GROUP, "2026-10-02"), "step");
    }
}

static void test_names_and_grounds(void **state) {
    (void)state;
    for (int s = 0; s < ACC_CASE__N_STATES; s++) {
        acc_case_state_t back;
        assert_true(acc_case_state_parse(acc_case_state_name((acc_case_state_t)s), &back));
        assert_int_equal(back, s);
    }
    for (int s = 0; s < ACC_CASE__N_STEPS; s++) {
        acc_case_step_t back;
        assert_true(acc_case_step_parse(acc_case_step_name((acc_case_step_t)s), &back));
        assert_int_equal(back, s);
    }
    acc_case_step_t st;
    assert_false(acc_case_step_parse("skip", &st));
    assert_false(acc_case_step_parse(NULL, &st));
    assert_null(acc_ground_label(0));
    assert_null(acc_ground_label(7));
    assert_string_equal(acc_ground_label(2), "履行教育职责不到位");
    assert_string_equal(acc_ground_label(6), "安全问题较多或拒不接受教育督导");
    for (int i = 0; acc_gov_situation_codes[i]; i++) assert_non_null(acc_gov_situation_label(acc_gov_situation_codes[i]));
    assert_string_equal(acc_gov_situation_label("task"), "教育攻坚任务完成严重滞后，未按时保质保量完成规定目标任务");
    assert_null(acc_gov_situation_label("fifth"));
    assert_null(acc_gov_situation_label(NULL));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_procedure_in_order),
        cmocka_unit_test(test_dropping_a_case),
        cmocka_unit_test(test_names_and_grounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
