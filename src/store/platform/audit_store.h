/* audit_store: the append-only, SM3-chained audit log (core/platform/audit_chain.h says how a row is
 * hashed). There is no update or delete here, and triggers in the schema refuse them.
 * audit_store_append must run inside the caller's transaction: it takes the chain lock
 * (BEGIN IMMEDIATE on SQLite, an advisory transaction lock on PostgreSQL), so concurrent
 * writers, even in several server processes, extend one chain in order. */
#ifndef DUDAO_AUDIT_STORE_H
#define DUDAO_AUDIT_STORE_H

#include "core/platform/audit_chain.h"
#include "store/db.h"

typedef struct audit_filter {
    const char *actor;  /* actor username */
    const char *action;
    const char *entity;
    const char *entity_id;
    int64_t from;       /* at >= from (0 = open) */
    int64_t to;         /* at < to (0 = open) */
    int64_t limit;
    int64_t offset;
} audit_filter_t;

/* Fills r->id, r->prev_hash and r->hash, then inserts the row. */
err_t *audit_store_append(db_t *db, arena_t *a, audit_row_t *r);
/* Rows whose region lies inside scope_path (rows without a region: only for a root scope
 * "/"), newest first. */
err_t *audit_store_list(db_t *db, arena_t *a, const char *scope_path, const audit_filter_t *f, audit_row_t **out,
                        size_t *n_out, int64_t *total);
/* Walks the whole chain in id order in batches. *broken_id = 0 when intact, else the first
 * row whose link, id sequence or hash fails; *n_checked rows were read. */
err_t *audit_store_verify(db_t *db, arena_t *a, int64_t *n_checked, int64_t *broken_id);

typedef struct audit_checkpoint {
    int64_t id;
    int64_t at;
    int64_t last_id;
    const char *last_hash;
    const char *public_key; /* Ed25519, hex */
    const char *signature;  /* Ed25519 over audit_checkpoint_message, hex */
} audit_checkpoint_t;

/* The newest row's id and hash; *last_id = 0 and *last_hash = AUDIT_GENESIS when empty. */
err_t *audit_store_head(db_t *db, arena_t *a, int64_t *last_id, const char **last_hash);
/* The hash row id carries; *found false when there is no such row. */
err_t *audit_store_hash_of(db_t *db, arena_t *a, int64_t id, const char **hash, bool *found);
/* Fills c->id and inserts. */
err_t *audit_store_checkpoint_insert(db_t *db, arena_t *a, audit_checkpoint_t *c);
/* Every checkpoint, oldest first (one a day: a few thousand in ten years). */
err_t *audit_store_checkpoint_list(db_t *db, arena_t *a, audit_checkpoint_t **out, size_t *n_out);

#endif
