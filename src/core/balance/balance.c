#include "core/balance/balance.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name, *label_zh;
    bool is_count;
} res_info[BAL_RES__COUNT] = {
    {"teachers", "专任教师", true},
    {"teachers_above_degree", "高于规定学历教师", true},
    {"teachers_mid_title", "中级及以上职称教师", true},
    {"backbone_teachers", "县级以上骨干教师", true},
    {"pe_art_teachers", "体育、艺术专任教师", true},
    {"room_area", "教学及辅助用房面积", false},
    {"sports_area", "体育运动场馆面积", false},
    {"equipment_value", "教学仪器设备值", false},
    {"multimedia_rooms", "网络多媒体教室", true},
    {"computers", "计算机", true},
    {"books", "图书", true},
};

int bal_res_parse(const char *name) {
    for (int i = 0; name && i < BAL_RES__COUNT; i++)
        if (strcmp(res_info[i].name, name) == 0) return i;
    return -1;
}
const char *bal_res_name(bal_res_t r) {
    return res_info[r].name;
}
const char *bal_res_label_zh(bal_res_t r) {
    return res_info[r].label_zh;
}
bool bal_res_is_count(bal_res_t r) {
    return res_info[r].is_count;
}

static const char *const section_names[BAL_N_SPLIT] = {"primary", "junior", "senior"};

int bal_section_parse(const char *name) {
    for (int i = 0; name && i < BAL_N_SECTIONS; i++)
        if (strcmp(section_names[i], name) == 0) return i;
    return -1;
}
const char *bal_section_name(bal_section_t s) {
    return section_names[s];
}
const char *bal_section_label_zh(bal_section_t s) {
    return s == BAL_PRIMARY ? "小学" : "初中";
}

/* ---------------------------------------------------------------- rules as data */

typedef struct rules_doc {
    const char *what; /* "quality 2017 national", for error messages */
    arena_t *a;
} rules_doc_t;

static err_t *doc_err(const rules_doc_t *d, const char *key) {
    return err_newf(d->a, ERR_INVALID, "standards", "标准文件 %s 的 %s 无效", "standards document %s: bad %s", d->what,
                    key, d->what, key);
}

/* A number member; absent leaves *out. */
static err_t *doc_num(const rules_doc_t *d, json_t *obj, const char *key, double *out) {
    json_t *v = json_object_get(obj, key);
    if (!v) return NULL;
    if (!json_is_number(v) || json_number_value(v) < 0) return doc_err(d, key);
    *out = json_number_value(v);
    return NULL;
}

static const char *doc_str(const rules_doc_t *d, json_t *obj, const char *key, const char *dflt) {
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? arena_strdup(d->a, json_string_value(v)) : dflt;
}

static err_t *doc_by_section(const rules_doc_t *d, json_t *obj, const char *key, double out[BAL_N_SECTIONS]) {
    json_t *v = json_object_get(obj, key);
    if (!v) return NULL;
    if (!json_is_object(v)) return doc_err(d, key);
    err_t *e = doc_num(d, v, "primary", &out[BAL_PRIMARY]);
    return e ? e : doc_num(d, v, "junior", &out[BAL_JUNIOR]);
}

static err_t *doc_indicators(const rules_doc_t *d, json_t *arr, bal_indicator_t *ind, size_t *n) {
    if (!arr) return NULL;
    if (!json_is_array(arr)) return doc_err(d, "indicators");
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o) {
        const char *key = json_string_value(json_object_get(o, "key"));
        if (!key) return doc_err(d, "indicators[].key");
        bal_indicator_t *x = NULL;
        for (size_t k = 0; k < *n; k++)
            if (strcmp(ind[k].key, key) == 0) x = &ind[k];
        if (!x) {
            if (*n == BAL_MAX_INDICATORS) return doc_err(d, "indicators (too many)");
            x = &ind[(*n)++];
            memset(x, 0, sizeof *x);
            x->key = arena_strdup(d->a, key);
            x->per = 1;
            x->res = BAL_RES__COUNT;
        }
        json_t *res = json_object_get(o, "resource");
        if (res) {
            int r = bal_res_parse(json_string_value(res));
            if (r < 0) return doc_err(d, arena_printf(d->a, "indicators[%s].resource", key));
            x->res = (bal_res_t)r;
        }
        x->name_zh = doc_str(d, o, "name_zh", x->name_zh);
        x->name_en = doc_str(d, o, "name_en", x->name_en);
        x->unit = doc_str(d, o, "unit", x->unit);
        x->confidence = doc_str(d, o, "confidence", x->confidence);
        err_t *e = doc_num(d, o, "per", &x->per);
        if (!e) e = doc_by_section(d, o, "threshold", x->threshold);
        if (e) return e;
        if (x->per <= 0) return doc_err(d, arena_printf(d->a, "indicators[%s].per", key));
    }
    return NULL;
}

static err_t *doc_strings(const rules_doc_t *d, json_t *arr, const char *key, const char **out, size_t *n) {
    if (!arr) return NULL;
    if (!json_is_array(arr) || json_array_size(arr) > BAL_MAX_TYPES) return doc_err(d, key);
    size_t i;
    json_t *v;
    *n = 0;
    json_array_foreach(arr, i, v) {
        if (!json_is_string(v)) return doc_err(d, key);
        out[(*n)++] = arena_strdup(d->a, json_string_value(v));
    }
    return NULL;
}

static err_t *apply_scope(const rules_doc_t *d, balance_rules_t *r, json_t *doc) {
    err_t *e =
        doc_strings(d, json_object_get(doc, "include_types"), "include_types", r->include_types, &r->n_include_types);
    if (!e)
        e = doc_strings(d, json_object_get(doc, "teaching_point_types"), "teaching_point_types",
                        r->teaching_point_types, &r->n_teaching_point_types);
    if (!e) e = doc_num(d, doc, "teaching_point_min_students", &r->teaching_point_min_students);
    if (e) return e;
    json_t *split = json_object_get(doc, "split");
    if (!split) return NULL;
    /* every school-wide value is divided by the same weights (giving it whole to each section
     * would count it twice), so there is no list of split resources to choose */
    if (json_object_get(split, "resources")) return doc_err(d, "split.resources (not supported)");
    json_t *w = json_object_get(split, "weights");
    if (w && !json_is_object(w)) return doc_err(d, "split.weights");
    const char *type;
    json_t *o;
    json_object_foreach(w, type, o) {
        bal_split_weights_t *x = NULL;
        for (size_t k = 0; k < r->n_split; k++)
            if (strcmp(r->split[k].type_code, type) == 0) x = &r->split[k];
        if (!x) {
            if (r->n_split == BAL_MAX_SPLIT_TYPES) return doc_err(d, "split.weights (too many)");
            x = &r->split[r->n_split++];
            x->type_code = arena_strdup(d->a, type);
        }
        memset(x->w, 0, sizeof x->w);
        for (int s = 0; s < BAL_N_SPLIT; s++)
            if ((e = doc_num(d, o, section_names[s], &x->w[s]))) return e;
    }
    return NULL;
}

