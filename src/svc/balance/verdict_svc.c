#include "svc/balance/verdict_svc.h"

#include <inttypes.h>
#include <string.h>

#include "core/balance/balance_data.h"
#include "core/balance/verdict.h"
#include "store/balance/verdict_store.h"
#include "store/embedded.h"
#include "store/platform/region_store.h"
#include "svc/monitoring/monitoring_svc.h"
#include "svc/surveys/survey_svc.h"
#include "svc/platform/attachment_svc.h"
#include "util/timeutil.h"

static err_t *load_rules(arena_t *a, verdict_rules_t *r) {
    size_t n = 0;
    while (balance_standard_files[n].name)
        n++;
    const char **t = arena_alloc(a, (n + 1) * sizeof *t);
    for (size_t i = 0; i < n; i++)
        t[i] = balance_standard_files[i].text;
    return verdict_rules_load(a, t, n, r);
}

/* ---------------------------------------------------------------- what dudao computes */

static bool is_included(const balance_rules_t *r, const char *type) {
    for (size_t i = 0; type && i < r->n_include_types; i++)
        if (strcmp(r->include_types[i], type) == 0) return true;
    return false;
}

/* The per-school 政府保障 checks (core/balance_data) → the item they belong to. */
static const char *guarantee_item(const char *check_key) {
    static const struct {
        const char *check, *item;
    } map[] = {{"music_rooms", "g3"},       {"art_rooms", "g3"}, {"school_size", "g4"}, {"class_size_primary", "g5"},
               {"class_size_junior", "g5"}, {"trained", "g9"},   {"certified", "g12"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].check, check_key) == 0) return map[i].item;
    return NULL;
}

static verdict_input_t *input_for(verdict_input_t *in, size_t *n, const char *key) {
    for (size_t i = 0; i < *n; i++)
        if (strcmp(in[i].key, key) == 0) return &in[i];
    in[*n] = (verdict_input_t){.key = key};
    return &in[(*n)++];
}

/* One failing school added to an item's finding (at most 3 named). */
static void add_failing(arena_t *a, verdict_input_t *x, int *n_failing, const balance_school_row_t *row,
                        const bal_guarantee_t *g) {
    x->is_computed_ok = false;
    if (++*n_failing > 3) return;
    const char *zh = arena_printf(a, "%s %s %g（要求 %g）", row->name, g->label_zh, g->value, g->limit);
    const char *en = arena_printf(a, "%s %s %g (required %g)", row->code, g->label_en, g->value, g->limit);
    x->computed_zh = x->computed_zh ? arena_printf(a, "%s；%s", x->computed_zh, zh) : zh;
    x->computed_en = x->computed_en ? arena_printf(a, "%s; %s", x->computed_en, en) : en;
}

static void computed_guarantee(arena_t *a, const verdict_facts_t *f, verdict_input_t *in, size_t *n) {
    static const char *const items[] = {"g3", "g4", "g5", "g9", "g12"};
    int n_failing[5] = {0};
    for (size_t i = 0; i < f->n_rows; i++) {
        const balance_school_row_t *row = &f->rows[i];
        if (!row->has_stat || !is_included(f->rules, row->type_code)) continue;
        bal_guarantee_t g[BAL_MAX_GUARANTEE];
        size_t ng = balance_guarantee(f->rules, &row->stat, row->type_code, g);
        for (size_t k = 0; k < ng; k++) {
            const char *item = guarantee_item(g[k].key);
            if (!item) continue;
            verdict_input_t *x = input_for(in, n, item);
            if (!x->has_computed) x->has_computed = x->is_computed_ok = true, x->computed_from = "data";
            for (int m = 0; m < 5; m++)
                if (!g[k].is_ok && strcmp(items[m], item) == 0) add_failing(a, x, &n_failing[m], row, &g[k]);
        }
    }
    for (int m = 0; m < 5; m++)
        if (n_failing[m] > 3) {
            verdict_input_t *x = input_for(in, n, items[m]);
            x->computed_zh = arena_printf(a, "%s 等 %d 所学校未达到", x->computed_zh, n_failing[m]);
            x->computed_en = arena_printf(a, "%s and others: %d schools", x->computed_en, n_failing[m]);
        }
}

