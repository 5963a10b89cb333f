#include "svc/balance/balance_svc.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/balance/balance_data.h"
#include "core/roster/codes.h"
#include "docs/balance/balance_report.h"
#include "docs/balance/balance_xlsx.h"
#include "docs/tabular.h"
#include "docs/xlsx_out.h"
#include "store/balance/balance_store.h"
#include "store/embedded.h"
#include "store/platform/region_store.h"
#include "store/roster/school_store.h"
#include "svc/balance/verdict_svc.h"
#include "svc/roster/school_svc.h"
#include "util/timeutil.h"

/* ---------------------------------------------------------------- rules */

/* The compiled-in documents, then (db not NULL) the overrides stored for the county's
 * province and city; balance_rules_load applies them national → province → city, a stored
 * override after the compiled-in file of its jurisdiction. */
static err_t *rule_texts(db_t *db, arena_t *a, const char *county_code, const char ***texts, size_t *n_texts,
                         balance_override_t **ov, size_t *n_ov) {
    size_t n = 0;
    while (balance_standard_files[n].name)
        n++;
    *ov = NULL, *n_ov = 0;
    if (db && county_code && strlen(county_code) >= 6) {
        char province[8], city[8];
        snprintf(province, sizeof province, "%.2s0000", county_code);
        snprintf(city, sizeof city, "%.4s00", county_code);
        err_t *e = balance_store_overrides(db, a, province, city, ov, n_ov);
        if (e) return e;
    }
    const char **t = arena_alloc(a, (n + *n_ov + 1) * sizeof *t);
    for (size_t i = 0; i < n; i++)
        t[i] = balance_standard_files[i].text;
    for (size_t i = 0; i < *n_ov; i++)
        t[n + i] = (*ov)[i].body;
    *texts = t;
    *n_texts = n + *n_ov;
    return NULL;
}

err_t *balance_svc_rules(db_t *db, arena_t *a, const char *county_code, balance_rules_t *out) {
    const char **texts;
    size_t n, n_ov;
    balance_override_t *ov;
    err_t *e = rule_texts(db, a, county_code, &texts, &n, &ov, &n_ov);
    return e ? e : balance_rules_load(a, texts, n, county_code, out);
}

/* Numbers as people read them: 4 significant decimals are plenty for a CV or a per-student
 * value, and keep the JSON small. */
static json_t *jnum(double v) {
    if (!isfinite(v)) return json_null();
    if (v == floor(v) && fabs(v) < 1e15) return json_integer((json_int_t)v);
    return json_real(round(v * 1e6) / 1e6);
}

json_t *balance_svc_fields_json(void) {
    json_t *arr = json_array();
    static const char *sections[] = {"primary", "junior", "senior"};
    for (int f = 0; f < BF__COUNT; f++) {
        const bal_field_t *d = &balance_fields[f];
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:o}", "name", d->name, "label_zh",
                                             d->label_zh, "label_en", d->label_en, "unit", d->unit, "section",
                                             d->section >= 0 ? json_string(sections[d->section]) : json_null(),
                                             "resource", d->res >= 0 ? json_string(bal_res_name(d->res)) : json_null(),
                                             "is_count", d->is_count, "max", jnum(d->max)));
    }
    return arr;
}

static json_t *stat_json(const bal_stat_t *s) {
    json_t *o = json_object();
    for (int f = 0; f < BF__COUNT; f++)
        json_object_set_new(o, balance_fields[f].name, jnum(s->v[f]));
    return o;
}

static json_t *rules_json(const balance_rules_t *r) {
    json_t *q = json_array(), *b = json_array(), *src = json_array();
    for (size_t k = 0; k < r->n_quality; k++) {
        const bal_indicator_t *x = &r->quality[k];
        json_array_append_new(q,
                              json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:{s:o, s:o}, s:o}", "key", x->key, "name_zh",
                                        x->name_zh ? x->name_zh : "", "name_en", x->name_en ? x->name_en : "", "unit",
                                        x->unit ? x->unit : "", "resource", bal_res_name(x->res), "per", jnum(x->per),
                                        "threshold", "primary", jnum(x->threshold[BAL_PRIMARY]), "junior",
                                        jnum(x->threshold[BAL_JUNIOR]), "confidence", svc_jstr(x->confidence)));
    }
    for (size_t k = 0; k < r->n_basic; k++) {
        const bal_indicator_t *x = &r->basic[k];
        json_array_append_new(b,
                              json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "key", x->key, "name_zh",
                                        x->name_zh ? x->name_zh : "", "name_en", x->name_en ? x->name_en : "", "unit",
                                        x->unit ? x->unit : "", "resource", bal_res_name(x->res), "per", jnum(x->per)));
    }
    for (size_t i = 0; i < r->n_sources; i++)
        json_array_append_new(src, json_string(r->sources[i]));
    return json_pack("{s:o, s:o, s:i, s:o, s:{s:o, s:o}, s:{s:o, s:o}, s:o}", "quality", q, "basic", b, "min_met",
                     r->min_met, "rest_min_ratio", jnum(r->rest_min_ratio), "cv_limit", "primary",
                     jnum(r->cv_limit[BAL_PRIMARY]), "junior", jnum(r->cv_limit[BAL_JUNIOR]), "composite_limit",
                     "primary", jnum(r->composite_limit[BAL_PRIMARY]), "junior", jnum(r->composite_limit[BAL_JUNIOR]),
                     "sources", src);
}

/* ---------------------------------------------------------------- loading a county */

typedef struct bal_ctx {
    balance_rules_t rules;
    region_t region;
    int64_t year;
    balance_school_row_t *rows;
    size_t n_rows;
    balance_school_t *schools;
    size_t n_schools;
    balance_unit_t *units;
    size_t n_units;
    balance_excluded_t *excluded;
    size_t n_excluded;
    balance_result_t res;
} bal_ctx_t;

static int64_t current_school_year(void) {
    time_t t = (time_t)(time_now() + 8 * 3600);
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900 - (tm.tm_mon < 8 ? 1 : 0); /* a 学年 starts in September */
}

static err_t *resolve_year(db_t *db, arena_t *a, const char *region_code, int64_t *year) {
    if (*year) {
        if (*year < 2000 || *year > 2100)
            return err_new(a, ERR_INVALID, "school_year",
                           "学年应为 2000–2100 之间的年份（如 2025 表示 2025–2026 学年）",
                           "school_year is a year between 2000 and 2100 (2025 = 2025-2026)");
        return NULL;
    }
    int64_t *years;
    size_t n;
    err_t *e = balance_store_years(db, a, region_code, &years, &n);
    if (e) return e;
    *year = n ? years[0] : current_school_year();
    return NULL;
}

static err_t *region_in_scope(db_t *db, arena_t *a, const actor_t *who, const char *code, bool is_county,
                              region_t *out) {
    if (!code) code = who->region_code;
    err_t *e = region_store_get(db, a, who->region_path, code ? code : "", out);
    if (e) return e;
    if (is_county && strcmp(out->level, "county") != 0)
        return err_newf(a, ERR_INVALID, "county_code", "%s 不是县级区划", "%s is not a county", code, code);
    return NULL;
}

static bool is_included(const balance_rules_t *r, const char *type) {
    for (size_t i = 0; type && i < r->n_include_types; i++)
        if (strcmp(r->include_types[i], type) == 0) return true;
    return false;
}

static int64_t id_of(const char *s) {
    return s ? strtoll(s, NULL, 10) : 0;
}

/* Splits and evaluates rows[0..n) (one county) with the rules. */
static void ctx_eval(arena_t *a, bal_ctx_t *c) {
    c->schools = arena_alloc(a, (c->n_rows + 1) * sizeof *c->schools);
    c->n_schools = 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const balance_school_row_t *x = &c->rows[i];
        if (!x->has_stat) continue;
        balance_stat_to_school(&x->stat, arena_printf(a, "%" PRId64, x->school_id), x->code, x->name, x->county_code,
                               x->type_code, &c->schools[c->n_schools++]);
    }
    balance_split(a, &c->rules, c->schools, c->n_schools, &c->units, &c->n_units, &c->excluded, &c->n_excluded);
    balance_eval(a, &c->rules, c->units, c->n_units, &c->res);
}

static balance_school_row_t *row_of(bal_ctx_t *c, int64_t school_id) {
    for (size_t i = 0; i < c->n_rows; i++)
        if (c->rows[i].school_id == school_id) return &c->rows[i];
    return NULL;
}

static err_t *validate_row(arena_t *a, const balance_school_row_t *x) {
    const char *field = NULL;
    const char *why = balance_stat_validate(a, &x->stat, codes_school_type_sections(x->type_code), &field);
    return why ? err_new_raw(a, ERR_INVALID, field, arena_printf(a, "%s：%s", x->name, why)) : NULL;
}

