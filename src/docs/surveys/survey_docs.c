#include "docs/surveys/survey_docs.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "docs/pdf_text.h"

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 36.0
#define FONT "Noto Sans CJK SC"

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int n) {
    buf_append(closure, data, n);
    return CAIRO_STATUS_SUCCESS;
}

static double show(cairo_t *cr, double x, double y, double w, double size, bool is_bold, const char *s) {
    PangoLayout *l = pdf_text_layout(cr, FONT, is_bold, size, w, s);
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
    return (double)r.height / PANGO_SCALE;
}

static void draw_qr(cairo_t *cr, const QRcode *q, double x, double y, double size) {
    double mod = size / (q->width + 4);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < q->width; r++)
        for (int c = 0; c < q->width; c++)
            if (q->data[r * q->width + c] & 1) cairo_rectangle(cr, x + (c + 2) * mod, y + (r + 2) * mod, mod, mod);
    cairo_fill(cr);
}

static err_t *finish(arena_t *a, cairo_t *cr, cairo_surface_t *s) {
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_status_t st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    return st == CAIRO_STATUS_SUCCESS ? NULL : err_new(a, ERR_INTERNAL, NULL, "生成 PDF 失败", "PDF rendering failed");
}

enum { SLIP_COLS = 2, SLIP_ROWS = 5 };

static void slip(cairo_t *cr, const char *title, const char *office, const survey_slip_t *sl, const QRcode *q, double x,
                 double y, double w, double h) {
    cairo_save(cr);
    double dash[] = {4, 3};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 0.5);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_rectangle(cr, x, y, w, h);
    cairo_stroke(cr);
    cairo_restore(cr);
    double qs = h - 24;
    draw_qr(cr, q, x + 8, y + 12, qs);
    double tx = x + qs + 16, tw = w - qs - 24, ty = y + 12;
    cairo_set_source_rgb(cr, 0, 0, 0);
    ty += show(cr, tx, ty, tw, 10, true, title) + 4;
    char who[256];
    snprintf(who, sizeof who, "调查对象：%s%s%s", sl->group_name, sl->school_name ? " · " : "",
             sl->school_name ? sl->school_name : "");
    ty += show(cr, tx, ty, tw, 8, false, who) + 4;
    ty += show(cr, tx, ty, tw, 14, true, sl->code) + 4;
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    ty += show(cr, tx, ty, tw, 7, false,
               "微信或手机浏览器扫码作答。本码只能使用一次；作答匿名，不记录姓名、手机号和网络地址。") +
          2;
    if (office) show(cr, tx, ty, tw, 7, false, office);
}

err_t *survey_slips_pdf(arena_t *a, const char *title, const char *office, const survey_slip_t *slips, size_t n,
                        buf_t *out) {
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "dudao");
    cairo_t *cr = cairo_create(s);
    double w = (PAGE_W - 2 * MARGIN) / SLIP_COLS, h = (PAGE_H - 2 * MARGIN) / SLIP_ROWS;
    for (size_t i = 0; i < n; i++) {
        QRcode *q = QRcode_encodeString(slips[i].url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        if (!q) {
            finish(a, cr, s);
            return err_new(a, ERR_INVALID, "url", "链接过长，无法生成二维码", "the URL is too long for a QR code");
        }
        size_t k = i % (SLIP_COLS * SLIP_ROWS);
        if (i && k == 0) cairo_show_page(cr);
        slip(cr, title, office, &slips[i], q, MARGIN + (double)(k % SLIP_COLS) * w,
             MARGIN + (double)(k / SLIP_COLS) * h, w, h);
        QRcode_free(q);
    }
    if (!n) show(cr, MARGIN, MARGIN, PAGE_W - 2 * MARGIN, 12, false, "本轮没有调查码 / no codes");
    return finish(a, cr, s);
}

