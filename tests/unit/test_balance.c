/* core/balance: the official worked example, splitting, the school rule, the verdicts, the rules
 * as data with a provincial override, and the plan to pass (applied, the county passes). The
 * rules are the ones compiled into the binary (standards/balance/). */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/balance/balance.h"
#include "core/balance/balance_data.h"
#include "store/embedded.h"

static arena_t A;

static void load_rules(const char *county, balance_rules_t *r) {
    const char *texts[32];
    size_t n = 0;
    for (const embedded_file_t *f = balance_standard_files; f->name; f++)
        texts[n++] = f->text;
    err_t *e = balance_rules_load(&A, texts, n, county, r);
    if (e) fail_msg("%s", e->message);
}

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

/* standards.md §1.2: 5 schools, 302 students, 1,913 books. */
static void test_official_example(void **state) {
    (void)state;
    double students[] = {45, 37, 89, 76, 55}, books[] = {279, 137, 935, 160, 402};
    double x[5], mean;
    for (int i = 0; i < 5; i++)
        x[i] = books[i] / students[i];
    double cv = balance_cv(x, students, 5, &mean);
    assert_float_equal(mean, 1913.0 / 302.0, 1e-12);
    assert_float_equal(mean, 6.3344, 5e-5);
    assert_float_equal(cv, 0.5153, 5e-5);
    /* the unweighted CV (population SD of the 5 values over their plain mean) would be 0.4888 */
    double plain = 0, ss = 0;
    for (int i = 0; i < 5; i++)
        plain += x[i] / 5;
    for (int i = 0; i < 5; i++)
        ss += (x[i] - plain) * (x[i] - plain) / 5;
    assert_float_equal(sqrt(ss) / plain, 0.4888, 5e-5);
    /* the same numbers through the evaluation: books are a 基本均衡 indicator (b5) */
    balance_rules_t r;
    load_rules("330521", &r);
    balance_unit_t u[5];
    for (int i = 0; i < 5; i++) {
        u[i] = (balance_unit_t){.id = "x",
                                .code = "c",
                                .name = "小学",
                                .county_code = "330521",
                                .section = BAL_PRIMARY,
                                .students = students[i]};
        u[i].res[BAL_BOOKS] = books[i];
    }
    balance_result_t res;
    balance_eval(&A, &r, u, 5, &res);
    assert_int_equal(res.n_groups, 1);
    assert_float_equal(res.groups[0].res_cv[BAL_BOOKS], 0.5153, 5e-5);
    assert_string_equal(r.basic[4].key, "b5");
    assert_float_equal(res.groups[0].b_cv[4], 0.5153, 5e-5);
    /* the CV does not depend on per student vs per 100 students */
    for (int i = 0; i < 5; i++)
        x[i] *= 100;
    assert_float_equal(balance_cv(x, students, 5, NULL), cv, 1e-12);
}

static void test_rules_as_data(void **state) {
    (void)state;
    balance_rules_t r;
    load_rules("330521", &r);
    assert_int_equal(r.n_quality, 7);
    assert_int_equal(r.n_basic, 8);
    assert_int_equal(r.min_met, 6);
    assert_float_equal(r.rest_min_ratio, 0.85, 1e-12);
    assert_float_equal(r.cv_limit[BAL_PRIMARY], 0.50, 1e-12);
    assert_float_equal(r.cv_limit[BAL_JUNIOR], 0.45, 1e-12);
    assert_float_equal(r.composite_limit[BAL_PRIMARY], 0.65, 1e-12);
    assert_float_equal(r.composite_limit[BAL_JUNIOR], 0.55, 1e-12);
    assert_float_equal(r.quality[0].threshold[BAL_PRIMARY], 4.2, 1e-12);
    assert_float_equal(r.quality[0].threshold[BAL_JUNIOR], 5.3, 1e-12);
    assert_float_equal(r.quality[4].threshold[BAL_JUNIOR], 10.2, 1e-12);
    assert_float_equal(r.quality[5].threshold[BAL_PRIMARY], 2000, 1e-12);
    assert_float_equal(r.teaching_point_min_students, 50, 1e-12);
    /* a 河北 county gets the provincial scope document over the national one */
    balance_rules_t h;
    load_rules("130102", &h);
    bool has_hebei = false;
    for (size_t i = 0; i < h.n_sources; i++)
        has_hebei |= strstr(h.sources[i], "130000") != NULL;
    assert_true(has_hebei);
    for (size_t i = 0; i < r.n_sources; i++)
        assert_null(strstr(r.sources[i], "130000"));
    /* a stricter provincial value is a document, merged by indicator key */
    const char *strict = "{\"standard\":\"quality\",\"version\":\"2017\",\"jurisdiction\":\"330000\","
                         "\"cv_limit\":{\"primary\":0.45},"
                         "\"indicators\":[{\"key\":\"q6\",\"threshold\":{\"primary\":2500}}]}";
    const char *texts[32];
    size_t n = 0;
    for (const embedded_file_t *f = balance_standard_files; f->name; f++)
        texts[n++] = f->text;
    texts[n++] = strict;
    balance_rules_t z;
    assert_null(balance_rules_load(&A, texts, n, "330521", &z));
    assert_float_equal(z.cv_limit[BAL_PRIMARY], 0.45, 1e-12);
    assert_float_equal(z.cv_limit[BAL_JUNIOR], 0.45, 1e-12);
    assert_float_equal(z.quality[5].threshold[BAL_PRIMARY], 2500, 1e-12);
    assert_float_equal(z.quality[5].threshold[BAL_JUNIOR], 2500, 1e-12); /* national value kept */
    assert_string_equal(z.quality[5].name_zh, "生均教学仪器设备值");
    /* ...and applies only inside its province */
    balance_rules_t other;
    assert_null(balance_rules_load(&A, texts, n, "320102", &other));
    assert_float_equal(other.cv_limit[BAL_PRIMARY], 0.50, 1e-12);
    /* a malformed document names itself */
    err_t *e = balance_rules_apply(&A, &z,
                                   "{\"standard\":\"quality\",\"version\":\"2017\",\"jurisdiction\":\"x\","
                                   "\"indicators\":[{\"key\":\"q9\",\"resource\":\"gold\"}]}");
    assert_non_null(e);
    assert_string_equal(e->field, "standards");
    assert_non_null(strstr(e->message, "quality 2017 x"));
    assert_non_null(balance_rules_apply(&A, &z, "not json"));
    /* every school-wide value is split: a list of split resources is refused, not ignored */
    e = balance_rules_apply(&A, &z,
                            "{\"standard\":\"scope\",\"version\":\"2012\",\"jurisdiction\":\"330000\","
                            "\"split\":{\"resources\":[\"books\"]}}");
    assert_non_null(e);
    assert_non_null(strstr(e->message, "split.resources"));
}