/* changes: [{school_id, field, value}], applied to the rows (the what-if). */
static err_t *ctx_apply_changes(arena_t *a, bal_ctx_t *c, const json_t *changes) {
    if (!changes) return NULL;
    if (!json_is_array(changes) || json_array_size(changes) > 5000)
        return err_new(a, ERR_INVALID, "changes", "changes 应为数组（≤ 5000 项）", "changes is an array (≤ 5000)");
    size_t i;
    json_t *ch;
    json_array_foreach(changes, i, ch) {
        json_t *sid = json_object_get(ch, "school_id"), *fld = json_object_get(ch, "field"),
               *val = json_object_get(ch, "value");
        if (!json_is_object(ch) || !json_is_integer(sid) || !json_is_string(fld) || !json_is_number(val) ||
            json_object_size(ch) != 3)
            return err_newf(a, ERR_INVALID, "changes", "第 %zu 项应为 {school_id, field, value}",
                            "change %zu must be {school_id, field, value}", i + 1, i + 1);
        balance_school_row_t *x = row_of(c, json_integer_value(sid));
        if (!x)
            return err_newf(a, ERR_INVALID, "school_id", "学校 %lld 不在该县", "school %lld is not in the county",
                            (long long)json_integer_value(sid), (long long)json_integer_value(sid));
        int f = balance_field_parse(json_string_value(fld));
        if (f < 0)
            return err_newf(a, ERR_INVALID, "field", "未知字段 %s", "unknown field %s", json_string_value(fld),
                            json_string_value(fld));
        x->has_stat = true;
        x->stat.v[f] = json_number_value(val);
    }
    for (size_t k = 0; k < c->n_rows; k++) {
        err_t *e = c->rows[k].has_stat ? validate_row(a, &c->rows[k]) : NULL;
        if (e) return e;
    }
    return NULL;
}

static err_t *ctx_load(db_t *db, arena_t *a, const actor_t *who, const char *county_code, int64_t year,
                       const json_t *changes, bal_ctx_t *c) {
    memset(c, 0, sizeof *c);
    if (!county_code) return err_new(a, ERR_INVALID, "county_code", "请给出县级区划代码", "county_code is required");
    err_t *e = region_in_scope(db, a, who, county_code, true, &c->region);
    if (!e) e = balance_svc_rules(db, a, c->region.code, &c->rules);
    if (!e) e = resolve_year(db, a, c->region.code, &year);
    if (e) return e;
    c->year = year;
    if ((e = balance_store_schools(db, a, who->region_path, c->region.code, NULL, 0, year, &c->rows, &c->n_rows)))
        return e;
    if ((e = ctx_apply_changes(a, c, changes))) return e;
    ctx_eval(a, c);
    return NULL;
}

/* ---------------------------------------------------------------- data checks */

typedef struct bal_checks {
    bal_check_t *items;
    size_t n;
    const balance_school_row_t **row; /* per item */
    const balance_ack_t **ack;        /* per item, NULL when open */
    size_t n_open;
} bal_checks_t;

static err_t *ctx_checks(db_t *db, arena_t *a, bal_ctx_t *c, bal_checks_t *out) {
    memset(out, 0, sizeof *out);
    bal_check_input_t *in = arena_alloc(a, (c->n_rows + 1) * sizeof *in);
    const balance_school_row_t **rows = arena_alloc(a, (c->n_rows + 1) * sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        if (!c->rows[i].has_stat || !is_included(&c->rules, c->rows[i].type_code)) continue;
        rows[n] = &c->rows[i];
        in[n++] = (bal_check_input_t){arena_printf(a, "%" PRId64, c->rows[i].school_id), &c->rows[i].stat,
                                      c->rows[i].has_last ? &c->rows[i].last : NULL};
    }
    balance_checks(a, in, n, &out->items, &out->n);
    balance_ack_t *acks;
    size_t n_acks;
    err_t *e = balance_store_acks(db, a, c->region.code, c->year, &acks, &n_acks);
    if (e) return e;
    out->row = arena_alloc(a, (out->n + 1) * sizeof *out->row);
    out->ack = arena_alloc(a, (out->n + 1) * sizeof *out->ack);
    for (size_t i = 0; i < out->n; i++) {
        const bal_check_t *k = &out->items[i];
        const balance_school_row_t *x = rows[k->input];
        out->row[i] = x;
        const char *value = arena_printf(a, "%.10g", x->stat.v[k->field]);
        for (size_t j = 0; j < n_acks; j++)
            if (acks[j].school_id == x->school_id && strcmp(acks[j].code, k->code) == 0 &&
                strcmp(acks[j].field, balance_fields[k->field].name) == 0 && strcmp(acks[j].value, value) == 0)
                out->ack[i] = &acks[j];
        if (!out->ack[i]) out->n_open++;
    }
    return NULL;
}

static json_t *checks_json(const bal_checks_t *k) {
    json_t *arr = json_array();
    for (size_t i = 0; i < k->n; i++) {
        const bal_check_t *c = &k->items[i];
        const balance_ack_t *ack = k->ack[i];
        json_array_append_new(
            arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:b, s:o, s:o}", "school_id",
                           (json_int_t)k->row[i]->school_id, "school_code", k->row[i]->code, "school_name",
                           k->row[i]->name, "code", c->code, "field", balance_fields[c->field].name, "field_label",
                           balance_fields[c->field].label_zh, "value", jnum(c->value), "reference", jnum(c->reference),
                           "score", jnum(c->score), "message", c->message, "is_confirmed", ack != NULL, "note",
                           svc_jstr(ack ? ack->note : NULL), "confirmed_by", svc_jstr(ack ? ack->by_name : NULL)));
    }
    return arr;
}

/* ---------------------------------------------------------------- evaluation JSON */

static json_t *completeness_json(arena_t *a, const bal_ctx_t *c, size_t from, size_t to, int64_t *n_missing) {
    (void)a;
    json_t *missing = json_array();
    int64_t n_expected = 0, n_filled = 0;
    for (size_t i = from; i < to; i++) {
        const balance_school_row_t *x = &c->rows[i];
        if (!is_included(&c->rules, x->type_code)) continue;
        n_expected++;
        if (x->has_stat)
            n_filled++;
        else
            json_array_append_new(missing, json_pack("{s:I, s:s, s:s, s:s}", "school_id", (json_int_t)x->school_id,
                                                     "code", x->code, "name", x->name, "type_code", x->type_code));
    }
    if (n_missing) *n_missing = n_expected - n_filled;
    return json_pack("{s:I, s:I, s:o, s:o}", "n_expected", (json_int_t)n_expected, "n_filled", (json_int_t)n_filled,
                     "ratio", jnum(n_expected ? (double)n_filled / (double)n_expected : 1), "missing", missing);
}

static json_t *group_json(const bal_ctx_t *c, const balance_group_t *g) {
    const balance_rules_t *r = &c->rules;
    json_t *qcv = json_array(), *bcv = json_array(), *schools = json_array(), *rescv = json_object();
    double limit = r->cv_limit[g->section];
    for (size_t k = 0; k < r->n_quality; k++)
        json_array_append_new(qcv,
                              json_pack("{s:s, s:o, s:o, s:o, s:b}", "key", r->quality[k].key, "cv", jnum(g->q_cv[k]),
                                        "limit", jnum(limit), "mean", jnum(g->q_mean[k]), "is_ok", g->q_cv_ok[k]));
    json_t *over = json_array(); /* the 基本均衡 CVs above the composite limit: what pulls the mean up */
    for (size_t k = 0; k < r->n_basic; k++) {
        json_array_append_new(bcv, json_pack("{s:s, s:o, s:o}", "key", r->basic[k].key, "cv", jnum(g->b_cv[k]), "mean",
                                             jnum(g->b_mean[k])));
        if (g->b_cv[k] > r->composite_limit[g->section]) json_array_append_new(over, json_string(r->basic[k].key));
    }
    for (int k = 0; k < BAL_RES__COUNT; k++)
        json_object_set_new(rescv, bal_res_name(k), jnum(g->res_cv[k]));
    for (size_t i = 0; i < g->n_schools; i++) {
        const balance_school_result_t *s = &g->schools[i];
        const balance_unit_t *u = &c->units[s->unit];
        json_t *vals = json_array(), *bvals = json_array(), *failing = json_array();
        for (size_t k = 0; k < r->n_quality; k++) {
            json_array_append_new(vals, json_pack("{s:s, s:o, s:o, s:b, s:o}", "key", r->quality[k].key, "value",
                                                  jnum(s->q_value[k]), "ratio", jnum(s->q_ratio[k]), "is_met",
                                                  s->q_is_met[k], "needed", jnum(s->q_needed[k])));
            if (!s->q_is_met[k])
                json_array_append_new(failing, json_pack("{s:s, s:o, s:o, s:o}", "key", r->quality[k].key, "margin",
                                                         jnum(s->q_value[k] - r->quality[k].threshold[g->section]),
                                                         "ratio", jnum(s->q_ratio[k]), "needed", jnum(s->q_needed[k])));
        }
        for (size_t k = 0; k < r->n_basic; k++)
            json_array_append_new(bvals, jnum(s->b_value[k]));
        json_array_append_new(schools,
                              json_pack("{s:I, s:s, s:s, s:o, s:b, s:i, s:o, s:o, s:o, s:o}", "school_id",
                                        (json_int_t)id_of(u->id), "code", u->code, "name", u->name, "students",
                                        jnum(u->students), "is_passed", s->is_passed, "n_met", s->n_met, "why",
                                        svc_jstr(s->why), "values", vals, "failing", failing, "basic_values", bvals));
    }
    return json_pack("{s:s, s:I, s:o, s:{s:b, s:I, s:I, s:o, s:o}, s:{s:b, s:o, s:o, s:o, s:o}, s:o, s:o}", "section",
                     bal_section_name(g->section), "n_schools", (json_int_t)g->n_schools, "students", jnum(g->students),
                     "quality", "is_passed", g->is_quality_passed, "n_failing_schools",
                     (json_int_t)g->n_failing_schools, "n_cv_failing", (json_int_t)g->n_cv_failing, "cv_limit",
                     jnum(limit), "cv", qcv, "basic", "is_passed", g->is_basic_passed, "composite_cv",
                     jnum(g->composite_cv), "limit", jnum(r->composite_limit[g->section]), "cv", bcv, "over_limit",
                     over, "schools", schools, "res_cv", rescv);
}

