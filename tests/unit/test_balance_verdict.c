/* core/balance/verdict: every kind of rule at its edge (95.0 % passes, 94.99 % fails; a
 * difference rate of 0.15 fails, 0.1499 passes; 3 years before passes, 2 fails; a veto), the
 * states of an entry (not entered, awaiting the city, returned, approved), and the verdict: a
 * county that passes 资源配置 but misses one 政府保障 item is not 达标 and says why; a missing
 * 社会认可度 is not evaluable, never passed; a simulation uses the pre-assessment, labelled. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <string.h>

#include "core/balance/verdict.h"
#include "store/embedded.h"

static arena_t A;
static verdict_rules_t R;

static int setup(void **state) {
    (void)state;
    arena_init(&A);
    const char *texts[32];
    size_t n = 0;
    for (const embedded_file_t *f = balance_standard_files; f->name; f++)
        texts[n++] = f->text;
    err_t *e = verdict_rules_load(&A, texts, n, &R);
    if (e) fail_msg("%s", e->message);
    return 0;
}
static int teardown(void **state) {
    (void)state;
    arena_free(&A);
    return 0;
}

static const char *status_of(const char *key, verdict_entry_state_t st, double v0, double v1) {
    const verdict_item_t *it = verdict_item_find(&R, key);
    assert_non_null(it);
    verdict_input_t in = {.key = key, .state = st, .v = {v0, v1}};
    verdict_item_result_t res;
    verdict_item_eval(&A, it, &in, 2025, false, &res);
    return res.status;
}

static void test_items_as_data(void **state) {
    (void)state;
    size_t n[8] = {0};
    const char *parts[] = {"resources", "guarantee", "education", "recognition", "eligibility", "veto", "basic2012"};
    for (size_t i = 0; i < R.n_items; i++)
        for (size_t p = 0; p < 7; p++)
            if (strcmp(R.items[i].part, parts[p]) == 0) n[p]++;
    assert_int_equal(n[1], 15);
    assert_int_equal(n[2], 9);
    assert_int_equal(n[3], 1);
    assert_int_equal(n[5], 6);
    assert_int_equal(n[6], 4);
    const verdict_item_t *g7 = verdict_item_find(&R, "g7");
    assert_true(g7->checks[0].threshold == 6000 && strcmp(g7->checks[0].unit, "元") == 0);
    assert_non_null(g7->evidence_zh);
    assert_string_equal(verdict_item_find(&R, "e9")->hook, "monitoring");
}

static void test_edges(void **state) {
    (void)state;
    assert_string_equal(status_of("e1", VES_APPROVED, 95.0, 0), "met");
    assert_string_equal(status_of("e1", VES_APPROVED, 94.99, 0), "failed");
    assert_string_equal(status_of("e2", VES_APPROVED, 95.0, 0), "met");
    assert_string_equal(status_of("e2", VES_APPROVED, 94.99, 0), "failed");
    /* 质量监测: level Ⅲ+ (yes) and a difference rate strictly below 0.15 */
    assert_string_equal(status_of("e9", VES_APPROVED, 1, 0.15), "failed");
    assert_string_equal(status_of("e9", VES_APPROVED, 1, 0.1499), "met");
    assert_string_equal(status_of("e9", VES_APPROVED, 0, 0.10), "failed");
    assert_string_equal(status_of("g7", VES_APPROVED, 6000, 0), "met");
    assert_string_equal(status_of("g7", VES_APPROVED, 5999.99, 0), "failed");
    assert_string_equal(status_of("g11", VES_APPROVED, 10, 20), "met");
    assert_string_equal(status_of("g11", VES_APPROVED, 10, 19.99), "failed");
    assert_string_equal(status_of("g13", VES_APPROVED, 99.99, 95), "failed");
    assert_string_equal(status_of("g8", VES_APPROVED, 120000, 120000), "met");
    assert_string_equal(status_of("g8", VES_APPROVED, 119999, 120000), "failed");
    assert_string_equal(status_of("s1", VES_APPROVED, 85.0, 0), "met");
    assert_string_equal(status_of("s1", VES_APPROVED, 84.99, 0), "failed");
    assert_string_equal(status_of("k3", VES_APPROVED, 85, 0), "met");
    assert_string_equal(status_of("k3", VES_APPROVED, 84.9, 0), "failed");
    /* 申报条件: recognised 2022 is 3 years before 2025 */
    assert_string_equal(status_of("p1", VES_APPROVED, 2022, 0), "met");
    assert_string_equal(status_of("p1", VES_APPROVED, 2023, 0), "failed");
    /* a veto holds when the thing is absent */
    assert_string_equal(status_of("v3", VES_APPROVED, 0, 0), "met");
    assert_string_equal(status_of("v3", VES_APPROVED, 1, 0), "failed");
    /* the states: only the city's approval counts in the official verdict */
    assert_string_equal(status_of("e1", VES_NONE, 99, 0), "not_evaluable");
    assert_string_equal(status_of("e1", VES_SUBMITTED, 99, 0), "not_evaluable");
    assert_string_equal(status_of("e1", VES_RETURNED, 99, 0), "not_evaluable");
}

