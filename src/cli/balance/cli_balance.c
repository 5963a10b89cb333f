#include "cli/balance/cli_balance.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/balance/balance.h"
#include "docs/tabular.h"
#include "store/balance/balance_store.h"
#include "store/migrate.h"
#include "store/platform/region_store.h"
#include "svc/balance/balance_svc.h"
#include "util/hash.h"

enum { EXIT_FAILED = 1, EXIT_USAGE = 2 };

static const char usage[] =
    "用法 / usage: dudao balance eval [--csv FILE] [--year Y] [--json] [--region CODE] [--db URL] [--timing]\n"
    "  从数据库（默认 DUDAO_DB 或 sqlite:var/dudao.db）或 CSV 文件计算各县均衡发展评估结果\n"
    "  / evaluate every county from the database or from a CSV file (one row per school section).\n"
    "  --csv FILE    CSV 交换格式（见 docs/balance.md）/ the interchange format\n"
    "  --year Y      学年（数据库模式，默认最新）/ school year (database mode; default the newest)\n"
    "  --region CODE 只算该区划内的县（数据库模式）/ only counties inside this region\n"
    "  --json        输出 JSON / print JSON\n"
    "  --timing      在标准错误输出耗时 / print timings to stderr\n";

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* ---------------------------------------------------------------- CSV */

static const char *const csv_cols[] = {"school_code", "school_name", "county_code", "section", "students"};
enum { CSV_FIXED = 5 };

typedef struct csv_ctx {
    arena_t *a;
    int col[CSV_FIXED + BAL_RES__COUNT];
    bool has_header;
    balance_unit_t *units;
    size_t n, cap;
} csv_ctx_t;

static err_t *csv_row(void *ctx, size_t row_no, const char *const *cells, size_t n_cells) {
    csv_ctx_t *c = ctx;
    if (!c->has_header) {
        for (int k = 0; k < CSV_FIXED + BAL_RES__COUNT; k++)
            c->col[k] = -1;
        for (size_t i = 0; i < n_cells; i++) {
            for (int k = 0; k < CSV_FIXED; k++)
                if (strcmp(cells[i], csv_cols[k]) == 0) c->col[k] = (int)i;
            int r = bal_res_parse(cells[i]);
            if (r >= 0) c->col[CSV_FIXED + r] = (int)i;
        }
        for (int k = 0; k < CSV_FIXED + BAL_RES__COUNT; k++)
            if (c->col[k] < 0) {
                const char *name = k < CSV_FIXED ? csv_cols[k] : bal_res_name((bal_res_t)(k - CSV_FIXED));
                return err_newf(c->a, ERR_INVALID, "file", "第 1 行：缺少列 %s", "row 1: column %s is missing", name,
                                name);
            }
        c->has_header = true;
        return NULL;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 1024;
        balance_unit_t *g = arena_alloc(c->a, cap * sizeof *g);
        if (c->n) memcpy(g, c->units, c->n * sizeof *g);
        c->units = g;
        c->cap = cap;
    }
    balance_unit_t *u = &c->units[c->n];
    memset(u, 0, sizeof *u);
#define CELL(k) (c->col[k] < (int)n_cells ? cells[c->col[k]] : "")
    u->code = arena_strdup(c->a, CELL(0));
    u->id = u->code;
    u->name = arena_strdup(c->a, CELL(1));
    u->county_code = arena_strdup(c->a, CELL(2));
    int sec = bal_section_parse(CELL(3));
    if (sec < 0)
        return err_newf(c->a, ERR_INVALID, "section", "第 %zu 行：section 应为 primary 或 junior",
                        "row %zu: section must be primary or junior", row_no, row_no);
    u->section = (bal_section_t)sec;
    for (int k = 4; k < CSV_FIXED + BAL_RES__COUNT; k++) {
        const char *v = CELL(k);
        char *end = NULL;
        double d = *v ? strtod(v, &end) : 0;
        if ((*v && (!end || *end)) || d < 0)
            return err_newf(c->a, ERR_INVALID, k < CSV_FIXED ? csv_cols[k] : bal_res_name((bal_res_t)(k - CSV_FIXED)),
                            "第 %zu 行：“%s”不是非负数", "row %zu: %s is not a number >= 0", row_no, v, row_no, v);
        if (k == 4)
            u->students = d;
        else
            u->res[k - CSV_FIXED] = d;
    }
#undef CELL
    c->n++;
    return NULL;
}

err_t *cli_balance_read_csv(arena_t *a, const char *path, balance_unit_t **units, size_t *n) {
    csv_ctx_t c = {.a = a};
    err_t *e = tabular_read(a, path, csv_row, &c);
    if (!e && !c.has_header) e = err_new(a, ERR_INVALID, "file", "文件是空的", "the file is empty");
    *units = c.units;
    *n = c.n;
    return e;
}

/* ---------------------------------------------------------------- evaluation and output */

static int unit_cmp(const void *x, const void *y) {
    const balance_unit_t *p = x, *q = y;
    return strcmp(p->county_code, q->county_code);
}

