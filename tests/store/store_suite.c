/* The store suite: the same tests on SQLite and PostgreSQL. The database URL comes from the
 * first argument; it must name an empty database (scripts/test-all.sh makes one). */
/* cmocka needs these headers before it */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
/* clang-format on */

#include "store_suite.h"

#include "core/doc_no.h"
#include "store/balance/balance_store.h"
#include "store/balance/verdict_store.h"
#include "store/findings/finding_store.h"
#include "store/frameworks/framework_store.h"
#include "store/migrate.h"
#include "store/platform/attachment_store.h"
#include "store/platform/audit_store.h"
#include "store/platform/doc_counter_store.h"
#include "store/platform/health_store.h"
#include "store/platform/job_store.h"
#include "store/platform/login_throttle_store.h"
#include "store/platform/region_store.h"
#include "store/platform/session_store.h"
#include "store/platform/setting_store.h"
#include "store/platform/user_store.h"
#include "store/roster/assignment_store.h"
#include "store/roster/coverage_store.h"
#include "store/roster/import_job_store.h"
#include "store/roster/inspector_store.h"
#include "store/roster/school_store.h"
#include "store/roster/zone_store.h"
#include "store/rows.h"
#include "store/surveys/survey_store.h"
#include "store/visits/task_store.h"
#include "store/visits/visit_store.h"
#include "util/hash.h"

static const char *db_url;
db_t *db;
arena_t a;

static int suite_setup(void **state) {
    (void)state;
    arena_init(&a);
    err_t *e = db_open(db_url, &db, &a);
    if (e) {
        fprintf(stderr, "cannot open %s: %s\n", db_url, e->message);
        return -1;
    }
    return 0;
}

static int suite_teardown(void **state) {
    (void)state;
    db_close(db);
    arena_free(&a);
    return 0;
}

static void test_migrations_are_idempotent(void **state) {
    (void)state;
    int n = -1;
    OK(migrate_run(db, &a, &n));
    assert_true(n >= 1);
    OK(migrate_run(db, &a, &n));
    assert_int_equal(n, 0);
}

static void test_regions_and_scope(void **state) {
    (void)state;
    OK(region_store_insert(db, &a, "330000", "浙江省", "province", NULL));
    OK(region_store_insert(db, &a, "330500", "湖州市", "city", "330000"));
    OK(region_store_insert(db, &a, "330521", "德清县", "county", "330500"));
    OK(region_store_insert(db, &a, "330522", "长兴县", "county", "330500"));
    OK(region_store_insert(db, &a, "330521001", "武康街道", "town", "330521"));
    region_t r;
    OK(region_store_get(db, &a, "/330000/330500/", "330521001", &r));
    assert_string_equal(r.path, "/330000/330500/330521/330521001/");
    assert_string_equal(r.name, "武康街道");
    /* out of scope is not found, as if it did not exist */
    err_t *e = region_store_get(db, &a, "/330000/330500/330521/", "330522", &r);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);
    assert_string_equal(e->field, "region_code");
    region_t *items;
    size_t n;
    OK(region_store_list(db, &a, "/330000/330500/330521/", &items, &n));
    assert_int_equal(n, 2);
    assert_string_equal(items[0].code, "330521"); /* parents first */
    /* beside a jurisdiction: neither inside it nor above it (the scheduler's top-level test) */
    int64_t n_beside;
    OK(region_store_count_beside(db, &a, "/330000/330500/", &n_beside));
    assert_int_equal(n_beside, 0);
    OK(region_store_count_beside(db, &a, "/330000/", &n_beside));
    assert_int_equal(n_beside, 0);
    OK(region_store_count_beside(db, &a, "/330000/330500/330521/", &n_beside));
    assert_int_equal(n_beside, 1); /* 长兴县 */
    /* the CHECK constraint refuses an unknown level; the duplicate code is a conflict */
    assert_non_null(region_store_insert(db, &a, "330523", "X", "galaxy", "330500"));
    e = region_store_insert(db, &a, "330522", "长兴县", "county", "330500");
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
}

static void test_transaction_rollback_leaves_nothing(void **state) {
    (void)state;
    OK(db_begin(db, &a));
    OK(region_store_insert(db, &a, "330523", "安吉县", "county", "330500"));
    db_rollback(db);
    region_t r;
    assert_non_null(region_store_get(db, &a, "/", "330523", &r));
}

static void test_parameters_by_number(void **state) {
    (void)state;
    db_rows_t rows;
    OK(db_query(db, &a, "SELECT $2 || '-' || $1, $3", DB_P(DBV_S("a"), DBV_S("b"), DBV_NUL), &rows));
    assert_int_equal(rows.n_rows, 1);
    assert_string_equal(db_cell(&rows, 0, 0), "b-a");
    assert_null(db_cell(&rows, 0, 1));
    /* a cached statement gives the same answer with new values */
    OK(db_query(db, &a, "SELECT $2 || '-' || $1, $3", DB_P(DBV_S("x"), DBV_S("y"), DBV_I(5)), &rows));
    assert_string_equal(db_cell(&rows, 0, 0), "y-x");
    assert_int_equal(db_cell_int(&rows, 0, 1), 5);
}

static int64_t add_user(const char *name, const char *role, const char *region, int64_t school) {
    user_t u = {.username = name,
                .display_name = name,
                .role = role,
                .region_code = region,
                .school_id = school,
                .password_hash = "x"};
    int64_t id = 0;
    OK(user_store_insert(db, &a, &u, 1000, &id));
    return id;
}

/* store/rows: one column table maps every row; store_get names the field and the id in both
 * languages, with the "outside your scope" form when the row may be hidden by scope. */
static void test_rows_helpers(void **state) {
    (void)state;
    typedef struct pair {
        int64_t n;
        const char *text;
        bool is_set;
    } pair_t;
    static const store_col_t cols[] = {SC_I(pair_t, n), SC_T(pair_t, text), SC_B(pair_t, is_set)};
    static const store_map_t map = STORE_MAP_ZEROED(pair_t, cols, NULL);
    pair_t one;
    OK(store_get(db, &a, "SELECT 7, 'x', 2", DB_NOP, &map, &one, &(store_missing_t){"id", "行", "row", 1, false}));
    assert_int_equal(one.n, 7);
    assert_string_equal(one.text, "x");
    assert_true(one.is_set);
    bool found = true;
    OK(store_find(db, &a, "SELECT 7, NULL, 0 WHERE 1 = 0", DB_NOP, &map, &one, &found));
    assert_false(found);
    err_t *e = store_get(db, &a, "SELECT 7, 'x', 0 WHERE 1 = 0", DB_NOP, &map, &one,
                         &(store_missing_t){"widget_id", "部件", "widget", 42, true});
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);
    assert_string_equal(e->field, "widget_id");
    assert_string_equal(e->message, "部件 42 不存在或不在权限范围内 / widget 42 not found or outside your scope");
    e = store_not_found(&a, &(store_missing_t){"id", "用户", "user", 5, false});
    assert_string_equal(e->message, "用户 5 不存在 / user 5 not found");
    pair_t *items;
    size_t n;
    OK(store_list(db, &a, "SELECT 1, 'a', 0 UNION ALL SELECT 2, NULL, 1 ORDER BY 1", DB_NOP, &map, &items, &n));
    assert_int_equal(n, 2);
    assert_int_equal(items[1].n, 2);
    assert_null(items[1].text);
    assert_true(items[1].is_set);
    assert_false(items[0].is_set);
    assert_int_equal(items[2].n, 0); /* one zeroed element past the end */
}