static void test_split(void **state) {
    (void)state;
    balance_rules_t r;
    load_rules("330521", &r);
    /* 九年一贯制: 600 小学 + 400 初中; the 小学部 share is 600 / (600 + 1.1 × 400) */
    balance_school_t s[5] = {{0}};
    s[0] = (balance_school_t){.id = "1",
                              .code = "3133000001",
                              .name = "九年一贯制",
                              .county_code = "330521",
                              .type_code = "312",
                              .students = {600, 400, 0}};
    s[0].shared[BAL_ROOM_AREA] = 10400;
    s[0].shared[BAL_BOOKS] = 26000;
    s[0].sec[BAL_PRIMARY][BAL_TEACHERS] = 35;
    s[0].sec[BAL_JUNIOR][BAL_TEACHERS] = 32;
    /* 完全中学: 1000 初中 + 1000 高中 at 1 : 1.2; the 高中 share leaves the evaluation */
    s[1] = (balance_school_t){.id = "2",
                              .code = "3433000002",
                              .name = "完全中学",
                              .county_code = "330521",
                              .type_code = "341",
                              .students = {0, 1000, 1000}};
    s[1].shared[BAL_EQUIPMENT_VALUE] = 2200000;
    /* 十二年一贯制: 1 : 1.1 : 1.32 */
    s[2] = (balance_school_t){.id = "3",
                              .code = "3433000003",
                              .name = "十二年一贯制",
                              .county_code = "330521",
                              .type_code = "345",
                              .students = {500, 300, 200}};
    s[2].shared[BAL_SPORTS_AREA] = 10000;
    /* scope: a 40-student teaching point and a special school are left out, with the reason */
    s[3] = (balance_school_t){.id = "4",
                              .code = "2133000004",
                              .name = "教学点",
                              .county_code = "330521",
                              .type_code = "218",
                              .students = {40, 0, 0}};
    s[4] = (balance_school_t){.id = "5",
                              .code = "5133000005",
                              .name = "培智学校",
                              .county_code = "330521",
                              .type_code = "513",
                              .students = {80, 40, 0}};
    balance_unit_t *u;
    balance_excluded_t *x;
    size_t nu, nx;
    balance_split(&A, &r, s, 5, &u, &nu, &x, &nx);
    assert_int_equal(nu, 5);
    assert_int_equal(nx, 2);
    assert_string_equal(x[0].code, "2133000004");
    assert_non_null(strstr(x[0].reason, "教学点"));
    assert_non_null(strstr(x[1].reason, "特殊教育"));
    double wp = 600.0 / (600 + 1.1 * 400);
    assert_int_equal(u[0].section, BAL_PRIMARY);
    assert_float_equal(u[0].students, 600, 0);
    assert_float_equal(u[0].res[BAL_ROOM_AREA], 10400 * wp, 1e-9);
    assert_float_equal(u[1].res[BAL_ROOM_AREA], 10400 * (1 - wp), 1e-9);
    assert_float_equal(u[0].res[BAL_BOOKS] + u[1].res[BAL_BOOKS], 26000, 1e-9);
    assert_float_equal(u[0].res[BAL_TEACHERS], 35, 0); /* teachers are counted where they teach */
    assert_float_equal(u[1].res[BAL_TEACHERS], 32, 0);
    assert_int_equal(u[2].section, BAL_JUNIOR);
    assert_float_equal(u[2].res[BAL_EQUIPMENT_VALUE], 2200000 * 1000 / (1000 + 1.2 * 1000), 1e-6);
    assert_float_equal(u[2].res[BAL_EQUIPMENT_VALUE], 1000000, 1e-6);
    double sum12 = 500 + 1.1 * 300 + 1.32 * 200;
    assert_float_equal(u[3].res[BAL_SPORTS_AREA], 10000 * 500 / sum12, 1e-9);
    assert_float_equal(u[4].res[BAL_SPORTS_AREA], 10000 * 1.1 * 300 / sum12, 1e-9);
    /* a 50-student teaching point is in */
    s[3].students[0] = 50;
    balance_split(&A, &r, s, 4, &u, &nu, &x, &nx);
    assert_int_equal(nu, 6);
    assert_int_equal(nx, 0);
}

