#include "docs/visits/visit_doc.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/pdf_text.h"

/* A4 portrait in points; margins of about 25 mm top and 20 mm sides, as 公文 pages have. */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN_X 56.0
#define MARGIN_TOP 62.0
#define MARGIN_BOTTOM 64.0
#define CONTENT_W (PAGE_W - 2 * MARGIN_X)

#define FONT_SERIF "Noto Serif CJK SC"
#define FONT_SANS "Noto Sans CJK SC"

typedef struct rgb {
    double r, g, b;
} rgb_t;
#define RGB(hex) ((rgb_t){((hex) >> 16 & 0xFF) / 255.0, ((hex) >> 8 & 0xFF) / 255.0, ((hex)&0xFF) / 255.0})
#define C_RED RGB(0xD40000) /* 公文红 */
#define C_INK RGB(0x1A1A1A)
#define C_GREY RGB(0x666666)
#define C_RULE RGB(0x9A9A9A)
#define C_HEAD_BG RGB(0xF2F2F2)
#define C_CAT_BG RGB(0xFAF3E8)
#define C_FAIL RGB(0xC0392B)
#define C_OK RGB(0x2E7D32)

typedef struct doc {
    cairo_t *cr;
    cairo_surface_t *surface;
    double y;
    int page;
    const char *footer;
} doc_t;

static void set_rgb(cairo_t *cr, rgb_t c) {
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static PangoLayout *layout(doc_t *d, const char *family, bool is_bold, double size, double width, PangoAlignment align,
                           const char *text) {
    PangoLayout *l = pdf_text_layout(d->cr, family, is_bold, size, width, text);
    pango_layout_set_alignment(l, align);
    pango_layout_set_spacing(l, (int)(size * 0.25 * PANGO_SCALE));
    return l;
}

static double layout_h(PangoLayout *l) {
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    return (double)r.height / PANGO_SCALE;
}

typedef struct style {
    const char *family;
    bool is_bold;
    double size;
    rgb_t color;
    PangoAlignment align;
} style_t;

static const style_t S_BODY = {FONT_SERIF, false, 10.5, {0.1, 0.1, 0.1}, PANGO_ALIGN_LEFT};
static const style_t S_CELL = {FONT_SERIF, false, 9.5, {0.1, 0.1, 0.1}, PANGO_ALIGN_LEFT};
static const style_t S_LABEL = {FONT_SANS, true, 9.5, {0.1, 0.1, 0.1}, PANGO_ALIGN_LEFT};
static const style_t S_H2 = {FONT_SANS, true, 12, {0.1, 0.1, 0.1}, PANGO_ALIGN_LEFT};
static const style_t S_SMALL = {FONT_SANS, false, 8, {0.4, 0.4, 0.4}, PANGO_ALIGN_LEFT};

static double text_h(doc_t *d, const style_t *st, double w, const char *text) {
    PangoLayout *l = layout(d, st->family, st->is_bold, st->size, w, st->align, text);
    double h = layout_h(l);
    g_object_unref(l);
    return h;
}

static double draw_text(doc_t *d, const style_t *st, double x, double y, double w, const char *text) {
    PangoLayout *l = layout(d, st->family, st->is_bold, st->size, w, st->align, text);
    double h = layout_h(l);
    cairo_save(d->cr);
    set_rgb(d->cr, st->color);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, l);
    cairo_restore(d->cr);
    g_object_unref(l);
    return h;
}

static void draw_footer(doc_t *d) {
    char no[32];
    snprintf(no, sizeof no, "— %d —", d->page);
    style_t st = {FONT_SERIF, false, 10, C_INK, PANGO_ALIGN_CENTER};
    draw_text(d, &st, MARGIN_X, PAGE_H - MARGIN_BOTTOM + 22, CONTENT_W, no);
    if (d->footer) {
        style_t sm = S_SMALL;
        sm.align = PANGO_ALIGN_RIGHT;
        draw_text(d, &sm, MARGIN_X, PAGE_H - MARGIN_BOTTOM + 24, CONTENT_W, d->footer);
    }
}

