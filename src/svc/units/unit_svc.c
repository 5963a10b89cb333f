/* The use cases of 督政 (see unit_svc.h). */
#include "svc/units/unit_svc.h"

#include <math.h>
#include <string.h>

#include "core/units/units.h"
#include "docs/xlsx_out.h"
#include "store/platform/region_store.h"
#include "store/units/unit_store.h"
#include "util/timeutil.h"

static json_t *unit_json(const unit_t *u) {
    unit_kind_t k = unit_kind_parse(u->kind);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)u->id, "county_code",
                     u->county_code, "region_code", u->region_code, "region_name", u->region_name, "kind", u->kind,
                     "kind_label", unit_kind_label_zh(k), "name", u->name, "dept_code", u->dept_code, "status",
                     u->status, "updated_at", svc_jtime(u->updated_at));
}

/* The county of code (the caller's region when NULL): must be a county in scope. */
static err_t *county_of(db_t *db, arena_t *a, const actor_t *who, const char *code, region_t *out) {
    err_t *e = region_store_get(db, a, who->region_path, code ? code : who->region_code, out);
    if (e) return e;
    if (strcmp(out->level, "county") != 0)
        return err_new(a, ERR_INVALID, "county_code", "请指定一个县级区划", "give a county's region code");
    return NULL;
}

static scope_t unit_scope_of(const actor_t *who) {
    return scope_of(who);
}

err_t *unit_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, const char *kind,
                     json_t **out) {
    if (kind && unit_kind_parse(kind) == UK_NONE)
        return err_newf(a, ERR_INVALID, "kind", "单位类别 %s 无效（town/subdistrict/department）",
                        "unknown unit kind %s (town/subdistrict/department)", kind, kind);
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = svc_region_filter(db, a, who, county_code);
    unit_t *v;
    size_t n;
    scope_t sc = unit_scope_of(who);
    if (!e) e = unit_store_list(db, a, &sc, county_code, kind, &v, &n);
    if (e) return e;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, unit_json(&v[i]));
    *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
    return NULL;
}

err_t *unit_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    unit_t u;
    scope_t sc = unit_scope_of(who);
    if (!e) e = unit_store_get(db, a, &sc, id, &u);
    if (!e) *out = unit_json(&u);
    return e;
}

static err_t *check_name(arena_t *a, const char *name) {
    size_t n = unit_text_chars(name);
    if (!name || n == 0 || n > 60)
        return err_new(a, ERR_INVALID, "name", "单位名称不能为空且不超过 60 字", "name: 1 to 60 characters");
    return NULL;
}

static err_t *check_dept_code(arena_t *a, const char *c) {
    size_t n = c ? strlen(c) : 0;
    for (size_t i = 0; i < n; i++)
        if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= '0' && c[i] <= '9') || c[i] == '_'))
            return err_new(a, ERR_INVALID, "dept_code", "部门代码只能由小写字母、数字和下划线组成",
                           "dept_code: lower-case letters, digits and _");
    if (n > 16) return err_new(a, ERR_INVALID, "dept_code", "部门代码不超过 16 位", "dept_code: at most 16 characters");
    return NULL;
}

err_t *unit_svc_create(svc_t *s, arena_t *a, const actor_t *who, const unit_input_t *in, json_t **out) {
    unit_kind_t k = unit_kind_parse(in->kind);
    if (k == UK_NONE)
        return err_newf(a, ERR_INVALID, "kind", "单位类别 %s 无效（town/subdistrict/department）",
                        "unknown unit kind %s (town/subdistrict/department)", in->kind ? in->kind : "",
                        in->kind ? in->kind : "");
    err_t *e = check_name(a, in->name);
    if (!e) e = check_dept_code(a, in->dept_code);
    if (e) return e;
    if (k != UK_DEPARTMENT && in->dept_code && *in->dept_code)
        return err_new(a, ERR_INVALID, "dept_code", "只有部门有部门代码", "only departments have a dept_code");
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    region_t reg;
    unit_t u = {.region_code = in->region_code, .kind = unit_kind_name(k), .name = in->name,
                .dept_code = in->dept_code ? in->dept_code : "", .status = "active"};
    if (!in->region_code)
        e = err_new(a, ERR_INVALID, "region_code", "缺少行政区划", "region_code is required");
    else
        e = region_store_get(db, a, who->region_path, in->region_code, &reg);
    if (!e && k == UK_DEPARTMENT) {
        if (strcmp(reg.level, "county") != 0)
            e = err_new(a, ERR_INVALID, "region_code", "部门属于一个县：请给出县级区划代码",
                        "a department belongs to a county: give the county's code");
        u.county_code = reg.code;
    } else if (!e) {
        if (strcmp(reg.level, "town") != 0 || !reg.parent_code)
            e = err_new(a, ERR_INVALID, "region_code", "乡镇政府或街道须给出乡镇级区划代码",
                        "a town or subdistrict needs the town's region code");
        u.county_code = reg.parent_code;
    }
    int64_t id = 0;
    if (!e) e = unit_store_insert(db, a, &u, time_now(), &id);
    unit_t got;
    if (!e) e = unit_store_get(db, a, &SCOPE_ALL, id, &got);
    if (!e) {
        *out = unit_json(&got);
        e = svc_audit(db, a, who, "create", "unit", svc_id_text(a, id), got.county_code, NULL, *out);
        if (e) json_decref(*out);
    }
    return svc_end(db, a, e);
}

