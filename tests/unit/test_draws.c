/* The verifiable draw and the risk classes (core/draws/draws.h): the same seed gives the same
 * list (and the list an independent SHA-256 implementation computes, pinned below from
 * Python's hashlib), a seed not matching the published hash is refused, the drawn count is
 * exactly ceil(n * p / 100) for every size 1..200 and share 1..100, and the classes flip at
 * their thresholds. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <string.h>

#include "core/draws/draws.h"

static const char *SEED0 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
static const char *HASH0 = "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd";

static void rank_ids(const char *seed_hex, const int *weights, size_t n, int64_t *out) {
    unsigned char seed[DRAWS_SEED_LEN];
    assert_true(draws_seed_parse(seed_hex, seed));
    draws_cand_t c[64];
    /* given in reverse order: the result must not depend on the input order */
    for (size_t i = 0; i < n; i++)
        c[i] = (draws_cand_t){.id = (int64_t)(n - i), .weight = weights ? weights[n - i - 1] : 1};
    draws_rank(seed, "school", c, n);
    for (size_t i = 0; i < n; i++)
        out[i] = c[i].id;
}

static void test_same_seed_same_list_and_known_vector(void **state) {
    (void)state;
    int64_t a[10], b[10];
    rank_ids(SEED0, NULL, 10, a);
    rank_ids(SEED0, NULL, 10, b);
    assert_memory_equal(a, b, sizeof a);
    const int64_t want[10] = {6, 9, 2, 1, 5, 4, 7, 3, 8, 10}; /* hashlib, docs/draws.md */
    assert_memory_equal(a, want, sizeof a);
    int w[10];
    for (int i = 0; i < 10; i++)
        w[i] = ((i + 1) % 3) + 1;
    rank_ids(SEED0, w, 10, a);
    const int64_t want_w[10] = {6, 9, 1, 4, 2, 8, 5, 7, 3, 10};
    assert_memory_equal(a, want_w, sizeof a);
    /* another seed, another order */
    rank_ids("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", NULL, 10, b);
    rank_ids(SEED0, NULL, 10, a);
    assert_memory_not_equal(a, b, sizeof a);
}

static void test_seed_must_match_published_hash(void **state) {
    (void)state;
    unsigned char seed[DRAWS_SEED_LEN];
    char h[65];
    assert_true(draws_seed_parse(SEED0, seed));
    draws_seed_hash(seed, h);
    assert_string_equal(h, HASH0);
    assert_true(draws_seed_matches(SEED0, HASH0));
    char upper[65];
    for (int i = 0; i < 64; i++)
        upper[i] = (char)(HASH0[i] >= 'a' ? HASH0[i] - 32 : HASH0[i]);
    upper[64] = 0;
    assert_true(draws_seed_matches(SEED0, upper));
    char other[65];
    memcpy(other, SEED0, 65);
    other[63] = '0'; /* one nibble changed */
    assert_false(draws_seed_matches(other, HASH0));
    assert_false(draws_seed_matches(SEED0, "630dcd"));
    assert_false(draws_seed_matches("xyz", HASH0));
    assert_false(draws_seed_matches(NULL, HASH0));
    assert_false(draws_seed_parse("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1g", seed));
}

static void test_share_exact_for_every_size(void **state) {
    (void)state;
    for (size_t n = 1; n <= 200; n++)
        for (int p = 1; p <= 100; p++) {
            size_t k = draws_share_count(n, p);
            /* k is the least count whose share reaches p: k/n >= p/100 > (k-1)/n */
            assert_true(k * 100 >= n * (size_t)p);
            assert_true((k - 1) * 100 < n * (size_t)p);
            assert_true(k >= 1 && k <= n);
        }
    assert_int_equal(draws_share_count(20, 5), 1);
    assert_int_equal(draws_share_count(21, 5), 2);
    assert_int_equal(draws_share_count(200, 100), 200);
    assert_int_equal(draws_share_count(0, 50), 0);
    assert_int_equal(draws_share_count(10, 0), 0);
    assert_int_equal(draws_share_count(10, 101), 0);
}