typedef struct out_ctx {
    bool is_json;
    json_t *counties;
} out_ctx_t;

static void print_group(out_ctx_t *o, const balance_rules_t *r, const balance_unit_t *units, const balance_group_t *g) {
    if (o->is_json) {
        json_t *cv = json_object(), *qcv = json_object(), *bcv = json_object(), *failing = json_array();
        for (int k = 0; k < BAL_RES__COUNT; k++)
            json_object_set_new(cv, bal_res_name(k), json_real(g->res_cv[k]));
        for (size_t k = 0; k < r->n_quality; k++)
            json_object_set_new(qcv, r->quality[k].key, json_real(g->q_cv[k]));
        for (size_t k = 0; k < r->n_basic; k++)
            json_object_set_new(bcv, r->basic[k].key, json_real(g->b_cv[k]));
        for (size_t i = 0; i < g->n_schools; i++)
            if (!g->schools[i].is_passed) json_array_append_new(failing, json_string(units[g->schools[i].unit].code));
        json_array_append_new(
            o->counties,
            json_pack("{s:s, s:s, s:I, s:f, s:o, s:{s:f, s:f, s:b, s:o}, s:{s:b, s:o, s:f, s:o, s:I}}", "county_code",
                      g->county_code, "section", bal_section_name(g->section), "n_schools", (json_int_t)g->n_schools,
                      "students", g->students, "cv", cv, "basic", "composite_cv", g->composite_cv, "limit",
                      r->composite_limit[g->section], "passed", g->is_basic_passed, "cv", bcv, "quality", "passed",
                      g->is_quality_passed, "failing_schools", failing, "cv_limit", r->cv_limit[g->section], "cv", qcv,
                      "n_cv_failing", (json_int_t)g->n_cv_failing));
        return;
    }
    printf("%s %s  %zu 校 schools, %.0f 生 students\n", g->county_code, bal_section_label_zh(g->section), g->n_schools,
           g->students);
    printf("  优质均衡 quality 2017: %s  (%zu 校未达标 schools failing, %zu 项差异系数超限 CVs over %.2f)\n",
           g->is_quality_passed ? "达标 PASS" : "未达标 FAIL", g->n_failing_schools, g->n_cv_failing,
           r->cv_limit[g->section]);
    for (size_t k = 0; k < r->n_quality; k++)
        printf("    %-3s %-40s CV %.4f%s\n", r->quality[k].key, bal_res_name(r->quality[k].res), g->q_cv[k],
               g->q_cv_ok[k] ? "" : "  > limit");
    for (size_t i = 0; i < g->n_schools; i++)
        if (!g->schools[i].is_passed)
            printf("    ✗ %s %s: %s\n", units[g->schools[i].unit].code, units[g->schools[i].unit].name,
                   g->schools[i].why);
    printf("  基本均衡 basic 2012: %s  综合差异系数 composite CV %.4f (≤ %.2f)\n",
           g->is_basic_passed ? "达标 PASS" : "未达标 FAIL", g->composite_cv, r->composite_limit[g->section]);
}

/* Evaluates units (any order) county by county; rules are loaded once per province. */
static err_t *eval_all(arena_t *a, balance_unit_t *units, size_t n, out_ctx_t *o, double *ms_eval) {
    qsort(units, n, sizeof *units, unit_cmp);
    double t0 = now_ms();
    balance_rules_t *rules = NULL;
    char province[8] = "";
    arena_t scratch;
    arena_init(&scratch);
    err_t *e = NULL;
    for (size_t i = 0; i < n && !e;) {
        size_t j = i;
        while (j < n && strcmp(units[j].county_code, units[i].county_code) == 0)
            j++;
        if (!rules || strncmp(province, units[i].county_code, 2) != 0) {
            rules = arena_alloc(a, sizeof *rules);
            if ((e = balance_svc_rules(NULL, a, units[i].county_code, rules))) break;
            snprintf(province, sizeof province, "%.2s", units[i].county_code);
        }
        balance_result_t res;
        balance_eval(&scratch, rules, units + i, j - i, &res);
        for (size_t g = 0; g < res.n_groups; g++)
            print_group(o, rules, units + i, &res.groups[g]);
        arena_free(&scratch);
        i = j;
    }
    arena_free(&scratch);
    *ms_eval = now_ms() - t0;
    return e;
}

