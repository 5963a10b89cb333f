#include "core/surveys/survey_sample.h"

#include <math.h>

static int64_t jint(const json_t *o, const char *k) {
    const json_t *v = json_object_get(o, k);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

static double jnum(const json_t *o, const char *k) {
    const json_t *v = json_object_get(o, k);
    return json_is_number(v) ? json_number_value(v) : 0;
}

static err_t *bad(arena_t *a, const char *zh, const char *en) {
    return err_newf(a, ERR_INVALID, "document", "抽样规则（sampling）无效：%s", "invalid sampling rule: %s", zh, en);
}

static err_t *parse_tiers(arena_t *a, const json_t *tiers, sv_sample_rule_t *r) {
    r->n_tiers = json_array_size(tiers);
    if (r->n_tiers > SURVEY_SAMPLE_MAX_TIERS) return bad(a, "分档过多", "too many tiers");
    int64_t last_below = 0;
    for (size_t i = 0; i < r->n_tiers; i++) {
        const json_t *t = json_array_get(tiers, i);
        sv_tier_t *x = &r->tiers[i];
        *x = (sv_tier_t){jint(t, "below"), jint(t, "total"), jint(t, "parents")};
        bool is_last = i + 1 == r->n_tiers;
        if (x->total < 1 || x->parents < 0 || x->parents > x->total)
            return bad(a, "分档人数应为正且家长不多于总数", "tier totals must be positive, parents ≤ total");
        if ((!is_last && x->below <= last_below) || (is_last && x->below != 0 && x->below <= last_below))
            return bad(a, "分档人口上限应递增", "tier bounds must increase");
        last_below = x->below;
    }
    return NULL;
}

err_t *survey_sample_parse(arena_t *a, const json_t *sampling, sv_sample_rule_t *out, bool *has) {
    *out = (sv_sample_rule_t){0};
    *has = json_is_object(sampling);
    if (!*has) return NULL;
    out->per_mille = jnum(sampling, "per_mille");
    out->floor = jint(sampling, "floor");
    out->floor_below_population = jint(sampling, "floor_below_population");
    out->parent_share_min = jnum(sampling, "parent_share_min");
    out->valid_return_min = jnum(sampling, "valid_return_min");
    const json_t *tiers = json_object_get(sampling, "tiers");
    if (tiers && !json_is_array(tiers)) return bad(a, "tiers 应为数组", "tiers must be an array");
    err_t *e = tiers ? parse_tiers(a, tiers, out) : NULL;
    if (e) return e;
    if (!out->n_tiers && (out->per_mille <= 0 || out->per_mille > 1000))
        return bad(a, "per_mille 应在 0 与 1000 之间", "per_mille must be in (0, 1000]");
    if (out->floor < 0 || out->floor_below_population < 0) return bad(a, "下限不能为负", "floors cannot be negative");
    if (out->parent_share_min < 0 || out->parent_share_min > 1 || out->valid_return_min < 0 ||
        out->valid_return_min > 1)
        return bad(a, "比例应在 0 与 1 之间", "shares must be in [0, 1]");
    return NULL;
}

/* ceil(x) for a non-negative product that should be whole when it is whole up to rounding
 * (600 000 × 1.5 ÷ 1000 is 900, not 900.0000000001 → 901). */
static int64_t ceil_count(double x) {
    double r = nearbyint(x);
    return fabs(x - r) < 1e-9 ? (int64_t)r : (int64_t)ceil(x);
}

sv_sample_need_t survey_sample_need(const sv_sample_rule_t *rule, int64_t population) {
    sv_sample_need_t need = {0};
    if (rule->n_tiers) {
        const sv_tier_t *t = &rule->tiers[rule->n_tiers - 1];
        for (size_t i = 0; i < rule->n_tiers; i++)
            if (rule->tiers[i].below == 0 || population < rule->tiers[i].below) {
                t = &rule->tiers[i];
                break;
            }
        need.total = t->total;
        need.parents = t->parents;
    } else {
        need.total = ceil_count((double)population * rule->per_mille / 1000.0);
        bool is_floor_applied = rule->floor_below_population == 0 || population < rule->floor_below_population;
        if (is_floor_applied && need.total < rule->floor) need.total = rule->floor;
        need.parents = ceil_count((double)need.total * rule->parent_share_min);
    }
    need.valid = ceil_count((double)need.total * rule->valid_return_min);
    return need;
}

void survey_sample_propose(const sv_sample_need_t *need, size_t n_groups, long parent_index, int64_t *quotas) {
    if (!n_groups) return;
    bool has_parents = parent_index >= 0 && (size_t)parent_index < n_groups;
    size_t n_others = n_groups - (has_parents ? 1 : 0);
    int64_t parents = has_parents ? need->parents : 0;
    if (!n_others) parents = need->total > parents ? need->total : parents;
    int64_t rest = need->total - parents;
    if (rest < 0) rest = 0;
    int64_t each = n_others ? rest / (int64_t)n_others : 0, extra = n_others ? rest % (int64_t)n_others : 0;
    for (size_t i = 0; i < n_groups; i++) {
        if (has_parents && (long)i == parent_index) {
            quotas[i] = parents;
            continue;
        }
        quotas[i] = each + (extra > 0 ? 1 : 0);
        if (extra > 0) extra--;
    }
}

const char *survey_sample_describe(arena_t *a, const sv_sample_rule_t *rule) {
    const char *valid =
        rule->valid_return_min > 0 ? arena_printf(a, "，有效回收率不低于 %g%%", rule->valid_return_min * 100) : "";
    if (rule->n_tiers) return arena_printf(a, "按常住人口分档确定样本量（%zu 档）%s", rule->n_tiers, valid);
    const char *floor = "";
    if (rule->floor > 0)
        floor = rule->floor_below_population > 0
                    ? arena_printf(a, "，常住人口不足 %lld 的按 %lld 人", (long long)rule->floor_below_population,
                                   (long long)rule->floor)
                    : arena_printf(a, "，不少于 %lld 人", (long long)rule->floor);
    const char *parents =
        rule->parent_share_min > 0 ? arena_printf(a, "，家长不少于 %g%%", rule->parent_share_min * 100) : "";
    return arena_printf(a, "样本量为常住人口的 %g‰%s%s%s", rule->per_mille, floor, parents, valid);
}