/* A primary unit with every 优质均衡 indicator at `f` times its threshold. */
static balance_unit_t unit_at(const balance_rules_t *r, const char *code, double students, double f) {
    balance_unit_t u = {
        .id = code, .code = code, .name = code, .county_code = "330521", .section = BAL_PRIMARY, .students = students};
    for (size_t k = 0; k < r->n_quality; k++)
        u.res[r->quality[k].res] = r->quality[k].threshold[BAL_PRIMARY] * f * students / r->quality[k].per;
    u.res[BAL_TEACHERS] = students / 17;
    u.res[BAL_TEACHERS_MID_TITLE] = students / 30;
    u.res[BAL_COMPUTERS] = students / 8;
    u.res[BAL_BOOKS] = students * 30;
    return u;
}

/* The result of units[unit] (the group lists schools in code order). */
static const balance_school_result_t *school_of(const balance_group_t *g, size_t unit) {
    for (size_t i = 0; i < g->n_schools; i++)
        if (g->schools[i].unit == unit) return &g->schools[i];
    fail_msg("unit %zu not in group", unit);
    return NULL;
}

static void test_school_rule(void **state) {
    (void)state;
    balance_rules_t r;
    load_rules("330521", &r);
    balance_unit_t u[4];
    u[0] = unit_at(&r, "all7", 400, 1.0); /* exactly at every threshold: met */
    u[1] = unit_at(&r, "six+86", 400, 1.1);
    u[1].res[BAL_SPORTS_AREA] = 7.5 * 0.86 * 400; /* 6 met, the 7th at 86 % */
    u[2] = unit_at(&r, "six+84", 400, 1.1);
    u[2].res[BAL_SPORTS_AREA] = 7.5 * 0.84 * 400; /* 6 met, the 7th at 84 %: fails */
    u[3] = unit_at(&r, "five", 400, 1.1);
    u[3].res[BAL_SPORTS_AREA] = 7.5 * 0.95 * 400;
    u[3].res[BAL_ROOM_AREA] = 4.5 * 0.95 * 400; /* two below, both ≥ 85 %: fails */
    balance_result_t res;
    balance_eval(&A, &r, u, 4, &res);
    const balance_group_t *g = balance_result_group(&res, "330521", BAL_PRIMARY);
    assert_non_null(g);
    assert_int_equal(g->n_schools, 4);
    assert_true(school_of(g, 0)->is_passed);
    assert_int_equal(school_of(g, 0)->n_met, 7);
    assert_true(school_of(g, 1)->is_passed);
    assert_int_equal(school_of(g, 1)->n_met, 6);
    assert_float_equal(school_of(g, 1)->q_ratio[4], 0.86, 1e-9);
    assert_false(school_of(g, 2)->is_passed);
    assert_non_null(strstr(school_of(g, 2)->why, "84.0%"));
    assert_float_equal(school_of(g, 2)->q_needed[4], 7.5 * 0.16 * 400, 1e-6);
    assert_false(school_of(g, 3)->is_passed);
    assert_int_equal(school_of(g, 3)->n_met, 5);
    assert_non_null(strstr(school_of(g, 3)->why, "5 met"));
    assert_int_equal(g->n_failing_schools, 2);
    assert_false(g->is_quality_passed);
    /* the CVs here are small */
    assert_int_equal(g->n_cv_failing, 0);
}