static json_t *eval_json(arena_t *a, const bal_ctx_t *c, bool with_rules) {
    json_t *sections = json_array(), *excluded = json_array(), *q_failing = json_array(), *b_failing = json_array();
    bool is_q = c->res.n_groups > 0, is_b = c->res.n_groups > 0;
    for (size_t i = 0; i < c->res.n_groups; i++) {
        const balance_group_t *g = &c->res.groups[i];
        json_array_append_new(sections, group_json(c, g));
        is_q = is_q && g->is_quality_passed;
        is_b = is_b && g->is_basic_passed;
        if (!g->is_quality_passed) json_array_append_new(q_failing, json_string(bal_section_name(g->section)));
        if (!g->is_basic_passed)
            json_array_append_new(b_failing, json_pack("{s:s, s:o, s:o}", "section", bal_section_name(g->section),
                                                       "composite_cv", jnum(g->composite_cv), "limit",
                                                       jnum(c->rules.composite_limit[g->section])));
    }
    for (size_t i = 0; i < c->n_excluded; i++) {
        const balance_excluded_t *x = &c->excluded[i];
        json_array_append_new(excluded, json_pack("{s:I, s:s, s:s, s:s}", "school_id", (json_int_t)id_of(x->id), "code",
                                                  x->code, "name", x->name, "reason", x->reason));
    }
    json_t *o = json_pack("{s:s, s:s, s:I, s:{s:b, s:b, s:o, s:o}, s:o, s:o, s:o}", "county_code", c->region.code,
                          "county_name", c->region.name, "school_year", (json_int_t)c->year, "verdict",
                          "is_quality_passed", is_q, "is_basic_passed", is_b, "quality_failing_sections", q_failing,
                          "basic_failing", b_failing, "sections", sections, "excluded", excluded, "completeness",
                          completeness_json(a, c, 0, c->n_rows, NULL));
    if (with_rules) json_object_set_new(o, "rules", rules_json(&c->rules));
    return o;
}

err_t *balance_svc_failing(db_t *db, arena_t *a, const actor_t *who, const char *county_code,
                           balance_school_failing_t **out, size_t *n) {
    *out = NULL;
    *n = 0;
    int64_t *years;
    size_t n_years;
    bal_ctx_t c;
    err_t *e = balance_store_years(db, a, county_code, &years, &n_years);
    if (e || !n_years) return e; /* no statistics: nothing to count */
    if ((e = ctx_load(db, a, who, county_code, years[0], NULL, &c))) return e;
    size_t cap = 0;
    for (size_t i = 0; i < c.res.n_groups; i++)
        cap += c.res.groups[i].n_schools;
    *out = arena_alloc(a, (cap + 1) * sizeof **out);
    for (size_t i = 0; i < c.res.n_groups; i++) {
        const balance_group_t *g = &c.res.groups[i];
        for (size_t k = 0; k < g->n_schools; k++) {
            const balance_school_result_t *r = &g->schools[k];
            int failing = 0;
            for (size_t q = 0; q < c.rules.n_quality; q++)
                failing += !r->q_is_met[q];
            int64_t id = id_of(c.units[r->unit].id);
            size_t j = 0;
            while (j < *n && (*out)[j].school_id != id) /* a 一贯制 school's sections add up */
                j++;
            if (j == *n) (*out)[(*n)++] = (balance_school_failing_t){id, 0, c.year};
            (*out)[j].n_failing += failing;
        }
    }
    return NULL;
}

/* The whole verdict (core/balance/verdict) of a loaded county: every part, or the summary. */
static err_t *ctx_verdict(db_t *db, arena_t *a, const actor_t *who, const bal_ctx_t *c, bool is_simulated,
                          bool with_items, json_t **out) {
    verdict_facts_t f = {&c->rules, &c->res, c->rows, c->n_rows};
    return verdict_svc_county_tx(db, a, who, c->region.code, c->year, &f, is_simulated, with_items, out);
}

/* ---------------------------------------------------------------- statistics */

static err_t *school_in_scope(db_t *db, arena_t *a, const actor_t *who, int64_t school_id, school_t *out) {
    scope_t sc = scope_of(who);
    return school_store_get(db, a, &sc, school_id, out);
}

err_t *balance_svc_stat_get(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, int64_t school_year,
                            json_t **out) {
    db_t *db;
    school_t sch;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = school_in_scope(db, a, who, school_id, &sch);
    if (!e) e = resolve_year(db, a, sch.county_code, &school_year);
    if (e) return e;
    bal_stat_t st;
    bool found = false;
    if ((e = balance_store_get(db, a, school_id, school_year, &st, &found))) return e;
    bal_stat_t last;
    bool has_last = false;
    if ((e = balance_store_get(db, a, school_id, school_year - 1, &last, &has_last))) return e;
    if (!found) { /* a new record starts from the school's own enrollment */
        for (size_t i = 0; i < sch.n_sections; i++) {
            if (strcmp(sch.sections[i].section, "primary") == 0)
                st.v[BF_P_STUDENTS] = (double)sch.sections[i].enrollment,
                st.v[BF_P_CLASSES] = (double)sch.sections[i].n_classes;
            if (strcmp(sch.sections[i].section, "junior") == 0)
                st.v[BF_J_STUDENTS] = (double)sch.sections[i].enrollment,
                st.v[BF_J_CLASSES] = (double)sch.sections[i].n_classes;
            if (strcmp(sch.sections[i].section, "senior") == 0)
                st.v[BF_S_STUDENTS] = (double)sch.sections[i].enrollment;
        }
    }
    unsigned secs = codes_school_type_sections(sch.type_code);
    json_t *sections = json_array();
    if (secs & SECTION_PRIMARY) json_array_append_new(sections, json_string("primary"));
    if (secs & SECTION_JUNIOR) json_array_append_new(sections, json_string("junior"));
    if (secs & SECTION_SENIOR) json_array_append_new(sections, json_string("senior"));
    *out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:I, s:b, s:o, s:o, s:o}", "school_id", (json_int_t)sch.id,
                     "school_code", sch.code, "school_name", sch.name, "type_code", sch.type_code, "county_code",
                     sch.county_code, "sections", sections, "school_year", (json_int_t)school_year, "is_filled", found,
                     "values", stat_json(&st), "last_year", has_last ? stat_json(&last) : json_null(), "fields",
                     balance_svc_fields_json());
    return NULL;
}

/* Applies a JSON object of field → number to st; errors name the field. */
static err_t *stat_apply(arena_t *a, bal_stat_t *st, const json_t *values) {
    if (!json_is_object(values))
        return err_new(a, ERR_INVALID, "values", "values 应为对象", "values must be an object");
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)values, k, v) {
        int f = balance_field_parse(k);
        if (f < 0) return err_newf(a, ERR_UNKNOWN_FIELD, k, "未知字段 %s", "unknown field %s", k, k);
        if (!json_is_number(v))
            return err_newf(a, ERR_INVALID, k, "%s 应为数字", "%s must be a number", balance_fields[f].label_zh,
                            balance_fields[f].label_en);
        st->v[f] = json_number_value(v);
    }
    return NULL;
}

static err_t *stat_put_tx(db_t *db, arena_t *a, const actor_t *who, const school_t *sch, int64_t year,
                          const bal_stat_t *st) {
    const char *field = NULL;
    const char *why = balance_stat_validate(a, st, codes_school_type_sections(sch->type_code), &field);
    if (why) return err_new_raw(a, ERR_INVALID, field, why);
    bal_stat_t cur;
    bool found = false;
    err_t *e = balance_store_get(db, a, sch->id, year, &cur, &found);
    if (!e) e = balance_store_put(db, a, sch->id, year, st, who->user_id, time_now());
    if (e) return e;
    const char *id = arena_printf(a, "%" PRId64 "/%" PRId64, sch->id, year);
    if (!found) {
        json_t *after = stat_json(st);
        e = svc_audit(db, a, who, "create", "balance_stat", id, sch->region_code, NULL, after);
        json_decref(after);
        return e;
    }
    return svc_audit_change(db, a, who, "balance_stat", id, sch->region_code, stat_json(&cur), stat_json(st));
}

err_t *balance_svc_stat_put(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, int64_t school_year,
                            const json_t *values, json_t **out) {
    if (school_year < 2000 || school_year > 2100)
        return err_new(a, ERR_INVALID, "school_year", "学年应为 2000–2100 之间的年份",
                       "school_year must be 2000 to 2100");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    school_t sch;
    bal_stat_t st;
    bool found = false;
    if (!(e = school_in_scope(db, a, who, school_id, &sch)) &&
        !(e = balance_store_get(db, a, school_id, school_year, &st, &found)) && !(e = stat_apply(a, &st, values)))
        e = stat_put_tx(db, a, who, &sch, school_year, &st);
    if ((e = svc_end(db, a, e))) return e;
    return balance_svc_stat_get(s, a, who, school_id, school_year, out);
}

err_t *balance_svc_stats_list(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                              json_t **out) {
    db_t *db;
    bal_ctx_t c;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = ctx_load(db, a, who, county_code, school_year, NULL, &c);
    if (e) return e;
    json_t *items = json_array();
    for (size_t i = 0; i < c.n_rows; i++) {
        const balance_school_row_t *x = &c.rows[i];
        json_array_append_new(items,
                              json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:o}", "school_id", (json_int_t)x->school_id,
                                        "code", x->code, "name", x->name, "type_code", x->type_code, "is_included",
                                        is_included(&c.rules, x->type_code), "is_filled", x->has_stat, "values",
                                        x->has_stat ? stat_json(&x->stat) : json_null()));
    }
    *out = json_pack("{s:s, s:I, s:o, s:I, s:o}", "county_code", c.region.code, "school_year", (json_int_t)c.year,
                     "items", items, "total", (json_int_t)c.n_rows, "fields", balance_svc_fields_json());
    return NULL;
}