static err_t *apply_prices(const rules_doc_t *d, balance_rules_t *r, json_t *doc) {
    json_t *res = json_object_get(doc, "resources");
    if (res && !json_is_object(res)) return doc_err(d, "resources");
    const char *name;
    json_t *o;
    json_object_foreach(res, name, o) {
        int k = bal_res_parse(name);
        if (k < 0) return doc_err(d, arena_printf(d->a, "resources.%s", name));
        bal_price_t *p = &r->prices[k];
        err_t *e = doc_num(d, o, "price", &p->price);
        if (!e) e = doc_num(d, o, "step", &p->step);
        if (e) return e;
        if (p->step <= 0) p->step = 1;
        p->unit_zh = doc_str(d, o, "unit_zh", p->unit_zh);
        p->unit_en = doc_str(d, o, "unit_en", p->unit_en);
        json_t *adds = json_object_get(o, "adds");
        if (adds) {
            memset(p->adds, 0, sizeof p->adds);
            size_t i;
            json_t *v;
            json_array_foreach(adds, i, v) {
                int m = bal_res_parse(json_string_value(v));
                if (m < 0) return doc_err(d, arena_printf(d->a, "resources.%s.adds", name));
                p->adds[m] = true;
            }
        }
        p->adds[k] = true;
    }
    return NULL;
}

err_t *balance_rules_apply(arena_t *a, balance_rules_t *r, const char *text) {
    json_error_t jerr;
    json_t *doc = json_loads(text, 0, &jerr);
    if (!doc || !json_is_object(doc)) {
        json_decref(doc);
        return err_newf(a, ERR_INVALID, "standards", "标准文件不是 JSON 对象（第 %d 行）",
                        "standards document is not a JSON object (line %d)", jerr.line, jerr.line);
    }
    const char *std = json_string_value(json_object_get(doc, "standard"));
    const char *ver = json_string_value(json_object_get(doc, "version"));
    const char *jur = json_string_value(json_object_get(doc, "jurisdiction"));
    rules_doc_t d = {arena_printf(a, "%s %s %s", std ? std : "?", ver ? ver : "?", jur ? jur : "?"), a};
    err_t *e = NULL;
    if (!std || !ver || !jur)
        e = doc_err(&d, "standard/version/jurisdiction");
    else if (strcmp(std, "quality") == 0) {
        json_t *rule = json_object_get(doc, "school_rule");
        double min_met = r->min_met;
        e = doc_num(&d, rule, "min_met", &min_met);
        r->min_met = (int)min_met;
        if (!e) e = doc_num(&d, rule, "rest_min_ratio", &r->rest_min_ratio);
        if (!e) e = doc_by_section(&d, doc, "cv_limit", r->cv_limit);
        if (!e) e = doc_indicators(&d, json_object_get(doc, "indicators"), r->quality, &r->n_quality);
        json_t *g = json_object_get(doc, "guarantee");
        if (!e && g) e = doc_by_section(&d, g, "max_class", r->g_max_class);
        if (!e && g) e = doc_num(&d, g, "max_school_size", &r->g_max_size);
        if (!e && g) e = doc_num(&d, g, "max_school_size_multi", &r->g_max_size_multi);
        if (!e && g) e = doc_num(&d, g, "classes_per_special_room", &r->g_classes_per_room);
        if (!e && g) e = doc_num(&d, g, "certified_ratio", &r->g_certified_ratio);
        if (!e && g) e = doc_num(&d, g, "trained_ratio", &r->g_trained_ratio);
        if (!e && g)
            e = doc_strings(&d, json_object_get(g, "multi_types"), "guarantee.multi_types", r->g_multi_types,
                            &r->n_g_multi_types);
    } else if (strcmp(std, "basic") == 0) {
        e = doc_by_section(&d, doc, "composite_limit", r->composite_limit);
        if (!e) e = doc_indicators(&d, json_object_get(doc, "indicators"), r->basic, &r->n_basic);
    } else if (strcmp(std, "scope") == 0)
        e = apply_scope(&d, r, doc);
    else if (strcmp(std, "prices") == 0)
        e = apply_prices(&d, r, doc);
    else if (strcmp(std, "verdict") == 0) { /* read by core/balance/verdict */
        json_decref(doc);
        return NULL;
    } else
        e = doc_err(&d, "standard");
    if (!e && r->n_sources < BAL_MAX_SOURCES) r->sources[r->n_sources++] = d.what;
    json_decref(doc);
    return e;
}

typedef struct doc_ref {
    const char *text;
    char standard[16], version[16], jurisdiction[16];
    size_t index; /* documents of the same standard and version apply in the order given */
} doc_ref_t;

static int doc_ref_cmp(const void *x, const void *y) {
    const doc_ref_t *p = x, *q = y;
    int c = strcmp(p->standard, q->standard);
    if (!c) c = strcmp(p->version, q->version);
    return c ? c : (p->index > q->index) - (p->index < q->index);
}

static bool adds_subset(const bal_price_t *p, const bal_price_t *q) { /* p ⊆ q */
    for (int m = 0; m < BAL_RES__COUNT; m++)
        if (p->adds[m] && !q->adds[m]) return false;
    return true;
}

static bool adds_meet(const bal_price_t *p, const bal_price_t *q) {
    for (int m = 0; m < BAL_RES__COUNT; m++)
        if (p->adds[m] && q->adds[m]) return true;
    return false;
}

/* The plan's least-cost cover (balance.c, plan_cover) needs the items that overlap to be nested
 * in one chain: two sets that meet, or that lie in a common third, must be nested. */
static err_t *check_adds_chain(arena_t *a, const balance_rules_t *r) {
    for (int i = 0; i < BAL_RES__COUNT; i++)
        for (int j = i + 1; j < BAL_RES__COUNT; j++) {
            const bal_price_t *p = &r->prices[i], *q = &r->prices[j];
            if (adds_subset(p, q) || adds_subset(q, p)) continue;
            bool is_bad = adds_meet(p, q);
            for (int k = 0; !is_bad && k < BAL_RES__COUNT; k++)
                is_bad = k != i && k != j && adds_subset(p, &r->prices[k]) && adds_subset(q, &r->prices[k]);
            if (is_bad)
                return err_newf(a, ERR_INVALID, "standards", "单价 %s 与 %s 的 adds 必须互相包含",
                                "prices: the adds of %s and %s must be nested", bal_res_name((bal_res_t)i),
                                bal_res_name((bal_res_t)j), bal_res_name((bal_res_t)i), bal_res_name((bal_res_t)j));
        }
    return NULL;
}

