/* core/draws: the rules of 双随机一公开 and of risk grouping, pure (no I/O, no SQL).
 *
 * The verifiable draw (docs/draws.md is the normative text, this is its implementation):
 * - the seed is 32 bytes; the office publishes SHA-256(seed) (64 lowercase hex) before the
 *   draw and reveals the seed (64 hex) after; a seed whose SHA-256 is not the published hash
 *   is refused (draws_seed_matches);
 * - each candidate (school, inspector or finding, by its decimal id) holds w >= 1 tickets;
 *   ticket t (1..w) has the key SHA-256(seed || "<label>:<id>:<t>") where label names the
 *   pool ("school", "finding", "inspector:<school id>"); a candidate's key is the smallest of
 *   its tickets' keys; candidates are sorted by key (bytewise, then by id), the first k drawn.
 *   With w = 1 for all this is a uniform draw without replacement; with w tickets it is
 *   successive drawing proportional to w (the first ticket in key order of any remaining
 *   candidate wins).
 * - k for a share p (1..100 %) of n candidates is ceil(n * p / 100), computed in integers.
 * Thread-safe; no allocation. */
#ifndef DUDAO_CORE_DRAWS_H
#define DUDAO_CORE_DRAWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { DRAWS_SEED_LEN = 32, DRAWS_MAX_WEIGHT = 10, DRAWS_ALGORITHM_VERSION = 1 };

typedef struct draws_cand {
    int64_t id;
    int weight;                        /* tickets, 1..DRAWS_MAX_WEIGHT (clamped) */
    unsigned char key[DRAWS_SEED_LEN]; /* set by draws_rank */
} draws_cand_t;

/* Parses 64 hex digits (either case) into 32 bytes; false on anything else. */
bool draws_seed_parse(const char *hex, unsigned char out[DRAWS_SEED_LEN]);
/* SHA-256 of the seed as 64 lowercase hex digits + NUL. */
void draws_seed_hash(const unsigned char seed[DRAWS_SEED_LEN], char out[65]);
/* True when seed_hex parses and its SHA-256 equals hash_hex (case-insensitive). */
bool draws_seed_matches(const char *seed_hex, const char *hash_hex);
/* True when s is 64 hex digits. */
bool draws_is_hex64(const char *s);

/* The number drawn for a share of percent (1..100) of n: ceil(n * percent / 100); 0 when n is
 * 0; percent outside 1..100 gives 0 (the caller refuses it first). */
size_t draws_share_count(size_t n, int percent);

/* Computes every candidate's key under seed and label and sorts c in draw order. */
void draws_rank(const unsigned char seed[DRAWS_SEED_LEN], const char *label, draws_cand_t *c, size_t n);

/* Risk grouping (文登: "按照'重点难点''存在问题''落实到位'类别…进行分组"). */
typedef enum draws_risk { DRAWS_RISK_OK = 0, DRAWS_RISK_ISSUES = 1, DRAWS_RISK_KEY = 2 } draws_risk_t;

typedef struct draws_risk_in {
    int64_t n_open;            /* findings not yet 销号 */
    int64_t n_overdue;         /* of those, past their deadline */
    int64_t n_complaints;      /* complaints about the school in the period */
    int64_t n_recurrent;       /* findings reopened or repeated (same indicator again) */
    int64_t n_balance_failing; /* 均衡 indicators below the line; -1: no balance data */
} draws_risk_in_t;

/* The thresholds (settings draws.risk.*; the defaults below when unset). A school is 重点难点
 * when any "key" count reaches its threshold (balance included: a school failing key_balance of
 * the 7 resource indicators), 存在问题 when it has any open finding, complaint, recurrence or
 * failing balance indicator, else 落实到位. No balance data (-1) is no reason. */
typedef struct draws_risk_thresholds {
    int64_t key_overdue;    /* default 2 */
    int64_t key_recurrent;  /* default 1 */
    int64_t key_complaints; /* default 3 */
    int64_t key_open;       /* default 5 */
    int64_t key_balance;    /* 优质均衡 resource indicators failed in the newest year; default 3 */
} draws_risk_thresholds_t;

void draws_risk_defaults(draws_risk_thresholds_t *t);

typedef struct draws_reason {
    const char *code;         /* overdue | recurrent | complaints | open | balance */
    const char *zh;           /* 中文 label */
    int64_t value, threshold; /* threshold 1 for the 存在问题 reasons */
    bool is_key;              /* this reason makes the school 重点难点 */
} draws_reason_t;

enum { DRAWS_MAX_REASONS = 5 };

/* The class with its reasons (every count that is non-zero, in the order above). */
draws_risk_t draws_risk_class(const draws_risk_in_t *in, const draws_risk_thresholds_t *t,
                              draws_reason_t reasons[DRAWS_MAX_REASONS], size_t *n_reasons);
/* "key" | "issues" | "ok" → the class; false otherwise. */
bool draws_risk_parse(const char *code, draws_risk_t *out);
/* key | issues | ok, and the 中文 name. */
const char *draws_risk_code(draws_risk_t r);
const char *draws_risk_zh(draws_risk_t r);
/* The tickets a class holds in a weighted draw: 重点难点 3, 存在问题 2, 落实到位 1. */
int draws_risk_weight(draws_risk_t r);

#endif
