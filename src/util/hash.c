#include "util/hash.h"

#include <openssl/evp.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

bool hash_init(void) {
    return sodium_init() >= 0;
}

static void hash_to_hex(const unsigned char *d, size_t n, char *out) {
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[d[i] >> 4];
        out[2 * i + 1] = hex[d[i] & 15];
    }
    out[2 * n] = '\0';
}

void hash_sm3_hex(const void *data, size_t n, char out[HASH_HEX_LEN + 1]) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n_md = 0;
    if (!EVP_Digest(data, n, md, &n_md, EVP_sm3(), NULL) || n_md != 32) {
        /* SM3 is in every OpenSSL 3 build Debian ships; its absence is a broken install. */
        fputs("dudao: OpenSSL SM3 digest unavailable\n", stderr);
        abort();
    }
    hash_to_hex(md, 32, out);
}

void hash_blake2b_hex(const void *data, size_t n, char out[HASH_HEX_LEN + 1]) {
    unsigned char md[32];
    crypto_generichash(md, sizeof md, data, n, NULL, 0);
    hash_to_hex(md, sizeof md, out);
}

void hash_etag_hex(const void *data, size_t n, char out[HASH_ETAG_HEX_LEN + 1]) {
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, XXH3_128bits(data, n));
    hash_to_hex(c.digest, sizeof c.digest, out);
}

void hash_blake2b_keyed_hex(const void *key, size_t key_n, const void *data, size_t n, char out[HASH_HEX_LEN + 1]) {
    unsigned char md[32];
    crypto_generichash(md, sizeof md, data, n, key, key_n);
    hash_to_hex(md, sizeof md, out);
}

void hash_random_token(size_t n_bytes, char *out, size_t out_size) {
    unsigned char raw[64];
    if (n_bytes > sizeof raw) n_bytes = sizeof raw;
    randombytes_buf(raw, n_bytes);
    sodium_bin2base64(out, out_size, raw, n_bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool hash_equal_ct(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    if (na != nb) return false;
    return sodium_memcmp(a, b, na) == 0;
}

void hash_sha256(const void *data, size_t n, unsigned char out[32]) {
    unsigned int n_md = 0;
    if (!EVP_Digest(data, n, out, &n_md, EVP_sha256(), NULL) || n_md != 32) {
        fputs("dudao: OpenSSL SHA-256 digest unavailable\n", stderr);
        abort();
    }
}

void hash_hex(const unsigned char *d, size_t n, char *out) {
    hash_to_hex(d, n, out);
}

void hash_random_bytes(void *out, size_t n) {
    randombytes_buf(out, n);
}
