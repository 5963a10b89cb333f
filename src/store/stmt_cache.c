#include "store/stmt_cache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t stmt_cache_hash(const char *s) {
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

void *stmt_cache_get(const stmt_cache_t *c, const char *sql) {
    size_t i = stmt_cache_hash(sql) % STMT_CACHE_CAP;
    for (size_t probe = 0; probe < STMT_CACHE_CAP; probe++, i = (i + 1) % STMT_CACHE_CAP) {
        const stmt_cache_entry_t *e = &c->slots[i];
        if (!e->sql) return NULL;
        if (strcmp(e->sql, sql) == 0) return e->handle;
    }
    return NULL;
}

int stmt_cache_put(stmt_cache_t *c, const char *sql, void *handle) {
    /* Keep a quarter free so probe chains stay short. */
    if (c->n_used >= STMT_CACHE_CAP * 3 / 4) return -1;
    size_t i = stmt_cache_hash(sql) % STMT_CACHE_CAP;
    while (c->slots[i].sql) i = (i + 1) % STMT_CACHE_CAP;
    c->slots[i].sql = strdup(sql);
    if (!c->slots[i].sql) abort();
    c->slots[i].handle = handle;
    c->n_used++;
    return 0;
}

void stmt_cache_clear(stmt_cache_t *c, void (*release)(void *handle)) {
    for (size_t i = 0; i < STMT_CACHE_CAP; i++) {
        if (!c->slots[i].sql) continue;
        if (release) release(c->slots[i].handle);
        free(c->slots[i].sql);
        c->slots[i].sql = NULL;
        c->slots[i].handle = NULL;
    }
    c->n_used = 0;
}
