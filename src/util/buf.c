#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

str_t str_from(const char *s) {
    return (str_t){s, s ? strlen(s) : 0};
}

bool str_eq(str_t a, str_t b) {
    return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

bool str_eq_cstr(str_t a, const char *b) {
    return str_eq(a, str_from(b));
}

bool str_has_prefix(str_t s, const char *prefix) {
    size_t n = strlen(prefix);
    return s.n >= n && memcmp(s.p, prefix, n) == 0;
}

void buf_init(buf_t *b) {
    b->p = NULL;
    b->n = 0;
    b->cap = 0;
}

void buf_free(buf_t *b) {
    free(b->p);
    buf_init(b);
}

void buf_grow(buf_t *b, size_t extra) {
    if (b->n + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fputs("dudao: out of memory\n", stderr);
        abort();
    }
    b->p = p;
    b->cap = cap;
}

size_t int64_to_dec(int64_t v, char *out) {
    char tmp[20];
    size_t n = 0;
    /* the magnitude as unsigned, so INT64_MIN has one */
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    size_t len = 0;
    if (v < 0) out[len++] = '-';
    while (n)
        out[len++] = tmp[--n];
    return len;
}

void buf_puts(buf_t *b, const char *s) {
    buf_append(b, s, strlen(s));
}

void buf_printf(buf_t *b, const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n > 0) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
        b->n += (size_t)n;
    }
    va_end(ap);
}

char *buf_detach(buf_t *b, size_t *n_out) {
    if (!b->p) buf_reserve(b, 0), b->p[0] = '\0';
    char *p = b->p;
    if (n_out) *n_out = b->n;
    buf_init(b);
    return p;
}
