#include "docs/roster/plaque.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/pdf_text.h"

/* 《中小学校责任督学挂牌督导办法》（国务院教育督导委员会办公室，国教督办〔2013〕7 号）
 * 第四条：责任督学对所负责学校实施经常性督导的八个事项。 */
static const char *const plaque_items[] = {
    "校务管理和制度执行情况",           "招生、收费、择校情况",     "课程开设和课堂教学情况",
    "学生学习、体育锻炼和课业负担情况", "教师师德和专业发展情况",   "校园及周边安全情况，学生交通安全情况",
    "食堂、食品、饮水及宿舍卫生情况",   "校风、教风、学风建设情况",
};

const char *const *plaque_default_items(size_t *n_out) {
    *n_out = sizeof plaque_items / sizeof plaque_items[0];
    return plaque_items;
}

/* ------------------------------------------------------------------------------------------
 * Drawing vocabulary. The page is laid out on a virtual canvas 1000 units wide (the height
 * follows the paper's proportion), scaled to the paper; everything below is in those units,
 * so both sizes share one layout. */

enum { PQ_W = 1000 };

typedef struct rgb {
    double r, g, b;
} rgb_t;

#define RGB(hex) ((rgb_t){((hex) >> 16 & 0xFF) / 255.0, ((hex) >> 8 & 0xFF) / 255.0, ((hex)&0xFF) / 255.0})

static const char *const FONT_SERIF = "Noto Serif CJK SC";
static const char *const FONT_SANS = "Noto Sans CJK SC";

static void set_rgb(cairo_t *cr, rgb_t c) {
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

typedef struct text_style {
    const char *family;
    bool is_bold;
    double size;
    rgb_t color;
    double letter_spacing; /* extra space between characters */
    PangoAlignment align;
    bool is_single_line; /* shrink to fit the width instead of wrapping */
    double min_size;     /* shrink limit for single lines; then it wraps */
} text_style_t;

static PangoLayout *make_layout(cairo_t *cr, const text_style_t *st, double size, double width, const char *text) {
    PangoLayout *l = pdf_text_layout(cr, st->family, st->is_bold, size, width, text);
    if (st->letter_spacing > 0) {
        PangoAttrList *attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, pango_attr_letter_spacing_new((int)(st->letter_spacing * PANGO_SCALE)));
        pango_layout_set_attributes(l, attrs);
        pango_attr_list_unref(attrs);
    }
    pango_layout_set_alignment(l, st->align);
    return l;
}

static double layout_height(PangoLayout *l) {
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

static double layout_width(PangoLayout *l) {
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    return (double)logical.width / PANGO_SCALE;
}

/* Lays text out in a box `width` wide: single-line styles shrink until they fit (down to
 * min_size, then wrap). Returns the layout; the caller unrefs it. */
static PangoLayout *fit_layout(cairo_t *cr, const text_style_t *st, double width, const char *text) {
    double size = st->size;
    PangoLayout *l = make_layout(cr, st, size, width, text);
    if (!st->is_single_line) return l;
    while (pango_layout_get_line_count(l) > 1 && size > st->min_size) {
        g_object_unref(l);
        size = size * 0.95 < st->min_size ? st->min_size : size * 0.95;
        l = make_layout(cr, st, size, width, text);
    }
    return l;
}

static void show_layout(cairo_t *cr, PangoLayout *l, rgb_t color, double x, double y) {
    cairo_save(cr);
    set_rgb(cr, color);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
    cairo_restore(cr);
}

/* Draws text at (x, y) in a box `width` wide; returns the height used. */
static double draw_text(cairo_t *cr, const text_style_t *st, double x, double y, double width, const char *text) {
    PangoLayout *l = fit_layout(cr, st, width, text);
    double h = layout_height(l);
    show_layout(cr, l, st->color, x, y);
    g_object_unref(l);
    return h;
}

static double text_height(cairo_t *cr, const text_style_t *st, double width, const char *text) {
    PangoLayout *l = fit_layout(cr, st, width, text);
    double h = layout_height(l);
    g_object_unref(l);
    return h;
}

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -G_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, G_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, G_PI / 2, G_PI);
    cairo_arc(cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
    cairo_close_path(cr);
}

