#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/arena.h"
#include "util/buf.h"

static void test_alloc_is_zeroed_and_aligned(void **state) {
    (void)state;
    arena_t a;
    arena_init(&a);
    for (size_t n = 1; n < 300; n += 7) {
        unsigned char *p = arena_alloc(&a, n);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (size_t i = 0; i < n; i++) assert_int_equal(p[i], 0);
        memset(p, 0xAB, n);
    }
    arena_free(&a);
}

static void test_large_allocations_survive(void **state) {
    (void)state;
    arena_t a;
    arena_init(&a);
    char *small = arena_strdup(&a, "督导");
    char *big = arena_alloc(&a, 1 << 20); /* bigger than a chunk */
    memset(big, 'x', 1 << 20);
    char *after = arena_strdup(&a, "销号");
    assert_string_equal(small, "督导");
    assert_string_equal(after, "销号");
    assert_int_equal(big[(1 << 20) - 1], 'x');
    assert_true(a.n_allocated >= (1 << 20));
    arena_free(&a);
    assert_null(a.head);
    /* reusable after free */
    assert_string_equal(arena_strdup(&a, "again"), "again");
    arena_free(&a);
}

static void test_printf_and_strndup(void **state) {
    (void)state;
    arena_t a;
    arena_init(&a);
    assert_string_equal(arena_printf(&a, "%s-%d", "学校", 42), "学校-42");
    assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
    assert_null(arena_strdup(&a, NULL));
    char *longs = arena_printf(&a, "%05000d", 7);
    assert_int_equal(strlen(longs), 5000);
    arena_free(&a);
}

static void test_buf_grows_and_terminates(void **state) {
    (void)state;
    buf_t b;
    buf_init(&b);
    for (int i = 0; i < 1000; i++) buf_printf(&b, "%d,", i);
    assert_int_equal(b.p[b.n], '\0');
    assert_true(b.n > 2000);
    assert_memory_equal(b.p, "0,1,2,", 6);
    size_t n;
    char *p = buf_detach(&b, &n);
    assert_int_equal(strlen(p), n);
    assert_null(b.p);
    free(p);
    assert_true(str_eq_cstr(STR_LIT("abc"), "abc"));
    assert_false(str_eq_cstr(STR_LIT("abc"), "abcd"));
    assert_true(str_has_prefix(STR_LIT("/api/v1"), "/api"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_is_zeroed_and_aligned),
        cmocka_unit_test(test_large_allocations_survive),
        cmocka_unit_test(test_printf_and_strndup),
        cmocka_unit_test(test_buf_grows_and_terminates),
    };
    return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