/* 资源配置 (r1) and the 2012 composite CV (k2), from the evaluation's groups. */
static void computed_groups(arena_t *a, const verdict_facts_t *f, verdict_input_t *in, size_t *n) {
    verdict_input_t *r1 = input_for(in, n, "r1"), *k2 = input_for(in, n, "k2");
    r1->has_computed = k2->has_computed = f->res->n_groups > 0;
    r1->is_computed_ok = k2->is_computed_ok = true;
    r1->computed_from = k2->computed_from = "data";
    for (size_t g = 0; g < f->res->n_groups; g++) {
        const balance_group_t *gr = &f->res->groups[g];
        if (!gr->is_quality_passed) {
            r1->is_computed_ok = false;
            r1->computed_zh = arena_printf(a, "%s%s%s：%zu 所学校未达标，%zu 项差异系数超限",
                                           r1->computed_zh ? r1->computed_zh : "", r1->computed_zh ? "；" : "",
                                           bal_section_label_zh(gr->section), gr->n_failing_schools, gr->n_cv_failing);
            r1->computed_en = arena_printf(a, "%s%s%s: %zu schools fail, %zu CVs over the limit",
                                           r1->computed_en ? r1->computed_en : "", r1->computed_en ? "; " : "",
                                           bal_section_name(gr->section), gr->n_failing_schools, gr->n_cv_failing);
        }
        if (!gr->is_basic_passed) {
            double lim = f->rules->composite_limit[gr->section];
            k2->is_computed_ok = false;
            k2->computed_zh =
                arena_printf(a, "%s综合差异系数 %.3f，要求 ≤ %.2f（超 %.3f）", bal_section_label_zh(gr->section),
                             gr->composite_cv, lim, gr->composite_cv - lim);
            k2->computed_en =
                arena_printf(a, "%s composite CV %.3f, limit %.2f (over by %.3f)", bal_section_name(gr->section),
                             gr->composite_cv, lim, gr->composite_cv - lim);
        }
    }
}

/* The county's entries, each parsed against its item (an entry the rules no longer read is
 * counted as not entered). */
static void entered(arena_t *a, const verdict_rules_t *r, const verdict_item_row_t *rows, size_t n_rows, int64_t year,
                    verdict_input_t *in, size_t *n) {
    for (size_t i = 0; i < n_rows; i++) {
        const verdict_item_t *it = verdict_item_find(r, rows[i].item_key);
        json_t *v = json_loads(rows[i].value, 0, NULL);
        double vals[VERDICT_MAX_CHECKS] = {0};
        if (it && it->n_checks && !verdict_values_parse(a, it, v, year, vals)) {
            verdict_input_t *x = input_for(in, n, it->key);
            x->state = strcmp(rows[i].status, "approved") == 0   ? VES_APPROVED
                       : strcmp(rows[i].status, "returned") == 0 ? VES_RETURNED
                                                                 : VES_SUBMITTED;
            memcpy(x->v, vals, sizeof vals);
        }
        json_decref(v);
    }
}

static err_t *monitoring(db_t *db, arena_t *a, const char *county, int64_t year, verdict_input_t *in, size_t *n) {
    bool has = false, is_level_ok = false;
    double max_diff = 0;
    err_t *e = mon_svc_verdict_e9(db, a, county, year, &has, &is_level_ok, &max_diff);
    if (e || !has) return e;
    verdict_input_t *x = input_for(in, n, "e9");
    x->state = VES_APPROVED;
    x->v[0] = is_level_ok ? 1 : 0, x->v[1] = max_diff;
    x->computed_from = "monitoring";
    return NULL;
}

/* The pre-assessment s1_pre from the county's own 社会认可度 round, when it has one. */
static err_t *pre_assessment(db_t *db, arena_t *a, const char *county, int64_t year, verdict_input_t *in,
                             size_t *n) {
    survey_pre_t p;
    err_t *e = survey_svc_verdict_pre(db, a, county, year, "quality-2017", &p);
    if (e || !p.has) return e;
    verdict_input_t *x = input_for(in, n, "s1_pre");
    x->state = VES_APPROVED;
    x->v[0] = p.percent;
    x->computed_from = "survey";
    return NULL;
}

