#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "http/router.h"
#include "http/static_files.h"
#include "http/workq.h"
#include "svc/platform/auth_svc.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/log.h"

struct server {
    struct MHD_Daemon *daemon;
    workq_t *workq; /* slow routes (argon2) run here, not on the event threads */
    int listen_fd;
    server_config_t cfg;
    atomic_int n_inflight;
};

/* Everything one request owns, from its first callback to its completion. */
/* libmicrohttpd's memory pool per connection (its default is 32 KiB), which holds the request line,
 * the headers and the read buffer while a connection is open, idle or not. */
enum { SERVER_CONN_MEMORY = 16 * 1024 };

typedef struct conn_ctx {
    arena_t arena;
    buf_t body;
    bool is_too_large;
    bool is_early_reply;
    bool is_api;
    const api_route_t *route;
    router_result_t match;
    const char *path_params[API_MAX_PATH_PARAMS];
    size_t n_path_params;
    struct timespec start;
    const char *method;
    const char *url;
    const char *user;
    int status;
    size_t n_bytes;
    /* inputs copied off the connection, so a worker thread never touches it */
    const char *in_token;
    const char *in_csrf;
    const char *in_ip;
    const char **in_query; /* name, value pairs, NULL-terminated */
    /* the computed answer, queued by the event thread */
    bool is_done;
    int res_status;
    json_t *res_json;
    char *res_text; /* JSON the handler wrote (api_json), malloc'd; else res_json */
    size_t n_res_text;
    const char *res_cookie;
    const char *res_raw; /* a file answer (in the arena) */
    size_t n_res_raw;
    const char *res_type;
    const char *res_filename;
    bool is_res_inline;
    bool is_json_type; /* Content-Type: application/json */
    err_t *early_err;  /* refused before the body was read (no valid session) */
    /* the session resolved before the body was read, reused by dispatch_prepare so one
     * request costs one session lookup */
    bool has_early_session;
    actor_t early_who;
    session_t early_session;
    struct server *server;
    struct MHD_Connection *conn;
} conn_ctx_t;

static bool is_mutating(const char *method) {
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 && strcmp(method, "OPTIONS") != 0;
}

/* The client's address: the peer's; behind the trusted reverse proxy, the last address in
 * X-Forwarded-For, which that proxy appended itself (what a client sends in the header comes
 * before it, so it cannot pose as another address). */
static const char *client_ip(const server_t *s, struct MHD_Connection *conn, arena_t *a) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr) return NULL;
    char buf[INET6_ADDRSTRLEN] = "";
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf, sizeof buf);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf, sizeof buf);
    const char *proxy = s->cfg.trusted_proxy;
    const char *xff =
        proxy && strcmp(buf, proxy) == 0 ? MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For") : NULL;
    if (xff) {
        const char *last = strrchr(xff, ',');
        last = last ? last + 1 : xff;
        while (*last == ' ')
            last++;
        size_t n = strcspn(last, " ");
        char *cand = arena_strndup(a, last, n);
        unsigned char addr[sizeof(struct in6_addr)];
        if (inet_pton(AF_INET, cand, addr) == 1 || inet_pton(AF_INET6, cand, addr) == 1) return cand;
    }
    return arena_strdup(a, buf);
}

enum { GZIP_MIN_BYTES = 1024 }; /* smaller JSON goes as it is: gzip would save too little */

/* Whether the client's header (Accept-Encoding) names token with a q other than 0. */
static bool header_accepts(const char *h, const char *token) {
    size_t n = strlen(token);
    for (const char *p = h; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, ",;");
        const char *end = p + len;
        while (end > p && end[-1] == ' ')
            end--;
        if ((size_t)(end - p) == n && strncasecmp(p, token, n) == 0) {
            const char *q = p + len;
            if (*q == ';') {
                const char *qv = strstr(q, "q=");
                const char *next = strchr(q, ',');
                if (qv && (!next || qv < next) && strtod(qv + 2, NULL) <= 0) return false;
            }
            return true;
        }
        p += len;
        if (*p == ';') p += strcspn(p, ",");
    }
    return false;
}

/* Whether If-None-Match lists one of the tags (weak comparison, RFC 9110 13.1.2). */
static bool etag_matches(const char *inm, const char *tag, const char *tag_gz) {
    if (!inm) return false;
    for (const char *p = inm; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == '*') return true;
        if (strncmp(p, "W/", 2) == 0) p += 2;
        size_t len = strcspn(p, ",");
        while (len && p[len - 1] == ' ')
            len--;
        if ((len == strlen(tag) && strncmp(p, tag, len) == 0) ||
            (len == strlen(tag_gz) && strncmp(p, tag_gz, len) == 0))
            return true;
        p += len;
        p += strcspn(p, ",");
    }
    return false;
}