static void test_users_scope_filters_and_conflicts(void **state) {
    (void)state;
    int64_t school_id;
    OK(school_store_insert_min(db, &a, "2133000101", "武康第一小学", "330521001", 1000, &school_id));
    int64_t dq = add_user("dq_admin", "admin", "330521", 0);
    int64_t cx = add_user("cx_Admin", "admin", "330522", 0);
    add_user("dq_school", "school", "330521001", school_id);
    add_user("city_leader", "leader", "330500", 0);
    user_t u = {
        .username = "dq_admin", .display_name = "x", .role = "admin", .region_code = "330521", .password_hash = "x"};
    int64_t id;
    err_t *e = user_store_insert(db, &a, &u, 1000, &id);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
    assert_string_equal(e->field, "username");

    user_t got;
    OK(user_store_get(db, &a, "/330000/330500/330521/", dq, &got));
    assert_string_equal(got.region_name, "德清县");
    e = user_store_get(db, &a, "/330000/330500/330521/", cx, &got);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);

    user_filter_t f = {.is_disabled = -1, .limit = 10};
    user_t *items;
    size_t n;
    int64_t total;
    OK(user_store_list(db, &a, "/330000/330500/330521/", &f, &items, &n, &total));
    assert_int_equal(total, 2); /* dq_admin, dq_school; not the city leader above the scope */
    OK(user_store_list(db, &a, "/330000/", &f, &items, &n, &total));
    assert_int_equal(total, 4);
    f.q = "ADMIN"; /* case-insensitive on both engines */
    OK(user_store_list(db, &a, "/330000/", &f, &items, &n, &total));
    assert_int_equal(total, 2);
    f.q = "%"; /* LIKE wildcards are literal */
    OK(user_store_list(db, &a, "/330000/", &f, &items, &n, &total));
    assert_int_equal(total, 0);
    f.q = NULL;
    f.role = "school";
    OK(user_store_list(db, &a, "/330000/", &f, &items, &n, &total));
    assert_int_equal(total, 1);
    assert_string_equal(items[0].school_name, "武康第一小学");
    f.role = NULL;
    f.region_code = "330521";
    f.sort = "-username";
    OK(user_store_list(db, &a, "/330000/", &f, &items, &n, &total));
    assert_int_equal(total, 2);
    assert_string_equal(items[0].username, "dq_school");
    f.limit = 1;
    f.offset = 1;
    OK(user_store_list(db, &a, "/330000/", &f, &items, &n, &total));
    assert_int_equal(n, 1);
    assert_int_equal(total, 2);
    assert_string_equal(items[0].username, "dq_admin");
}

static void test_lockout_counting(void **state) {
    (void)state;
    bool found;
    user_t u;
    OK(user_store_find_login(db, &a, "dq_admin", &u, &found));
    assert_true(found);
    bool locked = false;
    for (int i = 1; i <= 4; i++) {
        OK(user_store_login_failed(db, &a, u.id, 5, 1000, 9999, &locked));
        assert_false(locked);
    }
    OK(user_store_login_failed(db, &a, u.id, 5, 1000, 9999, &locked));
    assert_true(locked);
    OK(user_store_find_login(db, &a, "dq_admin", &u, &found));
    assert_int_equal(u.locked_until, 9999);
    assert_int_equal(u.failed_logins, 5);
    /* while locked, even the right password does not log in */
    bool is_ok = true;
    OK(user_store_login_ok(db, &a, u.id, 5000, &is_ok));
    assert_false(is_ok);
    /* once the lock has run out, one wrong guess counts as the first, not the sixth */
    OK(user_store_login_failed(db, &a, u.id, 5, 10000, 19999, &locked));
    assert_false(locked);
    OK(user_store_find_login(db, &a, "dq_admin", &u, &found));
    assert_int_equal(u.failed_logins, 1);
    assert_int_equal(u.locked_until, 0);
    OK(user_store_login_ok(db, &a, u.id, 5000, &is_ok));
    assert_true(is_ok);
    OK(user_store_find_login(db, &a, "dq_admin", &u, &found));
    assert_int_equal(u.locked_until, 0);
    assert_int_equal(u.failed_logins, 0);
    assert_int_equal(u.last_login_at, 5000);
    OK(user_store_find_login(db, &a, "nobody", &u, &found));
    assert_false(found);
}

static void test_sessions(void **state) {
    (void)state;
    bool found;
    user_t u;
    OK(user_store_find_login(db, &a, "dq_admin", &u, &found));
    OK(session_store_insert(db, &a, "h1", u.id, "csrf1", 100, "127.0.0.1"));
    OK(session_store_insert(db, &a, "h2", u.id, "csrf2", 100, NULL));
    session_t s;
    OK(session_store_get(db, &a, "h1", &s, &found));
    assert_true(found);
    assert_string_equal(s.csrf_token, "csrf1");
    assert_string_equal(s.user.username, "dq_admin");
    assert_string_equal(s.user.region_path, "/330000/330500/330521/");
    OK(session_store_touch(db, &a, "h1", 200));
    OK(session_store_get(db, &a, "h1", &s, &found));
    assert_int_equal(s.last_seen, 200);
    OK(session_store_delete_user(db, &a, u.id, "h1"));
    OK(session_store_get(db, &a, "h2", &s, &found));
    assert_false(found);
    OK(session_store_get(db, &a, "h1", &s, &found));
    assert_true(found);
    OK(session_store_delete_idle(db, &a, 201));
    OK(session_store_get(db, &a, "h1", &s, &found));
    assert_false(found);
}

static void test_login_throttle(void **state) {
    (void)state;
    bool locked = true;
    int64_t until = -1;
    OK(login_throttle_store_get(db, &a, "a:192.0.2.1", &until));
    assert_int_equal(until, 0);
    for (int i = 1; i <= 3; i++) {
        OK(login_throttle_store_fail(db, &a, "a:192.0.2.1", 3, 1000 + i, 2000, 0, &locked));
        assert_int_equal(locked, i == 3);
    }
    OK(login_throttle_store_get(db, &a, "a:192.0.2.1", &until));
    assert_int_equal(until, 2000);
    /* after the lock, a failure counts as the first again */
    OK(login_throttle_store_fail(db, &a, "a:192.0.2.1", 3, 2001, 3000, 0, &locked));
    assert_false(locked);
    OK(login_throttle_store_get(db, &a, "a:192.0.2.1", &until));
    assert_int_equal(until, 0);
    /* a quiet period resets the count too */
    OK(login_throttle_store_fail(db, &a, "a:192.0.2.1", 3, 2002, 3000, 0, &locked));
    OK(login_throttle_store_fail(db, &a, "a:192.0.2.1", 3, 5000, 6000, 4000, &locked));
    assert_false(locked);
    /* the sweep keeps recent and locked keys */
    OK(login_throttle_store_fail(db, &a, "n:x", 1, 100, 9000, 0, &locked));
    assert_true(locked);
    OK(login_throttle_store_fail(db, &a, "n:old", 5, 100, 200, 0, &locked));
    OK(login_throttle_store_sweep(db, &a, 4500));
    OK(login_throttle_store_get(db, &a, "n:x", &until));
    assert_int_equal(until, 9000);
    OK(login_throttle_store_fail(db, &a, "n:old", 2, 4600, 4700, 0, &locked));
    assert_false(locked); /* swept: counted from one again, not two */
    OK(login_throttle_store_get(db, &a, "a:192.0.2.1", &until));
    assert_int_equal(until, 0);
}

static void append(const char *action, const char *region, const char *after) {
    audit_row_t r = {.at = 1000,
                     .actor_name = "t",
                     .action = action,
                     .entity = "user",
                     .entity_id = "1",
                     .region_code = region,
                     .after_json = after};
    OK(db_begin(db, &a));
    OK(audit_store_append(db, &a, &r));
    OK(db_commit(db, &a));
}

static void test_audit_chain_in_the_database(void **state) {
    (void)state;
    append("create", "330521", "{\"a\":1}");
    append("update", "330522", "{\"a\":2}");
    append("login", "330521001", NULL);
    int64_t n, broken;
    OK(audit_store_verify(db, &a, &n, &broken));
    assert_int_equal(broken, 0);
    assert_int_equal(n, 3);

    audit_filter_t f = {.limit = 50};
    audit_row_t *items;
    size_t k;
    int64_t total;
    OK(audit_store_list(db, &a, "/330000/330500/330521/", &f, &items, &k, &total));
    assert_int_equal(total, 2);
    assert_string_equal(items[0].action, "login"); /* newest first */
    f.action = "update";
    OK(audit_store_list(db, &a, "/", &f, &items, &k, &total));
    assert_int_equal(total, 1);

    /* append-only: the schema refuses updates and deletes */
    assert_non_null(db_query(db, &a, "UPDATE audit_log SET actor_name = 'x' WHERE id = 2", DB_NOP, NULL));
    assert_non_null(db_query(db, &a, "DELETE FROM audit_log WHERE id = 2", DB_NOP, NULL));
    /* someone with the database's owner rights removes the guard and edits row 2 */
    if (db_kind(db) == DB_SQLITE)
        OK(db_exec_script(db, &a, "DROP TRIGGER audit_no_update"));
    else
        OK(db_exec_script(db, &a, "DROP TRIGGER audit_no_update ON audit_log"));
    OK(db_query(db, &a, "UPDATE audit_log SET after_json = '{\"a\":3}' WHERE id = 2", DB_NOP, NULL));
    OK(audit_store_verify(db, &a, &n, &broken));
    assert_int_equal(broken, 2);
    assert_int_equal(n, 1);
}