/* ---------------------------------------------------------------- JSON */

static const char *check_op_name(verdict_op_t op) {
    static const char *const names[] = {">=", "<=", "<", "yes", "no", ">=key", "ref", "years_before"};
    return names[op];
}

static json_t *checks_json(const verdict_item_result_t *x) {
    json_t *arr = json_array();
    const verdict_item_t *it = x->item;
    for (size_t i = 0; i < it->n_checks; i++) {
        const verdict_check_t *c = &it->checks[i];
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "key", c->key, "label_zh", c->label_zh, "label_en",
                              c->label_en ? c->label_en : "", "op", check_op_name(c->op), "unit", c->unit);
        if (c->op == VOP_GE || c->op == VOP_LE || c->op == VOP_LT || c->op == VOP_YEARS_BEFORE)
            json_object_set_new(o, "threshold", json_real(c->threshold));
        if (x->has_value) {
            json_object_set_new(o, "value", json_real(x->value[i]));
            json_object_set_new(o, "is_ok", json_boolean(x->check_ok[i]));
            json_object_set_new(o, "gap", json_real(x->gap[i]));
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

static const verdict_item_row_t *row_for(const verdict_item_row_t *rows, size_t n, const char *key) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].item_key, key) == 0) return &rows[i];
    return NULL;
}

static json_t *entry_json(db_t *db, arena_t *a, const actor_t *who, const verdict_item_row_t *row) {
    if (!row) return json_null();
    char at[32] = "", ck[32] = "";
    time_format_iso(row->entered_at, at, sizeof at);
    if (row->checked_at) time_format_iso(row->checked_at, ck, sizeof ck);
    attachment_t *xs = NULL;
    size_t n = 0;
    scope_t sc = scope_of(who);
    if (attachment_store_list_owner(db, a, &sc, "balance_item", row->id, &xs, &n)) n = 0;
    return json_pack("{s:I, s:s, s:o, s:s, s:o, s:s, s:o, s:o, s:s, s:o}", "id", (json_int_t)row->id, "status",
                     row->status, "values", json_loads(row->value, 0, NULL), "note", row->note, "entered_by",
                     svc_jstr(row->entered_by_name), "entered_at", at, "checked_by", svc_jstr(row->checked_by_name),
                     "checked_at", row->checked_at ? json_string(ck) : json_null(), "check_note", row->check_note,
                     "attachments", attachment_list_json(who, xs, n));
}

static json_t *item_json(const verdict_item_result_t *x, const verdict_input_t *in, json_t *entry) {
    const verdict_item_t *it = x->item;
    return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:b, s:s?, s:o, s:s, s:b, s:b, s:s?, s:s?, s:s?, s:o}", "key",
                     it->key, "part", it->part, "name_zh", it->name_zh, "name_en", it->name_en ? it->name_en : "",
                     "evidence_zh", it->evidence_zh, "confidence", it->confidence ? it->confidence : "", "is_computed",
                     it->is_computed, "hook", it->hook, "checks", checks_json(x), "status", x->status, "is_simulated",
                     x->is_simulated, "is_pre_assessment", x->is_pre_assessment, "why_zh", x->why_zh, "why_en",
                     x->why_en, "computed_from", in ? in->computed_from : NULL, "entry", entry);
}

static const verdict_input_t *input_of(const verdict_input_t *in, size_t n, const char *key) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(in[i].key, key) == 0) return &in[i];
    return NULL;
}

typedef struct verdict_view {
    db_t *db;
    arena_t *a;
    const actor_t *who;
    const verdict_input_t *in;
    size_t n_in;
    const verdict_item_row_t *rows;
    size_t n_rows;
    bool with_items;
} verdict_view_t;

static json_t *part_json(const verdict_view_t *w, const verdict_part_t *p) {
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "key", p->key, "label_zh", p->label_zh, "label_en",
                  p->label_en, "status", p->status, "n_items", (json_int_t)p->n_items, "n_met", (json_int_t)p->n_met,
                  "n_failed", (json_int_t)p->n_failed, "n_not_evaluable", (json_int_t)p->n_not_evaluable);
    if (!w->with_items) return o;
    json_t *items = json_array();
    for (size_t i = 0; i < p->n_items; i++) {
        const char *key = p->items[i].item->key;
        json_t *entry = entry_json(w->db, w->a, w->who, row_for(w->rows, w->n_rows, key));
        json_array_append_new(items, item_json(&p->items[i], input_of(w->in, w->n_in, key), entry));
    }
    json_object_set_new(o, "items", items);
    return o;
}

