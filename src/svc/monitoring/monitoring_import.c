/* 质量监测 import: the results a county receives, all or nothing, with row-level errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/monitoring/monitoring.h"
#include "docs/tabular.h"
#include "docs/xlsx_out.h"
#include "store/monitoring/monitoring_store.h"
#include "store/platform/region_store.h"
#include "store/roster/school_store.h"
#include "svc/monitoring/monitoring_svc.h"
#include "util/timeutil.h"

typedef enum {
    MC_CYCLE,
    MC_SOURCE,
    MC_SUBJECT,
    MC_GRADE,
    MC_REGION,
    MC_SCHOOL,
    MC_DIMENSION,
    MC_FACTOR,
    MC_N,
    MC_MEAN,
    MC_L1,
    MC_L2,
    MC_L3,
    MC_L4,
    MC_DIFF,
    MC_VALUE,
    MC_RELIABLE,
    MC__COUNT
} mon_col_t;

typedef struct mon_col_def {
    const char *label, *alias;
    bool is_required;
    xlsx_col_type_t type;
    const char *format, *example;
} mon_col_def_t;

static const mon_col_def_t cols[MC__COUNT] = {
    {"监测年度", "cycle", true, XLSX_COL_NUMBER, "监测实施年份，如 2024", "2024"},
    {"来源", "source", true, XLSX_COL_TEXT, "国家 / 省 / 市", "国家"},
    {"学科", "subject", false, XLSX_COL_TEXT,
     "数学、语文、英语、科学、德育、体育与健康、艺术、劳动、心理健康（相关因素行可空）", "数学"},
    {"年级", "grade", true, XLSX_COL_NUMBER, "4 或 8", "4"},
    {"区划代码", "region_code", true, XLSX_COL_TEXT, "本县或其乡镇的区划代码", "330521"},
    {"学校标识码", "school_code", false, XLSX_COL_TEXT, "学校结果时填写，须为本县学校", "2133000100"},
    {"维度", "dimension", false, XLSX_COL_TEXT, "学科的维度/领域，空 = 学科总体", "数与代数"},
    {"相关因素", "factor", false, XLSX_COL_TEXT, "学业负担、睡眠时间、师生关系……（填写时为相关因素行）", NULL},
    {"学生数", "n_students", false, XLSX_COL_NUMBER, "整数", "120"},
    {"平均量尺分", "mean_score", false, XLSX_COL_NUMBER, "数值", "512.3"},
    {"水平Ⅰ(%)", "level1", false, XLSX_COL_NUMBER, "百分比，四个水平合计 100 ± 0.5", "8.5"},
    {"水平Ⅱ(%)", "level2", false, XLSX_COL_NUMBER, "百分比", "21.5"},
    {"水平Ⅲ(%)", "level3", false, XLSX_COL_NUMBER, "百分比", "45"},
    {"水平Ⅳ(%)", "level4", false, XLSX_COL_NUMBER, "百分比", "25"},
    {"校际差异", "school_diff", false, XLSX_COL_NUMBER, "报告给出的校际差异（如有）", NULL},
    {"指标值", "factor_value", false, XLSX_COL_NUMBER, "相关因素的数值（如睡眠达标率 %）", NULL},
    {"数据可靠性", "reliability", false, XLSX_COL_TEXT, "空或“可靠”；报告标注不可靠时填“不可靠”", NULL},
};

typedef struct mon_import {
    arena_t *a, row;
    const actor_t *who;
    db_t *db;
    import_result_t *res;
    int cell_of[MC__COUNT];
    bool has_header;
    const char **keys; /* the rows' keys seen so far, for repeats */
    size_t n_keys;
    int64_t now;
} mon_import_t;

