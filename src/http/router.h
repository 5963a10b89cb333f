/* router: matches a method and path against the route table. Pure; thread-safe.
 * A pattern segment "{name}" matches one non-empty path segment, captured in order. */
#ifndef DUDAO_ROUTER_H
#define DUDAO_ROUTER_H

#include "api/api.h"

typedef enum router_result {
    ROUTER_FOUND,
    ROUTER_NOT_FOUND,       /* no route has this path */
    ROUTER_BAD_METHOD,      /* the path exists with other methods */
} router_result_t;

/* On ROUTER_FOUND, *out is the route and params[0..*n_params) point into a copy of path in
 * the arena. */
router_result_t router_match(const api_route_t *routes, size_t n_routes, const char *method, const char *path,
                             arena_t *a, const api_route_t **out, const char **params, size_t *n_params);

/* router_match over every table of api_route_tables: the first route found wins; a path that
 * exists in any table with other methods is ROUTER_BAD_METHOD. */
router_result_t router_match_tables(const api_route_table_t *const *tables, const char *method, const char *path,
                                    arena_t *a, const api_route_t **out, const char **params, size_t *n_params);

#endif