/* The palette of Chinese official signage: 中国红 bands, a gold rule, near-black text. */
#define C_RED RGB(0xB3141C)
#define C_DARK_RED RGB(0x8C0F15)
#define C_GOLD RGB(0xC9A04E)
#define C_TITLE RGB(0xFFE7A6)
#define C_INK RGB(0x1E1E1E)
#define C_GREY RGB(0x6B6B6B)
#define C_PAPER RGB(0xFFFDF8)
#define C_PHOTO_BG RGB(0xF3EEE4)
#define C_WHITE RGB(0xFFFFFF)

/* ------------------------------------------------------------------------------------------
 * Photo */

typedef struct photo {
    cairo_surface_t *surface;
    int width, height; /* as stored */
    int orientation;   /* EXIF 1..8 */
} photo_t;

static uint16_t be16(const unsigned char *p) {
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint16_t tiff16(const unsigned char *p, bool is_le) {
    return is_le ? (uint16_t)(p[1] << 8 | p[0]) : be16(p);
}

static uint32_t tiff32(const unsigned char *p, bool is_le) {
    return is_le ? (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0]
                 : (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The orientation tag of an EXIF block (the APP1 payload after "Exif\0\0"); 1 when absent. */
static int exif_orientation(const unsigned char *t, size_t n) {
    if (n < 8) return 1;
    bool is_le = t[0] == 'I' && t[1] == 'I';
    if (!is_le && !(t[0] == 'M' && t[1] == 'M')) return 1;
    uint32_t ifd = tiff32(t + 4, is_le);
    if (ifd > n - 2) return 1;
    unsigned n_entries = tiff16(t + ifd, is_le);
    for (unsigned i = 0; i < n_entries; i++) {
        size_t e = ifd + 2 + (size_t)i * 12;
        if (e + 12 > n) break;
        if (tiff16(t + e, is_le) == 0x0112) {
            int o = tiff16(t + e + 8, is_le);
            return o >= 1 && o <= 8 ? o : 1;
        }
    }
    return 1;
}

/* Size and orientation of a JPEG, from its SOF and APP1 segments. */
static bool jpeg_info(const unsigned char *d, size_t n, int *w, int *h, int *orientation) {
    *orientation = 1;
    size_t i = 2;
    while (i + 4 <= n) {
        if (d[i] != 0xFF) return false;
        unsigned char m = d[i + 1];
        if (m == 0xFF) {
            i++;
            continue;
        }
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
            i += 2;
            continue;
        }
        size_t len = be16(d + i + 2);
        if (len < 2 || i + 2 + len > n) return false;
        const unsigned char *seg = d + i + 4;
        if (m == 0xE1 && len >= 8 && memcmp(seg, "Exif\0\0", 6) == 0) *orientation = exif_orientation(seg + 6, len - 8);
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (len < 8) return false;
            *h = be16(seg + 1);
            *w = be16(seg + 3);
            return *w > 0 && *h > 0;
        }
        if (m == 0xDA) return false; /* image data before any frame header */
        i += 2 + len;
    }
    return false;
}

static err_t *photo_load(arena_t *a, const char *path, photo_t *ph) {
    memset(ph, 0, sizeof *ph);
    ph->orientation = 1;
    FILE *f = fopen(path, "rb");
    if (!f) return err_new(a, ERR_INVALID, "photo", "无法读取督学照片", "cannot read the inspector's photo");
    unsigned char magic[8] = {0};
    size_t n_magic = fread(magic, 1, sizeof magic, f);
    if (n_magic == 8 && memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0) {
        fclose(f);
        ph->surface = cairo_image_surface_create_from_png(path);
        if (cairo_surface_status(ph->surface) != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(ph->surface);
            ph->surface = NULL;
            return err_new(a, ERR_INVALID, "photo", "督学照片（PNG）已损坏", "the inspector's photo (PNG) is damaged");
        }
        ph->width = cairo_image_surface_get_width(ph->surface);
        ph->height = cairo_image_surface_get_height(ph->surface);
        return NULL;
    }
    if (n_magic < 3 || memcmp(magic, "\xFF\xD8\xFF", 3) != 0) {
        fclose(f);
        return err_new(a, ERR_INVALID, "photo", "督学照片须为 PNG 或 JPEG 格式",
                       "the inspector's photo must be PNG or JPEG");
    }
    /* JPEG: the file itself goes into the PDF (DCTDecode); cairo only needs a surface of the
     * right size carrying it as mime data. Its pixels are never touched, so the zero pages
     * of the blank surface cost no memory. */
    unsigned char *data = NULL;
    size_t n = 0, cap = 0;
    rewind(f);
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256 * 1024;
            unsigned char *p = realloc(data, cap);
            if (!p) abort();
            data = p;
        }
        size_t got = fread(data + n, 1, cap - n, f);
        if (got == 0) break;
        n += got;
    }
    bool is_read_ok = !ferror(f);
    fclose(f);
    int w = 0, h = 0;
    if (!is_read_ok || !jpeg_info(data, n, &w, &h, &ph->orientation)) {
        free(data);
        return err_new(a, ERR_INVALID, "photo", "督学照片（JPEG）已损坏", "the inspector's photo (JPEG) is damaged");
    }
    ph->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(ph->surface) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_set_mime_data(ph->surface, CAIRO_MIME_TYPE_JPEG, data, n, free, data) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(ph->surface);
        ph->surface = NULL;
        free(data);
        return err_new(a, ERR_INVALID, "photo", "督学照片尺寸过大", "the inspector's photo is too large");
    }
    ph->width = w;
    ph->height = h;
    return NULL;
}

