#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

static const struct {
    const char *name;
    int status;
} err_table[ERR__COUNT] = {
    [ERR_BAD_JSON] = {"bad_json", 400},
    [ERR_UNKNOWN_FIELD] = {"unknown_field", 400},
    [ERR_INVALID] = {"invalid", 400},
    [ERR_WEAK_PASSWORD] = {"weak_password", 400},
    [ERR_UNAUTHENTICATED] = {"unauthenticated", 401},
    [ERR_BAD_CREDENTIALS] = {"bad_credentials", 401},
    [ERR_FORBIDDEN] = {"forbidden", 403},
    [ERR_CSRF] = {"csrf_failed", 403},
    [ERR_NOT_FOUND] = {"not_found", 404},
    [ERR_METHOD_NOT_ALLOWED] = {"method_not_allowed", 405},
    [ERR_CONFLICT] = {"conflict", 409},
    [ERR_TOO_LARGE] = {"too_large", 413},
    [ERR_LOCKED] = {"locked", 423},
    [ERR_RATE_LIMITED] = {"rate_limited", 429},
    [ERR_UNAVAILABLE] = {"unavailable", 503},
    [ERR_INTERNAL] = {"internal", 500},
};

const char *err_code_name(err_code_t code) {
    return (unsigned)code < ERR__COUNT ? err_table[code].name : "internal";
}

int err_http_status(err_code_t code) {
    return (unsigned)code < ERR__COUNT ? err_table[code].status : 500;
}

err_t *err_new(arena_t *a, err_code_t code, const char *field, const char *zh, const char *en) {
    err_t *e = arena_alloc(a, sizeof *e);
    e->code = code;
    e->field = arena_strdup(a, field);
    e->message = arena_printf(a, "%s / %s", zh, en);
    return e;
}

err_t *err_newf(arena_t *a, err_code_t code, const char *field, const char *zh_fmt, const char *en_fmt,
                ...) {
    va_list ap;
    va_start(ap, en_fmt);
    va_list ap2;
    va_copy(ap2, ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    char *zh = arena_vprintf(a, zh_fmt, ap);
    char *en = arena_vprintf(a, en_fmt, ap2);
#pragma GCC diagnostic pop
    va_end(ap2);
    va_end(ap);
    return err_new(a, code, field, zh, en);
}

err_t *err_new_raw(arena_t *a, err_code_t code, const char *field, const char *message) {
    err_t *e = arena_alloc(a, sizeof *e);
    e->code = code;
    e->field = arena_strdup(a, field);
    e->message = message;
    return e;
}