err_t *balance_rules_load(arena_t *a, const char *const *texts, size_t n, const char *county_code,
                          balance_rules_t *out) {
    memset(out, 0, sizeof *out);
    out->min_met = 6;
    out->rest_min_ratio = 0.85;
    for (int k = 0; k < BAL_RES__COUNT; k++)
        out->prices[k] = (bal_price_t){.step = 1, .adds = {0}};
    for (int k = 0; k < BAL_RES__COUNT; k++)
        out->prices[k].adds[k] = true;
    doc_ref_t *refs = arena_alloc(a, (n ? n : 1) * sizeof *refs);
    size_t n_refs = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *doc = json_loads(texts[i], 0, NULL);
        const char *s = json_string_value(json_object_get(doc, "standard"));
        const char *v = json_string_value(json_object_get(doc, "version"));
        const char *j = json_string_value(json_object_get(doc, "jurisdiction"));
        if (s && v && j) {
            refs[n_refs].text = texts[i];
            refs[n_refs].index = i;
            snprintf(refs[n_refs].standard, sizeof refs[n_refs].standard, "%s", s);
            snprintf(refs[n_refs].version, sizeof refs[n_refs].version, "%s", v);
            snprintf(refs[n_refs].jurisdiction, sizeof refs[n_refs].jurisdiction, "%s", j);
            n_refs++;
        }
        json_decref(doc);
        if (!(s && v && j))
            return err_newf(a, ERR_INVALID, "standards", "第 %zu 个标准文件缺少 standard/version/jurisdiction",
                            "standards document %zu lacks standard/version/jurisdiction", i + 1, i + 1);
    }
    qsort(refs, n_refs, sizeof *refs, doc_ref_cmp);
    char province[8] = "", city[8] = "";
    if (county_code && strlen(county_code) >= 6) {
        snprintf(province, sizeof province, "%.2s0000", county_code);
        snprintf(city, sizeof city, "%.4s00", county_code);
    }
    const char *levels[] = {"national", province, city};
    for (int l = 0; l < 3; l++) {
        if (!*levels[l] || (l == 2 && strcmp(city, province) == 0)) continue;
        for (size_t i = 0; i < n_refs; i++) {
            if (strcmp(refs[i].jurisdiction, levels[l]) != 0) continue;
            err_t *e = balance_rules_apply(a, out, refs[i].text);
            if (e) return e;
        }
    }
    if (out->n_quality == 0 || out->n_basic == 0 || out->cv_limit[0] <= 0 || out->composite_limit[0] <= 0 ||
        out->n_include_types == 0)
        return err_new(a, ERR_INVALID, "standards", "缺少国家标准文件（quality、basic、scope）",
                       "the national quality, basic and scope documents are required");
    for (size_t k = 0; k < out->n_quality; k++)
        if (out->quality[k].res == BAL_RES__COUNT)
            return err_newf(a, ERR_INVALID, "standards", "指标 %s 缺少 resource", "indicator %s has no resource",
                            out->quality[k].key, out->quality[k].key);
    for (size_t k = 0; k < out->n_basic; k++)
        if (out->basic[k].res == BAL_RES__COUNT)
            return err_newf(a, ERR_INVALID, "standards", "指标 %s 缺少 resource", "indicator %s has no resource",
                            out->basic[k].key, out->basic[k].key);
    return check_adds_chain(a, out);
}

void balance_rules_set_price(balance_rules_t *r, bal_res_t res, double price) {
    if (price >= 0) r->prices[res].price = price;
}

/* ---------------------------------------------------------------- splitting */

const bal_split_weights_t *balance_split_weights(const balance_rules_t *r, const char *type_code) {
    const bal_split_weights_t *dflt = NULL;
    for (size_t i = 0; i < r->n_split; i++) {
        if (type_code && strcmp(r->split[i].type_code, type_code) == 0) return &r->split[i];
        if (strcmp(r->split[i].type_code, "default") == 0) dflt = &r->split[i];
    }
    return dflt;
}

double balance_split_share(const balance_rules_t *r, const balance_school_t *s, bal_section_t section) {
    static const bal_split_weights_t equal = {"equal", {1, 1, 1}};
    const bal_split_weights_t *w = balance_split_weights(r, s->type_code);
    if (!w) w = &equal;
    /* a section the type's weights lack still gets weight 1 when it has students (data beats
     * a missing rule), so no resource is silently dropped */
    double wp[BAL_N_SPLIT], sum = 0;
    for (int k = 0; k < BAL_N_SPLIT; k++) {
        double wk = w->w[k] > 0 ? w->w[k] : 1;
        wp[k] = s->students[k] > 0 ? wk * s->students[k] : 0;
        sum += wp[k];
    }
    return sum > 0 ? wp[section] / sum : 0;
}

static bool in_list(const char *const *list, size_t n, const char *s) {
    for (size_t i = 0; s && i < n; i++)
        if (strcmp(list[i], s) == 0) return true;
    return false;
}

void balance_split(arena_t *a, const balance_rules_t *r, const balance_school_t *schools, size_t n_schools,
                   balance_unit_t **units, size_t *n_units, balance_excluded_t **excluded, size_t *n_excluded) {
    balance_unit_t *u = arena_alloc(a, (2 * n_schools + 1) * sizeof *u);
    balance_excluded_t *x = arena_alloc(a, (n_schools + 1) * sizeof *x);
    size_t nu = 0, nx = 0;
    for (size_t i = 0; i < n_schools; i++) {
        const balance_school_t *s = &schools[i];
        double total = s->students[0] + s->students[1] + s->students[2];
        const char *why = NULL;
        if (!in_list(r->include_types, r->n_include_types, s->type_code)) {
            if (s->type_code && s->type_code[0] == '5')
                why = "特殊教育学校不参加校际均衡计算 / special schools are outside the inter-school evaluation";
            else
                why = "不是义务教育学校类型 / not a compulsory-education school type";
        } else if (in_list(r->teaching_point_types, r->n_teaching_point_types, s->type_code) &&
                   total < r->teaching_point_min_students)
            why = arena_printf(a, "不足 %.0f 人的教学点 / teaching point under %.0f students",
                               r->teaching_point_min_students, r->teaching_point_min_students);
        else if (s->students[BAL_PRIMARY] + s->students[BAL_JUNIOR] <= 0)
            why = "没有义务教育在校生 / no compulsory-education students";
        if (why) {
            x[nx++] = (balance_excluded_t){s->id, s->code, s->name, s->county_code, why};
            continue;
        }
        for (int k = 0; k < BAL_N_SECTIONS; k++) {
            if (s->students[k] <= 0) continue;
            balance_unit_t *v = &u[nu++];
            *v = (balance_unit_t){s->id, s->code, s->name, s->county_code, (bal_section_t)k, s->students[k], {0}};
            double share = balance_split_share(r, s, (bal_section_t)k);
            for (int res = 0; res < BAL_RES__COUNT; res++)
                v->res[res] = s->sec[k][res] + s->shared[res] * share;
        }
    }
    *units = u;
    *n_units = nu;
    *excluded = x;
    *n_excluded = nx;
}

/* ---------------------------------------------------------------- CV */

double balance_cv(const double *x, const double *p, size_t n, double *mean_out) {
    double total_p = 0, total_px = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] > 0) total_p += p[i], total_px += p[i] * x[i];
    double mean = total_p > 0 ? total_px / total_p : 0;
    if (mean_out) *mean_out = mean;
    if (mean <= 0) return 0;
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] > 0) ss += p[i] / total_p * (x[i] - mean) * (x[i] - mean);
    return sqrt(ss) / mean;
}

/* CV comparisons allow for the last bit of floating point: the limits are two-decimal values. */
#define CV_EPS 1e-12

/* ---------------------------------------------------------------- evaluation */

typedef struct unit_ref {
    const balance_unit_t *u;
    size_t index;
} unit_ref_t;

static int unit_ref_cmp(const void *x, const void *y) {
    const unit_ref_t *p = x, *q = y;
    int c = strcmp(p->u->county_code ? p->u->county_code : "", q->u->county_code ? q->u->county_code : "");
    if (c) return c;
    if (p->u->section != q->u->section) return (int)p->u->section - (int)q->u->section;
    c = strcmp(p->u->code ? p->u->code : "", q->u->code ? q->u->code : "");
    return c ? c : (p->index < q->index ? -1 : p->index > q->index);
}