err_t *unit_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const unit_input_t *in, json_t **out) {
    err_t *e = NULL;
    if (in->name) e = check_name(a, in->name);
    if (!e && in->dept_code) e = check_dept_code(a, in->dept_code);
    if (!e && in->status && strcmp(in->status, "active") != 0 && strcmp(in->status, "closed") != 0)
        e = err_new(a, ERR_INVALID, "status", "状态应为 active 或 closed", "status: active or closed");
    if (e) return e;
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    unit_t cur;
    scope_t sc = unit_scope_of(who);
    if (!(e = unit_store_get(db, a, &sc, id, &cur))) {
        unit_t u = cur;
        if (in->name) u.name = in->name;
        if (in->dept_code) u.dept_code = in->dept_code;
        if (in->status) u.status = in->status;
        if (strcmp(u.kind, "department") != 0 && *u.dept_code)
            e = err_new(a, ERR_INVALID, "dept_code", "只有部门有部门代码", "only departments have a dept_code");
        if (!e) e = unit_store_update(db, a, &u, time_now());
        unit_t got;
        if (!e) e = unit_store_get(db, a, &SCOPE_ALL, id, &got);
        if (!e) {
            *out = unit_json(&got);
            e = svc_audit_change(db, a, who, "unit", svc_id_text(a, id), got.county_code, unit_json(&cur),
                                 json_incref(*out));
            if (e) json_decref(*out);
        }
    }
    return svc_end(db, a, e);
}

static json_t *assessment_json(const unit_assessment_t *x) {
    unit_grade_t g = UG_NONE;
    for (int k = UG_FAIL; k <= UG_EXCELLENT; k++)
        if (x->grade && strcmp(x->grade, unit_grade_name((unit_grade_t)k)) == 0) g = (unit_grade_t)k;
    return json_pack("{s:I, s:I, s:o, s:I, s:o, s:o, s:o, s:I, s:I, s:o, s:o, s:o, s:o}", "unit_id",
                     (json_int_t)x->unit_id, "year", (json_int_t)x->year, "self_report", svc_jstr(x->self_report),
                     "self_report_chars", (json_int_t)unit_text_chars(x->self_report), "self_report_at",
                     svc_jtime(x->self_report_at), "published_at", svc_jtime(x->published_at), "score",
                     x->has_score ? json_real(x->score) : json_null(), "n_downgrades", (json_int_t)x->n_downgrades,
                     "n_vetoes", (json_int_t)x->n_vetoes, "note", svc_jstr(x->note), "grade", svc_jstr(x->grade),
                     "grade_label", g ? json_string(unit_grade_label_zh(g)) : json_null(), "graded_at",
                     svc_jtime(x->graded_at));
}

static err_t *check_year(arena_t *a, int64_t year) {
    if (year < 2000 || year > 2100) return err_new(a, ERR_INVALID, "year", "年度应在 2000–2100", "year: 2000 to 2100");
    return NULL;
}

/* The unit of id as the caller may act on it: its own account, or an admin in scope. */
static err_t *unit_for(db_t *db, arena_t *a, const actor_t *who, int64_t id, unit_t *u) {
    scope_t sc = unit_scope_of(who);
    return unit_store_get(db, a, &sc, id, u);
}