static err_t *load_db(arena_t *a, const char *url, const char *region, int64_t year, balance_unit_t **out,
                      size_t *n_out) {
    db_t *db;
    err_t *e = db_open(url, &db, a);
    if (e) return e;
    int n_mig = 0;
    if ((e = migrate_run(db, a, &n_mig))) {
        db_close(db);
        return e;
    }
    const char **roots = arena_alloc(a, 2 * sizeof *roots);
    size_t n_roots = 0;
    if (region)
        roots[n_roots++] = region;
    else {
        region_t *regs;
        size_t n_regs;
        if ((e = region_store_list(db, a, "/", &regs, &n_regs))) goto done;
        roots = arena_alloc(a, (n_regs + 1) * sizeof *roots);
        for (size_t i = 0; i < n_regs; i++)
            if (!regs[i].parent_code) roots[n_roots++] = regs[i].code;
    }
    balance_school_t *schools = NULL;
    size_t n_schools = 0;
    for (size_t k = 0; k < n_roots; k++) {
        int64_t y = year;
        if (!y) {
            int64_t *years;
            size_t n_years;
            if ((e = balance_store_years(db, a, roots[k], &years, &n_years))) goto done;
            if (!n_years) continue;
            y = years[0];
        }
        balance_school_row_t *rows;
        size_t n_rows;
        if ((e = balance_store_schools(db, a, "/", roots[k], NULL, 0, y, &rows, &n_rows))) goto done;
        balance_school_t *g = arena_alloc(a, (n_schools + n_rows + 1) * sizeof *g);
        if (n_schools) memcpy(g, schools, n_schools * sizeof *g);
        schools = g;
        for (size_t i = 0; i < n_rows; i++)
            if (rows[i].has_stat)
                balance_stat_to_school(&rows[i].stat, rows[i].code, rows[i].code, rows[i].name, rows[i].county_code,
                                       rows[i].type_code, &schools[n_schools++]);
    }
    /* scope and splitting follow each county's rules; the national scope document is the same
     * for all but a province may override it, so split province by province */
    balance_unit_t *units = arena_alloc(a, (2 * n_schools + 1) * sizeof *units);
    size_t n_units = 0;
    for (size_t i = 0; i < n_schools;) {
        size_t j = i;
        while (j < n_schools && strncmp(schools[j].county_code, schools[i].county_code, 2) == 0)
            j++;
        balance_rules_t r;
        if ((e = balance_svc_rules(NULL, a, schools[i].county_code, &r))) goto done;
        balance_unit_t *u;
        balance_excluded_t *x;
        size_t nu, nx;
        balance_split(a, &r, schools + i, j - i, &u, &nu, &x, &nx);
        memcpy(units + n_units, u, nu * sizeof *u);
        n_units += nu;
        i = j;
    }
    *out = units;
    *n_out = n_units;
done:
    db_close(db);
    return e;
}

int cli_balance_main(int argc, char **argv) {
    if (argc < 1 || strcmp(argv[0], "eval") != 0) {
        fputs(usage, argc < 1 ? stderr : stdout);
        return argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "help") == 0) ? 0 : EXIT_USAGE;
    }
    const char *csv = NULL, *region = NULL, *db = getenv("DUDAO_DB");
    if (!db || !*db) db = "sqlite:var/dudao.db";
    int64_t year = 0;
    bool is_json = false, is_timing = false;
    for (int i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--json") == 0)
            is_json = true;
        else if (strcmp(argv[i], "--timing") == 0)
            is_timing = true;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (v && strcmp(argv[i], "--csv") == 0)
            csv = v, i++;
        else if (v && strcmp(argv[i], "--region") == 0)
            region = v, i++;
        else if (v && strcmp(argv[i], "--db") == 0)
            db = v, i++;
        else if (v && strcmp(argv[i], "--year") == 0) {
            char *end = NULL;
            year = strtoll(v, &end, 10);
            if (!end || *end || year < 2000 || year > 2100) {
                fputs("dudao: --year 应为 2000–2100 / --year must be 2000 to 2100\n", stderr);
                return EXIT_USAGE;
            }
            i++;
        } else {
            fprintf(stderr, "dudao: 未知选项 / unknown option: %s\n\n%s", argv[i], usage);
            return EXIT_USAGE;
        }
    }
    if (!hash_init()) return EXIT_FAILED;
    arena_t a;
    arena_init(&a);
    double t0 = now_ms();
    balance_unit_t *units = NULL;
    size_t n = 0;
    err_t *e = NULL;
    if (csv)
        e = cli_balance_read_csv(&a, csv, &units, &n);
    else
        e = load_db(&a, db, region, year, &units, &n);
    double t_load = now_ms() - t0, t_eval = 0;
    out_ctx_t o = {.is_json = is_json, .counties = json_array()};
    if (!e) e = eval_all(&a, units, n, &o, &t_eval);
    if (e) {
        fprintf(stderr, "dudao: %s%s%s%s\n", e->message, e->field ? " [" : "", e->field ? e->field : "",
                e->field ? "]" : "");
        json_decref(o.counties);
        arena_free(&a);
        return EXIT_FAILED;
    }
    if (is_json) {
        json_t *root = json_pack("{s:o, s:I}", "counties", o.counties, "n_units", (json_int_t)n);
        json_dumpf(root, stdout, JSON_INDENT(1) | JSON_REAL_PRECISION(10));
        fputc('\n', stdout);
        json_decref(root);
    } else
        json_decref(o.counties);
    if (is_timing) fprintf(stderr, "balance eval: %zu units, load %.1f ms, evaluate %.1f ms\n", n, t_load, t_eval);
    arena_free(&a);
    return 0;
}