/* ---------------------------------------------------------------- import */

typedef struct bal_import {
    arena_t *a;
    arena_t row;
    db_t *db;
    const actor_t *who;
    int64_t year;
    int cell_of[BF__COUNT + 1]; /* the code column is index BF__COUNT */
    bool has_header;
    import_result_t *res;
    int64_t *seen;
    size_t n_seen;
} bal_import_t;

static void bi_error(bal_import_t *c, int64_t row, const char *column, const char *message) {
    import_result_t *r = c->res;
    r->n_errors++;
    if (r->n_errors > IMPORT_MAX_ERRORS) return;
    import_error_t *g = arena_alloc(c->a, r->n_errors * sizeof *g);
    if (r->n_errors > 1) memcpy(g, r->errors, (r->n_errors - 1) * sizeof *g);
    g[r->n_errors - 1] = (import_error_t){row, arena_strdup(c->a, column), arena_strdup(c->a, message)};
    r->errors = g;
}

static const char *bi_label(int f) {
    return f == BF__COUNT ? "学校标识码" : balance_fields[f].label_zh;
}

static err_t *bi_header(bal_import_t *c, const char *const *cells, size_t n) {
    for (int f = 0; f <= BF__COUNT; f++)
        c->cell_of[f] = -1;
    for (size_t k = 0; k < n; k++) {
        const char *h = cells[k];
        while (*h == ' ')
            h++;
        if (!*h) continue;
        int f = -1;
        if (strcmp(h, "学校标识码") == 0 || strcmp(h, "school_code") == 0) f = BF__COUNT;
        for (int i = 0; f < 0 && i < BF__COUNT; i++)
            if (strcmp(h, balance_fields[i].label_zh) == 0 || strcmp(h, balance_fields[i].name) == 0) f = i;
        if (strcmp(h, "学校名称") == 0 || strcmp(h, "school_name") == 0) continue; /* for people, not read */
        if (f < 0)
            return err_newf(c->a, ERR_INVALID, "file", "第 1 行：无法识别的列“%s”（请使用模板）",
                            "row 1: unknown column %s (use the template)", h, h);
        if (c->cell_of[f] >= 0)
            return err_newf(c->a, ERR_INVALID, "file", "第 1 行：列“%s”重复", "row 1: column %s appears twice", h, h);
        c->cell_of[f] = (int)k;
    }
    if (c->cell_of[BF__COUNT] < 0)
        return err_new(c->a, ERR_INVALID, "file", "第 1 行：缺少必填列“学校标识码”",
                       "row 1: the required column 学校标识码 is missing");
    c->has_header = true;
    return NULL;
}

static err_t *bi_row(void *ctx, size_t row_no, const char *const *cells, size_t n_cells) {
    bal_import_t *c = ctx;
    if (!c->has_header) return bi_header(c, cells, n_cells);
    c->res->n_rows++;
    arena_free(&c->row);
    int64_t row = (int64_t)row_no;
    size_t before = c->res->n_errors;
    const char *code = c->cell_of[BF__COUNT] < (int)n_cells ? cells[c->cell_of[BF__COUNT]] : "";
    int64_t id = 0;
    const char *status = NULL;
    err_t *e = *code ? school_store_id_by_code(c->db, &c->row, code, &id, &status) : NULL;
    if (e) return err_new_raw(c->a, e->code, NULL, arena_strdup(c->a, e->message));
    school_t sch;
    if (!*code) {
        bi_error(c, row, "学校标识码", "缺少学校标识码 / the school code is required");
        return NULL;
    }
    if (!id || (e = school_in_scope(c->db, &c->row, c->who, id, &sch))) {
        bi_error(c, row, "学校标识码",
                 arena_printf(&c->row, "学校 %s 不存在或不在权限范围内 / no school %s in your scope", code, code));
        return NULL;
    }
    for (size_t i = 0; i < c->n_seen; i++)
        if (c->seen[i] == id) {
            bi_error(c, row, "学校标识码", "该校在文件中重复 / the school repeats an earlier row");
            return NULL;
        }
    int64_t *g = arena_alloc(c->a, (c->n_seen + 1) * sizeof *g);
    if (c->n_seen) memcpy(g, c->seen, c->n_seen * sizeof *g);
    g[c->n_seen++] = id;
    c->seen = g;
    bal_stat_t st;
    bool found = false;
    if ((e = balance_store_get(c->db, &c->row, id, c->year, &st, &found)))
        return err_new_raw(c->a, e->code, NULL, arena_strdup(c->a, e->message));
    for (int f = 0; f < BF__COUNT; f++) {
        if (c->cell_of[f] < 0 || c->cell_of[f] >= (int)n_cells) continue;
        const char *v = cells[c->cell_of[f]];
        while (*v == ' ')
            v++;
        if (!*v) continue;
        char *end = NULL;
        double d = strtod(v, &end);
        while (end && *end == ' ')
            end++;
        if (!end || *end || !isfinite(d)) {
            bi_error(c, row, bi_label(f), arena_printf(&c->row, "“%s”不是数字 / not a number", v));
            continue;
        }
        st.v[f] = d;
    }
    if (c->res->n_errors > before) return NULL;
    if ((e = balance_store_row_begin(c->db, &c->row)))
        return err_new(c->a, e->code, NULL, "数据库错误", "database error");
    e = stat_put_tx(c->db, &c->row, c->who, &sch, c->year, &st);
    if (e && (e->code == ERR_UNAVAILABLE || e->code == ERR_INTERNAL))
        return err_new_raw(c->a, e->code, NULL, arena_strdup(c->a, e->message));
    if (e) {
        int f = balance_field_parse(e->field);
        bi_error(c, row, f >= 0 ? bi_label(f) : NULL, e->message);
    }
    if ((e = balance_store_row_end(c->db, &c->row, e == NULL)))
        return err_new(c->a, e->code, NULL, "数据库错误", "database error");
    if (c->res->n_errors == before) {
        if (found)
            c->res->n_updated++;
        else
            c->res->n_created++;
    }
    return NULL;
}

err_t *balance_svc_import(svc_t *s, arena_t *a, const actor_t *who, int64_t school_year, const char *path,
                          import_result_t *out) {
    memset(out, 0, sizeof *out);
    if (school_year < 2000 || school_year > 2100)
        return err_new(a, ERR_INVALID, "school_year", "请给出学年（如 2025）", "give the school_year (e.g. 2025)");
    bal_import_t c = {.a = a, .who = who, .year = school_year, .res = out};
    arena_init(&c.row);
    err_t *e = svc_begin(s, a, &c.db);
    if (e) return e;
    e = tabular_read(a, path, bi_row, &c);
    arena_free(&c.row);
    if (!e && !c.has_header)
        e = err_new(a, ERR_INVALID, "file", "文件是空的（没有表头）", "the file is empty (no header row)");
    if (e || out->n_errors) {
        db_rollback(c.db);
        out->n_created = out->n_updated = 0;
        return e;
    }
    if ((e = svc_end(c.db, a, NULL))) return e;
    out->is_written = true;
    return NULL;
}

err_t *balance_svc_template(arena_t *a, const char *path) {
    xlsx_template_col_t cols[BF__COUNT + 2];
    cols[0] = (xlsx_template_col_t){"学校标识码", true, XLSX_COL_TEXT, "10 位数字", "2133000101", NULL};
    cols[1] =
        (xlsx_template_col_t){"学校名称", false, XLSX_COL_TEXT, "仅供核对，不导入", "德清县武康街道中心小学", NULL};
    for (int f = 0; f < BF__COUNT; f++) {
        const bal_field_t *d = &balance_fields[f];
        cols[f + 2] =
            (xlsx_template_col_t){d->label_zh,
                                  false,
                                  XLSX_COL_NUMBER,
                                  arena_printf(a, "%s，%s，≤ %.0f", d->unit, d->is_count ? "整数" : "可含小数", d->max),
                                  NULL,
                                  NULL};
    }
    return xlsx_out_template(a, path, "学校基础数据", cols, BF__COUNT + 2);
}

/* ---------------------------------------------------------------- completeness, checks */

err_t *balance_svc_completeness(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, int64_t school_year,
                                json_t **out) {
    db_t *db;
    region_t reg;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = region_in_scope(db, a, who, region_code, false, &reg);
    if (!e) e = resolve_year(db, a, reg.code, &school_year);
    if (e) return e;
    bal_ctx_t c = {.region = reg, .year = school_year};
    if ((e = balance_store_schools(db, a, who->region_path, reg.code, NULL, 0, school_year, &c.rows, &c.n_rows)))
        return e;
    json_t *counties = json_array();
    int64_t total_expected = 0, total_filled = 0;
    for (size_t i = 0; i < c.n_rows;) {
        size_t j = i;
        while (j < c.n_rows && strcmp(c.rows[j].county_code, c.rows[i].county_code) == 0)
            j++;
        if ((e = balance_svc_rules(db, a, c.rows[i].county_code, &c.rules))) {
            json_decref(counties);
            return e;
        }
        json_t *cj = completeness_json(a, &c, i, j, NULL);
        total_expected += json_integer_value(json_object_get(cj, "n_expected"));
        total_filled += json_integer_value(json_object_get(cj, "n_filled"));
        json_object_set_new(cj, "county_code", json_string(c.rows[i].county_code));
        json_object_set_new(cj, "county_name", json_string(c.rows[i].county_name));
        json_array_append_new(counties, cj);
        i = j;
    }
    *out = json_pack("{s:s, s:s, s:I, s:I, s:I, s:o}", "region_code", reg.code, "region_name", reg.name, "school_year",
                     (json_int_t)school_year, "n_expected", (json_int_t)total_expected, "n_filled",
                     (json_int_t)total_filled, "counties", counties);
    return NULL;
}