/* Fills the frame with the photo (cropped to the frame's proportion, centred), upright. */
static void draw_photo(cairo_t *cr, const photo_t *ph, double x, double y, double w, double h) {
    /* EXIF orientation as the matrix taking stored pixels (centred) to display. */
    static const double m[9][4] = {
        {1, 0, 0, 1}, {1, 0, 0, 1},  {-1, 0, 0, 1},  {-1, 0, 0, -1}, {1, 0, 0, -1},
        {0, 1, 1, 0}, {0, 1, -1, 0}, {0, -1, -1, 0}, {0, -1, 1, 0},
    };
    int o = ph->orientation;
    bool is_swapped = o >= 5;
    double dw = is_swapped ? ph->height : ph->width, dh = is_swapped ? ph->width : ph->height;
    double k = w / dw > h / dh ? w / dw : h / dh;
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    cairo_translate(cr, x + w / 2, y + h / 2);
    cairo_scale(cr, k, k);
    /* cairo_matrix_init(xx, yx, xy, yy): x' = xx*u + xy*v, y' = yx*u + yy*v */
    cairo_matrix_t mt;
    cairo_matrix_init(&mt, m[o][0], m[o][1], m[o][2], m[o][3], 0, 0);
    cairo_transform(cr, &mt);
    cairo_set_source_surface(cr, ph->surface, -ph->width / 2.0, -ph->height / 2.0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
}

static void draw_photo_placeholder(cairo_t *cr, double x, double y, double w, double h) {
    set_rgb(cr, C_PHOTO_BG);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    /* a faint head-and-shoulders bust, so the frame reads as "a portrait goes here" */
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 0.87, 0.84, 0.78);
    cairo_arc(cr, x + w / 2, y + h * 0.50, w * 0.19, 0, 2 * G_PI);
    cairo_fill(cr);
    cairo_move_to(cr, x + w * 0.12, y + h);
    cairo_curve_to(cr, x + w * 0.12, y + h * 0.60, x + w * 0.88, y + h * 0.60, x + w * 0.88, y + h);
    cairo_close_path(cr);
    cairo_fill(cr);
    cairo_restore(cr);
    /* dashed inner border: where the photo is pasted when the plaque is printed without one */
    cairo_save(cr);
    double dash[] = {6, 4};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 1);
    set_rgb(cr, C_GREY);
    cairo_rectangle(cr, x + 8, y + 8, w - 16, h - 16);
    cairo_stroke(cr);
    cairo_restore(cr);
    text_style_t st = {.family = FONT_SANS,
                       .size = w * 0.12,
                       .color = C_GREY,
                       .letter_spacing = w * 0.08,
                       .align = PANGO_ALIGN_CENTER};
    draw_text(cr, &st, x + st.letter_spacing / 2, y + h * 0.12, w, "照片");
}

