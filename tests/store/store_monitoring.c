/* The monitoring capability's store (store/monitoring/monitoring_store.h) on both engines:
 * results replaced by key, filters, doubles and NULLs round-tripped, scope by the holding
 * county, and plans joined with their finding. Works in 长兴县 (330522) with its own town and
 * school so the counts are exact whatever the other tests wrote. */
#include <string.h>

#include "store/findings/finding_store.h"
#include "store/monitoring/monitoring_store.h"
#include "store/platform/region_store.h"
#include "store/platform/setting_store.h"
#include "store/roster/school_store.h"
#include "store_suite.h"

#define M_COUNTY "330522"
#define M_TOWN "330522102"

void test_monitoring_store(void **state) {
    (void)state;
    int64_t school_id;
    OK(region_store_insert(db, &a, M_TOWN, "监测测试镇", "town", M_COUNTY));
    OK(school_store_insert_min(db, &a, "2133000777", "监测测试小学", M_TOWN, 1000, &school_id));
    mon_row_t county = {.county_code = M_COUNTY,
                        .region_code = M_COUNTY,
                        .cycle = 2024,
                        .source = "national",
                        .subject = "math",
                        .grade = 4,
                        .dimension = "",
                        .factor = "",
                        .n_students = 640,
                        .has_mean = true,
                        .mean_score = 505.25,
                        .has_levels = true,
                        .levels = {10.5, 24.5, 40, 25},
                        .has_diff = true,
                        .school_diff = 0.123456789012345};
    OK(mon_store_put(db, &a, &county, 0, 1000));
    mon_row_t school = {.county_code = M_COUNTY,
                        .region_code = M_TOWN,
                        .school_id = school_id,
                        .cycle = 2024,
                        .source = "provincial",
                        .subject = "math",
                        .grade = 4,
                        .dimension = "数与代数",
                        .factor = "",
                        .n_students = -1,
                        .has_mean = true,
                        .mean_score = 470,
                        .is_unreliable = true};
    OK(mon_store_put(db, &a, &school, 0, 1000));
    mon_row_t factor = {.county_code = M_COUNTY,
                        .region_code = M_COUNTY,
                        .cycle = 2027,
                        .source = "national",
                        .subject = "",
                        .grade = 8,
                        .dimension = "",
                        .factor = "睡眠时间",
                        .n_students = 300,
                        .has_factor_value = true,
                        .factor_value = 41.5};
    OK(mon_store_put(db, &a, &factor, 0, 1000));
    /* the same key again replaces the figure */
    county.mean_score = 507;
    OK(mon_store_put(db, &a, &county, 0, 2000));

    mon_row_t *rows;
    size_t n;
    mon_filter_t f = {.county_code = M_COUNTY};
    OK(mon_store_list(db, &a, "/", &f, &rows, &n));
    assert_int_equal(n, 3);
    assert_string_equal(rows[0].subject, "math");
    assert_true(rows[0].mean_score == 507 || rows[1].mean_score == 507);
    const mon_row_t *c = rows[0].school_id ? &rows[1] : &rows[0], *s = rows[0].school_id ? &rows[0] : &rows[1];
    assert_true(c->has_levels && c->levels[0] == 10.5 && c->levels[3] == 25);
    assert_true(c->has_diff && c->school_diff == 0.123456789012345);
    assert_int_equal(c->n_students, 640);
    assert_int_equal(s->school_id, school_id);
    assert_string_equal(s->school_name, "监测测试小学");
    assert_string_equal(s->region_name, "监测测试镇");
    assert_int_equal(s->n_students, -1);
    assert_false(s->has_levels);
    assert_false(s->has_diff);
    assert_true(s->is_unreliable);
    assert_string_equal(s->dimension, "数与代数");
    assert_string_equal(rows[2].factor, "睡眠时间");
    assert_true(rows[2].has_factor_value && rows[2].factor_value == 41.5);

    f = (mon_filter_t){.county_code = M_COUNTY, .cycle = 2024, .subject = "math", .grade = 4};
    OK(mon_store_list(db, &a, "/330000/330500/330522/", &f, &rows, &n));
    assert_int_equal(n, 2);
    f.grade = 8;
    OK(mon_store_list(db, &a, "/", &f, &rows, &n));
    assert_int_equal(n, 0);
    /* another county's scope sees nothing */
    f = (mon_filter_t){.county_code = M_COUNTY};
    OK(mon_store_list(db, &a, "/330000/330500/330521/", &f, &rows, &n));
    assert_int_equal(n, 0);
    int64_t *cycles;
    OK(mon_store_cycles(db, &a, "/", M_COUNTY, &cycles, &n));
    assert_int_equal(n, 2);
    assert_int_equal(cycles[0], 2027);
    assert_int_equal(cycles[1], 2024);
    OK(mon_store_cycles(db, &a, "/330000/330500/330521/", M_COUNTY, &cycles, &n));
    assert_int_equal(n, 0);

    finding_t fd = {.region_code = M_TOWN,
                    .school_id = school_id,
                    .source = "manual",
                    .severity = "general",
                    .description = "数学·数与代数薄弱",
                    .category = "质量监测",
                    .state = "draft"};
    OK(finding_store_insert(db, &a, &fd, 3000));
    mon_plan_t p = {.county_code = M_COUNTY,
                    .cycle = 2024,
                    .subject = "math",
                    .grade = 4,
                    .dimension = "数与代数",
                    .school_id = school_id,
                    .measures = "专题教研",
                    .finding_id = fd.id};
    int64_t plan_id;
    OK(mon_store_plan_insert(db, &a, &p, 0, 3000, &plan_id));
    assert_true(plan_id > 0);
    mon_plan_t *plans;
    OK(mon_store_plans(db, &a, "/330000/330500/", M_COUNTY, &plans, &n));
    assert_int_equal(n, 1);
    assert_int_equal(plans[0].id, plan_id);
    assert_string_equal(plans[0].finding_state, "draft");
    assert_string_equal(plans[0].school_name, "监测测试小学");
    assert_string_equal(plans[0].dimension, "数与代数");
    OK(mon_store_plans(db, &a, "/330000/330500/330521/", M_COUNTY, &plans, &n));
    assert_int_equal(n, 0);

    /* the reporting standard: defaults kept, the city's value inherited, the county's own wins */
    int64_t min_n = 62, min_schools = 5;
    OK(mon_store_settings(db, &a, M_COUNTY, &min_n, &min_schools));
    assert_int_equal(min_n, 62);
    assert_int_equal(min_schools, 5);
    OK(setting_store_set(db, &a, "330500", "monitoring.min_students", "100"));
    OK(setting_store_set(db, &a, "330500", "monitoring.min_schools", "4"));
    OK(setting_store_set(db, &a, M_COUNTY, "monitoring.min_students", "30"));
    OK(mon_store_settings(db, &a, M_COUNTY, &min_n, &min_schools));
    assert_int_equal(min_n, 30);
    assert_int_equal(min_schools, 4);
    min_n = 62;
    OK(mon_store_settings(db, &a, "330521", &min_n, &min_schools));
    assert_int_equal(min_n, 100);
    OK(db_query(db, &a, "DELETE FROM jurisdiction_setting WHERE name LIKE 'monitoring.%'", DB_NOP, NULL));
}