static json_t *verdict_json(const verdict_view_t *w, const verdict_rules_t *r, const verdict_t *v, int64_t year) {
    json_t *parts = json_array(), *rz = json_array(), *re = json_array();
    for (int p = 0; p < VERDICT_N_PARTS_2017; p++)
        json_array_append_new(parts, part_json(w, &v->parts[p]));
    for (size_t i = 0; i < v->n_reasons; i++) {
        json_array_append_new(rz, json_string(v->reasons_zh[i]));
        json_array_append_new(re, json_string(v->reasons_en[i]));
    }
    json_t *o =
        json_pack("{s:s, s:b, s:b, s:o, s:o, s:o, s:o, s:b, s:s}", "status", v->status, "is_passed", v->is_passed,
                  "is_simulated", v->is_simulated, "reasons_zh", rz, "reasons_en", re, "parts", parts, "basic2012",
                  part_json(w, &v->basic), "is_basic_passed", v->is_basic_passed, "source", r->source);
    if (w->with_items) {
        verdict_item_result_t pre;
        const verdict_item_t *it = verdict_item_find(r, "s1_pre");
        if (it) {
            const verdict_input_t *in = input_of(w->in, w->n_in, it->key);
            verdict_item_eval(w->a, it, in, year, true, &pre);
            json_object_set_new(
                o, "pre_assessment",
                item_json(&pre, in, entry_json(w->db, w->a, w->who, row_for(w->rows, w->n_rows, it->key))));
        }
    }
    return o;
}

/* Everything known of the county's items, evaluated; the view keeps the rows and inputs for the JSON. */
static err_t *evaluate(db_t *db, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                       const verdict_facts_t *facts, bool is_simulated, verdict_rules_t *r, verdict_view_t *w,
                       verdict_t *v) {
    verdict_item_row_t *rows;
    size_t n_rows;
    scope_t sc = scope_region(who->region_path);
    err_t *e = load_rules(a, r);
    if (!e) e = verdict_store_items(db, a, &sc, county_code, school_year, &rows, &n_rows);
    if (e) return e;
    verdict_input_t *in = arena_alloc(a, (r->n_items + 1) * sizeof *in);
    size_t n = 0;
    entered(a, r, rows, n_rows, school_year, in, &n);
    computed_groups(a, facts, in, &n);
    computed_guarantee(a, facts, in, &n);
    if ((e = monitoring(db, a, county_code, school_year, in, &n)) ||
        (e = pre_assessment(db, a, county_code, school_year, in, &n)))
        return e;
    verdict_eval(a, r, in, n, school_year, is_simulated, v);
    *w = (verdict_view_t){db, a, who, in, n, rows, n_rows, false};
    return NULL;
}

err_t *verdict_svc_eval_tx(db_t *db, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                           const verdict_facts_t *facts, bool is_simulated, verdict_t *out) {
    verdict_rules_t *r = arena_alloc(a, sizeof *r); /* the results point into the rules */
    verdict_view_t w;
    return evaluate(db, a, who, county_code, school_year, facts, is_simulated, r, &w, out);
}

err_t *verdict_svc_county_tx(db_t *db, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                             const verdict_facts_t *facts, bool is_simulated, bool with_items, json_t **out) {
    verdict_rules_t *r = arena_alloc(a, sizeof *r);
    verdict_view_t w;
    verdict_t v;
    err_t *e = evaluate(db, a, who, county_code, school_year, facts, is_simulated, r, &w, &v);
    if (e) return e;
    w.with_items = with_items;
    *out = verdict_json(&w, r, &v, school_year);
    json_object_set_new(*out, "mode", json_string(is_simulated ? "simulated" : "official"));
    return NULL;
}

