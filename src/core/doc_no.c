#include "core/doc_no.h"

#include <stdio.h>
#include <string.h>

const char DOC_NO_TAIL[] = "号";

static size_t written(int k, size_t n) {
    if (k < 0 || n == 0) return 0;
    return (size_t)k < n ? (size_t)k : n - 1;
}

size_t doc_no_prefix(char *out, size_t n, const char *county_name, const char *word) {
    size_t len = 0;
    if (county_name && *county_name) {
        /* one UTF-8 character: offices abbreviate 德清县 → 德 */
        unsigned char c = (unsigned char)county_name[0];
        len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (strlen(county_name) < len) len = strlen(county_name);
    }
    return written(snprintf(out, n, "%.*s%s", (int)len, county_name ? county_name : "", word ? word : ""), n);
}

size_t doc_no_head(char *out, size_t n, const char *prefix, int year) {
    return written(snprintf(out, n, "%s〔%d〕", prefix ? prefix : "", year), n);
}

size_t doc_no_format(char *out, size_t n, const char *prefix, int year, int64_t seq) {
    return written(snprintf(out, n, "%s〔%d〕%lld%s", prefix ? prefix : "", year, (long long)seq, DOC_NO_TAIL), n);
}

const char *doc_no_text(arena_t *a, const char *county_name, const char *word, int year, int64_t seq) {
    char prefix[64], no[128];
    doc_no_prefix(prefix, sizeof prefix, county_name, word);
    doc_no_format(no, sizeof no, prefix, year, seq);
    return arena_strdup(a, no);
}