err_t *unit_svc_self_report(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t year, const char *text,
                            bool publish, json_t **out) {
    err_t *e = check_year(a, year);
    if (e) return e;
    size_t n = unit_text_chars(text);
    if (!text || n == 0)
        return err_new(a, ERR_INVALID, "text", "自评报告不能为空", "the self-assessment report is empty");
    if (n > UNIT_SELF_REPORT_MAX)
        return err_newf(a, ERR_INVALID, "text", "自评报告不超过 %d 字（现 %zu 字）",
                        "the self-assessment report has at most %d characters (%zu given)", UNIT_SELF_REPORT_MAX, n,
                        UNIT_SELF_REPORT_MAX, n);
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    unit_t u;
    unit_assessment_t x;
    bool found;
    if (!(e = unit_for(db, a, who, id, &u)) && !(e = unit_store_assessment_get(db, a, id, year, &x, &found))) {
        int64_t now = time_now();
        x.self_report = text;
        x.self_report_at = now;
        if (publish && !x.published_at) x.published_at = now;
        if (!(e = unit_store_assessment_put(db, a, &x, now))) {
            *out = assessment_json(&x);
            e = svc_audit(db, a, who, publish ? "publish" : "update", "unit_self_report",
                          arena_printf(a, "%lld/%lld", (long long)id, (long long)year), u.county_code, NULL, *out);
            if (e) json_decref(*out);
        }
    }
    return svc_end(db, a, e);
}

static unit_rules_t rules_in_force(db_t *db, arena_t *a, const char *county, bool *is_default, err_t **e) {
    unit_rules_t r = UNIT_RULES_DEFAULT;
    bool found = false;
    *e = unit_store_rules_get(db, a, county, &r.excellent, &r.good, &r.pass, &found);
    if (!found) r = UNIT_RULES_DEFAULT;
    *is_default = !found;
    return r;
}

err_t *unit_svc_check(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t year,
                      const unit_check_input_t *in, json_t **out) {
    err_t *e = check_year(a, year);
    if (e) return e;
    if (!isfinite(in->score) || in->score < 0 || in->score > 100)
        return err_new(a, ERR_INVALID, "score", "得分应在 0–100", "score: 0 to 100");
    if (in->n_downgrades < 0 || in->n_downgrades > 10)
        return err_new(a, ERR_INVALID, "n_downgrades", "降等事项数应在 0–10", "n_downgrades: 0 to 10");
    if (in->n_vetoes < 0 || in->n_vetoes > 10)
        return err_new(a, ERR_INVALID, "n_vetoes", "否决事项数应在 0–10", "n_vetoes: 0 to 10");
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    unit_t u;
    unit_assessment_t x;
    bool found, is_default;
    int64_t n_red = 0;
    char today[16];
    time_today_cn(today, sizeof today);
    if (!(e = unit_for(db, a, who, id, &u)) && !(e = unit_store_assessment_get(db, a, id, year, &x, &found)) &&
        !(e = unit_store_overdue_red_lines(db, a, id, today, &n_red))) {
        unit_rules_t r = rules_in_force(db, a, u.county_code, &is_default, &e);
        if (!e) {
            unit_grade_input_t gi = {.has_score = true, .score = in->score,
                                     .n_downgrades = (int)(in->n_downgrades + n_red), .n_vetoes = (int)in->n_vetoes};
            unit_grade_result_t g = unit_grade(&r, &gi);
            int64_t now = time_now();
            x.has_score = true;
            x.score = in->score;
            x.n_downgrades = in->n_downgrades + n_red;
            x.n_vetoes = in->n_vetoes;
            x.note = in->note;
            x.grade = unit_grade_name(g.grade);
            x.graded_at = now;
            if (!(e = unit_store_assessment_put(db, a, &x, now))) {
                *out = assessment_json(&x);
                json_object_set_new(*out, "grade_by_score", json_string(unit_grade_name(g.by_score)));
                json_object_set_new(*out, "n_overdue_red_lines", json_integer(n_red));
                json_object_set_new(*out, "rules", json_pack("{s:f, s:f, s:f}", "excellent", r.excellent, "good",
                                                             r.good, "pass", r.pass));
                e = svc_audit(db, a, who, "grade", "unit_assessment",
                              arena_printf(a, "%lld/%lld", (long long)id, (long long)year), u.county_code, NULL, *out);
                if (e) json_decref(*out);
            }
        }
    }
    return svc_end(db, a, e);
}