err_t *survey_posters_pdf(arena_t *a, const char *title, const char *institution, const char *url, const char *office,
                          const survey_poster_t *posters, size_t n, buf_t *out) {
    QRcode *q = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q) return err_new(a, ERR_INVALID, "url", "链接过长，无法生成二维码", "the URL is too long for a QR code");
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "dudao");
    cairo_t *cr = cairo_create(s);
    double w = PAGE_W - 2 * MARGIN, qs = 320;
    for (size_t i = 0; i < n; i++) {
        if (i) cairo_show_page(cr);
        const survey_poster_t *p = &posters[i];
        cairo_set_source_rgb(cr, 0, 0, 0);
        double y = MARGIN + 20;
        y += show(cr, MARGIN, y, w, 22, true, title) + 12;
        char who[512];
        snprintf(who, sizeof who, "调查对象：%s%s%s　　请 %lld 人参与", p->group_name, p->school_name ? " · " : "",
                 p->school_name ? p->school_name : "", p->target);
        y += show(cr, MARGIN, y, w, 14, false, who) + 16;
        draw_qr(cr, q, (PAGE_W - qs) / 2, y, qs);
        y += qs + 16;
        y += show(cr, MARGIN, y, w, 10, false, url) + 16;
        char note[768];
        snprintf(
            note, sizeof note,
            "微信或手机浏览器扫码作答。本调查由%s组织实施，作答数据由实施机构管理；县（市、区）教育部门和学校不接触"
            "任何作答数据。",
            institution);
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
        y += show(cr, MARGIN, y, w, 11, false, note) + 12;
        if (office) show(cr, MARGIN, y, w, 10, false, office);
    }
    if (!n) show(cr, MARGIN, MARGIN, w, 12, false, "没有发放对象 / no targets");
    QRcode_free(q);
    return finish(a, cr, s);
}

typedef struct page {
    cairo_t *cr;
    double y;
} page_t;

static void need(page_t *p, double h) {
    if (p->y + h <= PAGE_H - MARGIN) return;
    cairo_show_page(p->cr);
    p->y = MARGIN;
}

static void para(page_t *p, double size, bool is_bold, const char *s) {
    PangoLayout *l = pdf_text_layout(p->cr, FONT, is_bold, size, PAGE_W - 2 * MARGIN, s);
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    double h = (double)r.height / PANGO_SCALE;
    need(p, h);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    cairo_move_to(p->cr, MARGIN, p->y);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    p->y += h + 6;
}

static void table_row(page_t *p, const survey_report_table_t *t, const char *const *cells, bool is_head) {
    double total = PAGE_W - 2 * MARGIN, first = t->n_cols > 1 ? total * 0.46 : total;
    double rest = t->n_cols > 1 ? (total - first) / (double)(t->n_cols - 1) : 0, h = 0;
    PangoLayout *ls[6];
    for (size_t c = 0; c < t->n_cols; c++) {
        ls[c] = pdf_text_layout(p->cr, FONT, is_head, 8.5, (c ? rest : first) - 6, cells[c] ? cells[c] : "");
        PangoRectangle r;
        pango_layout_get_extents(ls[c], NULL, &r);
        if ((double)r.height / PANGO_SCALE > h) h = (double)r.height / PANGO_SCALE;
    }
    need(p, h + 6);
    double x = MARGIN;
    for (size_t c = 0; c < t->n_cols; c++) {
        cairo_move_to(p->cr, x + 3, p->y + 3);
        pango_cairo_show_layout(p->cr, ls[c]);
        g_object_unref(ls[c]);
        x += c ? rest : first;
    }
    p->y += h + 6;
    cairo_set_line_width(p->cr, 0.4);
    cairo_move_to(p->cr, MARGIN, p->y);
    cairo_line_to(p->cr, PAGE_W - MARGIN, p->y);
    cairo_stroke(p->cr);
}

err_t *survey_report_pdf(arena_t *a, const survey_report_t *r, buf_t *out) {
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, r->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "dudao");
    page_t p = {cairo_create(s), MARGIN};
    para(&p, 16, true, r->title);
    if (r->subtitle) para(&p, 10, false, r->subtitle);
    for (size_t i = 0; r->paragraphs && r->paragraphs[i]; i++)
        para(&p, 10, false, r->paragraphs[i]);
    for (size_t t = 0; t < r->n_tables; t++) {
        p.y += 8;
        para(&p, 12, true, r->tables[t].title);
        table_row(&p, &r->tables[t], r->tables[t].headers, true);
        for (size_t i = 0; i < r->tables[t].n_rows; i++)
            table_row(&p, &r->tables[t], r->tables[t].rows[i].cells, false);
    }
    return finish(a, p.cr, s);
}
