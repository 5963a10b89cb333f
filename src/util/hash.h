/* hash: the digests and random tokens dudao uses.
 * - SM3 (GB/T 32905, OpenSSL) for the audit chain: the national hash Chinese government
 *   systems are expected to use.
 * - BLAKE2b (libsodium) for session tokens at rest.
 * - random tokens from libsodium's CSPRNG.
 * Thread-safe after hash_init (call once at start; it initialises libsodium). */
#ifndef DUDAO_HASH_H
#define DUDAO_HASH_H

#include <stdbool.h>
#include <stddef.h>

enum { HASH_HEX_LEN = 64 };

bool hash_init(void);
/* SM3 of data as 64 lowercase hex digits plus NUL (out needs 65 bytes). */
void hash_sm3_hex(const void *data, size_t n, char out[HASH_HEX_LEN + 1]);
/* BLAKE2b-256 as hex. */
void hash_blake2b_hex(const void *data, size_t n, char out[HASH_HEX_LEN + 1]);

/* A 128-bit change detector (XXH3-128), as 32 hex digits, for ETags: not a cryptographic hash
 * (no secret or integrity rests on it; a tag only says whether an answer changed), about 20×
 * cheaper than BLAKE2b, which was a tenth of the ledger page's time (docs/performance.md). */
enum { HASH_ETAG_HEX_LEN = 32 };
void hash_etag_hex(const void *data, size_t n, char out[HASH_ETAG_HEX_LEN + 1]);
/* BLAKE2b-256 keyed with key (16..64 bytes; a MAC) as hex. */
void hash_blake2b_keyed_hex(const void *key, size_t key_n, const void *data, size_t n, char out[HASH_HEX_LEN + 1]);
/* n_bytes random bytes as unpadded base64url (out needs 4*n_bytes/3 + 3). */
void hash_random_token(size_t n_bytes, char *out, size_t out_size);
/* SHA-256 of data (OpenSSL): the published, widely re-implementable digest of the verifiable
 * draws (docs/draws.md), where a citizen's offline re-run matters more than the national hash. */
void hash_sha256(const void *data, size_t n, unsigned char out[32]);
/* Lowercase hex of n bytes (out needs 2n + 1). */
void hash_hex(const unsigned char *d, size_t n, char *out);
/* n random bytes from libsodium's CSPRNG. */
void hash_random_bytes(void *out, size_t n);
/* Constant-time comparison of two NUL-terminated strings. */
bool hash_equal_ct(const char *a, const char *b);

#endif
