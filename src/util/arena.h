/* arena: a bump allocator that owns every allocation of one request or one command.
 *
 * Memory comes from malloc'd chunks; nothing is freed individually. arena_free releases all
 * chunks at once. Allocation never fails: out of memory aborts the process (design rule 4).
 * Not thread-safe: an arena belongs to one thread at a time. */
#ifndef DUDAO_ARENA_H
#define DUDAO_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena_chunk arena_chunk_t;
typedef struct arena {
    arena_chunk_t *head;   /* newest chunk first */
    size_t n_allocated;    /* bytes handed out, for diagnostics and tests */
} arena_t;

void arena_init(arena_t *a);
/* Releases every chunk; the arena may be used again afterwards. */
void arena_free(arena_t *a);
/* Returns n bytes aligned for any type, zeroed. n == 0 returns a valid unique pointer. */
void *arena_alloc(arena_t *a, size_t n);
/* Copies s (NUL-terminated); NULL stays NULL. */
char *arena_strdup(arena_t *a, const char *s);
/* Copies n bytes of s and terminates them. */
char *arena_strndup(arena_t *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(arena_t *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena_t *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
