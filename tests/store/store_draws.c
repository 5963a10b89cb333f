/* The draws capability's store (store/draws/draws_store.h) on both engines: a plan's states
 * planned → committed → drawn, each step once; the public sees only drawn plans; scope by
 * region path; replacements in order; settings inherited; the risk counts of a fresh school.
 * Works in 长兴县 (330522) with its own town and school so the counts are exact. */
#include <string.h>

#include "store/draws/draws_store.h"
#include "store/platform/region_store.h"
#include "store/platform/setting_store.h"
#include "store/roster/school_store.h"
#include "store_suite.h"

#define D_COUNTY "330522"
#define D_TOWN "330522103"

void test_draws_store(void **state) {
    (void)state;
    int64_t school_id, id;
    OK(region_store_insert(db, &a, D_TOWN, "抽查测试镇", "town", D_COUNTY));
    OK(school_store_insert_min(db, &a, "2133000778", "抽查测试小学", D_TOWN, 1000, &school_id));
    region_t county;
    OK(region_store_get(db, &a, NULL, D_COUNTY, &county));
    const char *pool = arena_printf(&a, "[%lld]", (long long)school_id);
    draw_row_t in = {.region_code = D_COUNTY,
                     .title = "测试抽查",
                     .kind = "inspection",
                     .items = "[\"安全\"]",
                     .school_pool = pool,
                     .inspector_pool = "[]",
                     .share_percent = 50,
                     .exclude_own = true};
    OK(draws_store_insert(db, &a, &in, 1000, &id));
    draw_row_t d;
    OK(draws_store_get(db, &a, county.path, id, &d));
    assert_string_equal(d.state, "planned");
    assert_int_equal(d.share_percent, 50);
    assert_int_equal(d.n_targets, 0);
    assert_true(d.exclude_own && !d.is_weighted);
    assert_null(d.seed_hash);
    /* outside the region, and for the public before the draw: not found */
    err_t *e = draws_store_get(db, &a, "/330000/330500/330521/", id, &d);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);
    assert_non_null(draws_store_get(db, &a, NULL, id, &d));

    bool is_done = false;
    OK(draws_store_reveal(db, &a, id, "s", "{}", 1500, &is_done));
    assert_false(is_done); /* not committed yet */
    OK(draws_store_commit(db, &a, id, "h", "s", "server", "{}", 2000, &is_done));
    assert_true(is_done);
    OK(draws_store_commit(db, &a, id, "h2", "s2", "server", "{}", 2001, &is_done));
    assert_false(is_done); /* once */
    OK(draws_store_reveal(db, &a, id, "s", "{\"targets\":[]}", 3000, &is_done));
    assert_true(is_done);
    OK(draws_store_reveal(db, &a, id, "s", "{}", 3001, &is_done));
    assert_false(is_done);
    OK(draws_store_get(db, &a, NULL, id, &d));
    assert_string_equal(d.state, "drawn");
    assert_string_equal(d.seed_hash, "h");
    assert_string_equal(d.result, "{\"targets\":[]}");
    assert_int_equal(d.committed_at, 2000);
    assert_int_equal(d.drawn_at, 3000);

    draw_replacement_t r1 = {
        .plan_id = id, .kind = "school", .old_id = school_id, .new_id = school_id + 1, .reason = "停课"};
    draw_replacement_t r2 = {
        .plan_id = id, .kind = "inspector", .school_id = school_id, .old_id = 7, .new_id = 8, .reason = "生病"};
    OK(draws_store_replacement_insert(db, &a, &r1, 0, 4000));
    OK(draws_store_replacement_insert(db, &a, &r2, 0, 4001));
    draw_replacement_t *xs;
    size_t n;
    OK(draws_store_replacements(db, &a, id, &xs, &n));
    assert_int_equal(n, 2);
    assert_string_equal(xs[0].reason, "停课");
    assert_int_equal(xs[0].school_id, 0);
    assert_int_equal(xs[1].school_id, school_id);

    /* a setting on the county is inherited by the town; the town's own wins */
    int64_t v = 2;
    OK(setting_store_set(db, &a, D_COUNTY, "draws.risk.key_overdue", "4"));
    OK(draws_store_setting(db, &a, D_TOWN, "draws.risk.key_overdue", &v));
    assert_int_equal(v, 4);
    OK(setting_store_set(db, &a, D_TOWN, "draws.risk.key_overdue", "6"));
    OK(draws_store_setting(db, &a, D_TOWN, "draws.risk.key_overdue", &v));
    assert_int_equal(v, 6);

    draw_risk_row_t *rr;
    OK(draws_store_risk(db, &a, county.path, school_id, "2026-01-01", 0, &rr, &n));
    assert_int_equal(n, 1);
    assert_int_equal(rr[0].n_open + rr[0].n_overdue + rr[0].n_complaints + rr[0].n_recurrent, 0);
    assert_string_equal(rr[0].school_name, "抽查测试小学");
}