err_t *balance_svc_checks(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                          json_t **out) {
    db_t *db;
    bal_ctx_t c;
    bal_checks_t k;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = ctx_load(db, a, who, county_code, school_year, NULL, &c);
    if (!e) e = ctx_checks(db, a, &c, &k);
    if (e) return e;
    *out = json_pack("{s:s, s:I, s:o, s:I, s:I}", "county_code", c.region.code, "school_year", (json_int_t)c.year,
                     "items", checks_json(&k), "total", (json_int_t)k.n, "n_open", (json_int_t)k.n_open);
    return NULL;
}

err_t *balance_svc_check_confirm(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, int64_t school_year,
                                 const char *code, const char *field, const char *note) {
    if (!note || strlen(note) < 2 || strlen(note) > 500)
        return err_new(a, ERR_INVALID, "note", "请说明数据为何正确（2–500 字）",
                       "say why the value is right (2 to 500 chars)");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    school_t sch;
    bal_ctx_t c;
    bal_checks_t k;
    if ((e = school_in_scope(db, a, who, school_id, &sch)) ||
        (e = ctx_load(db, a, who, sch.county_code, school_year, NULL, &c)) || (e = ctx_checks(db, a, &c, &k)))
        return svc_end(db, a, e);
    const bal_check_t *hit = NULL;
    for (size_t i = 0; i < k.n; i++)
        if (k.row[i]->school_id == school_id && strcmp(k.items[i].code, code ? code : "") == 0 &&
            strcmp(balance_fields[k.items[i].field].name, field ? field : "") == 0)
            hit = &k.items[i];
    if (!hit)
        return svc_end(
            db, a,
            err_new(a, ERR_NOT_FOUND, "field", "该校没有这项待确认的数据核查", "no such data check for this school"));
    const char *value = arena_printf(a, "%.10g", row_of(&c, school_id)->stat.v[hit->field]);
    e = balance_store_ack_put(db, a, school_id, c.year, code, field, value, note, who->user_id, time_now());
    if (!e) {
        json_t *after = json_pack("{s:s, s:s, s:s, s:s}", "code", code, "field", field, "value", value, "note", note);
        e = svc_audit(db, a, who, "confirm", "balance_check",
                      arena_printf(a, "%" PRId64 "/%" PRId64 "/%s/%s", school_id, c.year, code, field), sch.region_code,
                      NULL, after);
        json_decref(after);
    }
    return svc_end(db, a, e);
}

/* ---------------------------------------------------------------- evaluations */

err_t *balance_svc_evaluate(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                            const json_t *changes, json_t **out) {
    db_t *db;
    bal_ctx_t c;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = ctx_load(db, a, who, county_code, school_year, changes, &c);
    if (e) return e;
    *out = eval_json(a, &c, true);
    if (changes) {
        json_object_set_new(*out, "is_what_if", json_true());
        return NULL;
    }
    bal_checks_t k;
    if ((e = ctx_checks(db, a, &c, &k))) {
        json_decref(*out);
        return e;
    }
    const char *final;
    int64_t at;
    bool found;
    if ((e = balance_store_final_get(db, a, c.region.code, c.year, &final, &at, &found))) {
        json_decref(*out);
        return e;
    }
    char iso[32] = "";
    if (found) time_format_iso(at, iso, sizeof iso);
    json_object_set_new(*out, "checks",
                        json_pack("{s:I, s:I}", "total", (json_int_t)k.n, "n_open", (json_int_t)k.n_open));
    json_t *assessment;
    if ((e = ctx_verdict(db, a, who, &c, false, false, &assessment))) {
        json_decref(*out);
        return e;
    }
    json_object_set_new(*out, "assessment", assessment);
    json_object_set_new(*out, "is_final", json_boolean(found));
    json_object_set_new(*out, "finalized_at", found ? json_string(iso) : json_null());
    int64_t *years;
    size_t n_years;
    if (!(e = balance_store_years(db, a, c.region.code, &years, &n_years))) {
        json_t *ys = json_array();
        for (size_t i = 0; i < n_years; i++)
            json_array_append_new(ys, json_integer(years[i]));
        json_object_set_new(*out, "years", ys);
    }
    return e;
}

err_t *balance_svc_verdict(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                           bool is_simulated, json_t **out) {
    db_t *db;
    bal_ctx_t c;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = ctx_load(db, a, who, county_code, school_year, NULL, &c);
    if (!e) e = ctx_verdict(db, a, who, &c, is_simulated, true, out);
    if (e) return e;
    json_object_set_new(*out, "county_code", json_string(c.region.code));
    json_object_set_new(*out, "county_name", json_string(c.region.name));
    json_object_set_new(*out, "school_year", json_integer((json_int_t)c.year));
    return NULL;
}

err_t *balance_svc_finalize(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                            json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    bal_ctx_t c;
    bal_checks_t k;
    if ((e = ctx_load(db, a, who, county_code, school_year, NULL, &c)) || (e = ctx_checks(db, a, &c, &k)))
        return svc_end(db, a, e);
    int64_t n_missing = 0;
    json_t *comp = completeness_json(a, &c, 0, c.n_rows, &n_missing);
    json_decref(comp);
    if (n_missing)
        return svc_end(db, a,
                       err_newf(a, ERR_CONFLICT, "completeness", "还有 %lld 所学校未填报，评估不能定稿",
                                "%lld schools have not reported; the evaluation cannot be final", (long long)n_missing,
                                (long long)n_missing));
    if (k.n_open)
        return svc_end(db, a,
                       err_newf(a, ERR_CONFLICT, "checks", "还有 %zu 项数据核查未确认或修正，评估不能定稿",
                                "%zu data checks are neither confirmed nor fixed; the evaluation cannot be final",
                                k.n_open, k.n_open));
    json_t *res = eval_json(a, &c, true);
    char *text = json_dumps(res, JSON_COMPACT | JSON_SORT_KEYS);
    const char *stored = arena_strdup(a, text);
    free(text);
    json_t *v = json_object_get(res, "verdict");
    bool is_q = json_is_true(json_object_get(v, "is_quality_passed")),
         is_b = json_is_true(json_object_get(v, "is_basic_passed"));
    e = balance_store_final_put(db, a, c.region.code, c.year, stored, is_q, is_b, who->user_id, time_now());
    if (!e) {
        json_t *after = json_pack("{s:I, s:b, s:b}", "school_year", (json_int_t)c.year, "is_quality_passed", is_q,
                                  "is_basic_passed", is_b);
        e = svc_audit(db, a, who, "finalize", "balance_evaluation",
                      arena_printf(a, "%s/%" PRId64, c.region.code, c.year), c.region.code, NULL, after);
        json_decref(after);
    }
    if ((e = svc_end(db, a, e))) {
        json_decref(res);
        return e;
    }
    json_object_set_new(res, "is_final", json_true());
    *out = res;
    return NULL;
}

/* How far over its limit the worst CV of a county is (1 = at the limit). */
static double worst_ratio(const bal_ctx_t *c, const balance_group_t *g, const char **key) {
    double worst = 0;
    for (size_t k = 0; k < c->rules.n_quality; k++) {
        double r = g->q_cv[k] / c->rules.cv_limit[g->section];
        if (r > worst) worst = r, *key = c->rules.quality[k].key;
    }
    return worst;
}

/* One county's line of the overview: per section its CVs and failures, and the worst ratio. */
static json_t *overview_county_json(arena_t *a, bal_ctx_t *cp, json_t *verdict) {
    int64_t n_missing;
    json_t *comp = completeness_json(a, cp, 0, cp->n_rows, &n_missing);
    json_t *secs = json_array();
    bool is_q = cp->res.n_groups > 0, is_b = cp->res.n_groups > 0;
    size_t n_fail_schools = 0, n_fail_cv = 0;
    double worst = 0;
    for (size_t g = 0; g < cp->res.n_groups; g++) {
        const balance_group_t *gr = &cp->res.groups[g];
        const char *key = NULL;
        double w = worst_ratio(cp, gr, &key);
        if (w > worst) worst = w;
        is_q = is_q && gr->is_quality_passed;
        is_b = is_b && gr->is_basic_passed;
        n_fail_schools += gr->n_failing_schools;
        n_fail_cv += gr->n_cv_failing;
        json_t *cvs = json_object();
        for (size_t k = 0; k < cp->rules.n_quality; k++)
            json_object_set_new(cvs, cp->rules.quality[k].key, jnum(gr->q_cv[k]));
        json_array_append_new(
            secs, json_pack("{s:s, s:I, s:o, s:b, s:b, s:o, s:o, s:I, s:I, s:o, s:o, s:o}", "section",
                            bal_section_name(gr->section), "n_schools", (json_int_t)gr->n_schools, "students",
                            jnum(gr->students), "is_quality_passed", gr->is_quality_passed, "is_basic_passed",
                            gr->is_basic_passed, "composite_cv", jnum(gr->composite_cv), "composite_limit",
                            jnum(cp->rules.composite_limit[gr->section]), "n_failing_schools",
                            (json_int_t)gr->n_failing_schools, "n_cv_failing", (json_int_t)gr->n_cv_failing,
                            "worst_key", svc_jstr(key), "worst_ratio", jnum(w), "cv", cvs));
    }
    /* 达标 (is_passed) is the whole 2017 verdict; is_quality_passed stays the 资源配置 part */
    return json_pack("{s:s, s:s, s:b, s:b, s:b, s:s, s:o, s:I, s:I, s:o, s:o, s:o}", "county_code", cp->region.code,
                     "county_name", cp->region.name, "is_passed", json_is_true(json_object_get(verdict, "is_passed")),
                     "is_quality_passed", is_q, "is_basic_passed", is_b, "status",
                     json_string_value(json_object_get(verdict, "status")), "verdict", verdict, "n_failing_schools",
                     (json_int_t)n_fail_schools, "n_cv_failing", (json_int_t)n_fail_cv, "worst_ratio", jnum(worst),
                     "sections", secs, "completeness", comp);
}