static void test_cv_verdicts(void **state) {
    (void)state;
    balance_rules_t r;
    load_rules("330521", &r);
    /* the official books example as a 初中 group: 0.5153 fails neither 基本均衡 (composite of 8)
     * nor... but as a single 优质均衡 indicator it is above 0.45 and 0.50 */
    double students[] = {45, 37, 89, 76, 55}, books[] = {279, 137, 935, 160, 402};
    balance_unit_t u[5];
    for (int i = 0; i < 5; i++) {
        u[i] = unit_at(&r, "s", students[i], 2.0);
        u[i].res[BAL_EQUIPMENT_VALUE] = books[i] * 2000; /* equipment spread like the books */
        u[i].res[BAL_BOOKS] = books[i];
    }
    balance_result_t res;
    balance_eval(&A, &r, u, 5, &res);
    const balance_group_t *g = &res.groups[0];
    assert_float_equal(g->q_cv[5], 0.5153, 5e-5);
    assert_false(g->q_cv_ok[5]);
    assert_int_equal(g->n_cv_failing, 1);
    assert_false(g->is_quality_passed);
    /* 基本均衡: b3 (equipment) and b5 (books) are 0.5153, the other six are 0: mean 0.1288 */
    assert_float_equal(g->composite_cv, 2 * 0.51526 / 8, 1e-4);
    assert_true(g->is_basic_passed);
    /* limits per section: a CV of 0.48 passes 小学 (0.50) and fails 初中 (0.45) */
    assert_true(0.48 <= r.cv_limit[BAL_PRIMARY] && 0.48 > r.cv_limit[BAL_JUNIOR]);
}

/* A county whose schools fail in several ways; the plan, applied, passes; its cost is not below
 * the lower bound, and not far above it. */
static void test_plan_passes(void **state) {
    (void)state;
    balance_rules_t r;
    load_rules("330521", &r);
    balance_unit_t u[8];
    u[0] = unit_at(&r, "A", 1200, 1.3);
    u[1] = unit_at(&r, "B", 900, 1.1);
    u[2] = unit_at(&r, "C", 300, 0.7); /* below on everything */
    u[3] = unit_at(&r, "D", 650, 1.05);
    u[3].res[BAL_SPORTS_AREA] = 7.5 * 0.6 * 650; /* one far below */
    u[4] = unit_at(&r, "E", 120, 1.2);
    u[4].res[BAL_EQUIPMENT_VALUE] = 120 * 200; /* equipment CV blows up */
    u[5] = unit_at(&r, "F", 800, 3.5);
    u[5].res[BAL_EQUIPMENT_VALUE] = 800 * 9000;
    u[6] = unit_at(&r, "G", 500, 1.0);
    u[6].section = BAL_JUNIOR; /* a passing 初中 group of one: left alone */
    for (size_t k = 0; k < r.n_quality; k++)
        u[6].res[r.quality[k].res] = r.quality[k].threshold[BAL_JUNIOR] * 500 / r.quality[k].per;
    u[7] = unit_at(&r, "H", 700, 0.9);
    u[7].county_code = "330522"; /* another county */
    balance_result_t before;
    balance_eval(&A, &r, u, 8, &before);
    const balance_group_t *g = balance_result_group(&before, "330521", BAL_PRIMARY);
    assert_false(g->is_quality_passed);
    assert_true(g->n_failing_schools >= 3);
    assert_true(g->n_cv_failing >= 1);

    balance_plan_t plan;
    balance_plan(&A, &r, u, 8, "330521", &plan);
    assert_true(plan.is_passing_after);
    assert_true(plan.n_additions > 0);
    assert_true(plan.total_cost >= plan.lower_bound - 1e-6);
    assert_true(plan.total_cost <= 2 * plan.lower_bound);
    /* re-run the evaluation on the data with the plan applied */
    balance_result_t after;
    balance_eval(&A, &r, plan.after, plan.n_units, &after);
    const balance_group_t *ga = balance_result_group(&after, "330521", BAL_PRIMARY);
    assert_true(ga->is_quality_passed);
    assert_int_equal(ga->n_failing_schools, 0);
    for (size_t k = 0; k < r.n_quality; k++)
        assert_true(ga->q_cv[k] <= 0.50);
    /* additions are whole teachers and rooms, and only ever additions */
    double sum = 0;
    for (size_t i = 0; i < plan.n_additions; i++) {
        const balance_addition_t *x = &plan.additions[i];
        assert_true(x->amount > 0);
        if (bal_res_is_count(x->res)) assert_float_equal(x->amount, floor(x->amount), 0);
        assert_string_equal(u[x->unit].county_code, "330521");
        assert_float_equal(x->cost, x->amount * r.prices[x->res].price, 1e-6);
        sum += x->cost;
    }
    assert_float_equal(sum, plan.total_cost, 1e-6);
    /* the other county and the passing 初中 are untouched */
    for (int k = 0; k < BAL_RES__COUNT; k++) {
        assert_float_equal(plan.after[6].res[k], u[6].res[k], 0);
        assert_float_equal(plan.after[7].res[k], u[7].res[k], 0);
    }
    /* a school one PE teacher short gets exactly what it needs: one PE teacher */
    balance_unit_t v[2] = {unit_at(&r, "P", 1000, 1.2), unit_at(&r, "Q", 1000, 1.2)};
    v[1].res[BAL_PE_ART_TEACHERS] = 8;
    v[1].res[BAL_SPORTS_AREA] = 7.5 * 0.9 * 1000; /* 6 of 7 met, sports at 90 %: the PE gap must go */
    balance_plan_t p2;
    balance_plan(&A, &r, v, 2, NULL, &p2);
    assert_true(p2.is_passing_after);
    assert_int_equal(p2.n_additions, 1);
    assert_int_equal(p2.additions[0].res, BAL_PE_ART_TEACHERS);
    assert_float_equal(p2.additions[0].amount, 1, 0);
    assert_float_equal(p2.total_cost, p2.lower_bound, 1e-6);
    /* the cheaper way out: leaving the expensive indicator at ≥ 85 % */
    balance_unit_t w[1] = {unit_at(&r, "R", 1000, 1.2)};
    w[0].res[BAL_ROOM_AREA] = 4.5 * 0.9 * 1000; /* 90 %: 450 m² at 3500 yuan short */
    w[0].res[BAL_BOOKS] = 0;
    w[0].res[BAL_MULTIMEDIA_ROOMS] = 22; /* one room short at 60,000 yuan */
    balance_plan_t p3;
    balance_plan(&A, &r, w, 1, NULL, &p3);
    assert_true(p3.is_passing_after);
    assert_int_equal(p3.n_additions, 1);
    assert_int_equal(p3.additions[0].res, BAL_MULTIMEDIA_ROOMS);
    /* a passing county needs nothing */
    balance_plan_t p4;
    balance_plan(&A, &r, u + 6, 1, NULL, &p4);
    assert_int_equal(p4.n_additions, 0);
    assert_true(p4.is_passing_after);
}

