/* survey_stats: the results of a survey round from counts — satisfaction (满意度) per item,
 * group, school and overall, 社会认可度 against its threshold, stratum weights and the
 * suppression of small cells. Pure: no I/O; the store hands in counts, never answers.
 *
 * The formula (stated the same way in the office view and the PDF report):
 *   满意度 = Σ w·(满意 + 比较满意) ÷ Σ w·(有效作答), 不了解 excluded from both,
 * where the sums run over the answers of the unit (an item, a group, a school, the county;
 * for a unit of several items every scored item's answers count once) and w is the weight of
 * the answer's quota cell (the sampling plan's stratum weight; 1 when the plan sets none).
 * On the 3-level 基本均衡 scale the top two levels are 满意 and 基本满意. A unit passes when its
 * rate ≥ threshold (0.85 for 社会认可度 and 公众满意度): exactly 85 % passes. The rate is
 * compared with a tolerance of 1e-9 so that 17 ÷ 20 is 85 % however it is rounded.
 *
 * Suppression (next.md §0.3): a unit with fewer respondents than min_n (default 10) shows no
 * figure. Secondary suppression: when exactly one unit of a breakdown (the groups, the schools,
 * an item's groups) is hidden and the total is shown, the smallest other unit is hidden too,
 * so the hidden one cannot be recovered by subtraction.
 *
 * Memory: results in the arena. Thread-safe. */
#ifndef DUDAO_SURVEY_STATS_H
#define DUDAO_SURVEY_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/surveys/survey_form.h"
#include "util/arena.h"

enum { SURVEY_MIN_N_DEFAULT = 10 };

/* Whether a stored likert value is satisfied (top two levels), unsatisfied, or 不了解. */
typedef enum sv_class { SV_SATISFIED, SV_UNSATISFIED, SV_DONT_KNOW, SV_NOT_LIKERT } sv_class_t;
sv_class_t survey_value_class(sq_kind_t scale, const char *value);

typedef struct sv_tally {
    int64_t satisfied, valid, dont_know; /* valid = satisfied + unsatisfied */
} sv_tally_t;

typedef struct sv_cell_in {
    const char *group;
    int64_t school_id; /* 0: a county-level cell */
    double weight;     /* ≤ 0 is taken as 1 */
    int64_t n_responses;
} sv_cell_in_t;

typedef struct sv_input {
    const sv_cell_in_t *cells;
    size_t n_cells;
    size_t n_items;
    const sv_tally_t *tallies; /* n_cells × n_items, by cell then item */
    int64_t min_n;             /* < 1 means SURVEY_MIN_N_DEFAULT */
    double threshold;
} sv_input_t;

typedef struct sv_figure {
    int64_t n_respondents;
    int64_t satisfied, valid, dont_know; /* unweighted counts of answers */
    double rate;                         /* weighted; meaningful when has_rate */
    bool has_rate;                       /* some valid answer */
    bool is_suppressed;                  /* n_respondents < min_n, or secondary */
} sv_figure_t;

typedef struct sv_results {
    sv_figure_t overall;
    bool is_passing; /* overall shown, and rate ≥ threshold */
    const char **groups;
    size_t n_groups;
    sv_figure_t *by_group;
    int64_t *schools;
    size_t n_schools;
    sv_figure_t *by_school;
    sv_figure_t *by_item;       /* n_items */
    sv_figure_t *by_item_group; /* n_items × n_groups */
} sv_results_t;

/* Σ w·S ÷ Σ w·V over the given cells and items; false (no rate) when Σ w·V is 0. */
bool survey_rate(const sv_input_t *in, const bool *cell_on, const bool *item_on, double *rate);
/* rate ≥ threshold, with the tolerance above. */
bool survey_meets(double rate, double threshold);
/* Primary and secondary suppression over one breakdown of n units. */
void survey_suppress(sv_figure_t *units, size_t n, int64_t min_n);
/* Every figure of a round. */
void survey_results(arena_t *a, const sv_input_t *in, sv_results_t *out);

#endif
