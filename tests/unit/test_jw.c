/* util/jw against jansson: the same values give the same bytes as
 * json_dumps(JSON_COMPACT | JSON_REAL_PRECISION(12)) — escaping of every control character,
 * quotes and backslashes, UTF-8 untouched, reals (integral, tiny, huge, negative), integers at
 * the limits, nesting and commas — and core/aggregate's writer equals agg_to_json dumped. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>
/* clang-format on */

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
    for (int i = 1; i < 32; i++)
        all[i - 1] = (char)i;
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

/* The escaper scans eight bytes at a time: every byte that needs escaping, at every offset of a
 * word and of the tail, among ASCII and multi-byte UTF-8, is found. */
static void test_strings_every_offset(void **state) {
    (void)state;
    const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', '\t'};
    for (size_t k = 0; k < sizeof specials; k++)
        for (size_t at = 0; at < 27; at++) {
            char s[32];
            memcpy(s,
                   "ab\xe7\x9d\xa3\xe5\xaf\xbc_0123456789xyz\x7f\xc3\xa9"
                   "AB",
                   27);
            s[at] = specials[k];
            s[27] = '\0';
            buf_t b;
            buf_init(&b);
            jw_t w;
            jw_init(&w, &b);
            jw_strn(&w, s, 27);
            json_t *j = json_stringn(s, 27);
            char *want = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
            json_decref(j);
            /* jansson refuses invalid UTF-8 (a special byte inside a sequence): compare only valid ones */
            if (want) assert_string_equal(b.p, want);
            free(want);
            buf_free(&b);
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

/* jw_real_text(t) must write what jansson writes for the real strtod(t): the plain-decimal fast
 * path and the fallback alike, on hand-picked texts at the edges of the fast path and on the text
 * SQLite itself gives for many doubles (REAL cells are read as SQLite's "%!.15g" text). */
static void assert_real_text_same(const char *t) {
    buf_t b;
    buf_init(&b);
    jw_t w;
    jw_init(&w, &b);
    jw_real_text(&w, t);
    double v = strtod(t, NULL);
    json_t *j = isfinite(v) ? json_real(v) : json_null(); /* jansson has no infinity: jw writes null */
    char *want = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(12) | JSON_ENCODE_ANY);
    assert_non_null(want);
    if (strcmp(b.p, want) != 0) fail_msg("jw_real_text(\"%s\") wrote %s, jansson %s", t, b.p, want);
    free(want);
    json_decref(j);
    buf_free(&b);
}

static void test_real_text(void **state) {
    (void)state;
    const char *texts[] = {"0",
                           "0.0",
                           "-0.0",
                           "0.000",
                           "1",
                           "1.0",
                           "-1.5",
                           "30.5000000",
                           "120.1234567",
                           "100.0",
                           "123456789012",
                           "123456789012.0",
                           "999999999999.0",
                           "1234567890123.0",
                           "123456789012.5",
                           "0.0001234",
                           "0.00001234",
                           "0.000123456789012",
                           "0.0001234567890123",
                           "36.123456789012",
                           "36.1234567890123",
                           "007.5",
                           "1.0e+20",
                           "1e-7",
                           "-2.5e-300",
                           "1.",
                           ".5",
                           "12a",
                           "inf",
                           "-",
                           "1.500000000000000",
                           "5.00000000000000000001"};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
        assert_real_text_same(texts[k]);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT CAST(?1 AS REAL)", -1, &st, NULL), SQLITE_OK);
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
        double scale[] = {1e-6, 1e-3, 1, 180, 1e4, 1e9, 1e13};
        double v = (double)(x >> 11) / (double)(1ull << 53) * scale[i % 7] * (i & 1 ? -1 : 1);
        if (i % 3 == 0) v = (double)(int64_t)(v * 1e7) / 1e7; /* a coordinate of 7 decimals, as the forms store */
        sqlite3_bind_double(st, 1, v);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_real_text_same((const char *)sqlite3_column_text(st, 0));
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_aggregate_writer(void **state) {
    (void)state;
    school_t s = {.id = 7,
                  .code = "2133000101",
                  .name = "武康\"小学\"",
                  .region_code = "330521001",
                  .type_code = "211",
                  .status = "open",
                  .lat = "30.5000000",
                  .lng = "120.1234567",
                  .zone_id = 0,
                  .is_private = true,
                  .enrollment = 360};
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
        cmocka_unit_test(test_strings_every_offset),
        cmocka_unit_test(test_numbers_and_nesting),
        cmocka_unit_test(test_real_text),
        cmocka_unit_test(test_aggregate_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