static void new_page(doc_t *d) {
    draw_footer(d);
    cairo_show_page(d->cr);
    d->page++;
    d->y = MARGIN_TOP;
}

/* Starts a new page unless h points fit below y. */
static void need(doc_t *d, double h) {
    if (d->y + h > PAGE_H - MARGIN_BOTTOM) new_page(d);
}

/* The 红头: the issuing office in red, the 文号, and the red rule (GB/T 9704 style). */
static void draw_red_header(doc_t *d, const char *office, const char *doc_no) {
    style_t st = {FONT_SERIF, true, 26, C_RED, PANGO_ALIGN_CENTER};
    PangoLayout *l = layout(d, st.family, true, st.size, CONTENT_W, PANGO_ALIGN_CENTER, office);
    /* long office names shrink to stay on one line */
    double size = st.size;
    while (pango_layout_get_line_count(l) > 1 && size > 14) {
        g_object_unref(l);
        size -= 1;
        l = layout(d, st.family, true, size, CONTENT_W, PANGO_ALIGN_CENTER, office);
    }
    cairo_save(d->cr);
    set_rgb(d->cr, C_RED);
    cairo_move_to(d->cr, MARGIN_X, d->y);
    pango_cairo_show_layout(d->cr, l);
    cairo_restore(d->cr);
    d->y += layout_h(l) + 14;
    g_object_unref(l);
    if (doc_no && *doc_no) {
        style_t no = {FONT_SERIF, false, 12, C_INK, PANGO_ALIGN_CENTER};
        d->y += draw_text(d, &no, MARGIN_X, d->y, CONTENT_W, doc_no) + 6;
    }
    cairo_save(d->cr);
    set_rgb(d->cr, C_RED);
    cairo_set_line_width(d->cr, 2.0);
    cairo_move_to(d->cr, MARGIN_X - 4, d->y);
    cairo_line_to(d->cr, PAGE_W - MARGIN_X + 4, d->y);
    cairo_stroke(d->cr);
    cairo_restore(d->cr);
    d->y += 22;
}

static void draw_title(doc_t *d, const char *title) {
    style_t st = {FONT_SANS, true, 20, C_INK, PANGO_ALIGN_CENTER};
    d->y += draw_text(d, &st, MARGIN_X, d->y, CONTENT_W, title) + 16;
}

static void draw_h2(doc_t *d, const char *text) {
    need(d, 40);
    d->y += 6;
    d->y += draw_text(d, &S_H2, MARGIN_X, d->y, CONTENT_W, text) + 8;
}

static void cell_box(doc_t *d, double x, double y, double w, double h, const rgb_t *fill) {
    cairo_save(d->cr);
    cairo_rectangle(d->cr, x, y, w, h);
    if (fill) {
        set_rgb(d->cr, *fill);
        cairo_fill_preserve(d->cr);
    }
    set_rgb(d->cr, C_RULE);
    cairo_set_line_width(d->cr, 0.6);
    cairo_stroke(d->cr);
    cairo_restore(d->cr);
}

/* One table row: cells of the given widths, padded; the row grows to its tallest cell and
 * moves to a new page when it does not fit. */
typedef struct cell {
    const char *text;
    const style_t *style;
    const rgb_t *fill;
} cell_t;

enum { PAD = 5 };

static void table_row(doc_t *d, const double *widths, const cell_t *cells, size_t n) {
    double h = 0;
    for (size_t i = 0; i < n; i++) {
        double th = text_h(d, cells[i].style, widths[i] - 2 * PAD, cells[i].text) + 2 * PAD;
        if (th > h) h = th;
    }
    need(d, h);
    double x = MARGIN_X;
    for (size_t i = 0; i < n; i++) {
        cell_box(d, x, d->y, widths[i], h, cells[i].fill);
        draw_text(d, cells[i].style, x + PAD, d->y + PAD, widths[i] - 2 * PAD, cells[i].text);
        x += widths[i];
    }
    d->y += h;
}