static bool same_group(const balance_unit_t *u, const balance_unit_t *v) {
    return u->section == v->section &&
           strcmp(u->county_code ? u->county_code : "", v->county_code ? v->county_code : "") == 0;
}

static double ind_value(const bal_indicator_t *ind, const balance_unit_t *u) {
    return u->students > 0 ? u->res[ind->res] / u->students * ind->per : 0;
}

static void eval_school(arena_t *a, const balance_rules_t *r, const balance_unit_t *u, balance_school_result_t *s) {
    bal_section_t sec = u->section;
    s->n_met = 0;
    const char *low = NULL;
    double low_ratio = 1;
    for (size_t k = 0; k < r->n_quality; k++) {
        const bal_indicator_t *ind = &r->quality[k];
        double t = ind->threshold[sec];
        s->q_value[k] = ind_value(ind, u);
        s->q_ratio[k] = t > 0 ? s->q_value[k] / t : 1;
        /* met when the value reaches the threshold; compared on the value rounded to 1e-9 so a
         * school with exactly 4.2 teachers per 100 is not failed by binary fractions */
        s->q_is_met[k] = t <= 0 || s->q_value[k] >= t - 1e-9 * t;
        s->q_needed[k] = s->q_is_met[k] ? 0 : t * u->students / ind->per - u->res[ind->res];
        if (s->q_is_met[k])
            s->n_met++;
        else if (s->q_ratio[k] < r->rest_min_ratio - 1e-12 && (!low || s->q_ratio[k] < low_ratio))
            low = ind->name_zh, low_ratio = s->q_ratio[k];
    }
    for (size_t k = 0; k < r->n_basic; k++)
        s->b_value[k] = ind_value(&r->basic[k], u);
    int n_required = r->min_met < (int)r->n_quality ? r->min_met : (int)r->n_quality;
    s->is_passed = s->n_met >= n_required && !low;
    if (s->n_met < n_required)
        s->why = arena_printf(a, "%d 项达标，要求至少 %d 项 / %d met, at least %d required", s->n_met, n_required,
                              s->n_met, n_required);
    else if (low)
        s->why = arena_printf(a, "%s 仅达要求的 %.1f%%，余项须不低于 %.0f%% / below %.0f%% of a requirement", low,
                              low_ratio * 100, r->rest_min_ratio * 100, r->rest_min_ratio * 100);
    else
        s->why = NULL;
}

static void eval_group(arena_t *a, const balance_rules_t *r, const unit_ref_t *refs, size_t n, balance_group_t *g) {
    memset(g, 0, sizeof *g);
    g->county_code = refs[0].u->county_code;
    g->section = refs[0].u->section;
    g->n_schools = n;
    g->schools = arena_alloc(a, n * sizeof *g->schools);
    double *p = arena_alloc(a, n * sizeof *p), *x = arena_alloc(a, n * sizeof *x);
    for (size_t i = 0; i < n; i++) {
        p[i] = refs[i].u->students;
        g->students += p[i];
        g->schools[i].unit = refs[i].index;
        eval_school(a, r, refs[i].u, &g->schools[i]);
        if (!g->schools[i].is_passed) g->n_failing_schools++;
    }
    for (size_t k = 0; k < r->n_quality; k++) {
        for (size_t i = 0; i < n; i++)
            x[i] = g->schools[i].q_value[k];
        g->q_cv[k] = balance_cv(x, p, n, &g->q_mean[k]);
        g->q_cv_ok[k] = g->q_cv[k] <= r->cv_limit[g->section] + CV_EPS;
        if (!g->q_cv_ok[k]) g->n_cv_failing++;
    }
    double sum = 0;
    for (size_t k = 0; k < r->n_basic; k++) {
        for (size_t i = 0; i < n; i++)
            x[i] = g->schools[i].b_value[k];
        g->b_cv[k] = balance_cv(x, p, n, &g->b_mean[k]);
        sum += g->b_cv[k];
    }
    g->composite_cv = r->n_basic ? sum / (double)r->n_basic : 0;
    g->is_basic_passed = g->composite_cv <= r->composite_limit[g->section] + CV_EPS;
    g->is_quality_passed = g->n_failing_schools == 0 && g->n_cv_failing == 0;
    for (int k = 0; k < BAL_RES__COUNT; k++) {
        for (size_t i = 0; i < n; i++)
            x[i] = p[i] > 0 ? refs[i].u->res[k] / p[i] : 0;
        g->res_cv[k] = balance_cv(x, p, n, &g->res_mean[k]);
    }
}

void balance_eval(arena_t *a, const balance_rules_t *r, const balance_unit_t *units, size_t n_units,
                  balance_result_t *out) {
    unit_ref_t *refs = arena_alloc(a, (n_units + 1) * sizeof *refs);
    size_t n = 0;
    for (size_t i = 0; i < n_units; i++)
        if (units[i].students > 0) refs[n++] = (unit_ref_t){&units[i], i};
    qsort(refs, n, sizeof *refs, unit_ref_cmp);
    size_t n_groups = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || !same_group(refs[i].u, refs[i - 1].u)) n_groups++;
    out->groups = arena_alloc(a, (n_groups + 1) * sizeof *out->groups);
    out->n_groups = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && same_group(refs[j].u, refs[i].u))
            j++;
        eval_group(a, r, refs + i, j - i, &out->groups[out->n_groups++]);
        i = j;
    }
}

const balance_group_t *balance_result_group(const balance_result_t *res, const char *county_code,
                                            bal_section_t section) {
    for (size_t i = 0; i < res->n_groups; i++)
        if (res->groups[i].section == section && res->groups[i].county_code && county_code &&
            strcmp(res->groups[i].county_code, county_code) == 0)
            return &res->groups[i];
    return NULL;
}

/* ---------------------------------------------------------------- plan to pass
 *
 * The problem: choose additions a[i][k] ≥ 0 (school i, indicator k's resource) of least
 * cost Σ c_k a[i][k] such that every school meets the school rule and every CV_k ≤ limit.
 * The 7 优质均衡 indicators use 7 different resources, and an addition only raises values, so
 * the problem splits into two phases that never undo each other:
 *
 * Phase 1, the school rule, solved exactly per school. A school passes when at most
 * (n − min_met) indicators are below threshold and those are ≥ 85 % of it. With min_met = 6
 * of 7 there are 8 ways to pass: meet all 7, or leave one indicator j at ≥ 85 %. Each way's
 * cost is a sum of independent per-resource shortfalls (rounded up to the resource's step), so
 * the cheapest way is found by trying all of them: this phase is optimal.
 *
 * Phase 2, the CVs, one indicator at a time (the resources are independent). Given a total
 * amount R of resource k to add, the mean is fixed, so minimising the CV is minimising
 * Σ P_i X_i'² subject to X_i' ≥ X_i and Σ P_i X_i' fixed: a convex problem whose KKT
 * conditions give X_i' = max(X_i, L), i.e. "raise the lowest schools to a common level L"
 * (water-filling). Raising L never increases the variance of max(X, L) and always raises the
 * mean, so the CV falls monotonically in L: the smallest L whose CV meets the limit (found
 * by bisection) is the cheapest way to meet the limit from the given starting point.
 *
 * How close to minimal. Any plan must (a) pass the school rule: it costs at least LB1, the
 * phase-1 optimum; and (b) for each indicator k, add at least max(LB2_k, R85_k) of resource
 * k, where LB2_k is the water-filling amount from the original data (the least that brings
 * CV_k within its limit) and R85_k is the least each school must get anyway (its shortfall to
 * 85 %). So OPT ≥ max(LB1, Σ_k c_k·max(LB2_k, R85_k)) =: lower_bound, and the plan reports
 * it. The plan costs at most LB1 + Σ_k c_k·LB2_k (phase 2 runs on values phase 1 has already
 * raised, so it needs at most about what it needs from the original data), i.e. at most about
 * twice the optimum in the worst case, and in practice very close to lower_bound because most
 * failing counties fail either the school rule or the CVs, seldom both on the same resource.
 * The remaining slack is rounding to whole teachers, rooms and steps of area and money.
 *
 * Rounding up can move a CV a hair above its limit; the plan is therefore verified by
 * evaluating the changed data, and if a CV still fails, phase 2 is rerun with a slightly
 * tighter target (at most 30 rounds; in practice one). */