err_t *unit_svc_assessment(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t year, json_t **out) {
    err_t *e = check_year(a, year);
    db_t *db;
    if (!e) e = svc_db(s, a, &db);
    unit_t u;
    unit_assessment_t x;
    bool found;
    if (!e && !(e = unit_for(db, a, who, id, &u)) && !(e = unit_store_assessment_get(db, a, id, year, &x, &found))) {
        *out = assessment_json(&x);
        json_object_set_new(*out, "unit", unit_json(&u));
    }
    return e;
}

err_t *unit_svc_rules(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    region_t c;
    bool is_default;
    if (!e) e = county_of(db, a, who, county_code, &c);
    if (e) return e;
    unit_rules_t r = rules_in_force(db, a, c.code, &is_default, &e);
    if (!e)
        *out = json_pack("{s:s, s:f, s:f, s:f, s:b}", "county_code", c.code, "excellent", r.excellent, "good", r.good,
                         "pass", r.pass, "is_default", is_default);
    return e;
}

err_t *unit_svc_rules_put(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, double excellent,
                          double good, double pass, json_t **out) {
    unit_rules_t r = {excellent, good, pass};
    switch (unit_rules_check(&r)) {
    case URC_RANGE:
        return err_new(a, ERR_INVALID, "excellent", "等级分数线应在 0–100", "thresholds: 0 to 100");
    case URC_UNORDERED:
        return err_newf(a, ERR_INVALID, "good",
                        "等级分数线须满足 合格 < 良好 < 优秀（现 %g / %g / %g）",
                        "thresholds must be ordered pass < good < excellent (%g / %g / %g given)", pass, good,
                        excellent, pass, good, excellent);
    case URC_OK:
        break;
    }
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    region_t c;
    if (!(e = county_of(db, a, who, county_code, &c)) &&
        !(e = unit_store_rules_put(db, a, c.code, excellent, good, pass, who->user_id, time_now()))) {
        *out = json_pack("{s:s, s:f, s:f, s:f, s:b}", "county_code", c.code, "excellent", excellent, "good", good,
                         "pass", pass, "is_default", false);
        e = svc_audit(db, a, who, "update", "unit_grade_rules", c.code, c.code, NULL, *out);
        if (e) json_decref(*out);
    }
    return svc_end(db, a, e);
}

typedef struct ranked {
    unit_t u;
    unit_assessment_t x;
} ranked_t;

static int ranked_cmp(const void *pa, const void *pb) {
    const ranked_t *p = pa, *q = pb;
    if (p->x.has_score != q->x.has_score) return p->x.has_score ? -1 : 1;
    if (p->x.has_score && p->x.score != q->x.score) return p->x.score > q->x.score ? -1 : 1;
    return strcmp(p->u.name, q->u.name);
}

static err_t *rank_units(db_t *db, arena_t *a, const actor_t *who, const char *county, int64_t year, const char *kind,
                         ranked_t **out, size_t *n) {
    unit_t *v;
    scope_t sc = unit_scope_of(who);
    err_t *e = unit_store_list(db, a, &sc, county, kind, &v, n);
    if (e) return e;
    ranked_t *r = arena_alloc(a, (*n + 1) * sizeof *r);
    for (size_t i = 0; i < *n; i++) {
        bool found;
        r[i].u = v[i];
        if ((e = unit_store_assessment_get(db, a, v[i].id, year, &r[i].x, &found))) return e;
    }
    qsort(r, *n, sizeof *r, ranked_cmp);
    *out = r;
    return NULL;
}

err_t *unit_svc_ranking(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t year,
                        const char *kind, json_t **out) {
    err_t *e = check_year(a, year);
    if (!e && kind && unit_kind_parse(kind) == UK_NONE)
        e = err_newf(a, ERR_INVALID, "kind", "单位类别 %s 无效", "unknown unit kind %s", kind, kind);
    db_t *db;
    if (!e) e = svc_db(s, a, &db);
    region_t c;
    if (!e) e = county_of(db, a, who, county_code, &c);
    ranked_t *r;
    size_t n;
    if (!e) e = rank_units(db, a, who, c.code, year, kind, &r, &n);
    if (e) return e;
    json_t *items = json_array();
    int64_t rank = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *j = assessment_json(&r[i].x);
        if (r[i].x.has_score && (i == 0 || r[i].x.score != r[i - 1].x.score)) rank = (int64_t)i + 1;
        json_object_set_new(j, "rank", r[i].x.has_score ? json_integer(rank) : json_null());
        json_object_del(j, "self_report");
        json_object_set_new(j, "unit", unit_json(&r[i].u));
        json_array_append_new(items, j);
    }
    *out = json_pack("{s:s, s:I, s:o, s:I}", "county_code", c.code, "year", (json_int_t)year, "items", items, "total",
                     (json_int_t)n);
    return NULL;
}

