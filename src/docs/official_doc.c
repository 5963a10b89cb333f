#include "docs/official_doc.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "docs/pdf_text.h"

/* A4 in points; margins as GB/T 9704 (公文格式) roughly: 37 mm top, 28 mm left. */
enum { PAGE_W = 595, PAGE_H = 842 };
static const double MARGIN_L = 79, MARGIN_R = 74, MARGIN_T = 72, MARGIN_B = 72;
static const char *const SERIF = "Noto Serif CJK SC";
static const char *const SANS = "Noto Sans CJK SC";

typedef struct style {
    const char *family;
    bool is_bold;
    double size;
    double r, g, b;
    PangoAlignment align;
    double indent; /* first-line indent, points */
    double spacing;
} style_t;

static PangoLayout *layout_new(cairo_t *cr, const style_t *st, double width, const char *text) {
    PangoLayout *l = pdf_text_layout(cr, st->family, st->is_bold, st->size, width, text);
    pango_layout_set_alignment(l, st->align);
    if (st->indent > 0) pango_layout_set_indent(l, (int)(st->indent * PANGO_SCALE));
    if (st->spacing > 0) pango_layout_set_spacing(l, (int)(st->spacing * PANGO_SCALE));
    return l;
}

static double layout_h(PangoLayout *l) {
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    return (double)r.height / PANGO_SCALE;
}

typedef struct pen {
    cairo_t *cr;
    double y;
    int page;
} pen_t;

static void pen_new_page(pen_t *p) {
    cairo_show_page(p->cr);
    p->page++;
    p->y = MARGIN_T;
}

