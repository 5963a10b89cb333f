/* stmt_cache: a per-connection map from SQL text to a backend's prepared statement, so each
 * statement is prepared once per connection. Fixed capacity; when full, new statements are
 * not cached (the caller prepares and releases them each time), which bounds memory even if
 * some caller builds unbounded SQL variants. Not thread-safe (one connection, one thread). */
#ifndef DUDAO_STMT_CACHE_H
#define DUDAO_STMT_CACHE_H

#include <stddef.h>

enum { STMT_CACHE_CAP = 512 };

typedef struct stmt_cache_entry {
    char *sql;    /* owned copy; NULL marks an empty slot */
    void *handle; /* backend statement (sqlite3_stmt *) or index for PostgreSQL names */
} stmt_cache_entry_t;

typedef struct stmt_cache {
    stmt_cache_entry_t slots[STMT_CACHE_CAP];
    size_t n_used;
} stmt_cache_t;

/* The cached handle for sql, or NULL. */
void *stmt_cache_get(const stmt_cache_t *c, const char *sql);
/* Stores handle for sql; returns 0, or -1 when the cache is full (nothing stored). */
int stmt_cache_put(stmt_cache_t *c, const char *sql, void *handle);
/* Calls release(handle) for every entry and empties the cache. */
void stmt_cache_clear(stmt_cache_t *c, void (*release)(void *handle));

#endif