static void row_error(mon_import_t *c, int64_t row, const char *column, const char *message) {
    import_result_t *r = c->res;
    r->n_errors++;
    if (r->n_errors > IMPORT_MAX_ERRORS) return;
    import_error_t *g = arena_alloc(c->a, r->n_errors * sizeof *g);
    if (r->n_errors > 1) memcpy(g, r->errors, (r->n_errors - 1) * sizeof *g);
    g[r->n_errors - 1] = (import_error_t){row, column ? arena_strdup(c->a, column) : NULL, arena_strdup(c->a, message)};
    r->errors = g;
}

static err_t *read_header(mon_import_t *c, const char *const *cells, size_t n) {
    for (int f = 0; f < MC__COUNT; f++)
        c->cell_of[f] = -1;
    for (size_t k = 0; k < n; k++) {
        const char *h = cells[k];
        while (*h == ' ')
            h++;
        if (!*h || strcmp(h, "学校名称") == 0 || strcmp(h, "school_name") == 0) continue;
        int f = -1;
        for (int i = 0; f < 0 && i < MC__COUNT; i++)
            if (strcmp(h, cols[i].label) == 0 || strcmp(h, cols[i].alias) == 0) f = i;
        if (f < 0)
            return err_newf(c->a, ERR_INVALID, "file", "第 1 行：无法识别的列“%s”（请使用模板）",
                            "row 1: unknown column %s (use the template)", h, h);
        if (c->cell_of[f] >= 0)
            return err_newf(c->a, ERR_INVALID, "file", "第 1 行：列“%s”重复", "row 1: column %s appears twice", h, h);
        c->cell_of[f] = (int)k;
    }
    for (int f = 0; f < MC__COUNT; f++)
        if (cols[f].is_required && c->cell_of[f] < 0)
            return err_newf(c->a, ERR_INVALID, "file", "第 1 行：缺少必填列“%s”",
                            "row 1: the required column %s is missing", cols[f].label, cols[f].label);
    c->has_header = true;
    return NULL;
}

/* The trimmed cell of column f ("" when absent). */
static const char *cell(mon_import_t *c, const char *const *cells, size_t n, mon_col_t f) {
    if (c->cell_of[f] < 0 || c->cell_of[f] >= (int)n) return "";
    const char *v = cells[c->cell_of[f]];
    while (*v == ' ')
        v++;
    char *t = arena_strdup(&c->row, v);
    size_t len = strlen(t);
    while (len && t[len - 1] == ' ')
        t[--len] = 0;
    return t;
}

/* A number in column f: *has false when empty; false (with a row error) when not a number. */
static bool number(mon_import_t *c, int64_t row, const char *v, mon_col_t f, bool *has, double *out) {
    *has = false;
    if (!*v) return true;
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !isfinite(d)) {
        row_error(c, row, cols[f].label, arena_printf(&c->row, "“%s”不是数值 / %s is not a number", v, v));
        return false;
    }
    *has = true;
    *out = d;
    return true;
}

/* Grade 4 is tested in a school's 小学 section, grade 8 in its 初中 section. */
static bool school_teaches(const school_t *sch, int64_t grade) {
    const char *want = grade == 8 ? "junior" : "primary";
    for (size_t k = 0; k < sch->n_sections; k++)
        if (strcmp(sch->sections[k].section, want) == 0) return true;
    return false;
}