typedef struct plan_ctx {
    arena_t *a;
    const balance_rules_t *r;
    balance_unit_t *after;
    balance_addition_t *adds;
    size_t n_adds, cap_adds;
} plan_ctx_t;

static double round_up_step(double amount, double step) {
    if (amount <= 1e-9) return 0;
    double q = amount / step;
    double c = ceil(q - 1e-9);
    return c * step;
}

static void plan_add(plan_ctx_t *c, size_t unit, bal_res_t res, double amount, int indicator, bool is_for_cv) {
    if (amount <= 0) return;
    const bal_price_t *p = &c->r->prices[res];
    for (size_t i = 0; i < c->n_adds; i++) { /* one line per school and resource */
        balance_addition_t *x = &c->adds[i];
        if (x->unit == unit && x->res == res) {
            x->amount += amount;
            x->cost = x->amount * p->price;
            x->is_for_cv = x->is_for_cv || is_for_cv;
            x->is_for_rule = x->is_for_rule || !is_for_cv;
            goto apply;
        }
    }
    if (c->n_adds == c->cap_adds) {
        size_t cap = c->cap_adds ? 2 * c->cap_adds : 32;
        balance_addition_t *n = arena_alloc(c->a, cap * sizeof *n);
        if (c->n_adds) memcpy(n, c->adds, c->n_adds * sizeof *n);
        c->adds = n;
        c->cap_adds = cap;
    }
    c->adds[c->n_adds++] = (balance_addition_t){unit, res, amount, amount * p->price, indicator, !is_for_cv, is_for_cv};
apply:
    for (int k = 0; k < BAL_RES__COUNT; k++)
        if (p->adds[k]) c->after[unit].res[k] += amount;
}

/* Buying one unit of item i adds one to every resource in prices[i].adds (a PE/art teacher is
 * also a degree teacher and a teacher). balance_rules_load refuses adds sets that overlap
 * without being nested, so the items covering a resource form a chain. The resource covered by
 * the fewest items comes first (a PE/art shortfall can only be met by PE/art teachers); what is
 * still missing of a later resource is bought from the cheapest item that covers it (the own
 * item on a tie). On a chain this greedy is the least-cost cover: exact in continuous amounts,
 * and exact in whole units when the nested items share their step (teachers: 1).
 * need[res] is the increase each resource needs; buy[item] receives the purchases, rounded up to
 * the item's step when is_round. Returns their cost. */
static int cover_order(const balance_rules_t *r, int *order) {
    int n_cov[BAL_RES__COUNT];
    for (int m = 0; m < BAL_RES__COUNT; m++) {
        n_cov[m] = 0;
        for (int i = 0; i < BAL_RES__COUNT; i++)
            n_cov[m] += r->prices[i].adds[m];
        order[m] = m;
    }
    for (int i = 1; i < BAL_RES__COUNT; i++) /* stable insertion sort by number of covering items */
        for (int j = i; j > 0 && n_cov[order[j - 1]] > n_cov[order[j]]; j--) {
            int t = order[j - 1];
            order[j - 1] = order[j];
            order[j] = t;
        }
    return BAL_RES__COUNT;
}

static double plan_cover(const balance_rules_t *r, const double *need, bool is_round, double *buy) {
    int order[BAL_RES__COUNT];
    cover_order(r, order);
    double rem[BAL_RES__COUNT], cost = 0;
    for (int m = 0; m < BAL_RES__COUNT; m++)
        rem[m] = need[m], buy[m] = 0;
    for (int o = 0; o < BAL_RES__COUNT; o++) {
        int m = order[o];
        if (rem[m] <= 1e-9) continue;
        int best = m;
        for (int i = 0; i < BAL_RES__COUNT; i++)
            if (r->prices[i].adds[m] && r->prices[i].price < r->prices[best].price - 1e-9) best = i;
        double amount = is_round ? round_up_step(rem[m], r->prices[best].step) : rem[m];
        buy[best] += amount;
        cost += amount * r->prices[best].price;
        for (int k = 0; k < BAL_RES__COUNT; k++)
            if (r->prices[best].adds[k]) rem[k] -= amount;
    }
    return cost;
}

/* The indicator a purchase of item res serves: its own, else the first one it adds to. */
static int indicator_of(const balance_rules_t *r, int res) {
    for (size_t k = 0; k < r->n_quality; k++)
        if ((int)r->quality[k].res == res) return (int)k;
    for (size_t k = 0; k < r->n_quality; k++)
        if (r->prices[res].adds[r->quality[k].res]) return (int)k;
    return 0;
}

/* Phase 1 for one school: returns the least cost, and applies it when is_apply. Every way to
 * pass (the sets of n − min_met indicators left at ≥ rest_min_ratio; 8 with 6 of 7) is priced
 * with the overlaps of plan_cover, and the cheapest is taken. */
static double plan_school_rule(plan_ctx_t *c, size_t unit, bool is_apply) {
    const balance_rules_t *r = c->r;
    balance_unit_t *u = &c->after[unit];
    size_t n = r->n_quality;
    double full[BAL_MAX_INDICATORS], rest[BAL_MAX_INDICATORS];
    for (size_t k = 0; k < n; k++) {
        const bal_indicator_t *ind = &r->quality[k];
        double t = ind->threshold[u->section], have = u->res[ind->res];
        full[k] = fmax(0, t * u->students / ind->per - have);
        rest[k] = fmax(0, r->rest_min_ratio * t * u->students / ind->per - have);
    }
    int n_relax = (int)n - r->min_met;
    if (n_relax < 0) n_relax = 0;
    if (n_relax > (int)n) n_relax = (int)n;
    double best_cost = -1, best_buy[BAL_RES__COUNT] = {0};
    for (unsigned mask = 0; mask < (1u << n); mask++) {
        if (__builtin_popcount(mask) != n_relax) continue; /* relaxing more never costs more */
        double need[BAL_RES__COUNT] = {0}, buy[BAL_RES__COUNT];
        for (size_t k = 0; k < n; k++) {
            double x = (mask >> k) & 1 ? rest[k] : full[k];
            if (x > need[r->quality[k].res]) need[r->quality[k].res] = x;
        }
        double cost = plan_cover(r, need, true, buy);
        if (best_cost < 0 || cost < best_cost - 1e-6) {
            best_cost = cost;
            memcpy(best_buy, buy, sizeof buy);
        }
    }
    if (is_apply)
        for (int i = 0; i < BAL_RES__COUNT; i++)
            plan_add(c, unit, (bal_res_t)i, best_buy[i], indicator_of(r, i), false);
    return best_cost < 0 ? 0 : best_cost;
}