/* Label/value pairs, two pairs a row. */
static void info_table(doc_t *d, const char *const *kv, size_t n_pairs) {
    static const rgb_t head = C_HEAD_BG;
    double w4[4] = {70, CONTENT_W / 2 - 70, 70, CONTENT_W / 2 - 70};
    for (size_t i = 0; i < n_pairs; i += 2) {
        if (i + 1 < n_pairs) {
            cell_t c[4] = {{kv[2 * i], &S_LABEL, &head},
                           {kv[2 * i + 1] ? kv[2 * i + 1] : "", &S_CELL, NULL},
                           {kv[2 * i + 2], &S_LABEL, &head},
                           {kv[2 * i + 3] ? kv[2 * i + 3] : "", &S_CELL, NULL}};
            table_row(d, w4, c, 4);
        } else {
            double w2[2] = {70, CONTENT_W - 70};
            cell_t c[2] = {{kv[2 * i], &S_LABEL, &head}, {kv[2 * i + 1] ? kv[2 * i + 1] : "", &S_CELL, NULL}};
            table_row(d, w2, c, 2);
        }
    }
}

static void paragraph(doc_t *d, const char *text) {
    if (!text || !*text) return;
    /* paragraphs flow across pages line by line: split at newlines and place each */
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = g_strndup(p, n);
        char *indented = g_strdup_printf("\u3000\u3000%s", line); /* two-character indent */
        double h = text_h(d, &S_BODY, CONTENT_W, indented);
        need(d, h > PAGE_H / 2 ? 20 : h);
        d->y += draw_text(d, &S_BODY, MARGIN_X, d->y, CONTENT_W, indented) + 4;
        g_free(indented);
        g_free(line);
        p += n;
        if (*p == '\n') p++;
    }
}

/* ---------------- photos ---------------- */

static uint16_t be16(const unsigned char *p) {
    return (uint16_t)(p[0] << 8 | p[1]);
}

static bool jpeg_size(const unsigned char *d, size_t n, int *w, int *h) {
    if (n < 4 || d[0] != 0xFF || d[1] != 0xD8) return false;
    size_t i = 2;
    while (i + 9 < n) {
        if (d[i] != 0xFF) return false;
        unsigned m = d[i + 1];
        size_t len = be16(d + i + 2);
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            *h = be16(d + i + 5);
            *w = be16(d + i + 7);
            return *w > 0 && *h > 0;
        }
        i += 2 + len;
    }
    return false;
}

static cairo_surface_t *photo_surface(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    unsigned char magic[8] = {0};
    size_t n_magic = fread(magic, 1, 8, f);
    if (n_magic == 8 && memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0) {
        fclose(f);
        cairo_surface_t *s = cairo_image_surface_create_from_png(path);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(s);
            return NULL;
        }
        return s;
    }
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return NULL;
    }
    long len = ftell(f);
    rewind(f);
    if (len <= 0 || len > 32 * 1024 * 1024) {
        fclose(f);
        return NULL;
    }
    unsigned char *data = malloc((size_t)len);
    if (!data) abort();
    size_t got = fread(data, 1, (size_t)len, f);
    fclose(f);
    int w = 0, h = 0;
    if (got != (size_t)len || !jpeg_size(data, got, &w, &h)) {
        free(data);
        return NULL;
    }
    /* the JPEG goes into the PDF as is (DCTDecode); the surface only carries its size */
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, data, got, free, data) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        free(data);
        return NULL;
    }
    return s;
}