/* Where the row is: region in the caller's scope, its county, and the school inside it. */
static err_t *place_row(mon_import_t *c, int64_t row, const char *const *cells, size_t n, mon_row_t *r, bool *ok) {
    *ok = false;
    const char *code = cell(c, cells, n, MC_REGION);
    region_t reg;
    err_t *e = *code ? region_store_get(c->db, &c->row, c->who->region_path, code, &reg) : NULL;
    if (e && e->code != ERR_NOT_FOUND) return e;
    if (!*code || e || (strcmp(reg.level, "county") != 0 && strcmp(reg.level, "town") != 0)) {
        row_error(c, row, cols[MC_REGION].label,
                  arena_printf(&c->row,
                               "区划“%s”不存在、不在权限范围内或不是县、乡镇 / region %s is unknown, outside "
                               "your scope or not a county or town",
                               code, code));
        return NULL;
    }
    r->region_code = arena_strdup(c->a, reg.code);
    r->county_code = arena_strdup(c->a, strcmp(reg.level, "county") == 0 ? reg.code : reg.parent_code);
    const char *sc = cell(c, cells, n, MC_SCHOOL);
    if (*sc) {
        region_t county;
        if ((e = region_store_get(c->db, &c->row, "/", r->county_code, &county))) return e;
        scope_t in_county = scope_region(county.path);
        int64_t id = 0;
        const char *status;
        school_t sch;
        if ((e = school_store_id_by_code(c->db, &c->row, sc, &id, &status))) return e;
        if (id) e = school_store_get(c->db, &c->row, &in_county, id, &sch);
        if (e && e->code != ERR_NOT_FOUND) return e;
        if (!id || e) {
            row_error(c, row, cols[MC_SCHOOL].label,
                      arena_printf(&c->row, "学校 %s 不是本县（%s）的学校 / school %s is not in county %s", sc,
                                   r->county_code, sc, r->county_code));
            return NULL;
        }
        if (!school_teaches(&sch, r->grade)) {
            row_error(c, row, cols[MC_SCHOOL].label,
                      arena_printf(&c->row, "学校 %s 没有%s学段，不参加 %lld 年级监测 / school %s has no %s section",
                                   sc, r->grade == 8 ? "初中" : "小学", (long long)r->grade, sc,
                                   r->grade == 8 ? "junior" : "primary"));
            return NULL;
        }
        r->school_id = id;
    }
    *ok = true;
    return NULL;
}

/* Cycle, source, grade, subject, dimension, factor and reliability. */
static bool classify_row(mon_import_t *c, int64_t row, const char *const *cells, size_t n, mon_row_t *r) {
    bool ok = true;
    const char *v = cell(c, cells, n, MC_CYCLE);
    char *end;
    long long y = strtoll(v, &end, 10);
    if (!*v || *end || y < 2000 || y > 2100) {
        row_error(c, row, cols[MC_CYCLE].label, "监测年度应为 2000–2100 的年份 / the cycle must be a year 2000–2100");
        ok = false;
    }
    r->cycle = y;
    if (!(r->source = mon_source_parse(cell(c, cells, n, MC_SOURCE)))) {
        row_error(c, row, cols[MC_SOURCE].label, "来源应为 国家、省 或 市 / source must be 国家, 省 or 市");
        ok = false;
    }
    v = cell(c, cells, n, MC_GRADE);
    if (strcmp(v, "4") && strcmp(v, "8") && strcmp(v, "四年级") && strcmp(v, "八年级")) {
        row_error(c, row, cols[MC_GRADE].label, "年级应为 4 或 8 / grade must be 4 or 8");
        ok = false;
    }
    r->grade = (v[0] == '8' || strcmp(v, "八年级") == 0) ? 8 : 4;
    r->factor = arena_strdup(c->a, cell(c, cells, n, MC_FACTOR));
    if (*r->factor && !mon_factor_known(r->factor)) {
        row_error(c, row, cols[MC_FACTOR].label,
                  arena_printf(&c->row, "未知的相关因素“%s” / unknown related factor %s", r->factor, r->factor));
        ok = false;
    }
    v = cell(c, cells, n, MC_SUBJECT);
    const mon_subject_t *sub = mon_subject_find(v);
    if (!sub && (*v || !*r->factor)) {
        row_error(c, row, cols[MC_SUBJECT].label, arena_printf(&c->row, "未知的学科“%s” / unknown subject %s", v, v));
        return false;
    }
    r->subject = sub ? sub->code : "";
    r->dimension = arena_strdup(c->a, cell(c, cells, n, MC_DIMENSION));
    if (!mon_dimension_known(sub, r->dimension)) {
        row_error(c, row, cols[MC_DIMENSION].label,
                  arena_printf(&c->row, "%s没有维度“%s” / %s has no dimension %s", sub ? sub->name_zh : "",
                               r->dimension, sub ? sub->name_en : "", r->dimension));
        ok = false;
    }
    v = cell(c, cells, n, MC_RELIABLE);
    r->is_unreliable =
        strcmp(v, "不可靠") == 0 || strcmp(v, "‡") == 0 || strcmp(v, "否") == 0 || strcmp(v, "unreliable") == 0;
    if (*v && !r->is_unreliable && strcmp(v, "可靠") && strcmp(v, "是") && strcmp(v, "reliable")) {
        row_error(c, row, cols[MC_RELIABLE].label,
                  "数据可靠性应为空、可靠或不可靠 / reliability: empty, 可靠 or 不可靠");
        ok = false;
    }
    return ok;
}