static void test_audit_head_and_checkpoints(void **state) {
    (void)state;
    int64_t last_id = -1;
    const char *last_hash = NULL;
    OK(audit_store_head(db, &a, &last_id, &last_hash));
    assert_true(last_id >= 3); /* the rows of the test above */
    bool found = false;
    const char *h = NULL;
    OK(audit_store_hash_of(db, &a, last_id, &h, &found));
    assert_true(found);
    assert_string_equal(h, last_hash);
    OK(audit_store_hash_of(db, &a, last_id + 1, &h, &found));
    assert_false(found);
    audit_checkpoint_t c = {
        .at = 5000, .last_id = last_id, .last_hash = last_hash, .public_key = "pk", .signature = "sig"};
    OK(audit_store_checkpoint_insert(db, &a, &c));
    assert_true(c.id > 0);
    audit_checkpoint_t c2 = {
        .at = 5001, .last_id = last_id, .last_hash = last_hash, .public_key = "pk", .signature = "s2"};
    OK(audit_store_checkpoint_insert(db, &a, &c2));
    audit_checkpoint_t *all;
    size_t n = 0;
    OK(audit_store_checkpoint_list(db, &a, &all, &n));
    assert_int_equal(n, 2);
    assert_int_equal(all[0].id, c.id);
    assert_int_equal(all[1].at, 5001);
    assert_string_equal(all[1].signature, "s2");
    assert_string_equal(all[0].last_hash, last_hash);
}

static void test_schools_sections_and_scopes(void **state) {
    (void)state;
    school_section_row_t secs[] = {{"primary", 600, 18}, {"junior", 300, 9}};
    school_t s = {.code = "3133000777",
                  .name = "九年一贯制测试学校",
                  .region_code = "330521001",
                  .type_code = "312",
                  .status = "open",
                  .lat = "30.5",
                  .lng = "119.9",
                  .sections = secs,
                  .n_sections = 2};
    OK(school_store_insert(db, &a, &s, 1000));
    scope_t county = {.region_path = "/330000/330500/330521/"}, other = {.region_path = "/330000/330500/330522/"};
    school_t got;
    OK(school_store_get(db, &a, &county, s.id, &got));
    assert_int_equal(got.n_sections, 2);
    assert_int_equal(got.enrollment, 900);
    assert_string_equal(got.county_code, "330521");
    assert_string_equal(got.lat, "30.5");
    err_t *e = school_store_get(db, &a, &other, s.id, &got);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);
    /* the same code twice is a conflict naming the field */
    school_t dup = s;
    e = school_store_insert(db, &a, &dup, 1000);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
    assert_string_equal(e->field, "code");
    int64_t id;
    const char *status;
    OK(school_store_id_by_code(db, &a, "3133000777", &id, &status));
    assert_int_equal(id, s.id);
    assert_string_equal(status, "open");
}

static void test_assignments_one_lead_and_inspector_scope(void **state) {
    (void)state;
    int64_t sid, uid;
    OK(school_store_id_by_code(db, &a, "3133000777", &sid, &(const char *){NULL}));
    inspector_t i1 = {
        .cert_no = "S-1", .name = "甲", .kind = "part_time", .region_code = "330521", .n_terms = 1, .status = "active"};
    inspector_t i2 = {
        .cert_no = "S-2", .name = "乙", .kind = "full_time", .region_code = "330521", .n_terms = 1, .status = "active"};
    OK(inspector_store_insert(db, &a, &i1, 1000));
    OK(inspector_store_insert(db, &a, &i2, 1000));
    assignment_t x1 = {.inspector_id = i1.id, .school_id = sid, .role = "lead", .starts_on = "2026-09-01"};
    OK(assignment_store_insert(db, &a, &x1, 1000));
    /* the schema itself keeps one open lead per school */
    assignment_t x2 = {.inspector_id = i2.id, .school_id = sid, .role = "lead", .starts_on = "2026-09-01"};
    err_t *e = assignment_store_insert(db, &a, &x2, 1000);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
    x2.role = "member";
    OK(assignment_store_insert(db, &a, &x2, 1000));
    inspector_t got;
    OK(inspector_store_get(db, &a, "/", i1.id, &got));
    assert_int_equal(got.n_schools, 1);
    /* an inspector account sees exactly the schools its inspector holds */
    OK(user_store_find_login(db, &a, "dq_admin", &(user_t){0}, &(bool){false}));
    user_t u = {
        .username = "insp_s", .display_name = "x", .role = "inspector", .region_code = "330521", .password_hash = "x"};
    OK(user_store_insert(db, &a, &u, 1000, &uid));
    i1.user_id = uid;
    OK(inspector_store_update(db, &a, &i1, 1000));
    scope_t mine = {.region_path = "/", .inspector_user_id = uid};
    school_filter_t f = {.is_private = -1, .has_inspector = -1, .limit = 50};
    school_t *items;
    size_t n;
    int64_t total;
    OK(school_store_list(db, &a, &mine, &f, &items, &n, &total));
    assert_int_equal(total, 1);
    assert_int_equal(items[0].id, sid);
    assert_int_equal(items[0].n_inspectors, 2);
    assert_string_equal(items[0].inspector_name, "甲");
    /* ending keeps history and frees the lead slot */
    OK(assignment_store_end(db, &a, x1.id, "replaced"));
    OK(school_store_list(db, &a, &mine, &f, &items, &n, &total));
    assert_int_equal(total, 0);
    assignment_t *hist;
    OK(assignment_store_list(db, &a, sid, 0, &hist, &n));
    assert_int_equal(n, 2);
    /* the summary on the school row (triggers, migration 033) follows every write exactly: one
     * ended and one open, then a lead added (two open); all ended at once inside a transaction
     * (zero), rolled back (two again) */
    scope_t every = {.region_path = "/"};
    school_t sum;
    OK(school_store_get(db, &a, &every, sid, &sum));
    assert_int_equal(sum.n_inspectors, 1);
    x2.role = "lead";
    x2.inspector_id = i1.id;
    OK(assignment_store_insert(db, &a, &x2, 1000));
    OK(school_store_get(db, &a, &every, sid, &sum));
    assert_int_equal(sum.n_inspectors, 2);
    OK(db_begin(db, &a));
    OK(assignment_store_end_for_school(db, &a, sid, "closed"));
    OK(school_store_get(db, &a, &every, sid, &sum));
    assert_int_equal(sum.n_inspectors, 0);
    db_rollback(db);
    OK(school_store_get(db, &a, &every, sid, &sum));
    assert_int_equal(sum.n_inspectors, 2);
    db_rows_t raw;
    OK(db_query(db, &a, "SELECT COUNT(*) FROM assignment WHERE school_id = $1 AND ends_on IS NULL", DB_P(DBV_I(sid)),
                &raw));
    assert_int_equal(db_scalar_int(&raw, 0), 2);
    /* and the enrollment over the sections, rewritten by an update of the school (then put back) */
    school_section_row_t secs2[] = {{"primary", 610, 18}}, secs0[] = {{"primary", 600, 18}, {"junior", 300, 9}};
    sum.sections = secs2, sum.n_sections = 1;
    OK(school_store_update(db, &a, &sum, 1001));
    OK(school_store_get(db, &a, &every, sid, &sum));
    assert_int_equal(sum.enrollment, 610);
    sum.sections = secs0, sum.n_sections = 2;
    OK(school_store_update(db, &a, &sum, 1002));
    OK(school_store_get(db, &a, &every, sid, &sum));
    assert_int_equal(sum.enrollment, 900);
    /* gaps filter: schools without an open lead */
    scope_t all = {.region_path = "/"};
    f.has_inspector = 0;
    OK(school_store_list(db, &a, &all, &f, &items, &n, &total));
    for (size_t k = 0; k < n; k++)
        assert_int_not_equal(items[k].id, sid);
}

/* The school descriptor's derived SQL (insert, update, filter, sort whitelist), the coverage
 * report, the assignment export page and the inspector photo, after the assignments test. */
