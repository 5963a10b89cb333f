#include "core/balance/verdict.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- rules as data */

static const struct {
    const char *name;
    verdict_op_t op;
} OPS[] = {{">=", VOP_GE}, {"<=", VOP_LE},        {"<", VOP_LT},    {"yes", VOP_YES},
           {"no", VOP_NO}, {">=key", VOP_GE_KEY}, {"ref", VOP_REF}, {"years_before", VOP_YEARS_BEFORE}};

static bool is_boolean_op(verdict_op_t op) {
    return op == VOP_YES || op == VOP_NO;
}

static const char *sdup(arena_t *a, json_t *o, const char *k) {
    const char *s = json_string_value(json_object_get(o, k));
    return s ? arena_strdup(a, s) : NULL;
}

static err_t *bad_item(arena_t *a, const char *item, const char *key) {
    return err_newf(a, ERR_INVALID, "standards", "verdict 标准文件：项目 %s 的 %s 有误",
                    "verdict standards document: item %s has a bad %s", item, key, item, key);
}

static err_t *load_check(arena_t *a, const char *item, json_t *c, verdict_check_t *out) {
    const char *op = json_string_value(json_object_get(c, "op"));
    *out = (verdict_check_t){.key = sdup(a, c, "key"),
                             .label_zh = sdup(a, c, "label_zh"),
                             .label_en = sdup(a, c, "label_en"),
                             .unit = sdup(a, c, "unit"),
                             .ref = sdup(a, c, "ref"),
                             .op = (verdict_op_t)-1,
                             .min = 0,
                             .max = 1e12};
    for (size_t i = 0; op && i < sizeof OPS / sizeof OPS[0]; i++)
        if (strcmp(op, OPS[i].name) == 0) out->op = OPS[i].op;
    if (!out->key || !out->label_zh || (int)out->op < 0) return bad_item(a, item, "checks");
    json_t *t = json_object_get(c, "threshold");
    bool needs_threshold = out->op == VOP_GE || out->op == VOP_LE || out->op == VOP_LT || out->op == VOP_YEARS_BEFORE;
    if (needs_threshold && !json_is_number(t)) return bad_item(a, item, "threshold");
    if (needs_threshold) out->threshold = json_number_value(t);
    if (json_is_number(json_object_get(c, "min"))) out->min = json_number_value(json_object_get(c, "min"));
    if (json_is_number(json_object_get(c, "max"))) out->max = json_number_value(json_object_get(c, "max"));
    if (out->op == VOP_GE_KEY && !out->ref) return bad_item(a, item, "ref");
    if (!out->unit) out->unit = "";
    return NULL;
}

static err_t *load_item(arena_t *a, json_t *o, verdict_item_t *it) {
    *it = (verdict_item_t){.part = sdup(a, o, "part"),
                           .key = sdup(a, o, "key"),
                           .name_zh = sdup(a, o, "name_zh"),
                           .name_en = sdup(a, o, "name_en"),
                           .evidence_zh = sdup(a, o, "evidence_zh"),
                           .confidence = sdup(a, o, "confidence"),
                           .hook = sdup(a, o, "hook"),
                           .pre_assessment = sdup(a, o, "pre_assessment")};
    const char *src = json_string_value(json_object_get(o, "source"));
    it->is_computed = src && strcmp(src, "computed") == 0;
    if (!it->key || !it->part || !it->name_zh) return bad_item(a, it->key ? it->key : "?", "key/part/name_zh");
    if (!verdict_part_label_zh(it->part)) return bad_item(a, it->key, "part");
    json_t *checks = json_object_get(o, "checks");
    if (json_array_size(checks) > VERDICT_MAX_CHECKS) return bad_item(a, it->key, "checks");
    for (size_t i = 0; i < json_array_size(checks); i++) {
        err_t *e = load_check(a, it->key, json_array_get(checks, i), &it->checks[it->n_checks++]);
        if (e) return e;
    }
    if (!it->is_computed && it->n_checks == 0) return bad_item(a, it->key, "checks");
    return NULL;
}

