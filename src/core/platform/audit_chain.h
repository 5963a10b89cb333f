/* audit_chain: how one audit row is hashed into the chain.
 *
 * hash(row N) = SM3(canonical(row N fields) || hash(row N-1)); the first row links to
 * AUDIT_GENESIS. The canonical form writes each field as "<decimal byte length>:<bytes>\n"
 * (NULL as "-\n") in a fixed order, so no two different rows serialise alike. Changing any
 * field of any row, deleting or reordering rows breaks the link from that row on.
 * Pure; thread-safe. */
#ifndef DUDAO_AUDIT_CHAIN_H
#define DUDAO_AUDIT_CHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/hash.h"

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct audit_row {
    int64_t id;
    int64_t at;
    const char *actor_id; /* decimal text, or NULL for the system */
    const char *actor_name;
    const char *action;
    const char *entity;
    const char *entity_id;
    const char *region_code;
    const char *before_json;
    const char *after_json;
    const char *ip;
    const char *prev_hash;
    const char *hash; /* as stored, checked by audit_chain_verify_row */
} audit_row_t;

/* Computes the hash row r should carry given its prev_hash. */
void audit_chain_hash(const audit_row_t *r, char out[HASH_HEX_LEN + 1]);

/* Checks one row against the previous row's hash (prev is AUDIT_GENESIS for the first row,
 * expected_id the id it must have): the link, the id sequence and the row's own hash. */
bool audit_chain_verify_row(const audit_row_t *r, const char *prev_hash, int64_t expected_id);

/* The text a checkpoint signs: "dudao-audit-checkpoint/1\n<last_id>\n<last_hash>\n<at>\n".
 * Writes at most n bytes (NUL included) to out; returns the length (as snprintf). */
int audit_checkpoint_message(int64_t last_id, const char *last_hash, int64_t at, char *out, size_t n);

#endif