static void test_roster_descriptor_coverage_and_exports(void **state) {
    (void)state;
    school_t s = {.code = "2133000891",
                  .name = "举办者测试小学",
                  .region_code = "330521001",
                  .type_code = "211",
                  .organizer = "private",
                  .is_private = true,
                  .is_central = true};
    OK(school_store_insert(db, &a, &s, 2000));
    scope_t county = scope_region("/330000/330500/330521/");
    school_t got;
    OK(school_store_get(db, &a, &county, s.id, &got));
    assert_string_equal(got.organizer, "private");
    assert_string_equal(got.status, "open");
    assert_true(got.is_central);
    got.organizer = "edu_dept";
    got.name = "举办者测试小学（更名）";
    OK(school_store_update(db, &a, &got, 2001));
    OK(school_store_get(db, &a, &county, s.id, &got));
    assert_string_equal(got.organizer, "edu_dept");
    assert_string_equal(got.code, "2133000891");
    size_t k_org = (size_t)(agg_field(&school_agg, "organizer") - school_agg.fields);
    school_filter_t f = {.is_private = -1, .has_inspector = -1, .limit = 50, .sort = "-name"};
    f.eq[k_org] = "edu_dept";
    school_t *items;
    size_t n;
    int64_t total;
    OK(school_store_list(db, &a, &county, &f, &items, &n, &total));
    assert_int_equal(total, 1);
    assert_int_equal(items[0].id, s.id);
    f.eq[k_org] = "military";
    OK(school_store_list(db, &a, &county, &f, &items, &n, &total));
    assert_int_equal(total, 0);
    f.sort = "organizer"; /* not a sort key */
    err_t *e = school_store_list(db, &a, &county, &f, &items, &n, &total);
    assert_non_null(e);
    assert_string_equal(e->field, "sort");

    coverage_county_t *c;
    OK(coverage_store_counties(db, &a, &county, &c, &n));
    assert_int_equal(n, 1);
    assert_string_equal(c[0].code, "330521");
    assert_true(c[0].n_schools >= 2 && c[0].n_covered >= 1);
    coverage_school_t *cs;
    bool has = false;
    OK(coverage_store_gaps(db, &a, &county, 500, &cs, &n));
    for (size_t i = 0; i < n; i++)
        has |= cs[i].id == s.id;
    assert_true(has);
    has = false;
    OK(coverage_store_without_zone(db, &a, &county, 500, &cs, &n));
    for (size_t i = 0; i < n; i++)
        has |= cs[i].id == s.id && strcmp(cs[i].county_code, "330521") == 0;
    assert_true(has);
    OK(coverage_store_central_short(db, &a, &county, "330521", 2, &cs, &n));
    assert_int_equal(n, 1);
    assert_int_equal(cs[0].id, s.id);
    assert_int_equal(cs[0].n_inspectors, 0);
    OK(coverage_store_central_short(db, &a, &county, "330522", 2, &cs, &n));
    assert_int_equal(n, 0);
    coverage_inspector_t *ci;
    OK(coverage_store_over_capacity(db, &a, &county, 0, &ci, &n));
    assert_true(n >= 1);
    OK(coverage_store_over_capacity(db, &a, &county, 100, &ci, &n));
    assert_int_equal(n, 0);

    assignment_filter_t af = {.status = "all"};
    assignment_export_row_t *rows;
    OK(assignment_store_export_page(db, &a, &county, &af, 0, 1000, &rows, &n));
    assert_true(n >= 3);
    for (size_t i = 1; i < n; i++)
        assert_true(rows[i].id > rows[i - 1].id);
    OK(assignment_store_export_page(db, &a, &county, &af, rows[0].id, 1, &rows, &n));
    assert_int_equal(n, 1);
    af = (assignment_filter_t){.status = "current", .role = "lead", .q = "甲"};
    OK(assignment_store_export_page(db, &a, &county, &af, 0, 1000, &rows, &n));
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].cert_no, "S-1");
    assert_null(rows[0].ends_on);
    af.status = "ended";
    OK(assignment_store_export_page(db, &a, &county, &af, 0, 1000, &rows, &n));
    assert_int_equal(n, 1);
    assert_non_null(rows[0].ends_on);
    scope_t other = scope_region("/330000/330500/330522/");
    OK(assignment_store_export_page(db, &a, &other, &(assignment_filter_t){.status = "all"}, 0, 1000, &rows, &n));
    assert_int_equal(n, 0);

    inspector_t ins;
    bool found;
    OK(inspector_store_find_cert(db, &a, "S-1", &ins, &found));
    inspector_t by_user;
    OK(inspector_store_find_user(db, &a, 987654321, &by_user, &found));
    assert_false(found);
    const char *hash = "x", *name, *phone;
    OK(inspector_store_photo(db, &a, ins.id, &hash));
    assert_null(hash);
    OK(inspector_store_set_photo(db, &a, ins.id, "ab/cdef"));
    OK(inspector_store_contact(db, &a, ins.id, &name, &phone, &hash));
    assert_string_equal(name, "甲");
    assert_string_equal(hash, "ab/cdef");
    e = inspector_store_contact(db, &a, 999999, &name, &phone, &hash);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);
}

static void test_zones_and_settings(void **state) {
    (void)state;
    zone_t z = {.county_code = "330521", .name = "测试责任区"};
    OK(zone_store_district(db, &a, "330521", "东片", &z.district_id));
    int64_t again;
    OK(zone_store_district(db, &a, "330521", "东片", &again));
    assert_int_equal(again, z.district_id);
    OK(zone_store_insert(db, &a, &z, 1000));
    zone_t dup = {.county_code = "330521", .name = "测试责任区"};
    err_t *e = zone_store_insert(db, &a, &dup, 1000);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
    e = zone_store_get(db, &a, "/330000/330500/330522/", z.id, &dup);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);
    /* settings: the county's value overrides the city's, which overrides the default */
    assign_limits_t l;
    OK(setting_store_limits(db, &a, "330521001", &l));
    assert_int_equal(l.hard_limit, 8);
    OK(setting_store_set(db, &a, "330500", "assign.hard_limit", "10"));
    OK(setting_store_set(db, &a, "330521", "assign.hard_limit", "6"));
    OK(setting_store_limits(db, &a, "330521001", &l));
    assert_int_equal(l.hard_limit, 6);
    OK(setting_store_limits(db, &a, "330522", &l));
    assert_int_equal(l.hard_limit, 10);
    OK(setting_store_set(db, &a, "330521", "assign.hard_limit", "7"));
    OK(setting_store_limits(db, &a, "330521", &l));
    assert_int_equal(l.hard_limit, 7);
}

/* 指标体系 (frameworks capability): versions, the frozen published state, the current version
 * by code, the indicator rows, and scope (national, the owner's line up and down). */
static fw_t *store_fw(const char *text) {
    json_error_t je;
    json_t *j = json_loads(text, 0, &je);
    assert_non_null(j);
    fw_t *f = NULL;
    OK(fw_parse(&a, j, &f));
    json_decref(j);
    return f;
}

