/* 质量监测 analysis and 整改方案 (see monitoring_svc.h). */
#include "svc/monitoring/monitoring_svc.h"

#include <string.h>

#include "core/monitoring/monitoring.h"
#include "store/monitoring/monitoring_store.h"
#include "store/platform/region_store.h"
#include "store/platform/setting_store.h"
#include "svc/findings/finding_svc.h"
#include "util/timeutil.h"

/* ---------------------------------------------------------------- shared */

static err_t *county_of(db_t *db, arena_t *a, const actor_t *who, const char *code, region_t *out) {
    if (!code) code = who->region_code;
    err_t *e = region_store_get(db, a, who->region_path, code ? code : "", out);
    if (e) {
        e->field = "county_code";
        return e;
    }
    if (strcmp(out->level, "county") != 0)
        return err_newf(a, ERR_INVALID, "county_code", "%s 不是县级区划，请选择一个县", "%s is not a county", out->name,
                        code);
    return NULL;
}

static int source_rank(const char *s) {
    for (int i = 0; mon_sources[i]; i++)
        if (strcmp(s, mon_sources[i]) == 0) return i;
    return 9;
}

typedef struct mon_ctx {
    arena_t *a;
    mon_row_t *rows;
    size_t n;
    region_t county;
    int64_t cycle, grade, min_n, min_schools;
    const mon_subject_t *sub;
    const char *source; /* NULL: best per figure */
} mon_ctx_t;

/* The figure of (cycle, subject, grade, region or school, dimension, factor) from the chosen
 * source or the best available; NULL when there is none. region NULL: any region (schools). */
static const mon_row_t *pick(const mon_ctx_t *c, int64_t cycle, const char *subject, int64_t grade, const char *region,
                             int64_t school_id, const char *dimension, const char *factor) {
    const mon_row_t *best = NULL;
    for (size_t i = 0; i < c->n; i++) {
        const mon_row_t *r = &c->rows[i];
        if (r->cycle != cycle || r->grade != grade || strcmp(r->subject, subject) || r->school_id != school_id ||
            strcmp(r->dimension, dimension) || strcmp(r->factor, factor))
            continue;
        if (region && strcmp(r->region_code, region)) continue;
        if (c->source && strcmp(r->source, c->source)) continue;
        if (!best || source_rank(r->source) < source_rank(best->source)) best = r;
    }
    return best;
}

static bool reportable(const mon_ctx_t *c, const mon_row_t *r) {
    return r && mon_is_reportable(r->n_students, r->is_unreliable, c->min_n);
}

static json_t *jnum(bool has, double v) {
    return has ? json_real(v) : json_null();
}

/* {source, n_students, mean_score, levels[4], share_iii_up, school_diff, value, suppressed}:
 * a suppressed figure has only its reason (unreliable | few_students). null for no row. */
static json_t *fig_json(const mon_ctx_t *c, const mon_row_t *r) {
    if (!r) return json_null();
    json_t *o = json_pack("{s:s, s:o}", "source", r->source, "n_students",
                          r->n_students >= 0 ? json_integer(r->n_students) : json_null());
    if (!reportable(c, r)) {
        json_object_set_new(o, "suppressed", json_string(r->is_unreliable ? "unreliable" : "few_students"));
        return o;
    }
    json_object_set_new(o, "suppressed", json_null());
    json_object_set_new(o, "mean_score", jnum(r->has_mean, r->mean_score));
    json_t *lv = json_array();
    for (int k = 0; k < 4 && r->has_levels; k++)
        json_array_append_new(lv, json_real(r->levels[k]));
    json_object_set_new(o, "levels", r->has_levels ? lv : (json_decref(lv), json_null()));
    json_object_set_new(o, "share_iii_up", jnum(r->has_levels, r->has_levels ? mon_share_iii_up(r->levels) : 0));
    json_object_set_new(o, "school_diff", jnum(r->has_diff, r->school_diff));
    if (*r->factor) json_object_set_new(o, "value", jnum(r->has_factor_value, r->factor_value));
    return o;
}