/* A new PE/art teacher is also a degree teacher: a school short on both buys the PE/art
 * teachers first and only what is still missing of the degree teachers. The plan is the
 * minimum (checked against every combination of whole teachers), the bound is not above it,
 * and the county passes after it. */
static void test_plan_overlap(void **state) {
    (void)state;
    balance_rules_t r;
    load_rules("330521", &r);
    assert_true(r.prices[BAL_PE_ART_TEACHERS].adds[BAL_TEACHERS_ABOVE_DEGREE]);
    balance_unit_t u[1] = {unit_at(&r, "S", 1000, 1.2)};
    u[0].res[BAL_TEACHERS_ABOVE_DEGREE] = 30; /* 42 needed, 71 %: below 85 % */
    u[0].res[BAL_PE_ART_TEACHERS] = 7;        /* 9 needed, 78 % */
    balance_plan_t plan;
    balance_plan(&A, &r, u, 1, NULL, &plan);
    assert_true(plan.is_passing_after);
    /* brute force over whole PE/art (x) and degree (y) teachers */
    double best = -1;
    for (int x = 0; x <= 10; x++)
        for (int y = 0; y <= 15; y++) {
            balance_unit_t v = u[0];
            v.res[BAL_PE_ART_TEACHERS] += x;
            v.res[BAL_TEACHERS_ABOVE_DEGREE] += x + y;
            balance_result_t res;
            balance_eval(&A, &r, &v, 1, &res);
            double cost = x * r.prices[BAL_PE_ART_TEACHERS].price + y * r.prices[BAL_TEACHERS_ABOVE_DEGREE].price;
            if (res.groups[0].is_quality_passed && (best < 0 || cost < best)) best = cost;
        }
    /* 2 PE/art teachers (9 of 9, and 32 degree teachers), then 4 degree teachers to 36 ≥ 85 % of 42 */
    assert_float_equal(best, 6 * 150000, 1e-6);
    assert_float_equal(plan.total_cost, best, 1e-6);
    assert_float_equal(plan.school_rule_cost, best, 1e-6);
    assert_true(plan.lower_bound <= plan.total_cost + 1e-6);
    assert_true(plan.lower_bound > 0);
    double pe = 0, deg = 0;
    for (size_t i = 0; i < plan.n_additions; i++) {
        if (plan.additions[i].res == BAL_PE_ART_TEACHERS) pe += plan.additions[i].amount;
        if (plan.additions[i].res == BAL_TEACHERS_ABOVE_DEGREE) deg += plan.additions[i].amount;
    }
    assert_float_equal(pe, 2, 0);
    assert_float_equal(deg, 4, 0);
    assert_float_equal(plan.after[0].res[BAL_TEACHERS_ABOVE_DEGREE], 36, 1e-9);
    balance_result_t after;
    balance_eval(&A, &r, plan.after, plan.n_units, &after);
    assert_true(after.groups[0].is_quality_passed);
    /* adds sets that overlap without nesting are refused: the cover would not be least-cost */
    const char *texts[32];
    size_t n = 0;
    for (const embedded_file_t *f = balance_standard_files; f->name; f++)
        texts[n++] = f->text;
    texts[n++] = "{\"standard\":\"prices\",\"version\":\"2017\",\"jurisdiction\":\"330000\","
                 "\"resources\":{\"backbone_teachers\":{\"price\":1,\"step\":1,\"adds\":[\"teachers_above_degree\"]}}}";
    balance_rules_t bad;
    err_t *e = balance_rules_load(&A, texts, n, "330521", &bad);
    assert_non_null(e);
    assert_non_null(strstr(e->message, "backbone_teachers"));
}

