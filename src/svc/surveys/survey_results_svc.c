/* Results of a round: the counts from the store, the figures from core/surveys/survey_stats,
 * and their three forms (JSON for the office view, XLSX tables, the PDF report). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/surveys/survey_stats.h"
#include "docs/surveys/survey_docs.h"
#include "docs/xlsx_out.h"
#include "store/platform/region_store.h"
#include "store/surveys/survey_store.h"
#include "svc/findings/finding_svc.h"
#include "svc/surveys/survey_svc.h"
#include "util/timeutil.h"

static const char FORMULA[] =
    "满意度 = Σ 权重 ×（满意 + 比较满意）÷ Σ 权重 × 有效作答；“不了解”不计入分子和分母；三级量表中“满意 + "
    "基本满意”计为满意；未设权重的配额格权重为 1。社会认可度（公众满意度）为全部计分题的满意度，达到 85% "
    "为达标（恰为 85% 达标）。样本少于最小公布人数的单元不公布数值，并对同一分组中次小的单元作次级隐藏。 / "
    "Satisfaction = Σ w·(satisfied + fairly satisfied) ÷ Σ w·(valid answers); 'don't know' is excluded; cells "
    "without a weight count 1; the county figure passes at ≥ 85 %; units under the minimum n are suppressed.";

typedef struct results {
    survey_round_row_t round;
    survey_form_t *form;
    survey_item_t *items;
    size_t n_items;
    survey_cell_row_t *cells;
    size_t n_cells;
    sv_input_t in;
    sv_results_t r;
    survey_finding_row_t *links; /* findings opened from low-scoring questions */
    size_t n_links;
} results_t;