/* ------------------------------------------------------------------------------------------
 * QR code */

static void draw_qr(cairo_t *cr, const QRcode *q, double x, double y, double size) {
    const int quiet = 2; /* a white frame around it adds the rest of the quiet zone */
    double mod = size / (q->width + 2 * quiet);
    set_rgb(cr, C_WHITE);
    cairo_rectangle(cr, x, y, size, size);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    /* Runs of dark modules as one rectangle each: no hairline seams when rasterised. */
    for (int r = 0; r < q->width; r++) {
        int c = 0;
        while (c < q->width) {
            if (!(q->data[r * q->width + c] & 1)) {
                c++;
                continue;
            }
            int start = c;
            while (c < q->width && (q->data[r * q->width + c] & 1))
                c++;
            cairo_rectangle(cr, x + (quiet + start) * mod, y + (quiet + r) * mod, (c - start) * mod, mod);
        }
    }
    cairo_fill(cr);
}

/* ------------------------------------------------------------------------------------------
 * The page */

typedef struct page {
    double h;                     /* virtual height */
    double band_top, band_bottom; /* title band */
    double foot_top, foot_bottom; /* footer band */
    double body_top, body_bottom;
} page_t;

static void draw_frame_and_bands(cairo_t *cr, const page_t *pg) {
    const double W = PQ_W, H = pg->h;
    set_rgb(cr, C_PAPER);
    cairo_paint(cr);
    /* double frame: heavy red outside, fine gold inside */
    set_rgb(cr, C_RED);
    cairo_set_line_width(cr, 6);
    cairo_rectangle(cr, 13, 13, W - 26, H - 26);
    cairo_stroke(cr);
    set_rgb(cr, C_GOLD);
    cairo_set_line_width(cr, 1.4);
    cairo_rectangle(cr, 21, 21, W - 42, H - 42);
    cairo_stroke(cr);

    /* title band with a gold rule under it */
    set_rgb(cr, C_RED);
    cairo_rectangle(cr, 24, pg->band_top, W - 48, pg->band_bottom - pg->band_top);
    cairo_fill(cr);
    set_rgb(cr, C_GOLD);
    cairo_rectangle(cr, 24, pg->band_bottom + 3, W - 48, 2.2);
    cairo_fill(cr);
    /* footer band, gold rule above */
    set_rgb(cr, C_RED);
    cairo_rectangle(cr, 24, pg->foot_top, W - 48, pg->foot_bottom - pg->foot_top);
    cairo_fill(cr);
    set_rgb(cr, C_GOLD);
    cairo_rectangle(cr, 24, pg->foot_top - 5.2, W - 48, 2.2);
    cairo_fill(cr);
}

