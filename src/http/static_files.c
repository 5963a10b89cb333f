#include "http/static_files.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void http_security_headers(struct MHD_Response *resp) {
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
}

static const char *static_content_type(const char *path) {
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
        {".svg", "image/svg+xml"},             {".png", "image/png"},
        {".jpg", "image/jpeg"},                {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},              {".woff", "font/woff"},
        {".ttf", "font/ttf"},                  {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    const char *dot = strrchr(path, '.');
    if (dot)
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcmp(dot, types[i].ext) == 0) return types[i].type;
    return "application/octet-stream";
}

/* No "..", no backslashes, no NUL tricks: the path stays inside web_dir. */
static bool static_path_safe(const char *path) {
    if (path[0] != '/' || strstr(path, "..") || strchr(path, '\\')) return false;
    return strlen(path) < 1024;
}

static enum MHD_Result static_queue_text(struct MHD_Connection *conn, unsigned status, const char *text,
                                         int *out_status, size_t *n_bytes) {
    struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(resp, "Content-Type", "text/plain; charset=utf-8");
    http_security_headers(resp);
    enum MHD_Result r = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    *out_status = (int)status;
    *n_bytes = strlen(text);
    return r;
}

enum MHD_Result static_files_serve(struct MHD_Connection *conn, const char *web_dir, const char *path,
                                   int *status, size_t *n_bytes) {
    if (!static_path_safe(path)) return static_queue_text(conn, MHD_HTTP_NOT_FOUND, "not found\n", status, n_bytes);
    char file[2048];
    struct stat st;
    bool is_index = false;
    snprintf(file, sizeof file, "%s%s", web_dir, path);
    if (stat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
        /* a missing build asset is a real 404 (a stale page must notice), not the SPA page */
        if (strncmp(path, "/assets/", 8) == 0)
            return static_queue_text(conn, MHD_HTTP_NOT_FOUND, "not found\n", status, n_bytes);
        /* SPA fallback: the client router owns every other path */
        snprintf(file, sizeof file, "%s/index.html", web_dir);
        is_index = true;
        if (stat(file, &st) != 0 || !S_ISREG(st.st_mode))
            return static_queue_text(conn, MHD_HTTP_NOT_FOUND,
                                     "dudao: 前端未构建 / web app not built (run make)\n", status, n_bytes);
    }
    const char *ctype = static_content_type(file);
    bool is_asset = !is_index && strncmp(path, "/assets/", 8) == 0;

    char etag[64];
    snprintf(etag, sizeof etag, "\"%" PRIx64 "-%" PRIx64 "\"", (uint64_t)st.st_mtime, (uint64_t)st.st_size);
    const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    if (inm && strcmp(inm, etag) == 0) {
        struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(resp, "ETag", etag);
        enum MHD_Result r = MHD_queue_response(conn, MHD_HTTP_NOT_MODIFIED, resp);
        MHD_destroy_response(resp);
        *status = 304;
        *n_bytes = 0;
        return r;
    }

    /* a precompressed sibling, when the client accepts gzip */
    bool is_gzip = false;
    const char *ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    int fd = -1;
    if (ae && strstr(ae, "gzip")) {
        char gz[2100];
        snprintf(gz, sizeof gz, "%s.gz", file);
        struct stat gst;
        if (stat(gz, &gst) == 0 && S_ISREG(gst.st_mode) && (fd = open(gz, O_RDONLY | O_CLOEXEC)) >= 0) {
            is_gzip = true;
            st = gst;
        }
    }
    if (fd < 0 && (fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
        return static_queue_text(conn, MHD_HTTP_NOT_FOUND, "not found\n", status, n_bytes);
    struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
    MHD_add_response_header(resp, "Content-Type", ctype);
    MHD_add_response_header(resp, "ETag", etag);
    MHD_add_response_header(resp, "Vary", "Accept-Encoding");
    if (is_gzip) MHD_add_response_header(resp, "Content-Encoding", "gzip");
    MHD_add_response_header(resp, "Cache-Control", is_asset ? "public, max-age=31536000, immutable" : "no-cache");
    /* every page, whether reached through the SPA fallback or by its own name (/index.html) */
    if (is_index || strncmp(ctype, "text/html", 9) == 0)
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                                "frame-ancestors 'none'");
    http_security_headers(resp);
    enum MHD_Result r = MHD_queue_response(conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    *status = 200;
    *n_bytes = (size_t)st.st_size;
    return r;
}
