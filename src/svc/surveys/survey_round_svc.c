/* Survey rounds: creation with quota cells and one-time codes, the list, progress per cell,
 * closing, and the slips and code lists that distribute the codes. */
#include <stdlib.h>
#include <string.h>

#include "core/surveys/survey_form.h"
#include "core/surveys/survey_sample.h"
#include "docs/surveys/survey_docs.h"
#include "docs/xlsx_out.h"
#include "store/surveys/survey_org_store.h"
#include "store/surveys/survey_store.h"
#include "svc/surveys/survey_svc.h"
#include "util/hash.h"
#include "util/timeutil.h"

/* 10 characters a person can type from a slip (no 0/O, 1/I): 32^10 ≈ 10^15 codes. */
static const char *new_code(arena_t *a) {
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    char token[48], hex[HASH_HEX_LEN + 1];
    hash_random_token(16, token, sizeof token);
    hash_blake2b_hex(token, strlen(token), hex);
    char out[11];
    for (int i = 0; i < 10; i++) {
        char pair[3] = {hex[2 * i], hex[2 * i + 1], 0};
        out[i] = alphabet[strtol(pair, NULL, 16) % 32];
    }
    out[10] = '\0';
    return arena_strdup(a, out);
}

scope_t survey_scope(const actor_t *who) {
    scope_t sc = scope_region(who->region_path);
    sc.org_id = scope_of(who).org_id;
    return sc;
}

bool survey_round_is_usable(const survey_round_row_t *r) {
    return strcmp(r->review, "none") == 0 || strcmp(r->review, "accepted") == 0;
}

typedef struct round_in {
    survey_round_row_t r;
    survey_cell_row_t *cells;
    size_t n_cells;
} round_in_t;

static err_t *cell_in(arena_t *a, const survey_form_t *f, const json_t *o, size_t i, survey_cell_row_t *c) {
    const char *field = arena_printf(a, "cells[%zu]", i);
    c->position = (int64_t)i + 1;
    c->group_code = json_string_value(json_object_get(o, "group"));
    c->stratum = json_string_value(json_object_get(o, "stratum"));
    c->school_id = json_integer_value(json_object_get(o, "school_id"));
    c->quota = json_integer_value(json_object_get(o, "quota"));
    const json_t *w = json_object_get(o, "weight");
    c->weight = json_is_number(w) ? json_number_value(w) : 0;
    if (!json_is_object(o)) return err_new(a, ERR_INVALID, field, "配额格应为对象", "a cell must be an object");
    if (!survey_form_group(f, c->group_code))
        return err_new(a, ERR_INVALID, field, "调查对象不在问卷中", "the group is not in the questionnaire");
    if (c->quota < 1 || c->quota > SURVEY_MAX_QUOTA)
        return err_newf(a, ERR_INVALID, field, "配额应为 1–%d", "quota: 1 to %d", SURVEY_MAX_QUOTA);
    if (w && !json_is_null(w) && (!json_is_number(w) || c->weight <= 0 || c->weight > 1e6))
        return err_new(a, ERR_INVALID, field, "权重应为正数", "weight must be positive");
    if (c->stratum && strlen(c->stratum) > 60)
        return err_new(a, ERR_INVALID, field, "分层名称过长", "stratum too long");
    return NULL;
}