/* text as a gzip member (malloc'd), or NULL when zlib fails. */
static char *gzip_text(const char *text, size_t n, size_t *n_out) {
    z_stream z = {0};
    if (deflateInit2(&z, 4, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
    size_t cap = deflateBound(&z, n);
    unsigned char *out = malloc(cap);
    if (!out) abort();
    z.next_in = (unsigned char *)(uintptr_t)text;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *n_out = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return (char *)out;
}

/* Sends a JSON answer: text (malloc'd, taken over) when the handler wrote it, else body
 * serialised. A GET's 200 carries a strong ETag (BLAKE2b of the identity bytes; "-gz" on the
 * gzip form) and answers 304 to a matching If-None-Match; bodies over GZIP_MIN_BYTES go
 * gzip-compressed to a client that accepts it. The handler ran in full before this (session,
 * scope), so a 304 tells nobody anything a 200 would not. */
static enum MHD_Result queue_json(struct MHD_Connection *conn, conn_ctx_t *c, int status, json_t *body,
                                  const char *set_cookie) {
    char *text = c->res_text;
    size_t n = c->n_res_text;
    c->res_text = NULL;
    if (!text && body && status != 204) {
        /* 12 significant digits: 0.109687, not the double's 0.10968700000000001 */
        text = json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(12));
        n = text ? strlen(text) : 0;
    }
    if (status == 204 && text) {
        free(text);
        text = NULL;
        n = 0;
    }
    bool is_cacheable = text && status == 200 && strcmp(c->method, "GET") == 0 && !set_cookie;
    char tag[48] = "", tag_gz[52] = "";
    bool is_gzip = false;
    if (is_cacheable) {
        char hex[HASH_ETAG_HEX_LEN + 1];
        hash_etag_hex(text, n, hex);
        snprintf(tag, sizeof tag, "\"%.32s\"", hex);
        snprintf(tag_gz, sizeof tag_gz, "\"%.32s-gz\"", hex);
        const char *ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
        is_gzip = n > GZIP_MIN_BYTES && header_accepts(ae, "gzip");
        if (etag_matches(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH), tag,
                         tag_gz)) {
            free(text);
            text = NULL;
            n = 0;
            status = 304;
        } else if (is_gzip) {
            size_t nz;
            char *z = gzip_text(text, n, &nz);
            if (z) {
                free(text);
                text = z;
                n = nz;
            } else {
                is_gzip = false;
            }
        }
    }
    struct MHD_Response *resp = MHD_create_response_from_buffer(n, text ? text : (void *)"",
                                                                text ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (status != 204 && status != 304)
        MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    /* still no-store: personal data stays off the browser's disk (a shared office computer);
     * a client that keeps answers itself (the app in memory, an API client) revalidates with
     * If-None-Match */
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (is_cacheable) {
        MHD_add_response_header(resp, "ETag", is_gzip ? tag_gz : tag);
        MHD_add_response_header(resp, "Vary", "Accept-Encoding");
        if (is_gzip && status == 200) MHD_add_response_header(resp, "Content-Encoding", "gzip");
    }
    if (set_cookie) MHD_add_response_header(resp, "Set-Cookie", set_cookie);
    http_security_headers(resp);
    enum MHD_Result r = MHD_queue_response(conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    c->status = status;
    c->n_bytes = n;
    return r;
}

static const char *query_lookup(void *ctx, const char *name) {
    for (const char **kv = ((conn_ctx_t *)ctx)->in_query; kv && kv[0]; kv += 2)
        if (strcmp(kv[0], name) == 0) return kv[1];
    return NULL;
}

typedef struct query_copy {
    arena_t *a;
    const char **items;
    size_t n, cap;
} query_copy_t;

static enum MHD_Result query_collect(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    query_copy_t *q = cls;
    if (q->n + 3 > q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        const char **items = arena_alloc(q->a, cap * sizeof *items);
        if (q->n) memcpy(items, q->items, q->n * sizeof *items);
        q->items = items;
        q->cap = cap;
    }
    q->items[q->n++] = arena_strdup(q->a, key);
    q->items[q->n++] = arena_strdup(q->a, value ? value : "");
    q->items[q->n] = NULL;
    return MHD_YES;
}

static void capture_inputs(const server_t *s, struct MHD_Connection *conn, conn_ctx_t *c) {
    arena_t *a = &c->arena;
    c->in_token = arena_strdup(a, MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "dudao_session"));
    c->in_csrf = arena_strdup(a, MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token"));
    c->in_ip = client_ip(s, conn, a);
    query_copy_t q = {.a = a};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_collect, &q);
    c->in_query = q.items;
}

/* Auth, role, CSRF, body decoding (then the declared query parameters): everything a handler
 * may take for granted. */
static err_t *dispatch_prepare(conn_ctx_t *c, api_req_t *r, json_t **body_out) {
    arena_t *a = &c->arena;
    const api_route_t *rt = c->route;
    if (rt->roles) {
        if (c->has_early_session) {
            r->who = c->early_who;
            r->session = c->early_session;
        } else {
            err_t *e = auth_svc_session(r->svc, a, r->token, r->ip, &r->who, &r->session);
            if (e) return e;
        }
        r->is_authed = true;
        c->user = r->who.username;
        if (!(rt->roles & (unsigned)r->who.role))
            return err_new(a, ERR_FORBIDDEN, NULL, "当前角色无权执行此操作", "your role may not do this");
        if (is_mutating(c->method) && (!c->in_csrf || !hash_equal_ct(c->in_csrf, r->session.csrf_token)))
            return err_new(a, ERR_CSRF, "X-CSRF-Token", "缺少或错误的 CSRF 令牌", "missing or wrong CSRF token");
    }
    if (rt->fields && c->body.n > 0 && !c->is_json_type)
        /* a form or text/plain post (a cross-site "simple request") never reaches a handler */
        return err_new(a, ERR_INVALID, "Content-Type", "请求体须为 application/json",
                       "the body must be application/json");
    if (rt->fields) {
        json_error_t jerr;
        /* an empty body stands for {} only on routes that take no fields (logout, unlock) */
        bool is_empty_ok = c->body.n == 0 && !rt->fields[0].name;
        json_t *body = is_empty_ok ? json_object()
                                   : json_loadb(c->body.p ? c->body.p : "", c->body.n, JSON_REJECT_DUPLICATES, &jerr);
        if (!body)
            return err_newf(a, ERR_BAD_JSON, NULL, "请求体不是有效的 JSON（第 %d 行第 %d 列：%s）",
                            "body is not valid JSON (line %d, column %d: %s)", jerr.line, jerr.column, jerr.text,
                            jerr.line, jerr.column, jerr.text);
        *body_out = body;
        r->body = body;
        return api_check_fields(a, body, rt->fields);
    }
    return NULL;
}

static json_t *error_json(const err_t *e) {
    json_t *j = json_object();
    json_object_set_new(j, "error", json_string(err_code_name(e->code)));
    json_object_set_new(j, "message", json_string(e->message ? e->message : ""));
    if (e->field) json_object_set_new(j, "field", json_string(e->field));
    if (e->extra_name && e->extra_value) json_object_set_new(j, e->extra_name, json_string(e->extra_value));
    return j;
}

static void set_error(conn_ctx_t *c, const err_t *e) {
    if (e->code == ERR_INTERNAL) log_error("%s %s: %s", c->method, c->url, e->message);
    c->res_status = err_http_status(e->code);
    c->res_json = error_json(e);
}

/* Computes the answer of an API request into c->res_*; touches no connection, so it runs on
 * an event thread or a worker alike. */
static void dispatch_compute(server_t *s, conn_ctx_t *c) {
    arena_t *a = &c->arena;
    if (c->match == ROUTER_NOT_FOUND) {
        set_error(c, err_newf(a, ERR_NOT_FOUND, NULL, "接口不存在: %s", "no such endpoint: %s", c->url, c->url));
        return;
    }
    if (c->match == ROUTER_BAD_METHOD) {
        set_error(c, err_newf(a, ERR_METHOD_NOT_ALLOWED, NULL, "%s 不支持此方法", "method not allowed on %s", c->url,
                              c->url));
        return;
    }
    if (c->early_err) {
        set_error(c, c->early_err);
        return;
    }
    if (c->is_too_large) {
        set_error(c, err_newf(a, ERR_TOO_LARGE, NULL, "请求体超过 %zu 字节上限", "body exceeds the %zu byte limit",
                              c->route->body_limit, c->route->body_limit));
        return;
    }
    api_req_t r = {
        .a = a,
        .svc = s->cfg.svc,
        .route = c->route,
        .method = c->method,
        .path = c->url,
        .n_path_params = c->n_path_params,
        .query_get = query_lookup,
        .query_ctx = c,
        .ip = c->in_ip,
        .token = c->in_token,
        .raw_body = c->body.p,
        .n_raw_body = c->body.n,
    };
    memcpy(r.path_params, c->path_params, sizeof r.path_params);
    json_t *body = NULL;
    err_t *e = dispatch_prepare(c, &r, &body);
    if (!e) e = api_check_query(a, c->route->query, query_lookup, c);
    if (!e) e = c->route->handler(&r);
    if (e) {
        set_error(c, e);
        json_decref(r.out);
        if (r.has_json) buf_free(&r.json);
    } else {
        c->res_status = r.status ? r.status : c->route->ok_status;
        c->res_json = r.out;
        if (r.has_json) {
            json_decref(r.out);
            c->res_json = NULL;
            c->res_text = buf_detach(&r.json, &c->n_res_text);
        }
        c->res_cookie = r.set_cookie;
        c->res_raw = r.out_raw;
        c->n_res_raw = r.n_out_raw;
        c->res_type = r.content_type;
        c->res_filename = r.filename;
        c->is_res_inline = r.is_inline;
        if (!c->user && r.is_authed) c->user = r.who.username;
    }
    json_decref(body);
}

/* RFC 5987 filename*, so Chinese file names survive every browser. */
static const char *content_disposition(arena_t *a, const char *filename, bool is_inline) {
    buf_t b;
    buf_init(&b);
    buf_puts(&b, is_inline ? "inline; filename*=UTF-8''" : "attachment; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
            buf_putc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    char *out = arena_strndup(a, b.p, b.n);
    buf_free(&b);
    return out;
}

static enum MHD_Result dispatch_reply(struct MHD_Connection *conn, conn_ctx_t *c) {
    if (c->res_raw) {
        /* the bytes live in the request arena, freed only after the answer is sent */
        struct MHD_Response *resp =
            MHD_create_response_from_buffer(c->n_res_raw, (void *)c->res_raw, MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(resp, "Content-Type", c->res_type ? c->res_type : "application/octet-stream");
        if (c->res_filename)
            MHD_add_response_header(resp, "Content-Disposition",
                                    content_disposition(&c->arena, c->res_filename, c->is_res_inline));
        MHD_add_response_header(resp, "Cache-Control", "no-store");
        http_security_headers(resp);
        /* a stored file (a PDF shown inline, an uploaded picture) runs no script and is framed
         * only by the app itself (the plaque preview) */
        MHD_del_response_header(resp, "X-Frame-Options", "DENY");
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "sandbox; default-src 'none'; img-src 'self'; "
                                "style-src 'unsafe-inline'; frame-ancestors 'self'");
        enum MHD_Result r = MHD_queue_response(conn, (unsigned)c->res_status, resp);
        MHD_destroy_response(resp);
        c->status = c->res_status;
        c->n_bytes = c->n_res_raw;
        return r;
    }
    enum MHD_Result res = queue_json(conn, c, c->res_status, c->res_json, c->res_cookie);
    json_decref(c->res_json);
    c->res_json = NULL;
    return res;
}

static void dispatch_job(void *arg) {
    conn_ctx_t *c = arg;
    dispatch_compute(c->server, c);
    c->is_done = true;
    MHD_resume_connection(c->conn);
}

static enum MHD_Result dispatch_api(server_t *s, struct MHD_Connection *conn, conn_ctx_t *c) {
    if (c->is_done) return dispatch_reply(conn, c);
    capture_inputs(s, conn, c);
    if (c->match == ROUTER_FOUND && c->route->is_slow && !c->is_too_large && s->workq) {
        c->server = s;
        c->conn = conn;
        MHD_suspend_connection(conn);
        workq_push(s->workq, dispatch_job, c);
        return MHD_YES;
    }
    dispatch_compute(s, c);
    return dispatch_reply(conn, c);
}

/* Every authenticated route that takes a body resolves the session before a byte of the
 * body is buffered: a forged cookie costs the server one indexed lookup, not a 1 MiB buffer
 * (or 20 MiB on an upload route). */
static err_t *early_auth(server_t *s, struct MHD_Connection *conn, conn_ctx_t *c) {
    const char *token = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "dudao_session");
    if (!token || !*token) return err_new(&c->arena, ERR_UNAUTHENTICATED, NULL, "请先登录", "please log in");
    err_t *e =
        auth_svc_session(s->cfg.svc, &c->arena, token, client_ip(s, conn, &c->arena), &c->early_who, &c->early_session);
    c->has_early_session = e == NULL;
    return e;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)version;
    server_t *s = cls;
    conn_ctx_t *c = *con_cls;
    if (!c) {
        c = calloc(1, sizeof *c);
        if (!c) abort();
        arena_init(&c->arena);
        buf_init(&c->body);
        clock_gettime(CLOCK_MONOTONIC, &c->start);
        c->method = arena_strdup(&c->arena, method);
        c->url = arena_strdup(&c->arena, url);
        c->is_api = strncmp(url, "/api/", 5) == 0 || strcmp(url, "/healthz") == 0;
        if (c->is_api) {
            c->match = router_match_tables(api_route_tables, method, url, &c->arena, &c->route, c->path_params,
                                           &c->n_path_params);
            const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
            size_t limit = c->route ? c->route->body_limit : 0;
            unsigned long long announced = cl ? strtoull(cl, NULL, 10) : 0;
            if (c->match == ROUTER_FOUND && announced > limit) c->is_too_large = true;
            /* A modest oversized body is read and dropped so the client, still sending, gets
             * the 413 instead of a reset connection; a huge one is refused at once. */
            if (c->is_too_large && announced > 64ull * 1024 * 1024) c->is_early_reply = true;
            const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
            c->is_json_type = ct && strncasecmp(ct, "application/json", 16) == 0 &&
                              (ct[16] == '\0' || ct[16] == ';' || ct[16] == ' ');
            /* Nobody buffers a body for a request that cannot be authenticated. */
            if (c->match == ROUTER_FOUND && c->route->roles && c->route->body_limit > 0 && !c->is_early_reply)
                c->early_err = early_auth(s, conn, c);
            if (c->early_err) c->is_early_reply = true;
        }
        atomic_fetch_add(&s->n_inflight, 1);
        *con_cls = c;
        if (c->is_early_reply) return dispatch_api(s, conn, c);
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t limit = c->route ? c->route->body_limit : 0;
        if (!c->is_too_large && c->body.n + *upload_data_size <= limit)
            buf_append(&c->body, upload_data, *upload_data_size);
        else
            c->is_too_large = true;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (c->status) return MHD_YES; /* already answered (early 413) */
    if (c->is_api) return dispatch_api(s, conn, c);
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        set_error(c, err_new(&c->arena, ERR_METHOD_NOT_ALLOWED, NULL, "不支持此方法", "method not allowed"));
        return dispatch_reply(conn, c);
    }
    return static_files_serve(conn, s->cfg.web_dir, url, &c->status, &c->n_bytes);
}

