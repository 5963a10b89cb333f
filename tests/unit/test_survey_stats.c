/* core/surveys: questionnaire parsing and answer checks, and the satisfaction computation
 * (weights, suppression with its secondary rule, the 85 % edge) against hand-computed values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/surveys/survey_form.h"
#include "core/surveys/survey_stats.h"

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

static void test_value_class(void **state) {
    (void)state;
    assert_int_equal(survey_value_class(SQ_LIKERT5, "5"), SV_SATISFIED);
    assert_int_equal(survey_value_class(SQ_LIKERT5, "4"), SV_SATISFIED);
    assert_int_equal(survey_value_class(SQ_LIKERT5, "3"), SV_UNSATISFIED);
    assert_int_equal(survey_value_class(SQ_LIKERT5, "1"), SV_UNSATISFIED);
    assert_int_equal(survey_value_class(SQ_LIKERT5, "dk"), SV_DONT_KNOW);
    assert_int_equal(survey_value_class(SQ_LIKERT5, "6"), SV_NOT_LIKERT);
    assert_int_equal(survey_value_class(SQ_LIKERT3, "3"), SV_SATISFIED);
    assert_int_equal(survey_value_class(SQ_LIKERT3, "2"), SV_SATISFIED); /* 基本满意 */
    assert_int_equal(survey_value_class(SQ_LIKERT3, "1"), SV_UNSATISFIED);
    assert_int_equal(survey_value_class(SQ_LIKERT3, "4"), SV_NOT_LIKERT);
    assert_string_equal(survey_likert_label(SQ_LIKERT5, "4"), "比较满意");
}

/* Two cells, one item: parents weight 3 with 40 of 50 satisfied, teachers weight 1 with
 * 10 of 50: (3·40 + 10) ÷ (3·50 + 50) = 130 ÷ 200 = 0.65; unweighted it would be 0.5. */
static void test_weights(void **state) {
    (void)state;
    sv_cell_in_t cells[] = {{"parent", 1, 3, 50}, {"teacher", 1, 0, 50}};
    sv_tally_t t[] = {{40, 50, 7}, {10, 50, 0}};
    sv_input_t in = {cells, 2, 1, t, 10, 0.85};
    double r;
    assert_true(survey_rate(&in, NULL, NULL, &r));
    assert_true(r == 0.65);
    cells[0].weight = 0;
    assert_true(survey_rate(&in, NULL, NULL, &r));
    assert_true(r == 0.5);
    sv_tally_t none[] = {{0, 0, 5}, {0, 0, 2}}; /* only 不了解 */
    in.tallies = none;
    assert_false(survey_rate(&in, NULL, NULL, &r));
}

static void test_the_85_edge(void **state) {
    (void)state;
    assert_true(survey_meets(17.0 / 20.0, 0.85));
    assert_true(survey_meets(0.85, 0.85));
    assert_false(survey_meets(0.8499, 0.85));
    assert_false(survey_meets(169.0 / 199.0, 0.85)); /* 84.92 % */
    /* 17 of 20 with 3 不了解 in a group of 23 respondents: passes */
    sv_cell_in_t cells[] = {{"parent", 0, 0, 23}};
    sv_tally_t t[] = {{17, 20, 3}};
    sv_input_t in = {cells, 1, 1, t, 10, 0.85};
    sv_results_t r;
    survey_results(&a, &in, &r);
    assert_true(r.is_passing);
    assert_int_equal(r.overall.dont_know, 3);
    t[0].satisfied = 16;
    survey_results(&a, &in, &r);
    assert_false(r.is_passing);
}

/* groups of 30, 12, 8 respondents with min_n 10: 8 is hidden, and so is 12 (the smallest
 * other), so the hidden 8 cannot be recovered from the shown total. */
