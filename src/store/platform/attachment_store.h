/* attachment_store: the rows of uploaded files (the bytes live in store/platform/files.c under their
 * SM3 hash). A row says what the file belongs to (owner_kind, owner_id), whose region and
 * school it is in (the scope), and when and where a photo was taken.
 *
 * Scope in SQL: a row is visible when its region lies in the caller's region subtree and,
 * for an inspector, when it holds the school or uploaded the file; the svc layer narrows a
 * school account further. Memory of results is in the arena. Not thread-safe per
 * db_t (one connection per thread). */
#ifndef DUDAO_ATTACHMENT_STORE_H
#define DUDAO_ATTACHMENT_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "store/scope.h"

typedef struct attachment {
    int64_t id;
    const char *hash; /* the files.c relative path "ab/abcd..." (the SM3 hex with a directory) */
    const char *mime;
    int64_t size_bytes;
    const char *name; /* the uploader's file name or NULL */
    const char *region_code;
    int64_t school_id; /* 0 none */
    const char *owner_kind;
    int64_t owner_id; /* 0 not linked yet */
    int64_t taken_at; /* 0 unknown */
    bool has_position;
    double lat, lng;
    int64_t uploaded_by; /* 0 the public or the system */
    const char *uploaded_by_name;
    int64_t created_at;
} attachment_t;

/* Who reads: a region subtree, narrowed for an inspector account to the files of schools it
 * holds (挂牌) and the files it uploaded itself. */
/* Inserts x (x->id filled in). */
err_t *attachment_store_insert(db_t *db, arena_t *a, attachment_t *x);
/* ERR_NOT_FOUND (field "attachment_id") when absent or outside the scope. */
err_t *attachment_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, attachment_t *out);
/* The attachments of one owner inside the scope, oldest first. */
err_t *attachment_store_list_owner(db_t *db, arena_t *a, const scope_t *sc, const char *owner_kind,
                                   int64_t owner_id, attachment_t **out, size_t *n_out);
/* Where an owner a client may name at upload lives: the school and region of owner_kind's
 * row owner_id. *is_namable false for a kind a client may not name (its capability links
 * its files itself); *is_found false when there is no such row. Today only "finding". */
err_t *attachment_store_owner_place(db_t *db, arena_t *a, const char *owner_kind, int64_t owner_id, bool *is_namable,
                                    bool *is_found, int64_t *school_id, const char **region_code);
/* Links an unlinked attachment to its owner; *is_linked false when it was already linked to
 * another owner (nothing changed). */
err_t *attachment_store_link(db_t *db, arena_t *a, int64_t id, const char *owner_kind, int64_t owner_id,
                             bool *is_linked);

#endif