/* The counties ranked: 达标 counties (every part holds) first, then those passing 资源配置, then fewer failures, then
 * the lower worst CV (new reference; counties is left to the caller). */
static json_t *overview_rank(arena_t *a, json_t *counties) {
    size_t n = json_array_size(counties);
    json_t **v = arena_alloc(a, (n + 1) * sizeof *v);
    double *key = arena_alloc(a, (n + 1) * sizeof *key);
    for (size_t i = 0; i < n; i++) {
        v[i] = json_array_get(counties, i);
        key[i] = (json_is_true(json_object_get(v[i], "is_passed")) ? 0 : 1e7) +
                 (json_is_true(json_object_get(v[i], "is_quality_passed")) ? 0 : 1e6) +
                 (json_is_true(json_object_get(v[i], "is_basic_passed")) ? 0 : 1e5) +
                 (double)json_integer_value(json_object_get(v[i], "n_failing_schools")) * 100 +
                 (double)json_integer_value(json_object_get(v[i], "n_cv_failing")) * 100 +
                 json_number_value(json_object_get(v[i], "worst_ratio"));
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && key[j] < key[j - 1]; j--) {
            double t = key[j];
            key[j] = key[j - 1], key[j - 1] = t;
            json_t *x = v[j];
            v[j] = v[j - 1], v[j - 1] = x;
        }
    json_t *ranked = json_array();
    for (size_t i = 0; i < n; i++) {
        json_object_set_new(v[i], "rank", json_integer((json_int_t)i + 1));
        json_array_append(ranked, v[i]);
    }
    return ranked;
}

err_t *balance_svc_overview(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, int64_t school_year,
                            json_t **out) {
    db_t *db;
    region_t reg;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = region_in_scope(db, a, who, region_code, false, &reg);
    if (!e) e = resolve_year(db, a, reg.code, &school_year);
    if (e) return e;
    balance_school_row_t *rows;
    size_t n_rows;
    if ((e = balance_store_schools(db, a, who->region_path, reg.code, NULL, 0, school_year, &rows, &n_rows))) return e;
    json_t *counties = json_array();
    for (size_t i = 0; i < n_rows;) {
        size_t j = i;
        while (j < n_rows && strcmp(rows[j].county_code, rows[i].county_code) == 0)
            j++;
        bal_ctx_t c = {.year = school_year, .rows = rows + i, .n_rows = j - i};
        c.region = (region_t){.code = rows[i].county_code, .name = rows[i].county_name};
        if ((e = balance_svc_rules(db, a, c.region.code, &c.rules))) {
            json_decref(counties);
            return e;
        }
        ctx_eval(a, &c);
        json_t *verdict;
        if ((e = ctx_verdict(db, a, who, &c, false, false, &verdict))) {
            json_decref(counties);
            return e;
        }
        json_array_append_new(counties, overview_county_json(a, &c, verdict));
        i = j;
    }
    json_t *ranked = overview_rank(a, counties);
    json_decref(counties);
    balance_rules_t r;
    if ((e = balance_svc_rules(db, a, reg.level && strcmp(reg.level, "county") == 0 ? reg.code : NULL, &r))) {
        json_decref(ranked);
        return e;
    }
    *out = json_pack("{s:s, s:s, s:s, s:I, s:o, s:o}", "region_code", reg.code, "region_name", reg.name, "region_level",
                     reg.level, "school_year", (json_int_t)school_year, "counties", ranked, "rules", rules_json(&r));
    return NULL;
}

err_t *balance_svc_trend(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, json_t **out) {
    db_t *db;
    region_t reg;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = region_in_scope(db, a, who, county_code, true, &reg);
    if (e) return e;
    int64_t *years;
    size_t n_years;
    if ((e = balance_store_years(db, a, reg.code, &years, &n_years))) return e;
    json_t *items = json_array();
    for (size_t y = n_years; y-- > 0;) {
        bal_ctx_t c;
        if ((e = ctx_load(db, a, who, reg.code, years[y], NULL, &c))) {
            json_decref(items);
            return e;
        }
        json_t *secs = json_array();
        for (size_t g = 0; g < c.res.n_groups; g++) {
            const balance_group_t *gr = &c.res.groups[g];
            json_t *cvs = json_object();
            for (size_t k = 0; k < c.rules.n_quality; k++)
                json_object_set_new(cvs, c.rules.quality[k].key, jnum(gr->q_cv[k]));
            json_array_append_new(secs,
                                  json_pack("{s:s, s:o, s:o, s:b, s:b, s:I}", "section", bal_section_name(gr->section),
                                            "composite_cv", jnum(gr->composite_cv), "cv", cvs, "is_quality_passed",
                                            gr->is_quality_passed, "is_basic_passed", gr->is_basic_passed,
                                            "n_failing_schools", (json_int_t)gr->n_failing_schools));
        }
        json_array_append_new(items, json_pack("{s:I, s:o}", "school_year", (json_int_t)years[y], "sections", secs));
    }
    *out = json_pack("{s:s, s:s, s:o}", "county_code", reg.code, "county_name", reg.name, "items", items);
    return NULL;
}

/* ---------------------------------------------------------------- the plan */

/* The statistics field a unit's resource is entered in: the section's own field (teachers),
 * else the school-wide one (areas, equipment, rooms; split by weighted enrollment). */
static int field_for(int section, bal_res_t res) {
    for (int f = 0; f < BF__COUNT; f++)
        if (balance_fields[f].res == (int)res && balance_fields[f].section == section) return f;
    for (int f = 0; f < BF__COUNT; f++)
        if (balance_fields[f].res == (int)res && balance_fields[f].section < 0) return f;
    return -1;
}

typedef struct plan_line {
    int64_t school_id;
    int field;
    double amount;
    bool is_for_cv, is_for_rule;
    const char *indicator;
    size_t school; /* index into ctx schools */
} plan_line_t;

/* Unit prices given with the request, over the rules' defaults. */
static err_t *plan_set_prices(arena_t *a, bal_ctx_t *c, const json_t *prices) {
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)prices, k, v) {
        int res = bal_res_parse(k);
        if (res < 0 || !json_is_number(v) || json_number_value(v) < 0)
            return err_newf(a, ERR_INVALID, "prices", "单价 %s 无效", "bad price %s", k, k);
        balance_rules_set_price(&c->rules, (bal_res_t)res, json_number_value(v));
    }
    return NULL;
}

/* The plan's additions as statistics fields per school (*n_lines of them, in the arena). */
static plan_line_t *plan_lines(arena_t *a, const bal_ctx_t *c, const balance_plan_t *plan, size_t *n_lines_out) {
    /* units → statistics fields: a shared resource needed by a section is bought for the
     * school, so a section needing x gets x only if the school gets x / share; when both
     * sections of a school need it, the larger requirement covers both */
    plan_line_t *lines = arena_alloc(a, (plan->n_additions + 1) * sizeof *lines);
    size_t n_lines = 0;
    for (size_t i = 0; i < plan->n_additions; i++) {
        const balance_addition_t *x = &plan->additions[i];
        const balance_unit_t *u = &c->units[x->unit];
        int f = field_for(u->section, x->res);
        if (f < 0) continue;
        size_t si = 0;
        while (si < c->n_schools && strcmp(c->schools[si].id, u->id) != 0)
            si++;
        double amount = x->amount;
        if (balance_fields[f].section < 0) {
            double share = balance_split_share(&c->rules, &c->schools[si], u->section);
            amount = share > 0 ? x->amount / share : x->amount;
        }
        plan_line_t *l = NULL;
        for (size_t j = 0; j < n_lines; j++)
            if (lines[j].school_id == id_of(u->id) && lines[j].field == f) l = &lines[j];
        if (!l) {
            l = &lines[n_lines++];
            *l = (plan_line_t){id_of(u->id), f, 0, false, false, c->rules.quality[x->indicator].key, si};
        }
        if (balance_fields[f].section < 0)
            l->amount = amount > l->amount ? amount : l->amount;
        else
            l->amount += amount;
        l->is_for_cv = l->is_for_cv || x->is_for_cv;
        l->is_for_rule = l->is_for_rule || x->is_for_rule;
    }
    *n_lines_out = n_lines;
    return lines;
}

/* Applies the lines to after's statistics (rounded up to each resource's step) and lists
 * them with their cost; *total is the sum (new reference). */
