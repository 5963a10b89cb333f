/* core/aggregate over the school descriptor: JSON out, the audit form, body decoding
 * (unknown and derived fields refused by name, types, null), validation (required, max
 * length, code checks), and the organizer codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/roster/codes.h"
#include "store/roster/school_agg.h"

static arena_t a;

static school_t valid(void) {
    return (school_t){.code = "2133000101", .name = "武康小学", .region_code = "330521001", .type_code = "211",
                      .status = "open"};
}

static void test_json_out_and_audit(void **state) {
    (void)state;
    school_t s = valid();
    s.id = 7;
    s.organizer = "edu_dept";
    s.lat = "30.5000000";
    s.region_name = "武康街道";
    json_t *j = agg_to_json(&school_agg, &s);
    assert_int_equal(json_integer_value(json_object_get(j, "id")), 7);
    assert_string_equal(json_string_value(json_object_get(j, "organizer")), "edu_dept");
    assert_true(json_is_null(json_object_get(j, "zone_id"))); /* an id 0 is null */
    assert_true(json_is_null(json_object_get(j, "lng")));
    assert_true(json_real_value(json_object_get(j, "lat")) == 30.5);
    assert_true(json_is_false(json_object_get(j, "is_private")));
    assert_string_equal(json_string_value(json_object_get(j, "region_name")), "武康街道");
    json_decref(j);
    j = agg_to_audit_json(&school_agg, &s);
    assert_null(json_object_get(j, "region_name")); /* derived: not in the audit form */
    assert_non_null(json_object_get(j, "id"));
    assert_non_null(json_object_get(j, "organizer"));
    json_decref(j);
}

static err_t *decode(const char *text, school_t *s) {
    json_t *body = json_loads(text, 0, NULL);
    assert_non_null(body);
    static const char *const extra[] = {"sections", NULL};
    err_t *e = agg_from_body(&a, &school_agg, body, ROLE_ADMIN, extra, s);
    json_decref(body);
    return e;
}

static void test_body_decoding(void **state) {
    (void)state;
    school_t s = valid();
    assert_null(decode("{\"name\":\"新名\",\"organizer\":\"private\",\"lat\":30.25,\"zone_id\":null,\"sections\":[]}", &s));
    assert_string_equal(s.name, "新名");
    assert_string_equal(s.organizer, "private");
    assert_string_equal(s.lat, "30.2500000");
    assert_int_equal(s.zone_id, 0);
    err_t *e = decode("{\"nmae\":\"x\"}", &s);
    assert_int_equal(e->code, ERR_UNKNOWN_FIELD);
    assert_string_equal(e->field, "nmae");
    e = decode("{\"region_name\":\"x\"}", &s); /* derived fields are not a body's */
    assert_int_equal(e->code, ERR_UNKNOWN_FIELD);
    e = decode("{\"name\":3}", &s);
    assert_int_equal(e->code, ERR_INVALID);
    assert_string_equal(e->field, "name");
    e = decode("{\"name\":null}", &s); /* not nullable */
    assert_int_equal(e->code, ERR_INVALID);
    assert_null(decode("{\"organizer\":null}", &s));
    assert_null(s.organizer);
    json_t *body = json_pack("{s:s}", "name", "x");
    e = agg_from_body(&a, &school_agg, body, ROLE_INSPECTOR, NULL, &s);
    json_decref(body);
    assert_int_equal(e->code, ERR_FORBIDDEN);
}

static void test_validation(void **state) {
    (void)state;
    school_t s = valid();
    assert_null(agg_validate(&a, &school_agg, &s));
    s.organizer = "martians";
    err_t *e = agg_validate(&a, &school_agg, &s);
    assert_string_equal(e->field, "organizer");
    s = valid();
    s.name = "";
    assert_string_equal(agg_validate(&a, &school_agg, &s)->field, "name");
    char long_name[300];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = 0;
    s.name = long_name;
    assert_string_equal(agg_validate(&a, &school_agg, &s)->field, "name");
    s = valid();
    s.lat = "91";
    assert_string_equal(agg_validate(&a, &school_agg, &s)->field, "lat");
    s = valid();
    s.type_code = "999";
    assert_string_equal(agg_validate(&a, &school_agg, &s)->field, "type_code");
    s = valid();
    s.status = "gone";
    assert_string_equal(agg_validate(&a, &school_agg, &s)->field, "status");
}

static void test_organizer_codes(void **state) {
    (void)state;
    assert_string_equal(codes_organizer_label("edu_dept"), "教育部门");
    assert_null(codes_organizer_label("x"));
    assert_null(codes_organizer_label(NULL));
    assert_string_equal(codes_organizer_parse("民办"), "private");
    assert_string_equal(codes_organizer_parse("事业单位"), "public_institution");
    assert_string_equal(codes_organizer_parse("other_dept"), "other_dept");
    assert_null(codes_organizer_parse("火星"));
    size_t n = 0;
    for (const char *const *c = codes_organizer_codes; *c; c++, n++) assert_non_null(codes_organizer_label(*c));
    assert_int_equal(n, 7);
    const agg_field_t *f = agg_field(&school_agg, "organizer");
    assert_true(f->is_body && (f->flags & AGG_FILTER) && !(f->flags & AGG_SORT));
}

int main(void) {
    arena_init(&a);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_out_and_audit),
        cmocka_unit_test(test_body_decoding),
        cmocka_unit_test(test_validation),
        cmocka_unit_test(test_organizer_codes),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    arena_free(&a);
    return rc;
}