/* Draws text at the pen, breaking onto a new page line by line when it runs past the bottom. */
static void pen_text(pen_t *p, const style_t *st, double x, double width, const char *text) {
    PangoLayout *l = layout_new(p->cr, st, width, text);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double base_y = p->y, offset = 0;
    do {
        PangoRectangle lr;
        pango_layout_iter_get_line_extents(it, NULL, &lr);
        double top = (double)lr.y / PANGO_SCALE, h = (double)lr.height / PANGO_SCALE;
        if (base_y + top - offset + h > PAGE_H - MARGIN_B) {
            pen_new_page(p);
            offset = top;
            base_y = p->y;
        }
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        int baseline = pango_layout_iter_get_baseline(it);
        cairo_set_source_rgb(p->cr, st->r, st->g, st->b);
        cairo_move_to(p->cr, x + (double)lr.x / PANGO_SCALE, base_y - offset + (double)baseline / PANGO_SCALE);
        pango_cairo_show_layout_line(p->cr, line);
        p->y = base_y - offset + top + h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
}

static void draw_header(pen_t *p, const official_doc_t *d) {
    double w = PAGE_W - MARGIN_L - MARGIN_R;
    style_t office = {SERIF, true, 26, 0.80, 0.05, 0.05, PANGO_ALIGN_CENTER, 0, 0};
    pen_text(p, &office, MARGIN_L, w, d->office);
    p->y += 10;
    if (d->doc_no && *d->doc_no) {
        style_t no = {SERIF, false, 13, 0, 0, 0, PANGO_ALIGN_CENTER, 0, 0};
        pen_text(p, &no, MARGIN_L, w, d->doc_no);
        p->y += 6;
    }
    cairo_set_source_rgb(p->cr, 0.80, 0.05, 0.05);
    cairo_set_line_width(p->cr, 1.6);
    cairo_move_to(p->cr, MARGIN_L, p->y);
    cairo_line_to(p->cr, PAGE_W - MARGIN_R, p->y);
    cairo_stroke(p->cr);
    p->y += 22;
    style_t title = {SANS, true, 20, 0, 0, 0, PANGO_ALIGN_CENTER, 0, 0};
    pen_text(p, &title, MARGIN_L, w, d->title);
    p->y += 18;
}

/* A two-column table of the facts: label cell shaded, value wrapping; rows break across pages. */
static void draw_fields(pen_t *p, const official_doc_field_t *f, size_t n) {
    double w = PAGE_W - MARGIN_L - MARGIN_R, lw = 92, pad = 6;
    style_t label = {SANS, true, 11.5, 0.15, 0.15, 0.15, PANGO_ALIGN_LEFT, 0, 0};
    style_t value = {SERIF, false, 12, 0, 0, 0, PANGO_ALIGN_LEFT, 0, 2};
    for (size_t i = 0; i < n; i++) {
        const char *v = f[i].value && *f[i].value ? f[i].value : "—";
        PangoLayout *lv = layout_new(p->cr, &value, w - lw - 2 * pad, v);
        PangoLayout *ll = layout_new(p->cr, &label, lw - 2 * pad, f[i].label);
        double h = layout_h(lv), hl = layout_h(ll);
        if (hl > h) h = hl;
        h += 2 * pad;
        if (p->y + h > PAGE_H - MARGIN_B && h < PAGE_H - MARGIN_T - MARGIN_B) pen_new_page(p);
        cairo_set_source_rgb(p->cr, 0.94, 0.94, 0.94);
        cairo_rectangle(p->cr, MARGIN_L, p->y, lw, h);
        cairo_fill(p->cr);
        cairo_set_source_rgb(p->cr, 0.55, 0.55, 0.55);
        cairo_set_line_width(p->cr, 0.6);
        cairo_rectangle(p->cr, MARGIN_L, p->y, lw, h);
        cairo_rectangle(p->cr, MARGIN_L + lw, p->y, w - lw, h);
        cairo_stroke(p->cr);
        cairo_set_source_rgb(p->cr, label.r, label.g, label.b);
        cairo_move_to(p->cr, MARGIN_L + pad, p->y + pad);
        pango_cairo_show_layout(p->cr, ll);
        cairo_set_source_rgb(p->cr, 0, 0, 0);
        cairo_move_to(p->cr, MARGIN_L + lw + pad, p->y + pad);
        pango_cairo_show_layout(p->cr, lv);
        g_object_unref(lv);
        g_object_unref(ll);
        p->y += h;
    }
    p->y += 14;
}

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int length) {
    buf_append((buf_t *)closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

const char *official_doc_date_cn(arena_t *a, const char *date) {
    if (!date || strlen(date) < 10) return date ? arena_strdup(a, date) : "";
    return arena_printf(a, "%.4s年%d月%d日", date, atoi(date + 5), atoi(date + 8));
}

err_t *official_doc_pdf(arena_t *a, const official_doc_t *d, buf_t *out) {
    if (!d->office || !*d->office)
        return err_new(a, ERR_INVALID, "office", "缺少发文机关", "the issuing office is missing");
    if (!d->title || !*d->title) return err_new(a, ERR_INVALID, "title", "缺少标题", "the title is missing");
    if (!d->date_text || !*d->date_text) return err_new(a, ERR_INVALID, "date_text", "缺少日期", "the date is missing");
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W, PAGE_H);
    char *meta = g_strdup_printf("%s%s%s", d->title, d->doc_no ? " " : "", d->doc_no ? d->doc_no : "");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, meta);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, d->office);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "dudao");
    g_free(meta);
    cairo_t *cr = cairo_create(s);
    pen_t p = {cr, MARGIN_T, 1};
    double w = PAGE_W - MARGIN_L - MARGIN_R;
    draw_header(&p, d);
    style_t body = {SERIF, false, 14, 0, 0, 0, PANGO_ALIGN_LEFT, 28, 5};
    if (d->addressee && *d->addressee) {
        style_t to = body;
        to.indent = 0;
        pen_text(&p, &to, MARGIN_L, w, d->addressee);
        p.y += 4;
    }
    for (size_t i = 0; i < d->n_paragraphs; i++) {
        if (!d->paragraphs[i]) continue;
        pen_text(&p, &body, MARGIN_L, w, d->paragraphs[i]);
        p.y += 6;
    }
    p.y += 6;
    if (d->n_fields) draw_fields(&p, d->fields, d->n_fields);
    if (p.y + 80 > PAGE_H - MARGIN_B) pen_new_page(&p);
    p.y += 24;
    style_t sign = {SERIF, false, 14, 0, 0, 0, PANGO_ALIGN_RIGHT, 0, 4};
    pen_text(&p, &sign, MARGIN_L, w - 28, d->office);
    pen_text(&p, &sign, MARGIN_L, w - 28, d->date_text);
    if (d->copy_to && *d->copy_to) {
        p.y += 28;
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.6);
        cairo_move_to(cr, MARGIN_L, p.y);
        cairo_line_to(cr, PAGE_W - MARGIN_R, p.y);
        cairo_stroke(cr);
        p.y += 6;
        style_t cc = {SERIF, false, 12, 0, 0, 0, PANGO_ALIGN_LEFT, 0, 0};
        char *line = g_strdup_printf("抄送：%s", d->copy_to);
        pen_text(&p, &cc, MARGIN_L, w, line);
        g_free(line);
    }
    cairo_show_page(cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS)
        return err_newf(a, ERR_INTERNAL, NULL, "生成 PDF 失败：%s", "cannot render the PDF: %s",
                        cairo_status_to_string(st));
    return NULL;
}
