/* api: the JSON API's resources, one file per resource, and the route table that the http
 * layer dispatches from. Routes are data (design rule 3): method, path, handler, roles,
 * body limit, the body's fields (which the dispatcher checks: unknown → 400 unknown_field,
 * wrong type or missing → 400 invalid), query parameters and documentation (the OpenAPI
 * document is generated from this table, so it cannot drift from the code).
 *
 * Handlers are thin: read r->body / query, call one svc function, put the answer in r->out.
 * They never free: everything is in r->a, and r->out is released by the dispatcher. */
#ifndef DUDAO_API_H
#define DUDAO_API_H

#include <jansson.h>
#include <stdbool.h>

#include "store/platform/session_store.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/jw.h"

typedef enum api_ftype { FT_STRING, FT_INT, FT_BOOL, FT_OBJECT, FT_ARRAY, FT_NUMBER } api_ftype_t;

typedef struct api_field {
    const char *name;
    api_ftype_t type;
    bool is_required;
    bool is_nullable;
    const char *doc;
} api_field_t;

/* A query parameter's type. The dispatcher checks every declared parameter a request sends
 * (an empty value counts as absent) before the handler runs, and answers 400 invalid naming
 * the parameter; handlers read the checked values through api_query_* below. Parameters a
 * route does not declare are ignored (never read). */
typedef enum api_ptype {
    PT_STRING = 0, /* any text (the default of a {name, doc} entry) */
    PT_INT,        /* decimal integer in [min, max] */
    PT_NUMBER,     /* decimal number (lat, lng) */
    PT_BOOL,       /* "true" | "false" */
    PT_DATE,       /* YYYY-MM-DD */
    PT_ENUM,       /* one of values */
} api_ptype_t;

typedef struct api_param {
    const char *name;
    const char *doc;
    api_ptype_t type;
    int64_t min, max;   /* PT_INT: the inclusive range */
    const char *values; /* PT_ENUM: the allowed values, "a|b|c" */
    bool is_required;
} api_param_t;

/* Declaration helpers for a route's query list. */
#define API_Q_STR(name, doc) {name, doc, PT_STRING, 0, 0, NULL, false}
#define API_Q_INT(name, doc, lo, hi) {name, doc, PT_INT, lo, hi, NULL, false}
#define API_Q_ID(name, doc) API_Q_INT(name, doc, 1, INT64_MAX)
#define API_Q_NUMBER(name, doc) {name, doc, PT_NUMBER, 0, 0, NULL, false}
#define API_Q_BOOL(name, doc) {name, doc, PT_BOOL, 0, 0, NULL, false}
#define API_Q_DATE(name, doc) {name, doc, PT_DATE, 0, 0, NULL, false}
#define API_Q_ENUM(name, doc, values) {name, doc, PT_ENUM, 0, 0, values, false}
#define API_Q_REQUIRED(name, doc) {name, doc, PT_STRING, 0, 0, NULL, true}
#define API_Q_ID_REQUIRED(name, doc) {name, doc, PT_INT, 1, INT64_MAX, NULL, true}
/* page (from 1) and page_size (1..200), read with api_paging. */
#define API_Q_PAGING                                                                                                   \
    API_Q_INT("page", "页码 / page", 1, 1000000), API_Q_INT("page_size", "每页条数 ≤ 200 / page size", 1, 200)
/* inline=1 shows a document in the browser; anything else downloads it (api_send_document). */
#define API_Q_INLINE API_Q_ENUM("inline", "1: 在浏览器中预览而不是下载 / show in the browser instead of saving", "0|1")

typedef struct api_req api_req_t;
typedef err_t *(*api_handler_t)(api_req_t *r);

enum { API_JSON_LIMIT = 1024 * 1024, API_MAX_PATH_PARAMS = 4 };