static size_t cell_index(const results_t *x, int64_t id) {
    size_t lo = 0, hi = x->n_cells;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (x->cells[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->n_cells && x->cells[lo].id == id ? lo : x->n_cells;
}

static void add_tallies(results_t *x, sv_tally_t *t, const survey_tally_row_t *rows, size_t n) {
    size_t last = 0;
    for (size_t k = 0; k < n; k++) {
        size_t c = cell_index(x, rows[k].cell_id), i = last;
        if (i >= x->n_items || strcmp(x->items[i].code, rows[k].item) != 0)
            for (i = 0; i < x->n_items && strcmp(x->items[i].code, rows[k].item) != 0; i++) {
            }
        if (c == x->n_cells || i == x->n_items) continue; /* an unscored likert question */
        last = i;
        sv_tally_t *tt = &t[c * x->n_items + i];
        switch (survey_value_class(x->items[i].scale, rows[k].value)) {
        case SV_SATISFIED:
            tt->satisfied += rows[k].n;
            tt->valid += rows[k].n;
            break;
        case SV_UNSATISFIED:
            tt->valid += rows[k].n;
            break;
        case SV_DONT_KNOW:
            tt->dont_know += rows[k].n;
            break;
        default:
            break;
        }
    }
}

static err_t *compute_in(db_t *db, arena_t *a, const scope_t *sc, int64_t id, results_t *x) {
    bool found;
    survey_version_row_t v;
    err_t *e = survey_store_round_get(db, a, sc, id, &x->round, &found);
    if (e) return e;
    if (!found)
        return err_newf(a, ERR_NOT_FOUND, "id", "调查 %lld 不存在", "survey round %lld not found", (long long)id);
    if ((e = survey_store_version_get(db, a, &SCOPE_ALL, x->round.form_version_id, &v, &found))) return e;
    json_t *doc = json_loads(v.document, 0, NULL);
    e = survey_form_parse(a, doc, &x->form);
    json_decref(doc);
    survey_tally_row_t *rows;
    size_t n;
    if (e || (e = survey_store_cells(db, a, id, &x->cells, &x->n_cells)) ||
        (e = survey_store_tallies(db, a, id, &rows, &n)))
        return e;
    survey_form_items(a, x->form, &x->items, &x->n_items);
    sv_cell_in_t *ci = arena_alloc(a, (x->n_cells + 1) * sizeof *ci);
    for (size_t c = 0; c < x->n_cells; c++)
        ci[c] =
            (sv_cell_in_t){x->cells[c].group_code, x->cells[c].school_id, x->cells[c].weight, x->cells[c].n_responses};
    sv_tally_t *t = arena_alloc(a, (x->n_cells * x->n_items + 1) * sizeof *t);
    add_tallies(x, t, rows, n);
    x->in = (sv_input_t){ci, x->n_cells, x->n_items, t, x->round.min_n, x->form->threshold};
    survey_results(a, &x->in, &x->r);
    return survey_store_findings(db, a, id, &x->links, &x->n_links);
}

static err_t *compute(svc_t *s, arena_t *a, const actor_t *who, int64_t id, results_t *x) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    scope_t sc = survey_scope(who);
    return e ? e : compute_in(db, a, &sc, id, x);
}

static json_t *fig_json(const sv_figure_t *f) {
    bool is_shown = !f->is_suppressed;
    return json_pack("{s:I, s:b, s:o, s:o, s:o, s:o}", "n", (json_int_t)f->n_respondents, "suppressed",
                     f->is_suppressed, "rate", is_shown && f->has_rate ? json_real(f->rate) : json_null(), "satisfied",
                     is_shown ? json_integer(f->satisfied) : json_null(), "valid",
                     is_shown ? json_integer(f->valid) : json_null(), "dont_know",
                     is_shown ? json_integer(f->dont_know) : json_null());
}

static const char *group_name(const results_t *x, const char *code) {
    const survey_group_t *g = survey_form_group(x->form, code);
    return g ? g->name : code;
}

static const char *school_name(const results_t *x, int64_t id) {
    for (size_t c = 0; c < x->n_cells; c++)
        if (x->cells[c].school_id == id) return x->cells[c].school_name;
    return "";
}

/* One question at one school, over that school's cells only; suppressed under min_n. */
static sv_figure_t school_item(arena_t *a, const results_t *x, int64_t school_id, size_t item) {
    sv_figure_t f = {0};
    bool *cell_on = arena_alloc(a, x->n_cells + 1), *item_on = arena_alloc(a, x->n_items + 1);
    item_on[item] = true;
    for (size_t c = 0; c < x->n_cells; c++) {
        if (x->cells[c].school_id != school_id) continue;
        cell_on[c] = true;
        f.n_respondents += x->cells[c].n_responses;
        const sv_tally_t *t = &x->in.tallies[c * x->n_items + item];
        f.satisfied += t->satisfied, f.valid += t->valid, f.dont_know += t->dont_know;
    }
    f.has_rate = survey_rate(&x->in, cell_on, item_on, &f.rate);
    f.is_suppressed = f.n_respondents < (x->in.min_n < 1 ? SURVEY_MIN_N_DEFAULT : x->in.min_n);
    return f;
}

/* Low-scoring: shown, and under the questionnaire's line (85 %). */
static bool is_low(const results_t *x, const sv_figure_t *f) {
    return f->has_rate && !f->is_suppressed && !survey_meets(f->rate, x->form->threshold);
}

static int64_t linked_finding(const results_t *x, int64_t school_id, const char *item) {
    for (size_t k = 0; k < x->n_links; k++)
        if (x->links[k].school_id == school_id && strcmp(x->links[k].item, item) == 0) return x->links[k].finding_id;
    return 0;
}

/* The questions a school scored low on, each with its finding once one is opened. */
static json_t *low_items_json(arena_t *a, const results_t *x, int64_t school_id) {
    json_t *arr = json_array();
    for (size_t i = 0; i < x->n_items; i++) {
        sv_figure_t f = school_item(a, x, school_id, i);
        if (!is_low(x, &f)) continue;
        int64_t fid = linked_finding(x, school_id, x->items[i].code);
        json_t *o = fig_json(&f);
        json_object_set_new(o, "code", json_string(x->items[i].code));
        json_object_set_new(o, "text", json_string(x->items[i].text));
        json_object_set_new(o, "finding_id", fid ? json_integer(fid) : json_null());
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *breakdowns_json(arena_t *a, const results_t *x, json_t *j) {
    json_t *groups = json_array(), *schools = json_array(), *items = json_array();
    for (size_t g = 0; g < x->r.n_groups; g++) {
        json_t *o = fig_json(&x->r.by_group[g]);
        json_object_set_new(o, "code", json_string(x->r.groups[g]));
        json_object_set_new(o, "name", json_string(group_name(x, x->r.groups[g])));
        json_array_append_new(groups, o);
    }
    for (size_t k = 0; k < x->r.n_schools; k++) {
        json_t *o = fig_json(&x->r.by_school[k]);
        json_object_set_new(o, "school_id", json_integer(x->r.schools[k]));
        json_object_set_new(o, "name", json_string(school_name(x, x->r.schools[k])));
        json_object_set_new(o, "low_items", low_items_json(a, x, x->r.schools[k]));
        json_array_append_new(schools, o);
    }
    for (size_t i = 0; i < x->n_items; i++) {
        json_t *o = fig_json(&x->r.by_item[i]), *bg = json_array();
        json_object_set_new(o, "code", json_string(x->items[i].code));
        json_object_set_new(o, "text", json_string(x->items[i].text));
        for (size_t g = 0; g < x->r.n_groups; g++) {
            json_t *f = fig_json(&x->r.by_item_group[i * x->r.n_groups + g]);
            json_object_set_new(f, "code", json_string(x->r.groups[g]));
            json_array_append_new(bg, f);
        }
        json_object_set_new(o, "groups", bg);
        json_array_append_new(items, o);
    }
    json_object_set_new(j, "groups", groups);
    json_object_set_new(j, "schools", schools);
    json_object_set_new(j, "items", items);
    return j;
}

err_t *survey_svc_results(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    results_t x = {0};
    err_t *e = compute(s, a, who, id, &x);
    if (e) return e;
    int64_t issued = 0, used = 0;
    for (size_t c = 0; c < x.n_cells; c++) {
        issued += x.cells[c].n_codes;
        used += x.cells[c].n_used;
    }
    json_t *overall = fig_json(&x.r.overall);
    json_object_set_new(overall, "passes", json_boolean(x.r.is_passing));
    json_t *j =
        json_pack("{s:I, s:s, s:s, s:o, s:f, s:I, s:s, s:s, s:o, s:{s:I, s:I, s:o}}", "round_id", (json_int_t)id,
                  "title", x.round.title, "form_name", x.form->name, "standard", svc_jstr(x.form->standard),
                  "threshold", x.form->threshold, "min_n", (json_int_t)x.round.min_n, "formula", FORMULA, "label",
                  "自评（本地组织的调查，非国家委托机构的正式调查）/ self-assessment", "overall", overall, "response",
                  "issued", (json_int_t)issued, "used", (json_int_t)used, "rate",
                  issued ? json_real((double)used / (double)issued) : json_null());
    json_object_set_new(j, "review", json_string(x.round.review));
    json_object_set_new(j, "is_usable", json_boolean(survey_round_is_usable(&x.round)));
    *out = breakdowns_json(a, &x, j);
    return NULL;
}

static const char *pct(arena_t *a, const sv_figure_t *f, int64_t min_n) {
    if (f->is_suppressed) return arena_printf(a, "—（n < %lld 或次级隐藏）", (long long)min_n);
    if (!f->has_rate) return "—";
    return arena_printf(a, "%.1f%%", f->rate * 100);
}

static const char *num(arena_t *a, int64_t v, bool is_hidden) {
    return is_hidden ? "—" : arena_printf(a, "%lld", (long long)v);
}

/* One row: level, name, n, satisfied, valid, dont_know, rate. */
static void fig_cells(arena_t *a, const results_t *x, const char *level, const char *name, const sv_figure_t *f,
                      const char **c) {
    c[0] = level;
    c[1] = name;
    c[2] = num(a, f->n_respondents, false);
    c[3] = num(a, f->satisfied, f->is_suppressed);
    c[4] = num(a, f->valid, f->is_suppressed);
    c[5] = num(a, f->dont_know, f->is_suppressed);
    c[6] = pct(a, f, x->round.min_n);
}

static err_t *xlsx_figures(arena_t *a, const results_t *x, xlsx_out_t *w) {
    const char *c[7];
    fig_cells(a, x, "县域", x->round.region_name, &x->r.overall, c);
    err_t *e = xlsx_out_row(w, c);
    for (size_t g = 0; g < x->r.n_groups && !e; g++) {
        fig_cells(a, x, "调查对象", group_name(x, x->r.groups[g]), &x->r.by_group[g], c);
        e = xlsx_out_row(w, c);
    }
    for (size_t k = 0; k < x->r.n_schools && !e; k++) {
        fig_cells(a, x, "学校", school_name(x, x->r.schools[k]), &x->r.by_school[k], c);
        e = xlsx_out_row(w, c);
    }
    for (size_t i = 0; i < x->n_items && !e; i++) {
        fig_cells(a, x, "题目", arena_printf(a, "%s %s", x->items[i].code, x->items[i].text), &x->r.by_item[i], c);
        e = xlsx_out_row(w, c);
    }
    return e;
}

static err_t *xlsx_progress(arena_t *a, const results_t *x, xlsx_out_t *w) {
    static const char *const heads[] = {"序号", "调查对象", "学校", "分层", "配额", "已发码", "已作答", "完成率"};
    err_t *e = xlsx_out_sheet(w, "进度", heads, 8, NULL);
    for (size_t i = 0; i < x->n_cells && !e; i++) {
        const survey_cell_row_t *c = &x->cells[i];
        const char *cells[] = {
            num(a, c->position, false),
            group_name(x, c->group_code),
            c->school_name,
            c->stratum,
            num(a, c->quota, false),
            num(a, c->n_codes, false),
            num(a, c->n_responses, false),
            arena_printf(a, "%.1f%%", c->quota ? 100.0 * (double)c->n_responses / (double)c->quota : 0)};
        e = xlsx_out_row(w, cells);
    }
    return e;
}

err_t *survey_svc_results_xlsx(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *path) {
    results_t x = {0};
    err_t *e = compute(s, a, who, id, &x);
    if (e) return e;
    static const char *const heads[] = {"层级", "名称", "样本数", "满意", "有效作答", "不了解", "满意度"};
    xlsx_out_t *w;
    if ((e = xlsx_out_open(a, path, "满意度", heads, 7, NULL, &w))) return e;
    if (!(e = xlsx_figures(a, &x, w))) e = xlsx_progress(a, &x, w);
    if (e) {
        xlsx_out_discard(w);
        return e;
    }
    return xlsx_out_close(w);
}

static survey_report_table_t report_table(arena_t *a, const results_t *x, const char *title, size_t n,
                                          const sv_figure_t *figs, const char *const *names) {
    survey_report_table_t t = {title, {"名称", "样本数", "满意", "有效作答", "满意度"}, 5, NULL, n};
    survey_report_row_t *rows = arena_alloc(a, (n + 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        const char *c[7];
        fig_cells(a, x, "", names[i], &figs[i], c);
        rows[i] = (survey_report_row_t){{c[1], c[2], c[3], c[4], c[6]}};
    }
    t.rows = rows;
    return t;
}

err_t *survey_svc_report_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *pdf, const char **filename) {
    *filename = "调查报告.pdf";
    results_t x = {0};
    err_t *e = compute(s, a, who, id, &x);
    if (e) return e;
    const char **gn = arena_alloc(a, (x.r.n_groups + 1) * sizeof *gn);
    const char **sn = arena_alloc(a, (x.r.n_schools + 1) * sizeof *sn);
    const char **in = arena_alloc(a, (x.n_items + 1) * sizeof *in);
    for (size_t g = 0; g < x.r.n_groups; g++)
        gn[g] = group_name(&x, x.r.groups[g]);
    for (size_t k = 0; k < x.r.n_schools; k++)
        sn[k] = school_name(&x, x.r.schools[k]);
    for (size_t i = 0; i < x.n_items; i++)
        in[i] = arena_printf(a, "%s %s", x.items[i].code, x.items[i].text);
    survey_report_table_t tables[3] = {
        report_table(a, &x, "按调查对象", x.r.n_groups, x.r.by_group, gn),
        report_table(a, &x, "按学校", x.r.n_schools, x.r.by_school, sn),
        report_table(a, &x, "按题目", x.n_items, x.r.by_item, in),
    };
    const sv_figure_t *o = &x.r.overall;
    const char *verdict = arena_printf(a, "总体满意度（%s）：%s；达标线 %.0f%%；%s。",
                                       x.form->standard ? "社会认可度/公众满意度" : "满意度", pct(a, o, x.round.min_n),
                                       x.form->threshold * 100, x.r.is_passing ? "达标" : "未达标或样本不足");
    const char *paras[] = {arena_printf(a, "问卷：%s。有效答卷 %lld 份。", x.form->name, (long long)o->n_respondents),
                           verdict, arena_strndup(a, FORMULA, (size_t)(strstr(FORMULA, " / ") - FORMULA)), NULL};
    survey_report_t r = {arena_printf(a, "%s 调查报告", x.round.title),
                         arena_printf(a, "%s · %s 至 %s · 自评（本地组织的调查）", x.round.region_name,
                                      x.round.opens_on, x.round.closes_on),
                         paras, tables, 3};
    return survey_report_pdf(a, &r, pdf);
}

err_t *survey_svc_texts(svc_t *s, arena_t *a, const actor_t *who, int64_t id, bool flagged_only, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_round_row_t r;
    if ((e = survey_get_round(db, a, who, id, &r))) return e;
    survey_text_row_t *rows;
    size_t n;
    if ((e = survey_store_texts(db, a, id, flagged_only, &rows, &n))) return e;
    json_t *items = json_array();
    int64_t flagged = 0;
    for (size_t i = 0; i < n; i++) {
        bool is_flagged = rows[i].flagged_at != 0;
        flagged += is_flagged;
        json_array_append_new(items,
                              json_pack("{s:I, s:s, s:s, s:b, s:o}", "response_id", (json_int_t)rows[i].response_id,
                                        "item", rows[i].item, "text", rows[i].text, "flagged", is_flagged, "note",
                                        is_flagged ? json_string(rows[i].flag_note) : json_null()));
    }
    *out = json_pack("{s:o, s:I, s:I}", "items", items, "total", (json_int_t)n, "flagged", (json_int_t)flagged);
    return NULL;
}

err_t *survey_svc_text_flag(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t response_id, const char *item,
                            bool is_flagged, const char *note) {
    if (!item || !*item) return err_new(a, ERR_INVALID, "item", "缺少题目代码", "item is required");
    if (note && strlen(note) > 1000)
        return err_new(a, ERR_INVALID, "note", "备注过长（1000 字节以内）", "note too long");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_round_row_t r;
    bool found = false, changed = true;
    if (!(e = survey_get_round(db, a, who, id, &r)) &&
        !(e = survey_store_text_exists(db, a, id, response_id, item, &found)) && !found)
        e = err_new(a, ERR_NOT_FOUND, "response_id", "本次调查没有这条开放题回答",
                    "no such free-text answer in the round");
    if (!e)
        e = is_flagged
                ? survey_store_text_flag(db, a, id, response_id, item, note ? note : "", who->user_id, time_now())
                : survey_store_text_unflag(db, a, response_id, item, &changed);
    if (!e && !changed) e = err_new(a, ERR_CONFLICT, "response_id", "该回答未被标记", "the answer is not flagged");
    if (!e) {
        json_t *after =
            json_pack("{s:I, s:s, s:b}", "response_id", (json_int_t)response_id, "item", item, "flagged", is_flagged);
        e = svc_audit(db, a, who, is_flagged ? "flag" : "unflag", "survey_text", svc_id_text(a, id), r.region_code,
                      NULL, after);
        json_decref(after);
    }
    return svc_end(db, a, e);
}

/* ---------------------------------------------------------------- trends across rounds */

err_t *survey_svc_trends(svc_t *s, arena_t *a, const actor_t *who, const char *form_code, json_t **out) {
    if (!form_code || !*form_code)
        return err_new(a, ERR_INVALID, "form_code", "请指定问卷代码", "form_code is required");
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_round_row_t *rounds;
    size_t n;
    scope_t sc = survey_scope(who);
    if ((e = survey_store_rounds(db, a, &sc, &rounds, &n))) return e;
    json_t *points = json_array(), *groups = json_object();
    /* oldest first: the store gives the newest first */
    for (size_t k = n; k-- > 0;) {
        const survey_round_row_t *r = &rounds[k];
        if (strcmp(r->form_code, form_code) != 0 || strcmp(r->status, "closed") != 0 || !survey_round_is_usable(r))
            continue;
        results_t x = {0};
        if ((e = compute_in(db, a, &sc, r->id, &x))) return e;
        json_t *by_group = json_object();
        for (size_t g = 0; g < x.r.n_groups; g++) {
            json_object_set_new(by_group, x.r.groups[g], fig_json(&x.r.by_group[g]));
            json_object_set_new(groups, x.r.groups[g], json_string(group_name(&x, x.r.groups[g])));
        }
        json_t *p =
            json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "round_id", (json_int_t)r->id, "title", r->title,
                      "region_name", r->region_name, "closes_on", r->closes_on, "status", r->status, "run_by",
                      r->org_name ? r->org_name : "督导室", "overall", fig_json(&x.r.overall), "by_group", by_group);
        json_array_append_new(points, p);
    }
    *out =
        json_pack("{s:s, s:o, s:o, s:s}", "form_code", form_code, "points", points, "groups", groups, "note",
                  "仅含督导室自行组织的调查和经审核采用的机构调查；数值不足最小公布人数的不显示。 / Office rounds and "
                  "accepted third-party rounds only; suppressed figures are not shown.");
    return NULL;
}

/* ---------------------------------------------------------------- the verdict's pre-assessment */

err_t *survey_svc_verdict_pre(db_t *db, arena_t *a, const char *county_code, int64_t school_year, const char *standard,
                              survey_pre_t *out) {
    *out = (survey_pre_t){0};
    region_t county;
    survey_round_row_t *rounds;
    size_t n;
    err_t *e = region_store_get(db, a, "/", county_code, &county);
    if (e) return e;
    scope_t sc = scope_region(county.path);
    if ((e = survey_store_rounds(db, a, &sc, &rounds, &n))) return e;
    /* the school year runs from 1 September to 31 August */
    const char *from = arena_printf(a, "%04lld-09-01", (long long)school_year);
    const char *to = arena_printf(a, "%04lld-08-31", (long long)school_year + 1);
    for (size_t i = 0; i < n; i++) { /* newest first */
        const survey_round_row_t *r = &rounds[i];
        if (!survey_round_is_usable(r)) continue; /* a third party's results count once accepted */
        if (strcmp(r->region_code, county_code) || strcmp(r->status, "closed") || !r->closes_on ||
            strcmp(r->closes_on, from) < 0 || strcmp(r->closes_on, to) > 0)
            continue;
        results_t x = {0};
        if ((e = compute_in(db, a, &sc, r->id, &x))) return e;
        if (!x.form->standard || strcmp(x.form->standard, standard) != 0) continue;
        if (!x.r.overall.has_rate || x.r.overall.is_suppressed) continue;
        *out = (survey_pre_t){.has = true, .percent = x.r.overall.rate * 100.0, .round_id = r->id, .title = r->title};
        return NULL;
    }
    return NULL;
}

/* ---------------------------------------------------------------- a low score becomes a finding */

err_t *survey_svc_item_finding(svc_t *s, arena_t *a, const actor_t *who, int64_t round_id, int64_t school_id,
                               const char *item, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    results_t x = {0};
    scope_t sc = scope_region(who->region_path);
    size_t i = 0, k = 0;
    if ((e = compute_in(db, a, &sc, round_id, &x))) goto done;
    if (!survey_round_is_usable(&x.round)) {
        e = err_new(a, ERR_CONFLICT, "id", "评估机构的结果尚未经督导室审核采用",
                    "the organisation's results are not accepted yet");
        goto done;
    }
    while (k < x.r.n_schools && x.r.schools[k] != school_id)
        k++;
    while (item && i < x.n_items && strcmp(x.items[i].code, item) != 0)
        i++;
    if (k == x.r.n_schools) {
        e = err_new(a, ERR_INVALID, "school_id", "该学校不在本次调查中", "the school is not in this round");
        goto done;
    }
    if (!item || i == x.n_items) {
        e = err_new(a, ERR_INVALID, "item", "问卷中没有该计分题", "no such scored question in the questionnaire");
        goto done;
    }
    sv_figure_t f = school_item(a, &x, school_id, i);
    if (f.is_suppressed || !f.has_rate) {
        e = err_newf(a, ERR_INVALID, "item", "该校此题样本不足 %lld 人，不公布也不立项",
                     "fewer than %lld answers: not shown", (long long)x.round.min_n, (long long)x.round.min_n);
        goto done;
    }
    if (!is_low(&x, &f)) {
        e = err_newf(a, ERR_CONFLICT, "item", "该校此题满意度 %.1f%% 已达标",
                     "the question scores %.1f %%, above the line", f.rate * 100, f.rate * 100);
        goto done;
    }
    finding_input_t fi = {.school_id = school_id,
                          .category = "满意度调查",
                          .indicator_code = arena_printf(a, "survey/%lld/%s", (long long)round_id, x.items[i].code),
                          .indicator_text = x.items[i].text,
                          .description = arena_printf(a, "%s：“%s”满意度 %.1f%%（%lld 人作答），低于 %.0f%%",
                                                      x.round.title, x.items[i].text, f.rate * 100,
                                                      (long long)f.n_respondents, x.form->threshold * 100),
                          .requirement = "针对调查反映的问题查找原因、制定整改措施并报送整改结果",
                          .source = "manual"};
    finding_t fd;
    if ((e = finding_svc_create_tx(db, a, who, &fi, &fd))) goto done;
    if ((e = survey_store_finding_insert(db, a, round_id, school_id, x.items[i].code, fd.id))) {
        if (e->code == ERR_CONFLICT)
            e = err_new(a, ERR_CONFLICT, "item", "该校此题已转为问题", "this question already has its finding");
        goto done;
    }
    *out = finding_to_json(&fd);
done:
    return svc_end(db, a, e);
}