/* Weak: reportable, with levels, share at Ⅲ + Ⅳ below 50 %. */
static bool is_weak(const mon_ctx_t *c, const mon_row_t *r) {
    return reportable(c, r) && r->has_levels && !mon_level_passes(mon_share_iii_up(r->levels));
}

/* ---------------------------------------------------------------- analysis */

typedef struct mon_diff {
    bool has_rate;
    double rate;
    size_t n_schools, n_reportable;
} mon_diff_t;

/* The 校际差异率 of one subject and grade in a cycle over the reportable school means. */
static mon_diff_t diff_of(const mon_ctx_t *c, const char *subject, int64_t cycle) {
    mon_diff_t d = {0};
    double *means = arena_alloc(c->a, (c->n + 1) * sizeof *means);
    int64_t *ns = arena_alloc(c->a, (c->n + 1) * sizeof *ns);
    for (size_t i = 0; i < c->n; i++) {
        const mon_row_t *r = &c->rows[i];
        if (r->school_id <= 0 || r->cycle != cycle || r->grade != c->grade || strcmp(r->subject, subject) ||
            *r->dimension || *r->factor)
            continue;
        if (pick(c, cycle, subject, c->grade, NULL, r->school_id, "", "") != r) continue;
        d.n_schools++;
        if (!reportable(c, r) || !r->has_mean) continue;
        means[d.n_reportable] = r->mean_score;
        ns[d.n_reportable++] = r->n_students;
    }
    d.has_rate = mon_diff_rate(means, ns, d.n_reportable, (size_t)c->min_schools, &d.rate);
    return d;
}

static json_t *diff_json(const mon_ctx_t *c, const mon_diff_t *d, const mon_row_t *county) {
    bool has_reported = reportable(c, county) && county->has_diff;
    json_t *o =
        json_pack("{s:o, s:o, s:I, s:I, s:s, s:s, s:b, s:f}", "computed", jnum(d->has_rate, d->rate), "reported",
                  jnum(has_reported, has_reported ? county->school_diff : 0), "n_schools", (json_int_t)d->n_schools,
                  "n_reportable", (json_int_t)d->n_reportable, "formula_zh", MON_DIFF_FORMULA_ZH, "formula_en",
                  MON_DIFF_FORMULA_EN, "is_definition_uncertain", 1, "limit", MON_DIFF_LIMIT);
    return o;
}

/* 3.9: the level part from the county figure, the difference part from the computed rate (or
 * the reported one when there are too few schools). passes null: not evaluable. */
/* 3.9 judged: each part only when its figure is there to judge. */
typedef struct mon_39 {
    bool has_level, level_ok, has_diff, diff_ok;
    double rate;
} mon_39_t;

static mon_39_t item_39_judge(const mon_ctx_t *c, const mon_diff_t *d, const mon_row_t *county) {
    mon_39_t j = {.has_level = reportable(c, county) && county->has_levels,
                  .has_diff = d->has_rate || (reportable(c, county) && county->has_diff),
                  .rate = d->has_rate ? d->rate : (county ? county->school_diff : 0)};
    j.level_ok = j.has_level && mon_level_passes(mon_share_iii_up(county->levels));
    j.diff_ok = j.has_diff && mon_diff_passes(j.rate);
    return j;
}

static json_t *item_39_json(const mon_ctx_t *c, const mon_diff_t *d, const mon_row_t *county) {
    mon_39_t j = item_39_judge(c, d, county);
    json_t *passes = j.has_level && j.has_diff ? json_boolean(j.level_ok && j.diff_ok) : json_null();
    return json_pack("{s:o, s:o, s:o, s:f, s:f}", "passes", passes, "level_passes",
                     j.has_level ? json_boolean(j.level_ok) : json_null(), "diff_passes",
                     j.has_diff ? json_boolean(j.diff_ok) : json_null(), "level_threshold", MON_LEVEL_PASS, "diff_limit",
                     MON_DIFF_LIMIT);
}

static json_t *dimensions_json(const mon_ctx_t *c, const char *region, int64_t school_id) {
    json_t *arr = json_array();
    for (size_t k = 0; c->sub->dimensions[k]; k++) {
        const mon_row_t *r = pick(c, c->cycle, c->sub->code, c->grade, region, school_id, c->sub->dimensions[k], "");
        if (!r) continue;
        json_array_append_new(arr, json_pack("{s:s, s:o, s:b}", "dimension", c->sub->dimensions[k], "figure",
                                             fig_json(c, r), "weak", is_weak(c, r)));
    }
    return arr;
}