static err_t *round_in(arena_t *a, const actor_t *who, const json_t *body, const survey_form_t *f, round_in_t *in) {
    survey_round_row_t *r = &in->r;
    r->title = json_string_value(json_object_get(body, "title"));
    r->region_code = json_string_value(json_object_get(body, "region_code"));
    if (!r->region_code) r->region_code = who->region_code;
    r->opens_on = json_string_value(json_object_get(body, "opens_on"));
    r->closes_on = json_string_value(json_object_get(body, "closes_on"));
    const json_t *mn = json_object_get(body, "min_n");
    r->min_n = json_is_integer(mn) ? json_integer_value(mn) : 10;
    if (!r->title || !*r->title || strlen(r->title) > 200)
        return err_new(a, ERR_INVALID, "title", "请填写调查名称（200 字节以内）", "a title is required");
    if (!time_is_date(r->opens_on)) return err_new(a, ERR_INVALID, "opens_on", "开始日期无效", "invalid opens_on");
    if (!time_is_date(r->closes_on) || strcmp(r->closes_on, r->opens_on) < 0)
        return err_new(a, ERR_INVALID, "closes_on", "结束日期无效或早于开始日期",
                       "closes_on invalid or before opens_on");
    if (r->min_n < 1 || r->min_n > 1000)
        return err_new(a, ERR_INVALID, "min_n", "最小公布人数应为 1–1000", "min_n: 1 to 1000");
    const json_t *pop = json_object_get(body, "population");
    r->population = json_is_integer(pop) ? json_integer_value(pop) : 0;
    if (pop && !json_is_null(pop) && (r->population < 1 || r->population > 100000000))
        return err_new(a, ERR_INVALID, "population", "常住人口应为 1–1亿 的整数", "population: 1 to 100 000 000");
    r->org_id = json_integer_value(json_object_get(body, "org_id"));
    if (r->population && f->has_sampling) r->sample_rule = survey_sample_describe(a, &f->sampling);
    const json_t *cells = json_object_get(body, "cells");
    in->n_cells = json_array_size(cells);
    if (!in->n_cells || in->n_cells > 2000)
        return err_new(a, ERR_INVALID, "cells", "请设置配额（1–2000 格）", "cells: 1 to 2000 quota cells");
    in->cells = arena_alloc(a, in->n_cells * sizeof *in->cells);
    int64_t total = 0;
    for (size_t i = 0; i < in->n_cells; i++) {
        err_t *e = cell_in(a, f, json_array_get(cells, i), i, &in->cells[i]);
        if (e) return e;
        total += in->cells[i].quota;
    }
    if (total > SURVEY_MAX_CODES)
        return err_newf(a, ERR_INVALID, "cells", "调查码总数不能超过 %d", "at most %d codes a round", SURVEY_MAX_CODES);
    return NULL;
}

static err_t *load_form(db_t *db, arena_t *a, const actor_t *who, int64_t version_id, survey_form_t **f) {
    survey_version_row_t v;
    bool found;
    scope_t sc = scope_region(who->region_path);
    err_t *e = survey_store_version_get(db, a, &sc, version_id, &v, &found);
    if (e) return e;
    if (!found) return err_new(a, ERR_NOT_FOUND, "form_version_id", "问卷版本不存在", "no such questionnaire version");
    if (strcmp(v.status, "published") != 0)
        return err_new(a, ERR_CONFLICT, "form_version_id", "问卷尚未发布", "the questionnaire is not published");
    json_t *doc = json_loads(v.document, 0, NULL);
    e = survey_form_parse(a, doc, f);
    json_decref(doc);
    return e;
}

static err_t *insert_cells(db_t *db, arena_t *a, int64_t round_id, const round_in_t *in) {
    for (size_t i = 0; i < in->n_cells; i++) {
        survey_cell_row_t *c = &in->cells[i];
        const char *name = NULL;
        err_t *e = NULL;
        if (c->school_id && !(e = survey_store_school_name(db, a, c->school_id, in->r.region_code, &name)) && !name)
            e = err_new(a, ERR_INVALID, arena_printf(a, "cells[%zu]", i), "学校不在本次调查的区域内",
                        "the school is not in the round's region");
        int64_t cell_id;
        if (!e) e = survey_store_cell_insert(db, a, round_id, c, &cell_id);
        if (e) return e;
        const char **codes = arena_alloc(a, (size_t)c->quota * sizeof *codes);
        for (int64_t k = 0; k < c->quota; k++)
            codes[k] = new_code(a);
        if ((e = survey_store_codes_insert(db, a, round_id, cell_id, codes, (size_t)c->quota))) return e;
    }
    return NULL;
}

