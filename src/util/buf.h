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
void buf_reserve(buf_t *b, size_t extra);
void buf_append(buf_t *b, const void *p, size_t n);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, char c);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the memory to the caller (free() it); the buf is empty afterwards. */
char *buf_detach(buf_t *b, size_t *n_out);

#endif
