/* passhash: argon2id password hashes (libsodium's encoded form, which carries its own salt
 * and cost parameters, so costs can be raised later without a migration).
 * Cost: libsodium's INTERACTIVE limits (64 MiB, 2 passes). Thread-safe; slow by design. */
#ifndef DUDAO_PASSHASH_H
#define DUDAO_PASSHASH_H

#include <stdbool.h>

#include "util/arena.h"

/* The encoded hash in the arena; NULL only if the memory for argon2 could not be had. */
char *passhash_hash(arena_t *a, const char *password);
bool passhash_verify(const char *encoded, const char *password);
/* Spends the time of one verification against a fixed hash, so an unknown username costs
 * as long as a wrong password (no user enumeration by timing). */
void passhash_dummy_verify(const char *password);

#endif