static void draw_photos(doc_t *d, const visit_doc_photo_t *ph, size_t n) {
    if (n == 0) return;
    draw_h2(d, "现场照片");
    const double gap = 12, w = (CONTENT_W - gap) / 2, box_h = w * 0.72;
    for (size_t i = 0; i < n; i += 2) {
        double cap_h = 0;
        for (size_t k = i; k < i + 2 && k < n; k++) {
            double hh = text_h(d, &S_SMALL, w, ph[k].caption);
            if (hh > cap_h) cap_h = hh;
        }
        need(d, box_h + cap_h + 14);
        for (size_t k = i; k < i + 2 && k < n; k++) {
            double x = MARGIN_X + (double)(k - i) * (w + gap);
            cell_box(d, x, d->y, w, box_h, &(rgb_t){0.97, 0.97, 0.97});
            cairo_surface_t *s = photo_surface(ph[k].path);
            if (s) {
                int iw = cairo_image_surface_get_width(s), ih = cairo_image_surface_get_height(s);
                double sc = (w - 4) / iw < (box_h - 4) / ih ? (w - 4) / iw : (box_h - 4) / ih;
                double dw = iw * sc, dh = ih * sc;
                cairo_save(d->cr);
                cairo_translate(d->cr, x + (w - dw) / 2, d->y + (box_h - dh) / 2);
                cairo_scale(d->cr, sc, sc);
                cairo_set_source_surface(d->cr, s, 0, 0);
                cairo_paint(d->cr);
                cairo_restore(d->cr);
                cairo_surface_destroy(s);
            } else {
                style_t st = {FONT_SANS, false, 9, C_GREY, PANGO_ALIGN_CENTER};
                draw_text(d, &st, x, d->y + box_h / 2 - 6, w, "照片无法读取");
            }
            draw_text(d, &S_SMALL, x, d->y + box_h + 3, w, ph[k].caption);
        }
        d->y += box_h + cap_h + 14;
    }
}

/* ---------------- the documents ---------------- */

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int length) {
    buf_append((buf_t *)closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

static void doc_open(doc_t *d, buf_t *out, const char *title, const char *author) {
    memset(d, 0, sizeof *d);
    d->surface = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_AUTHOR, author);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "dudao");
    d->cr = cairo_create(d->surface);
    d->page = 1;
    d->y = MARGIN_TOP;
}

static err_t *doc_close(arena_t *a, doc_t *d) {
    draw_footer(d);
    cairo_show_page(d->cr);
    cairo_status_t st = cairo_status(d->cr);
    cairo_destroy(d->cr);
    cairo_surface_finish(d->surface);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(d->surface);
    cairo_surface_destroy(d->surface);
    if (st != CAIRO_STATUS_SUCCESS)
        return err_newf(a, ERR_INTERNAL, NULL, "生成 PDF 失败：%s", "cannot render the PDF: %s",
                        cairo_status_to_string(st), cairo_status_to_string(st));
    return NULL;
}

static err_t *doc_check(arena_t *a, const visit_doc_t *v) {
    if (!v->office_name || !*v->office_name)
        return err_new(a, ERR_INVALID, "office_name", "缺少督导室名称", "office name is missing");
    if (!v->school_name || !*v->school_name)
        return err_new(a, ERR_INVALID, "school_name", "缺少督导对象", "the visited school is missing");
    return NULL;
}

static const char *or_dash(const char *s) {
    return s && *s ? s : "—";
}

static char *result_text(const visit_doc_t *v) {
    if (v->is_veto_failed) return g_strdup_printf("%s 分 · 不合格（一票否决）", v->score ? v->score : "—");
    if (!v->score) return g_strdup("—");
    if (!v->grade || !*v->grade) return g_strdup_printf("%s 分", v->score);
    return g_strdup_printf("%s 分 · %s", v->score, v->grade);
}

