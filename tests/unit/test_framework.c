/* core/framework: parsing, validation, applicability, scoring and grading as
 * docs/framework-format.md says, on small documents and on the built-in frameworks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/frameworks/framework.h"
#include "core/frameworks/framework_sheet.h"

static arena_t A;

static int setup(void **state) {
    (void)state;
    arena_init(&A);
    return 0;
}
static int teardown(void **state) {
    (void)state;
    arena_free(&A);
    return 0;
}

static json_t *J(const char *text) {
    json_error_t je;
    json_t *j = json_loads(text, 0, &je);
    if (!j) fail_msg("bad test JSON at %d: %s\n%s", je.line, je.text, text);
    return j;
}

/* Parses a document that must be valid. */
static fw_t *P(const char *text) {
    json_t *j = J(text);
    fw_t *f = NULL;
    fw_issue_t *is;
    size_t n;
    fw_parse_all(&A, j, &f, &is, &n);
    json_decref(j);
    if (n) fail_msg("unexpected issue: %s [%s]", is[0].message, fw_issue_field(&A, &is[0]));
    return f;
}

/* The issues of a document that must be refused. */
static size_t bad(const char *text, fw_issue_t **is) {
    json_t *j = J(text);
    fw_t *f = NULL;
    size_t n;
    fw_parse_all(&A, j, &f, is, &n);
    json_decref(j);
    assert_null(f);
    return n;
}

/* Whether some issue names that indicator and field. */
static bool has_issue(const fw_issue_t *is, size_t n, const char *code, const char *field) {
    for (size_t i = 0; i < n; i++)
        if (((!code && !is[i].indicator) || (code && is[i].indicator && strcmp(code, is[i].indicator) == 0)) &&
            strcmp(field, is[i].field) == 0)
            return true;
    return false;
}

static fw_result_t S(const fw_t *f, const fw_target_t *t, const char *answers) {
    json_t *j = answers ? J(answers) : NULL;
    fw_result_t r;
    err_t *e = fw_score(&A, f, t, j, &r);
    json_decref(j);
    if (e) fail_msg("score failed: %s", e->message);
    return r;
}

static const fw_leaf_result_t *leaf(const fw_result_t *r, const char *code) {
    for (size_t i = 0; i < r->n_leaves; i++)
        if (strcmp(r->leaves[i].node->code, code) == 0) return &r->leaves[i];
    fail_msg("no leaf %s", code);
    return NULL;
}

#define HEAD "{\"code\":\"t\",\"name\":\"测试\","
#define BANDS                                                                                                          \
    "\"grade_bands\":[{\"label\":\"优秀\",\"label_en\":\"Excellent\",\"min\":90},{\"label\":\"良好\",\"min\":80}," \
    "{\"label\":\"合格\",\"min\":60},{\"label\":\"不合格\",\"label_en\":\"Fail\",\"min\":0}],"

/* One category with one leaf of every kind. */
static const char *KINDS =
    HEAD BANDS "\"indicators\":[{\"code\":\"A\",\"text\":\"全部类型\",\"children\":["
               "{\"code\":\"A.pf\",\"text\":\"达标\",\"kind\":\"pass_fail\",\"max_score\":10},"
               "{\"code\":\"A.sc\",\"text\":\"评分\",\"kind\":\"score\",\"max_score\":10},"
               "{\"code\":\"A.rt\",\"text\":\"评级\",\"kind\":\"rating\",\"levels\":["
               "  {\"value\":\"A\",\"label\":\"优\",\"color\":\"#67C23A\",\"score\":10},"
               "  {\"value\":\"B\",\"label\":\"良\",\"score\":8},"
               "  {\"value\":\"D\",\"label\":\"差\",\"color\":\"#F56C6C\",\"score\":0,\"is_fail\":true}]},"
               "{\"code\":\"A.nm\",\"text\":\"作业时长\",\"kind\":\"number\",\"unit\":\"分钟\",\"max_score\":10,"
               "  \"threshold\":{\"op\":\"<=\",\"value\":60}},"
               "{\"code\":\"A.ch\",\"text\":\"选择\",\"kind\":\"choice\",\"choices\":["
               "  "
               "{\"value\":\"yes\",\"label\":\"有\",\"score\":10},{\"value\":\"no\",\"label\":\"无\",\"score\":0,\"is_"
               "fail\":true}]},"
               "{\"code\":\"A.tx\",\"text\":\"说明\",\"kind\":\"text\"}]}]}";

static void test_points_of_every_kind(void **state) {
    (void)state;
    fw_t *f = P(KINDS);
    assert_int_equal(f->n_leaves, 6);
    assert_int_equal(f->n_nodes, 7);
    fw_result_t r = S(f, NULL,
                      "{\"A.pf\":{\"value\":true},\"A.sc\":{\"value\":7.5},\"A.rt\":{\"value\":\"B\"},"
                      "\"A.nm\":{\"value\":45},\"A.ch\":{\"value\":\"yes\"},\"A.tx\":{\"value\":\"好\"}}");
    assert_true(leaf(&r, "A.pf")->points == 10);
    assert_true(leaf(&r, "A.sc")->points == 7.5);
    assert_true(leaf(&r, "A.rt")->points == 8);
    assert_string_equal(leaf(&r, "A.rt")->label, "良");
    assert_true(leaf(&r, "A.nm")->points == 10);
    assert_true(leaf(&r, "A.ch")->points == 10);
    assert_false(leaf(&r, "A.tx")->has_points);
    assert_int_equal(r.n_failed, 0);
    /* (10 + 7.5 + 8 + 10 + 10) / 50 */
    assert_true(r.categories[0].percent == 91);
    assert_true(r.total == 91);
    assert_string_equal(r.grade, "优秀");
    assert_string_equal(r.grade_en, "Excellent");
    assert_true(r.is_complete);
}