/* The figures: n, mean, the four shares (all or none, plausible), 校际差异, the factor value. */
static bool figures_row(mon_import_t *c, int64_t row, const char *const *cells, size_t n, mon_row_t *r) {
    bool ok = true, has_n, has_l[4];
    double nd = 0;
    ok &= number(c, row, cell(c, cells, n, MC_N), MC_N, &has_n, &nd);
    if (has_n && (nd < 0 || nd != floor(nd) || nd > 1e9)) {
        row_error(c, row, cols[MC_N].label, "学生数应为非负整数 / the student count must be a whole number ≥ 0");
        ok = false;
    }
    r->n_students = has_n ? (int64_t)nd : -1;
    ok &= number(c, row, cell(c, cells, n, MC_MEAN), MC_MEAN, &r->has_mean, &r->mean_score);
    int n_levels = 0;
    for (int k = 0; k < 4; k++) {
        ok &= number(c, row, cell(c, cells, n, MC_L1 + k), MC_L1 + k, &has_l[k], &r->levels[k]);
        n_levels += has_l[k];
    }
    ok &= number(c, row, cell(c, cells, n, MC_DIFF), MC_DIFF, &r->has_diff, &r->school_diff);
    ok &= number(c, row, cell(c, cells, n, MC_VALUE), MC_VALUE, &r->has_factor_value, &r->factor_value);
    if (!ok) return false;
    r->has_levels = n_levels == 4;
    double sum = 0;
    if (n_levels && (n_levels < 4 || !mon_levels_plausible(r->levels, &sum))) {
        row_error(c, row, cols[MC_L1].label,
                  n_levels < 4 ? "水平Ⅰ–Ⅳ须四项齐全 / give all four levels Ⅰ–Ⅳ"
                               : arena_printf(&c->row,
                                              "水平Ⅰ–Ⅳ合计 %.2f%%，应为 100%% ± 0.5 / the levels sum to "
                                              "%.2f %%, not 100 %% ± 0.5",
                                              sum, sum));
        return false;
    }
    if (*r->factor && !r->has_factor_value) {
        row_error(c, row, cols[MC_VALUE].label, "相关因素行须填写指标值 / a related-factor row needs its value");
        return false;
    }
    if (!*r->factor && !r->has_mean && !r->has_levels) {
        row_error(c, row, NULL, "须填写平均量尺分或水平Ⅰ–Ⅳ / give the mean scale score or the four levels");
        return false;
    }
    return true;
}

static bool is_repeat(mon_import_t *c, int64_t row, const mon_row_t *r) {
    const char *key =
        arena_printf(c->a, "%s|%lld|%s|%s|%lld|%s|%lld|%s|%s", r->county_code, (long long)r->cycle, r->source,
                     r->subject, (long long)r->grade, r->region_code, (long long)r->school_id, r->dimension, r->factor);
    for (size_t i = 0; i < c->n_keys; i++)
        if (strcmp(c->keys[i], key) == 0) {
            row_error(c, row, NULL,
                      "与前面的行重复（同一年度、来源、学科、年级、区划、学校、维度）/ repeats an earlier row");
            return true;
        }
    const char **g = arena_alloc(c->a, (c->n_keys + 1) * sizeof *g);
    if (c->n_keys) memcpy(g, c->keys, c->n_keys * sizeof *g);
    g[c->n_keys++] = key;
    c->keys = g;
    return false;
}