static void draw_title(cairo_t *cr, const page_t *pg) {
    double bh = pg->band_bottom - pg->band_top;
    text_style_t st = {.family = FONT_SERIF,
                       .is_bold = true,
                       .size = bh * 0.56,
                       .color = C_TITLE,
                       .letter_spacing = bh * 0.09,
                       .align = PANGO_ALIGN_CENTER};
    PangoLayout *l = fit_layout(cr, &st, PQ_W - 48, "责任督学挂牌督导公示牌");
    /* letter spacing also follows the last character: shift by half of it to centre */
    double th = layout_height(l);
    show_layout(cr, l, st.color, 24 + st.letter_spacing / 2, pg->band_top + (bh - th) / 2);
    g_object_unref(l);
}

static void draw_footer(cairo_t *cr, const page_t *pg, const plaque_t *p) {
    double fh = pg->foot_bottom - pg->foot_top;
    text_style_t st = {.family = FONT_SERIF,
                       .is_bold = true,
                       .size = fh * 0.40,
                       .color = C_WHITE,
                       .letter_spacing = fh * 0.03,
                       .align = PANGO_ALIGN_CENTER,
                       .is_single_line = true,
                       .min_size = fh * 0.25};
    char *text = g_strdup_printf("%s　监制", p->office_name);
    PangoLayout *l = fit_layout(cr, &st, PQ_W - 120, text);
    double th = layout_height(l);
    show_layout(cr, l, st.color, 60, pg->foot_top + (fh - th) / 2);
    g_object_unref(l);
    g_free(text);
}

/* Left column: the inspector's card. */
static void draw_inspector(cairo_t *cr, const page_t *pg, const plaque_t *p, const photo_t *ph, double x, double w) {
    double pw = w * 0.80, phh = pw * 4 / 3; /* 3:4, a 二寸 photo's proportion */
    text_style_t label = {.family = FONT_SANS,
                          .is_bold = true,
                          .size = 17,
                          .color = C_RED,
                          .letter_spacing = 5,
                          .align = PANGO_ALIGN_CENTER};
    text_style_t name = {.family = FONT_SERIF,
                         .is_bold = true,
                         .size = 38,
                         .color = C_INK,
                         .letter_spacing = 2,
                         .align = PANGO_ALIGN_CENTER,
                         .is_single_line = true,
                         .min_size = 22};
    text_style_t phone = {.family = FONT_SANS,
                          .size = 17,
                          .color = C_INK,
                          .align = PANGO_ALIGN_CENTER,
                          .is_single_line = true,
                          .min_size = 12};
    char *phone_text =
        p->inspector_phone && *p->inspector_phone ? g_strdup_printf("电话 %s", p->inspector_phone) : NULL;
    double h_label = text_height(cr, &label, w, "责任督学");
    double h_name = text_height(cr, &name, w, p->inspector_name);
    double h_phone = phone_text ? text_height(cr, &phone, w, phone_text) + 4 : 0;
    double total = phh + 18 + h_label + 2 + h_name + h_phone;
    double y = pg->body_top + (pg->body_bottom - pg->body_top - total) / 2;
    double px = x + (w - pw) / 2;

    /* photo with a gold mount */
    set_rgb(cr, C_WHITE);
    cairo_rectangle(cr, px - 6, y - 6, pw + 12, phh + 12);
    cairo_fill(cr);
    if (ph->surface)
        draw_photo(cr, ph, px, y, pw, phh);
    else
        draw_photo_placeholder(cr, px, y, pw, phh);
    set_rgb(cr, C_GOLD);
    cairo_set_line_width(cr, 1.6);
    cairo_rectangle(cr, px - 6, y - 6, pw + 12, phh + 12);
    cairo_stroke(cr);
    y += phh + 18;

    y += draw_text(cr, &label, x + label.letter_spacing / 2, y, w, "责任督学") + 2;
    y += draw_text(cr, &name, x + name.letter_spacing / 2, y, w, p->inspector_name) + 4;
    if (phone_text) draw_text(cr, &phone, x, y, w, phone_text);
    g_free(phone_text);
}