/* The commissioned organisation: active, of the round's county (or above it, in scope). */
static err_t *check_org(db_t *db, arena_t *a, const actor_t *who, int64_t org_id, const char *region_code) {
    if (!org_id) return NULL;
    survey_org_row_t o;
    bool found = false;
    scope_t sc = scope_region(who->region_path);
    err_t *e = survey_org_store_get(db, a, &sc, org_id, &o, &found);
    if (e) return e;
    if (!found)
        return err_new(a, ERR_INVALID, "org_id", "评估机构不存在或不在权限范围内", "no such organisation in scope");
    if (strcmp(o.status, "active") != 0)
        return err_new(a, ERR_INVALID, "org_id", "评估机构已停用", "the organisation is closed");
    if (strcmp(o.county_code, region_code) != 0)
        return err_new(a, ERR_INVALID, "org_id", "评估机构不属于本次调查的区县",
                       "the organisation is not commissioned by the round's county");
    return NULL;
}

err_t *survey_svc_round_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *body, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_form_t *f;
    round_in_t in = {0};
    int64_t id = 0;
    const json_t *vid = json_object_get(body, "form_version_id");
    if (!(e = survey_svc_sync_builtins(db, a)) && !(e = load_form(db, a, who, json_integer_value(vid), &f)) &&
        !(e = round_in(a, who, body, f, &in)) && !(e = svc_region_filter(db, a, who, in.r.region_code)) &&
        !(e = check_org(db, a, who, in.r.org_id, in.r.region_code))) {
        in.r.form_version_id = json_integer_value(vid);
        in.r.created_at = time_now();
        e = survey_store_round_insert(db, a, &in.r, who->user_id, &id);
    }
    if (!e) e = insert_cells(db, a, id, &in);
    if (!e) {
        json_t *after =
            json_pack("{s:s, s:I, s:I, s:o}", "title", in.r.title, "form_version_id", (json_int_t)in.r.form_version_id,
                      "cells", (json_int_t)in.n_cells, "org_id", in.r.org_id ? json_integer(in.r.org_id) : json_null());
        e = svc_audit(db, a, who, "create", "survey_round", svc_id_text(a, id), in.r.region_code, NULL, after);
        json_decref(after);
    }
    e = svc_end(db, a, e);
    return e ? e : survey_svc_round_get(s, a, who, id, out);
}

static json_t *round_json(const survey_round_row_t *r) {
    json_t *j =
        json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)r->id,
                  "form_version_id", (json_int_t)r->form_version_id, "title", r->title, "region_code", r->region_code,
                  "region_name", r->region_name, "opens_on", r->opens_on, "closes_on", r->closes_on, "min_n",
                  (json_int_t)r->min_n, "run_by", r->run_by, "status", r->status, "form_code", r->form_code,
                  "form_name", r->form_name, "n_codes", (json_int_t)r->n_codes, "n_used", (json_int_t)r->n_used);
    json_object_set_new(j, "org_id", r->org_id ? json_integer(r->org_id) : json_null());
    json_object_set_new(j, "org_name", svc_jstr(r->org_name));
    json_object_set_new(j, "review", json_string(r->review));
    json_object_set_new(j, "review_note", svc_jstr(r->review_note));
    json_object_set_new(j, "org_report", svc_jstr(r->org_report));
    json_object_set_new(j, "reviewed_at", svc_jtime(r->reviewed_at));
    json_object_set_new(j, "is_usable", json_boolean(survey_round_is_usable(r)));
    json_object_set_new(j, "population", r->population ? json_integer(r->population) : json_null());
    json_object_set_new(j, "sample_rule", svc_jstr(r->sample_rule));
    return j;
}

err_t *survey_svc_rounds(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_round_row_t *rows;
    size_t n;
    scope_t sc = survey_scope(who);
    if ((e = survey_store_rounds(db, a, &sc, &rows, &n))) return e;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, round_json(&rows[i]));
    *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
    return NULL;
}

