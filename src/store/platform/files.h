/* files: content-addressed attachments under the data directory. A file is stored once under
 * its SM3 hash ("ab/abcdef...", so a directory never holds more than 1/256 of them); writing
 * the same bytes again is a no-op. Writes go to a temporary file and are renamed, so a reader
 * never sees half a file, even on a shared mount used by several servers. Thread-safe. */
#ifndef DUDAO_FILES_H
#define DUDAO_FILES_H

#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

/* Stores data; *rel_out (arena) is the path relative to data_dir, also the hash's form. */
err_t *files_put(arena_t *a, const char *data_dir, const void *data, size_t n, const char **rel_out);
/* Reads a stored file into the arena. ERR_NOT_FOUND when absent. */
err_t *files_get(arena_t *a, const char *data_dir, const char *rel, const char **data, size_t *n);

/* A server secret kept in data_dir/name (never in the database, so a copy of the database
 * does not carry it): created once with 32 random bytes (mode 0600, written under a temporary
 * name and linked into place, so concurrent first callers agree on one key), then read.
 * *key (arena, FILES_SECRET_LEN bytes). ERR_INTERNAL when it cannot be read or made. */
enum { FILES_SECRET_LEN = 32 };
err_t *files_secret(arena_t *a, const char *data_dir, const char *name, const unsigned char **key);

#endif