static void test_suppression(void **state) {
    (void)state;
    sv_figure_t u[3] = {{.n_respondents = 30}, {.n_respondents = 12}, {.n_respondents = 8}};
    survey_suppress(u, 3, 10);
    assert_false(u[0].is_suppressed);
    assert_true(u[1].is_suppressed);
    assert_true(u[2].is_suppressed);
    sv_figure_t v[3] = {{.n_respondents = 30}, {.n_respondents = 9}, {.n_respondents = 8}};
    survey_suppress(v, 3, 10); /* two hidden already: no secondary */
    assert_false(v[0].is_suppressed);
    sv_figure_t w[2] = {{.n_respondents = 10}, {.n_respondents = 11}};
    survey_suppress(w, 2, 10); /* exactly 10 is shown */
    assert_false(w[0].is_suppressed || w[1].is_suppressed);
    survey_suppress(w, 2, 11);
    assert_true(w[0].is_suppressed && w[1].is_suppressed);
}

/* The whole computation over 3 cells (2 schools) and 2 items, by hand:
 *   cell 0 parent  school 1 w 2  n 20: item A 16/20, item B 10/18 (2 dk)
 *   cell 1 teacher school 1 w 1  n 10: item A  9/10, item B  5/10
 *   cell 2 parent  school 2 w 2  n  5: item A  5/5,  item B  5/5
 * overall = (2·16 + 2·10 + 9 + 5 + 2·5 + 2·5) ÷ (2·20 + 2·18 + 10 + 10 + 2·5 + 2·5) = 86 ÷ 116
 * parent  = (2·16 + 2·10 + 2·5 + 2·5) ÷ (2·20 + 2·18 + 2·5 + 2·5) = 72 ÷ 96 = 0.75
 * school 2 has 5 respondents: hidden; school 1 is then the only other: hidden too. */
static void test_results(void **state) {
    (void)state;
    sv_cell_in_t cells[] = {{"parent", 1, 2, 20}, {"teacher", 1, 1, 10}, {"parent", 2, 2, 5}};
    sv_tally_t t[] = {{16, 20, 0}, {10, 18, 2}, {9, 10, 0}, {5, 10, 0}, {5, 5, 0}, {5, 5, 0}};
    sv_input_t in = {cells, 3, 2, t, 10, 0.85};
    sv_results_t r;
    survey_results(&a, &in, &r);
    assert_int_equal(r.overall.n_respondents, 35);
    assert_true(r.overall.rate == 86.0 / 116.0);
    assert_false(r.is_passing);
    assert_int_equal(r.n_groups, 2);
    assert_string_equal(r.groups[0], "parent");
    assert_true(r.by_group[0].rate == 0.75);
    assert_int_equal(r.by_group[0].n_respondents, 25);
    assert_true(r.by_group[1].rate == 14.0 / 20.0);
    assert_false(r.by_group[0].is_suppressed || r.by_group[1].is_suppressed);
    assert_int_equal(r.n_schools, 2);
    assert_true(r.by_school[0].is_suppressed && r.by_school[1].is_suppressed);
    /* item B: (2·10 + 5 + 2·5) ÷ (2·18 + 10 + 2·5) = 35 ÷ 56 */
    assert_true(r.by_item[1].rate == 35.0 / 56.0);
    assert_int_equal(r.by_item[1].dont_know, 2);
}

static const char DOC[] = "{\"code\":\"t\",\"name\":\"测试\",\"groups\":[{\"code\":\"parent\",\"name\":\"家长\"},"
                          "{\"code\":\"student\",\"name\":\"学生\"}],\"sections\":[{\"code\":\"A\",\"title\":\"甲\","
                          "\"questions\":["
                          "{\"code\":\"Q1\",\"kind\":\"likert5\",\"text\":\"满意吗\",\"dont_know\":true},"
                          "{\"code\":\"Q2\",\"kind\":\"matrix\",\"text\":\"各方面\",\"rows\":[{\"code\":\"R1\",\"text\":"
                          "\"一\"},{\"code\":\"R2\",\"text\":\"二\"}]},"
                          "{\"code\":\"Q3\",\"kind\":\"multiple\",\"text\":\"哪些\",\"required\":false,\"max\":2,"
                          "\"options\":[{\"value\":\"a\",\"text\":\"甲\"},{\"value\":\"o\",\"text\":\"其他\"},"
                          "{\"value\":\"b\",\"text\":\"乙\"}]},"
                          "{\"code\":\"Q4\",\"kind\":\"text\",\"text\":\"其他是\",\"visible_if\":{\"question\":\"Q3\","
                          "\"includes\":\"o\"}},"
                          "{\"code\":\"Q5\",\"kind\":\"number\",\"text\":\"分钟\",\"min\":0,\"max\":300,\"groups\":"
                          "[\"student\"]}]}]}";

