#include "docs/balance/balance_xlsx.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "util/buf.h"

typedef struct fmts {
    lxw_format *title, *head, *text, *num2, *num4, *num0, *bad, *short_, *cv_bad, *ok, *fail, *label;
} fmts_t;

static lxw_format *fmt(lxw_workbook *wb, bool is_bold, uint32_t bg, uint32_t color, const char *num, bool is_center) {
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 10);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (is_center) format_set_align(f, LXW_ALIGN_CENTER);
    if (is_bold) format_set_bold(f);
    if (bg) format_set_bg_color(f, bg);
    if (color) format_set_font_color(f, color);
    if (num) format_set_num_format(f, num);
    return f;
}

static void make_formats(lxw_workbook *wb, fmts_t *f) {
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    format_set_font_name(f->title, "黑体");
    format_set_align(f->title, LXW_ALIGN_CENTER);
    format_set_align(f->title, LXW_ALIGN_VERTICAL_CENTER);
    f->head = fmt(wb, true, 0xEDEFF3, 0, NULL, true);
    format_set_text_wrap(f->head);
    f->text = fmt(wb, false, 0, 0, NULL, false);
    f->label = fmt(wb, true, 0xF5F7FA, 0, NULL, false);
    f->num0 = fmt(wb, false, 0, 0, "0", false);
    f->num2 = fmt(wb, false, 0, 0, "0.00", false);
    f->num4 = fmt(wb, false, 0, 0, "0.0000", false);
    f->bad = fmt(wb, true, 0xFDE2E2, 0xC45656, "0.00", false);
    f->short_ = fmt(wb, false, 0xFDF0DC, 0, "0.00", false);
    f->cv_bad = fmt(wb, true, 0xFDE2E2, 0xC45656, "0.0000", false);
    f->ok = fmt(wb, false, 0, 0x529B2E, NULL, true);
    f->fail = fmt(wb, true, 0, 0xC45656, NULL, true);
}

/* The Chinese half of a "中文 / English" text. */
static const char *zh(arena_t *a, const char *s) {
    const char *slash = s ? strstr(s, " / ") : NULL;
    return slash ? arena_strndup(a, s, (size_t)(slash - s)) : (s ? s : "");
}

