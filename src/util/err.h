/* err: the one error type of dudao, and the one place errors map to HTTP (design rule 5).
 *
 * Functions that can fail return `err_t *`: NULL means success, otherwise an error allocated
 * in the caller's arena (so nobody frees it). The message is bilingual, "中文 / English".
 * `field` names the input at fault, or is NULL. */
#ifndef DUDAO_ERR_H
#define DUDAO_ERR_H

#include "util/arena.h"

typedef enum err_code {
    ERR_BAD_JSON,           /* 400 */
    ERR_UNKNOWN_FIELD,      /* 400 */
    ERR_INVALID,            /* 400 */
    ERR_WEAK_PASSWORD,      /* 400 */
    ERR_UNAUTHENTICATED,    /* 401 */
    ERR_BAD_CREDENTIALS,    /* 401 */
    ERR_FORBIDDEN,          /* 403 */
    ERR_CSRF,               /* 403 */
    ERR_NOT_FOUND,          /* 404 */
    ERR_METHOD_NOT_ALLOWED, /* 405 */
    ERR_CONFLICT,           /* 409 */
    ERR_TOO_LARGE,          /* 413 */
    ERR_LOCKED,             /* 423 */
    ERR_RATE_LIMITED,       /* 429: too many requests from one address (public forms) */
    ERR_UNAVAILABLE,        /* 503: database unreachable, shutting down */
    ERR_INTERNAL,           /* 500 */
    ERR__COUNT
} err_code_t;

typedef struct err {
    err_code_t code;
    const char *message; /* "中文 / English" */
    const char *field;   /* may be NULL */
    /* one optional machine-readable value the client needs, sent as an extra string member of
     * the error answer (e.g. "locked_until": "2026-11-22T22:27:24Z"); both NULL when none */
    const char *extra_name;
    const char *extra_value;
} err_t;

/* Builds an error from a Chinese and an English message, both printf-free literals or arena
 * strings; they are joined as "zh / en". */
err_t *err_new(arena_t *a, err_code_t code, const char *field, const char *zh, const char *en);
/* Same, with printf formats applied to both texts with the same arguments. */
err_t *err_newf(arena_t *a, err_code_t code, const char *field, const char *zh_fmt, const char *en_fmt,
                ...);
/* An error whose message is already "中文 / English" (static text or arena). */
err_t *err_new_raw(arena_t *a, err_code_t code, const char *field, const char *message);
/* The machine code in the API ("not_found"). */
const char *err_code_name(err_code_t code);
/* The HTTP status an error code maps to. */
int err_http_status(err_code_t code);

#endif