err_t *verdict_rules_load(arena_t *a, const char *const *texts, size_t n, verdict_rules_t *out) {
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        json_t *doc = json_loads(texts[i], 0, NULL);
        const char *std = json_string_value(json_object_get(doc, "standard"));
        const char *jur = json_string_value(json_object_get(doc, "jurisdiction"));
        if (!std || strcmp(std, "verdict") != 0 || !jur || strcmp(jur, "national") != 0) {
            json_decref(doc);
            continue;
        }
        json_t *items = json_object_get(doc, "items");
        err_t *e = json_array_size(items) <= VERDICT_MAX_ITEMS ? NULL : bad_item(a, "*", "items");
        out->n_items = 0;
        for (size_t k = 0; !e && k < json_array_size(items); k++)
            e = load_item(a, json_array_get(items, k), &out->items[out->n_items++]);
        out->source = arena_printf(a, "verdict %s national", json_string_value(json_object_get(doc, "version")));
        json_decref(doc);
        if (e) return e;
    }
    if (out->n_items == 0)
        return err_new(a, ERR_INVALID, "standards", "缺少国家 verdict 标准文件",
                       "the national verdict document is required");
    return NULL;
}

const verdict_item_t *verdict_item_find(const verdict_rules_t *r, const char *key) {
    for (size_t i = 0; key && i < r->n_items; i++)
        if (strcmp(r->items[i].key, key) == 0) return &r->items[i];
    return NULL;
}

static const struct {
    const char *key, *zh, *en, *by_zh, *by_en;
} PARTS[] = {
    {"resources", "资源配置", "resources", "学校及县教育行政部门（见补充方案）",
     "the schools and the county education bureau"},
    {"guarantee", "政府保障程度", "government guarantee", "县级人民政府（财政、人社、编制、教育等部门）",
     "the county government (finance, personnel, staffing, education)"},
    {"education", "教育质量", "education quality", "县教育行政部门和各学校",
     "the county education bureau and the schools"},
    {"recognition", "社会认可度", "public recognition", "县级人民政府（调查由国家委托第三方实施）",
     "the county government (the survey is run by the national body)"},
    {"eligibility", "申报条件", "eligibility", "县级人民政府", "the county government"},
    {"veto", "不予认定情形", "vetoes", "县级人民政府和教育行政部门", "the county government and education bureau"},
    {"pre", "社会认可度预评估", "pre-assessment", "县督导室", "the county office"},
    {"basic2012", "基本均衡（2012）四项条件", "basic balance (2012)", "县级人民政府", "the county government"},
};

const char *verdict_part_owner_zh(const char *part) {
    for (size_t i = 0; part && i < sizeof PARTS / sizeof PARTS[0]; i++)
        if (strcmp(PARTS[i].key, part) == 0) return PARTS[i].by_zh;
    return NULL;
}

const char *verdict_part_owner_en(const char *part) {
    for (size_t i = 0; part && i < sizeof PARTS / sizeof PARTS[0]; i++)
        if (strcmp(PARTS[i].key, part) == 0) return PARTS[i].by_en;
    return NULL;
}

const char *verdict_part_label_zh(const char *part) {
    for (size_t i = 0; part && i < sizeof PARTS / sizeof PARTS[0]; i++)
        if (strcmp(PARTS[i].key, part) == 0) return PARTS[i].zh;
    return NULL;
}

const char *verdict_part_label_en(const char *part) {
    for (size_t i = 0; part && i < sizeof PARTS / sizeof PARTS[0]; i++)
        if (strcmp(PARTS[i].key, part) == 0) return PARTS[i].en;
    return NULL;
}

/* ---------------------------------------------------------------- entry */

