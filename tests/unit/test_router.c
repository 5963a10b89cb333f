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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_and_method),
        cmocka_unit_test(test_params_are_captured),
        cmocka_unit_test(test_real_table_has_no_duplicates),
    };
    return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