static void test_framework_versions_and_scope(void **state) {
    (void)state;
    const char *doc1 = "{\"code\":\"st-fw\",\"name\":\"存储测试\",\"indicators\":[{\"code\":\"A\",\"text\":\"甲\","
                       "\"children\":[{\"code\":\"A1\",\"text\":\"一\",\"kind\":\"pass_fail\",\"is_veto\":true},"
                       "{\"code\":\"A2\",\"text\":\"二\",\"kind\":\"score\",\"max_score\":5}]}]}";
    fw_t *t1 = store_fw(doc1);
    framework_row_t f = {.code = "st-fw", .name = "存储测试", .region_code = "330521"};
    OK(framework_store_insert(db, &a, &f, 0, 1000));
    framework_row_t dup = f;
    err_t *e = framework_store_insert(db, &a, &dup, 0, 1000);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
    int64_t v1;
    OK(framework_store_insert_version(db, &a, f.id, 1, "draft", t1, "{\"code\":\"st-fw\"}", 0, 1000, &v1));
    e = framework_store_insert_version(db, &a, f.id, 1, "draft", t1, "{}", 0, 1000, &v1);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
    /* the indicator rows: groups and leaves with their category */
    db_rows_t r;
    OK(db_query(db, &a,
                "SELECT code, parent_code, category_code, level, kind, is_veto, max_score FROM framework_indicator "
                "WHERE version_id = $1 ORDER BY position",
                DB_P(DBV_I(v1)), &r));
    assert_int_equal(r.n_rows, 3);
    assert_null(db_cell(&r, 0, 1));
    assert_null(db_cell(&r, 0, 4));
    assert_string_equal(db_cell(&r, 1, 1), "A");
    assert_string_equal(db_cell(&r, 1, 2), "A");
    assert_int_equal(db_cell_int(&r, 1, 5), 1);
    assert_int_equal(db_cell_int(&r, 2, 6), 5);
    /* no published version yet */
    framework_version_row_t v;
    bool found = true;
    OK(framework_store_current_version(db, &a, "st-fw", "/", &v, &found));
    assert_false(found);
    OK(framework_store_update_draft(db, &a, v1, t1, "{\"code\":\"st-fw\",\"name\":\"改\"}", 0, 1001));
    OK(framework_store_publish(db, &a, f.id, v1, 0, 1002));
    /* published is frozen in the store too */
    e = framework_store_update_draft(db, &a, v1, t1, "{}", 0, 1003);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
    OK(framework_store_current_version(db, &a, "st-fw", "/", &v, &found));
    assert_true(found);
    assert_int_equal(v.id, v1);
    assert_string_equal(v.status, "published");
    assert_int_equal(v.published_at, 1002);
    assert_int_equal(v.n_indicators, 2);
    assert_int_equal(strlen(v.digest), 64);
    json_t *d;
    OK(framework_store_document(&a, &v, &d));
    assert_string_equal(json_string_value(json_object_get(d, "status")), "published");
    assert_int_equal(json_integer_value(json_object_get(d, "version")), 1);
    json_decref(d);
    /* version 2 published retires version 1 */
    int64_t v2;
    OK(framework_store_insert_version(db, &a, f.id, 2, "draft", t1, "{\"code\":\"st-fw\"}", 0, 1004, &v2));
    OK(framework_store_publish(db, &a, f.id, v2, 0, 1005));
    OK(framework_store_get_version(db, &a, v1, "/", &v));
    assert_string_equal(v.status, "retired");
    assert_int_equal(v.retired_at, 1005);
    OK(framework_store_get(db, &a, "/", f.id, &f));
    assert_int_equal(f.current_version_id, v2);
    assert_int_equal(f.latest_version, 2);
    assert_int_equal(f.n_versions, 2);
    assert_int_equal(f.draft_version_id, 0);
    framework_version_row_t *vs;
    size_t n;
    OK(framework_store_versions(db, &a, f.id, &vs, &n));
    assert_int_equal(n, 2);
    assert_int_equal(vs[0].version, 2);
    assert_null(vs[0].document);
    /* scope: the county itself, a town inside, the city above read it; the other county does not */
    const char *readers[] = {"/330000/330500/330521/", "/330000/330500/330521/330521001/", "/330000/330500/"};
    for (size_t i = 0; i < 3; i++)
        OK(framework_store_get_version(db, &a, v2, readers[i], &v));
    e = framework_store_get_version(db, &a, v2, "/330000/330500/330522/", &v);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);
    OK(framework_store_current_version(db, &a, "st-fw", "/330000/330500/330522/", &v, &found));
    assert_false(found);
    /* a national framework is read from anywhere */
    framework_row_t nat = {.code = "st-national", .name = "国家", .is_builtin = true};
    OK(framework_store_insert(db, &a, &nat, 0, 1000));
    int64_t nv;
    OK(framework_store_insert_version(db, &a, nat.id, 1, "draft", t1, "{}", 0, 1000, &nv));
    OK(framework_store_get_version(db, &a, nv, "/330000/330500/330522/", &v));
    framework_row_t *list;
    int64_t total;
    framework_filter_t flt = {.is_builtin = -1, .limit = 50};
    OK(framework_store_list(db, &a, "/330000/330500/330522/", &flt, &list, &n, &total));
    assert_int_equal(total, 1);
    assert_string_equal(list[0].code, "st-national");
    flt.status = "retired";
    OK(framework_store_list(db, &a, "/", &flt, &list, &n, &total));
    assert_int_equal(total, 1);
    /* drafts can be deleted, published versions cannot */
    OK(framework_store_delete_draft(db, &a, nv));
    e = framework_store_delete_draft(db, &a, v2);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
    OK(framework_store_retire(db, &a, v2, 1006));
    e = framework_store_retire(db, &a, v2, 1006);
    assert_non_null(e);
}

/* Tasks and visits: one routine task per inspector per month in the schema, targets added
 * once, 四不两直 in the school's scope, and 文号 counters per county per year. */
static void test_tasks_visits_scope_and_numbers(void **state) {
    (void)state;
    int64_t sid;
    inspector_t ins;
    bool found = false;
    OK(school_store_id_by_code(db, &a, "3133000777", &sid, &(const char *){NULL}));
    OK(inspector_store_find_cert(db, &a, "S-1", &ins, &found));
    assert_true(found);
    task_t t = {.kind = "routine",
                .title = "2026年12月经常性督导",
                .region_code = "330521",
                .notice_mode = "unannounced",
                .month = "2026-12",
                .owner_inspector_id = ins.id,
                .due_on = "2026-12-31",
                .status = "open"};
    OK(task_store_insert(db, &a, &t, 1000));
    task_t again = t;
    err_t *e = task_store_insert(db, &a, &again, 1000);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
    int64_t found_id;
    OK(task_store_find_routine(db, &a, ins.id, "2026-12", &found_id));
    assert_int_equal(found_id, t.id);
    OK(task_store_add_member(db, &a, t.id, ins.id, "leader"));
    bool added;
    OK(task_store_add_target(db, &a, t.id, sid, "330521001", 1000, &added));
    assert_true(added);
    OK(task_store_add_target(db, &a, t.id, sid, "330521001", 1000, &added));
    assert_false(added);

    /* the inspector account sees it; the school does not until a visit is submitted */
    scope_t as_inspector = {.inspector_user_id = ins.user_id}, as_school = {.school_id = sid};
    task_t got;
    OK(task_store_get(db, &a, &as_inspector, t.id, &got));
    assert_int_equal(got.n_targets, 1);
    e = task_store_get(db, &a, &as_school, t.id, &got);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);
    task_target_row_t g;
    OK(task_store_get_target(db, &a, got.targets[0].id, &g));
    visit_t v = {.task_id = t.id,
                 .target_id = g.id,
                 .school_id = sid,
                 .region_code = "330521001",
                 .inspector_id = ins.id,
                 .visit_date = "2026-12-01"};
    OK(visit_store_insert(db, &a, &v, 1000));
    scope_t vs_school = {.school_id = sid};
    assert_non_null(visit_store_get(db, &a, &vs_school, v.id, &(visit_t){0}));
    OK(visit_store_save(db, &a, v.id, 0, "{}", NULL, 1001));
    e = visit_store_save(db, &a, v.id, 0, "{}", NULL, 1002); /* stale revision */
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
    OK(visit_store_set_result(db, &a, v.id, "{}", true, 90, "优秀", false, "{}", true, 0, 1003));
    e = visit_store_save(db, &a, v.id, 2, "{}", NULL, 1004);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_LOCKED);
    OK(task_store_get(db, &a, &as_school, t.id, &got));
    OK(visit_store_get(db, &a, &vs_school, v.id, &(visit_t){0}));

    /* 文号: 1, 2 in 德清 2026; 1 again in another year and in another county */
    int64_t seq;
    OK(doc_counter_next(db, &a, "330521", 2026, "opinion", &seq));
    assert_int_equal(seq, 1);
    OK(doc_counter_next(db, &a, "330521", 2026, "opinion", &seq));
    assert_int_equal(seq, 2);
    OK(doc_counter_next(db, &a, "330521", 2027, "opinion", &seq));
    assert_int_equal(seq, 1);
    OK(doc_counter_next(db, &a, "330500", 2026, "opinion", &seq));
    assert_int_equal(seq, 1);
    visit_document_t d = {.kind = "opinion",
                          .visit_id = v.id,
                          .county_code = "330521",
                          .year = 2026,
                          .seq = 2,
                          .doc_no = "德督〔2026〕2号",
                          .body_json = "{}"};
    OK(visit_store_insert_document(db, &a, &d, 1005));
    visit_document_t dup = d;
    e = visit_store_insert_document(db, &a, &dup, 1006);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
}

/* The 问题台账's store: scope (a school never sees a draft), filters and counts, the event
 * history in order, document numbers per county and year, one 督办单 per finding. */
