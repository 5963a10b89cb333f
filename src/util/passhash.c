#include "util/passhash.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

char *passhash_hash(arena_t *a, const char *password) {
    char *out = arena_alloc(a, crypto_pwhash_STRBYTES);
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return NULL;
    return out;
}

bool passhash_verify(const char *encoded, const char *password) {
    if (!encoded) return false;
    return crypto_pwhash_str_verify(encoded, password, strlen(password)) == 0;
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_init(void) {
    if (crypto_pwhash_str(dummy_hash, "dudao-dummy-password", 20, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        dummy_hash[0] = '\0';
}

void passhash_dummy_verify(const char *password) {
    pthread_once(&dummy_once, dummy_init);
    (void)passhash_verify(dummy_hash, password);
}