static void quality_sheet(arena_t *a, lxw_workbook *wb, const fmts_t *f, const balance_xlsx_t *x,
                          const balance_group_t *g) {
    const balance_rules_t *r = x->rules;
    const char *sec = bal_section_label_zh(g->section);
    lxw_worksheet *ws = workbook_add_worksheet(wb, arena_printf(a, "优质均衡-%s", sec));
    size_t n = r->n_quality;
    lxw_col_t last = (lxw_col_t)(4 + n + 2);
    worksheet_merge_range(ws, 0, 0, 0, last,
                          arena_printf(a, "%s义务教育优质均衡发展资源配置指标统计表（%s，%lld–%lld 学年）",
                                       x->county_name, sec, (long long)x->school_year, (long long)x->school_year + 1),
                          f->title);
    worksheet_set_row(ws, 0, 30, NULL);
    const char *head[] = {"序号", "学校标识码", "学校名称", "在校生数"};
    for (int c = 0; c < 4; c++)
        worksheet_write_string(ws, 1, (lxw_col_t)c, head[c], f->head);
    for (size_t k = 0; k < n; k++)
        worksheet_write_string(ws, 1, (lxw_col_t)(4 + k),
                               arena_printf(a, "%s（%s）", r->quality[k].name_zh, r->quality[k].unit), f->head);
    worksheet_write_string(ws, 1, (lxw_col_t)(4 + n), "达标项数", f->head);
    worksheet_write_string(ws, 1, (lxw_col_t)(5 + n), "是否达标", f->head);
    worksheet_write_string(ws, 1, last, "未达标原因", f->head);
    worksheet_set_row(ws, 1, 54, NULL);
    worksheet_merge_range(ws, 2, 0, 2, 3, "标准（每所学校至少 6 项达到，余项不低于 85%）", f->label);
    for (size_t k = 0; k < n; k++)
        worksheet_write_number(ws, 2, (lxw_col_t)(4 + k), r->quality[k].threshold[g->section], f->num2);
    lxw_row_t row = 3;
    for (size_t i = 0; i < g->n_schools; i++, row++) {
        const balance_school_result_t *s = &g->schools[i];
        const balance_unit_t *u = &x->units[s->unit];
        worksheet_write_number(ws, row, 0, (double)(i + 1), f->num0);
        worksheet_write_string(ws, row, 1, u->code, f->text);
        worksheet_write_string(ws, row, 2, u->name, f->text);
        worksheet_write_number(ws, row, 3, u->students, f->num0);
        for (size_t k = 0; k < n; k++) {
            lxw_format *cf = s->q_is_met[k] ? f->num2 : s->q_ratio[k] < r->rest_min_ratio ? f->bad : f->short_;
            worksheet_write_number(ws, row, (lxw_col_t)(4 + k), s->q_value[k], cf);
        }
        worksheet_write_number(ws, row, (lxw_col_t)(4 + n), s->n_met, f->num0);
        worksheet_write_string(ws, row, (lxw_col_t)(5 + n), s->is_passed ? "达标" : "未达标",
                               s->is_passed ? f->ok : f->fail);
        worksheet_write_string(ws, row, last, s->why ? zh(a, s->why) : "", f->text);
    }
    worksheet_merge_range(ws, row, 0, row, 2, "县域值（资源总量 ÷ 学生总数）", f->label);
    worksheet_write_number(ws, row, 3, g->students, f->num0);
    for (size_t k = 0; k < n; k++)
        worksheet_write_number(ws, row, (lxw_col_t)(4 + k), g->q_mean[k], f->num2);
    row++;
    worksheet_merge_range(ws, row, 0, row, 3, "差异系数（按在校生加权）", f->label);
    for (size_t k = 0; k < n; k++)
        worksheet_write_number(ws, row, (lxw_col_t)(4 + k), g->q_cv[k], g->q_cv_ok[k] ? f->num4 : f->cv_bad);
    row++;
    worksheet_merge_range(ws, row, 0, row, 3, "差异系数标准", f->label);
    for (size_t k = 0; k < n; k++)
        worksheet_write_string(ws, row, (lxw_col_t)(4 + k), arena_printf(a, "≤%.2f", r->cv_limit[g->section]), f->text);
    row++;
    worksheet_merge_range(ws, row, 0, row, 3, "结论", f->label);
    worksheet_merge_range(ws, row, 4, row, last,
                          arena_printf(a, "%s：%zu 所学校未达到学校标准，%zu 项差异系数超过 %.2f",
                                       g->is_quality_passed ? "达标" : "未达标", g->n_failing_schools, g->n_cv_failing,
                                       r->cv_limit[g->section]),
                          g->is_quality_passed ? f->ok : f->fail);
    worksheet_set_column(ws, 0, 0, 5, NULL);
    worksheet_set_column(ws, 1, 1, 12, NULL);
    worksheet_set_column(ws, 2, 2, 28, NULL);
    worksheet_set_column(ws, 3, 3, 8, NULL);
    worksheet_set_column(ws, 4, (lxw_col_t)(3 + n), 13, NULL);
    worksheet_set_column(ws, (lxw_col_t)(4 + n), (lxw_col_t)(5 + n), 8, NULL);
    worksheet_set_column(ws, last, last, 40, NULL);
    worksheet_freeze_panes(ws, 3, 3);
}