static void test_failure_of_every_kind(void **state) {
    (void)state;
    fw_t *f = P(KINDS);
    fw_result_t r = S(f, NULL,
                      "{\"A.pf\":{\"value\":false},\"A.sc\":{\"value\":5.9},\"A.rt\":{\"value\":\"D\"},"
                      "\"A.nm\":{\"value\":61},\"A.ch\":{\"value\":\"no\"},\"A.tx\":{\"value\":\"\"}}");
    assert_true(leaf(&r, "A.pf")->is_failed);
    assert_true(leaf(&r, "A.sc")->is_failed); /* below 60 % of 10 */
    assert_true(leaf(&r, "A.rt")->is_failed);
    assert_true(leaf(&r, "A.nm")->is_failed);
    assert_true(leaf(&r, "A.nm")->points == 0);
    assert_true(leaf(&r, "A.ch")->is_failed);
    assert_false(leaf(&r, "A.tx")->is_failed);
    assert_int_equal(r.n_failed, 5);
    assert_int_equal(r.categories[0].n_failed, 5);
    /* exactly 60 % passes */
    r = S(f, NULL, "{\"A.sc\":{\"value\":6}}");
    assert_false(leaf(&r, "A.sc")->is_failed);
    /* the threshold's edge: <= 60 holds at 60 */
    r = S(f, NULL, "{\"A.nm\":{\"value\":60}}");
    assert_false(leaf(&r, "A.nm")->is_failed);
}