typedef struct api_route {
    const char *method;
    const char *path; /* "/api/v1/users/{id}" */
    api_handler_t handler;
    unsigned roles;            /* role_t mask; 0 = public (no session needed, no CSRF) */
    size_t body_limit;         /* 0 = no body accepted */
    const api_field_t *fields; /* NULL-name terminated; NULL = no JSON body (raw uploads use body_limit) */
    const api_param_t *query;  /* NULL-name terminated; may be NULL */
    const char *tag;
    const char *summary;
    int ok_status; /* 200, 201 or 204 */
    bool is_slow;  /* runs on the worker pool (argon2 and other slow work) */
} api_route_t;

/* The route table is one array per capability (routes.c: the platform and 挂牌督导; each later
 * capability its own routes_<area>.c), listed in api_route_tables (route_tables.c), which
 * the dispatcher and the OpenAPI document walk in order. */
typedef struct api_route_table {
    const api_route_t *routes;
    size_t n_routes;
} api_route_table_t;

/* NULL-terminated. */
extern const api_route_table_t *const api_route_tables[];
extern const api_route_table_t api_routes_platform; /* routes.c */

struct api_req {
    arena_t *a;
    svc_t *svc;
    const api_route_t *route;
    const char *method;
    const char *path;
    const char *path_params[API_MAX_PATH_PARAMS];
    size_t n_path_params;
    json_t *body;         /* validated object for routes with fields; borrowed */
    const char *raw_body; /* the body as sent, for routes without fields (file uploads) */
    size_t n_raw_body;
    const char *(*query_get)(void *ctx, const char *name);
    void *query_ctx;
    const char *ip;
    const char *token; /* the session cookie, when present */
    bool is_authed;
    actor_t who;
    session_t session;
    /* answer */
    int status;
    json_t *out;              /* owned; the dispatcher serialises and releases it */
    bool has_json;            /* the answer is the JSON text in json (api_json), not out */
    buf_t json;               /* owned; the dispatcher sends and releases it */
    jw_t jw;
    const char *set_cookie;   /* a Set-Cookie header value to send, or NULL */
    const char *content_type; /* for non-JSON bodies (out_raw) */
    const char *out_raw;      /* in the arena */
    size_t n_out_raw;
    const char *filename; /* offered as the download name (Content-Disposition) */
    bool is_inline;       /* shown in the browser (an iframe preview) rather than saved */
};

/* Query accessors. They read values the dispatcher has checked against the route's
 * declaration (api_check_query), so they decode without failing; the string they return
 * lives as long as the request. A parameter that is absent or empty reads as the default. */
const char *api_query(api_req_t *r, const char *name);
/* A PT_INT parameter, or dflt. */
int64_t api_query_i64(api_req_t *r, const char *name, int64_t dflt);
/* A PT_BOOL parameter: 1 (true), 0 (false) or dflt. */
int api_query_flag(api_req_t *r, const char *name, int dflt);
/* A PT_NUMBER parameter; false when absent. */
bool api_query_number(api_req_t *r, const char *name, double *out);
/* A PT_DATE parameter as the epoch second of that day's start in Asia/Shanghai plus plus
 * seconds, or 0 when absent. */
int64_t api_query_day(api_req_t *r, const char *name, int64_t plus);
/* page/page_size (API_Q_PAGING; page_size defaults to 20) → limit/offset. */
void api_page(api_req_t *r, int64_t *limit, int64_t *offset);
/* Older accessors kept for handlers not yet moved to the ones above: they check again and
 * name the parameter in the error. */
err_t *api_paging(api_req_t *r, int64_t *limit, int64_t *offset);
err_t *api_query_int(api_req_t *r, const char *name, int64_t dflt, int64_t min, int64_t max, int64_t *out);
/* "true"/"false" → 1/0; absent leaves *out unchanged. */
err_t *api_query_bool(api_req_t *r, const char *name, int *out);

/* Checks the request's query against the route's declaration (NULL: nothing to check) with
 * get(ctx, name) reading a raw value. Errors are ERR_INVALID naming the parameter. Called by
 * the dispatcher before the handler; exposed for unit tests. Thread-safe. */
