#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "http/router.h"

static err_t *h_dummy(api_req_t *r) {
    (void)r;
    return NULL;
}

static const api_route_t routes[] = {
    {"GET", "/api/v1/users", h_dummy, 0, 0, NULL, NULL, "t", "list", 200, false},
    {"POST", "/api/v1/users", h_dummy, 0, 0, NULL, NULL, "t", "create", 201, false},
    {"GET", "/api/v1/users/{id}", h_dummy, 0, 0, NULL, NULL, "t", "get", 200, false},
    {"POST", "/api/v1/users/{id}/password", h_dummy, 0, 0, NULL, NULL, "t", "reset", 204, false},
    {"GET", "/api/v1/tasks/{task}/visits/{visit}", h_dummy, 0, 0, NULL, NULL, "t", "nested", 200, false},
};
#define N (sizeof routes / sizeof routes[0])

static router_result_t match(const char *m, const char *p, const api_route_t **rt, const char **params, size_t *n,
                             arena_t *a) {
    return router_match(routes, N, m, p, a, rt, params, n);
}

static void test_exact_and_method(void **state) {
    (void)state;
    arena_t a;
    arena_init(&a);
    const api_route_t *rt = NULL;
    const char *params[API_MAX_PATH_PARAMS];
    size_t n = 0;
    assert_int_equal(match("GET", "/api/v1/users", &rt, params, &n, &a), ROUTER_FOUND);
    assert_string_equal(rt->summary, "list");
    assert_int_equal(match("POST", "/api/v1/users", &rt, params, &n, &a), ROUTER_FOUND);
    assert_string_equal(rt->summary, "create");
    assert_int_equal(match("DELETE", "/api/v1/users", &rt, params, &n, &a), ROUTER_BAD_METHOD);
    assert_int_equal(match("GET", "/api/v1/user", &rt, params, &n, &a), ROUTER_NOT_FOUND);
    assert_int_equal(match("GET", "/api/v1/users/", &rt, params, &n, &a), ROUTER_NOT_FOUND);
    assert_int_equal(match("GET", "/api/v1/usersx", &rt, params, &n, &a), ROUTER_NOT_FOUND);
    arena_free(&a);
}

static void test_params_are_captured(void **state) {
    (void)state;
    arena_t a;
    arena_init(&a);
    const api_route_t *rt = NULL;
    const char *params[API_MAX_PATH_PARAMS];
    size_t n = 0;
    assert_int_equal(match("GET", "/api/v1/users/42", &rt, params, &n, &a), ROUTER_FOUND);
    assert_int_equal(n, 1);
    assert_string_equal(params[0], "42");
    assert_int_equal(match("POST", "/api/v1/users/7/password", &rt, params, &n, &a), ROUTER_FOUND);
    assert_string_equal(rt->summary, "reset");
    assert_string_equal(params[0], "7");
    assert_int_equal(match("GET", "/api/v1/tasks/3/visits/99", &rt, params, &n, &a), ROUTER_FOUND);
    assert_int_equal(n, 2);
    assert_string_equal(params[0], "3");
    assert_string_equal(params[1], "99");
    /* a parameter never spans segments and is never empty */
    assert_int_equal(match("GET", "/api/v1/users/4/2", &rt, params, &n, &a), ROUTER_NOT_FOUND);
    assert_int_equal(match("GET", "/api/v1/tasks//visits/1", &rt, params, &n, &a), ROUTER_NOT_FOUND);
    assert_int_equal(match("GET", "/api/v1/users/42/password", &rt, params, &n, &a), ROUTER_BAD_METHOD);
    arena_free(&a);
}

static void test_real_table_has_no_duplicates(void **state) {
    (void)state;
    const api_route_t *all[1024];
    size_t n = 0;
    for (const api_route_table_t *const *t = api_route_tables; *t; t++)
        for (size_t i = 0; i < (*t)->n_routes; i++) {
            assert_true(n < sizeof all / sizeof all[0]);
            all[n++] = &(*t)->routes[i];
        }
    assert_true(n > 40);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            assert_false(strcmp(all[i]->method, all[j]->method) == 0 && strcmp(all[i]->path, all[j]->path) == 0);
    /* every mutating route declares a body limit, and its fields unless it takes a file (a
     * body larger than JSON's limit: photos, attachments, imports); a DELETE may take none */
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->method, "GET") != 0 &&
            !(strcmp(all[i]->method, "DELETE") == 0 && !all[i]->body_limit && !all[i]->fields)) {
            if (!all[i]->body_limit || !(all[i]->fields || all[i]->body_limit > API_JSON_LIMIT))
                fprintf(stderr, "route without fields or a body limit: %s %s\n", all[i]->method, all[i]->path);
            assert_true(all[i]->body_limit > 0);
            assert_true(all[i]->fields || all[i]->body_limit > API_JSON_LIMIT);
        }
    /* the dispatcher finds a route of a table other than the first as well as one of the first */
    arena_t a;
    arena_init(&a);
    const api_route_t *rt = NULL;
    const char *params[API_MAX_PATH_PARAMS];
    size_t np = 0;
    assert_int_equal(router_match_tables(api_route_tables, "GET", "/healthz", &a, &rt, params, &np), ROUTER_FOUND);
    assert_int_equal(router_match_tables(api_route_tables, "DELETE", "/healthz", &a, &rt, params, &np),
                     ROUTER_BAD_METHOD);
    assert_int_equal(router_match_tables(api_route_tables, "GET", "/api/v1/nothing", &a, &rt, params, &np),
                     ROUTER_NOT_FOUND);
    arena_free(&a);
}