static json_t *plan_items(const bal_ctx_t *c, bal_ctx_t *after, const plan_line_t *lines, size_t n_lines,
                          double *total_out) {
    json_t *items = json_array();
    double total = 0;
    for (size_t j = 0; j < n_lines; j++) {
        const plan_line_t *l = &lines[j];
        const bal_field_t *d = &balance_fields[l->field];
        const bal_price_t *p = &c->rules.prices[d->res];
        double amount = ceil(l->amount / p->step - 1e-9) * p->step;
        double cost = amount * p->price;
        total += cost;
        balance_school_row_t *x = row_of(after, l->school_id);
        double now = x->stat.v[l->field];
        x->stat.v[l->field] = now + amount;
        /* buying one may add another (a new PE teacher is a teacher too) */
        for (int k = 0; k < BAL_RES__COUNT; k++) {
            if (k == d->res || !p->adds[k]) continue;
            int g = field_for(d->section, (bal_res_t)k);
            if (g >= 0 && balance_fields[g].section == d->section) x->stat.v[g] += amount;
        }
        json_array_append_new(
            items,
            json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:o}", "school_id",
                      (json_int_t)l->school_id, "school_code", x->code, "school_name", x->name, "field", d->name,
                      "field_label", d->label_zh, "resource", bal_res_name(d->res), "unit",
                      p->unit_zh ? p->unit_zh : d->unit, "amount", jnum(amount), "current", jnum(now), "after",
                      jnum(now + amount), "cost", jnum(cost), "reason",
                      l->is_for_cv && l->is_for_rule ? "both"
                      : l->is_for_cv                 ? "cv"
                                                     : "school_rule",
                      "indicator", l->indicator, "section",
                      d->section >= 0 ? json_string(d->section == BAL_PRIMARY ? "primary" : "junior") : json_null()));
    }
    *total_out = total;
    return items;
}

err_t *balance_svc_plan(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                        const json_t *prices, json_t **out) {
    db_t *db;
    bal_ctx_t c;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = ctx_load(db, a, who, county_code, school_year, NULL, &c);
    if (e) return e;
    if (prices && (e = plan_set_prices(a, &c, prices))) return e;
    balance_plan_t plan;
    balance_plan(a, &c.rules, c.units, c.n_units, c.region.code, &plan);
    size_t n_lines;
    plan_line_t *lines = plan_lines(a, &c, &plan, &n_lines);
    /* apply to a copy of the statistics and evaluate again: the plan must pass as entered */
    bal_ctx_t after = c;
    after.rows = arena_alloc(a, (c.n_rows + 1) * sizeof *after.rows);
    memcpy(after.rows, c.rows, c.n_rows * sizeof *c.rows);
    double total;
    json_t *items = plan_items(&c, &after, lines, n_lines, &total);
    ctx_eval(a, &after);
    json_t *after_json = eval_json(a, &after, false);
    bool is_pass = json_is_true(json_object_get(json_object_get(after_json, "verdict"), "is_quality_passed"));
    json_t *price_json = json_object();
    for (int k = 0; k < BAL_RES__COUNT; k++)
        json_object_set_new(price_json, bal_res_name(k),
                            json_pack("{s:o, s:o, s:s}", "price", jnum(c.rules.prices[k].price), "step",
                                      jnum(c.rules.prices[k].step), "unit",
                                      c.rules.prices[k].unit_zh ? c.rules.prices[k].unit_zh : ""));
    bool was_pass = true;
    for (size_t g = 0; g < c.res.n_groups; g++)
        was_pass = was_pass && c.res.groups[g].is_quality_passed;
    *out = json_pack("{s:s, s:s, s:I, s:b, s:o, s:o, s:o, s:o, s:b, s:i, s:o, s:o, s:o}", "county_code", c.region.code,
                     "county_name", c.region.name, "school_year", (json_int_t)c.year, "is_passing_now", was_pass,
                     "items", items, "total_cost", jnum(total), "core_cost", jnum(plan.total_cost), "lower_bound",
                     jnum(plan.lower_bound), "is_passing_after", is_pass && plan.is_passing_after, "n_rounds",
                     plan.n_rounds, "school_rule_cost", jnum(plan.school_rule_cost), "prices", price_json, "after",
                     after_json);
    /* the other parts of the whole verdict: what must change beyond resources, and by whom */
    verdict_t v;
    verdict_facts_t f = {&c.rules, &c.res, c.rows, c.n_rows};
    if ((e = verdict_svc_eval_tx(db, a, who, c.region.code, c.year, &f, false, &v))) {
        json_decref(*out);
        return e;
    }
    json_object_set_new(*out, "other_parts", verdict_svc_actions(&v));
    return NULL;
}

err_t *balance_svc_school(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, int64_t school_year,
                          json_t **out) {
    db_t *db;
    school_t sch;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = school_in_scope(db, a, who, school_id, &sch);
    if (e) return e;
    /* the county's values are aggregates: a school account sees them, never other schools' rows */
    actor_t county_reader = *who;
    county_reader.region_path = "/";
    bal_ctx_t c;
    if ((e = ctx_load(db, a, &county_reader, sch.county_code, school_year, NULL, &c))) return e;
    json_t *secs = json_array();
    for (size_t g = 0; g < c.res.n_groups; g++) {
        const balance_group_t *gr = &c.res.groups[g];
        for (size_t i = 0; i < gr->n_schools; i++) {
            const balance_school_result_t *r = &gr->schools[i];
            if (id_of(c.units[r->unit].id) != school_id) continue;
            json_t *vals = json_array(), *bvals = json_array();
            for (size_t k = 0; k < c.rules.n_quality; k++) {
                const bal_indicator_t *ind = &c.rules.quality[k];
                json_array_append_new(vals,
                                      json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:b, s:o}", "key", ind->key,
                                                "name_zh", ind->name_zh, "unit", ind->unit ? ind->unit : "", "value",
                                                jnum(r->q_value[k]), "threshold", jnum(ind->threshold[gr->section]),
                                                "county", jnum(gr->q_mean[k]), "ratio", jnum(r->q_ratio[k]), "is_met",
                                                r->q_is_met[k], "needed", jnum(r->q_needed[k])));
            }
            for (size_t k = 0; k < c.rules.n_basic; k++)
                json_array_append_new(bvals, json_pack("{s:s, s:s, s:o, s:o}", "key", c.rules.basic[k].key, "name_zh",
                                                       c.rules.basic[k].name_zh, "value", jnum(r->b_value[k]), "county",
                                                       jnum(gr->b_mean[k])));
            json_array_append_new(secs, json_pack("{s:s, s:o, s:b, s:i, s:o, s:o, s:o, s:b}", "section",
                                                  bal_section_name(gr->section), "students",
                                                  jnum(c.units[r->unit].students), "is_passed", r->is_passed, "n_met",
                                                  r->n_met, "why", svc_jstr(r->why), "indicators", vals, "basic", bvals,
                                                  "is_county_passed", gr->is_quality_passed));
        }
    }
    const char *excluded = NULL;
    for (size_t i = 0; i < c.n_excluded; i++)
        if (id_of(c.excluded[i].id) == school_id) excluded = c.excluded[i].reason;
    balance_school_row_t *row = row_of(&c, school_id);
    json_t *guar = json_array();
    if (row && row->has_stat) {
        bal_guarantee_t g[BAL_MAX_GUARANTEE];
        size_t ng = balance_guarantee(&c.rules, &row->stat, sch.type_code, g);
        for (size_t i = 0; i < ng; i++)
            json_array_append_new(guar, json_pack("{s:s, s:s, s:s, s:b, s:o, s:o}", "key", g[i].key, "label_zh",
                                                  g[i].label_zh, "label_en", g[i].label_en, "is_ok", g[i].is_ok,
                                                  "value", jnum(g[i].value), "limit", jnum(g[i].limit)));
    }
    *out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:b, s:o, s:o, s:o, s:o}", "school_id", (json_int_t)school_id,
                     "school_code", sch.code, "school_name", sch.name, "type_code", sch.type_code, "county_code",
                     c.region.code, "county_name", c.region.name, "school_year", (json_int_t)c.year, "is_filled",
                     row && row->has_stat, "excluded", svc_jstr(excluded), "sections", secs, "values",
                     row && row->has_stat ? stat_json(&row->stat) : json_null(), "guarantee", guar);
    return NULL;
}

/* ---------------------------------------------------------------- exports */

err_t *balance_svc_export_xlsx(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                               const char *kind, const char *path) {
    bool is_quality = !kind || strcmp(kind, "quality") == 0;
    if (!is_quality && strcmp(kind, "basic") != 0)
        return err_new(a, ERR_INVALID, "kind", "表格应为 quality 或 basic", "kind must be quality or basic");
    db_t *db;
    bal_ctx_t c;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = ctx_load(db, a, who, county_code, school_year, NULL, &c);
    if (e) return e;
    balance_xlsx_t x = {.county_name = c.region.name,
                        .school_year = c.year,
                        .is_quality = is_quality,
                        .rules = &c.rules,
                        .units = c.units,
                        .result = &c.res};
    verdict_t v;
    verdict_facts_t f = {&c.rules, &c.res, c.rows, c.n_rows};
    if ((e = verdict_svc_eval_tx(db, a, who, c.region.code, c.year, &f, false, &v))) return e;
    x.verdict = &v;
    return balance_xlsx_write(a, path, &x);
}