json_t *verdict_svc_actions(const verdict_t *v) {
    json_t *out = json_array();
    for (int p = 1; p < VERDICT_N_PARTS_2017; p++) /* 资源配置 is the plan's own lines */
        for (size_t i = 0; i < v->parts[p].n_items; i++) {
            const verdict_item_result_t *x = &v->parts[p].items[i];
            if (strcmp(x->status, "met") == 0) continue;
            bool is_failed = strcmp(x->status, "failed") == 0;
            const char *part = x->item->part;
            json_t *gaps = json_array();
            for (size_t k = 0; is_failed && x->has_value && k < x->item->n_checks; k++)
                if (!x->check_ok[k])
                    json_array_append_new(gaps, json_pack("{s:s, s:f, s:s}", "check", x->item->checks[k].key, "gap",
                                                          x->gap[k], "unit", x->item->checks[k].unit));
            json_array_append_new(
                out,
                json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:s, s:s}", "part", part, "key", x->item->key,
                          "name_zh", x->item->name_zh, "status", x->status, "why_zh", x->why_zh, "why_en", x->why_en,
                          "gaps", gaps, "by_zh",
                          is_failed ? verdict_part_owner_zh(part) : "县督导室填报并上传佐证，市督导室审核", "by_en",
                          is_failed ? verdict_part_owner_en(part)
                                    : "the county office enters it with evidence; the city office checks it"));
        }
    return out;
}

/* ---------------------------------------------------------------- entry and check */

/* The county (in the caller's region) and the item; *is_own: the caller's region is the county. */
static err_t *item_place(db_t *db, arena_t *a, const actor_t *who, const char *county_code, const char *key,
                         verdict_rules_t *r, const verdict_item_t **it, bool *is_own) {
    region_t reg;
    if (!county_code) return err_new(a, ERR_INVALID, "county_code", "请给出县级区划代码", "county_code is required");
    err_t *e = region_store_get(db, a, who->region_path, county_code, &reg);
    if (!e && strcmp(reg.level, "county") != 0)
        e = err_newf(a, ERR_INVALID, "county_code", "%s 不是县级区划", "%s is not a county", county_code, county_code);
    if (!e) e = load_rules(a, r);
    if (e) return e;
    *it = verdict_item_find(r, key);
    if (!*it || (*it)->n_checks == 0)
        return err_newf(a, ERR_NOT_FOUND, "key", "没有需要填报的项目 %s", "no item %s to enter", key ? key : "",
                        key ? key : "");
    *is_own = who->region_code && strcmp(who->region_code, county_code) == 0;
    return NULL;
}

static const char *entity_id(arena_t *a, const char *county, int64_t year, const char *key) {
    return arena_printf(a, "%s/%" PRId64 "/%s", county, year, key);
}

static err_t *link_attachments(db_t *db, arena_t *a, const actor_t *who, const json_t *ids, int64_t row_id) {
    if (ids && !json_is_array(ids))
        return err_new(a, ERR_INVALID, "attachment_ids", "attachment_ids 应为数组", "attachment_ids is an array");
    size_t i;
    json_t *x;
    json_array_foreach(ids, i, x) {
        if (!json_is_integer(x))
            return err_new(a, ERR_INVALID, "attachment_ids", "附件编号应为整数", "attachment ids are integers");
        err_t *e = attachment_svc_link_tx(db, a, who, json_integer_value(x), "balance_item", row_id);
        if (e) return e;
    }
    attachment_t *xs;
    size_t n;
    err_t *e = attachment_store_list_owner(db, a, &SCOPE_ALL, "balance_item", row_id, &xs, &n);
    if (!e && n == 0)
        e = err_new(a, ERR_INVALID, "attachment_ids", "请上传佐证材料（至少一份）",
                    "attach the evidence (at least one document)");
    return e;
}

