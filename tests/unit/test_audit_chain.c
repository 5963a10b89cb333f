#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/platform/audit_chain.h"
#include "core/platform/password_policy.h"

static audit_row_t row(int64_t id, const char *prev) {
    audit_row_t r = {
        .id = id,
        .at = 1795000000 + id,
        .actor_id = "1",
        .actor_name = "admin",
        .action = "update",
        .entity = "user",
        .entity_id = "7",
        .region_code = "330521",
        .before_json = "{\"display_name\":\"张三\"}",
        .after_json = "{\"display_name\":\"张三丰\"}",
        .ip = "127.0.0.1",
        .prev_hash = prev,
    };
    return r;
}

static void test_sm3_known_answer(void **state) {
    (void)state;
    /* GB/T 32905-2016 example 1: SM3("abc") */
    char h[HASH_HEX_LEN + 1];
    hash_sm3_hex("abc", 3, h);
    assert_string_equal(h, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

static void test_chain_links_and_detects_changes(void **state) {
    (void)state;
    char h1[HASH_HEX_LEN + 1], h2[HASH_HEX_LEN + 1];
    audit_row_t r1 = row(1, AUDIT_GENESIS);
    audit_chain_hash(&r1, h1);
    r1.hash = h1;
    audit_row_t r2 = row(2, h1);
    audit_chain_hash(&r2, h2);
    r2.hash = h2;
    assert_true(audit_chain_verify_row(&r1, AUDIT_GENESIS, 1));
    assert_true(audit_chain_verify_row(&r2, h1, 2));

    /* any field changed breaks the row */
    audit_row_t t = r2;
    t.after_json = "{\"display_name\":\"李四\"}";
    assert_false(audit_chain_verify_row(&t, h1, 2));
    t = r2;
    t.at++;
    assert_false(audit_chain_verify_row(&t, h1, 2));
    t = r2;
    t.actor_name = NULL; /* NULL differs from any string, even "" */
    assert_false(audit_chain_verify_row(&t, h1, 2));
    /* a deleted predecessor: row 2 no longer links to what precedes it */
    assert_false(audit_chain_verify_row(&r2, AUDIT_GENESIS, 1));
    /* field boundaries are unambiguous */
    audit_row_t x = row(3, h2), y = row(3, h2);
    x.entity = "ab";
    x.entity_id = "c";
    y.entity = "a";
    y.entity_id = "bc";
    char hx[HASH_HEX_LEN + 1], hy[HASH_HEX_LEN + 1];
    audit_chain_hash(&x, hx);
    audit_chain_hash(&y, hy);
    assert_string_not_equal(hx, hy);
}

static void test_password_policy(void **state) {
    (void)state;
    assert_int_equal(password_policy_check("Dudao@2026"), PASSWORD_OK);
    assert_int_equal(password_policy_check("Short@1"), PASSWORD_TOO_SHORT);
    assert_int_equal(password_policy_check("alllowercase"), PASSWORD_FEW_CLASSES);
    assert_int_equal(password_policy_check("lowerUPPERonly"), PASSWORD_FEW_CLASSES);
    assert_int_equal(password_policy_check("lower123456UP"), PASSWORD_OK);
    /* counted in characters: 9 Chinese characters + 1 are 10 characters */
    assert_int_equal(password_policy_check("督导督导督导督A1"), PASSWORD_TOO_SHORT);
    assert_int_equal(password_policy_check("督导督导督导督导A1"), PASSWORD_OK);
    char long_pw[200];
    memset(long_pw, 'a', sizeof long_pw - 1);
    long_pw[sizeof long_pw - 1] = '\0';
    assert_int_equal(password_policy_check(long_pw), PASSWORD_TOO_LONG);
    assert_int_equal(password_policy_check(NULL), PASSWORD_TOO_SHORT);
}

int main(void) {
    hash_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sm3_known_answer),
        cmocka_unit_test(test_chain_links_and_detects_changes),
        cmocka_unit_test(test_password_policy),
    };
    return cmocka_run_group_tests_name("audit_chain", tests, NULL, NULL);
}
