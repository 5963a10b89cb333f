/* util/jw against jansson: the same values give the same bytes as
 * json_dumps(JSON_COMPACT | JSON_REAL_PRECISION(12)) — escaping of every control character,
 * quotes and backslashes, UTF-8 untouched, reals (integral, tiny, huge, negative), integers at
 * the limits, nesting and commas — and core/aggregate's writer equals agg_to_json dumped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/roster/school_agg.h"
#include "util/jw.h"

static void assert_same(json_t *j, buf_t *b) {
    char *want = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(12));
    assert_non_null(want);
    assert_string_equal(b->p ? b->p : "", want);
    free(want);
    json_decref(j);
    buf_free(b);
}

static void test_strings(void **state) {
    (void)state;
    char all[64];
    for (int i = 1; i < 32; i++) all[i - 1] = (char)i;
    snprintf(all + 31, sizeof all - 31, "%s", "\"\\/督导\x7f");
    const char *vals[] = {"", "plain", all, "引号\"和\\反斜杠", "\xe2\x80\xa8 line sep", "末尾\n"};
    for (size_t k = 0; k < sizeof vals / sizeof *vals; k++) {
        buf_t b;
        buf_init(&b);
        jw_t w;
        jw_init(&w, &b);
        jw_arr(&w);
        jw_str(&w, vals[k]);
        jw_str(&w, NULL);
        jw_arr_end(&w);
        assert_same(json_pack("[s, n]", vals[k]), &b);
    }
}

static void test_numbers_and_nesting(void **state) {
    (void)state;
    const double reals[] = {0, 1, -1, 0.5, 30.5, 120.123456789012345, 1e-7, 1e21, -2.5e-300, 123456789012.0, 0.1 + 0.2};
    const int64_t ints[] = {0, 1, -1, INT64_MAX, INT64_MIN, 360};
    buf_t b;
    buf_init(&b);
    jw_t w;
    jw_init(&w, &b);
    json_t *j = json_object();
    jw_obj(&w);
    jw_key(&w, "reals");
    jw_arr(&w);
    json_t *jr = json_array();
    for (size_t k = 0; k < sizeof reals / sizeof *reals; k++) {
        jw_real(&w, reals[k]);
        json_array_append_new(jr, json_real(reals[k]));
    }
    jw_arr_end(&w);
    json_object_set_new(j, "reals", jr);
    jw_key(&w, "ints");
    jw_arr(&w);
    json_t *ji = json_array();
    for (size_t k = 0; k < sizeof ints / sizeof *ints; k++) {
        jw_int(&w, ints[k]);
        json_array_append_new(ji, json_integer(ints[k]));
    }
    jw_arr_end(&w);
    json_object_set_new(j, "ints", ji);
    jw_key(&w, "empty");
    jw_obj(&w);
    jw_obj_end(&w);
    json_object_set_new(j, "empty", json_object());
    jw_key(&w, "nest");
    jw_arr(&w);
    jw_arr(&w);
    jw_arr_end(&w);
    jw_obj(&w);
    jw_key(&w, "t");
    jw_bool(&w, true);
    jw_key(&w, "f");
    jw_bool(&w, false);
    jw_key(&w, "id0");
    jw_id(&w, 0);
    jw_obj_end(&w);
    jw_arr_end(&w);
    json_object_set_new(j, "nest", json_pack("[[], {s:b, s:b, s:n}]", "t", 1, "f", 0, "id0"));
    jw_key(&w, "k\"ey");
    jw_int(&w, 1);
    json_object_set_new(j, "k\"ey", json_integer(1));
    jw_obj_end(&w);
    assert_same(j, &b);
}

static void test_aggregate_writer(void **state) {
    (void)state;
    school_t s = {.id = 7, .code = "2133000101", .name = "武康\"小学\"", .region_code = "330521001",
                  .type_code = "211", .status = "open", .lat = "30.5000000", .lng = "120.1234567", .zone_id = 0,
                  .is_private = true, .enrollment = 360};
    buf_t b;
    buf_init(&b);
    jw_t w;
    jw_init(&w, &b);
    agg_write_json_open(&w, &school_agg, &s);
    jw_obj_end(&w);
    assert_same(agg_to_json(&school_agg, &s), &b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_numbers_and_nesting),
        cmocka_unit_test(test_aggregate_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