err_t *verdict_values_parse(arena_t *a, const verdict_item_t *it, const json_t *values, int64_t school_year,
                            double v[VERDICT_MAX_CHECKS]) {
    if (!json_is_object(values) || json_object_size(values) != it->n_checks)
        return err_newf(a, ERR_INVALID, "values", "%s 应填写 %zu 项", "%s takes %zu values", it->key, it->n_checks,
                        it->key, it->n_checks);
    for (size_t i = 0; i < it->n_checks; i++) {
        const verdict_check_t *c = &it->checks[i];
        json_t *x = json_object_get(values, c->key);
        const char *field = arena_printf(a, "values.%s", c->key);
        if (is_boolean_op(c->op)) {
            if (!json_is_boolean(x))
                return err_newf(a, ERR_INVALID, field, "%s 应为是或否", "%s is yes or no", c->label_zh, c->key);
            v[i] = json_is_true(x) ? 1 : 0;
            continue;
        }
        if (!json_is_number(x) || !isfinite(json_number_value(x)))
            return err_newf(a, ERR_INVALID, field, "%s 应为数值", "%s is a number", c->label_zh, c->key);
        v[i] = json_number_value(x);
        double hi = c->op == VOP_YEARS_BEFORE && school_year < c->max ? (double)school_year : c->max;
        if (v[i] < c->min || v[i] > hi)
            return err_newf(a, ERR_INVALID, field, "%s 应在 %g–%g %s 之间", "%s lies between %g and %g %s", c->label_zh,
                            c->min, hi, c->unit, c->key, c->min, hi, c->unit);
    }
    return NULL;
}

/* ---------------------------------------------------------------- evaluation */

static double ref_value(const verdict_item_t *it, const double *v, const char *ref) {
    for (size_t i = 0; i < it->n_checks; i++)
        if (strcmp(it->checks[i].key, ref) == 0) return v[i];
    return NAN;
}

/* Whether check i holds for values v; *gap how far off it is when not (in the check's unit). */
static bool check_holds(const verdict_item_t *it, size_t i, const double *v, int64_t year, double *gap) {
    const verdict_check_t *c = &it->checks[i];
    double x = v[i];
    *gap = 0;
    switch (c->op) {
    case VOP_GE:
        *gap = c->threshold - x;
        return x >= c->threshold - 1e-9;
    case VOP_LE:
        *gap = x - c->threshold;
        return x <= c->threshold + 1e-9;
    case VOP_LT:
        *gap = x - c->threshold;
        return x < c->threshold;
    case VOP_YES:
        return x != 0;
    case VOP_NO:
        return x == 0;
    case VOP_GE_KEY: {
        double r = ref_value(it, v, c->ref);
        *gap = r - x;
        return x >= r - 1e-9;
    }
    case VOP_REF:
        return true;
    case VOP_YEARS_BEFORE:
        *gap = c->threshold - ((double)year - x);
        return (double)year - x >= c->threshold;
    }
    return false;
}

static const char *op_text(verdict_op_t op) {
    switch (op) {
    case VOP_GE:
        return "≥";
    case VOP_LE:
        return "≤";
    case VOP_LT:
        return "<";
    default:
        return "";
    }
}

static void why_check(arena_t *a, const verdict_item_t *it, size_t i, const double *v, double gap,
                      verdict_item_result_t *out) {
    const verdict_check_t *c = &it->checks[i];
    const char *zh, *en;
    if (c->op == VOP_YES)
        zh = arena_printf(a, "%s：否", c->label_zh), en = arena_printf(a, "%s: no", c->label_en);
    else if (c->op == VOP_NO)
        zh = arena_printf(a, "%s：是", c->label_zh), en = arena_printf(a, "%s: yes", c->label_en);
    else if (c->op == VOP_YEARS_BEFORE)
        zh = arena_printf(a, "%s %g 年，距今不足 %g 年（差 %g 年）", c->label_zh, v[i], c->threshold, gap),
        en = arena_printf(a, "%s %g: less than %g years ago (%g short)", c->label_en, v[i], c->threshold, gap);
    else if (c->op == VOP_GE_KEY)
        zh = arena_printf(a, "%s %g %s，低于参照值（差 %g %s）", c->label_zh, v[i], c->unit, gap, c->unit),
        en = arena_printf(a, "%s %g %s, below the reference (%g short)", c->label_en, v[i], c->unit, gap);
    else
        zh = arena_printf(a, "%s %g%s，要求 %s %g%s（差 %g%s）", c->label_zh, v[i], c->unit, op_text(c->op),
                          c->threshold, c->unit, gap, c->unit),
        en = arena_printf(a, "%s %g%s, required %s %g%s (off by %g%s)", c->label_en, v[i], c->unit, op_text(c->op),
                          c->threshold, c->unit, gap, c->unit);
    out->why_zh = out->why_zh ? arena_printf(a, "%s；%s", out->why_zh, zh) : zh;
    out->why_en = out->why_en ? arena_printf(a, "%s; %s", out->why_en, en) : en;
}