/* The round in scope; ERR_NOT_FOUND otherwise. */
err_t *survey_get_round(db_t *db, arena_t *a, const actor_t *who, int64_t id, survey_round_row_t *r) {
    bool found;
    scope_t sc = survey_scope(who);
    err_t *e = survey_store_round_get(db, a, &sc, id, r, &found);
    if (!e && !found)
        e = err_newf(a, ERR_NOT_FOUND, "id", "调查 %lld 不存在", "survey round %lld not found", (long long)id);
    return e;
}

static json_t *cell_json(const survey_cell_row_t *c, const survey_form_t *f) {
    const survey_group_t *g = f ? survey_form_group(f, c->group_code) : NULL;
    return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:I, s:o, s:I, s:I, s:I}", "id", (json_int_t)c->id,
                     "position", (json_int_t)c->position, "group", c->group_code, "group_name",
                     g ? g->name : c->group_code, "school_id", c->school_id ? json_integer(c->school_id) : json_null(),
                     "school_name", svc_jstr(c->school_name), "stratum", svc_jstr(c->stratum), "quota",
                     (json_int_t)c->quota, "weight", c->weight > 0 ? json_real(c->weight) : json_null(), "n_codes",
                     (json_int_t)c->n_codes, "n_used", (json_int_t)c->n_used, "n_responses",
                     (json_int_t)c->n_responses);
}

/* The round's questionnaire (parsed) — the round pins a published version, readable by all
 * who see the round. */
static survey_form_t *round_form(db_t *db, arena_t *a, int64_t version_id) {
    survey_version_row_t v;
    bool found;
    survey_form_t *f = NULL;
    if (survey_store_version_get(db, a, &SCOPE_ALL, version_id, &v, &found) || !found) return NULL;
    json_t *doc = json_loads(v.document, 0, NULL);
    if (survey_form_parse(a, doc, &f)) f = NULL;
    json_decref(doc);
    return f;
}

/* The sample the round's population needs under the questionnaire's rule, against its plan
 * and its returns: {rule, population, need:{total, parents, valid}, planned:{total, parents},
 * shortfalls:[...], meets_plan, meets_returns}. Without a population, only the rule. */
static json_t *sample_json(arena_t *a, const survey_form_t *f, const survey_round_row_t *r,
                           const survey_cell_row_t *cells, size_t n, int64_t responses) {
    json_t *j = json_pack("{s:s}", "rule", survey_sample_describe(a, &f->sampling));
    if (!r->population) return j;
    sv_sample_need_t need = survey_sample_need(&f->sampling, r->population);
    int64_t planned = 0, parents = 0;
    for (size_t i = 0; i < n; i++) {
        planned += cells[i].quota;
        if (strcmp(cells[i].group_code, "parent") == 0) parents += cells[i].quota;
    }
    json_t *gaps = json_array();
    if (planned < need.total)
        json_array_append_new(gaps, json_string(arena_printf(a, "配额合计 %lld 人，少于应抽样本 %lld 人",
                                                             (long long)planned, (long long)need.total)));
    if (parents < need.parents)
        json_array_append_new(gaps, json_string(arena_printf(a, "家长配额 %lld 人，少于应有的 %lld 人",
                                                             (long long)parents, (long long)need.parents)));
    json_object_set_new(j, "population", json_integer(r->population));
    json_object_set_new(j, "need",
                        json_pack("{s:I, s:I, s:I}", "total", (json_int_t)need.total, "parents",
                                  (json_int_t)need.parents, "valid", (json_int_t)need.valid));
    json_object_set_new(j, "planned",
                        json_pack("{s:I, s:I}", "total", (json_int_t)planned, "parents", (json_int_t)parents));
    json_object_set_new(j, "meets_plan", json_boolean(json_array_size(gaps) == 0));
    json_object_set_new(j, "meets_returns", json_boolean(responses >= need.valid));
    json_object_set_new(j, "shortfalls", gaps);
    return j;
}