/* CV of indicator k over the group's units when every value below L is raised to L. */
static double cv_at_level(const double *x, const double *p, size_t n, double level, double *tmp) {
    for (size_t i = 0; i < n; i++)
        tmp[i] = x[i] < level ? level : x[i];
    return balance_cv(tmp, p, n, NULL);
}

/* The least level L (bisection) whose water-filled CV is ≤ target; resource needed in *need. */
static double water_level(const double *x, const double *p, size_t n, double target, double *tmp) {
    double lo = x[0], hi = x[0];
    for (size_t i = 1; i < n; i++) {
        if (x[i] < lo) lo = x[i];
        if (x[i] > hi) hi = x[i];
    }
    if (cv_at_level(x, p, n, lo, tmp) <= target) return lo;
    for (int it = 0; it < 100; it++) {
        double mid = (lo + hi) / 2;
        if (cv_at_level(x, p, n, mid, tmp) <= target)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/* Resource (in its own units) that water-filling group units `idx` to the target CV takes. */
static double plan_cv_amounts(const balance_unit_t *units, const size_t *idx, size_t n, const bal_indicator_t *ind,
                              double target, double *x, double *p, double *tmp, double *amounts) {
    for (size_t i = 0; i < n; i++) {
        p[i] = units[idx[i]].students;
        x[i] = ind_value(ind, &units[idx[i]]);
    }
    double level = water_level(x, p, n, target, tmp), total = 0;
    for (size_t i = 0; i < n; i++) {
        amounts[i] = x[i] < level ? (level - x[i]) * p[i] / ind->per : 0;
        total += amounts[i];
    }
    return total;
}

void balance_plan(arena_t *a, const balance_rules_t *r, const balance_unit_t *units, size_t n_units,
                  const char *county_code, balance_plan_t *out) {
    memset(out, 0, sizeof *out);
    plan_ctx_t c = {a, r, arena_alloc(a, (n_units + 1) * sizeof *c.after), NULL, 0, 0};
    if (n_units) memcpy(c.after, units, n_units * sizeof *units);
    balance_result_t before;
    balance_eval(a, r, units, n_units, &before);
    size_t *idx = arena_alloc(a, (n_units + 1) * sizeof *idx);
    double *x = arena_alloc(a, (n_units + 1) * sizeof *x), *p = arena_alloc(a, (n_units + 1) * sizeof *p);
    double *tmp = arena_alloc(a, (n_units + 1) * sizeof *tmp), *amt = arena_alloc(a, (n_units + 1) * sizeof *amt);
    double lb1 = 0, lb2 = 0;
    for (size_t gi = 0; gi < before.n_groups; gi++) {
        const balance_group_t *g = &before.groups[gi];
        if (county_code && (!g->county_code || strcmp(g->county_code, county_code) != 0)) continue;
        if (g->is_quality_passed) continue;
        size_t n = g->n_schools;
        for (size_t i = 0; i < n; i++)
            idx[i] = g->schools[i].unit;
        /* lower bound, per resource: max(water-filling from the original data, Σ shortfalls to
         * 85 %), then covered at least cost with the overlaps (a PE/art teacher is also a degree
         * teacher, so it is not counted twice) */
        double need[BAL_RES__COUNT] = {0}, buy[BAL_RES__COUNT];
        for (size_t k = 0; k < r->n_quality; k++) {
            const bal_indicator_t *ind = &r->quality[k];
            double cv_need =
                g->q_cv_ok[k] ? 0 : plan_cv_amounts(units, idx, n, ind, r->cv_limit[g->section], x, p, tmp, amt);
            double r85 = 0;
            for (size_t i = 0; i < n; i++) {
                const balance_unit_t *u = &units[idx[i]];
                double gap = r->rest_min_ratio * ind->threshold[u->section] * u->students / ind->per - u->res[ind->res];
                if (gap > 0) r85 += gap;
            }
            need[ind->res] = fmax(need[ind->res], fmax(cv_need, r85));
        }
        lb2 += plan_cover(r, need, false, buy);
        /* phase 1 */
        for (size_t i = 0; i < n; i++)
            if (!g->schools[i].is_passed) {
                double cost = plan_school_rule(&c, idx[i], true);
                lb1 += cost;
                out->school_rule_cost += cost;
            }
    }
    /* phase 2, verified; a round tightens the target a little when rounding left a CV above */
    balance_result_t after;
    for (int round = 0; round < 30; round++) {
        out->n_rounds = round + 1;
        balance_eval(a, r, c.after, n_units, &after);
        bool is_done = true;
        for (size_t gi = 0; gi < after.n_groups; gi++) {
            const balance_group_t *g = &after.groups[gi];
            if (county_code && (!g->county_code || strcmp(g->county_code, county_code) != 0)) continue;
            if (g->n_cv_failing == 0) continue;
            is_done = false;
            size_t n = g->n_schools;
            for (size_t i = 0; i < n; i++)
                idx[i] = g->schools[i].unit;
            int order[BAL_RES__COUNT];
            cover_order(r, order); /* PE/art teachers before degree teachers, which they also are */
            for (int o = 0; o < BAL_RES__COUNT; o++)
                for (size_t k = 0; k < r->n_quality; k++) {
                    if ((int)r->quality[k].res != order[o] || g->q_cv_ok[k]) continue;
                    const bal_indicator_t *ind = &r->quality[k];
                    double target = r->cv_limit[g->section] * (1 - 0.002 * round) - 1e-9;
                    plan_cv_amounts(c.after, idx, n, ind, target, x, p, tmp, amt);
                    for (size_t i = 0; i < n; i++) {
                        double add = round_up_step(amt[i], r->prices[ind->res].step);
                        plan_add(&c, idx[i], ind->res, add, (int)k, true);
                    }
                }
        }
        if (is_done) break;
    }
    balance_eval(a, r, c.after, n_units, &after);
    out->is_passing_after = true;
    for (size_t gi = 0; gi < after.n_groups; gi++) {
        const balance_group_t *g = &after.groups[gi];
        if (county_code && (!g->county_code || strcmp(g->county_code, county_code) != 0)) continue;
        if (!g->is_quality_passed) out->is_passing_after = false;
    }
    /* sorted by unit then resource for a readable list */
    for (size_t i = 1; i < c.n_adds; i++)
        for (size_t j = i; j > 0; j--) {
            balance_addition_t *p0 = &c.adds[j - 1], *p1 = &c.adds[j];
            if (p0->unit < p1->unit || (p0->unit == p1->unit && p0->res <= p1->res)) break;
            balance_addition_t t = *p0;
            *p0 = *p1;
            *p1 = t;
        }
    out->additions = c.adds;
    out->n_additions = c.n_adds;
    for (size_t i = 0; i < c.n_adds; i++)
        out->total_cost += c.adds[i].cost;
    out->lower_bound = lb1 > lb2 ? lb1 : lb2;
    out->after = c.after;
    out->n_units = n_units;
}

/* ---------------------------------------------------------------- an office's override */

typedef struct ov_ctx {
    arena_t *a;
    const balance_rules_t *base;
} ov_ctx_t;

static err_t *ov_err(const ov_ctx_t *c, const char *path, const char *zh, const char *en) {
    return err_newf(c->a, ERR_INVALID, arena_printf(c->a, "document.%s", path), "%s：%s", "%s: %s", path, zh, path, en);
}

/* Only these keys; each value checked by its kind. */
typedef enum ov_kind { OV_TEXT, OV_NUM, OV_OBJ, OV_STRINGS, OV_SKIP } ov_kind_t;

typedef struct ov_key {
    const char *name;
    ov_kind_t kind;
    double lo, hi; /* OV_NUM: lo < x ≤ hi (lo_incl: lo ≤ x) */
    bool is_lo_incl;
} ov_key_t;

static const ov_key_t ov_meta[] = {{"standard", OV_SKIP, 0, 0, false},     {"version", OV_SKIP, 0, 0, false},
                                   {"jurisdiction", OV_SKIP, 0, 0, false}, {"title_zh", OV_TEXT, 0, 0, false},
                                   {"title_en", OV_TEXT, 0, 0, false},     {"note", OV_TEXT, 0, 0, false},
                                   {"source", OV_TEXT, 0, 0, false},       {"confidence", OV_TEXT, 0, 0, false}};

static const ov_key_t *ov_find(const ov_key_t *keys, size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i].name, name) == 0) return &keys[i];
    for (size_t i = 0; i < sizeof ov_meta / sizeof ov_meta[0]; i++)
        if (strcmp(ov_meta[i].name, name) == 0) return &ov_meta[i];
    return NULL;
}