err_t *balance_svc_report_pdf(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                              buf_t *out) {
    db_t *db;
    bal_ctx_t c;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = ctx_load(db, a, who, county_code, school_year, NULL, &c);
    if (e) return e;
    /* the plan as the office sees it on the plan page: fields a school enters */
    json_t *plan = NULL;
    if ((e = balance_svc_plan(s, a, who, c.region.code, c.year, NULL, &plan))) return e;
    json_t *items = json_object_get(plan, "items");
    size_t n_lines = json_array_size(items);
    balance_report_line_t *lines = arena_alloc(a, (n_lines + 1) * sizeof *lines);
    for (size_t i = 0; i < n_lines; i++) {
        json_t *it = json_array_get(items, i);
        lines[i] = (balance_report_line_t){arena_strdup(a, json_string_value(json_object_get(it, "school_name"))),
                                           arena_strdup(a, json_string_value(json_object_get(it, "field_label"))),
                                           arena_strdup(a, json_string_value(json_object_get(it, "unit"))),
                                           json_number_value(json_object_get(it, "amount")),
                                           json_number_value(json_object_get(it, "cost"))};
    }
    balance_report_t rep = {.county_name = c.region.name,
                            .county_code = c.region.code,
                            .school_year = c.year,
                            .rules = &c.rules,
                            .units = c.units,
                            .n_units = c.n_units,
                            .result = &c.res,
                            .excluded = c.excluded,
                            .n_excluded = c.n_excluded,
                            .plan_lines = lines,
                            .n_plan_lines = n_lines,
                            .plan_total = json_number_value(json_object_get(plan, "total_cost")),
                            .plan_lower_bound = json_number_value(json_object_get(plan, "lower_bound")),
                            .is_plan_passing = json_is_true(json_object_get(plan, "is_passing_after"))};
    json_decref(plan);
    verdict_t v;
    verdict_facts_t f = {&c.rules, &c.res, c.rows, c.n_rows};
    if ((e = verdict_svc_eval_tx(db, a, who, c.region.code, c.year, &f, false, &v))) return e;
    rep.verdict = &v;
    return balance_report_pdf(a, &rep, out);
}

/* ---------------------------------------------------------------- rules in force, overrides */

static bool is_meta_key(const char *k) {
    static const char *meta[] = {"standard",   "version", "jurisdiction", "title_zh", "title_en", "note",    "source",
                                 "confidence", "name_zh", "name_en",      "unit",     "unit_zh",  "unit_en", "key"};
    for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++)
        if (strcmp(meta[i], k) == 0) return true;
    return false;
}

/* Every value a document sets, by path (indicators by key), into values: path → {value,
 * source}; a later document naming a path replaces the earlier one's entry. */
static void flatten_doc(arena_t *a, json_t *values, const char *path, json_t *v, json_t *source) {
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x) if (!is_meta_key(k))
            flatten_doc(a, values, arena_printf(a, "%s.%s", path, k), x, source);
        return;
    }
    if (json_is_array(v) && json_array_size(v) && json_is_object(json_array_get(v, 0))) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            const char *key = json_string_value(json_object_get(x, "key"));
            flatten_doc(a, values, arena_printf(a, "%s.%s", path, key ? key : "?"), x, source);
        }
        return;
    }
    if (!json_is_number(v) && !json_is_array(v)) return;
    json_object_set_new(values, path, json_pack("{s:s, s:O, s:O}", "path", path, "value", v, "source", source));
}

static const char *jur_label(const char *j) {
    return strcmp(j, "national") == 0 ? "national" : j;
}

err_t *balance_svc_rules_get(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, json_t **out) {
    db_t *db;
    region_t reg;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = region_in_scope(db, a, who, region_code, false, &reg);
    if (e) return e;
    if (strlen(reg.code) != 6) return err_new(a, ERR_INVALID, "region_code", "区划代码应为 6 位", "a 6-digit code");
    const char **texts;
    size_t n, n_ov;
    balance_override_t *ov;
    balance_rules_t r;
    if ((e = rule_texts(db, a, reg.code, &texts, &n, &ov, &n_ov)) ||
        (e = balance_rules_load(a, texts, n, reg.code, &r)))
        return e;
    char province[8], city[8];
    snprintf(province, sizeof province, "%.2s0000", reg.code);
    snprintf(city, sizeof city, "%.4s00", reg.code);
    const char *levels[] = {"national", province, city};
    size_t n_files = n - n_ov;
    json_t *values = json_object();
    for (int l = 0; l < 3; l++) {
        if (l == 2 && strcmp(city, province) == 0) continue;
        for (size_t i = 0; i < n; i++) {
            json_t *doc = json_loads(texts[i], 0, NULL);
            const char *j = json_string_value(json_object_get(doc, "jurisdiction"));
            const char *std = json_string_value(json_object_get(doc, "standard"));
            if (j && std && strcmp(j, levels[l]) == 0) {
                json_t *src =
                    i < n_files ? json_pack("{s:s, s:s, s:s}", "kind", "compiled", "jurisdiction", jur_label(j), "file",
                                            arena_printf(a, "standards/balance/%s", balance_standard_files[i].name))
                                : json_pack("{s:s, s:s, s:I, s:o}", "kind", "override", "jurisdiction", j, "updated_at",
                                            (json_int_t)ov[i - n_files].updated_at, "updated_by",
                                            svc_jstr(ov[i - n_files].updated_by_name));
                flatten_doc(a, values, std, doc, src);
                json_decref(src);
            }
            json_decref(doc);
        }
    }
    json_t *list = json_array(), *overrides = json_array(), *editable = json_array();
    const char *k;
    json_t *v;
    json_object_foreach(values, k, v) json_array_append(list, v);
    json_decref(values);
    for (size_t i = 0; i < n_ov; i++)
        json_array_append_new(overrides,
                              json_pack("{s:s, s:s, s:o, s:I, s:o}", "jurisdiction", ov[i].jurisdiction, "standard",
                                        ov[i].standard, "document", json_loads(ov[i].body, 0, NULL), "updated_at",
                                        (json_int_t)ov[i].updated_at, "updated_by", svc_jstr(ov[i].updated_by_name)));
    /* the jurisdictions the caller may set: its province and city when they are in its scope */
    for (int l = 1; l < 3 && (who->role & ROLE_ADMIN); l++) {
        region_t x;
        if (l == 2 && strcmp(city, province) == 0) continue;
        err_t *ne = region_store_get(db, a, who->region_path, levels[l], &x);
        if (!ne) json_array_append_new(editable, json_string(levels[l]));
    }
    *out = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "region_code", reg.code, "region_name", reg.name, "level",
                     reg.level, "rules", rules_json(&r), "values", list, "overrides", overrides, "editable", editable);
    return NULL;
}

err_t *balance_svc_override_put(svc_t *s, arena_t *a, const actor_t *who, const json_t *document, json_t **out) {
    if (!json_is_object(document))
        return err_new(a, ERR_INVALID, "document", "应为 JSON 对象", "document must be a JSON object");
    char *dumped = json_dumps(document, JSON_COMPACT | JSON_SORT_KEYS);
    const char *text = arena_strdup(a, dumped ? dumped : "");
    free(dumped);
    balance_rules_t base;
    const char *std = NULL, *jur = NULL;
    err_t *e = balance_svc_rules(NULL, a, NULL, &base);
    if (!e) e = balance_override_validate(a, &base, text, &std, &jur);
    if (e) return e;
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    region_t reg;
    if ((e = region_store_get(db, a, who->region_path, jur, &reg))) return svc_end(db, a, e);
    if (strcmp(reg.level, "province") != 0 && strcmp(reg.level, "city") != 0)
        return svc_end(db, a,
                       err_newf(a, ERR_INVALID, "document.jurisdiction", "%s 不是省级或地市级区划",
                                "%s is not a province or city", jur, jur));
    /* the rules must still load with it, for the jurisdiction itself */
    const char **texts;
    size_t n, n_ov;
    balance_override_t *ov;
    if ((e = rule_texts(db, a, jur, &texts, &n, &ov, &n_ov))) return svc_end(db, a, e);
    const char *before = NULL;
    for (size_t i = 0; i < n_ov; i++)
        if (strcmp(ov[i].jurisdiction, jur) == 0 && strcmp(ov[i].standard, std) == 0) {
            before = ov[i].body;
            texts[n - n_ov + i] = text;
        }
    const char **all = arena_alloc(a, (n + 1) * sizeof *all);
    memcpy(all, texts, n * sizeof *all);
    if (!before) all[n++] = text;
    balance_rules_t check;
    if ((e = balance_rules_load(a, all, n, jur, &check))) {
        e->field = "document";
        return svc_end(db, a, e);
    }
    e = balance_store_override_put(db, a, jur, std, text, who->user_id, time_now());
    if (!e) {
        json_t *b = before ? json_loads(before, 0, NULL) : NULL, *af = json_deep_copy(document);
        e = svc_audit(db, a, who, before ? "update" : "create", "balance_rule_override",
                      arena_printf(a, "%s/%s", jur, std), jur, b, af);
        json_decref(b);
        json_decref(af);
    }
    if ((e = svc_end(db, a, e))) return e;
    return balance_svc_rules_get(s, a, who, jur, out);
}

err_t *balance_svc_override_delete(svc_t *s, arena_t *a, const actor_t *who, const char *jurisdiction,
                                   const char *standard) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    region_t reg;
    if ((e = region_store_get(db, a, who->region_path, jurisdiction ? jurisdiction : "", &reg)))
        return svc_end(db, a, e);
    balance_override_t *ov;
    size_t n;
    if ((e = balance_store_overrides(db, a, jurisdiction, NULL, &ov, &n))) return svc_end(db, a, e);
    const char *before = NULL;
    for (size_t i = 0; i < n; i++)
        if (standard && strcmp(ov[i].standard, standard) == 0) before = ov[i].body;
    bool found = false;
    if (before) e = balance_store_override_delete(db, a, jurisdiction, standard, &found);
    if (!e && !found) e = err_new(a, ERR_NOT_FOUND, NULL, "没有这项覆盖规则", "no such override");
    if (!e) {
        json_t *b = json_loads(before, 0, NULL);
        e = svc_audit(db, a, who, "delete", "balance_rule_override", arena_printf(a, "%s/%s", jurisdiction, standard),
                      jurisdiction, b, NULL);
        json_decref(b);
    }
    return svc_end(db, a, e);
}