static void basic_sheet(arena_t *a, lxw_workbook *wb, const fmts_t *f, const balance_xlsx_t *x,
                        const balance_group_t *g) {
    const balance_rules_t *r = x->rules;
    const char *sec = bal_section_label_zh(g->section);
    lxw_worksheet *ws = workbook_add_worksheet(wb, arena_printf(a, "基本均衡-%s", sec));
    size_t n = r->n_basic;
    lxw_col_t last = (lxw_col_t)(3 + n);
    worksheet_merge_range(ws, 0, 0, 0, last,
                          arena_printf(a, "%s义务教育学校校际差异系数统计表（%s，%lld–%lld 学年）", x->county_name, sec,
                                       (long long)x->school_year, (long long)x->school_year + 1),
                          f->title);
    worksheet_set_row(ws, 0, 30, NULL);
    const char *head[] = {"序号", "学校标识码", "学校名称", "在校生数"};
    for (int c = 0; c < 4; c++)
        worksheet_write_string(ws, 1, (lxw_col_t)c, head[c], f->head);
    for (size_t k = 0; k < n; k++)
        worksheet_write_string(ws, 1, (lxw_col_t)(4 + k),
                               *r->basic[k].unit ? arena_printf(a, "%s（%s）", r->basic[k].name_zh, r->basic[k].unit)
                                                 : r->basic[k].name_zh,
                               f->head);
    worksheet_set_row(ws, 1, 54, NULL);
    lxw_row_t row = 2;
    for (size_t i = 0; i < g->n_schools; i++, row++) {
        const balance_school_result_t *s = &g->schools[i];
        const balance_unit_t *u = &x->units[s->unit];
        worksheet_write_number(ws, row, 0, (double)(i + 1), f->num0);
        worksheet_write_string(ws, row, 1, u->code, f->text);
        worksheet_write_string(ws, row, 2, u->name, f->text);
        worksheet_write_number(ws, row, 3, u->students, f->num0);
        for (size_t k = 0; k < n; k++)
            worksheet_write_number(ws, row, (lxw_col_t)(4 + k), s->b_value[k], f->num4);
    }
    worksheet_merge_range(ws, row, 0, row, 2, "县域值", f->label);
    worksheet_write_number(ws, row, 3, g->students, f->num0);
    for (size_t k = 0; k < n; k++)
        worksheet_write_number(ws, row, (lxw_col_t)(4 + k), g->b_mean[k], f->num4);
    row++;
    worksheet_merge_range(ws, row, 0, row, 3, "差异系数", f->label);
    for (size_t k = 0; k < n; k++)
        worksheet_write_number(ws, row, (lxw_col_t)(4 + k), g->b_cv[k], f->num4);
    row++;
    worksheet_merge_range(ws, row, 0, row, 3, "综合差异系数", f->label);
    worksheet_write_number(ws, row, 4, g->composite_cv, g->is_basic_passed ? f->num4 : f->cv_bad);
    worksheet_merge_range(
        ws, row, 5, row, last,
        arena_printf(a, "标准 ≤%.2f：%s", r->composite_limit[g->section], g->is_basic_passed ? "达标" : "未达标"),
        g->is_basic_passed ? f->ok : f->fail);
    worksheet_set_column(ws, 0, 0, 5, NULL);
    worksheet_set_column(ws, 1, 1, 12, NULL);
    worksheet_set_column(ws, 2, 2, 28, NULL);
    worksheet_set_column(ws, 3, 3, 8, NULL);
    worksheet_set_column(ws, 4, last, 13, NULL);
    worksheet_freeze_panes(ws, 2, 3);
}

static const char *status_zh(const char *status) {
    if (strcmp(status, "met") == 0 || strcmp(status, "passed") == 0) return "达标";
    if (strcmp(status, "failed") == 0) return "未达标";
    return "无法评估";
}