/* 政府保障程度 items per school: class sizes, size caps (2500 for 一贯制), special rooms per 12
 * classes, certified and trained teachers. */
static void test_guarantee(void **state) {
    (void)state;
    balance_rules_t r;
    load_rules("330521", &r);
    bal_stat_t s = {{0}};
    s.v[BF_P_STUDENTS] = 1500, s.v[BF_P_CLASSES] = 34, s.v[BF_P_MAX_CLASS] = 48, s.v[BF_P_TEACHERS] = 90;
    s.v[BF_J_STUDENTS] = 900, s.v[BF_J_CLASSES] = 18, s.v[BF_J_MAX_CLASS] = 50, s.v[BF_J_TEACHERS] = 75;
    s.v[BF_MUSIC_ROOMS] = 5, s.v[BF_ART_ROOMS] = 4; /* 52 classes need 5 of each */
    s.v[BF_CERTIFIED_TEACHERS] = 165, s.v[BF_TRAINED_TEACHERS] = 160;
    bal_guarantee_t g[BAL_MAX_GUARANTEE];
    size_t n = balance_guarantee(&r, &s, "312", g);
    assert_int_equal(n, 7);
    const char *fail[] = {"class_size_primary", "art_rooms", "trained"};
    for (size_t i = 0; i < n; i++) {
        bool is_expected_fail = false;
        for (size_t k = 0; k < 3; k++)
            is_expected_fail |= strcmp(g[i].key, fail[k]) == 0;
        assert_true(g[i].is_ok == !is_expected_fail);
        if (strcmp(g[i].key, "school_size") == 0) assert_float_equal(g[i].limit, 2500, 0);
        if (strcmp(g[i].key, "art_rooms") == 0) assert_float_equal(g[i].limit, 5, 0);
    }
    /* the same 2,400 students in a single-section school are over its 2,000 */
    n = balance_guarantee(&r, &s, "311", g);
    for (size_t i = 0; i < n; i++)
        if (strcmp(g[i].key, "school_size") == 0) assert_false(g[i].is_ok);
}

/* Impossible values are refused with the field named. */
static void test_stat_validate(void **state) {
    (void)state;
    bal_stat_t s = {{0}};
    s.v[BF_P_STUDENTS] = 600, s.v[BF_P_CLASSES] = 15, s.v[BF_P_MAX_CLASS] = 42, s.v[BF_P_TEACHERS] = 36;
    s.v[BF_P_ABOVE_DEGREE] = 30, s.v[BF_ROOM_AREA] = 3000.5, s.v[BF_CERTIFIED_TEACHERS] = 36;
    const char *field = NULL;
    unsigned primary = 1u << 1, nine = (1u << 1) | (1u << 2);
    assert_null(balance_stat_validate(&A, &s, primary, &field));
    bal_stat_t t = s;
    t.v[BF_P_ABOVE_DEGREE] = 37;
    assert_non_null(balance_stat_validate(&A, &t, primary, &field));
    assert_string_equal(field, "p_teachers_above_degree");
    t = s, t.v[BF_BOOKS] = -1;
    assert_non_null(balance_stat_validate(&A, &t, primary, &field));
    assert_string_equal(field, "books");
    t = s, t.v[BF_P_PE_ART] = 1.5;
    assert_non_null(balance_stat_validate(&A, &t, primary, &field));
    assert_string_equal(field, "p_pe_art_teachers");
    t = s, t.v[BF_P_MAX_CLASS] = 30; /* 30 × 15 < 600 */
    assert_non_null(balance_stat_validate(&A, &t, primary, &field));
    assert_string_equal(field, "p_max_class");
    t = s, t.v[BF_J_STUDENTS] = 100, t.v[BF_J_CLASSES] = 3, t.v[BF_J_TEACHERS] = 9;
    assert_non_null(balance_stat_validate(&A, &t, primary, &field)); /* a 小学 has no 初中 */
    assert_string_equal(field, "j_students");
    assert_null(balance_stat_validate(&A, &t, nine, &field));
    t = s, t.v[BF_ROOM_AREA] = 5e6;
    assert_non_null(balance_stat_validate(&A, &t, primary, &field));
    assert_string_equal(field, "room_area");
}