static void test_gap_is_reported(void **state) {
    (void)state;
    verdict_input_t in = {.key = "g7", .state = VES_APPROVED, .v = {5800}};
    verdict_item_result_t res;
    verdict_item_eval(&A, verdict_item_find(&R, "g7"), &in, 2025, false, &res);
    assert_string_equal(res.status, "failed");
    assert_true(res.gap[0] > 199.999 && res.gap[0] < 200.001);
    assert_non_null(strstr(res.why_zh, "差 200元"));
}

static void test_values_parse(void **state) {
    (void)state;
    double v[VERDICT_MAX_CHECKS];
    json_t *ok = json_pack("{s:f, s:f}", "rotated", 12.0, "backbone", 25.0);
    assert_null(verdict_values_parse(&A, verdict_item_find(&R, "g11"), ok, 2025, v));
    assert_true(v[0] == 12.0 && v[1] == 25.0);
    json_t *bad = json_pack("{s:f, s:f}", "rotated", 120.0, "backbone", 25.0);
    err_t *e = verdict_values_parse(&A, verdict_item_find(&R, "g11"), bad, 2025, v);
    assert_non_null(e);
    assert_string_equal(e->field, "values.rotated");
    json_t *yn = json_pack("{s:i}", "present", 0);
    e = verdict_values_parse(&A, verdict_item_find(&R, "v1"), yn, 2025, v);
    assert_non_null(e);
    assert_string_equal(e->field, "values.present");
    json_t *future = json_pack("{s:i}", "year", 2026);
    assert_non_null(verdict_values_parse(&A, verdict_item_find(&R, "p1"), future, 2025, v));
    json_decref(ok), json_decref(bad), json_decref(yn), json_decref(future);
}

/* Every item met: resources computed, the computed 保障 items computed, the rest approved. */
static size_t all_met(verdict_input_t *in) {
    size_t n = 0;
    for (size_t i = 0; i < R.n_items; i++) {
        const verdict_item_t *it = &R.items[i];
        verdict_input_t x = {.key = it->key, .state = VES_APPROVED, .has_computed = true, .is_computed_ok = true};
        for (size_t k = 0; k < it->n_checks; k++) {
            const verdict_check_t *c = &it->checks[k];
            x.v[k] = c->op == VOP_YES                          ? 1
                     : c->op == VOP_NO                         ? 0
                     : c->op == VOP_YEARS_BEFORE               ? 2015
                     : c->op == VOP_LT                         ? 0.05
                     : c->op == VOP_GE_KEY || c->op == VOP_REF ? 100000
                                                               : c->threshold + 1;
        }
        in[n++] = x;
    }
    return n;
}

static verdict_input_t *input(verdict_input_t *in, size_t n, const char *key) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(in[i].key, key) == 0) return &in[i];
    fail_msg("no input %s", key);
    return NULL;
}