/* A red disc with a white number, for the list of matters. */
static void draw_badge(cairo_t *cr, double cx, double cy, double r, int n) {
    set_rgb(cr, C_RED);
    cairo_arc(cr, cx, cy, r, 0, 2 * G_PI);
    cairo_fill(cr);
    char num[16];
    snprintf(num, sizeof num, "%d", n);
    text_style_t st = {
        .family = FONT_SANS, .is_bold = true, .size = r * 1.25, .color = C_WHITE, .align = PANGO_ALIGN_CENTER};
    PangoLayout *l = make_layout(cr, &st, st.size, r * 3, num);
    PangoRectangle ink;
    pango_layout_get_extents(l, &ink, NULL);
    double iy = (double)ink.y / PANGO_SCALE, ih = (double)ink.height / PANGO_SCALE;
    show_layout(cr, l, st.color, cx - r * 1.5, cy - iy - ih / 2);
    g_object_unref(l);
}

static double section_heading(cairo_t *cr, double x, double y, double w, const char *text) {
    text_style_t st = {.family = FONT_SERIF,
                       .is_bold = true,
                       .size = 23,
                       .color = C_DARK_RED,
                       .letter_spacing = 4,
                       .align = PANGO_ALIGN_LEFT};
    PangoLayout *l = make_layout(cr, &st, st.size, w, text);
    double h = layout_height(l);
    set_rgb(cr, C_RED);
    cairo_rectangle(cr, x, y + h * 0.2, 5, h * 0.6);
    cairo_fill(cr);
    show_layout(cr, l, st.color, x + 14, y);
    double tw = layout_width(l);
    g_object_unref(l);
    /* a fine rule after the heading, to the column's edge */
    set_rgb(cr, C_GOLD);
    cairo_rectangle(cr, x + 14 + tw + 6, y + h / 2, w - (14 + tw + 6), 1);
    cairo_fill(cr);
    return h;
}

/* Middle column: the school, then the matters under supervision. */
static void draw_school_and_items(cairo_t *cr, const page_t *pg, const plaque_t *p, const char *const *items,
                                  size_t n_items, double x, double w) {
    text_style_t lab = {.family = FONT_SANS, .size = 17, .color = C_GREY, .align = PANGO_ALIGN_LEFT};
    text_style_t school = {.family = FONT_SERIF,
                           .is_bold = true,
                           .size = 34,
                           .color = C_INK,
                           .align = PANGO_ALIGN_LEFT,
                           .is_single_line = true,
                           .min_size = 22};
    text_style_t code = {.family = FONT_SANS, .size = 17, .color = C_INK, .align = PANGO_ALIGN_LEFT};
    char *code_text = p->school_code && *p->school_code ? g_strdup_printf("学校标识码　%s", p->school_code) : NULL;

    double y = pg->body_top;
    double avail = pg->body_bottom - pg->body_top;
    double h_head = text_height(cr, &lab, w, "学校名称") + text_height(cr, &school, w, p->school_name) +
                    (code_text ? text_height(cr, &code, w, code_text) + 4 : 0);
    /* The list takes what is left; its size shrinks until every item fits. */
    double list_top_gap = 22 + 36 + 10;
    double list_h = avail - h_head - list_top_gap;
    double size = 20, badge_r, gap;
    text_style_t item = {.family = FONT_SANS, .color = C_INK, .align = PANGO_ALIGN_LEFT};
    for (;;) {
        item.size = size;
        badge_r = size * 0.62;
        gap = size * 0.55;
        double total = 0;
        for (size_t i = 0; i < n_items; i++)
            total += text_height(cr, &item, w - badge_r * 2 - 12, items[i]) + gap;
        if (total <= list_h || size <= 11) break;
        size -= 0.5;
    }
    double total = 0;
    for (size_t i = 0; i < n_items; i++)
        total += text_height(cr, &item, w - badge_r * 2 - 12, items[i]) + gap;
    /* centre the whole column vertically when there is room to spare */
    double spare = list_h - total;
    if (spare > 0) y += spare / 2;

    y += draw_text(cr, &lab, x, y, w, "学校名称");
    y += draw_text(cr, &school, x, y, w, p->school_name);
    if (code_text) y += draw_text(cr, &code, x, y + 4, w, code_text) + 4;
    g_free(code_text);
    y += 22;
    y += section_heading(cr, x, y, w, "督导事项") + 10;
    for (size_t i = 0; i < n_items; i++) {
        double tx = x + badge_r * 2 + 12;
        PangoLayout *l = make_layout(cr, &item, item.size, w - (tx - x), items[i]);
        double h = layout_height(l);
        /* the badge sits on the first line's centre */
        PangoLayoutIter *it = pango_layout_get_iter(l);
        PangoRectangle line;
        pango_layout_iter_get_line_extents(it, NULL, &line);
        pango_layout_iter_free(it);
        double line_mid = ((double)line.y + line.height / 2.0) / PANGO_SCALE;
        draw_badge(cr, x + badge_r + 2, y + line_mid, badge_r, (int)i + 1);
        show_layout(cr, l, item.color, tx, y);
        g_object_unref(l);
        y += h + gap;
    }
}