err_t *api_check_query(arena_t *a, const api_param_t *params, const char *(*get)(void *ctx, const char *name),
                       void *ctx);
/* The n-th {param} of the path as a positive integer id. */
err_t *api_path_id(api_req_t *r, size_t n, int64_t *out);
/* Body field helpers (the dispatcher has checked types). */
const char *api_body_str(api_req_t *r, const char *name);
bool api_body_has(api_req_t *r, const char *name);
/* The integer at name, 0 when absent or not an integer. */
int64_t api_body_int(api_req_t *r, const char *name);
/* The boolean at name as 1/0, dflt when absent or not a boolean. */
int api_body_bool(api_req_t *r, const char *name, int dflt);
/* The number at name (integer or real), 0 when absent or not a number. */
double api_body_num(api_req_t *r, const char *name);
/* The kinds of document the API sends. */
typedef enum api_doc_kind { DOC_PDF, DOC_XLSX, DOC_JSON } api_doc_kind_t;
/* The one way to answer with a document: the bytes (copied into the arena) with the kind's
 * Content-Type, offered as filename (RFC 5987 filename*): a download (Content-Disposition:
 * attachment) unless the request says inline=1, then shown in the browser. */
void api_send_document(api_req_t *r, api_doc_kind_t kind, const char *filename, const char *bytes, size_t n);
/* api_send_document of the file at path (read into the arena, then removed). */
err_t *api_send_temp_file(api_req_t *r, const char *path, api_doc_kind_t kind, const char *filename);
/* A private temporary file name (the file exists, empty); ERR_INTERNAL on failure. */
err_t *api_temp_path(api_req_t *r, const char *suffix, char **out);
/* {"items":[...],"total":N}; steals items. */
json_t *api_list(json_t *items, int64_t total);
/* A use case reading or acting on entity id, with its JSON answer. */
typedef err_t *(*api_id_fn)(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
/* The common handler: the path's first {id}, one call of fn as the caller, its answer out. */
err_t *api_with_id(api_req_t *r, api_id_fn fn);
/* The writer of the answer: the handler encodes its JSON straight into the response buffer
 * (no jansson tree). */
jw_t *api_json(api_req_t *r);
/* {"items":[ ... then the caller writes each item ... and api_list_end: ],"total":total}
 * (the bytes api_list writes). */
jw_t *api_list_begin(api_req_t *r);
void api_list_end(jw_t *w, int64_t total);
/* A use case that writes the PDF of entity id into out and names its file. */
typedef err_t *(*api_pdf_of_t)(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *out,
                               const char **filename);
/* Sends the PDF that make writes for the entity named by the path's first {id}, read as who
 * (NULL: the public). */
err_t *api_send_pdf_of(api_req_t *r, const actor_t *who, api_pdf_of_t make);
/* The raw request body written to a new private temporary file (api_temp_path); the caller
 * unlinks *out when done. On a failed write the file is removed and ERR_INTERNAL returned. */
err_t *api_body_to_temp(api_req_t *r, const char *suffix, char **out);
/* The answer to an import: result (stolen) as r->out; when nothing was written it also carries
 * the uniform error shape ("invalid_rows", the count in zh/en, field "file") with status 400. */
void api_import_answer(api_req_t *r, json_t *result, bool is_written, size_t n_errors);
/* A JSON array of to_json(&items[i]) for i < n (new reference); to_json returns new references. */
#define API_JSON_ARRAY(items, n, to_json)                                                                              \
    ({                                                                                                                 \
        json_t *api_arr_ = json_array();                                                                               \
        for (size_t api_i_ = 0; api_i_ < (n); api_i_++) json_array_append_new(api_arr_, to_json(&(items)[api_i_]));   \
        api_arr_;                                                                                                      \
    })

/* Checks an object against the route's field list. Exposed for unit tests. */
err_t *api_check_fields(arena_t *a, const json_t *body, const api_field_t *fields);

/* The OpenAPI 3 document for the route table (new reference). */
json_t *api_openapi(void);

#endif