static void not_evaluable(verdict_item_result_t *out, const char *zh, const char *en) {
    if (strcmp(out->status, "failed") == 0) return;
    out->status = "not_evaluable";
    out->why_zh = zh, out->why_en = en;
}

/* The entered part of an item: the checks, when the state lets the values count. */
static void eval_entered(arena_t *a, const verdict_item_t *it, const verdict_input_t *in, int64_t year,
                         bool is_simulated, verdict_item_result_t *out) {
    verdict_entry_state_t st = in ? in->state : VES_NONE;
    if (st == VES_NONE) return not_evaluable(out, "未填报", "not entered");
    if (st == VES_RETURNED) return not_evaluable(out, "市级审核退回，待重新填报", "returned by the city");
    if (st == VES_SUBMITTED && !is_simulated) return not_evaluable(out, "待市级审核", "awaiting the city's check");
    out->is_simulated |= st == VES_SUBMITTED;
    out->has_value = true;
    for (size_t i = 0; i < it->n_checks; i++) {
        out->value[i] = in->v[i];
        out->check_ok[i] = check_holds(it, i, in->v, year, &out->gap[i]);
        if (out->check_ok[i]) {
            out->gap[i] = 0;
            continue;
        }
        if (strcmp(out->status, "failed") != 0) out->why_zh = out->why_en = NULL;
        out->status = "failed";
        why_check(a, it, i, in->v, out->gap[i], out);
    }
}

void verdict_item_eval(arena_t *a, const verdict_item_t *it, const verdict_input_t *in, int64_t school_year,
                       bool is_simulated, verdict_item_result_t *out) {
    memset(out, 0, sizeof *out);
    out->item = it;
    out->status = "met";
    if (it->is_computed) {
        if (!in || !in->has_computed)
            not_evaluable(out, "缺少计算所需的数据", "no data to compute it from");
        else if (!in->is_computed_ok) {
            out->status = "failed";
            out->why_zh = in->computed_zh ? in->computed_zh : "未达到要求";
            out->why_en = in->computed_en ? in->computed_en : "not met";
        }
    }
    if (it->n_checks) eval_entered(a, it, in, school_year, is_simulated, out);
}

/* ---------------------------------------------------------------- the verdict */

static const verdict_input_t *input_of(const verdict_input_t *in, size_t n, const char *key) {
    for (size_t i = 0; i < n; i++)
        if (in[i].key && strcmp(in[i].key, key) == 0) return &in[i];
    return NULL;
}

/* 社会认可度 without an official value: a simulation may use the pre-assessment, labelled. */
static void use_pre_assessment(arena_t *a, const verdict_rules_t *r, const verdict_input_t *in, size_t n_in,
                               int64_t year, verdict_item_result_t *res) {
    const verdict_item_t *pre = verdict_item_find(r, res->item->pre_assessment);
    const verdict_input_t *pin = pre ? input_of(in, n_in, pre->key) : NULL;
    if (!pin || pin->state == VES_NONE || pin->state == VES_RETURNED) return;
    const verdict_item_t *it = res->item;
    verdict_item_eval(a, pre, pin, year, true, res);
    res->item = it;
    res->is_simulated = res->is_pre_assessment = true;
    if (res->why_zh) res->why_zh = arena_printf(a, "预评估值：%s", res->why_zh);
    if (res->why_en) res->why_en = arena_printf(a, "pre-assessment: %s", res->why_en);
}

