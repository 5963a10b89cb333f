/* The 文号 text: one writer for the notices, orders, bulletins and a task's documents. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <string.h>

#include "core/doc_no.h"

static void test_doc_numbers(void **state) {
    (void)state;
    char prefix[32], head[64], no[64];
    doc_no_prefix(prefix, sizeof prefix, "德清县", "督办");
    assert_string_equal(prefix, "德督办");
    doc_no_head(head, sizeof head, prefix, 2026);
    assert_string_equal(head, "德督办〔2026〕");
    doc_no_format(no, sizeof no, prefix, 2026, 12);
    assert_string_equal(no, "德督办〔2026〕12号");
    /* the head and the tail around a number are the whole text, as the batch of 督办单 writes it in SQL */
    assert_int_equal(strlen(head) + strlen("12") + strlen(DOC_NO_TAIL), strlen(no));
    arena_t a;
    arena_init(&a);
    assert_string_equal(doc_no_text(&a, "长兴县", "督通", 2031, 7), "长督通〔2031〕7号");
    assert_string_equal(doc_no_text(&a, NULL, "督改", 2031, 1), "督改〔2031〕1号");
    assert_string_equal(doc_no_text(&a, "A县", "督", 2030, 3), "A督〔2030〕3号");
    arena_free(&a);
    char tiny[8];
    size_t n = doc_no_format(tiny, sizeof tiny, "德督", 2026, 12);
    assert_int_equal(n, sizeof tiny - 1);
}

/* the office's 机关代字 replaces the county character + 督 in every kind of document */
static void test_agency_code(void **state) {
    (void)state;
    char p[64];
    doc_no_prefix_agency(p, sizeof p, "德教督", "德清县", "督改");
    assert_string_equal(p, "德教督改");
    doc_no_prefix_agency(p, sizeof p, "德教督", "德清县", "督");
    assert_string_equal(p, "德教督");
    doc_no_prefix_agency(p, sizeof p, NULL, "德清县", "督办");
    assert_string_equal(p, "德督办");
    doc_no_prefix_agency(p, sizeof p, "", "德清县", "督通");
    assert_string_equal(p, "德督通");
    arena_t a;
    arena_init(&a);
    assert_string_equal(doc_no_text_agency(&a, "德教督", "德清县", "督办", 2026, 4), "德教督办〔2026〕4号");
    arena_free(&a);
    assert_true(doc_no_agency_code_ok("德教督"));
    assert_true(doc_no_agency_code_ok("督"));
    assert_false(doc_no_agency_code_ok("德教"));     /* must end in 督 */
    assert_false(doc_no_agency_code_ok("德 教督"));   /* no spaces */
    assert_false(doc_no_agency_code_ok("德1督"));     /* no digits */
    assert_false(doc_no_agency_code_ok("一二三四五六七八督")); /* 9 characters */
    assert_false(doc_no_agency_code_ok(""));
    assert_false(doc_no_agency_code_ok(NULL));
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_doc_numbers), cmocka_unit_test(test_agency_code)};
    return cmocka_run_group_tests_name("doc_no", tests, NULL, NULL);
}