static err_t *ov_number(const ov_ctx_t *c, const char *path, json_t *v, double lo, double hi, bool is_lo_incl) {
    if (!json_is_number(v)) return ov_err(c, path, "应为数字", "must be a number");
    double x = json_number_value(v);
    if (!(is_lo_incl ? x >= lo : x > lo) || x > hi)
        return err_newf(c->a, ERR_INVALID, arena_printf(c->a, "document.%s", path),
                        "%s：%.10g 超出范围 %s%.10g, %.10g]", "%s: %.10g is out of range %s%.10g, %.10g]", path, x,
                        is_lo_incl ? "[" : "(", lo, hi, path, x, is_lo_incl ? "[" : "(", lo, hi);
    return NULL;
}

static err_t *ov_strings(const ov_ctx_t *c, const char *path, json_t *v) {
    if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > BAL_MAX_TYPES)
        return ov_err(c, path, "应为非空字符串数组", "must be a non-empty array of strings");
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) if (!json_is_string(x) || !*json_string_value(x)) return ov_err(
        c, path, "应为非空字符串数组", "must be a non-empty array of strings");
    return NULL;
}

/* An object of known keys; nested objects are checked by `sub`. */
static err_t *ov_object(const ov_ctx_t *c, const char *path, json_t *o, const ov_key_t *keys, size_t n,
                        err_t *(*sub)(const ov_ctx_t *, const char *, const char *, json_t *)) {
    if (!json_is_object(o)) return ov_err(c, path, "应为对象", "must be an object");
    const char *name;
    json_t *v;
    json_object_foreach(o, name, v) {
        const char *p = *path ? arena_printf(c->a, "%s.%s", path, name) : arena_strdup(c->a, name);
        const ov_key_t *k = ov_find(keys, n, name);
        if (!k || (*path && k >= ov_meta && k < ov_meta + sizeof ov_meta / sizeof ov_meta[0] && k->kind == OV_SKIP))
            return ov_err(c, p, "未知的键", "unknown key");
        err_t *e = NULL;
        switch (k->kind) {
        case OV_SKIP:
            break;
        case OV_TEXT:
            if (!json_is_string(v)) e = ov_err(c, p, "应为文字", "must be text");
            break;
        case OV_NUM:
            e = ov_number(c, p, v, k->lo, k->hi, k->is_lo_incl);
            break;
        case OV_STRINGS:
            e = ov_strings(c, p, v);
            break;
        case OV_OBJ:
            e = sub(c, p, name, v);
            break;
        }
        if (e) return e;
    }
    return NULL;
}

static const ov_key_t ov_sections_ratio[] = {{"primary", OV_NUM, 0, 1, false}, {"junior", OV_NUM, 0, 1, false}};
static const ov_key_t ov_sections_composite[] = {{"primary", OV_NUM, 0, 2, false}, {"junior", OV_NUM, 0, 2, false}};
static const ov_key_t ov_sections_class[] = {{"primary", OV_NUM, 20, 80, true}, {"junior", OV_NUM, 20, 80, true}};
static const ov_key_t ov_weights[] = {
    {"primary", OV_NUM, 0, 10, false}, {"junior", OV_NUM, 0, 10, false}, {"senior", OV_NUM, 0, 10, false}};

static err_t *ov_quality_sub(const ov_ctx_t *c, const char *path, const char *name, json_t *v) {
    static const ov_key_t rule[] = {{"min_met", OV_NUM, 1, BAL_MAX_INDICATORS, true},
                                    {"rest_min_ratio", OV_NUM, 0, 1, false}};
    static const ov_key_t guarantee[] = {{"max_class", OV_OBJ, 0, 0, false},
                                         {"max_school_size", OV_NUM, 100, 10000, true},
                                         {"max_school_size_multi", OV_NUM, 100, 10000, true},
                                         {"classes_per_special_room", OV_NUM, 1, 60, true},
                                         {"certified_ratio", OV_NUM, 0, 1, false},
                                         {"trained_ratio", OV_NUM, 0, 1, false},
                                         {"multi_types", OV_STRINGS, 0, 0, false}};
    if (strcmp(name, "school_rule") == 0) {
        err_t *e = ov_object(c, path, v, rule, 2, NULL);
        json_t *m = json_object_get(v, "min_met");
        if (!e && m &&
            (json_number_value(m) != floor(json_number_value(m)) || json_number_value(m) > (double)c->base->n_quality))
            e = err_newf(c->a, ERR_INVALID, arena_printf(c->a, "document.%s.min_met", path),
                         "%s.min_met：应为 1 到 %zu 的整数", "%s.min_met: must be a whole number from 1 to %zu", path,
                         c->base->n_quality, path, c->base->n_quality);
        return e;
    }
    if (strcmp(name, "cv_limit") == 0) return ov_object(c, path, v, ov_sections_ratio, 2, NULL);
    if (strcmp(name, "max_class") == 0) return ov_object(c, path, v, ov_sections_class, 2, NULL);
    if (strcmp(name, "guarantee") == 0)
        return ov_object(c, path, v, guarantee, sizeof guarantee / sizeof guarantee[0], ov_quality_sub);
    return ov_err(c, path, "未知的键", "unknown key");
}

/* indicators: [{key, threshold:{primary, junior}, confidence, note}] for existing keys only;
 * a threshold in (0, 5 × national] (a stricter province, not a typed extra zero). */
