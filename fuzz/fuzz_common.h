/* What the harnesses share: a per-process scratch file, since tabular_read takes a path (as
 * the import routes hand it the uploaded temporary file). */
#ifndef DUDAO_FUZZ_COMMON_H
#define DUDAO_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/err.h"

static inline const char *fuzz_scratch_path(const char *suffix) {
    static char path[256];
    if (!path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/dudao-fuzz-%ld%s", dir && *dir ? dir : "/tmp", (long)getpid(), suffix);
    }
    return path;
}

static inline void fuzz_write(const char *path, const unsigned char *data, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (n && fwrite(data, 1, n, f) != n) abort();
    if (fclose(f) != 0) abort();
}

/* Touches every byte of every cell, so a bad pointer or a missing NUL shows under ASan. */
static inline err_t *fuzz_touch_row(void *ctx, size_t row_no, const char *const *cells, size_t n_cells) {
    size_t *sum = ctx;
    *sum += row_no;
    for (size_t i = 0; i < n_cells; i++)
        *sum += strlen(cells[i]);
    return NULL;
}

/* Every error a reader returns must be a well-formed one: a code, a message, a field. */
static inline void fuzz_check_err(const err_t *e) {
    if (!e) return;
    if (e->code < 0 || e->code >= ERR__COUNT || !e->message || !*e->message) abort();
}

#endif