static void test_findings_ledger(void **state) {
    (void)state;
    int64_t sid;
    OK(school_store_insert_min(db, &a, "2133000888", "台账测试小学", "330521001", 1000, &sid));
    finding_t f = {.region_code = "330521001",
                   .school_id = sid,
                   .source = "manual",
                   .severity = "serious",
                   .description = "消防通道堵塞",
                   .indicator_code = "B2.1",
                   .state = "draft"};
    OK(finding_store_insert(db, &a, &f, 1000));
    assert_string_equal(f.county_code, "330521");
    scope_t county = {.region_path = "/330000/330500/330521/"}, other = {.region_path = "/330000/330500/330522/"};
    scope_t school = {.region_path = "/", .school_id = sid};
    finding_t got;
    OK(finding_store_get(db, &a, &county, "2026-12-01", f.id, &got));
    assert_string_equal(got.state, "draft");
    assert_int_equal(got.school_id, sid);
    err_t *e = finding_store_get(db, &a, &other, "2026-12-01", f.id, &got);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);
    e = finding_store_get(db, &a, &school, "2026-12-01", f.id, &got);
    assert_non_null(e); /* a draft is not the school's to see */
    /* issued with a deadline: visible to the school, overdue after the deadline */
    got.state = "issued";
    got.issued_at = 2000;
    got.deadline = "2026-12-10";
    OK(finding_store_update(db, &a, &got, 2000));
    OK(finding_store_get(db, &a, &school, "2026-12-01", f.id, &got));
    assert_false(got.is_overdue);
    OK(finding_store_get(db, &a, &school, "2026-12-11", f.id, &got));
    assert_true(got.is_overdue);
    finding_filter_t flt = {.is_overdue = 1, .is_flagged = -1, .today = "2026-12-11", .limit = 20};
    finding_t *items;
    size_t n;
    int64_t total, counts[8];
    OK(finding_store_list(db, &a, &county, &flt, &items, &n, &total, NULL));
    assert_true(total >= 1);
    flt.today = "2026-12-01";
    OK(finding_store_list(db, &a, &county, &flt, &items, &n, &total, NULL));
    for (size_t i = 0; i < n; i++)
        assert_true(items[i].id != f.id);
    flt.is_overdue = -1;
    flt.indicator_code = "B2.1";
    OK(finding_store_counts(db, &a, &county, &flt, counts));
    assert_true(counts[1] >= 1); /* issued */
    /* events come back in order */
    finding_event_t e1 = {.finding_id = f.id, .kind = "created", .actor_name = "甲", .at = 1000};
    finding_event_t e2 = {.finding_id = f.id,
                          .kind = "issued",
                          .from_state = "draft",
                          .to_state = "issued",
                          .actor_name = "乙",
                          .data_json = "{\"deadline\":\"2026-12-10\"}",
                          .at = 2000};
    OK(finding_store_add_event(db, &a, &e1));
    OK(finding_store_add_event(db, &a, &e2));
    finding_event_t *evs;
    OK(finding_store_events(db, &a, f.id, &evs, &n));
    assert_int_equal(n, 2);
    assert_string_equal(evs[0].kind, "created");
    assert_string_equal(evs[1].to_state, "issued");
    /* document numbers: consecutive per county, year and kind */
    int64_t n1, n2, n3, n4;
    OK(doc_counter_next(db, &a, "330521", 2031, "notice", &n1));
    OK(doc_counter_next(db, &a, "330521", 2031, "notice", &n2));
    OK(doc_counter_next(db, &a, "330522", 2031, "notice", &n3));
    OK(doc_counter_next(db, &a, "330521", 2032, "notice", &n4));
    assert_int_equal(n2, n1 + 1);
    assert_int_equal(n3, 1);
    assert_int_equal(n4, 1);
    assert_string_equal(doc_no_text(&a, "德清县", "督改", 2031, 7), "德督改〔2031〕7号");
    /* one 督办单 per finding */
    supervision_order_t o = {.finding_id = f.id,
                             .region_code = "330521001",
                             .school_id = sid,
                             .county_code = "330521",
                             .order_no = "德督办〔2031〕1号",
                             .to_department = "德清县教育局",
                             .deadline = "2026-12-20",
                             .is_automatic = true,
                             .issued_on = "2026-12-13",
                             .created_at = 3000};
    bool is_new = false;
    OK(finding_store_add_order(db, &a, &o, &is_new));
    assert_true(is_new);
    OK(finding_store_add_order(db, &a, &o, &is_new));
    assert_false(is_new);
    OK(finding_store_get(db, &a, &county, "2026-12-01", f.id, &got));
    assert_string_equal(got.order_no, "德督办〔2031〕1号");
}

/* county items of the whole verdict: entered, re-entered (same id, check cleared), checked, and
 * listed only inside the scope. */
static void test_verdict_items(void **state) {
    (void)state;
    int64_t id = 0, id2 = 0;
    OK(verdict_store_item_put(db, &a, "330521", 2025, "g7", "{\"value\":6500}", "附件", 0, 1000, &id));
    assert_true(id > 0);
    verdict_item_row_t x;
    bool found = false;
    OK(verdict_store_item_get(db, &a, "330521", 2025, "g7", &x, &found));
    assert_true(found);
    assert_string_equal(x.status, "submitted");
    assert_string_equal(x.value, "{\"value\":6500}");
    OK(verdict_store_item_check(db, &a, id, "returned", "缺凭证", 0, 1100));
    OK(verdict_store_item_get(db, &a, "330521", 2025, "g7", &x, &found));
    assert_string_equal(x.status, "returned");
    assert_string_equal(x.check_note, "缺凭证");
    assert_int_equal(x.checked_at, 1100);
    OK(verdict_store_item_put(db, &a, "330521", 2025, "g7", "{\"value\":6200}", "", 0, 1200, &id2));
    assert_int_equal(id2, id);
    OK(verdict_store_item_get(db, &a, "330521", 2025, "g7", &x, &found));
    assert_string_equal(x.status, "submitted");
    assert_int_equal(x.checked_at, 0);
    assert_string_equal(x.check_note, "");
    OK(verdict_store_item_put(db, &a, "330521", 2025, "e1", "{\"value\":96}", "", 0, 1300, &id2));
    verdict_item_row_t *rows;
    size_t n;
    scope_t in = scope_region("/330000/330500/"), out = scope_region("/330000/330500/330522/");
    OK(verdict_store_items(db, &a, &in, "330521", 2025, &rows, &n));
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].item_key, "e1");
    OK(verdict_store_items(db, &a, &out, "330521", 2025, &rows, &n));
    assert_int_equal(n, 0);
    OK(verdict_store_item_get(db, &a, "330521", 2024, "g7", &x, &found));
    assert_false(found);
}

/* balance statistics: values read back exactly (areas with decimals, money above 2^31), the
 * region scope in the SQL, last year alongside, confirmations and finalised evaluations. */
static void test_balance_stats(void **state) {
    (void)state;
    int64_t id;
    const char *status;
    OK(school_store_id_by_code(db, &a, "3133000777", &id, &status));
    assert_true(id > 0);
    bal_stat_t st = {{0}};
    st.v[BF_P_STUDENTS] = 600;
    st.v[BF_P_TEACHERS] = 36;
    st.v[BF_ROOM_AREA] = 4567.25;
    st.v[BF_EQUIPMENT_VALUE] = 3210000000.5;
    st.v[BF_BOOKS] = 21000;
    OK(balance_store_put(db, &a, id, 2025, &st, 0, 1000));
    st.v[BF_BOOKS] = 12000;
    OK(balance_store_put(db, &a, id, 2024, &st, 0, 1000));
    st.v[BF_BOOKS] = 21000;
    OK(balance_store_put(db, &a, id, 2025, &st, 0, 1001)); /* replaces */
    bal_stat_t got;
    bool found = false;
    OK(balance_store_get(db, &a, id, 2025, &got, &found));
    assert_true(found);
    assert_true(got.v[BF_ROOM_AREA] == 4567.25);
    assert_true(got.v[BF_EQUIPMENT_VALUE] == 3210000000.5);
    assert_true(got.v[BF_BOOKS] == 21000);
    OK(balance_store_get(db, &a, id, 2023, &got, &found));
    assert_false(found);
    balance_school_row_t *rows;
    size_t n;
    OK(balance_store_schools(db, &a, "/330000/330500/330521/", "330521", NULL, 0, 2025, &rows, &n));
    size_t k = 0;
    while (k < n && rows[k].school_id != id)
        k++;
    assert_true(k < n);
    assert_true(rows[k].has_stat && rows[k].has_last);
    assert_string_equal(rows[k].county_code, "330521");
    assert_true(rows[k].last.v[BF_BOOKS] == 12000);
    const char *types[] = {"312", NULL}, *none[] = {"211", NULL};
    OK(balance_store_schools(db, &a, "/", "330500", types, id, 2025, &rows, &n));
    assert_int_equal(n, 1);
    OK(balance_store_schools(db, &a, "/", "330500", none, id, 2025, &rows, &n));
    assert_int_equal(n, 0);
    OK(balance_store_schools(db, &a, "/330000/330500/330522/", "330500", NULL, id, 2025, &rows, &n));
    assert_int_equal(n, 0); /* outside the scope */
    int64_t *years;
    OK(balance_store_years(db, &a, "330521", &years, &n));
    assert_int_equal(n, 2);
    assert_int_equal(years[0], 2025);
    OK(balance_store_ack_put(db, &a, id, 2025, "jump", "books", "21000", "新建图书馆", 0, 1002));
    OK(balance_store_ack_put(db, &a, id, 2025, "jump", "books", "21000", "新建图书馆投入使用", 0, 1003));
    balance_ack_t *acks;
    OK(balance_store_acks(db, &a, "330521", 2025, &acks, &n));
    assert_int_equal(n, 1);
    assert_string_equal(acks[0].note, "新建图书馆投入使用");
    const char *result;
    int64_t at;
    OK(balance_store_final_get(db, &a, "330521", 2025, &result, &at, &found));
    assert_false(found);
    OK(balance_store_final_put(db, &a, "330521", 2025, "{\"ok\":true}", true, false, 0, 1004));
    OK(balance_store_final_put(db, &a, "330521", 2025, "{\"ok\":1}", true, true, 0, 1005));
    OK(balance_store_final_get(db, &a, "330521", 2025, &result, &at, &found));
    assert_true(found);
    assert_string_equal(result, "{\"ok\":1}");
    assert_int_equal(at, 1005);
}