static void test_weighted_draw_favours_more_tickets(void **state) {
    (void)state;
    /* over 400 seeds, a 3-ticket candidate among 1-ticket ones comes first about 3/(3+9) = 25 %
     * of the time against 1/12 for each other */
    int first_heavy = 0;
    for (int s = 0; s < 400; s++) {
        unsigned char seed[DRAWS_SEED_LEN] = {0};
        seed[0] = (unsigned char)s;
        seed[1] = (unsigned char)(s >> 8);
        draws_cand_t c[10];
        for (int i = 0; i < 10; i++)
            c[i] = (draws_cand_t){.id = i + 1, .weight = i == 0 ? 3 : 1};
        draws_rank(seed, "school", c, 10);
        if (c[0].id == 1) first_heavy++;
    }
    assert_true(first_heavy > 60 && first_heavy < 140);
}

static void test_risk_classes_at_their_edges(void **state) {
    (void)state;
    draws_risk_thresholds_t t;
    draws_risk_defaults(&t);
    draws_reason_t r[DRAWS_MAX_REASONS];
    size_t n;
    draws_risk_in_t in = {0, 0, 0, 0, -1};
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_OK);
    assert_int_equal(n, 0);
    in.n_balance_failing = 0;
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_OK);
    in.n_open = 4;
    in.n_overdue = 1;
    in.n_complaints = 2;
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_ISSUES); /* each one below its line */
    assert_int_equal(n, 3);
    assert_string_equal(r[0].code, "overdue");
    assert_false(r[0].is_key);
    in.n_overdue = 2;
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_KEY);
    assert_true(r[0].is_key);
    in.n_overdue = 0;
    in.n_open = 5;
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_KEY);
    in.n_open = 0;
    in.n_complaints = 3;
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_KEY);
    in = (draws_risk_in_t){0, 0, 0, 1, -1};
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_KEY); /* one recurrence is key */
    in = (draws_risk_in_t){0, 0, 0, 0, 1};
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_ISSUES);
    assert_string_equal(r[0].code, "balance");
    assert_false(r[0].is_key);
    in.n_balance_failing = 2; /* one below the line (3 of the 7 resource indicators) */
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_ISSUES);
    in.n_balance_failing = 3;
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_KEY);
    assert_true(r[0].is_key);
    assert_int_equal(r[0].threshold, 3);
    t.key_balance = 4;
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_ISSUES);
    t.key_balance = 3;
    t.key_recurrent = 2; /* thresholds are data */
    in = (draws_risk_in_t){0, 0, 0, 1, -1};
    assert_int_equal(draws_risk_class(&in, &t, r, &n), DRAWS_RISK_ISSUES);
    assert_int_equal(draws_risk_weight(DRAWS_RISK_KEY), 3);
    assert_int_equal(draws_risk_weight(DRAWS_RISK_ISSUES), 2);
    assert_int_equal(draws_risk_weight(DRAWS_RISK_OK), 1);
    assert_string_equal(draws_risk_zh(DRAWS_RISK_KEY), "重点难点");
    for (int k = DRAWS_RISK_OK; k <= DRAWS_RISK_KEY; k++) {
        draws_risk_t back;
        assert_true(draws_risk_parse(draws_risk_code((draws_risk_t)k), &back));
        assert_int_equal(back, k);
    }
    draws_risk_t x;
    assert_false(draws_risk_parse("high", &x));
    assert_false(draws_risk_parse(NULL, &x));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_list_and_known_vector),
        cmocka_unit_test(test_seed_must_match_published_hash),
        cmocka_unit_test(test_share_exact_for_every_size),
        cmocka_unit_test(test_weighted_draw_favours_more_tickets),
        cmocka_unit_test(test_risk_classes_at_their_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