static json_t *schools_json(const mon_ctx_t *c, const mon_row_t *county) {
    json_t *arr = json_array();
    bool has_county_mean = reportable(c, county) && county->has_mean;
    for (size_t i = 0; i < c->n; i++) {
        const mon_row_t *r = &c->rows[i];
        if (r->school_id <= 0 || r->cycle != c->cycle || r->grade != c->grade || strcmp(r->subject, c->sub->code) ||
            *r->dimension || *r->factor || pick(c, c->cycle, c->sub->code, c->grade, NULL, r->school_id, "", "") != r)
            continue;
        bool ok = reportable(c, r) && r->has_mean && has_county_mean;
        json_array_append_new(arr,
                              json_pack("{s:I, s:s?, s:s?, s:s, s:o, s:o, s:b, s:o}", "school_id",
                                        (json_int_t)r->school_id, "code", r->school_code, "name", r->school_name,
                                        "region_code", r->region_code, "figure", fig_json(c, r), "attainment",
                                        jnum(ok, ok ? mon_attainment(r->mean_score, county->mean_score) : 0), "weak",
                                        is_weak(c, r), "dimensions", dimensions_json(c, NULL, r->school_id)));
    }
    return arr;
}

static json_t *regions_json(const mon_ctx_t *c) {
    json_t *arr = json_array();
    for (size_t i = 0; i < c->n; i++) {
        const mon_row_t *r = &c->rows[i];
        if (r->school_id > 0 || !strcmp(r->region_code, c->county.code) || r->cycle != c->cycle ||
            r->grade != c->grade || strcmp(r->subject, c->sub->code) || *r->dimension || *r->factor ||
            pick(c, c->cycle, c->sub->code, c->grade, r->region_code, 0, "", "") != r)
            continue;
        json_array_append_new(arr, json_pack("{s:s, s:s, s:o, s:b}", "region_code", r->region_code, "region_name",
                                             r->region_name, "figure", fig_json(c, r), "weak", is_weak(c, r)));
    }
    return arr;
}

static json_t *subjects_json(const mon_ctx_t *c) {
    json_t *arr = json_array();
    for (size_t k = 0; k < mon_n_subjects; k++) {
        const mon_subject_t *s = &mon_subjects[k];
        const mon_row_t *r = pick(c, c->cycle, s->code, c->grade, c->county.code, 0, "", "");
        mon_diff_t d = diff_of(c, s->code, c->cycle);
        if (!r && !d.n_schools) continue;
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "subject", s->code, "name_zh",
                                             s->name_zh, "name_en", s->name_en, "figure", fig_json(c, r), "diff_rate",
                                             diff_json(c, &d, r), "item_3_9", item_39_json(c, &d, r)));
    }
    return arr;
}

static json_t *trend_json(const mon_ctx_t *c, const int64_t *cycles, size_t n_cycles) {
    json_t *arr = json_array();
    for (size_t k = n_cycles; k-- > 0;) {
        const mon_row_t *r = pick(c, cycles[k], c->sub->code, c->grade, c->county.code, 0, "", "");
        mon_diff_t d = diff_of(c, c->sub->code, cycles[k]);
        if (!r && !d.n_schools) continue;
        json_array_append_new(arr, json_pack("{s:I, s:o, s:o}", "cycle", (json_int_t)cycles[k], "figure",
                                             fig_json(c, r), "diff_rate", jnum(d.has_rate, d.rate)));
    }
    return arr;
}

static json_t *factors_json(const mon_ctx_t *c) {
    json_t *arr = json_array();
    for (size_t i = 0; i < c->n; i++) {
        const mon_row_t *r = &c->rows[i];
        if (!*r->factor || r->cycle != c->cycle || r->grade != c->grade ||
            (*r->subject && strcmp(r->subject, c->sub->code)) ||
            pick(c, r->cycle, r->subject, r->grade, r->region_code, r->school_id, r->dimension, r->factor) != r)
            continue;
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s?, s:o}", "factor", r->factor, "subject", r->subject,
                                             "region_name", r->region_name, "school_name", r->school_name, "figure",
                                             fig_json(c, r)));
    }
    return arr;
}

