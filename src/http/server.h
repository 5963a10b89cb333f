/* server: the HTTP front of dudao on libmicrohttpd: an epoll thread pool (one thread per
 * core), keep-alive, per-request arenas, body limits, the route dispatcher (auth, role,
 * CSRF, JSON decoding and field checks before the handler), uniform JSON errors, static
 * files, an access log line per request, and graceful shutdown. */
#ifndef DUDAO_SERVER_H
#define DUDAO_SERVER_H

#include "svc/svc.h"

typedef struct server_config {
    const char *listen; /* "ADDR:PORT" */
    const char *web_dir;
    unsigned n_threads; /* 0 = number of cores */
    /* the reverse proxy's address (nginx), or NULL: requests from it carry the client's
     * address as the last entry of X-Forwarded-For */
    const char *trusted_proxy;
    svc_t *svc;
} server_config_t;

typedef struct server server_t;

/* Binds and starts serving. A port in use or a bad address is ERR_INVALID with a clear
 * message (field "listen"). */
err_t *server_start(const server_config_t *cfg, server_t **out, arena_t *a);
/* Blocks until SIGINT or SIGTERM, then stops accepting, lets in-flight requests finish
 * (up to 30 s), and stops. The caller must have blocked those signals in every thread
 * (server_block_signals before server_start). */
void server_run_until_signal(server_t *s);
void server_block_signals(void);
void server_stop(server_t *s);

#endif