/* Outliers by robust z against the county, jumps from last year, implausible ratios. */
static void test_checks(void **state) {
    (void)state;
    bal_stat_t now[8], last[8];
    bal_check_input_t in[8];
    for (int i = 0; i < 8; i++) {
        memset(&now[i], 0, sizeof now[i]);
        now[i].v[BF_P_STUDENTS] = 500 + 10 * i, now[i].v[BF_P_TEACHERS] = 30 + (i % 3);
        now[i].v[BF_BOOKS] = now[i].v[BF_P_STUDENTS] * (30 + i % 4);
        now[i].v[BF_ROOM_AREA] = now[i].v[BF_P_STUDENTS] * (5 + 0.1 * (i % 3));
        last[i] = now[i];
        in[i] = (bal_check_input_t){"x", &now[i], &last[i]};
    }
    now[3].v[BF_BOOKS] = now[3].v[BF_P_STUDENTS] * 300;   /* an extra zero: outlier and jump */
    last[5].v[BF_ROOM_AREA] = now[5].v[BF_ROOM_AREA] / 2; /* a new building: jump only */
    now[6].v[BF_P_TEACHERS] = 8;                          /* 65 students a teacher */
    in[7].last = NULL;
    bal_check_t *c;
    size_t n;
    balance_checks(&A, in, 8, &c, &n);
    bool has_outlier3 = false, has_jump3 = false, has_jump5 = false, has_impl6 = false;
    for (size_t i = 0; i < n; i++) {
        if (c[i].input == 3 && c[i].field == BF_BOOKS && strcmp(c[i].code, "outlier") == 0) has_outlier3 = true;
        if (c[i].input == 3 && c[i].field == BF_BOOKS && strcmp(c[i].code, "jump") == 0) has_jump3 = true;
        if (c[i].input == 5 && c[i].field == BF_ROOM_AREA && strcmp(c[i].code, "jump") == 0) has_jump5 = true;
        if (c[i].input == 6 && strcmp(c[i].code, "implausible") == 0) has_impl6 = true;
        assert_non_null(strstr(c[i].message, " / "));
    }
    assert_true(has_outlier3 && has_jump3 && has_jump5 && has_impl6);
    /* nothing else: the ordinary spread is not flagged */
    for (size_t i = 0; i < n; i++)
        assert_true(c[i].input == 3 || c[i].input == 5 || c[i].input == 6);
}

/* The robust z of the outlier check on a hand-computed county: books per student 30, 32, 34,
 * 36, 38, 40 and X have median 36 and MAD 4 (for X > 40), so z = 0.6745 (X − 36) / 4 and the
 * limit |z| > 3.5 lies at X = 56.76; a low X is measured from its own median (34). */
static size_t run_checks(const double *books_ratio, const double *students, size_t n, bal_check_t **c) {
    bal_stat_t *now = arena_alloc(&A, n * sizeof *now);
    bal_check_input_t *in = arena_alloc(&A, n * sizeof *in);
    for (size_t i = 0; i < n; i++) {
        memset(&now[i], 0, sizeof now[i]);
        now[i].v[BF_P_STUDENTS] = students[i], now[i].v[BF_P_TEACHERS] = students[i] / 17;
        now[i].v[BF_ROOM_AREA] = students[i] * 5, now[i].v[BF_BOOKS] = students[i] * books_ratio[i];
        in[i] = (bal_check_input_t){"x", &now[i], NULL};
    }
    size_t m;
    balance_checks(&A, in, n, c, &m);
    return m;
}

static void test_checks_outlier(void **state) {
    (void)state;
    double st[7] = {500, 500, 500, 500, 500, 500, 500};
    double b[7] = {30, 32, 34, 36, 38, 40, 56};
    bal_check_t *c;
    assert_int_equal(run_checks(b, st, 7, &c), 0); /* z = 3.37: not an outlier */
    b[6] = 58;
    assert_int_equal(run_checks(b, st, 7, &c), 1); /* z = 3.71 */
    assert_string_equal(c[0].code, "outlier");
    assert_int_equal(c[0].input, 6);
    assert_int_equal(c[0].field, BF_BOOKS);
    assert_float_equal(c[0].value, 58, 1e-9);
    assert_float_equal(c[0].reference, 36, 1e-9);
    assert_float_equal(c[0].score, 0.6745 * 22 / 4, 1e-9);
    assert_non_null(strstr(c[0].message, "稳健 z = 3.7"));
    b[6] = 10; /* median 34, MAD 4: z = −4.05 */
    assert_int_equal(run_checks(b, st, 7, &c), 1);
    assert_int_equal(c[0].input, 6);
    assert_float_equal(c[0].reference, 34, 1e-9);
    assert_float_equal(c[0].score, 0.6745 * -24 / 4, 1e-9);
    /* four schools are too few to have a county median worth comparing with */
    double b4[4] = {30, 32, 34, 500};
    assert_int_equal(run_checks(b4, st, 4, &c), 0);
    /* a school under 100 students is not tested (and is not counted in the median) */
    double b8[8] = {30, 32, 34, 36, 38, 40, 39, 300}, st8[8] = {500, 500, 500, 500, 500, 500, 500, 80};
    assert_int_equal(run_checks(b8, st8, 8, &c), 0);
    st8[7] = 100;
    assert_int_equal(run_checks(b8, st8, 8, &c), 1);
    assert_int_equal(c[0].input, 7);
    /* all schools alike (MAD 0): no z, nothing flagged */
    double same[6] = {30, 30, 30, 30, 30, 30};
    assert_int_equal(run_checks(same, st, 6, &c), 0);
}