/* The cycle, subject and grade asked for, or the defaults from the data. */
static err_t *resolve_query(mon_ctx_t *c, const mon_query_t *q, const int64_t *cycles, size_t n_cycles) {
    c->cycle = q->cycle > 0 ? q->cycle : n_cycles ? cycles[0] : 0;
    if (q->subject && !(c->sub = mon_subject_find(q->subject)))
        return err_newf(c->a, ERR_INVALID, "subject", "未知的学科“%s”", "unknown subject %s", q->subject, q->subject);
    for (size_t k = 0; !c->sub && k < mon_n_subjects; k++)
        for (size_t i = 0; !c->sub && i < c->n; i++)
            if (c->rows[i].cycle == c->cycle && strcmp(c->rows[i].subject, mon_subjects[k].code) == 0)
                c->sub = &mon_subjects[k];
    if (!c->sub) c->sub = &mon_subjects[0];
    c->grade = q->grade;
    for (size_t i = 0; !c->grade && i < c->n; i++)
        if (c->rows[i].cycle == c->cycle && !strcmp(c->rows[i].subject, c->sub->code) && c->rows[i].grade == 4)
            c->grade = 4;
    if (!c->grade) c->grade = 8;
    return NULL;
}

err_t *mon_svc_analysis(svc_t *s, arena_t *a, const actor_t *who, const mon_query_t *q, json_t **out) {
    db_t *db;
    mon_ctx_t c = {.a = a, .source = q->source, .min_n = MON_MIN_STUDENTS, .min_schools = MON_MIN_SCHOOLS};
    int64_t *cycles;
    size_t n_cycles;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = county_of(db, a, who, q->county_code, &c.county);
    if (!e) e = mon_store_settings(db, a, c.county.code, &c.min_n, &c.min_schools);
    if (q->min_students > 0) c.min_n = q->min_students;
    if (q->min_schools > 0) c.min_schools = q->min_schools;
    mon_filter_t f = {.county_code = c.county.code};
    if (!e) e = mon_store_list(db, a, who->region_path, &f, &c.rows, &c.n);
    if (!e) e = mon_store_cycles(db, a, who->region_path, c.county.code, &cycles, &n_cycles);
    if (!e) e = resolve_query(&c, q, cycles, n_cycles);
    if (e) return e;
    json_t *jc = json_array();
    for (size_t i = 0; i < n_cycles; i++)
        json_array_append_new(jc, json_integer(cycles[i]));
    const mon_row_t *county = pick(&c, c.cycle, c.sub->code, c.grade, c.county.code, 0, "", "");
    mon_diff_t d = diff_of(&c, c.sub->code, c.cycle);
    *out = json_pack("{s:s, s:s, s:o, s:I, s:{s:s, s:s, s:s}, s:I, s:s?, s:I, s:I}", "county_code", c.county.code,
                     "county_name", c.county.name, "cycles", jc, "cycle", (json_int_t)c.cycle, "subject", "code",
                     c.sub->code, "name_zh", c.sub->name_zh, "name_en", c.sub->name_en, "grade", (json_int_t)c.grade,
                     "source", c.source, "min_students", (json_int_t)c.min_n, "min_schools", (json_int_t)c.min_schools);
    json_object_set_new(*out, "county", fig_json(&c, county));
    json_object_set_new(*out, "county_weak", json_boolean(is_weak(&c, county)));
    json_object_set_new(*out, "dimensions", dimensions_json(&c, c.county.code, 0));
    json_object_set_new(*out, "regions", regions_json(&c));
    json_object_set_new(*out, "schools", schools_json(&c, county));
    json_object_set_new(*out, "diff_rate", diff_json(&c, &d, county));
    json_object_set_new(*out, "item_3_9", item_39_json(&c, &d, county));
    json_object_set_new(*out, "subjects", subjects_json(&c));
    json_object_set_new(*out, "trend", trend_json(&c, cycles, n_cycles));
    json_object_set_new(*out, "factors", factors_json(&c));
    return NULL;
}

