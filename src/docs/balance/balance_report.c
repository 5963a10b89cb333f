#include "docs/balance/balance_report.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "docs/pdf_text.h"
#include "util/timeutil.h"

/* A4 in points; everything below is in points. */
#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 48.0
#define BOTTOM (PAGE_H - 56.0)
#define FONT "Noto Sans CJK SC"
#define FONT_SERIF "Noto Serif CJK SC"

typedef struct pdf {
    cairo_surface_t *s;
    cairo_t *cr;
    double y;
    int page;
    const balance_report_t *r;
} pdf_t;

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int n) {
    buf_append(closure, data, n);
    return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *layout(pdf_t *p, const char *family, double size, bool is_bold, double width, const char *text) {
    return pdf_text_layout(p->cr, family, is_bold, size, width, text);
}

static double layout_h(PangoLayout *l) {
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    return (double)r.height / PANGO_SCALE;
}

/* The Chinese half of a "中文 / English" text (the report is for Chinese readers). */
static const char *zh_of(arena_t *a, const char *s) {
    const char *slash = s ? strstr(s, " / ") : NULL;
    return slash ? arena_strndup(a, s, (size_t)(slash - s)) : (s ? s : "");
}

static void footer(pdf_t *p) {
    char line[160];
    snprintf(line, sizeof line, "%s 义务教育均衡发展评估报告 · 第 %d 页 · dudao 教育督导平台生成", p->r->county_name,
             p->page);
    PangoLayout *l = layout(p, FONT, 8, false, PAGE_W - 2 * MARGIN, line);
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(p->cr, 0.45, 0.45, 0.45);
    cairo_move_to(p->cr, MARGIN, PAGE_H - 36);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
}

static void new_page(pdf_t *p) {
    if (p->page) {
        footer(p);
        cairo_show_page(p->cr);
    }
    p->page++;
    p->y = MARGIN;
}

static void need(pdf_t *p, double h) {
    if (p->y + h > BOTTOM) new_page(p);
}

static void text(pdf_t *p, const char *family, double size, bool is_bold, double r, double g, double b, const char *s) {
    PangoLayout *l = layout(p, family, size, is_bold, PAGE_W - 2 * MARGIN, s);
    double h = layout_h(l);
    need(p, h);
    cairo_set_source_rgb(p->cr, r, g, b);
    cairo_move_to(p->cr, MARGIN, p->y);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    p->y += h + size * 0.4;
}

static void heading(pdf_t *p, const char *s) {
    need(p, 40);
    p->y += 8;
    cairo_set_source_rgb(p->cr, 0.75, 0.11, 0.11);
    cairo_rectangle(p->cr, MARGIN, p->y + 2, 4, 15);
    cairo_fill(p->cr);
    PangoLayout *l = layout(p, FONT, 13, true, PAGE_W - 2 * MARGIN - 12, s);
    cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
    cairo_move_to(p->cr, MARGIN + 10, p->y);
    pango_cairo_show_layout(p->cr, l);
    p->y += layout_h(l) + 6;
    g_object_unref(l);
}

/* One table row; widths in points; a bad cell (is_bad[i]) is red. */
static void row(pdf_t *p, const char *const *cells, const double *widths, size_t n, bool is_head, const bool *is_bad) {
    PangoLayout *ls[16];
    double h = 0;
    for (size_t i = 0; i < n; i++) {
        ls[i] = layout(p, FONT, 8.5, is_head, widths[i] - 6, cells[i] ? cells[i] : "");
        double hi = layout_h(ls[i]);
        if (hi > h) h = hi;
    }
    h += 6;
    need(p, h);
    double x = MARGIN;
    if (is_head) {
        cairo_set_source_rgb(p->cr, 0.93, 0.94, 0.96);
        double tw = 0;
        for (size_t i = 0; i < n; i++)
            tw += widths[i];
        cairo_rectangle(p->cr, MARGIN, p->y, tw, h);
        cairo_fill(p->cr);
    }
    for (size_t i = 0; i < n; i++) {
        if (is_bad && is_bad[i]) {
            cairo_set_source_rgb(p->cr, 1.0, 0.92, 0.92);
            cairo_rectangle(p->cr, x, p->y, widths[i], h);
            cairo_fill(p->cr);
            cairo_set_source_rgb(p->cr, 0.75, 0.1, 0.1);
        } else
            cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
        cairo_move_to(p->cr, x + 3, p->y + 3);
        pango_cairo_show_layout(p->cr, ls[i]);
        g_object_unref(ls[i]);
        cairo_set_source_rgb(p->cr, 0.78, 0.8, 0.84);
        cairo_set_line_width(p->cr, 0.5);
        cairo_rectangle(p->cr, x, p->y, widths[i], h);
        cairo_stroke(p->cr);
        x += widths[i];
    }
    p->y += h;
}

static const char *status_zh(const char *status) {
    if (strcmp(status, "met") == 0 || strcmp(status, "passed") == 0) return "达标";
    if (strcmp(status, "failed") == 0) return "未达标";
    return "无法评估";
}

/* One part of the whole verdict: its status, then its items with what failed and by how much. */
static void verdict_part(pdf_t *p, arena_t *a, const verdict_part_t *part) {
    bool is_ok = strcmp(part->status, "passed") == 0;
    text(p, FONT, 10.5, true, is_ok ? 0.1 : 0.75, is_ok ? 0.45 : 0.1, 0.1,
         arena_printf(a, "%s：%s（%zu 项：达标 %zu，未达标 %zu，无法评估 %zu）", part->label_zh, status_zh(part->status),
                      part->n_items, part->n_met, part->n_failed, part->n_not_evaluable));
    static const double w[] = {34, 245, 50, 170};
    const char *head[] = {"项目", "要求", "结论", "说明"};
    row(p, head, w, 4, true, NULL);
    for (size_t i = 0; i < part->n_items; i++) {
        const verdict_item_result_t *x = &part->items[i];
        bool is_bad[] = {false, false, strcmp(x->status, "met") != 0, false};
        const char *cells[] = {x->item->key, x->item->name_zh,
                               arena_printf(a, "%s%s", status_zh(x->status), x->is_simulated ? "（模拟）" : ""),
                               x->why_zh ? x->why_zh : ""};
        row(p, cells, w, 4, false, is_bad);
    }
    p->y += 6;
}

static void verdict_section(pdf_t *p, arena_t *a, const verdict_t *v) {
    heading(p, "优质均衡完整结论（资源配置、政府保障程度、教育质量、社会认可度、申报条件、不予认定）");
    bool is_ok = v->is_passed;
    text(p, FONT, 11, true, is_ok ? 0.1 : 0.75, is_ok ? 0.45 : 0.1, 0.1,
         arena_printf(a, "结论：%s%s", status_zh(v->status), v->is_simulated ? "（模拟）" : ""));
    for (int i = 0; i < VERDICT_N_PARTS_2017; i++)
        verdict_part(p, a, &v->parts[i]);
    heading(p, "基本均衡（2012）四项条件");
    verdict_part(p, a, &v->basic);
}

static void group_section(pdf_t *p, arena_t *a, const balance_group_t *g) {
    const balance_rules_t *r = p->r->rules;
    heading(p, arena_printf(a, "%s：%zu 所学校（部），在校生 %.0f 人", bal_section_label_zh(g->section), g->n_schools,
                            g->students));
    text(p, FONT, 10, true, g->is_quality_passed ? 0.1 : 0.75, g->is_quality_passed ? 0.45 : 0.1, 0.1,
         arena_printf(
             a, "优质均衡资源配置：%s（%zu 所学校未达到“至少 %d 项达标、余项不低于 %.0f%%”，%zu 项差异系数超过 %.2f）",
             g->is_quality_passed ? "达标" : "未达标", g->n_failing_schools, r->min_met, r->rest_min_ratio * 100,
             g->n_cv_failing, r->cv_limit[g->section]));
    static const double w1[] = {190, 55, 70, 70, 55, 59};
    const char *head[] = {"指标", "标准", "县域值", "差异系数", "限值", "结论"};
    row(p, head, w1, 6, true, NULL);
    for (size_t k = 0; k < r->n_quality; k++) {
        const bal_indicator_t *ind = &r->quality[k];
        const char *cells[] = {ind->name_zh,
                               arena_printf(a, "≥ %g %s", ind->threshold[g->section], ind->unit ? ind->unit : ""),
                               arena_printf(a, "%.2f", g->q_mean[k]),
                               arena_printf(a, "%.4f", g->q_cv[k]),
                               arena_printf(a, "≤ %.2f", r->cv_limit[g->section]),
                               g->q_cv_ok[k] ? "达标" : "超限"};
        bool bad[] = {false, false, false, !g->q_cv_ok[k], false, !g->q_cv_ok[k]};
        row(p, cells, w1, 6, false, bad);
    }
    p->y += 8;
    text(p, FONT, 10, true, g->is_basic_passed ? 0.1 : 0.75, g->is_basic_passed ? 0.45 : 0.1, 0.1,
         arena_printf(a, "基本均衡综合差异系数 %.4f（标准 ≤ %.2f）：%s", g->composite_cv,
                      r->composite_limit[g->section], g->is_basic_passed ? "达标" : "未达标"));
    static const double w2[] = {250, 125, 124};
    const char *head2[] = {"基本均衡指标", "县域值", "差异系数"};
    row(p, head2, w2, 3, true, NULL);
    for (size_t k = 0; k < r->n_basic; k++) {
        const char *cells[] = {r->basic[k].name_zh, arena_printf(a, "%.4f", g->b_mean[k]),
                               arena_printf(a, "%.4f", g->b_cv[k])};
        row(p, cells, w2, 3, false, NULL);
    }
    if (g->n_failing_schools) {
        p->y += 8;
        text(p, FONT, 10, true, 0.1, 0.1, 0.1, "未达标学校");
        static const double w3[] = {150, 45, 304};
        const char *head3[] = {"学校", "达标项", "原因与差距"};
        row(p, head3, w3, 3, true, NULL);
        for (size_t i = 0; i < g->n_schools; i++) {
            const balance_school_result_t *s = &g->schools[i];
            if (s->is_passed) continue;
            buf_t b;
            buf_init(&b);
            buf_puts(&b, zh_of(a, s->why));
            for (size_t k = 0; k < r->n_quality; k++)
                if (!s->q_is_met[k])
                    buf_printf(&b, "\n· %s %.2f（标准 %g，达 %.0f%%）", r->quality[k].name_zh, s->q_value[k],
                               r->quality[k].threshold[g->section], s->q_ratio[k] * 100);
            const char *cells[] = {p->r->units[s->unit].name, arena_printf(a, "%d / %zu", s->n_met, r->n_quality),
                                   arena_strdup(a, b.p ? b.p : "")};
            buf_free(&b);
            bool bad[] = {false, true, false};
            row(p, cells, w3, 3, false, bad);
        }
    }
}

err_t *balance_report_pdf(arena_t *a, const balance_report_t *r, buf_t *out) {
    pdf_t p = {.r = r};
    p.s = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W, PAGE_H);
    char *title = g_strdup_printf("%s义务教育均衡发展评估报告", r->county_name);
    cairo_pdf_surface_set_metadata(p.s, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(p.s, CAIRO_PDF_METADATA_CREATOR, "dudao");
    g_free(title);
    p.cr = cairo_create(p.s);
    new_page(&p);
    text(&p, FONT_SERIF, 20, true, 0.55, 0.05, 0.05, arena_printf(a, "%s义务教育均衡发展评估报告", r->county_name));
    char today[16];
    time_today_cn(today, sizeof today);
    text(&p, FONT, 10, false, 0.35, 0.35, 0.35,
         arena_printf(a, "%lld–%lld 学年 · 行政区划代码 %s · 生成日期 %s", (long long)r->school_year,
                      (long long)r->school_year + 1, r->county_code, today));
    bool is_q = r->result->n_groups > 0, is_b = r->result->n_groups > 0;
    for (size_t i = 0; i < r->result->n_groups; i++) {
        is_q = is_q && r->result->groups[i].is_quality_passed;
        is_b = is_b && r->result->groups[i].is_basic_passed;
    }
    heading(&p, "评估结论");
    text(&p, FONT, 11, true, is_q ? 0.1 : 0.75, is_q ? 0.45 : 0.1, 0.1,
         arena_printf(a, "优质均衡（教督〔2017〕6号）资源配置：%s", is_q ? "达标" : "未达标"));
    text(&p, FONT, 11, true, is_b ? 0.1 : 0.75, is_b ? 0.45 : 0.1, 0.1,
         arena_printf(a, "基本均衡（2012）校际均衡状况：%s", is_b ? "达标" : "未达标"));
    if (r->verdict) {
        bool is_v = r->verdict->is_passed;
        text(&p, FONT, 11, true, is_v ? 0.1 : 0.75, is_v ? 0.45 : 0.1, 0.1,
             arena_printf(a, "优质均衡完整结论（四个方面均须达标）：%s", status_zh(r->verdict->status)));
        for (size_t i = 0; i < r->verdict->n_reasons && i < 8; i++)
            text(&p, FONT, 9, false, 0.55, 0.1, 0.1, r->verdict->reasons_zh[i]);
        if (r->verdict->n_reasons > 8)
            text(&p, FONT, 9, false, 0.55, 0.1, 0.1, arena_printf(a, "……共 %zu 项，见下文", r->verdict->n_reasons));
    }
    buf_t src;
    buf_init(&src);
    for (size_t i = 0; i < r->rules->n_sources; i++)
        buf_printf(&src, "%s%s", i ? "；" : "", r->rules->sources[i]);
    text(&p, FONT, 8.5, false, 0.4, 0.4, 0.4,
         arena_printf(a,
                      "差异系数按在校生加权计算（全县生均值 = 资源总量 ÷ 学生总数）；一贯制、完全中学按 1 : 1.1 : 1.32 "
                      "的权重拆分。适用标准文件：%s。",
                      src.p ? src.p : ""));
    buf_free(&src);
    if (r->verdict) verdict_section(&p, a, r->verdict);
    for (size_t i = 0; i < r->result->n_groups; i++)
        group_section(&p, a, &r->result->groups[i]);
    if (r->n_plan_lines) {
        heading(&p, "达标测算（最少补充方案）");
        text(&p, FONT, 10, false, 0.1, 0.1, 0.1,
             arena_printf(a, "合计约 %.1f 万元（按学段计算的理论下限 %.1f 万元）；按方案补充后重新评估：%s。",
                          r->plan_total / 1e4, r->plan_lower_bound / 1e4,
                          r->is_plan_passing ? "全部达标" : "仍未全部达标"));
        static const double w4[] = {170, 170, 90, 69};
        const char *head4[] = {"学校", "补充", "数量", "费用（万元）"};
        row(&p, head4, w4, 4, true, NULL);
        for (size_t i = 0; i < r->n_plan_lines; i++) {
            const balance_report_line_t *x = &r->plan_lines[i];
            const char *cells[] = {x->school, x->item, arena_printf(a, "%.0f %s", x->amount, x->unit ? x->unit : ""),
                                   arena_printf(a, "%.1f", x->cost / 1e4)};
            row(&p, cells, w4, 4, false, NULL);
        }
    }
    if (r->n_excluded) {
        heading(&p, "未纳入计算的学校");
        for (size_t i = 0; i < r->n_excluded; i++)
            text(&p, FONT, 9, false, 0.25, 0.25, 0.25,
                 arena_printf(a, "%s（%s）：%s", r->excluded[i].name, r->excluded[i].code,
                              zh_of(a, r->excluded[i].reason)));
    }
    footer(&p);
    cairo_show_page(p.cr);
    cairo_status_t st = cairo_status(p.cr);
    cairo_destroy(p.cr);
    cairo_surface_finish(p.s);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(p.s);
    cairo_surface_destroy(p.s);
    if (st != CAIRO_STATUS_SUCCESS)
        return err_newf(a, ERR_INTERNAL, NULL, "生成评估报告 PDF 失败：%s", "cannot render the report PDF: %s",
                        cairo_status_to_string(st));
    return NULL;
}