static void eval_part(arena_t *a, const verdict_rules_t *r, const char *part, const verdict_input_t *in, size_t n_in,
                      int64_t year, bool is_simulated, verdict_part_t *out) {
    memset(out, 0, sizeof *out);
    out->key = part, out->label_zh = verdict_part_label_zh(part), out->label_en = verdict_part_label_en(part);
    out->items = arena_alloc(a, (r->n_items + 1) * sizeof *out->items);
    for (size_t i = 0; i < r->n_items; i++) {
        const verdict_item_t *it = &r->items[i];
        if (strcmp(it->part, part) != 0) continue;
        verdict_item_result_t *res = &out->items[out->n_items++];
        verdict_item_eval(a, it, input_of(in, n_in, it->key), year, is_simulated, res);
        if (is_simulated && it->pre_assessment && strcmp(res->status, "not_evaluable") == 0)
            use_pre_assessment(a, r, in, n_in, year, res);
        if (strcmp(res->status, "met") == 0)
            out->n_met++;
        else if (strcmp(res->status, "failed") == 0)
            out->n_failed++;
        else
            out->n_not_evaluable++;
    }
    out->status = out->n_failed ? "failed" : out->n_not_evaluable || out->n_items == 0 ? "not_evaluable" : "passed";
}

static void add_reasons(arena_t *a, const verdict_part_t *p, verdict_t *out) {
    for (size_t i = 0; i < p->n_items; i++) {
        const verdict_item_result_t *x = &p->items[i];
        if (strcmp(x->status, "met") == 0) continue;
        bool is_failed = strcmp(x->status, "failed") == 0;
        out->reasons_zh[out->n_reasons] = arena_printf(a, "%s %s %s：%s", p->label_zh, x->item->key,
                                                       is_failed ? "未达标" : "无法评估", x->why_zh ? x->why_zh : "");
        out->reasons_en[out->n_reasons++] =
            arena_printf(a, "%s %s %s: %s", p->label_en, x->item->key, is_failed ? "failed" : "not evaluable",
                         x->why_en ? x->why_en : "");
    }
}

void verdict_eval(arena_t *a, const verdict_rules_t *r, const verdict_input_t *in, size_t n_in, int64_t school_year,
                  bool is_simulated, verdict_t *out) {
    static const char *const parts[VERDICT_N_PARTS_2017] = {"resources",   "guarantee",   "education",
                                                            "recognition", "eligibility", "veto"};
    memset(out, 0, sizeof *out);
    out->reasons_zh = arena_alloc(a, (r->n_items + 1) * sizeof *out->reasons_zh);
    out->reasons_en = arena_alloc(a, (r->n_items + 1) * sizeof *out->reasons_en);
    bool any_failed = false, any_open = false;
    for (int p = 0; p < VERDICT_N_PARTS_2017; p++) {
        eval_part(a, r, parts[p], in, n_in, school_year, is_simulated, &out->parts[p]);
        any_failed |= strcmp(out->parts[p].status, "failed") == 0;
        any_open |= strcmp(out->parts[p].status, "not_evaluable") == 0;
        add_reasons(a, &out->parts[p], out);
        for (size_t i = 0; i < out->parts[p].n_items; i++)
            out->is_simulated |= out->parts[p].items[i].is_simulated;
    }
    out->status = any_failed ? "failed" : any_open ? "not_evaluable" : "passed";
    out->is_passed = !any_failed && !any_open;
    eval_part(a, r, "basic2012", in, n_in, school_year, is_simulated, &out->basic);
    out->is_basic_passed = strcmp(out->basic.status, "passed") == 0;
}
