/* The 突发事件 workflow: every allowed step, every refusal, the names and the severity mapping. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <string.h>

#include "core/incidents/incident_lifecycle.h"

static void test_allowed(void **state) {
    (void)state;
    incident_state_t next;
    assert_int_equal(incident_check(IS_RECEIVED, IA_HANDLE, ROLE_ADMIN, "已处置", false, &next), IR_OK);
    assert_int_equal(next, IS_HANDLED);
    assert_int_equal(incident_check(IS_HANDLED, IA_CLOSE, ROLE_ADMIN, "办结", false, &next), IR_OK);
    assert_int_equal(next, IS_CLOSED);
    assert_int_equal(incident_check(IS_RECEIVED, IA_CLOSE, ROLE_ADMIN, "误报", false, &next), IR_OK);
    assert_int_equal(next, IS_CLOSED);
    assert_int_equal(incident_check(IS_HANDLED, IA_TO_FINDING, ROLE_ADMIN, NULL, false, &next), IR_OK);
    assert_int_equal(next, IS_HANDLED);
    assert_int_equal(incident_check(IS_RECEIVED, IA_TO_FINDING, ROLE_ADMIN, NULL, false, &next), IR_OK);
    assert_int_equal(next, IS_RECEIVED);
}

static void test_refused(void **state) {
    (void)state;
    incident_state_t next = IS_RECEIVED;
    /* roles: only the office moves a report; role before state */
    const role_t others[] = {ROLE_INSPECTOR, ROLE_SCHOOL, ROLE_LEADER, ROLE_AUDITOR};
    for (size_t i = 0; i < 4; i++)
        for (int a = 0; a < IA__COUNT; a++)
            assert_int_equal(incident_check(IS_CLOSED, (incident_action_t)a, others[i], "x", false, &next), IR_ROLE);
    /* states */
    assert_int_equal(incident_check(IS_HANDLED, IA_HANDLE, ROLE_ADMIN, "x", false, &next), IR_WRONG_STATE);
    assert_int_equal(incident_check(IS_CLOSED, IA_HANDLE, ROLE_ADMIN, "x", false, &next), IR_WRONG_STATE);
    assert_int_equal(incident_check(IS_CLOSED, IA_CLOSE, ROLE_ADMIN, "x", false, &next), IR_WRONG_STATE);
    assert_int_equal(incident_check(IS_CLOSED, IA_TO_FINDING, ROLE_ADMIN, NULL, false, &next), IR_WRONG_STATE);
    assert_int_equal(incident_check(IS__COUNT, IA_HANDLE, ROLE_ADMIN, "x", false, &next), IR_WRONG_STATE);
    /* input */
    assert_int_equal(incident_check(IS_RECEIVED, IA_HANDLE, ROLE_ADMIN, NULL, false, &next), IR_NOTE_REQUIRED);
    assert_int_equal(incident_check(IS_RECEIVED, IA_CLOSE, ROLE_ADMIN, "", false, &next), IR_NOTE_REQUIRED);
    assert_int_equal(incident_check(IS_HANDLED, IA_TO_FINDING, ROLE_ADMIN, NULL, true, &next), IR_ALREADY_FINDING);
    assert_int_equal(next, IS_RECEIVED); /* a refusal leaves *next alone */
    assert_int_equal(incident_check(IS_RECEIVED, IA__COUNT, ROLE_ADMIN, "x", false, &next), IR_ROLE);
    /* statuses */
    assert_int_equal(incident_refusal_status(IR_ROLE), 403);
    assert_int_equal(incident_refusal_status(IR_WRONG_STATE), 409);
    assert_int_equal(incident_refusal_status(IR_ALREADY_FINDING), 409);
    assert_int_equal(incident_refusal_status(IR_NOTE_REQUIRED), 400);
}

static void test_allowed_lists(void **state) {
    (void)state;
    const char *names[IA__COUNT + 1];
    assert_int_equal(incident_allowed(IS_RECEIVED, ROLE_ADMIN, false, names), 3);
    assert_string_equal(names[0], "handle");
    assert_string_equal(names[2], "to_finding");
    assert_int_equal(incident_allowed(IS_HANDLED, ROLE_ADMIN, true, names), 1);
    assert_string_equal(names[0], "close");
    assert_int_equal(incident_allowed(IS_CLOSED, ROLE_ADMIN, false, names), 0);
    assert_int_equal(incident_allowed(IS_RECEIVED, ROLE_INSPECTOR, false, names), 0);
}

static void test_names(void **state) {
    (void)state;
    for (int s = 0; s < IS__COUNT; s++)
        assert_int_equal(incident_state_parse(incident_state_name((incident_state_t)s)), s);
    assert_int_equal(incident_state_parse("open"), -1);
    assert_int_equal(incident_state_parse(NULL), -1);
    assert_string_equal(incident_state_label_zh(IS_RECEIVED), "已接报");
    assert_int_equal(incident_action_parse("to_finding"), IA_TO_FINDING);
    assert_int_equal(incident_action_parse("void"), -1);
    assert_string_equal(incident_category_zh("hazard"), "重大隐患");
    assert_null(incident_category_zh("fire"));
    assert_string_equal(incident_severity_zh("extreme"), "特别重大");
    assert_null(incident_severity_zh(NULL));
    assert_string_equal(incident_finding_severity("general"), "serious");
    assert_string_equal(incident_finding_severity("large"), "severe");
    assert_string_equal(incident_finding_severity("major"), "red_line");
    assert_string_equal(incident_finding_severity("extreme"), "red_line");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allowed),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_allowed_lists),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests_name("incident_lifecycle", tests, NULL, NULL);
}