/* A query of name=value pairs for api_check_query. */
static const char *kv_get(void *ctx, const char *name) {
    for (const char *const *kv = ctx; kv[0]; kv += 2)
        if (strcmp(kv[0], name) == 0) return kv[1];
    return NULL;
}

static const api_param_t checked[] = {
    API_Q_PAGING,
    API_Q_ID("school_id", "school"),
    API_Q_BOOL("is_private", "private"),
    API_Q_DATE("from", "from"),
    API_Q_NUMBER("lat", "latitude"),
    API_Q_ENUM("state", "state", "pending|approved|refused"),
    API_Q_REQUIRED("kind", "kind"),
    API_Q_STR("q", "text"),
    {0},
};

/* The field the check names, or NULL when the query passes. */
static const char *check(arena_t *a, const char *const *kv) {
    err_t *e = api_check_query(a, checked, kv_get, (void *)kv);
    if (e) assert_int_equal(e->code, ERR_INVALID);
    return e ? e->field : NULL;
}

static void test_declared_query_is_checked(void **state) {
    (void)state;
    arena_t a;
    arena_init(&a);
    assert_null(check(&a, (const char *[]){"kind", "x", NULL}));
    assert_null(check(&a, (const char *[]){"kind", "x", "page", "3", "page_size", "200", "school_id", "9",
                                           "is_private", "false", "from", "2026-02-28", "lat", "30.5", "state",
                                           "approved", "q", "任意", "undeclared", "??", NULL}));
    /* an empty value is absent */
    assert_null(check(&a, (const char *[]){"kind", "x", "page", "", "school_id", "", NULL}));
    assert_string_equal(check(&a, (const char *[]){NULL}), "kind");
    assert_string_equal(check(&a, (const char *[]){"kind", "", NULL}), "kind");
    assert_string_equal(check(&a, (const char *[]){"kind", "x", "page_size", "201", NULL}), "page_size");
    assert_string_equal(check(&a, (const char *[]){"kind", "x", "page", "0", NULL}), "page");
    assert_string_equal(check(&a, (const char *[]){"kind", "x", "page", "1x", NULL}), "page");
    assert_string_equal(check(&a, (const char *[]){"kind", "x", "school_id", "99999999999999999999", NULL}),
                        "school_id");
    assert_string_equal(check(&a, (const char *[]){"kind", "x", "is_private", "1", NULL}), "is_private");
    assert_string_equal(check(&a, (const char *[]){"kind", "x", "from", "2026-02-30", NULL}), "from");
    assert_string_equal(check(&a, (const char *[]){"kind", "x", "lat", "north", NULL}), "lat");
    assert_string_equal(check(&a, (const char *[]){"kind", "x", "state", "pend", NULL}), "state");
    assert_string_equal(check(&a, (const char *[]){"kind", "x", "state", "pending|approved", NULL}), "state");
    arena_free(&a);
}

static void test_real_table_declares_typed_paging(void **state) {
    (void)state;
    /* every route that pages declares both page and page_size as bounded integers */
    for (const api_route_table_t *const *t = api_route_tables; *t; t++)
        for (size_t i = 0; i < (*t)->n_routes; i++) {
            const api_route_t *rt = &(*t)->routes[i];
            for (const api_param_t *q = rt->query; q && q->name; q++) {
                if (strcmp(q->name, "page_size") == 0) {
                    assert_int_equal(q->type, PT_INT);
                    assert_int_equal(q->max, 200);
                }
                if (strcmp(q->name, "inline") == 0) assert_string_equal(q->values, "0|1");
                if (q->type == PT_ENUM) assert_non_null(q->values);
            }
        }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_and_method),
        cmocka_unit_test(test_params_are_captured),
        cmocka_unit_test(test_real_table_has_no_duplicates),
        cmocka_unit_test(test_declared_query_is_checked),
        cmocka_unit_test(test_real_table_declares_typed_paging),
    };
    return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
