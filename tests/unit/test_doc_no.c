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

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_doc_numbers)};
    return cmocka_run_group_tests_name("doc_no", tests, NULL, NULL);
}