static const char *state_zh(const char *s) {
    static const char *const m[][2] = {{"issued", "已下发"},   {"rectifying", "整改中"}, {"submitted", "待核查"},
                                       {"closed", "已销号"},   {"voided", "已作废"}};
    for (size_t i = 0; s && i < sizeof m / sizeof m[0]; i++)
        if (!strcmp(s, m[i][0])) return m[i][1];
    return s ? s : "";
}

static const char *severity_zh(const char *s) {
    if (!s) return "";
    if (!strcmp(s, "general")) return "一般";
    if (!strcmp(s, "serious")) return "较重";
    if (!strcmp(s, "severe")) return "严重";
    if (!strcmp(s, "red_line")) return "红线";
    return s;
}

err_t *unit_svc_export(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t year,
                       const char *path) {
    err_t *e = check_year(a, year);
    db_t *db;
    if (!e) e = svc_db(s, a, &db);
    region_t c;
    if (!e) e = county_of(db, a, who, county_code, &c);
    ranked_t *r;
    size_t n;
    if (!e) e = rank_units(db, a, who, c.code, year, NULL, &r, &n);
    unit_problem_t *p;
    size_t n_p;
    scope_t sc = unit_scope_of(who);
    if (!e) e = unit_store_problems(db, a, &sc, c.code, &p, &n_p);
    if (e) return e;
    static const char *const h1[] = {"排名", "单位", "类别", "所在区划", "考核年度", "督导得分", "督导考核等级",
                                     "降等事项", "否决事项", "自评报告公开"};
    static const xlsx_col_type_t t1[] = {XLSX_COL_NUMBER, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT,
                                         XLSX_COL_NUMBER, XLSX_COL_NUMBER, XLSX_COL_TEXT, XLSX_COL_NUMBER,
                                         XLSX_COL_NUMBER, XLSX_COL_TEXT};
    xlsx_out_t *w;
    if ((e = xlsx_out_open(a, path, "考核结果", h1, 10, t1, &w))) return e;
    int64_t rank = 0;
    for (size_t i = 0; i < n && !e; i++) {
        const unit_assessment_t *x = &r[i].x;
        if (x->has_score && (i == 0 || x->score != r[i - 1].x.score)) rank = (int64_t)i + 1;
        unit_grade_t g = UG_NONE;
        for (int k = UG_FAIL; k <= UG_EXCELLENT; k++)
            if (x->grade && strcmp(x->grade, unit_grade_name((unit_grade_t)k)) == 0) g = (unit_grade_t)k;
        const char *cells[] = {x->has_score ? arena_printf(a, "%lld", (long long)rank) : "",
                               r[i].u.name,
                               unit_kind_label_zh(unit_kind_parse(r[i].u.kind)),
                               r[i].u.region_name,
                               arena_printf(a, "%lld", (long long)year),
                               x->has_score ? arena_printf(a, "%g", x->score) : "",
                               g ? unit_grade_label_zh(g) : "未评定",
                               arena_printf(a, "%lld", (long long)x->n_downgrades),
                               arena_printf(a, "%lld", (long long)x->n_vetoes),
                               x->published_at ? "已公开" : "未公开"};
        e = xlsx_out_row(w, cells);
    }
    static const char *const h2[] = {"单位", "问题", "严重程度", "状态", "整改期限"};
    static const xlsx_col_type_t t2[] = {XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_DATE};
    if (!e) e = xlsx_out_sheet(w, "问题清单", h2, 5, t2);
    for (size_t i = 0; i < n_p && !e; i++) {
        const char *cells[] = {p[i].unit_name, p[i].title ? p[i].title : "", severity_zh(p[i].severity),
                               state_zh(p[i].state), p[i].deadline ? p[i].deadline : ""};
        e = xlsx_out_row(w, cells);
    }
    if (e) {
        xlsx_out_discard(w);
        return e;
    }
    return xlsx_out_close(w);
}