err_t *survey_svc_round_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_round_row_t r;
    survey_cell_row_t *cells;
    size_t n;
    if ((e = survey_get_round(db, a, who, id, &r)) || (e = survey_store_cells(db, a, id, &cells, &n))) return e;
    survey_form_t *f = round_form(db, a, r.form_version_id);
    json_t *j = round_json(&r), *arr = json_array();
    int64_t quota = 0, responses = 0;
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, cell_json(&cells[i], f));
        quota += cells[i].quota;
        responses += cells[i].n_responses;
    }
    json_object_set_new(j, "cells", arr);
    json_object_set_new(j, "quota", json_integer(quota));
    json_object_set_new(j, "n_responses", json_integer(responses));
    json_object_set_new(j, "answer_url", json_string(arena_printf(a, "%s/survey/", s->cfg.public_url)));
    if (f && f->has_sampling) json_object_set_new(j, "sample", sample_json(a, f, &r, cells, n, responses));
    *out = j;
    return NULL;
}

err_t *survey_svc_round_close(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_round_row_t r;
    bool changed = false;
    if (!(e = survey_get_round(db, a, who, id, &r)) &&
        !(e = survey_store_round_close(db, a, id, time_now(), &changed)) && !changed)
        e = err_new(a, ERR_CONFLICT, "id", "调查已结束", "the round is already closed");
    if (!e) e = svc_audit(db, a, who, "close", "survey_round", svc_id_text(a, id), r.region_code, NULL, NULL);
    e = svc_end(db, a, e);
    return e ? e : survey_svc_round_get(s, a, who, id, out);
}

/* The codes of a round with their cells' labels. */
static err_t *round_slips(svc_t *s, db_t *db, arena_t *a, const actor_t *who, int64_t id, survey_round_row_t *r,
                          survey_slip_t **slips, size_t *n) {
    survey_cell_row_t *cells;
    size_t n_cells;
    survey_code_row_t *codes;
    err_t *e = survey_get_round(db, a, who, id, r);
    if (!e) e = survey_store_cells(db, a, id, &cells, &n_cells);
    if (!e) e = survey_store_codes(db, a, id, &codes, n);
    if (e) return e;
    survey_form_t *f = round_form(db, a, r->form_version_id);
    *slips = arena_alloc(a, (*n + 1) * sizeof **slips);
    for (size_t i = 0, c = 0; i < *n; i++) {
        while (c < n_cells && cells[c].id != codes[i].cell_id)
            c = (c + 1) % n_cells;
        const survey_group_t *g = f ? survey_form_group(f, cells[c].group_code) : NULL;
        (*slips)[i] = (survey_slip_t){codes[i].code, arena_printf(a, "%s/survey/%s", s->cfg.public_url, codes[i].code),
                                      g ? g->name : cells[c].group_code, cells[c].school_name};
    }
    return NULL;
}

err_t *survey_svc_slips_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *pdf, const char **filename) {
    *filename = "调查码.pdf";
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_round_row_t r;
    survey_slip_t *slips;
    size_t n;
    if ((e = round_slips(s, db, a, who, id, &r, &slips, &n))) return e;
    return survey_slips_pdf(a, r.title, arena_printf(a, "%s教育督导部门", r.region_name), slips, n, pdf);
}

err_t *survey_svc_codes_xlsx(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *path) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_round_row_t r;
    survey_slip_t *slips;
    size_t n;
    if ((e = round_slips(s, db, a, who, id, &r, &slips, &n))) return e;
    static const char *const heads[] = {"调查码", "作答链接", "调查对象", "学校"};
    static const xlsx_col_type_t types[] = {XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT};
    xlsx_out_t *w;
    if ((e = xlsx_out_open(a, path, "调查码", heads, 4, types, &w))) return e;
    for (size_t i = 0; i < n && !e; i++) {
        const char *cells[] = {slips[i].code, slips[i].url, slips[i].group_name, slips[i].school_name};
        e = xlsx_out_row(w, cells);
    }
    if (e) {
        xlsx_out_discard(w);
        return e;
    }
    return xlsx_out_close(w);
}
