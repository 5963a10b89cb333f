/* The 督政 grade rules at their edges (core/units/units.h): the bands inclusive at 90/80/65,
 * downgrades one grade each and never below 不合格, a veto capping at 良好, the 合格 bar, the
 * rule check (ordered thresholds in 0..100), the kinds, and the 5000-字 count. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <math.h>
#include <string.h>

#include "core/units/units.h"

static unit_grade_t g_of(double score, int down, int veto, bool fail) {
    unit_grade_input_t in = {.has_score = true, .score = score, .n_downgrades = down, .n_vetoes = veto,
                             .is_fail_vetoed = fail};
    return unit_grade(&UNIT_RULES_DEFAULT, &in).grade;
}

static void test_bands_are_inclusive_at_their_lower_bound(void **state) {
    (void)state;
    assert_int_equal(g_of(100, 0, 0, false), UG_EXCELLENT);
    assert_int_equal(g_of(90, 0, 0, false), UG_EXCELLENT);
    assert_int_equal(g_of(89.99, 0, 0, false), UG_GOOD);
    assert_int_equal(g_of(80, 0, 0, false), UG_GOOD);
    assert_int_equal(g_of(79.99, 0, 0, false), UG_PASS);
    assert_int_equal(g_of(65, 0, 0, false), UG_PASS);
    assert_int_equal(g_of(64.99, 0, 0, false), UG_FAIL);
    assert_int_equal(g_of(0, 0, 0, false), UG_FAIL);
    unit_grade_input_t none = {0};
    assert_int_equal(unit_grade(&UNIT_RULES_DEFAULT, &none).grade, UG_NONE);
    unit_grade_input_t nan_score = {.has_score = true, .score = NAN};
    assert_int_equal(unit_grade(&UNIT_RULES_DEFAULT, &nan_score).grade, UG_NONE);
}

static void test_downgrades_lower_one_grade_each_never_below_fail(void **state) {
    (void)state;
    assert_int_equal(g_of(95, 1, 0, false), UG_GOOD);
    assert_int_equal(g_of(95, 2, 0, false), UG_PASS);
    assert_int_equal(g_of(95, 3, 0, false), UG_FAIL);
    assert_int_equal(g_of(95, 9, 0, false), UG_FAIL);
    assert_int_equal(g_of(65, 1, 0, false), UG_FAIL);
    assert_int_equal(g_of(50, 1, 0, false), UG_FAIL);
    assert_int_equal(g_of(95, -3, 0, false), UG_EXCELLENT); /* a negative count lowers nothing */
    unit_grade_input_t in = {.has_score = true, .score = 95, .n_downgrades = 1};
    unit_grade_result_t r = unit_grade(&UNIT_RULES_DEFAULT, &in);
    assert_int_equal(r.by_score, UG_EXCELLENT);
    assert_int_equal(r.n_lowered, 1);
    in.score = 50;
    assert_int_equal(unit_grade(&UNIT_RULES_DEFAULT, &in).n_lowered, 0);
}

static void test_vetoes_cap_at_good_and_the_fail_bar(void **state) {
    (void)state;
    assert_int_equal(g_of(99, 0, 1, false), UG_GOOD);
    assert_int_equal(g_of(85, 0, 1, false), UG_GOOD); /* a veto on 良好 changes nothing */
    assert_int_equal(g_of(70, 0, 2, false), UG_PASS);
    assert_int_equal(g_of(99, 1, 1, false), UG_GOOD); /* downgraded to 良好 already: the cap is met */
    assert_int_equal(g_of(99, 0, 0, true), UG_FAIL);
    assert_int_equal(g_of(60, 0, 0, true), UG_FAIL);
}

static void test_configured_bands(void **state) {
    (void)state;
    unit_rules_t r = {.excellent = 95, .good = 85, .pass = 60};
    assert_int_equal(unit_rules_check(&r), URC_OK);
    unit_grade_input_t in = {.has_score = true, .score = 94.9};
    assert_int_equal(unit_grade(&r, &in).grade, UG_GOOD);
    in.score = 60;
    assert_int_equal(unit_grade(&r, &in).grade, UG_PASS);
    in.score = 59.9;
    assert_int_equal(unit_grade(&r, &in).grade, UG_FAIL);
}

static void test_rules_check(void **state) {
    (void)state;
    assert_int_equal(unit_rules_check(&UNIT_RULES_DEFAULT), URC_OK);
    assert_int_equal(unit_rules_check(&(unit_rules_t){80, 90, 65}), URC_UNORDERED);
    assert_int_equal(unit_rules_check(&(unit_rules_t){90, 80, 80}), URC_UNORDERED); /* equal is unordered */
    assert_int_equal(unit_rules_check(&(unit_rules_t){90, 65, 80}), URC_UNORDERED);
    assert_int_equal(unit_rules_check(&(unit_rules_t){101, 80, 65}), URC_RANGE);
    assert_int_equal(unit_rules_check(&(unit_rules_t){90, 80, -1}), URC_RANGE);
    assert_int_equal(unit_rules_check(&(unit_rules_t){NAN, 80, 65}), URC_RANGE);
    assert_int_equal(unit_rules_check(&(unit_rules_t){100, 1, 0}), URC_OK);
}

static void test_kinds_and_text_length(void **state) {
    (void)state;
    assert_int_equal(unit_kind_parse("town"), UK_TOWN);
    assert_int_equal(unit_kind_parse("department"), UK_DEPARTMENT);
    assert_int_equal(unit_kind_parse("school"), UK_NONE);
    assert_int_equal(unit_kind_parse(NULL), UK_NONE);
    assert_string_equal(unit_kind_name(UK_SUBDISTRICT), "subdistrict");
    assert_string_equal(unit_grade_label_zh(UG_GOOD), "良好");
    assert_int_equal(unit_text_chars("督导ab"), 4);
    assert_int_equal(unit_text_chars(""), 0);
    assert_int_equal(unit_text_chars(NULL), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bands_are_inclusive_at_their_lower_bound),
        cmocka_unit_test(test_downgrades_lower_one_grade_each_never_below_fail),
        cmocka_unit_test(test_vetoes_cap_at_good_and_the_fail_bar),
        cmocka_unit_test(test_configured_bands),
        cmocka_unit_test(test_rules_check),
        cmocka_unit_test(test_kinds_and_text_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
