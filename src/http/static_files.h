/* static_files: serves the built web app (web/dist) with cache headers suited to Vite's
 * output (hashed files under /assets/ are immutable; index.html is revalidated), precompressed .gz
 * siblings when the client takes gzip, ETag/304, and the SPA fallback: any GET path that is
 * not a file gets index.html so the client router can handle it. Thread-safe. */
#ifndef DUDAO_STATIC_FILES_H
#define DUDAO_STATIC_FILES_H

#include <microhttpd.h>
#include <stddef.h>

/* Queues the answer for path on conn; *status and *n_bytes report what was sent. */
enum MHD_Result static_files_serve(struct MHD_Connection *conn, const char *web_dir, const char *path,
                                   int *status, size_t *n_bytes);
/* Adds the security headers every answer carries. */
void http_security_headers(struct MHD_Response *resp);

#endif