static err_t *item_put_tx(db_t *db, arena_t *a, const actor_t *who, const char *county, int64_t year, const char *key,
                          const json_t *values, const char *note, const json_t *ids) {
    verdict_rules_t r;
    const verdict_item_t *it;
    bool is_own;
    double v[VERDICT_MAX_CHECKS];
    err_t *e = item_place(db, a, who, county, key, &r, &it, &is_own);
    if (!e && !is_own)
        e = err_new(a, ERR_FORBIDDEN, "county_code", "县级项目由本县督导室填报", "the county office enters its items");
    if (!e) e = verdict_values_parse(a, it, values, year, v);
    if (e) return e;
    verdict_item_row_t old;
    bool found;
    int64_t id;
    char *text = json_dumps(values, JSON_COMPACT | JSON_SORT_KEYS);
    const char *value = arena_strdup(a, text);
    free(text);
    if ((e = verdict_store_item_get(db, a, county, year, key, &old, &found))) return e;
    if ((e = verdict_store_item_put(db, a, county, year, key, value, note ? note : "", who->user_id, time_now(), &id)))
        return e;
    if ((e = link_attachments(db, a, who, ids, id))) return e;
    json_t *before = found ? json_pack("{s:s, s:s}", "value", old.value, "status", old.status) : NULL;
    json_t *after = json_pack("{s:s, s:s}", "value", value, "status", "submitted");
    e = svc_audit(db, a, who, found ? "update" : "create", "balance_county_item", entity_id(a, county, year, key),
                  county, before, after);
    json_decref(before), json_decref(after);
    return e;
}

err_t *verdict_svc_item_put(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                            const char *key, const json_t *values, const char *note, const json_t *attachment_ids,
                            json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    e = item_put_tx(db, a, who, county_code, school_year, key, values, note, attachment_ids);
    if ((e = svc_end(db, a, e))) return e;
    verdict_item_row_t row;
    bool found;
    if ((e = svc_db(s, a, &db)) || (e = verdict_store_item_get(db, a, county_code, school_year, key, &row, &found)))
        return e;
    *out = entry_json(db, a, who, &row);
    return NULL;
}

static err_t *item_check_tx(db_t *db, arena_t *a, const actor_t *who, const char *county, int64_t year, const char *key,
                            const char *decision, const char *note) {
    verdict_rules_t r;
    const verdict_item_t *it;
    bool is_own, found;
    err_t *e = item_place(db, a, who, county, key, &r, &it, &is_own);
    if (!e && is_own)
        e = err_new(a, ERR_FORBIDDEN, "county_code", "县级项目由市级督导室审核", "the city office checks county items");
    bool is_approve = decision && strcmp(decision, "approve") == 0;
    if (!e && !is_approve && !(decision && strcmp(decision, "return") == 0))
        e = err_new(a, ERR_INVALID, "decision", "审核结论应为 approve（通过）或 return（退回）",
                    "decision is approve or return");
    if (!e && !is_approve && (!note || !*note))
        e = err_new(a, ERR_INVALID, "note", "退回须说明理由", "say why it is returned");
    verdict_item_row_t row;
    if (!e) e = verdict_store_item_get(db, a, county, year, key, &row, &found);
    if (!e && !found)
        e = err_newf(a, ERR_NOT_FOUND, "key", "该县尚未填报 %s", "the county has not entered %s", key, key);
    if (!e && strcmp(row.status, "submitted") != 0)
        e = err_newf(a, ERR_CONFLICT, "status", "%s 不在待审核状态", "%s is not awaiting a check", key, key);
    const char *status = is_approve ? "approved" : "returned";
    if (!e) e = verdict_store_item_check(db, a, row.id, status, note ? note : "", who->user_id, time_now());
    if (e) return e;
    json_t *before = json_pack("{s:s}", "status", row.status);
    json_t *after = json_pack("{s:s, s:s}", "status", status, "note", note ? note : "");
    e = svc_audit(db, a, who, is_approve ? "approve" : "return", "balance_county_item", entity_id(a, county, year, key),
                  county, before, after);
    json_decref(before), json_decref(after);
    return e;
}

err_t *verdict_svc_item_check(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                              const char *key, const char *decision, const char *note, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    e = item_check_tx(db, a, who, county_code, school_year, key, decision, note);
    if ((e = svc_end(db, a, e))) return e;
    verdict_item_row_t row;
    bool found;
    if ((e = svc_db(s, a, &db)) || (e = verdict_store_item_get(db, a, county_code, school_year, key, &row, &found)))
        return e;
    *out = entry_json(db, a, who, &row);
    return NULL;
}
