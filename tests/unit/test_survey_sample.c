/* core/surveys/survey_sample: the sample a population needs under the sampling rules that are
 * in force in different versions (next.md §0.2), against hand-computed values, and the quota
 * proposal per group. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
/* clang-format on */

#include "core/surveys/survey_sample.h"

static arena_t a;

static int setup(void **state) {
    (void)state;
    arena_init(&a);
    return 0;
}
static int teardown(void **state) {
    (void)state;
    arena_free(&a);
    return 0;
}

static sv_sample_rule_t rule_of(const char *text) {
    json_t *j = json_loads(text, 0, NULL);
    assert_non_null(j);
    sv_sample_rule_t r;
    bool has = false;
    assert_null(survey_sample_parse(&a, j, &r, &has));
    assert_true(has);
    json_decref(j);
    return r;
}

/* 基本均衡 2012: 1.5 ‰, counties under 40万 sample 600, parents ≥ 50 %, 70 % valid. */
static void test_basic_2012(void **state) {
    (void)state;
    sv_sample_rule_t r = rule_of("{\"per_mille\": 1.5, \"floor\": 600, \"floor_below_population\": 400000, "
                                 "\"parent_share_min\": 0.5, \"valid_return_min\": 0.7}");
    sv_sample_need_t n = survey_sample_need(&r, 250000); /* 375 by the ‰, raised to 600 */
    assert_int_equal(n.total, 600);
    assert_int_equal(n.parents, 300);
    assert_int_equal(n.valid, 420);
    n = survey_sample_need(&r, 400000); /* exactly 600 by the ‰ */
    assert_int_equal(n.total, 600);
    n = survey_sample_need(&r, 600000); /* 900: a whole product stays whole */
    assert_int_equal(n.total, 900);
    assert_int_equal(n.parents, 450);
    assert_int_equal(n.valid, 630);
    n = survey_sample_need(&r, 600001); /* 900.0015 → 901; half of 901 → 451; 70 % → 630.7 → 631 */
    assert_int_equal(n.total, 901);
    assert_int_equal(n.parents, 451);
    assert_int_equal(n.valid, 631);
    assert_non_null(strstr(survey_sample_describe(&a, &r), "不足 400000 的按 600 人"));
}

/* 学前 2024 (a county invitation): 1.5 ‰, at least 300 below 20万. */
static void test_floor_only_below(void **state) {
    (void)state;
    sv_sample_rule_t r = rule_of("{\"per_mille\": 1.5, \"floor\": 300, \"floor_below_population\": 200000, "
                                 "\"parent_share_min\": 0.5}");
    assert_int_equal(survey_sample_need(&r, 100000).total, 300);
    assert_int_equal(survey_sample_need(&r, 210000).total, 315);
    assert_int_equal(survey_sample_need(&r, 210000).valid, 0); /* no valid-return rule */
}

/* 学前 2022 (济源): 1 ‰ in tiers by population band, with the parents of each band. */
static void test_tiers(void **state) {
    (void)state;
    sv_sample_rule_t r = rule_of(
        "{\"tiers\": [{\"below\": 200000, \"total\": 200, \"parents\": 140}, {\"below\": 400000, \"total\": 300, "
        "\"parents\": 210}, {\"below\": 600000, \"total\": 500, \"parents\": 350}, {\"below\": 800000, \"total\": "
        "700, \"parents\": 490}, {\"below\": 1000000, \"total\": 900, \"parents\": 630}, {\"below\": 0, \"total\": "
        "1000, \"parents\": 700}]}");
    assert_int_equal(survey_sample_need(&r, 199999).total, 200);
    assert_int_equal(survey_sample_need(&r, 200000).total, 300); /* 20–40万 */
    assert_int_equal(survey_sample_need(&r, 200000).parents, 210);
    assert_int_equal(survey_sample_need(&r, 999999).total, 900);
    assert_int_equal(survey_sample_need(&r, 5000000).total, 1000);
    assert_int_equal(survey_sample_need(&r, 5000000).parents, 700);
}

static void test_bad_rules(void **state) {
    (void)state;
    static const char *const bad[] = {
        "{\"per_mille\": 0}",
        "{\"per_mille\": 1.5, \"parent_share_min\": 1.5}",
        "{\"per_mille\": 1.5, \"floor\": -1}",
        "{\"tiers\": [{\"below\": 400000, \"total\": 300, \"parents\": 10}, {\"below\": 200000, \"total\": 200, "
        "\"parents\": 1}]}",
        "{\"tiers\": [{\"below\": 0, \"total\": 100, \"parents\": 200}]}",
        "{\"tiers\": 3}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *j = json_loads(bad[i], 0, NULL);
        sv_sample_rule_t r;
        bool has;
        err_t *e = survey_sample_parse(&a, j, &r, &has);
        assert_non_null(e);
        assert_string_equal(e->field, "document");
        json_decref(j);
    }
    sv_sample_rule_t r;
    bool has = true;
    assert_null(survey_sample_parse(&a, NULL, &r, &has));
    assert_false(has);
}

/* Parents get their need; the other groups split the rest equally, the remainder first. */
static void test_propose(void **state) {
    (void)state;
    sv_sample_need_t need = {.total = 601, .parents = 301};
    int64_t q[7];
    survey_sample_propose(&need, 7, 1, q); /* student, parent, teacher, principal, npc, cppcc, public */
    assert_int_equal(q[1], 301);
    int64_t sum = 0;
    for (int i = 0; i < 7; i++)
        sum += q[i];
    assert_int_equal(sum, 601);
    assert_int_equal(q[0], 50); /* 300 ÷ 6 */
    assert_int_equal(q[6], 50);
    need = (sv_sample_need_t){.total = 10, .parents = 5};
    int64_t p[3];
    survey_sample_propose(&need, 3, -1, p); /* no parents' group: 10 split 4, 3, 3 */
    assert_int_equal(p[0], 4);
    assert_int_equal(p[1], 3);
    assert_int_equal(p[2], 3);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_basic_2012, setup, teardown),
        cmocka_unit_test_setup_teardown(test_floor_only_below, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tiers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_propose, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
