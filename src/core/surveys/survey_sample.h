/* survey_sample: the sample a survey round needs, from the county's 常住人口 and the
 * questionnaire's sampling rule, and the check of a round's quota plan against it. Pure.
 *
 * The rule is data, in the questionnaire's document ("sampling", next.md §0.2: every national
 * number comes in versions, so a county keeps its own copy of the questionnaire when its
 * province sets other numbers):
 *   per_mille               the share of 常住人口 to sample (1.5 → 1.5 ‰)
 *   floor                   the least total sample
 *   floor_below_population  the floor applies when the population is below this (0: always);
 *                           e.g. 基本均衡 2012: 1.5 ‰, "不足40万的县按600人抽样"
 *   parent_share_min        parents' least share of the sample (0.5: "家长不少于50%")
 *   valid_return_min        the least share of the sample that must come back valid (0.7)
 *   tiers[] {below, total, parents}  fixed sizes by population band instead of per_mille
 *                           (学前 2022: < 20万 → 200 of whom 140 parents ...); the last tier
 *                           may have below 0 (no upper bound)
 * The required total is ceil(population × per_mille ÷ 1000), raised to the floor where it
 * applies; with tiers, the total of the first band the population is below. Required parents
 * are ceil(total × parent_share_min) (tiers: the band's number). The other groups are to be
 * "大体相当": a proposal splits the rest equally among them, the remainder to the first ones.
 *
 * Memory: the parsed rule in the arena. Thread-safe. */
#ifndef DUDAO_SURVEY_SAMPLE_H
#define DUDAO_SURVEY_SAMPLE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"

enum { SURVEY_SAMPLE_MAX_TIERS = 16 };

typedef struct sv_tier {
    int64_t below, total, parents;
} sv_tier_t;

typedef struct sv_sample_rule {
    double per_mille;
    int64_t floor, floor_below_population;
    double parent_share_min, valid_return_min;
    sv_tier_t tiers[SURVEY_SAMPLE_MAX_TIERS];
    size_t n_tiers;
} sv_sample_rule_t;

/* Reads the "sampling" object of a questionnaire document; *has false when there is none.
 * ERR_INVALID (field "document") for a malformed rule. */
err_t *survey_sample_parse(arena_t *a, const json_t *sampling, sv_sample_rule_t *out, bool *has);

typedef struct sv_sample_need {
    int64_t total;   /* the least sample */
    int64_t parents; /* the least number of parents in it */
    int64_t valid;   /* the least number of valid returns */
} sv_sample_need_t;

/* What a population needs under rule; population ≥ 1. */
sv_sample_need_t survey_sample_need(const sv_sample_rule_t *rule, int64_t population);

/* A proposal of quotas per group (groups in the questionnaire's order; parent_index the
 * parents' group, or -1): parents get their need, the rest split equally. quotas[n_groups]. */
void survey_sample_propose(const sv_sample_need_t *need, size_t n_groups, long parent_index, int64_t *quotas);

/* A one-line statement of the rule in Chinese, for the record and the report (arena). */
const char *survey_sample_describe(arena_t *a, const sv_sample_rule_t *rule);

#endif