/* ---------------------------------------------------------------- item 3.9 */

/* One subject and grade at its latest cycle with a county figure; NULL when it has none. */
static json_t *item_39_of(mon_ctx_t *c, const mon_subject_t *sub, int64_t grade, const int64_t *cycles,
                          size_t n_cycles) {
    for (size_t k = 0; k < n_cycles; k++) {
        const mon_row_t *county = pick(c, cycles[k], sub->code, grade, c->county.code, 0, "", "");
        if (!county) continue;
        c->grade = grade;
        mon_diff_t d = diff_of(c, sub->code, cycles[k]);
        json_t *item = item_39_json(c, &d, county);
        json_object_set_new(item, "subject", json_string(sub->code));
        json_object_set_new(item, "name_zh", json_string(sub->name_zh));
        json_object_set_new(item, "grade", json_integer(grade));
        json_object_set_new(item, "cycle", json_integer(cycles[k]));
        json_object_set_new(item, "figure", fig_json(c, county));
        json_object_set_new(item, "diff_rate", diff_json(c, &d, county));
        return item;
    }
    return NULL;
}

err_t *mon_svc_item_39(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, json_t **out) {
    db_t *db;
    mon_ctx_t c = {.a = a, .min_n = MON_MIN_STUDENTS, .min_schools = MON_MIN_SCHOOLS};
    int64_t *cycles;
    size_t n_cycles;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = county_of(db, a, who, county_code, &c.county);
    if (!e) e = mon_store_settings(db, a, c.county.code, &c.min_n, &c.min_schools);
    mon_filter_t f = {.county_code = c.county.code};
    if (!e) e = mon_store_list(db, a, who->region_path, &f, &c.rows, &c.n);
    if (!e) e = mon_store_cycles(db, a, who->region_path, c.county.code, &cycles, &n_cycles);
    if (e) return e;
    json_t *items = json_array();
    int n_evaluable = 0, n_failed = 0;
    for (size_t k = 0; k < mon_n_subjects; k++)
        for (int64_t grade = 4; grade <= 8; grade += 4) {
            json_t *item = item_39_of(&c, &mon_subjects[k], grade, cycles, n_cycles);
            if (!item) continue;
            json_t *p = json_object_get(item, "passes");
            if (json_is_boolean(p)) {
                n_evaluable++;
                n_failed += !json_is_true(p);
            }
            json_array_append_new(items, item);
        }
    json_t *passes = n_evaluable ? json_boolean(n_failed == 0) : json_null();
    *out = json_pack("{s:s, s:s, s:o, s:i, s:i, s:I, s:o}", "county_code", c.county.code, "county_name", c.county.name,
                     "passes", passes, "n_evaluable", n_evaluable, "n_failed", n_failed, "min_students",
                     (json_int_t)c.min_n, "items", items);
    return NULL;
}

/* ---------------------------------------------------------------- catalog */

json_t *mon_svc_catalog(void) {
    json_t *subjects = json_array(), *factors = json_array();
    for (size_t k = 0; k < mon_n_subjects; k++) {
        json_t *dims = json_array();
        for (size_t i = 0; mon_subjects[k].dimensions[i]; i++)
            json_array_append_new(dims, json_string(mon_subjects[k].dimensions[i]));
        json_array_append_new(subjects, json_pack("{s:s, s:s, s:s, s:i, s:o}", "code", mon_subjects[k].code, "name_zh",
                                                  mon_subjects[k].name_zh, "name_en", mon_subjects[k].name_en,
                                                  "cycle_year", mon_subjects[k].cycle_year, "dimensions", dims));
    }
    for (size_t i = 0; mon_factors[i]; i++)
        json_array_append_new(factors, json_string(mon_factors[i]));
    return json_pack("{s:o, s:o, s:[s,s,s], s:[i,i], s:s, s:s, s:b, s:f, s:f, s:i, s:i, s:f}", "subjects", subjects,
                     "factors", factors, "sources", "national", "provincial", "city", "grades", 4, 8, "diff_formula_zh",
                     MON_DIFF_FORMULA_ZH, "diff_formula_en", MON_DIFF_FORMULA_EN, "is_diff_definition_uncertain", 1,
                     "diff_limit", MON_DIFF_LIMIT, "level_threshold", MON_LEVEL_PASS, "min_students", MON_MIN_STUDENTS,
                     "min_schools", MON_MIN_SCHOOLS, "share_slack", MON_SHARE_SLACK);
}