/* Right column: the QR code to the complaint page. */
static void draw_complaint(cairo_t *cr, const page_t *pg, const plaque_t *p, const QRcode *q, double x, double w) {
    double qs = w * 0.84;
    text_style_t cap = {.family = FONT_SANS,
                        .is_bold = true,
                        .size = 19,
                        .color = C_DARK_RED,
                        .align = PANGO_ALIGN_CENTER,
                        .is_single_line = true,
                        .min_size = 12};
    text_style_t url = {.family = FONT_SANS, .size = 9.5, .color = C_GREY, .align = PANGO_ALIGN_CENTER};
    text_style_t tel = {.family = FONT_SANS,
                        .size = 16,
                        .color = C_INK,
                        .align = PANGO_ALIGN_CENTER,
                        .is_single_line = true,
                        .min_size = 11};
    char *tel_text = p->office_phone && *p->office_phone ? g_strdup_printf("监督电话 %s", p->office_phone) : NULL;
    double h_cap = text_height(cr, &cap, w, "扫码举报投诉 / 查询");
    double h_url = text_height(cr, &url, w, p->complaint_url);
    double h_tel = tel_text ? text_height(cr, &tel, w, tel_text) + 14 : 0;
    double frame = 10;
    double total = qs + 2 * frame + 14 + h_cap + 4 + h_url + h_tel;
    double y = pg->body_top + (pg->body_bottom - pg->body_top - total) / 2;
    double qx = x + (w - qs) / 2;

    set_rgb(cr, C_WHITE);
    rounded_rect(cr, qx - frame, y, qs + 2 * frame, qs + 2 * frame, 8);
    cairo_fill_preserve(cr);
    set_rgb(cr, C_RED);
    cairo_set_line_width(cr, 2);
    cairo_stroke(cr);
    draw_qr(cr, q, qx, y + frame, qs);
    y += qs + 2 * frame + 14;
    y += draw_text(cr, &cap, x, y, w, "扫码举报投诉 / 查询") + 4;
    y += draw_text(cr, &url, x, y, w, p->complaint_url);
    if (tel_text) draw_text(cr, &tel, x, y + 14, w, tel_text);
    g_free(tel_text);
}

static void draw_separator(cairo_t *cr, const page_t *pg, double x) {
    cairo_pattern_t *g = cairo_pattern_create_linear(0, pg->body_top, 0, pg->body_bottom);
    cairo_pattern_add_color_stop_rgba(g, 0, C_GOLD.r, C_GOLD.g, C_GOLD.b, 0);
    cairo_pattern_add_color_stop_rgba(g, 0.15, C_GOLD.r, C_GOLD.g, C_GOLD.b, 1);
    cairo_pattern_add_color_stop_rgba(g, 0.85, C_GOLD.r, C_GOLD.g, C_GOLD.b, 1);
    cairo_pattern_add_color_stop_rgba(g, 1, C_GOLD.r, C_GOLD.g, C_GOLD.b, 0);
    cairo_set_source(cr, g);
    cairo_rectangle(cr, x, pg->body_top, 1, pg->body_bottom - pg->body_top);
    cairo_fill(cr);
    cairo_pattern_destroy(g);
}

