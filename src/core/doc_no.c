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

static const char DU[] = "督"; /* 3 bytes in UTF-8 */

size_t doc_no_prefix_agency(char *out, size_t n, const char *agency_code, const char *county_name, const char *word) {
    if (!agency_code || !*agency_code) return doc_no_prefix(out, n, county_name, word);
    const char *rest = word ? word : "";
    if (strncmp(rest, DU, sizeof DU - 1) == 0) rest += sizeof DU - 1;
    return written(snprintf(out, n, "%s%s", agency_code, rest), n);
}

const char *doc_no_text_agency(arena_t *a, const char *agency_code, const char *county_name, const char *word, int year,
                               int64_t seq) {
    char prefix[96], no[160];
    doc_no_prefix_agency(prefix, sizeof prefix, agency_code, county_name, word);
    doc_no_format(no, sizeof no, prefix, year, seq);
    return arena_strdup(a, no);
}

int doc_no_agency_code_ok(const char *code) {
    size_t len = code ? strlen(code) : 0;
    if (len < sizeof DU - 1 || len > 8 * 4) return 0;
    if (strcmp(code + len - (sizeof DU - 1), DU) != 0) return 0;
    size_t n_chars = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)code[i];
        size_t w = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!w || i + w > len) return 0;
        if (w == 1 && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return 0;
        if (w == 3 && c < 0xE3) return 0; /* CJK and CJK punctuation start at U+3000 */
        i += w;
        n_chars++;
    }
    return n_chars >= 1 && n_chars <= 8;
}