static void test_verdict_all_parts(void **state) {
    (void)state;
    verdict_input_t in[VERDICT_MAX_ITEMS];
    size_t n = all_met(in);
    verdict_t v;
    verdict_eval(&A, &R, in, n, 2025, false, &v);
    assert_string_equal(v.status, "passed");
    assert_true(v.is_passed && v.is_basic_passed && !v.is_simulated);
    assert_int_equal(v.n_reasons, 0);
    /* 资源配置 passes, but 特教生均公用经费 is 5800: not 达标, and the reason says so */
    input(in, n, "g7")->v[0] = 5800;
    verdict_eval(&A, &R, in, n, 2025, false, &v);
    assert_false(v.is_passed);
    assert_string_equal(v.status, "failed");
    assert_string_equal(v.parts[0].status, "passed");
    assert_string_equal(v.parts[1].status, "failed");
    assert_int_equal(v.parts[1].n_failed, 1);
    assert_int_equal(v.n_reasons, 1);
    assert_non_null(strstr(v.reasons_zh[0], "政府保障程度 g7 未达标"));
    assert_non_null(strstr(v.reasons_zh[0], "差 200元"));
    input(in, n, "g7")->v[0] = 6000;
    /* a computed 保障 item (班额) failing */
    verdict_input_t *g5 = input(in, n, "g5");
    g5->is_computed_ok = false, g5->computed_zh = "1 所学校班额超标";
    verdict_eval(&A, &R, in, n, 2025, false, &v);
    assert_false(v.is_passed);
    assert_non_null(strstr(v.reasons_zh[0], "班额超标"));
    g5->is_computed_ok = true;
    /* a veto applies: 不予认定 */
    input(in, n, "v6")->v[0] = 1;
    verdict_eval(&A, &R, in, n, 2025, false, &v);
    assert_string_equal(v.parts[5].status, "failed");
    assert_false(v.is_passed);
    input(in, n, "v6")->v[0] = 0;
    /* the 2012 conditions are their own verdict */
    input(in, n, "k4")->v[0] = 80;
    verdict_eval(&A, &R, in, n, 2025, false, &v);
    assert_true(v.is_passed);
    assert_false(v.is_basic_passed);
    input(in, n, "k4")->v[0] = 90;
    input(in, n, "k2")->is_computed_ok = false;
    verdict_eval(&A, &R, in, n, 2025, false, &v);
    assert_false(v.is_basic_passed);
}

static void test_recognition_missing_and_simulated(void **state) {
    (void)state;
    verdict_input_t in[VERDICT_MAX_ITEMS];
    size_t n = all_met(in);
    verdict_input_t *s1 = input(in, n, "s1");
    s1->state = VES_NONE;
    verdict_t v;
    verdict_eval(&A, &R, in, n, 2025, false, &v);
    assert_string_equal(v.status, "not_evaluable");
    assert_false(v.is_passed);
    assert_string_equal(v.parts[3].status, "not_evaluable");
    /* a simulation uses the pre-assessment, labelled as such */
    input(in, n, "s1_pre")->v[0] = 88;
    verdict_eval(&A, &R, in, n, 2025, true, &v);
    assert_true(v.is_passed);
    assert_true(v.is_simulated);
    assert_true(v.parts[3].items[0].is_pre_assessment);
    input(in, n, "s1_pre")->v[0] = 80;
    verdict_eval(&A, &R, in, n, 2025, true, &v);
    assert_string_equal(v.status, "failed");
    assert_non_null(strstr(v.reasons_zh[0], "预评估值"));
    /* without a pre-assessment a simulation cannot pass either */
    input(in, n, "s1_pre")->state = VES_NONE;
    verdict_eval(&A, &R, in, n, 2025, true, &v);
    assert_string_equal(v.status, "not_evaluable");
    /* an entry awaiting the city counts in a simulation, labelled */
    s1->state = VES_SUBMITTED;
    verdict_eval(&A, &R, in, n, 2025, true, &v);
    assert_true(v.is_passed && v.is_simulated);
    verdict_eval(&A, &R, in, n, 2025, false, &v);
    assert_false(v.is_passed);
}

static void test_computed_without_data(void **state) {
    (void)state;
    verdict_input_t in[VERDICT_MAX_ITEMS];
    size_t n = all_met(in);
    input(in, n, "r1")->has_computed = false;
    verdict_t v;
    verdict_eval(&A, &R, in, n, 2025, false, &v);
    assert_string_equal(v.parts[0].status, "not_evaluable");
    assert_false(v.is_passed);
    /* g3: rooms counted by dudao and the areas entered: both must hold */
    input(in, n, "r1")->has_computed = true;
    input(in, n, "g3")->v[1] = 89.9;
    verdict_eval(&A, &R, in, n, 2025, false, &v);
    assert_string_equal(v.parts[1].status, "failed");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_items_as_data),         cmocka_unit_test(test_edges),
        cmocka_unit_test(test_gap_is_reported),       cmocka_unit_test(test_values_parse),
        cmocka_unit_test(test_verdict_all_parts),     cmocka_unit_test(test_recognition_missing_and_simulated),
        cmocka_unit_test(test_computed_without_data),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
