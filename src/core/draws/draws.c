/* The rules of 双随机一公开 and risk grouping (see draws.h and docs/draws.md). */
#include "core/draws/draws.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool draws_is_hex64(const char *s) {
    if (!s || strlen(s) != 64) return false;
    for (size_t i = 0; i < 64; i++)
        if (hexval(s[i]) < 0) return false;
    return true;
}

bool draws_seed_parse(const char *hex, unsigned char out[DRAWS_SEED_LEN]) {
    if (!draws_is_hex64(hex)) return false;
    for (size_t i = 0; i < DRAWS_SEED_LEN; i++)
        out[i] = (unsigned char)(hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]));
    return true;
}

void draws_seed_hash(const unsigned char seed[DRAWS_SEED_LEN], char out[65]) {
    unsigned char md[32];
    hash_sha256(seed, DRAWS_SEED_LEN, md);
    hash_hex(md, 32, out);
}

bool draws_seed_matches(const char *seed_hex, const char *hash_hex) {
    unsigned char seed[DRAWS_SEED_LEN];
    if (!draws_seed_parse(seed_hex, seed) || !draws_is_hex64(hash_hex)) return false;
    char h[65];
    draws_seed_hash(seed, h);
    for (size_t i = 0; i < 64; i++)
        if (hexval(h[i]) != hexval(hash_hex[i])) return false;
    return true;
}

size_t draws_share_count(size_t n, int percent) {
    if (percent < 1 || percent > 100 || n == 0) return 0;
    return (n * (size_t)percent + 99) / 100;
}

static void ticket_key(const unsigned char seed[DRAWS_SEED_LEN], const char *label, int64_t id, int t,
                       unsigned char out[32]) {
    unsigned char msg[DRAWS_SEED_LEN + 128];
    memcpy(msg, seed, DRAWS_SEED_LEN);
    int n = snprintf((char *)msg + DRAWS_SEED_LEN, 128, "%s:%" PRId64 ":%d", label, id, t);
    if (n < 0 || n >= 128) n = 127;
    hash_sha256(msg, DRAWS_SEED_LEN + (size_t)n, out);
}

static int cand_cmp(const void *pa, const void *pb) {
    const draws_cand_t *a = pa, *b = pb;
    int c = memcmp(a->key, b->key, DRAWS_SEED_LEN);
    if (c) return c;
    return a->id < b->id ? -1 : a->id > b->id;
}

void draws_rank(const unsigned char seed[DRAWS_SEED_LEN], const char *label, draws_cand_t *c, size_t n) {
    for (size_t i = 0; i < n; i++) {
        int w = c[i].weight < 1 ? 1 : c[i].weight > DRAWS_MAX_WEIGHT ? DRAWS_MAX_WEIGHT : c[i].weight;
        c[i].weight = w;
        ticket_key(seed, label, c[i].id, 1, c[i].key);
        for (int t = 2; t <= w; t++) {
            unsigned char k[32];
            ticket_key(seed, label, c[i].id, t, k);
            if (memcmp(k, c[i].key, 32) < 0) memcpy(c[i].key, k, 32);
        }
    }
    if (n > 1) qsort(c, n, sizeof *c, cand_cmp);
}

void draws_risk_defaults(draws_risk_thresholds_t *t) {
    t->key_overdue = 2;
    t->key_recurrent = 1;
    t->key_complaints = 3;
    t->key_open = 5;
    t->key_balance = 3;
}

static void add_reason(draws_reason_t *r, size_t *n, const char *code, const char *zh, int64_t v, int64_t thr) {
    if (v <= 0) return;
    r[*n] = (draws_reason_t){code, zh, v, thr, thr > 0 && v >= thr};
    (*n)++;
}

draws_risk_t draws_risk_class(const draws_risk_in_t *in, const draws_risk_thresholds_t *t,
                              draws_reason_t reasons[DRAWS_MAX_REASONS], size_t *n_reasons) {
    size_t n = 0;
    add_reason(reasons, &n, "overdue", "逾期未整改问题", in->n_overdue, t->key_overdue);
    add_reason(reasons, &n, "recurrent", "反弹或重复出现的问题", in->n_recurrent, t->key_recurrent);
    add_reason(reasons, &n, "complaints", "举报投诉", in->n_complaints, t->key_complaints);
    add_reason(reasons, &n, "open", "未销号问题", in->n_open, t->key_open);
    add_reason(reasons, &n, "balance", "未达标的均衡资源配置指标", in->n_balance_failing, t->key_balance);
    *n_reasons = n;
    draws_risk_t cls = n ? DRAWS_RISK_ISSUES : DRAWS_RISK_OK;
    for (size_t i = 0; i < n; i++)
        if (reasons[i].is_key) cls = DRAWS_RISK_KEY;
    return cls;
}

const char *draws_risk_code(draws_risk_t r) {
    return r == DRAWS_RISK_KEY ? "key" : r == DRAWS_RISK_ISSUES ? "issues" : "ok";
}

const char *draws_risk_zh(draws_risk_t r) {
    return r == DRAWS_RISK_KEY ? "重点难点" : r == DRAWS_RISK_ISSUES ? "存在问题" : "落实到位";
}

int draws_risk_weight(draws_risk_t r) {
    return r == DRAWS_RISK_KEY ? 3 : r == DRAWS_RISK_ISSUES ? 2 : 1;
}

bool draws_risk_parse(const char *code, draws_risk_t *out) {
    for (int r = DRAWS_RISK_OK; code && r <= DRAWS_RISK_KEY; r++)
        if (strcmp(code, draws_risk_code((draws_risk_t)r)) == 0) {
            *out = (draws_risk_t)r;
            return true;
        }
    return false;
}
