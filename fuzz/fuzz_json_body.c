/* libFuzzer: a request body as the dispatcher decodes it (http/server.c dispatch_prepare):
 * jansson with duplicate keys refused, then the route's field rules (api_check_fields). The
 * first byte picks the route among those that take a JSON body, so every route's rules are
 * fuzzed. Seeds: fuzz/corpus/json_body. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "api/api.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static const api_route_t *route_pick(unsigned k) {
    size_t n_json = 0;
    for (const api_route_table_t *const *t = api_route_tables; *t; t++)
        for (size_t i = 0; i < (*t)->n_routes; i++)
            n_json += (*t)->routes[i].fields != NULL;
    if (!n_json) return NULL;
    size_t want = k % n_json;
    for (const api_route_table_t *const *t = api_route_tables; *t; t++)
        for (size_t i = 0; i < (*t)->n_routes; i++)
            if ((*t)->routes[i].fields && want-- == 0) return &(*t)->routes[i];
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n) {
    if (n < 1) return 0;
    const api_route_t *rt = route_pick(data[0]);
    if (!rt) return 0;
    json_error_t jerr;
    json_t *body = json_loadb((const char *)data + 1, n - 1, JSON_REJECT_DUPLICATES, &jerr);
    if (!body) return 0;
    arena_t a;
    arena_init(&a);
    fuzz_check_err(api_check_fields(&a, body, rt->fields));
    /* what a handler then does with a checked body: read each declared field by its type */
    for (const api_field_t *f = rt->fields; f->name; f++) {
        json_t *v = json_object_get(body, f->name);
        if (v && json_is_string(v)) (void)strlen(json_string_value(v));
    }
    json_decref(body);
    arena_free(&a);
    return 0;
}