static err_t *on_row(void *ctx, size_t row_no, const char *const *cells, size_t n) {
    mon_import_t *c = ctx;
    if (!c->has_header) return read_header(c, cells, n);
    c->res->n_rows++;
    arena_free(&c->row);
    int64_t row = (int64_t)row_no;
    mon_row_t r = {0};
    bool is_placed = false;
    bool ok = classify_row(c, row, cells, n, &r);
    ok = figures_row(c, row, cells, n, &r) && ok;
    err_t *e = place_row(c, row, cells, n, &r, &is_placed);
    if (e) return err_new_raw(c->a, e->code, NULL, arena_strdup(c->a, e->message));
    if (!ok || !is_placed || is_repeat(c, row, &r) || c->res->n_errors) return NULL;
    if ((e = mon_store_put(c->db, &c->row, &r, c->who->user_id, c->now)))
        return err_new_raw(c->a, e->code, NULL, arena_strdup(c->a, e->message));
    c->res->n_created++;
    return NULL;
}

err_t *mon_svc_import(svc_t *s, arena_t *a, const actor_t *who, const char *path, import_result_t *out) {
    memset(out, 0, sizeof *out);
    mon_import_t c = {.a = a, .who = who, .res = out, .now = time_now()};
    arena_init(&c.row);
    err_t *e = svc_begin(s, a, &c.db);
    if (e) {
        arena_free(&c.row);
        return e;
    }
    e = tabular_read(a, path, on_row, &c);
    arena_free(&c.row);
    if (!e && !c.has_header)
        e = err_new(a, ERR_INVALID, "file", "文件是空的（没有表头）", "the file is empty (no header row)");
    if (!e && !out->n_errors && !out->n_rows)
        e = err_new(a, ERR_INVALID, "file", "文件没有数据行", "the file has no data rows");
    if (!e && !out->n_errors) {
        json_t *after = json_pack("{s:I}", "n_rows", (json_int_t)out->n_rows);
        e = svc_audit(c.db, a, who, "import", "monitoring_result", "file", who->region_code, NULL, after);
        json_decref(after);
    }
    if (e || out->n_errors) {
        db_rollback(c.db);
        out->n_created = out->n_updated = 0;
        return e;
    }
    if ((e = svc_end(c.db, a, NULL))) return e;
    out->is_written = true;
    return NULL;
}

err_t *mon_svc_template(arena_t *a, const char *path, bool is_csv) {
    if (is_csv) {
        FILE *f = fopen(path, "wb");
        if (!f) return err_new(a, ERR_INTERNAL, NULL, "写临时文件失败", "cannot write a temporary file");
        fputs("\xEF\xBB\xBF", f);
        for (int i = 0; i < MC__COUNT; i++)
            fprintf(f, "%s%s", i ? "," : "", cols[i].label);
        fputs("\r\n", f);
        for (int i = 0; i < MC__COUNT; i++)
            fprintf(f, "%s%s", i ? "," : "", cols[i].example ? cols[i].example : "");
        fputs("\r\n", f);
        return fclose(f) == 0 ? NULL
                              : err_new(a, ERR_INTERNAL, NULL, "写临时文件失败", "cannot write a temporary file");
    }
    static const char *const sources[] = {"国家", "省", "市", NULL};
    static const char *const grades[] = {"4", "8", NULL};
    xlsx_template_col_t t[MC__COUNT];
    for (int i = 0; i < MC__COUNT; i++)
        t[i] = (xlsx_template_col_t){cols[i].label,   cols[i].is_required,
                                     cols[i].type,    cols[i].format,
                                     cols[i].example, i == MC_SOURCE ? sources : i == MC_GRADE ? grades : NULL};
    return xlsx_out_template(a, path, "质量监测结果", t, MC__COUNT);
}