static void test_thresholds(void **state) {
    (void)state;
    static const struct {
        const char *op;
        double x;
        bool met;
    } cases[] = {{"<", 59.9, true}, {"<", 60, false}, {">=", 60, true}, {">=", 59, false},
                 {">", 60, false},  {">", 61, true},  {"=", 60, true},  {"=", 60.5, false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char doc[400], ans[100];
        snprintf(doc, sizeof doc,
                 HEAD
                 "\"indicators\":[{\"code\":\"N\",\"text\":\"数\",\"kind\":\"number\",\"threshold\":{\"op\":\"%s\","
                 "\"value\":60}}]}",
                 cases[i].op);
        snprintf(ans, sizeof ans, "{\"N\":{\"value\":%g}}", cases[i].x);
        fw_result_t r = S(P(doc), NULL, ans);
        assert_int_equal(!r.leaves[0].is_failed, cases[i].met);
        assert_true(r.leaves[0].max == 1); /* default max_score */
    }
}

static void test_veto_fails_whatever_the_total(void **state) {
    (void)state;
    fw_t *f = P(HEAD BANDS "\"indicators\":[{\"code\":\"S\",\"text\":\"安全\",\"children\":["
                           "{\"code\":\"S1\",\"text\":\"重大安全事故\",\"kind\":\"pass_fail\",\"is_veto\":true},"
                           "{\"code\":\"S2\",\"text\":\"门卫\",\"kind\":\"score\",\"max_score\":99}]}]}");
    fw_result_t r = S(f, NULL, "{\"S1\":{\"value\":false},\"S2\":{\"value\":99}}");
    assert_true(r.total == 99); /* 99 of 100 */
    assert_true(r.is_vetoed);
    assert_int_equal(r.n_vetoes, 1);
    assert_string_equal(r.vetoes[0]->code, "S1");
    assert_string_equal(r.grade, "不合格");
    assert_string_equal(r.grade_en, "Fail");
    r = S(f, NULL, "{\"S1\":{\"value\":true},\"S2\":{\"value\":99}}");
    assert_false(r.is_vetoed);
    assert_string_equal(r.grade, "优秀");
    /* a veto item that is not applicable (N/A) does not veto */
    r = S(f, NULL, "{\"S1\":{\"value\":false,\"na\":true},\"S2\":{\"value\":50}}");
    assert_false(r.is_vetoed);
    assert_string_equal(r.grade, "不合格"); /* 50.5 → the band, not a veto */
    assert_false(r.is_vetoed);
}

static void test_na_excluded_from_maximum(void **state) {
    (void)state;
    fw_t *f = P(HEAD "\"indicators\":[{\"code\":\"C\",\"text\":\"类\",\"children\":["
                     "{\"code\":\"C1\",\"text\":\"一\",\"kind\":\"score\",\"max_score\":10},"
                     "{\"code\":\"C2\",\"text\":\"二\",\"kind\":\"score\",\"max_score\":10},"
                     "{\"code\":\"C3\",\"text\":\"三\",\"kind\":\"score\",\"max_score\":10}]}]}");
    fw_result_t r = S(f, NULL, "{\"C1\":{\"value\":8},\"C2\":{\"value\":null,\"na\":true},\"C3\":{\"value\":6}}");
    assert_true(r.categories[0].max == 20);
    assert_true(r.categories[0].percent == 70);
    assert_true(leaf(&r, "C2")->is_na);
    assert_true(r.is_complete); /* N/A counts as answered */
    /* unanswered items are left out of the maximum too, but the visit is not complete */
    r = S(f, NULL, "{\"C1\":{\"value\":8}}");
    assert_true(r.categories[0].percent == 80);
    assert_false(r.is_complete);
    assert_int_equal(r.n_unanswered, 2);
    /* nothing answered: no total, no grade */
    r = S(f, NULL, NULL);
    assert_false(r.has_total);
    assert_null(r.grade);
}

static void test_weights(void **state) {
    (void)state;
    /* leaf weights inside a category, the level-2 group's weight on level 3, and category weights */
    fw_t *f = P(HEAD "\"indicators\":["
                     "{\"code\":\"A\",\"text\":\"甲\",\"weight\":3,\"children\":["
                     "  {\"code\":\"A1\",\"text\":\"一\",\"kind\":\"pass_fail\",\"weight\":3},"
                     "  {\"code\":\"A2\",\"text\":\"二\",\"kind\":\"pass_fail\"}]},"
                     "{\"code\":\"B\",\"text\":\"乙\",\"children\":["
                     "  {\"code\":\"B1\",\"text\":\"组\",\"weight\":2,\"children\":["
                     "     {\"code\":\"B1a\",\"text\":\"a\",\"kind\":\"score\",\"max_score\":10}]},"
                     "  {\"code\":\"B2\",\"text\":\"二\",\"kind\":\"score\",\"max_score\":10}]}]}");
    fw_result_t r =
        S(f, NULL, "{\"A1\":{\"value\":true},\"A2\":{\"value\":false},\"B1a\":{\"value\":10},\"B2\":{\"value\":4}}");
    assert_true(r.categories[0].percent == 75); /* 3 of 4 */
    assert_true(leaf(&r, "B1a")->weight == 2);
    /* (2×10 + 1×4) / (2×10 + 1×10) = 80 % */
    assert_true(r.categories[1].percent == 80);
    /* (3 × 75 + 1 × 80) / 4 = 76.25 */
    assert_true(r.total == 76.25);
    assert_null(r.grade); /* no bands */
}

static void test_grade_bands(void **state) {
    (void)state;
    fw_t *f = P(HEAD BANDS "\"indicators\":[{\"code\":\"X\",\"text\":\"分\",\"kind\":\"score\",\"max_score\":100}]}");
    static const struct {
        double x;
        const char *grade;
    } cases[] = {{100, "优秀"}, {90, "优秀"}, {89.99, "良好"},  {80, "良好"},
                 {79, "合格"},  {60, "合格"}, {59.5, "不合格"}, {0, "不合格"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char ans[80];
        snprintf(ans, sizeof ans, "{\"X\":{\"value\":%g}}", cases[i].x);
        fw_result_t r = S(f, NULL, ans);
        assert_string_equal(r.grade, cases[i].grade);
    }
    /* binary fractions: 2 of 3 items at 9/10, 1 at 9.0 → 90 exactly, not 89.999… */
    fw_t *g = P(HEAD BANDS "\"indicators\":[{\"code\":\"Y\",\"text\":\"分\",\"children\":["
                           "{\"code\":\"Y1\",\"text\":\"1\",\"kind\":\"score\",\"max_score\":3},"
                           "{\"code\":\"Y2\",\"text\":\"2\",\"kind\":\"score\",\"max_score\":3},"
                           "{\"code\":\"Y3\",\"text\":\"3\",\"kind\":\"score\",\"max_score\":3}]}]}");
    fw_result_t r = S(g, NULL, "{\"Y1\":{\"value\":2.7},\"Y2\":{\"value\":2.7},\"Y3\":{\"value\":2.7}}");
    assert_string_equal(r.grade, "优秀");
}

static void test_applies_to(void **state) {
    (void)state;
    fw_t *f = P(HEAD "\"applies_to\":{\"sections\":[\"primary\",\"junior\"]},"
                     "\"indicators\":[{\"code\":\"H\",\"text\":\"作业\",\"children\":["
                     "{\"code\":\"H1\",\"text\":\"一二年级不布置书面作业\",\"kind\":\"pass_fail\","
                     "  \"applies_to\":{\"sections\":[\"primary\"]}},"
                     "{\"code\":\"H2\",\"text\":\"初中不超过90分钟\",\"kind\":\"pass_fail\","
                     "  \"applies_to\":{\"sections\":[\"junior\"]}},"
                     "{\"code\":\"H3\",\"text\":\"九年一贯制\",\"kind\":\"pass_fail\","
                     "  \"applies_to\":{\"type_codes\":[\"312\"]}}]}]}");
    const char *primary[] = {"primary"};
    const char *both[] = {"primary", "junior"};
    const char *senior[] = {"senior"};
    fw_target_t p = {.type_code = "211", .sections = primary, .n_sections = 1};
    fw_target_t nine = {.type_code = "312", .sections = both, .n_sections = 2};
    fw_target_t high = {.type_code = "342", .sections = senior, .n_sections = 1};
    const fw_node_t **v;
    assert_int_equal(fw_leaves_for(&A, f, &p, &v), 1);
    assert_string_equal(v[0]->code, "H1");
    assert_int_equal(fw_leaves_for(&A, f, &nine, &v), 3);
    assert_int_equal(fw_leaves_for(&A, f, &high, &v), 0); /* the framework's own applies_to */
    assert_int_equal(fw_leaves_for(&A, f, NULL, &v), 3);
    /* a school of unknown type and sections: restrictions do not exclude */
    fw_target_t unknown = {0};
    assert_int_equal(fw_leaves_for(&A, f, &unknown, &v), 3);
    /* answers to items that do not apply are ignored, and they are not counted */
    fw_result_t r = S(f, &p, "{\"H1\":{\"value\":true},\"H2\":{\"value\":false}}");
    assert_int_equal(r.n_applicable, 1);
    assert_int_equal(r.n_failed, 0);
    assert_false(leaf(&r, "H2")->is_applicable);
    assert_true(r.total == 100);
}

static void test_flags_and_evidence(void **state) {
    (void)state;
    fw_t *f = P(HEAD "\"indicators\":[{\"code\":\"E\",\"text\":\"证据\",\"children\":["
                     "{\"code\":\"E1\",\"text\":\"消防通道\",\"kind\":\"pass_fail\",\"evidence\":{\"photo\":true}},"
                     "{\"code\":\"E2\",\"text\":\"台账\",\"kind\":\"pass_fail\",\"evidence\":{\"note\":true}}]}]}");
    fw_result_t r = S(f, NULL, "{\"E1\":{\"value\":false},\"E2\":{\"value\":true,\"flag\":true}}");
    assert_true(leaf(&r, "E1")->is_evidence_short);
    assert_true(leaf(&r, "E2")->is_flagged);
    assert_false(leaf(&r, "E2")->is_failed);
    assert_int_equal(r.n_flagged, 1);
    r = S(f, NULL, "{\"E1\":{\"value\":false,\"attachments\":[12]},\"E2\":{\"value\":false,\"note\":\"缺\"}}");
    assert_int_equal(r.n_evidence_short, 0);
    r = S(f, NULL, "{\"E2\":{\"value\":false,\"note\":\"\"}}");
    assert_int_equal(r.n_evidence_short, 1);
}

static void test_bad_answers(void **state) {
    (void)state;
    fw_t *f = P(KINDS);
    static const struct {
        const char *answers, *field;
    } cases[] = {
        {"{\"A.pf\":{\"value\":1}}", "A.pf.value"},
        {"{\"A.sc\":{\"value\":11}}", "A.sc.value"},
        {"{\"A.sc\":{\"value\":-1}}", "A.sc.value"},
        {"{\"A.rt\":{\"value\":\"C\"}}", "A.rt.value"},
        {"{\"A.nm\":{\"value\":\"45\"}}", "A.nm.value"},
        {"{\"A.ch\":{\"value\":true}}", "A.ch.value"},
        {"{\"A.tx\":{\"value\":3}}", "A.tx.value"},
        {"{\"Z9\":{\"value\":true}}", "Z9"},
        {"{\"A\":{\"value\":true}}", "A"},
        {"{\"A.pf\":true}", "A.pf"},
        {"{\"A.pf\":{\"value\":true,\"attachments\":[\"x\"]}}", "A.pf.attachments"},
        {"{\"A.pf\":{\"value\":true,\"flag\":\"yes\"}}", "A.pf.flag"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *j = J(cases[i].answers);
        fw_result_t r;
        err_t *e = fw_score(&A, f, NULL, j, &r);
        json_decref(j);
        if (!e) fail_msg("accepted %s", cases[i].answers);
        assert_int_equal(e->code, ERR_INVALID);
        assert_string_equal(e->field, cases[i].field);
    }
    json_t *arr = J("[1]");
    fw_result_t r;
    assert_non_null(fw_score(&A, f, NULL, arr, &r));
    json_decref(arr);
}

static void test_validation_errors(void **state) {
    (void)state;
    fw_issue_t *is;
    size_t n;
    /* duplicate codes */
    n = bad(HEAD "\"indicators\":[{\"code\":\"A\",\"text\":\"a\",\"children\":[{\"code\":\"A1\",\"text\":\"x\","
                 "\"kind\":\"pass_fail\"},{\"code\":\"A1\",\"text\":\"y\",\"kind\":\"pass_fail\"}]}]}",
            &is);
    assert_true(has_issue(is, n, "A1", "code"));
    assert_non_null(strstr(is[0].message, "A1"));
    /* depth > 3 */
    n = bad(HEAD "\"indicators\":[{\"code\":\"A\",\"text\":\"a\",\"children\":[{\"code\":\"A1\",\"text\":\"b\","
                 "\"children\":[{\"code\":\"A11\",\"text\":\"c\",\"children\":[{\"code\":\"A111\",\"text\":\"d\","
                 "\"kind\":\"pass_fail\"}]}]}]}]}",
            &is);
    assert_true(has_issue(is, n, "A11", "children"));
    /* bad thresholds */
    n = bad(HEAD
            "\"indicators\":[{\"code\":\"N1\",\"text\":\"n\",\"kind\":\"number\",\"threshold\":{\"op\":\"<>\","
            "\"value\":1}},{\"code\":\"N2\",\"text\":\"n\",\"kind\":\"number\",\"threshold\":{\"op\":\"<\","
            "\"value\":\"60\"}},{\"code\":\"N3\",\"text\":\"n\",\"kind\":\"pass_fail\",\"threshold\":{\"op\":\"<\","
            "\"value\":1}},{\"code\":\"N4\",\"text\":\"n\",\"kind\":\"number\",\"max_score\":5}]}",
            &is);
    assert_true(has_issue(is, n, "N1", "threshold.op"));
    assert_true(has_issue(is, n, "N2", "threshold.value"));
    assert_true(has_issue(is, n, "N3", "threshold"));
    assert_true(has_issue(is, n, "N4", "max_score"));
    /* rating without levels, levels on another kind, one level only, all failing, bad colour */
    n = bad(HEAD "\"indicators\":[{\"code\":\"R1\",\"text\":\"r\",\"kind\":\"rating\"},"
                 "{\"code\":\"R2\",\"text\":\"r\",\"kind\":\"pass_fail\",\"levels\":[]},"
                 "{\"code\":\"R3\",\"text\":\"r\",\"kind\":\"rating\",\"levels\":[{\"value\":\"A\",\"label\":\"优\"}]},"
                 "{\"code\":\"R4\",\"text\":\"r\",\"kind\":\"rating\",\"levels\":[{\"value\":\"A\",\"label\":\"a\","
                 "\"is_fail\":true},{\"value\":\"B\",\"label\":\"b\",\"is_fail\":true}]},"
                 "{\"code\":\"R5\",\"text\":\"r\",\"kind\":\"rating\",\"levels\":[{\"value\":\"A\",\"label\":\"a\","
                 "\"color\":\"green\"},{\"value\":\"A\",\"label\":\"b\"}]},"
                 "{\"code\":\"R6\",\"text\":\"r\",\"kind\":\"rating\",\"levels\":[{\"value\":\"A\",\"label\":\"a\","
                 "\"score\":2},{\"value\":\"B\",\"label\":\"b\"}]}]}",
            &is);
    assert_true(has_issue(is, n, "R1", "levels"));
    assert_true(has_issue(is, n, "R2", "levels"));
    assert_true(has_issue(is, n, "R3", "levels"));
    assert_true(has_issue(is, n, "R4", "levels"));
    assert_true(has_issue(is, n, "R5", "levels[0].color"));
    assert_true(has_issue(is, n, "R5", "levels[1].value"));
    assert_true(has_issue(is, n, "R6", "levels"));
    /* score without max, unknown kind, missing kind, text veto, unknown member, bad weight, empty text */
    n = bad(HEAD "\"indicators\":[{\"code\":\"S1\",\"text\":\"s\",\"kind\":\"score\"},"
                 "{\"code\":\"S2\",\"text\":\"s\",\"kind\":\"yesno\"},{\"code\":\"S3\",\"text\":\"s\"},"
                 "{\"code\":\"S4\",\"text\":\"s\",\"kind\":\"text\",\"is_veto\":true},"
                 "{\"code\":\"S5\",\"text\":\"s\",\"kind\":\"pass_fail\",\"isveto\":true},"
                 "{\"code\":\"S6\",\"text\":\"s\",\"kind\":\"pass_fail\",\"weight\":0},"
                 "{\"code\":\"S7\",\"text\":\"\",\"kind\":\"pass_fail\"},"
                 "{\"code\":\"S 8\",\"text\":\"s\",\"kind\":\"pass_fail\"}]}",
            &is);
    assert_true(has_issue(is, n, "S1", "max_score"));
    assert_true(has_issue(is, n, "S2", "kind"));
    assert_true(has_issue(is, n, "S3", "kind"));
    assert_true(has_issue(is, n, "S4", "is_veto"));
    assert_true(has_issue(is, n, "S5", "isveto"));
    assert_true(has_issue(is, n, "S6", "weight"));
    assert_true(has_issue(is, n, "S7", "text"));
    assert_true(has_issue(is, n, NULL, "indicators[7].code"));
    /* a group with leaf fields; applies_to outside the parent's; bad sections and type codes */
    n = bad(HEAD "\"applies_to\":{\"sections\":[\"primary\"]},\"indicators\":[{\"code\":\"G\",\"text\":\"g\","
                 "\"kind\":\"score\",\"applies_to\":{\"type_codes\":[\"211\"]},\"children\":["
                 "{\"code\":\"G1\",\"text\":\"g\",\"kind\":\"pass_fail\",\"applies_to\":{\"type_codes\":[\"311\"],"
                 "\"sections\":[\"junior\"]}},{\"code\":\"G2\",\"text\":\"g\",\"kind\":\"pass_fail\",\"applies_to\":"
                 "{\"type_codes\":[\"21\"],\"sections\":[\"college\"]}}]}]}",
            &is);
    assert_true(has_issue(is, n, "G", "kind"));
    assert_true(has_issue(is, n, "G1", "applies_to.type_codes"));
    assert_true(has_issue(is, n, "G1", "applies_to.sections"));
    assert_true(has_issue(is, n, "G2", "applies_to.type_codes"));
    assert_true(has_issue(is, n, "G2", "applies_to.sections"));
    /* top level: code, name, bands out of order / not reaching 0, unknown member, no indicators */
    n = bad("{\"code\":\"bad code\",\"nam\":\"x\",\"grade_bands\":[{\"label\":\"合格\",\"min\":60},{\"label\":\"优秀\","
            "\"min\":90}],\"indicators\":[]}",
            &is);
    assert_true(has_issue(is, n, NULL, "code"));
    assert_true(has_issue(is, n, NULL, "name"));
    assert_true(has_issue(is, n, NULL, "nam"));
    assert_true(has_issue(is, n, NULL, "grade_bands[1]"));
    assert_true(has_issue(is, n, NULL, "grade_bands"));
    assert_true(has_issue(is, n, NULL, "indicators"));
    /* fw_parse answers the first issue as an err_t naming the indicator */
    json_t *j = J(HEAD "\"indicators\":[{\"code\":\"Q1\",\"text\":\"q\",\"kind\":\"rating\"}]}");
    fw_t *f;
    err_t *e = fw_parse(&A, j, &f);
    json_decref(j);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_INVALID);
    assert_string_equal(e->field, "Q1.levels");
    assert_non_null(strstr(e->message, "Q1"));
}

static void test_canonical_round_trip(void **state) {
    (void)state;
    fw_t *f = P(KINDS);
    json_t *j = fw_to_json(f);
    fw_t *g;
    assert_null(fw_parse(&A, j, &g));
    json_t *k = fw_to_json(g);
    assert_true(json_equal(j, k));
    /* integral numbers stay integers */
    json_t *pf = json_array_get(json_object_get(json_array_get(json_object_get(j, "indicators"), 0), "children"), 0);
    assert_true(json_is_integer(json_object_get(pf, "max_score")));
    json_decref(j);
    json_decref(k);
    assert_string_equal(fw_kind_name(FW_RATING), "rating");
    fw_kind_t kind;
    assert_true(fw_kind_parse("number", &kind) && kind == FW_NUMBER);
    assert_false(fw_kind_parse("group", &kind));
    assert_non_null(fw_find(f, "A.nm"));
    assert_null(fw_find(f, "nope"));
}

/* ---- the built-in frameworks, read from standards/ ---------------------------------------- */

static fw_t *builtin(const char *name) {
    char path[256];
    snprintf(path, sizeof path, "standards/frameworks/%s.json", name);
    json_error_t je;
    json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!j) fail_msg("%s: %s (line %d)", path, je.text, je.line);
    fw_t *f;
    err_t *e = fw_parse(&A, j, &f);
    json_decref(j);
    if (e) fail_msg("%s: %s [%s]", path, e->message, e->field);
    assert_true(f->version >= 1);
    assert_non_null(f->source);
    return f;
}

static void test_builtin_routine(void **state) {
    (void)state;
    fw_t *f = builtin("gpdd-routine");
    assert_int_equal(f->n_leaves, 8); /* 挂牌督导办法第四条 */
    assert_string_equal(f->leaves[5]->text, "校园及周边安全情况，学生交通安全情况");
    /* all good → 100; one problem → failed item, no veto */
    json_t *ans = json_object();
    for (size_t i = 0; i < f->n_leaves; i++)
        json_object_set_new(ans, f->leaves[i]->code, json_pack("{s:s}", "value", "good"));
    fw_result_t r;
    assert_null(fw_score(&A, f, NULL, ans, &r));
    assert_true(r.total == 100);
    assert_true(r.is_complete);
    json_object_set_new(ans, "R6", json_pack("{s:s, s:s}", "value", "problem", "note", "消防通道堵塞"));
    assert_null(fw_score(&A, f, NULL, ans, &r));
    assert_int_equal(r.n_failed, 1);
    assert_false(r.is_vetoed);
    assert_int_equal(r.n_evidence_short, 0);
    json_decref(ans);
}

/* Answers every applicable leaf with its best value (met). */
static json_t *all_met(const fw_t *f, const fw_target_t *t) {
    json_t *ans = json_object();
    for (size_t i = 0; i < f->n_leaves; i++) {
        const fw_node_t *n = f->leaves[i];
        if (!fw_applies(f, n, t)) continue;
        json_t *v = NULL;
        switch (n->kind) {
        case FW_PASS_FAIL:
            v = json_true();
            break;
        case FW_SCORE:
            v = json_real(n->max_score);
            break;
        case FW_RATING:
        case FW_CHOICE:
            v = json_string(n->options[0].value);
            break;
        case FW_NUMBER:
            v = json_real(n->threshold.op == FW_OP_LE || n->threshold.op == FW_OP_LT ? 0 : n->threshold.value + 1);
            break;
        case FW_TEXT:
            v = json_string("无");
            break;
        case FW_GROUP:
            break;
        }
        json_object_set_new(ans, n->code, json_pack("{s:o}", "value", v));
    }
    return ans;
}

static void test_builtin_shuangjian(void **state) {
    (void)state;
    fw_t *f = builtin("shuangjian");
    const char *primary[] = {"primary"};
    const char *junior[] = {"junior"};
    const char *senior[] = {"senior"};
    fw_target_t ps = {.type_code = "211", .sections = primary, .n_sections = 1};
    fw_target_t js = {.type_code = "311", .sections = junior, .n_sections = 1};
    fw_target_t hs = {.type_code = "342", .sections = senior, .n_sections = 1};
    const fw_node_t **v;
    size_t n_p = fw_leaves_for(&A, f, &ps, &v);
    size_t n_j = fw_leaves_for(&A, f, &js, &v);
    assert_true(n_p > 20 && n_j > 20);
    assert_true(n_p + n_j < 2 * f->n_leaves);           /* grade-specific items drop out */
    assert_int_equal(fw_leaves_for(&A, f, &hs, &v), 0); /* 双减 is for 义务教育 */
    /* the homework time limits: 60 minutes in primary, 90 in junior */
    assert_true(fw_find(f, "SJ1.3")->threshold.value == 60);
    assert_true(fw_find(f, "SJ1.4")->threshold.value == 90);
    assert_false(fw_applies(f, fw_find(f, "SJ1.4"), &ps));
    /* everything met → 100 %, no veto */
    json_t *ans = all_met(f, &ps);
    fw_result_t r;
    assert_null(fw_score(&A, f, &ps, ans, &r));
    assert_true(r.is_complete);
    assert_true(r.total == 100);
    assert_false(r.is_vetoed);
    /* a red line (written homework in grades 1–2) fails the visit whatever the rest */
    json_object_set_new(ans, "SJ1.2", json_pack("{s:b}", "value", 0));
    assert_null(fw_score(&A, f, &ps, ans, &r));
    assert_true(r.is_vetoed);
    assert_string_equal(r.grade, "不合格");
    assert_true(r.total > 90);
    assert_true(r.leaves[1].is_evidence_short); /* a photo is required */
    /* homework above 60 minutes: a failed veto too */
    json_object_set_new(ans, "SJ1.2", json_pack("{s:b}", "value", 1));
    json_object_set_new(ans, "SJ1.3", json_pack("{s:i}", "value", 75));
    assert_null(fw_score(&A, f, &ps, ans, &r));
    assert_true(r.is_vetoed);
    assert_string_equal(r.vetoes[0]->code, "SJ1.3");
    json_decref(ans);
}

static void test_builtin_campus_safety(void **state) {
    (void)state;
    fw_t *f = builtin("campus-safety");
    assert_int_equal(f->n_indicators, 4); /* 四个100% */
    size_t n_veto = 0;
    for (size_t i = 0; i < f->n_leaves; i++)
        n_veto += f->leaves[i]->is_veto;
    assert_int_equal(n_veto, 4);
    json_t *ans = all_met(f, NULL);
    fw_result_t r;
    assert_null(fw_score(&A, f, NULL, ans, &r));
    assert_false(r.is_vetoed);
    json_object_set_new(ans, "CS4.1",
                        json_pack("{s:b, s:[i], s:s}", "value", 0, "attachments", 7, "note", "放学时段无人值守"));
    assert_null(fw_score(&A, f, NULL, ans, &r));
    assert_true(r.is_vetoed);
    assert_int_equal(r.n_evidence_short, 0);
    json_decref(ans);
}

static void test_builtin_management_standard(void **state) {
    (void)state;
    fw_t *f = builtin("yw-school-management");
    assert_int_equal(f->n_indicators, 6); /* 6 管理职责 */
    size_t n_tasks = 0;
    for (size_t i = 0; i < f->n_indicators; i++)
        n_tasks += f->indicators[i].n_children;
    assert_int_equal(n_tasks, 22); /* 22 管理任务 (the 22nd from memory, marked so in the file) */
    for (size_t i = 0; i < f->n_leaves; i++)
        assert_int_equal(f->leaves[i]->level, 3); /* 职责 → 任务 → 条目 */
    assert_string_equal(f->indicators[0].text, "保障学生平等权益");
    /* a self-evaluation: one task not met, one partly → a percentage per duty */
    json_t *ans = all_met(f, NULL);
    json_object_set_new(ans, "D1.T1.1", json_pack("{s:s, s:s}", "value", "not_met", "note", "划片方案未公示"));
    json_object_set_new(ans, "D1.T2.1", json_pack("{s:s}", "value", "partly"));
    fw_result_t r;
    assert_null(fw_score(&A, f, NULL, ans, &r));
    assert_true(r.categories[0].percent == 50); /* (0 + 1 + 2) / 6 */
    assert_int_equal(r.categories[0].n_failed, 1);
    assert_true(r.leaves[0].is_evidence_short); /* a document is asked for */
    json_decref(ans);
}

/* ---- the spreadsheet form (core/framework_sheet) ------------------------------------------- */

/* Every built-in survives document → rows → document unchanged. */
static void test_sheet_round_trip(void **state) {
    (void)state;
    static const char *const names[] = {"gpdd-routine", "shuangjian", "campus-safety", "yw-school-management"};
    for (size_t k = 0; k < 4; k++) {
        fw_t *f = builtin(names[k]);
        json_t *canon = fw_to_json(f);
        json_t *base = json_deep_copy(canon);
        json_object_del(base, "indicators");
        fw_sheet_reader_t *rd = fw_sheet_begin(&A, base);
        const fw_sheet_column_t *cols = fw_sheet_columns();
        const char *head[FW_SHEET_N_COLS];
        for (size_t i = 0; i < FW_SHEET_N_COLS; i++)
            head[i] = cols[i].header;
        fw_sheet_add_row(rd, 1, head, FW_SHEET_N_COLS);
        for (size_t i = 0; i < f->n_nodes; i++) {
            const char *cells[FW_SHEET_N_COLS];
            fw_sheet_row(&A, f->nodes[i], cells);
            for (size_t c = 0; c < FW_SHEET_N_COLS; c++)
                if (!cells[c]) cells[c] = "";
            fw_sheet_add_row(rd, i + 2, cells, FW_SHEET_N_COLS);
        }
        json_t *doc;
        fw_sheet_error_t *errs;
        size_t n_errs, n_rows;
        fw_sheet_end(rd, &doc, &errs, &n_errs, &n_rows);
        if (n_errs) fail_msg("%s row %zu [%s]: %s", names[k], errs[0].row, errs[0].column, errs[0].message);
        assert_int_equal(n_rows, f->n_nodes);
        fw_t *g;
        assert_null(fw_parse(&A, doc, &g));
        json_t *back = fw_to_json(g);
        if (!json_equal(canon, back)) {
            char *x = json_dumps(canon, JSON_COMPACT), *y = json_dumps(back, JSON_COMPACT);
            fail_msg("%s differs:\n%s\n%s", names[k], x, y);
        }
        json_decref(canon);
        json_decref(base);
        json_decref(doc);
        json_decref(back);
    }
}

static void sheet_rows(fw_sheet_reader_t *rd, const char *const rows[][6], size_t n) {
    for (size_t i = 0; i < n; i++)
        fw_sheet_add_row(rd, i + 1, rows[i], 6);
}

static void test_sheet_errors(void **state) {
    (void)state;
    json_t *base = J("{\"code\":\"t\",\"name\":\"测\"}");
    /* the header in English field names, columns in another order, Chinese kinds and 学段 */
    static const char *const good[][6] = {
        {"code", "parent", "text", "kind", "options", "sections"},
        {"A", "", "甲", "", "", ""},
        {"A1", "A", "评级", "评级", "A|优|2|#67C23A; B|差|0||不达标|Poor", "小学，初中"},
    };
    fw_sheet_reader_t *rd = fw_sheet_begin(&A, base);
    sheet_rows(rd, good, 3);
    json_t *doc;
    fw_sheet_error_t *errs;
    size_t n_errs, n_rows;
    fw_sheet_end(rd, &doc, &errs, &n_errs, &n_rows);
    if (n_errs) fail_msg("%s", errs[0].message);
    fw_t *f;
    assert_null(fw_parse(&A, doc, &f));
    const fw_node_t *a1 = fw_find(f, "A1");
    assert_int_equal(a1->kind, FW_RATING);
    assert_true(a1->options[1].is_fail);
    assert_string_equal(a1->options[1].label_en, "Poor");
    assert_int_equal(a1->applies_to.n_sections, 2);
    assert_string_equal(a1->applies_to.sections[1], "junior");
    json_decref(doc);
    /* row problems with their rows and columns; an unknown header */
    static const char *const bad[][6] = {
        {"编码", "上级编码", "指标内容", "类型", "等级或选项", "备注"},
        {"A", "", "甲", "", "", ""},
        {"A1", "Z", "无上级", "达标", "", ""},
        {"A2", "A", "坏类型", "是非", "", ""},
        {"A", "", "重复", "", "", ""},
        {"A3", "A", "坏选项", "评级", "A|优|x", ""},
    };
    rd = fw_sheet_begin(&A, base);
    sheet_rows(rd, bad, 6);
    fw_sheet_end(rd, &doc, &errs, &n_errs, &n_rows);
    assert_null(doc);
    assert_int_equal(n_errs, 5);
    assert_int_equal(errs[0].row, 1); /* 备注 */
    assert_null(errs[0].column);
    assert_int_equal(errs[1].row, 3);
    assert_string_equal(errs[1].column, "上级编码");
    assert_int_equal(errs[2].row, 4);
    assert_string_equal(errs[2].column, "类型");
    assert_int_equal(errs[3].row, 5);
    assert_string_equal(errs[3].column, "编码");
    assert_int_equal(errs[4].row, 6);
    assert_string_equal(errs[4].column, "等级或选项");
    /* validation issues land on the indicator's row and the field's column */
    static const char *const invalid[][6] = {
        {"编码", "上级编码", "指标内容", "类型", "等级或选项", "满分"},
        {"A", "", "甲", "", "", ""},
        {"A1", "A", "评分", "评分", "", ""},
        {"A2", "A", "达标", "达标", "", "5"},
    };
    rd = fw_sheet_begin(&A, base);
    sheet_rows(rd, invalid, 4);
    fw_sheet_end(rd, &doc, &errs, &n_errs, &n_rows);
    assert_int_equal(n_errs, 1);
    assert_int_equal(errs[0].row, 3);
    assert_string_equal(errs[0].column, "满分");
    assert_string_equal(errs[0].indicator, "A1");
    json_decref(base);
}

static const fw_change_t *change_of(const fw_change_t *c, size_t n, const char *code) {
    for (size_t i = 0; i < n; i++)
        if ((!code && !c[i].code) || (code && c[i].code && strcmp(code, c[i].code) == 0)) return &c[i];
    return NULL;
}

static bool has_field(const fw_change_t *c, const char *f) {
    for (size_t i = 0; c && i < c->n_fields; i++)
        if (strcmp(c->fields[i], f) == 0) return true;
    return false;
}

static void test_diff_between_versions(void **state) {
    (void)state;
    fw_t *v1 = P(KINDS);
    json_t *j = fw_to_json(v1);
    fw_change_t *c;
    assert_int_equal(fw_diff(&A, v1, v1, &c), 0);
    /* v2: renamed, bands gone, A.sc worth 20, A.tx removed, A.rt moved into a new category B with a new item */
    json_object_set_new(j, "name", json_string("测试二"));
    json_object_del(j, "grade_bands");
    json_t *kids = json_object_get(json_array_get(json_object_get(j, "indicators"), 0), "children");
    json_object_set_new(json_array_get(kids, 1), "max_score", json_integer(20));
    json_t *rt = json_incref(json_array_get(kids, 2));
    json_array_remove(kids, 5); /* A.tx */
    json_array_remove(kids, 2); /* A.rt */
    json_array_append_new(json_object_get(j, "indicators"),
                          json_pack("{s:s, s:s, s:[o, {s:s, s:s, s:s}]}", "code", "B", "text", "新类", "children", rt,
                                    "code", "B.1", "text", "新项", "kind", "pass_fail"));
    fw_t *v2;
    assert_null(fw_parse(&A, j, &v2));
    json_decref(j);
    size_t n = fw_diff(&A, v1, v2, &c);
    const fw_change_t *top = change_of(c, n, NULL);
    assert_non_null(top);
    assert_true(has_field(top, "name") && has_field(top, "grade_bands"));
    assert_true(has_field(change_of(c, n, "A.sc"), "max_score"));
    assert_int_equal(change_of(c, n, "A.sc")->n_fields, 1);
    assert_true(has_field(change_of(c, n, "A.rt"), "parent"));
    assert_int_equal(change_of(c, n, "B")->kind, FW_ADDED);
    assert_int_equal(change_of(c, n, "B.1")->kind, FW_ADDED);
    assert_int_equal(change_of(c, n, "A.tx")->kind, FW_REMOVED);
    assert_null(change_of(c, n, "A.pf")); /* unchanged */
    assert_int_equal(n, 6);
    json_t *dj = fw_diff_to_json(c, n);
    assert_int_equal(json_array_size(json_object_get(dj, "added")), 2);
    assert_int_equal(json_array_size(json_object_get(dj, "removed")), 1);
    assert_int_equal(json_array_size(json_object_get(dj, "changed")), 2);
    assert_int_equal(json_array_size(json_object_get(dj, "framework")), 2);
    json_decref(dj);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_points_of_every_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_of_every_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thresholds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_veto_fails_whatever_the_total, setup, teardown),
        cmocka_unit_test_setup_teardown(test_na_excluded_from_maximum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weights, setup, teardown),
        cmocka_unit_test_setup_teardown(test_grade_bands, setup, teardown),
        cmocka_unit_test_setup_teardown(test_applies_to, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flags_and_evidence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_validation_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_canonical_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_builtin_routine, setup, teardown),
        cmocka_unit_test_setup_teardown(test_builtin_shuangjian, setup, teardown),
        cmocka_unit_test_setup_teardown(test_builtin_campus_safety, setup, teardown),
        cmocka_unit_test_setup_teardown(test_builtin_management_standard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diff_between_versions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sheet_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sheet_errors, setup, teardown),
    };
    return cmocka_run_group_tests_name("framework", tests, NULL, NULL);
}