/* Scheduled jobs: one lease per period across instances, a failed run retried, the state as
 * status reports it. */
static void test_job_leases(void **state) {
    (void)state;
    OK(health_store_ping(db, &a));
    job_state_t st;
    bool found = true, claimed = false;
    OK(job_store_get(db, &a, "test.job", 1000, &st, &found));
    assert_false(found);
    OK(job_store_claim(db, &a, "test.job", "2026-12-01", "one", 1000, 1600, &claimed));
    assert_true(claimed);
    OK(job_store_claim(db, &a, "test.job", "2026-12-01", "two", 1001, 1601, &claimed));
    assert_false(claimed); /* the lease is held */
    OK(job_store_get(db, &a, "test.job", 1002, &st, &found));
    assert_true(found);
    assert_true(st.is_leased);
    assert_null(st.done_period);
    OK(job_store_finish(db, &a, "test.job", "two", "2026-12-01", 1003, "{}")); /* not the holder: nothing */
    OK(job_store_get(db, &a, "test.job", 1004, &st, &found));
    assert_true(st.is_leased);
    OK(job_store_finish(db, &a, "test.job", "one", NULL, 1005, "{\"error\":\"x\"}")); /* failed: retried */
    OK(job_store_get(db, &a, "test.job", 1006, &st, &found));
    assert_false(st.is_leased);
    assert_null(st.done_period);
    assert_int_equal(st.last_run_at, 1005);
    assert_string_equal(st.last_result, "{\"error\":\"x\"}");
    OK(job_store_claim(db, &a, "test.job", "2026-12-01", "two", 1007, 1607, &claimed));
    assert_true(claimed);
    OK(job_store_finish(db, &a, "test.job", "two", "2026-12-01", 1008, "{\"n\":1}"));
    OK(job_store_claim(db, &a, "test.job", "2026-12-01", "three", 1009, 1609, &claimed));
    assert_false(claimed); /* done for the period */
    OK(job_store_claim(db, &a, "test.job", "2026-12-02", "three", 1010, 1610, &claimed));
    assert_true(claimed); /* the next period */
    OK(job_store_get(db, &a, "test.job", 2000, &st, &found));
    assert_false(st.is_leased); /* an expired lease is not running */
    assert_string_equal(st.done_period, "2026-12-01");
    /* an expired lease is taken over */
    OK(job_store_claim(db, &a, "test.job", "2026-12-02", "four", 2000, 2600, &claimed));
    assert_true(claimed);
}

/* The store checks svc asks of attachments, regions, tasks, visits, frameworks and the
 * balance import's row savepoint. */
static void test_platform_and_visit_checks(void **state) {
    (void)state;
    region_t reg;
    OK(region_store_rename(db, &a, "330521", "德清县（改名）"));
    OK(region_store_get(db, &a, "/", "330521", &reg));
    assert_string_equal(reg.name, "德清县（改名）");
    OK(region_store_rename(db, &a, "330521", "德清县"));

    int64_t sid;
    inspector_t ins;
    bool found = false;
    OK(school_store_id_by_code(db, &a, "3133000777", &sid, &(const char *){NULL}));
    OK(inspector_store_find_cert(db, &a, "S-1", &ins, &found));
    int64_t task_id;
    OK(task_store_find_routine(db, &a, ins.id, "2026-12", &task_id));
    assert_true(task_id > 0);
    visit_filter_t vf = {.task_id = task_id, .limit = 10};
    visit_t *visits;
    size_t n_visits;
    int64_t total;
    OK(visit_store_list(db, &a, &SCOPE_ALL, &vf, &visits, &n_visits, &total));
    assert_true(n_visits >= 1);
    attachment_t photo = {.hash = "ab/abcdef",
                          .mime = "image/jpeg",
                          .size_bytes = 10,
                          .region_code = "330521001",
                          .school_id = sid,
                          .owner_kind = "visit",
                          .owner_id = visits[0].id,
                          .uploaded_by = ins.user_id};
    OK(attachment_store_insert(db, &a, &photo));
    attachment_t stranger = photo;
    stranger.uploaded_by = 0;
    OK(attachment_store_insert(db, &a, &stranger));
    attachment_t elsewhere = {
        .hash = "cd/cdef", .mime = "application/pdf", .size_bytes = 10, .region_code = "330522", .owner_kind = "other"};
    OK(attachment_store_insert(db, &a, &elsewhere));
    bool is = false;
    OK(visit_store_photo_is_visits(db, &a, visits[0].id, task_id, photo.id, &is));
    assert_true(is);
    OK(visit_store_photo_is_visits(db, &a, visits[0].id, task_id, stranger.id, &is));
    assert_false(is); /* uploaded by someone off the team */
    OK(visit_store_photo_is_visits(db, &a, visits[0].id + 1000, task_id, photo.id, &is));
    assert_false(is);
    OK(task_store_attachment_on_task(db, &a, task_id, photo.id, &is));
    assert_true(is); /* of a target school */
    OK(task_store_attachment_on_task(db, &a, task_id, elsewhere.id, &is));
    assert_false(is);

    bool is_namable = false;
    int64_t owner_school = 0;
    const char *owner_region = NULL;
    OK(attachment_store_owner_place(db, &a, "visit", visits[0].id, &is_namable, &found, &owner_school, &owner_region));
    assert_false(is_namable);
    OK(attachment_store_owner_place(db, &a, "finding", 99999999, &is_namable, &found, &owner_school, &owner_region));
    assert_true(is_namable);
    assert_false(found);
    db_rows_t r;
    OK(db_query(db, &a, "SELECT id, school_id, region_code FROM finding ORDER BY id LIMIT 1", DB_NOP, &r));
    assert_int_equal(r.n_rows, 1);
    OK(attachment_store_owner_place(db, &a, "finding", db_cell_int(&r, 0, 0), &is_namable, &found, &owner_school,
                                    &owner_region));
    assert_true(found);
    assert_int_equal(owner_school, db_cell_int(&r, 0, 1));
    assert_string_equal(owner_region, db_cell(&r, 0, 2));
}

static void test_framework_digest_and_row_savepoint(void **state) {
    (void)state;
    db_rows_t r;
    OK(db_query(db, &a, "SELECT framework_id, version, digest FROM framework_version ORDER BY id LIMIT 1", DB_NOP, &r));
    assert_int_equal(r.n_rows, 1);
    const char *digest = NULL;
    OK(framework_store_version_digest(db, &a, db_cell_int(&r, 0, 0), db_cell_int(&r, 0, 1), &digest));
    assert_non_null(digest);
    assert_string_equal(digest, db_cell(&r, 0, 2));
    OK(framework_store_version_digest(db, &a, db_cell_int(&r, 0, 0), 9999, &digest));
    assert_null(digest);

    /* a refused row is undone, a kept one stays, inside one transaction */
    int64_t sid;
    OK(school_store_id_by_code(db, &a, "3133000777", &sid, &(const char *){NULL}));
    bal_stat_t st = {{0}};
    st.v[BF_BOOKS] = 1;
    OK(db_begin(db, &a));
    OK(balance_store_row_begin(db, &a));
    OK(balance_store_put(db, &a, sid, 2019, &st, 0, 1000));
    OK(balance_store_row_end(db, &a, false));
    OK(balance_store_row_begin(db, &a));
    OK(balance_store_put(db, &a, sid, 2018, &st, 0, 1000));
    OK(balance_store_row_end(db, &a, true));
    OK(db_commit(db, &a));
    bool found = true;
    bal_stat_t got;
    OK(balance_store_get(db, &a, sid, 2019, &got, &found));
    assert_false(found);
    OK(balance_store_get(db, &a, sid, 2018, &got, &found));
    assert_true(found);
}

/* Import progress lives in the database: written from one connection, read from another (as
 * another instance would), restarted under the same id, expired after IMPORT_JOB_KEEP_S. */
