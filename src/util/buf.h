/* buf: a growable byte buffer for output (responses, SQL text, CSV), and str_t, a string
 * that carries its length (design rule 6).
 *
 * A buf_t owns its malloc'd memory until buf_free or buf_detach. The content is always
 * NUL-terminated so it can be handed to C APIs. Out of memory aborts. Not thread-safe. */
#ifndef DUDAO_BUF_H
#define DUDAO_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct str {
    const char *p;
    size_t n;
} str_t;

#define STR_LIT(s) ((str_t){(s), sizeof(s) - 1})
str_t str_from(const char *s);
bool str_eq(str_t a, str_t b);
bool str_eq_cstr(str_t a, const char *b);
bool str_has_prefix(str_t s, const char *prefix);

typedef struct buf {
    char *p;
    size_t n;
    size_t cap;
} buf_t;

void buf_init(buf_t *b);
void buf_free(buf_t *b);
/* Grows the capacity for extra more bytes and the NUL (the slow path of buf_reserve). */
void buf_grow(buf_t *b, size_t extra);
void buf_puts(buf_t *b, const char *s);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The appends are inline: the JSON writer calls them for every token of a response, and a
 * call with a capacity check per byte was a tenth of the school list's time (docs/performance.md). */
static inline void buf_reserve(buf_t *b, size_t extra) {
    if (b->n + extra + 1 > b->cap) buf_grow(b, extra);
}

static inline void buf_append(buf_t *b, const void *p, size_t n) {
    buf_reserve(b, n);
    if (n) memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static inline void buf_putc(buf_t *b, char c) {
    buf_reserve(b, 1);
    b->p[b->n++] = c;
    b->p[b->n] = '\0';
}
/* v in decimal, as printf's %lld writes it, into out (needs 21 bytes, no NUL is written);
 * returns the length. */
size_t int64_to_dec(int64_t v, char *out);

static inline void buf_put_int(buf_t *b, int64_t v) {
    buf_reserve(b, 20);
    b->n += int64_to_dec(v, b->p + b->n);
    b->p[b->n] = '\0';
}

/* Hands the memory to the caller (free() it); the buf is empty afterwards. */
char *buf_detach(buf_t *b, size_t *n_out);

#endif
