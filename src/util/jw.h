/* jw: a JSON writer that encodes straight into a buf_t (no tree of heap objects).
 *
 * It writes the bytes json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(12)) writes for the
 * same values in the same order, so a route moved from jansson to jw answers byte-equal:
 * strings escape \" \\ \b \f \n \r \t and other controls below 0x20 as \u00XX (upper-case
 * hex), nothing else (no \/, UTF-8 passes through); reals as %.12g with ".0" added when the
 * text has neither '.' nor 'e', and the exponent without '+' or leading zeros.
 * Commas are placed by the writer: jw_key before each member, values directly in arrays.
 * Not thread-safe; one writer per response. */
#ifndef DUDAO_JW_H
#define DUDAO_JW_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

enum { JW_MAX_DEPTH = 60 };

typedef struct jw {
    buf_t *b;
    unsigned depth;
    bool is_after_key;
    uint64_t has_item; /* bit d: the container at depth d already holds an item */
} jw_t;

void jw_init(jw_t *w, buf_t *b);
void jw_obj(jw_t *w);
void jw_obj_end(jw_t *w);
void jw_arr(jw_t *w);
void jw_arr_end(jw_t *w);
/* A member name (a C string literal or any NUL-terminated UTF-8 text). */
void jw_key(jw_t *w, const char *k);
/* NULL writes null. */
void jw_str(jw_t *w, const char *s);
void jw_strn(jw_t *w, const char *s, size_t n);
void jw_int(jw_t *w, int64_t v);
/* 0 writes null (a reference or an optional count). */
void jw_id(jw_t *w, int64_t v);
void jw_bool(jw_t *w, bool v);
void jw_null(jw_t *w);
void jw_real(jw_t *w, double v);
/* A real given as decimal text (a REAL cell as the database returns it): the same bytes as
 * jw_real(strtod(t)), without the round trip through double and printf when t is a plain
 * decimal of at most 12 significant digits; NULL writes null. */
void jw_real_text(jw_t *w, const char *t);
/* An epoch second as ISO 8601 in Asia/Shanghai (svc_jtime's text); 0 writes null. */
void jw_time(jw_t *w, int64_t t);
/* Already-encoded JSON text, written as one value. */
void jw_raw(jw_t *w, const char *json, size_t n);

#endif