/* ---------------------------------------------------------------- settings */

err_t *mon_svc_settings(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, json_t **out) {
    db_t *db;
    region_t county;
    int64_t min_n = MON_MIN_STUDENTS, min_schools = MON_MIN_SCHOOLS;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = county_of(db, a, who, county_code, &county);
    if (!e) e = mon_store_settings(db, a, county.code, &min_n, &min_schools);
    if (e) return e;
    *out = json_pack("{s:s, s:I, s:I}", "county_code", county.code, "min_students", (json_int_t)min_n, "min_schools",
                     (json_int_t)min_schools);
    return NULL;
}

err_t *mon_svc_setting_put(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *name,
                           int64_t value) {
    bool is_students = name && strcmp(name, "monitoring.min_students") == 0;
    if (!is_students && !(name && strcmp(name, "monitoring.min_schools") == 0))
        return err_new(a, ERR_INVALID, "name", "设置项应为 monitoring.min_students 或 monitoring.min_schools",
                       "name must be monitoring.min_students or monitoring.min_schools");
    if (is_students ? (value < 1 || value > 100000) : (value < 2 || value > 1000))
        return err_new(a, ERR_INVALID, "value", "取值超出范围（学生数 1–100000，学校数 2–1000）",
                       "value out of range (students 1–100000, schools 2–1000)");
    db_t *db;
    region_t reg;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    e = region_store_get(db, a, who->region_path, region_code ? region_code : "", &reg);
    if (e) e->field = "region_code";
    if (!e) e = setting_store_set(db, a, reg.code, name, arena_printf(a, "%lld", (long long)value));
    if (!e) {
        json_t *after = json_pack("{s:s, s:I}", "name", name, "value", (json_int_t)value);
        e = svc_audit(db, a, who, "update", "setting", name, reg.code, NULL, after);
        json_decref(after);
    }
    return svc_end(db, a, e);
}

/* ---------------------------------------------------------------- the verdict's e9 */

err_t *mon_svc_verdict_e9(db_t *db, arena_t *a, const char *county_code, int64_t school_year, bool *has,
                          bool *level_ok, double *max_difference_rate) {
    mon_ctx_t c = {.a = a, .min_n = MON_MIN_STUDENTS, .min_schools = MON_MIN_SCHOOLS};
    int64_t *cycles;
    size_t n_cycles;
    *has = false, *level_ok = true, *max_difference_rate = 0;
    err_t *e = region_store_get(db, a, "/", county_code, &c.county);
    if (!e) e = mon_store_settings(db, a, c.county.code, &c.min_n, &c.min_schools);
    mon_filter_t f = {.county_code = c.county.code};
    if (!e) e = mon_store_list(db, a, c.county.path, &f, &c.rows, &c.n);
    if (!e) e = mon_store_cycles(db, a, c.county.path, c.county.code, &cycles, &n_cycles);
    if (e) return e;
    for (size_t k = 0; k < mon_n_subjects; k++)
        for (int64_t grade = 4; grade <= 8; grade += 4)
            for (size_t i = 0; i < n_cycles; i++) { /* newest first: the latest cycle of the year or before */
                if (cycles[i] > school_year + 1) continue;
                const mon_row_t *county = pick(&c, cycles[i], mon_subjects[k].code, grade, c.county.code, 0, "", "");
                if (!county) continue;
                c.grade = grade;
                mon_diff_t d = diff_of(&c, mon_subjects[k].code, cycles[i]);
                mon_39_t j = item_39_judge(&c, &d, county);
                if (j.has_level && j.has_diff) {
                    *has = true;
                    *level_ok = *level_ok && j.level_ok;
                    if (j.rate > *max_difference_rate) *max_difference_rate = j.rate;
                }
                break;
            }
    if (!*has) *level_ok = false;
    return NULL;
}
