#include "http/router.h"

#include <string.h>

/* Matches one pattern against the path; captures go to params. */
static bool router_path_match(const char *pattern, const char *path, arena_t *a, const char **params,
                              size_t *n_params) {
    size_t n = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *pend = strchr(p, '}');
            const char *send = strchr(s, '/');
            if (!pend) return false;
            if (!send) send = s + strlen(s);
            if (send == s || n >= API_MAX_PATH_PARAMS) return false;
            params[n++] = arena_strndup(a, s, (size_t)(send - s));
            p = pend + 1;
            s = send;
        } else {
            if (*p != *s) return false;
            p++;
            s++;
        }
    }
    if (*p || *s) return false;
    *n_params = n;
    return true;
}

router_result_t router_match(const api_route_t *routes, size_t n_routes, const char *method, const char *path,
                             arena_t *a, const api_route_t **out, const char **params, size_t *n_params) {
    bool has_path = false;
    for (size_t i = 0; i < n_routes; i++) {
        size_t n = 0;
        if (!router_path_match(routes[i].path, path, a, params, &n)) continue;
        has_path = true;
        if (strcmp(routes[i].method, method) == 0) {
            *out = &routes[i];
            *n_params = n;
            return ROUTER_FOUND;
        }
    }
    return has_path ? ROUTER_BAD_METHOD : ROUTER_NOT_FOUND;
}

router_result_t router_match_tables(const api_route_table_t *const *tables, const char *method, const char *path,
                                    arena_t *a, const api_route_t **out, const char **params, size_t *n_params) {
    bool has_path = false;
    for (; *tables; tables++) {
        router_result_t r =
            router_match((*tables)->routes, (*tables)->n_routes, method, path, a, out, params, n_params);
        if (r == ROUTER_FOUND) return r;
        if (r == ROUTER_BAD_METHOD) has_path = true;
    }
    return has_path ? ROUTER_BAD_METHOD : ROUTER_NOT_FOUND;
}