static err_t *ov_indicators(const ov_ctx_t *c, const char *path, json_t *v, const bal_indicator_t *base, size_t n,
                            bool has_threshold) {
    if (!json_is_array(v)) return ov_err(c, path, "应为数组", "must be an array");
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) {
        const char *ip = arena_printf(c->a, "%s[%zu]", path, i);
        if (!json_is_object(x)) return ov_err(c, ip, "应为对象", "must be an object");
        const char *key = json_string_value(json_object_get(x, "key"));
        const bal_indicator_t *ind = NULL;
        for (size_t k = 0; key && k < n; k++)
            if (strcmp(base[k].key, key) == 0) ind = &base[k];
        if (!ind) return ov_err(c, arena_printf(c->a, "%s.key", ip), "不是已有的指标", "is not an existing indicator");
        ip = arena_printf(c->a, "%s.%s", path, key);
        const char *name;
        json_t *val;
        json_object_foreach(x, name, val) {
            const char *p = arena_printf(c->a, "%s.%s", ip, name);
            if (strcmp(name, "key") == 0) continue;
            if (strcmp(name, "confidence") == 0 || strcmp(name, "note") == 0) {
                if (!json_is_string(val)) return ov_err(c, p, "应为文字", "must be text");
                continue;
            }
            if (!has_threshold || strcmp(name, "threshold") != 0) return ov_err(c, p, "未知的键", "unknown key");
            if (!json_is_object(val)) return ov_err(c, p, "应为对象", "must be an object");
            const char *sec;
            json_t *t;
            json_object_foreach(val, sec, t) {
                int s = bal_section_parse(sec);
                const char *tp = arena_printf(c->a, "%s.%s", p, sec);
                if (s < 0) return ov_err(c, tp, "未知的键", "unknown key");
                err_t *e = ov_number(c, tp, t, 0, 5 * ind->threshold[s], false);
                if (e) return e;
            }
        }
    }
    return NULL;
}

static err_t *ov_basic_sub(const ov_ctx_t *c, const char *path, const char *name, json_t *v) {
    if (strcmp(name, "composite_limit") == 0) return ov_object(c, path, v, ov_sections_composite, 2, NULL);
    return ov_err(c, path, "未知的键", "unknown key");
}

static err_t *ov_scope_sub(const ov_ctx_t *c, const char *path, const char *name, json_t *v) {
    static const ov_key_t split[] = {
        {"weights", OV_OBJ, 0, 0, false}, {"note", OV_TEXT, 0, 0, false}, {"confidence", OV_TEXT, 0, 0, false}};
    if (strcmp(name, "split") == 0) return ov_object(c, path, v, split, 3, ov_scope_sub);
    if (strcmp(name, "weights") == 0) {
        if (!json_is_object(v)) return ov_err(c, path, "应为对象", "must be an object");
        const char *type;
        json_t *w;
        json_object_foreach(v, type, w) {
            err_t *e = ov_object(c, arena_printf(c->a, "%s.%s", path, type), w, ov_weights, 3, NULL);
            if (e) return e;
        }
        return NULL;
    }
    return ov_err(c, path, "未知的键", "unknown key");
}

err_t *balance_override_validate(arena_t *a, const balance_rules_t *base, const char *text, const char **standard,
                                 const char **jurisdiction) {
    ov_ctx_t c = {a, base};
    json_error_t jerr;
    json_t *doc = json_loads(text, 0, &jerr);
    err_t *e = NULL;
    if (!json_is_object(doc)) {
        e = err_new(a, ERR_INVALID, "document", "应为 JSON 对象", "must be a JSON object");
        goto done;
    }
    const char *std = json_string_value(json_object_get(doc, "standard"));
    const char *ver = json_string_value(json_object_get(doc, "version"));
    const char *jur = json_string_value(json_object_get(doc, "jurisdiction"));
    if (!std || (strcmp(std, "quality") && strcmp(std, "basic") && strcmp(std, "scope") && strcmp(std, "prices"))) {
        e = ov_err(&c, "standard", "应为 quality、basic、scope 或 prices", "must be quality, basic, scope or prices");
        goto done;
    }
    if (!ver || !*ver) {
        e = ov_err(&c, "version", "缺少版本", "is required");
        goto done;
    }
    if (!jur || strlen(jur) != 6 || strspn(jur, "0123456789") != 6 || strcmp(jur + 4, "00") != 0 ||
        strcmp(jur, "000000") == 0) {
        e = ov_err(&c, "jurisdiction", "应为省级或地市级区划代码（如 330000、330500）",
                   "must be a province or city code (330000, 330500)");
        goto done;
    }
    *standard = arena_strdup(a, std);
    *jurisdiction = arena_strdup(a, jur);
    if (strcmp(std, "quality") == 0) {
        static const ov_key_t keys[] = {{"school_rule", OV_OBJ, 0, 0, false},
                                        {"cv_limit", OV_OBJ, 0, 0, false},
                                        {"guarantee", OV_OBJ, 0, 0, false},
                                        {"indicators", OV_SKIP, 0, 0, false}};
        e = ov_object(&c, "", doc, keys, 4, ov_quality_sub);
        json_t *ind = json_object_get(doc, "indicators");
        if (!e && ind) e = ov_indicators(&c, "indicators", ind, base->quality, base->n_quality, true);
    } else if (strcmp(std, "basic") == 0) {
        static const ov_key_t keys[] = {{"composite_limit", OV_OBJ, 0, 0, false}, {"indicators", OV_SKIP, 0, 0, false}};
        e = ov_object(&c, "", doc, keys, 2, ov_basic_sub);
        json_t *ind = json_object_get(doc, "indicators");
        if (!e && ind) e = ov_indicators(&c, "indicators", ind, base->basic, base->n_basic, false);
    } else if (strcmp(std, "scope") == 0) {
        static const ov_key_t keys[] = {{"include_types", OV_STRINGS, 0, 0, false},
                                        {"teaching_point_types", OV_STRINGS, 0, 0, false},
                                        {"teaching_point_min_students", OV_NUM, 0, 1000, true},
                                        {"split", OV_OBJ, 0, 0, false}};
        e = ov_object(&c, "", doc, keys, 4, ov_scope_sub);
    } else {
        static const ov_key_t keys[] = {{"resources", OV_SKIP, 0, 0, false}};
        e = ov_object(&c, "", doc, keys, 1, NULL);
        json_t *res = json_object_get(doc, "resources");
        if (!e && res && !json_is_object(res)) e = ov_err(&c, "resources", "应为对象", "must be an object");
        const char *name;
        json_t *o;
        json_object_foreach(e ? NULL : res, name, o) {
            static const ov_key_t price[] = {{"price", OV_NUM, 0, 1e9, true},
                                             {"step", OV_NUM, 0, 1e6, false},
                                             {"unit_zh", OV_TEXT, 0, 0, false},
                                             {"unit_en", OV_TEXT, 0, 0, false}};
            const char *p = arena_printf(a, "resources.%s", name);
            if (bal_res_parse(name) < 0) e = ov_err(&c, p, "未知的资源", "unknown resource");
            if (!e) e = ov_object(&c, p, o, price, 4, NULL);
            if (e) break;
        }
    }
done:
    json_decref(doc);
    return e;
}
