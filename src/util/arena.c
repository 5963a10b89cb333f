#include "util/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_CHUNK_MIN = 16 * 1024 };

struct arena_chunk {
    arena_chunk_t *next;
    size_t cap;
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

static void *arena_xmalloc(size_t n) {
    void *p = malloc(n);
    if (!p) {
        fputs("dudao: out of memory\n", stderr);
        abort();
    }
    return p;
}

void arena_init(arena_t *a) {
    a->head = NULL;
    a->n_allocated = 0;
}

void arena_free(arena_t *a) {
    arena_chunk_t *c = a->head;
    while (c) {
        arena_chunk_t *next = c->next;
        free(c);
        c = next;
    }
    arena_init(a);
}

/* n bytes, aligned, not cleared */
static void *arena_alloc_raw(arena_t *a, size_t n) {
    const size_t align = alignof(max_align_t);
    size_t need = (n + align - 1) & ~(align - 1);
    if (need == 0) need = align;
    arena_chunk_t *c = a->head;
    if (!c || c->cap - c->used < need) {
        size_t cap = need > ARENA_CHUNK_MIN ? need : ARENA_CHUNK_MIN;
        /* Grow chunk sizes with the arena so big requests do not make thousands of chunks. */
        if (c && c->cap * 2 > cap && c->cap < 1024 * 1024) cap = c->cap * 2;
        c = arena_xmalloc(sizeof *c + cap);
        c->cap = cap;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += need;
    a->n_allocated += need;
    return p;
}

void *arena_alloc(arena_t *a, size_t n) {
    void *p = arena_alloc_raw(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena_t *a, const char *s, size_t n) {
    char *d = arena_alloc_raw(a, n + 1); /* every byte is written below */
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(arena_t *a, const char *s) {
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena_t *a, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    char *d = arena_alloc(a, (size_t)n + 1);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    return d;
}

char *arena_printf(arena_t *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *d = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return d;
}
