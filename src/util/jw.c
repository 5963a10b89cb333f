#include "util/jw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"

void jw_init(jw_t *w, buf_t *b) {
    *w = (jw_t){.b = b};
}

/* The comma before a value or a member, when its container already holds one. */
static void jw_sep(jw_t *w) {
    if (w->is_after_key) {
        w->is_after_key = false;
        return;
    }
    if (!w->depth) return;
    uint64_t bit = 1ull << (w->depth - 1);
    if (w->has_item & bit) buf_putc(w->b, ',');
    w->has_item |= bit;
}

static void jw_open(jw_t *w, char c) {
    jw_sep(w);
    buf_putc(w->b, c);
    if (w->depth < JW_MAX_DEPTH) w->depth++;
    w->has_item &= ~(1ull << (w->depth - 1));
}

static void jw_close(jw_t *w, char c) {
    buf_putc(w->b, c);
    if (w->depth) w->depth--;
}

void jw_obj(jw_t *w) {
    jw_open(w, '{');
}
void jw_obj_end(jw_t *w) {
    jw_close(w, '}');
}
void jw_arr(jw_t *w) {
    jw_open(w, '[');
}
void jw_arr_end(jw_t *w) {
    jw_close(w, ']');
}

/* The first index ≥ i of a byte that needs escaping (a control, '"' or '\\'), or n: eight bytes
 * at a time with the word tricks "has a byte < 0x20" and "has a zero byte" (after XOR with the
 * quote and the backslash), then byte by byte. Bytes ≥ 0x80 (UTF-8) never match. */
static size_t jw_safe_run(const char *s, size_t i, size_t n) {
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
        uint64_t hit = ((x - ones * 0x20) | (q - ones) | (bs - ones)) & ~x & highs;
        if (hit) break;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\') return i;
    }
    return n;
}

static void jw_escaped(buf_t *b, const char *s, size_t n) {
    buf_reserve(b, n + 2);
    b->p[b->n++] = '"';
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = 0; i < n; i++) {
        i = jw_safe_run(s, i, n);
        if (i == n) break;
        unsigned char c = (unsigned char)s[i];
        if (i > run) buf_append(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            buf_append(b, "\\\"", 2);
            break;
        case '\\':
            buf_append(b, "\\\\", 2);
            break;
        case '\b':
            buf_append(b, "\\b", 2);
            break;
        case '\f':
            buf_append(b, "\\f", 2);
            break;
        case '\n':
            buf_append(b, "\\n", 2);
            break;
        case '\r':
            buf_append(b, "\\r", 2);
            break;
        case '\t':
            buf_append(b, "\\t", 2);
            break;
        default: {
            char seq[8];
            snprintf(seq, sizeof seq, "\\u%04X", (unsigned)c);
            buf_append(b, seq, 6);
        }
        }
    }
    if (n > run) buf_append(b, s + run, n - run);
    buf_putc(b, '"');
}

void jw_key(jw_t *w, const char *k) {
    jw_sep(w);
    jw_escaped(w->b, k, strlen(k));
    buf_putc(w->b, ':');
    w->is_after_key = true;
}

void jw_strn(jw_t *w, const char *s, size_t n) {
    jw_sep(w);
    jw_escaped(w->b, s, n);
}

void jw_str(jw_t *w, const char *s) {
    if (!s) {
        jw_null(w);
        return;
    }
    jw_strn(w, s, strlen(s));
}

void jw_int(jw_t *w, int64_t v) {
    jw_sep(w);
    buf_put_int(w->b, v);
}

void jw_id(jw_t *w, int64_t v) {
    if (v)
        jw_int(w, v);
    else
        jw_null(w);
}

void jw_bool(jw_t *w, bool v) {
    jw_sep(w);
    if (v)
        buf_append(w->b, "true", 4);
    else
        buf_append(w->b, "false", 5);
}

void jw_null(jw_t *w) {
    jw_sep(w);
    buf_append(w->b, "null", 4);
}

void jw_real(jw_t *w, double v) {
    if (!isfinite(v)) { /* jansson refuses these; null keeps the document valid */
        jw_null(w);
        return;
    }
    jw_sep(w);
    char tmp[48];
    int n = snprintf(tmp, sizeof tmp, "%.12g", v);
    if (n < 0 || (size_t)n >= sizeof tmp - 3) n = 0;
    for (int i = 0; i < n; i++)
        if (tmp[i] == ',') tmp[i] = '.'; /* a locale's decimal comma */
    if (!strchr(tmp, '.') && !strchr(tmp, 'e')) {
        tmp[n++] = '.';
        tmp[n++] = '0';
        tmp[n] = '\0';
    }
    char *e = strchr(tmp, 'e');
    if (e) {
        char *start = e + 1, *end = e + 2;
        if (*start == '-') start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, (size_t)(tmp + n + 1 - end));
            n -= (int)(end - start);
        }
    }
    buf_append(w->b, tmp, (size_t)n);
}

/* Is t a plain decimal (-?digits[.digits], no leading zero) with at most 12 significant
 * digits whose %.12g form is fixed-point (decimal exponent -4 … 11)? Then %.12g of the double
 * nearest to t is t itself without the fraction's trailing zeros: a decimal of at most 15
 * digits comes back from its nearest double unchanged (DBL_DIG), and %g strips those zeros. */
static bool real_text_is_plain(const char *t, size_t *n_out) {
    const char *p = t;
    if (*p == '-') p++;
    const char *int_start = p;
    while (*p >= '0' && *p <= '9')
        p++;
    size_t n_int = (size_t)(p - int_start);
    if (n_int == 0 || (n_int > 1 && *int_start == '0')) return false;
    size_t n_frac = 0, n_lead_zeros = 0;
    if (*p == '.') {
        const char *f = ++p;
        while (*p >= '0' && *p <= '9')
            p++;
        n_frac = (size_t)(p - f);
        if (n_frac == 0) return false;
        if (n_int == 1 && *int_start == '0')
            while (n_lead_zeros < n_frac && f[n_lead_zeros] == '0')
                n_lead_zeros++;
    }
    if (*p) return false;
    bool is_zero_int = n_int == 1 && *int_start == '0';
    if (is_zero_int && n_lead_zeros == n_frac) { /* zero itself: %g prints "0" (or "-0") */
        *n_out = (size_t)(p - t);
        return true;
    }
    size_t n_sig = is_zero_int ? n_frac - n_lead_zeros : n_int + n_frac;
    if (n_int > 12 || n_sig > 12 || (is_zero_int && n_lead_zeros > 3)) return false;
    *n_out = (size_t)(p - t);
    return true;
}

void jw_real_text(jw_t *w, const char *t) {
    size_t n;
    if (!t || !real_text_is_plain(t, &n)) {
        if (t)
            jw_real(w, strtod(t, NULL));
        else
            jw_null(w);
        return;
    }
    const char *dot = memchr(t, '.', n);
    if (dot) {
        while (t[n - 1] == '0')
            n--;
        if (t[n - 1] == '.') n--;
    }
    jw_sep(w);
    buf_append(w->b, t, n);
    if (!memchr(t, '.', n)) buf_append(w->b, ".0", 2);
}

void jw_time(jw_t *w, int64_t t) {
    if (!t) {
        jw_null(w);
        return;
    }
    char tmp[32];
    time_format_iso(t, tmp, sizeof tmp);
    jw_str(w, tmp);
}

void jw_raw(jw_t *w, const char *json, size_t n) {
    jw_sep(w);
    buf_append(w->b, json, n);
}
