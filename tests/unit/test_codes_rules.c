#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/roster/assign_rules.h"
#include "core/roster/codes.h"

static void test_school_codes(void **state) {
    (void)state;
    assert_null(codes_school_id_problem("2133000101")); /* 普通小学, 浙江 */
    assert_null(codes_school_id_problem("1133000203")); /* 幼儿园 */
    assert_null(codes_school_id_problem("5111000001")); /* 特教, 北京 */
    assert_non_null(codes_school_id_problem("213300010"));  /* 9 digits */
    assert_non_null(codes_school_id_problem("21330001a1"));
    assert_non_null(codes_school_id_problem("2933000101")); /* no category 29 */
    assert_non_null(codes_school_id_problem("2139000101")); /* no province 39 */
    assert_non_null(codes_school_id_problem(NULL));
    assert_true(codes_school_id_matches_region("2133000101", "330521"));
    assert_false(codes_school_id_matches_region("2132000101", "330521"));
}

static void test_region_codes(void **state) {
    (void)state;
    assert_null(codes_region_problem("330000", "province", NULL));
    assert_null(codes_region_problem("330500", "city", "330000"));
    assert_null(codes_region_problem("330521", "county", "330500"));
    assert_null(codes_region_problem("429004", "county", "420000")); /* 省直辖县级市 */
    assert_null(codes_region_problem("330521001", "town", "330521"));
    assert_non_null(codes_region_problem("330501", "city", "330000"));
    assert_non_null(codes_region_problem("330500", "county", "330500"));
    assert_non_null(codes_region_problem("340521", "county", "330500")); /* other province */
    assert_non_null(codes_region_problem("330522001", "town", "330521"));
    assert_non_null(codes_region_problem("33052100", "town", "330521"));
    assert_non_null(codes_region_problem("390000", "province", NULL));
    assert_non_null(codes_region_problem("330000", "planet", NULL));
}

static void test_types_and_sections(void **state) {
    (void)state;
    assert_string_equal(codes_school_type_label("312"), "九年一贯制学校");
    assert_int_equal(codes_school_type_sections("312"), SECTION_PRIMARY | SECTION_JUNIOR);
    assert_int_equal(codes_school_type_sections("345"), SECTION_PRIMARY | SECTION_JUNIOR | SECTION_SENIOR);
    assert_int_equal(codes_school_type_sections("111"), SECTION_KINDERGARTEN);
    assert_null(codes_school_type_label("999"));
    assert_int_equal(codes_section_parse("junior"), SECTION_JUNIOR);
    assert_int_equal(codes_section_parse("college"), 0);
    assert_string_equal(codes_urban_rural_label("121"), "镇中心区");
    assert_null(codes_urban_rural_label("999"));
}

static void test_assignment_capacity(void **state) {
    (void)state;
    assign_limits_t l;
    assign_limits_defaults(&l);
    assign_result_t r;
    assign_facts_t f = {.n_schools_now = 4, .is_inspector_active = true, .is_school_open = true};
    assign_check(&l, &f, &r);
    assert_int_equal(r.verdict, ASSIGN_OK); /* the fifth school */
    f.n_schools_now = 5;
    assign_check(&l, &f, &r);
    assert_int_equal(r.verdict, ASSIGN_WARN); /* the sixth: a warning */
    assert_string_equal(r.reasons[0].code, "over_capacity");
    f.n_schools_now = 7;
    assign_check(&l, &f, &r);
    assert_int_equal(r.verdict, ASSIGN_WARN); /* the eighth is still allowed */
    f.n_schools_now = 8;
    assign_check(&l, &f, &r);
    assert_int_equal(r.verdict, ASSIGN_REFUSE);
    assert_string_equal(r.reasons[0].code, "over_hard_limit");
    l.hard_limit = 10; /* configurable per jurisdiction */
    assign_check(&l, &f, &r);
    assert_int_equal(r.verdict, ASSIGN_WARN);
}

static void test_assignment_conflicts(void **state) {
    (void)state;
    assign_limits_t l;
    assign_limits_defaults(&l);
    assign_result_t r;
    const char *rel[] = {"relative_of_principal", NULL};
    assign_facts_t f = {.n_schools_now = 1, .is_inspector_active = true, .is_school_open = true, .relations = rel};
    assign_check(&l, &f, &r);
    assert_int_equal(r.verdict, ASSIGN_REFUSE);
    assert_string_equal(r.reasons[0].code, "conflict_relative");
    assert_non_null(strstr(r.reasons[0].message, "近亲属"));
    const char *rel2[] = {"formerly_employed", NULL};
    f.relations = rel2;
    assign_check(&l, &f, &r);
    assert_string_equal(r.reasons[0].code, "conflict_former_employee");
    f.relations = NULL;
    f.is_inspector_active = false;
    assign_check(&l, &f, &r);
    assert_int_equal(r.verdict, ASSIGN_REFUSE);
    f.is_inspector_active = true;
    f.is_school_open = false;
    assign_check(&l, &f, &r);
    assert_int_equal(r.verdict, ASSIGN_REFUSE);
    assert_true(assign_zone_has_room(&l, 19, 1));
    assert_false(assign_zone_has_room(&l, 20, 1));
}

static bool has_code(const assign_reason_t *w, size_t n, const char *code) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(w[i].code, code) == 0) return true;
    return false;
}

static void test_inspector_warnings(void **state) {
    (void)state;
    assign_limits_t l;
    assign_limits_defaults(&l);
    assign_reason_t w[8];
    inspector_facts_t good = {.kind = "part_time", .degree = "bachelor", .years_in_education = 12,
                              .term_end = "2028-08-31", .n_terms = 2, .training_hours = 40, .n_schools = 5};
    assert_int_equal(assign_inspector_warnings(&l, &good, "2026-11-22", w, 8), 0);
    inspector_facts_t f = good;
    f.term_end = "2027-01-31";
    size_t n = assign_inspector_warnings(&l, &f, "2026-11-22", w, 8);
    assert_true(has_code(w, n, "term_ending"));
    f.term_end = "2026-11-21";
    n = assign_inspector_warnings(&l, &f, "2026-11-22", w, 8);
    assert_true(has_code(w, n, "term_ended"));
    f = good;
    f.training_hours = 39;
    f.n_terms = 4;
    f.degree = "associate";
    f.n_schools = 6;
    n = assign_inspector_warnings(&l, &f, "2026-11-22", w, 8);
    assert_true(has_code(w, n, "training_short"));
    assert_true(has_code(w, n, "too_many_terms"));
    assert_true(has_code(w, n, "qualification"));
    assert_true(has_code(w, n, "over_capacity"));
    f.kind = "full_time"; /* the 3-term limit is for part-time inspectors only */
    n = assign_inspector_warnings(&l, &f, "2026-11-22", w, 8);
    assert_false(has_code(w, n, "too_many_terms"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_school_codes),      cmocka_unit_test(test_region_codes),
        cmocka_unit_test(test_types_and_sections), cmocka_unit_test(test_assignment_capacity),
        cmocka_unit_test(test_assignment_conflicts), cmocka_unit_test(test_inspector_warnings),
    };
    return cmocka_run_group_tests_name("codes_rules", tests, NULL, NULL);
}
