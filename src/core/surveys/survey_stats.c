#include "core/surveys/survey_stats.h"

#include <string.h>

sv_class_t survey_value_class(sq_kind_t scale, const char *value) {
    if (!value) return SV_NOT_LIKERT;
    if (strcmp(value, "dk") == 0) return SV_DONT_KNOW;
    if (!survey_likert_label(scale, value)) return SV_NOT_LIKERT;
    int top = scale == SQ_LIKERT3 ? 3 : 5;
    int v = value[0] - '0';
    return v >= top - 1 ? SV_SATISFIED : SV_UNSATISFIED;
}

static double weight_of(const sv_cell_in_t *c) {
    return c->weight > 0 ? c->weight : 1.0;
}

bool survey_rate(const sv_input_t *in, const bool *cell_on, const bool *item_on, double *rate) {
    double num = 0, den = 0;
    for (size_t c = 0; c < in->n_cells; c++) {
        if (cell_on && !cell_on[c]) continue;
        double w = weight_of(&in->cells[c]);
        for (size_t i = 0; i < in->n_items; i++) {
            if (item_on && !item_on[i]) continue;
            const sv_tally_t *t = &in->tallies[c * in->n_items + i];
            num += w * (double)t->satisfied;
            den += w * (double)t->valid;
        }
    }
    if (den <= 0) return false;
    *rate = num / den;
    return true;
}

bool survey_meets(double rate, double threshold) {
    return rate >= threshold - 1e-9;
}

void survey_suppress(sv_figure_t *units, size_t n, int64_t min_n) {
    size_t n_hidden = 0;
    for (size_t i = 0; i < n; i++) {
        units[i].is_suppressed = units[i].n_respondents < min_n;
        n_hidden += units[i].is_suppressed;
    }
    if (n_hidden != 1 || n < 2) return;
    size_t best = n;
    for (size_t i = 0; i < n; i++)
        if (!units[i].is_suppressed && (best == n || units[i].n_respondents < units[best].n_respondents)) best = i;
    if (best < n) units[best].is_suppressed = true;
}

/* The figure of the cells in cell_on and items in item_on. Respondents are counted per cell
 * (every respondent of a cell answered the unit's questions or skipped them). */
static sv_figure_t figure(const sv_input_t *in, const bool *cell_on, const bool *item_on) {
    sv_figure_t f = {0};
    for (size_t c = 0; c < in->n_cells; c++) {
        if (cell_on && !cell_on[c]) continue;
        f.n_respondents += in->cells[c].n_responses;
        for (size_t i = 0; i < in->n_items; i++) {
            if (item_on && !item_on[i]) continue;
            const sv_tally_t *t = &in->tallies[c * in->n_items + i];
            f.satisfied += t->satisfied;
            f.valid += t->valid;
            f.dont_know += t->dont_know;
        }
    }
    f.has_rate = survey_rate(in, cell_on, item_on, &f.rate);
    return f;
}

static size_t distinct_groups(arena_t *a, const sv_input_t *in, const char ***out) {
    *out = arena_alloc(a, (in->n_cells + 1) * sizeof **out);
    size_t n = 0;
    for (size_t c = 0; c < in->n_cells; c++) {
        size_t k = 0;
        while (k < n && strcmp((*out)[k], in->cells[c].group) != 0)
            k++;
        if (k == n) (*out)[n++] = in->cells[c].group;
    }
    return n;
}

static size_t distinct_schools(arena_t *a, const sv_input_t *in, int64_t **out) {
    *out = arena_alloc(a, (in->n_cells + 1) * sizeof **out);
    size_t n = 0;
    for (size_t c = 0; c < in->n_cells; c++) {
        if (in->cells[c].school_id <= 0) continue;
        size_t k = 0;
        while (k < n && (*out)[k] != in->cells[c].school_id)
            k++;
        if (k == n) (*out)[n++] = in->cells[c].school_id;
    }
    return n;
}

static void by_group(arena_t *a, const sv_input_t *in, const bool *item_on, sv_results_t *r, sv_figure_t *out) {
    bool *on = arena_alloc(a, (in->n_cells + 1) * sizeof *on);
    for (size_t g = 0; g < r->n_groups; g++) {
        for (size_t c = 0; c < in->n_cells; c++)
            on[c] = strcmp(in->cells[c].group, r->groups[g]) == 0;
        out[g] = figure(in, on, item_on);
    }
}

void survey_results(arena_t *a, const sv_input_t *in, sv_results_t *r) {
    int64_t min_n = in->min_n >= 1 ? in->min_n : SURVEY_MIN_N_DEFAULT;
    memset(r, 0, sizeof *r);
    r->overall = figure(in, NULL, NULL);
    r->overall.is_suppressed = r->overall.n_respondents < min_n;
    r->is_passing = r->overall.has_rate && !r->overall.is_suppressed && survey_meets(r->overall.rate, in->threshold);
    r->n_groups = distinct_groups(a, in, &r->groups);
    r->by_group = arena_alloc(a, (r->n_groups + 1) * sizeof *r->by_group);
    by_group(a, in, NULL, r, r->by_group);
    survey_suppress(r->by_group, r->n_groups, min_n);
    r->n_schools = distinct_schools(a, in, &r->schools);
    r->by_school = arena_alloc(a, (r->n_schools + 1) * sizeof *r->by_school);
    bool *on = arena_alloc(a, (in->n_cells + 1) * sizeof *on);
    for (size_t s = 0; s < r->n_schools; s++) {
        for (size_t c = 0; c < in->n_cells; c++)
            on[c] = in->cells[c].school_id == r->schools[s];
        r->by_school[s] = figure(in, on, NULL);
    }
    survey_suppress(r->by_school, r->n_schools, min_n);
    r->by_item = arena_alloc(a, (in->n_items + 1) * sizeof *r->by_item);
    r->by_item_group = arena_alloc(a, (in->n_items * r->n_groups + 1) * sizeof *r->by_item_group);
    bool *item_on = arena_alloc(a, (in->n_items + 1) * sizeof *item_on);
    for (size_t i = 0; i < in->n_items; i++) {
        memset(item_on, 0, in->n_items * sizeof *item_on);
        item_on[i] = true;
        r->by_item[i] = figure(in, NULL, item_on);
        r->by_item[i].is_suppressed = r->by_item[i].n_respondents < min_n;
        sv_figure_t *row = &r->by_item_group[i * r->n_groups];
        by_group(a, in, item_on, r, row);
        survey_suppress(row, r->n_groups, min_n);
    }
}