/* The rows of one part: the part's line, then an item per row with its checks' values. */
static lxw_row_t verdict_part_rows(arena_t *a, lxw_worksheet *ws, const fmts_t *f, const verdict_part_t *p,
                                   lxw_row_t row) {
    bool is_ok = strcmp(p->status, "passed") == 0;
    worksheet_write_string(ws, row, 0, p->label_zh, f->label);
    worksheet_merge_range(ws, row, 1, row, 2, "", f->label);
    worksheet_write_string(ws, row, 1, arena_printf(a, "%zu 项", p->n_items), f->label);
    worksheet_write_string(ws, row, 3, status_zh(p->status), is_ok ? f->ok : f->fail);
    row++;
    for (size_t i = 0; i < p->n_items; i++, row++) {
        const verdict_item_result_t *x = &p->items[i];
        buf_t vals;
        buf_init(&vals);
        for (size_t k = 0; x->has_value && k < x->item->n_checks; k++)
            buf_printf(&vals, "%s%s %g%s", k ? "；" : "", x->item->checks[k].label_zh, x->value[k],
                       x->item->checks[k].unit);
        worksheet_write_string(ws, row, 0, "", f->text);
        worksheet_write_string(ws, row, 1, x->item->key, f->text);
        worksheet_write_string(ws, row, 2, x->item->name_zh, f->text);
        worksheet_write_string(ws, row, 3, arena_printf(a, "%s%s", status_zh(x->status), x->is_simulated ? "（模拟）" : ""),
                               strcmp(x->status, "met") == 0 ? f->ok : f->fail);
        worksheet_write_string(ws, row, 4, vals.p ? vals.p : "", f->text);
        worksheet_write_string(ws, row, 5, x->why_zh ? x->why_zh : "", f->text);
        buf_free(&vals);
    }
    return row;
}

static void verdict_sheet(arena_t *a, lxw_workbook *wb, const fmts_t *f, const balance_xlsx_t *x) {
    const verdict_t *v = x->verdict;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "完整结论");
    worksheet_merge_range(ws, 0, 0, 0, 5,
                          arena_printf(a, "%s %lld–%lld 学年优质均衡完整结论：%s", x->county_name,
                                       (long long)x->school_year, (long long)x->school_year + 1, status_zh(v->status)),
                          f->title);
    const char *head[] = {"方面", "项目", "要求", "结论", "填报或计算值", "说明（未达标差距、无法评估原因）"};
    for (int c = 0; c < 6; c++)
        worksheet_write_string(ws, 1, (lxw_col_t)c, head[c], f->head);
    lxw_row_t row = 2;
    for (int i = 0; i < VERDICT_N_PARTS_2017; i++)
        row = verdict_part_rows(a, ws, f, &v->parts[i], row);
    verdict_part_rows(a, ws, f, &v->basic, row);
    worksheet_set_column(ws, 0, 0, 14, NULL);
    worksheet_set_column(ws, 1, 1, 6, NULL);
    worksheet_set_column(ws, 2, 2, 50, NULL);
    worksheet_set_column(ws, 3, 3, 10, NULL);
    worksheet_set_column(ws, 4, 4, 30, NULL);
    worksheet_set_column(ws, 5, 5, 50, NULL);
    worksheet_freeze_panes(ws, 2, 0);
}

err_t *balance_xlsx_write(arena_t *a, const char *path, const balance_xlsx_t *x) {
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return err_new(a, ERR_INTERNAL, NULL, "无法创建表格文件", "cannot create the workbook");
    fmts_t f;
    make_formats(wb, &f);
    for (size_t i = 0; i < x->result->n_groups; i++) {
        if (x->is_quality)
            quality_sheet(a, wb, &f, x, &x->result->groups[i]);
        else
            basic_sheet(a, wb, &f, x, &x->result->groups[i]);
    }
    if (!x->result->n_groups) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, "无数据");
        worksheet_write_string(ws, 0, 0, "该学年没有基础数据", NULL);
    }
    if (x->verdict) verdict_sheet(a, wb, &f, x);
    lxw_error rc = workbook_close(wb);
    if (rc != LXW_NO_ERROR) {
        unlink(path);
        return err_newf(a, ERR_INTERNAL, NULL, "写表格文件失败：%s", "cannot write the workbook: %s", lxw_strerror(rc),
                        lxw_strerror(rc));
    }
    return NULL;
}