/* ------------------------------------------------------------------------------------------ */

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int length) {
    buf_append((buf_t *)closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

static bool is_blank(const char *s) {
    return !s || !*s;
}

err_t *plaque_pdf(arena_t *a, const plaque_t *p, buf_t *out) {
    if (is_blank(p->office_name))
        return err_new(a, ERR_INVALID, "office_name", "缺少督导室名称", "office name is missing");
    if (is_blank(p->school_name))
        return err_new(a, ERR_INVALID, "school_name", "缺少学校名称", "school name is missing");
    if (is_blank(p->inspector_name))
        return err_new(a, ERR_INVALID, "inspector_name", "缺少责任督学姓名", "inspector name is missing");
    if (is_blank(p->complaint_url))
        return err_new(a, ERR_INVALID, "complaint_url", "缺少举报投诉网址", "complaint URL is missing");
    size_t n_items;
    const char *const *items = plaque_default_items(&n_items);
    if (p->items) items = p->items, n_items = p->n_items;

    QRcode *q = QRcode_encodeString(p->complaint_url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return err_new(a, ERR_INVALID, "complaint_url", "举报投诉网址过长，无法生成二维码",
                       "the complaint URL is too long for a QR code");
    photo_t ph = {0};
    if (!is_blank(p->photo_path)) {
        err_t *e = photo_load(a, p->photo_path, &ph);
        if (e) {
            QRcode_free(q);
            return e;
        }
    }

    const double mm = 72.0 / 25.4;
    double pw_mm = p->size == PLAQUE_60x40 ? 600 : 297, ph_mm = p->size == PLAQUE_60x40 ? 400 : 210;
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_write, out, pw_mm * mm, ph_mm * mm);
    char *title = g_strdup_printf("责任督学挂牌督导公示牌 - %s", p->school_name);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, p->office_name);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "dudao");
    g_free(title);
    cairo_t *cr = cairo_create(s);
    double k = pw_mm * mm / PQ_W;
    cairo_scale(cr, k, k);

    page_t pg;
    pg.h = PQ_W * ph_mm / pw_mm;
    pg.band_top = 24;
    pg.band_bottom = 24 + pg.h * 0.155;
    pg.foot_bottom = pg.h - 24;
    pg.foot_top = pg.foot_bottom - pg.h * 0.075;
    pg.body_top = pg.band_bottom + pg.h * 0.045;
    pg.body_bottom = pg.foot_top - pg.h * 0.040;

    draw_frame_and_bands(cr, &pg);
    draw_title(cr, &pg);
    draw_footer(cr, &pg, p);
    /* columns: inspector 50..280 · school and matters 312..706 · QR 736..950 */
    draw_inspector(cr, &pg, p, &ph, 50, 230);
    draw_separator(cr, &pg, 296);
    draw_school_and_items(cr, &pg, p, items, n_items, 314, 392);
    draw_separator(cr, &pg, 722);
    draw_complaint(cr, &pg, p, q, 740, 210);

    cairo_show_page(cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (ph.surface) cairo_surface_destroy(ph.surface);
    QRcode_free(q);
    if (st != CAIRO_STATUS_SUCCESS)
        return err_newf(a, ERR_INTERNAL, NULL, "生成公示牌 PDF 失败：%s", "cannot render the plaque PDF: %s",
                        cairo_status_to_string(st));
    return NULL;
}

void plaque_shutdown(void) {
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    FcFini();
}