static err_t *check(const char *answers, const char *group, size_t *n) {
    json_t *doc = json_loads(DOC, 0, NULL), *ans = json_loads(answers, 0, NULL);
    survey_form_t *f;
    err_t *e = survey_form_parse(&a, doc, &f);
    survey_value_t *v;
    if (!e) e = survey_answers_check(&a, f, group, ans, &v, n);
    json_decref(doc);
    json_decref(ans);
    return e;
}

static void test_answers(void **state) {
    (void)state;
    size_t n;
    assert_null(check("{\"Q1\":\"dk\",\"Q2\":{\"R1\":\"5\",\"R2\":\"1\"}}", "parent", &n));
    assert_int_equal(n, 3);
    assert_null(check("{\"Q1\":\"4\",\"Q2\":{\"R1\":\"5\",\"R2\":\"1\"},\"Q3\":[\"a\",\"o\"],\"Q4\":\"丙\",\"Q5\":30}",
                      "student", &n));
    assert_int_equal(n, 7);
    err_t *e = check("{\"Q2\":{\"R1\":\"5\",\"R2\":\"1\"}}", "parent", &n);
    assert_non_null(e);
    assert_string_equal(e->field, "answers.Q1");
    e = check("{\"Q1\":\"5\",\"Q2\":{\"R1\":\"5\"}}", "parent", &n);
    assert_string_equal(e->field, "answers.R2");
    e = check("{\"Q1\":\"5\",\"Q2\":{\"R1\":\"5\",\"R2\":\"dk\"}}", "parent", &n); /* no 不了解 offered */
    assert_string_equal(e->field, "answers.R2");
    e = check("{\"Q1\":\"5\",\"Q2\":{\"R1\":\"5\",\"R2\":\"1\"},\"Q5\":3}", "parent", &n); /* not asked of parents */
    assert_string_equal(e->field, "answers.Q5");
    e = check("{\"Q1\":\"5\",\"Q2\":{\"R1\":\"5\",\"R2\":\"1\"},\"Q3\":[\"a\"],\"Q4\":\"x\"}", "parent", &n); /* hidden */
    assert_string_equal(e->field, "answers.Q4");
    e = check("{\"Q1\":\"5\",\"Q2\":{\"R1\":\"5\",\"R2\":\"1\"},\"Q3\":[\"o\"]}", "parent", &n); /* shown, required */
    assert_string_equal(e->field, "answers.Q4");
    e = check("{\"Q1\":\"5\",\"Q2\":{\"R1\":\"5\",\"R2\":\"1\"},\"Q3\":[\"a\",\"b\",\"o\"]}", "parent", &n);
    assert_string_equal(e->field, "answers.Q3");
    e = check("{\"Q1\":\"5\",\"Q2\":{\"R1\":\"5\",\"R2\":\"1\"},\"Q5\":301}", "student", &n);
    assert_string_equal(e->field, "answers.Q5");
}

static void test_builtin_shapes(void **state) {
    (void)state;
    json_t *doc = json_loads(DOC, 0, NULL);
    survey_form_t *f;
    assert_null(survey_form_parse(&a, doc, &f));
    survey_item_t *items;
    size_t n;
    survey_form_items(&a, f, &items, &n);
    assert_int_equal(n, 3); /* Q1, R1, R2 */
    assert_string_equal(items[1].code, "R1");
    json_object_set_new(json_array_get(json_object_get(json_array_get(json_object_get(doc, "sections"), 0), "questions"),
                                       0),
                        "kind", json_string("slider"));
    err_t *e = survey_form_parse(&a, doc, &f);
    assert_non_null(e);
    assert_string_equal(e->field, "document");
    json_decref(doc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_value_class), cmocka_unit_test(test_weights),    cmocka_unit_test(test_the_85_edge),
        cmocka_unit_test(test_suppression), cmocka_unit_test(test_results),    cmocka_unit_test(test_answers),
        cmocka_unit_test(test_builtin_shapes),
    };
    return cmocka_run_group_tests_name("survey_stats", tests, setup, teardown);
}