/* Implausible values: more than 60 students per teacher (小学 and 初中 separately), more than
 * 60 m² of rooms per student; exactly 60 is not flagged. */
static void test_checks_implausible(void **state) {
    (void)state;
    bal_stat_t s[2];
    memset(s, 0, sizeof s);
    s[0].v[BF_P_STUDENTS] = 600, s[0].v[BF_P_TEACHERS] = 10; /* 60 : 1 */
    s[0].v[BF_J_STUDENTS] = 300, s[0].v[BF_J_TEACHERS] = 20; /* 15 : 1 */
    s[0].v[BF_ROOM_AREA] = 900 * 60;                         /* 60 m² */
    s[1].v[BF_P_STUDENTS] = 200, s[1].v[BF_P_TEACHERS] = 12; /* fine */
    s[1].v[BF_J_STUDENTS] = 610, s[1].v[BF_J_TEACHERS] = 10; /* 61 : 1 */
    s[1].v[BF_ROOM_AREA] = 810 * 61;                         /* 61 m² */
    bal_check_input_t in[2] = {{"a", &s[0], NULL}, {"b", &s[1], NULL}};
    bal_check_t *c;
    size_t n;
    balance_checks(&A, in, 2, &c, &n);
    assert_int_equal(n, 2);
    bool has_teachers = false, has_rooms = false;
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(c[i].code, "implausible");
        assert_int_equal(c[i].input, 1);
        assert_float_equal(c[i].reference, 60, 0);
        assert_non_null(strstr(c[i].message, " / "));
        if (c[i].field == BF_J_TEACHERS) {
            has_teachers = true;
            assert_float_equal(c[i].value, 61, 1e-9);
            assert_non_null(strstr(c[i].message, "初中生师比 61 : 1"));
        }
        if (c[i].field == BF_ROOM_AREA) {
            has_rooms = true;
            assert_float_equal(c[i].value, 61, 1e-9);
        }
    }
    assert_true(has_teachers && has_rooms);
}

/* An office's override: known keys only, numbers in range, the key named in the error. */
static void test_override_validate(void **state) {
    (void)state;
    balance_rules_t r;
    load_rules(NULL, &r);
    const char *std = NULL, *jur = NULL;
    assert_null(
        balance_override_validate(&A, &r,
                                  "{\"standard\":\"quality\",\"version\":\"2017\",\"jurisdiction\":\"330000\","
                                  "\"cv_limit\":{\"primary\":0.45},\"indicators\":[{\"key\":\"q6\",\"threshold\":{"
                                  "\"primary\":2500}}]}",
                                  &std, &jur));
    assert_string_equal(std, "quality");
    assert_string_equal(jur, "330000");
    static const struct {
        const char *text, *field;
    } bad[] = {
        {"{\"standard\":\"quality\",\"version\":\"2017\",\"jurisdiction\":\"330000\",\"cv_limit\":{\"primary\":0}}",
         "document.cv_limit.primary"},
        {"{\"standard\":\"quality\",\"version\":\"2017\",\"jurisdiction\":\"330000\",\"indicators\":[{\"key\":\"q6\","
         "\"threshold\":{\"primary\":20000}}]}",
         "document.indicators.q6.threshold.primary"}, /* more than 5 × 2000: a typed extra zero */
        {"{\"standard\":\"basic\",\"version\":\"2012\",\"jurisdiction\":\"330000\",\"composite_limt\":{}}",
         "document.composite_limt"},
        {"{\"standard\":\"scope\",\"version\":\"2012\",\"jurisdiction\":\"330000\",\"split\":{\"weights\":{\"312\":{"
         "\"junior\":-1}}}}",
         "document.split.weights.312.junior"},
        {"{\"standard\":\"quality\",\"version\":\"2017\",\"jurisdiction\":\"330521\"}", "document.jurisdiction"},
        {"{\"standard\":\"gold\",\"version\":\"1\",\"jurisdiction\":\"330000\"}", "document.standard"},
        {"[1]", "document"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_t *e = balance_override_validate(&A, &r, bad[i].text, &std, &jur);
        assert_non_null(e);
        assert_string_equal(e->field, bad[i].field);
        assert_non_null(strstr(e->message, " / "));
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_official_example, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rules_as_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split, setup, teardown),
        cmocka_unit_test_setup_teardown(test_school_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cv_verdicts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_passes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_overlap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_guarantee, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stat_validate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checks_outlier, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checks_implausible, setup, teardown),
        cmocka_unit_test_setup_teardown(test_override_validate, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
