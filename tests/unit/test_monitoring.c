/* The rules of 质量监测 at their edges (core/monitoring/monitoring.h): the level shares'
 * plausibility (100 ± 0.5), the 3.9 thresholds (Ⅲ + Ⅳ ≥ 50 %, 校际差异率 < 0.15), the reporting
 * standard, the declared weighted-CV 校际差异率, and the catalog lookups. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <math.h>
#include <string.h>

#include "core/monitoring/monitoring.h"

static void test_levels_sum_to_100_within_half_a_point(void **state) {
    (void)state;
    double sum;
    assert_true(mon_levels_plausible((double[]){10, 20, 40, 30}, &sum));
    assert_true(fabs(sum - 100) < 1e-12);
    assert_true(mon_levels_plausible((double[]){10, 20, 40, 29.5}, NULL));      /* 99.5 */
    assert_true(mon_levels_plausible((double[]){10, 20, 40, 30.5}, NULL));      /* 100.5 */
    assert_false(mon_levels_plausible((double[]){10, 20, 40, 29.49}, NULL));    /* 99.49 */
    assert_false(mon_levels_plausible((double[]){10, 20, 40, 30.51}, NULL));    /* 100.51 */
    assert_true(mon_levels_plausible((double[]){33.3, 33.3, 33.3, 0.1}, NULL)); /* rounding as reports print */
    assert_false(mon_levels_plausible((double[]){-1, 21, 40, 40}, NULL));       /* a negative share */
    assert_false(mon_levels_plausible((double[]){101, 0, 0, -1}, NULL));
    assert_false(mon_levels_plausible((double[]){NAN, 20, 40, 40}, NULL));
}

static void test_item_3_9_thresholds(void **state) {
    (void)state;
    assert_true(mon_level_passes(50.0));
    assert_false(mon_level_passes(49.99));
    assert_true(mon_level_passes(mon_share_iii_up((double[]){20, 30, 30, 20})));
    assert_false(mon_level_passes(mon_share_iii_up((double[]){20, 30.1, 29.9, 20})));
    assert_true(mon_diff_passes(0.1499));
    assert_false(mon_diff_passes(0.15)); /* 低于 0.15: 0.15 itself fails */
    assert_false(mon_diff_passes(0.2));
}

static void test_reporting_standard(void **state) {
    (void)state;
    assert_true(mon_is_reportable(62, false, MON_MIN_STUDENTS));
    assert_false(mon_is_reportable(61, false, MON_MIN_STUDENTS));
    assert_true(mon_is_reportable(-1, false, MON_MIN_STUDENTS)); /* n not given: the source's word stands */
    assert_false(mon_is_reportable(-1, true, MON_MIN_STUDENTS));
    assert_false(mon_is_reportable(5000, true, MON_MIN_STUDENTS));
    assert_true(mon_is_reportable(30, false, 30));
}

static void test_diff_rate_is_the_weighted_cv(void **state) {
    (void)state;
    double rate = -1;
    /* two schools, weights 1 and 3: mean 475, sd = sqrt((1·75² + 3·25²)/4) = 43.30… */
    assert_true(mon_diff_rate((double[]){400, 500}, (int64_t[]){1, 3}, 2, 2, &rate));
    assert_true(fabs(rate - sqrt((75.0 * 75 + 3 * 25.0 * 25) / 4) / 475) < 1e-12);
    /* an unknown n anywhere: equal weights */
    assert_true(mon_diff_rate((double[]){400, 500}, (int64_t[]){1, -1}, 2, 2, &rate));
    assert_true(fabs(rate - 50.0 / 450) < 1e-12);
    /* equal schools: 0 */
    assert_true(mon_diff_rate((double[]){500, 500, 500}, (int64_t[]){10, 20, 30}, 3, 3, &rate));
    assert_true(rate == 0);
    /* fewer schools than the minimum: not computed, rate untouched */
    rate = 7;
    assert_false(mon_diff_rate((double[]){400, 500, 600, 700}, (int64_t[]){1, 1, 1, 1}, 4, 5, &rate));
    assert_true(rate == 7);
    assert_false(mon_diff_rate(NULL, NULL, 0, 0, &rate));
    /* a mean that is not positive cannot be a denominator */
    assert_false(mon_diff_rate((double[]){0, 0}, (int64_t[]){1, 1}, 2, 2, &rate));
    /* just over and under the 0.15 line */
    assert_true(mon_diff_rate((double[]){85, 115}, (int64_t[]){1, 1}, 2, 2, &rate));
    assert_false(mon_diff_passes(rate)); /* exactly 0.15 */
    assert_true(mon_diff_rate((double[]){85.01, 114.99}, (int64_t[]){1, 1}, 2, 2, &rate));
    assert_true(mon_diff_passes(rate));
    assert_true(fabs(mon_attainment(480, 500) - 0.96) < 1e-12);
    assert_true(mon_attainment(480, 0) == 0);
}

static void test_catalog_lookups(void **state) {
    (void)state;
    const mon_subject_t *m = mon_subject_find("数学");
    assert_non_null(m);
    assert_ptr_equal(m, mon_subject_find("math"));
    assert_null(mon_subject_find("物理"));
    assert_null(mon_subject_find(""));
    assert_true(mon_dimension_known(m, "数与代数"));
    assert_true(mon_dimension_known(m, ""));
    assert_false(mon_dimension_known(m, "阅读与鉴赏"));
    assert_true(mon_factor_known("睡眠时间"));
    assert_false(mon_factor_known("零花钱"));
    assert_string_equal(mon_source_parse("国家"), "national");
    assert_string_equal(mon_source_parse("省"), "provincial");
    assert_string_equal(mon_source_parse("city"), "city");
    assert_null(mon_source_parse("县"));
    /* the three-year national calendar: three subject areas a year */
    int per_year[4] = {0};
    for (size_t i = 0; i < mon_n_subjects; i++)
        per_year[mon_subjects[i].cycle_year]++;
    assert_int_equal(per_year[1], 3);
    assert_int_equal(per_year[2], 3);
    assert_int_equal(per_year[3], 3);
    assert_int_equal(mon_n_subjects, 9);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels_sum_to_100_within_half_a_point),
        cmocka_unit_test(test_item_3_9_thresholds),
        cmocka_unit_test(test_reporting_standard),
        cmocka_unit_test(test_diff_rate_is_the_weighted_cv),
        cmocka_unit_test(test_catalog_lookups),
    };
    return cmocka_run_group_tests_name("monitoring", tests, NULL, NULL);
}