/* The URL as MHD decoded it may hold control characters (%0a): escape them, so one request
 * is one log line. */
static const char *log_safe(arena_t *a, const char *s) {
    size_t n = strlen(s);
    bool is_clean = true;
    for (size_t i = 0; i < n && is_clean; i++)
        is_clean = (unsigned char)s[i] >= 0x20 && s[i] != 0x7f;
    if (is_clean) return s;
    buf_t b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch == 0x7f)
            buf_printf(&b, "\\x%02x", ch);
        else
            buf_putc(&b, (char)ch);
    }
    char *out = arena_strndup(a, b.p, b.n);
    buf_free(&b);
    return out;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe) {
    (void)conn;
    server_t *s = cls;
    conn_ctx_t *c = *con_cls;
    if (!c) return;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms = (double)(end.tv_sec - c->start.tv_sec) * 1e3 + (double)(end.tv_nsec - c->start.tv_nsec) / 1e6;
    log_access("%s %s %d %zu %.1fms %s%s", c->method, log_safe(&c->arena, c->url), c->status, c->n_bytes, ms,
               c->user ? c->user : "-", toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
    json_decref(c->res_json);
    free(c->res_text);
    buf_free(&c->body);
    arena_free(&c->arena);
    free(c);
    *con_cls = NULL;
    atomic_fetch_sub(&s->n_inflight, 1);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap) {
    (void)cls;
    char msg[512];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(msg, sizeof msg, fmt, ap);
#pragma GCC diagnostic pop
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = '\0';
    log_warn("http: %s", msg);
}

/* Binds ourselves so that "port in use" is reported plainly rather than as a NULL daemon. */
static err_t *server_bind(const char *listen_spec, int *fd_out, arena_t *a) {
    const char *colon = strrchr(listen_spec, ':');
    if (!colon || colon == listen_spec)
        return err_newf(a, ERR_INVALID, "listen", "监听地址应为 ADDR:PORT，而不是 %s",
                        "listen address must be ADDR:PORT, not %s", listen_spec, listen_spec);
    char *end = NULL;
    long port = strtol(colon + 1, &end, 10);
    if (!end || *end || port < 1 || port > 65535)
        return err_newf(a, ERR_INVALID, "listen", "端口无效: %s", "invalid port: %s", colon + 1, colon + 1);
    char *host = arena_strndup(a, listen_spec, (size_t)(colon - listen_spec));
    struct sockaddr_in sa4 = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    struct sockaddr_in6 sa6 = {.sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port)};
    if (host[0] == '[' && host[strlen(host) - 1] == ']') {
        host[strlen(host) - 1] = '\0';
        host++;
    }
    bool is_v6 = strchr(host, ':') != NULL;
    int ok = is_v6 ? inet_pton(AF_INET6, host, &sa6.sin6_addr) : inet_pton(AF_INET, host, &sa4.sin_addr);
    if (ok != 1)
        return err_newf(a, ERR_INVALID, "listen", "监听地址无效: %s", "invalid listen address: %s", host, host);
    int fd = socket(is_v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return err_new(a, ERR_INTERNAL, "listen", "无法创建套接字", "cannot create a socket");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    int rc = is_v6 ? bind(fd, (struct sockaddr *)&sa6, sizeof sa6) : bind(fd, (struct sockaddr *)&sa4, sizeof sa4);
    if (rc != 0 || listen(fd, 1024) != 0) {
        int err = errno;
        close(fd);
        if (err == EADDRINUSE)
            return err_newf(a, ERR_INVALID, "listen", "端口已被占用: %s", "address already in use: %s", listen_spec,
                            listen_spec);
        return err_newf(a, ERR_INVALID, "listen", "无法监听 %s: %s", "cannot listen on %s: %s", listen_spec,
                        strerror(err), listen_spec, strerror(err));
    }
    *fd_out = fd;
    return NULL;
}

err_t *server_start(const server_config_t *cfg, server_t **out, arena_t *a) {
    int fd = -1;
    err_t *e = server_bind(cfg->listen, &fd, a);
    if (e) return e;
    server_t *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->cfg = *cfg;
    s->listen_fd = fd;
    atomic_init(&s->n_inflight, 0);
    unsigned n_threads = cfg->n_threads;
    if (!n_threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        n_threads = n > 0 ? (unsigned)n : 2;
    }
    s->workq = workq_new(n_threads);
    if (!s->workq) abort();
    s->daemon =
        MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG, 0, NULL, NULL,
                         on_request, s, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL, MHD_OPTION_LISTEN_SOCKET, fd,
                         MHD_OPTION_THREAD_POOL_SIZE, n_threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVER_CONN_MEMORY, MHD_OPTION_CONNECTION_LIMIT,
                         (unsigned)4096, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
    if (!s->daemon) {
        close(fd);
        workq_free(s->workq);
        free(s);
        return err_new(a, ERR_INTERNAL, "listen", "HTTP 服务启动失败", "the HTTP server failed to start");
    }
    log_info("listening on http://%s (%u threads)", cfg->listen, n_threads);
    log_batch_start(); /* the access log in batches, written at the latest at server_stop */
    *out = s;
    return NULL;
}

void server_block_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
}

void server_run_until_signal(server_t *s) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    int sig = 0;
    sigwait(&set, &sig);
    log_info("%s: no new connections; finishing %d in-flight request(s)", sig == SIGINT ? "SIGINT" : "SIGTERM",
             atomic_load(&s->n_inflight));
    MHD_socket lfd = MHD_quiesce_daemon(s->daemon);
    if (lfd != MHD_INVALID_SOCKET) close(lfd);
    s->listen_fd = -1;
    /* keep-alive connections idle between requests hold no request context, so they do not
     * count; a request already being read or handled does, and we wait for it */
    for (int i = 0; i < 3000 && atomic_load(&s->n_inflight) > 0; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

void server_stop(server_t *s) {
    if (!s) return;
    /* the workers first: a job still running resumes its suspended connection, and MHD
     * refuses (panics) to stop with connections suspended */
    workq_free(s->workq);
    MHD_stop_daemon(s->daemon);
    if (s->listen_fd >= 0) close(s->listen_fd);
    log_batch_stop(); /* no thread logs a request any more: write the pending lines */
    log_info("stopped");
    free(s);
}