err_t *visit_doc_record_pdf(arena_t *a, const visit_doc_t *v, buf_t *out) {
    err_t *e = doc_check(a, v);
    if (e) return e;
    doc_t d;
    char *title = g_strdup_printf("督导记录表 - %s - %s", v->school_name, or_dash(v->visit_date));
    doc_open(&d, out, title, v->office_name);
    g_free(title);
    d.footer = "dudao 教育督导平台生成";
    draw_red_header(&d, v->office_name, NULL);
    draw_title(&d, "责任督学督导记录表");
    char *result = result_text(v);
    const char *kv[] = {
        "督导对象",   v->school_name,
        "学校标识码", or_dash(v->school_code),
        "所在地区",   or_dash(v->region_name),
        "督导日期",   or_dash(v->visit_date),
        "督导任务",   or_dash(v->task_title),
        "督导类型",   or_dash(v->task_kind),
        "通知方式",   or_dash(v->notice_mode),
        "督导人员",   or_dash(v->inspectors),
        "现场签到",   or_dash(v->checkin),
        "提交时间",   or_dash(v->submitted_at),
        "指标体系",   or_dash(v->framework_name),
        "督导结果",   result,
    };
    info_table(&d, kv, sizeof kv / sizeof kv[0] / 2);
    g_free(result);

    draw_h2(&d, "督导事项及结果");
    static const rgb_t head = C_HEAD_BG, cat = C_CAT_BG;
    const double w[4] = {48, CONTENT_W - 48 - 78 - 150, 78, 150};
    cell_t hdr[4] = {{"编号", &S_LABEL, &head},
                     {"督导事项", &S_LABEL, &head},
                     {"结果", &S_LABEL, &head},
                     {"情况说明", &S_LABEL, &head}};
    table_row(&d, w, hdr, 4);
    const char *last_cat = NULL;
    for (size_t i = 0; i < v->n_items; i++) {
        const visit_doc_item_t *it = &v->items[i];
        if (it->category && (!last_cat || strcmp(last_cat, it->category) != 0)) {
            double wc[1] = {CONTENT_W};
            cell_t c[1] = {{it->category, &S_LABEL, &cat}};
            table_row(&d, wc, c, 1);
            last_cat = it->category;
        }
        char *text = g_strdup_printf("%s%s", it->text, it->is_veto ? "（一票否决）" : "");
        char *ans =
            g_strdup_printf("%s%s%s", it->is_failed ? "✗ " : "", it->answer && *it->answer ? it->answer : "未填",
                            it->is_flagged ? "（需跟进）" : "");
        style_t as = S_CELL;
        as.color = it->is_failed ? C_FAIL : C_INK;
        as.is_bold = it->is_failed;
        cell_t c[4] = {{it->code, &S_CELL, NULL},
                       {text, &S_CELL, NULL},
                       {ans, &as, NULL},
                       {it->note ? it->note : "", &S_CELL, NULL}};
        table_row(&d, w, c, 4);
        g_free(text);
        g_free(ans);
    }
    if (v->notes && *v->notes) {
        draw_h2(&d, "督导意见与建议");
        paragraph(&d, v->notes);
    }
    draw_photos(&d, v->photos, v->n_photos);
    if (v->n_amendments) {
        draw_h2(&d, "更正记录");
        for (size_t i = 0; i < v->n_amendments; i++) {
            need(&d, 16);
            d.y += draw_text(&d, &S_CELL, MARGIN_X, d.y, CONTENT_W, v->amendments[i]) + 3;
        }
    }
    need(&d, 60);
    d.y += 24;
    char *sign = g_strdup_printf("督学签名：%s", or_dash(v->inspectors));
    d.y += draw_text(&d, &S_BODY, MARGIN_X, d.y, CONTENT_W / 2, sign);
    g_free(sign);
    style_t right = S_BODY;
    right.align = PANGO_ALIGN_RIGHT;
    draw_text(&d, &right, MARGIN_X, d.y - 16, CONTENT_W, "学校负责人签字：____________");
    return doc_close(a, &d);
}

