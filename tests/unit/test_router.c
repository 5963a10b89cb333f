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

static router_result_t match(const char *m, const char *p, const api_route_t **rt, const char **params,
                             size_t *n, arena_t *a) {
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
    for (size_t i = 0; i < api_n_routes; i++)
        for (size_t j = i + 1; j < api_n_routes; j++)
            assert_false(strcmp(api_routes[i].method, api_routes[j].method) == 0 &&
                         strcmp(api_routes[i].path, api_routes[j].path) == 0);
    /* every mutating route declares a body limit, and its fields unless it takes a file */
    for (size_t i = 0; i < api_n_routes; i++)
        if (strcmp(api_routes[i].method, "GET") != 0) {
            assert_true(api_routes[i].body_limit > 0);
            assert_true(api_routes[i].fields || strstr(api_routes[i].path, "/imports/") || strstr(api_routes[i].path, "/photo"));
        }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_and_method),
        cmocka_unit_test(test_params_are_captured),
        cmocka_unit_test(test_real_table_has_no_duplicates),
    };
    return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
