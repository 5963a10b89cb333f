#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "api/api.h"
#include "util/err.h"

static void test_codes_map_to_http(void **state) {
    (void)state;
    assert_int_equal(err_http_status(ERR_BAD_JSON), 400);
    assert_int_equal(err_http_status(ERR_UNKNOWN_FIELD), 400);
    assert_int_equal(err_http_status(ERR_UNAUTHENTICATED), 401);
    assert_int_equal(err_http_status(ERR_CSRF), 403);
    assert_int_equal(err_http_status(ERR_NOT_FOUND), 404);
    assert_int_equal(err_http_status(ERR_CONFLICT), 409);
    assert_int_equal(err_http_status(ERR_TOO_LARGE), 413);
    assert_int_equal(err_http_status(ERR_LOCKED), 423);
    assert_int_equal(err_http_status(ERR_INTERNAL), 500);
    assert_string_equal(err_code_name(ERR_CSRF), "csrf_failed");
    assert_string_equal(err_code_name(ERR_NOT_FOUND), "not_found");
    /* every code has a name and a status */
    for (int c = 0; c < ERR__COUNT; c++) {
        assert_non_null(err_code_name((err_code_t)c));
        assert_true(err_http_status((err_code_t)c) >= 400);
    }
    assert_int_equal(err_http_status((err_code_t)999), 500);
}

static void test_messages_are_bilingual(void **state) {
    (void)state;
    arena_t a;
    arena_init(&a);
    err_t *e = err_newf(&a, ERR_NOT_FOUND, "school_id", "学校 %d 不存在", "school %d not found", 123, 123);
    assert_string_equal(e->message, "学校 123 不存在 / school 123 not found");
    assert_string_equal(e->field, "school_id");
    arena_free(&a);
}

static const api_field_t fields[] = {
    {"name", FT_STRING, true, false, ""},
    {"count", FT_INT, false, false, ""},
    {"note", FT_STRING, false, true, ""},
    {0},
};

static err_t *check(arena_t *a, const char *text) {
    json_t *j = json_loads(text, 0, NULL);
    err_t *e = api_check_fields(a, j, fields);
    json_decref(j);
    return e;
}

static void test_field_checks(void **state) {
    (void)state;
    arena_t a;
    arena_init(&a);
    assert_null(check(&a, "{\"name\":\"x\"}"));
    assert_null(check(&a, "{\"name\":\"x\",\"count\":3,\"note\":null}"));
    err_t *e = check(&a, "{\"name\":\"x\",\"colour\":1}");
    assert_int_equal(e->code, ERR_UNKNOWN_FIELD);
    assert_string_equal(e->field, "colour");
    e = check(&a, "{\"count\":1}");
    assert_int_equal(e->code, ERR_INVALID);
    assert_string_equal(e->field, "name");
    e = check(&a, "{\"name\":\"x\",\"count\":\"3\"}");
    assert_int_equal(e->code, ERR_INVALID);
    assert_string_equal(e->field, "count");
    e = check(&a, "{\"name\":null}");
    assert_int_equal(e->code, ERR_INVALID);
    e = check(&a, "[1,2]");
    assert_int_equal(e->code, ERR_BAD_JSON);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes_map_to_http),
        cmocka_unit_test(test_messages_are_bilingual),
        cmocka_unit_test(test_field_checks),
    };
    return cmocka_run_group_tests_name("err", tests, NULL, NULL);
}