err_t *visit_doc_opinion_pdf(arena_t *a, const visit_doc_t *v, buf_t *out) {
    err_t *e = doc_check(a, v);
    if (e) return e;
    if (!v->doc_no || !*v->doc_no)
        return err_new(a, ERR_INVALID, "doc_no", "缺少文号", "the document number is missing");
    doc_t d;
    char *title = g_strdup_printf("督导意见书 %s - %s", v->doc_no, v->school_name);
    doc_open(&d, out, title, v->office_name);
    g_free(title);
    draw_red_header(&d, v->office_name, v->doc_no);
    draw_title(&d, "督导意见书");
    style_t to = S_BODY;
    to.size = 12;
    char *addr = g_strdup_printf("%s：", v->school_name);
    d.y += draw_text(&d, &to, MARGIN_X, d.y, CONTENT_W, addr) + 8;
    g_free(addr);
    char *intro = g_strdup_printf("根据《教育督导条例》和《中小学校责任督学挂牌督导办法》，%s于 %s 对你单位开展了%s"
                                  "（%s），督导人员：%s。现将督导意见反馈如下。",
                                  v->office_name, or_dash(v->visit_date), or_dash(v->task_kind),
                                  or_dash(v->notice_mode), or_dash(v->inspectors));
    paragraph(&d, intro);
    g_free(intro);
    draw_h2(&d, "一、督导评价");
    char *result = result_text(v);
    char *res_line = g_strdup_printf("本次督导依据%s，结果：%s。", or_dash(v->framework_name), result);
    paragraph(&d, res_line);
    g_free(res_line);
    g_free(result);
    paragraph(&d, v->evaluation);
    draw_h2(&d, "二、存在的问题及整改要求");
    if (v->n_findings == 0) {
        paragraph(&d, "本次督导未发现需整改的问题。");
    } else {
        static const rgb_t head = C_HEAD_BG;
        const double w5[5] = {28, CONTENT_W - 28 - 44 - 150 - 70, 44, 150, 70};
        cell_t hdr[5] = {{"序号", &S_LABEL, &head},
                         {"问题", &S_LABEL, &head},
                         {"等级", &S_LABEL, &head},
                         {"整改要求", &S_LABEL, &head},
                         {"整改期限", &S_LABEL, &head}};
        table_row(&d, w5, hdr, 5);
        for (size_t i = 0; i < v->n_findings; i++) {
            char no[24];
            snprintf(no, sizeof no, "%zu", i + 1);
            const visit_doc_finding_t *f = &v->findings[i];
            style_t sev = S_CELL;
            if (strcmp(f->severity, "红线") == 0) sev.color = C_FAIL, sev.is_bold = true;
            cell_t c[5] = {{no, &S_CELL, NULL},
                           {f->text, &S_CELL, NULL},
                           {f->severity, &sev, NULL},
                           {f->requirement && *f->requirement ? f->requirement : "立即整改，举一反三，建立长效机制。",
                            &S_CELL, NULL},
                           {or_dash(f->deadline ? f->deadline : v->deadline), &S_CELL, NULL}};
            table_row(&d, w5, c, 5);
        }
    }
    d.y += 8;
    draw_h2(&d, "三、整改报告");
    char *req =
        g_strdup_printf("请你单位对照上述问题认真整改，于 %s 前将整改情况书面报告%s（条例第二十二条），"
                        "督导室将组织核查（回头看）。对督导意见有异议的，可在收到本意见书之日起 15 日内提出申辩。",
                        or_dash(v->deadline), v->office_name);
    paragraph(&d, req);
    g_free(req);
    need(&d, 90);
    d.y += 36;
    style_t right = S_BODY;
    right.align = PANGO_ALIGN_RIGHT;
    right.size = 12;
    d.y += draw_text(&d, &right, MARGIN_X, d.y, CONTENT_W - 20, v->office_name) + 6;
    draw_text(&d, &right, MARGIN_X, d.y, CONTENT_W - 20, or_dash(v->issued_on));
    return doc_close(a, &d);
}