static void test_import_jobs_shared_and_expiring(void **state) {
    (void)state;
    int64_t u = add_user("job_user", "admin", "330521", 0);
    db_t *other;
    OK(db_open(db_url, &other, &a));
    import_job_row_t g;
    bool found = true;
    OK(import_job_store_get(other, &a, u, "job-000001", 5000, &g, &found));
    assert_false(found);
    OK(import_job_store_start(db, &a, u, "job-000001", 5000));
    OK(import_job_store_progress(db, &a, u, "job-000001", "importing", 0, 40, false, 5001));
    OK(import_job_store_progress(db, &a, u, "job-000001", NULL, 12, -1, true, 5002));
    OK(import_job_store_get(other, &a, u, "job-000001", 5002, &g, &found));
    assert_true(found);
    assert_string_equal(g.phase, "importing");
    assert_int_equal(g.rows_done, 12);
    assert_int_equal(g.rows_total, 40);
    assert_null(g.result);
    OK(import_job_store_get(other, &a, u + 1000, "job-000001", 5002, &g, &found));
    assert_false(found); /* only its user */
    OK(import_job_store_finish(db, &a, u, "job-000001", "done", 40, "{\"n_rows\":40}", 5003));
    OK(import_job_store_get(other, &a, u, "job-000001", 5003 + IMPORT_JOB_KEEP_S, &g, &found));
    assert_true(found);
    assert_string_equal(g.phase, "done");
    assert_int_equal(g.rows_done, 40);
    assert_string_equal(g.result, "{\"n_rows\":40}");
    OK(import_job_store_get(other, &a, u, "job-000001", 5004 + IMPORT_JOB_KEEP_S, &g, &found));
    assert_false(found); /* expired */
    /* the same id again starts over; a new start removes expired jobs */
    OK(import_job_store_start(db, &a, u, "job-000001", 9000));
    OK(import_job_store_get(other, &a, u, "job-000001", 9000, &g, &found));
    assert_true(found);
    assert_string_equal(g.phase, "counting");
    assert_int_equal(g.rows_done, 0);
    assert_null(g.result);
    /* a row's savepoint: rolled back rows leave nothing, kept rows stay */
    OK(db_begin(db, &a));
    OK(import_job_store_row_begin(db, &a));
    OK(import_job_store_finish(db, &a, u, "job-000001", "failed", 1, "{}", 9001));
    OK(import_job_store_row_end(db, &a, false));
    OK(import_job_store_row_begin(db, &a));
    OK(import_job_store_progress(db, &a, u, "job-000001", NULL, 7, -1, false, 9002));
    OK(import_job_store_row_end(db, &a, true));
    OK(db_commit(db, &a));
    OK(import_job_store_get(other, &a, u, "job-000001", 9002, &g, &found));
    assert_string_equal(g.phase, "counting");
    assert_int_equal(g.rows_done, 7);
    db_close(other);
}

/* surveys: a round's cell and codes, a code used once, a response with the day only, the
 * tallies by cell and value, and the attempt counter per window. */
static void test_surveys_codes_responses_tallies(void **state) {
    (void)state;
    OK(survey_store_builtin_sync(db, &a, "s-test", "测试问卷", NULL, "{}", "d1", 1000));
    OK(survey_store_builtin_sync(db, &a, "s-test", "测试问卷", NULL, "{}", "d1", 1001)); /* idempotent */
    survey_version_row_t *v;
    size_t n;
    OK(survey_store_versions(db, &a, &SCOPE_ALL, &v, &n));
    size_t k = 0;
    while (k < n && strcmp(v[k].code, "s-test") != 0)
        k++;
    assert_true(k < n);
    assert_int_equal(v[k].version, 1);
    survey_round_row_t r = {.form_version_id = v[k].id,
                            .title = "测试",
                            .region_code = "330521",
                            .opens_on = "2026-01-01",
                            .closes_on = "2026-01-31",
                            .min_n = 10,
                            .created_at = 1000};
    int64_t round_id, cell_id;
    OK(survey_store_round_insert(db, &a, &r, 0, &round_id));
    survey_cell_row_t c = {.position = 1, .group_code = "parent", .quota = 2, .weight = 1.5};
    OK(survey_store_cell_insert(db, &a, round_id, &c, &cell_id));
    const char *codes[] = {"STORETEST1", "STORETEST2"};
    OK(survey_store_codes_insert(db, &a, round_id, cell_id, codes, 2));
    bool changed, found;
    OK(survey_store_code_use(db, &a, "STORETEST1", &changed));
    assert_true(changed);
    OK(survey_store_code_use(db, &a, "STORETEST1", &changed));
    assert_false(changed);
    survey_code_info_t ci;
    OK(survey_store_code_info(db, &a, "STORETEST1", &ci, &found));
    assert_true(found && ci.is_used);
    assert_string_equal(ci.group_code, "parent");
    survey_value_t vals[] = {{"Q1", "5", "l"}, {"Q2", "dk", "l"}, {"T", "好", "t"}};
    OK(survey_store_response_insert(db, &a, round_id, cell_id, "2026-01-02", vals, 3));
    survey_tally_row_t *t;
    OK(survey_store_tallies(db, &a, round_id, &t, &n));
    assert_int_equal(n, 2);
    OK(survey_store_answers_of_kind(db, &a, round_id, "t", &t, &n));
    assert_int_equal(n, 1);
    assert_string_equal(t[0].value, "好");
    survey_cell_row_t *cells;
    OK(survey_store_cells(db, &a, round_id, &cells, &n));
    assert_int_equal(n, 1);
    assert_int_equal(cells[0].n_codes, 2);
    assert_int_equal(cells[0].n_used, 1);
    assert_int_equal(cells[0].n_responses, 1);
    assert_true(cells[0].weight == 1.5);
    scope_t other = scope_region("/330000/330500/330522/");
    survey_round_row_t got;
    OK(survey_store_round_get(db, &a, &other, round_id, &got, &found));
    assert_false(found);
    int64_t count;
    OK(survey_store_rate_hit(db, &a, "b1", 6000, 5400, &count));
    OK(survey_store_rate_hit(db, &a, "b1", 6000, 5400, &count));
    assert_int_equal(count, 2);
    OK(survey_store_rate_hit(db, &a, "b1", 6600, 6000, &count));
    assert_int_equal(count, 1);
    /* a low-scoring question at a school opens one finding, once */
    int64_t sid;
    OK(school_store_insert_min(db, &a, "2133000919", "问卷测试小学", "330521001", 1000, &sid));
    finding_t f = {.region_code = "330521001",
                   .school_id = sid,
                   .source = "manual",
                   .severity = "general",
                   .description = "满意度低",
                   .state = "draft"};
    OK(finding_store_insert(db, &a, &f, 1000));
    OK(survey_store_finding_insert(db, &a, round_id, sid, "Q1", f.id));
    err_t *e = survey_store_finding_insert(db, &a, round_id, sid, "Q1", f.id);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_CONFLICT);
    survey_finding_row_t *links;
    OK(survey_store_findings(db, &a, round_id, &links, &n));
    assert_int_equal(n, 1);
    assert_int_equal(links[0].school_id, sid);
    assert_string_equal(links[0].item, "Q1");
    assert_int_equal(links[0].finding_id, f.id);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs("usage: store_suite DB_URL (an empty database)\n", stderr);
        return 2;
    }
    db_url = argv[1];
    hash_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrations_are_idempotent),
        cmocka_unit_test(test_regions_and_scope),
        cmocka_unit_test(test_transaction_rollback_leaves_nothing),
        cmocka_unit_test(test_parameters_by_number),
        cmocka_unit_test(test_rows_helpers),
        cmocka_unit_test(test_users_scope_filters_and_conflicts),
        cmocka_unit_test(test_lockout_counting),
        cmocka_unit_test(test_sessions),
        cmocka_unit_test(test_login_throttle),
        cmocka_unit_test(test_audit_chain_in_the_database),
        cmocka_unit_test(test_audit_head_and_checkpoints),
        cmocka_unit_test(test_schools_sections_and_scopes),
        cmocka_unit_test(test_assignments_one_lead_and_inspector_scope),
        cmocka_unit_test(test_roster_descriptor_coverage_and_exports),
        cmocka_unit_test(test_zones_and_settings),
        cmocka_unit_test(test_framework_versions_and_scope),
        cmocka_unit_test(test_tasks_visits_scope_and_numbers),
        cmocka_unit_test(test_findings_ledger),
        cmocka_unit_test(test_findings_jobs_store),
        cmocka_unit_test(test_findings_stats_and_visit_drafts),
        cmocka_unit_test(test_bulletin_store),
        cmocka_unit_test(test_complaint_store),
        cmocka_unit_test(test_accountability_store),
        cmocka_unit_test(test_monitoring_store),
        cmocka_unit_test(test_draws_store),
        cmocka_unit_test(test_balance_stats),
        cmocka_unit_test(test_verdict_items),
        cmocka_unit_test(test_job_leases),
        cmocka_unit_test(test_platform_and_visit_checks),
        cmocka_unit_test(test_framework_digest_and_row_savepoint),
        cmocka_unit_test(test_import_jobs_shared_and_expiring),
        cmocka_unit_test(test_surveys_codes_responses_tallies),
    };
    return cmocka_run_group_tests_name(strncmp(db_url, "sqlite:", 7) == 0 ? "store(sqlite)" : "store(postgres)", tests,
                                       suite_setup, suite_teardown);
}
