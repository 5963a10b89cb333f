#include "docs/xlsx_out.h"

#include <math.h> /* isfinite, a macro: no libm */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "util/buf.h"

enum {
    XO_MAX_CELL_CHARS = 32767, /* Excel's limit for one cell */
    XO_WIDTH_MIN = 6,
    XO_WIDTH_MAX = 60,
    XO_WIDTH_SCAN = 120, /* no need to measure past the cap */
};

struct xlsx_out {
    arena_t *a;
    char *path;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *fmt_header, *fmt_date, *fmt_datetime;
    size_t n_cols;
    xlsx_col_type_t *types;
    unsigned *widths; /* display width per column, in Excel character units */
    size_t n_rows;
    err_t *err; /* the first error; later calls do nothing */
    buf_t tmp;
};

/* ------------------------------------------------------------------------------------------
 * Text */

/* Decodes one UTF-8 sequence at s (already valid: the data comes from validated input). */
static unsigned utf8_next(const unsigned char **s) {
    const unsigned char *p = *s;
    unsigned c = *p++;
    if (c >= 0xF0 && p[0] && p[1] && p[2])
        c = ((c & 0x07) << 18) | ((p[0] & 0x3Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu), p += 3;
    else if (c >= 0xE0 && p[0] && p[1])
        c = ((c & 0x0F) << 12) | ((p[0] & 0x3Fu) << 6) | (p[1] & 0x3Fu), p += 2;
    else if (c >= 0xC0 && p[0])
        c = ((c & 0x1F) << 6) | (p[0] & 0x3Fu), p += 1;
    *s = p;
    return c;
}

/* East Asian wide and fullwidth characters take two columns. */
static unsigned char_width(unsigned cp) {
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

/* Width of the widest line of s, measured up to XO_WIDTH_SCAN. */
static unsigned text_width(const char *s) {
    unsigned best = 0, line = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && line < XO_WIDTH_SCAN) {
        if (*p == '\n') {
            p++;
            line = 0;
            continue;
        }
        line += char_width(utf8_next(&p));
        if (line > best) best = line;
    }
    return best;
}

static bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

static bool is_ooxml_escape(const char *s) {
    return s[0] == '_' && s[1] == 'x' && is_hex(s[2]) && is_hex(s[3]) && is_hex(s[4]) && is_hex(s[5]) && s[6] == '_';
}

/* s as Excel stores it: control characters as _xHHHH_ (XML 1.0 cannot carry them; a CR
 * would be read back as LF), a literal "_xHHHH_" protected by escaping its '_', cut at
 * Excel's cell limit. Returns s itself when nothing needs changing. */
static const char *cell_text(xlsx_out_t *w, const char *s) {
    size_t n_chars = 0;
    bool needs = false;
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if ((*p < 0x20 && *p != '\t' && *p != '\n') || (*p == '_' && is_ooxml_escape((const char *)p))) needs = true;
        if ((*p & 0xC0) != 0x80 && ++n_chars > XO_MAX_CELL_CHARS) {
            needs = true;
            break;
        }
    }
    if (!needs) return s;
    w->tmp.n = 0;
    n_chars = 0;
    for (p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80 && ++n_chars > XO_MAX_CELL_CHARS) break;
        if (*p < 0x20 && *p != '\t' && *p != '\n')
            buf_printf(&w->tmp, "_x%04X_", *p);
        else if (*p == '_' && is_ooxml_escape((const char *)p))
            buf_puts(&w->tmp, "_x005F_");
        else
            buf_putc(&w->tmp, (char)*p);
    }
    return w->tmp.p;
}

/* A plain decimal that round-trips through Excel unchanged: -?(0|[1-9][0-9]*)(\.[0-9]+)?,
 * at most 11 integer digits and 15 significant digits. */
static bool is_plain_number(const char *s) {
    const char *p = s + (*s == '-');
    size_t n_int = 0, n_frac = 0;
    if (*p == '0' && p[1] >= '0' && p[1] <= '9') return false; /* leading zero: a code */
    for (; *p >= '0' && *p <= '9'; p++)
        n_int++;
    if (n_int == 0) return false;
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++)
            n_frac++;
        if (n_frac == 0) return false;
    }
    return *p == '\0' && n_int <= 11 && n_int + n_frac <= 15;
}

static bool parse_number(const char *s, bool is_strict, double *x) {
    if (is_strict && !is_plain_number(s)) return false;
    if (!*s || strspn(s, "0123456789+-.eE") != strlen(s)) return false; /* no spaces, hex, inf */
    char *end;
    *x = strtod(s, &end);
    return *end == '\0' && isfinite(*x);
}

static bool parse_digits(const char **s, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*s)[i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    *s += n;
    *out = v;
    return true;
}

/* "YYYY-MM-DD", optionally followed by " HH:MM" or " HH:MM:SS" (or T for the space). */
static bool parse_date(const char *s, lxw_datetime *dt, bool *has_time) {
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    memset(dt, 0, sizeof *dt);
    *has_time = false;
    if (!parse_digits(&s, 4, &dt->year) || *s++ != '-' || !parse_digits(&s, 2, &dt->month) || *s++ != '-' ||
        !parse_digits(&s, 2, &dt->day))
        return false;
    if (dt->year < 1900 || dt->month < 1 || dt->month > 12 || dt->day < 1 || dt->day > mdays[dt->month - 1])
        return false;
    bool is_leap = (dt->year % 4 == 0 && dt->year % 100 != 0) || dt->year % 400 == 0;
    if (dt->month == 2 && dt->day == 29 && !is_leap) return false;
    if (*s == '\0') return true;
    int sec = 0;
    if ((*s != ' ' && *s != 'T') || (s++, !parse_digits(&s, 2, &dt->hour)) || *s++ != ':' ||
        !parse_digits(&s, 2, &dt->min))
        return false;
    if (*s == ':' && (s++, !parse_digits(&s, 2, &sec))) return false;
    if (*s != '\0' || dt->hour > 23 || dt->min > 59 || sec > 59) return false;
    dt->sec = sec;
    *has_time = true;
    return true;
}

/* ------------------------------------------------------------------------------------------
 * Export */

static err_t *lxw_err(arena_t *a, const char *what, lxw_error le) {
    return err_newf(a, ERR_INTERNAL, NULL, "生成 Excel 文件失败（%s：%s）", "cannot write the Excel file (%s: %s)",
                    what, lxw_strerror(le));
}

static err_t *check_sheet_name(arena_t *a, const char *name) {
    size_t n_chars = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if ((*p & 0xC0) != 0x80) n_chars++;
    if (n_chars == 0 || n_chars > 31 || strpbrk(name, "[]:*?/\\") || name[0] == '\'' || name[strlen(name) - 1] == '\'')
        return err_new(a, ERR_INVALID, "sheet_name", "工作表名称须为 1–31 个字符，且不含 []:*?/\\",
                       "a sheet name has 1-31 characters and none of []:*?/\\");
    return NULL;
}

static void note_width(xlsx_out_t *w, size_t col, unsigned width) {
    if (width > w->widths[col]) w->widths[col] = width;
}

static err_t *write_header(xlsx_out_t *w, const char *const *headers) {
    worksheet_set_row(w->ws, 0, 20, NULL);
    for (size_t c = 0; c < w->n_cols; c++) {
        const char *h = headers[c] ? headers[c] : "";
        lxw_error le = worksheet_write_string(w->ws, 0, (lxw_col_t)c, cell_text(w, h), w->fmt_header);
        if (le != LXW_NO_ERROR) return lxw_err(w->a, "header", le);
        /* the header gets room for the autofilter's drop-down button */
        note_width(w, c, text_width(h) + 3);
    }
    worksheet_freeze_panes(w->ws, 1, 0);
    return NULL;
}

/* Column widths and the autofilter of the sheet being written. */
static void finish_sheet(xlsx_out_t *w) {
    for (size_t c = 0; c < w->n_cols; c++) {
        unsigned width = w->widths[c] + 2;
        if (width < XO_WIDTH_MIN) width = XO_WIDTH_MIN;
        if (width > XO_WIDTH_MAX) width = XO_WIDTH_MAX;
        worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL);
    }
    worksheet_autofilter(w->ws, 0, 0, (lxw_row_t)w->n_rows, (lxw_col_t)(w->n_cols - 1));
}

err_t *xlsx_out_open(arena_t *a, const char *path, const char *sheet_name, const char *const *headers, size_t n_cols,
                     const xlsx_col_type_t *types, xlsx_out_t **out) {
    *out = NULL;
    err_t *e = check_sheet_name(a, sheet_name);
    if (e) return e;
    if (n_cols == 0 || n_cols > LXW_COL_MAX)
        return err_new(a, ERR_INVALID, "headers", "列数须为 1–16384", "the column count must be 1-16384");
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (!wb) return err_new(a, ERR_INTERNAL, NULL, "无法创建 Excel 文件", "cannot create the Excel file");
    xlsx_out_t *w = arena_alloc(a, sizeof *w);
    w->a = a;
    w->path = arena_strdup(a, path);
    w->wb = wb;
    w->ws = workbook_add_worksheet(wb, sheet_name);
    w->n_cols = n_cols;
    w->types = arena_alloc(a, n_cols * sizeof *w->types);
    if (types) memcpy(w->types, types, n_cols * sizeof *types);
    w->widths = arena_alloc(a, n_cols * sizeof *w->widths);
    buf_init(&w->tmp);
    if (!w->ws) {
        xlsx_out_discard(w);
        return err_new(a, ERR_INVALID, "sheet_name", "工作表名称无效", "invalid sheet name");
    }

    w->fmt_header = workbook_add_format(wb);
    format_set_bold(w->fmt_header);
    format_set_bg_color(w->fmt_header, 0xDDE5F0);
    format_set_bottom(w->fmt_header, LXW_BORDER_THIN);
    format_set_align(w->fmt_header, LXW_ALIGN_VERTICAL_CENTER);
    w->fmt_date = workbook_add_format(wb);
    format_set_num_format(w->fmt_date, "yyyy-mm-dd");
    w->fmt_datetime = workbook_add_format(wb);
    format_set_num_format(w->fmt_datetime, "yyyy-mm-dd hh:mm:ss");

    if ((e = write_header(w, headers))) {
        xlsx_out_discard(w);
        return e;
    }
    *out = w;
    return NULL;
}

err_t *xlsx_out_row(xlsx_out_t *w, const char *const *cells) {
    if (w->err) return w->err;
    if (w->n_rows + 1 >= LXW_ROW_MAX)
        return w->err = err_new(w->a, ERR_TOO_LARGE, NULL, "超出 Excel 的行数上限（1048575 行数据）",
                                "more rows than Excel holds (1048575 data rows)");
    lxw_row_t r = (lxw_row_t)(w->n_rows + 1);
    for (size_t c = 0; c < w->n_cols; c++) {
        const char *s = cells[c];
        if (!s || !*s) continue;
        lxw_col_t col = (lxw_col_t)c;
        lxw_error le;
        double x;
        lxw_datetime dt;
        bool has_time;
        xlsx_col_type_t t = w->types[c];
        if (t != XLSX_COL_TEXT && t != XLSX_COL_DATE && parse_number(s, t == XLSX_COL_AUTO, &x)) {
            le = worksheet_write_number(w->ws, r, col, x, NULL);
            note_width(w, c, (unsigned)strlen(s));
        } else if (t == XLSX_COL_DATE && parse_date(s, &dt, &has_time)) {
            le = worksheet_write_datetime(w->ws, r, col, &dt, has_time ? w->fmt_datetime : w->fmt_date);
            note_width(w, c, has_time ? 19 : 10);
        } else {
            le = worksheet_write_string(w->ws, r, col, cell_text(w, s), NULL);
            note_width(w, c, text_width(s));
        }
        if (le != LXW_NO_ERROR) return w->err = lxw_err(w->a, "row", le);
    }
    w->n_rows++;
    return NULL;
}

err_t *xlsx_out_sheet(xlsx_out_t *w, const char *sheet_name, const char *const *headers, size_t n_cols,
                      const xlsx_col_type_t *types) {
    if (w->err) return w->err;
    err_t *e = check_sheet_name(w->a, sheet_name);
    if (!e && (n_cols == 0 || n_cols > LXW_COL_MAX))
        e = err_new(w->a, ERR_INVALID, "headers", "列数须为 1–16384", "the column count must be 1-16384");
    if (e) return w->err = e;
    finish_sheet(w);
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, sheet_name);
    if (!ws)
        return w->err =
                   err_new(w->a, ERR_INVALID, "sheet_name", "工作表名称无效或重复", "invalid or repeated sheet name");
    w->ws = ws;
    w->n_cols = n_cols;
    w->n_rows = 0;
    w->types = arena_alloc(w->a, n_cols * sizeof *w->types);
    if (types) memcpy(w->types, types, n_cols * sizeof *types);
    w->widths = arena_alloc(w->a, n_cols * sizeof *w->widths);
    if ((e = write_header(w, headers))) w->err = e;
    return e;
}

size_t xlsx_out_n_rows(const xlsx_out_t *w) {
    return w->n_rows;
}

static void xlsx_out_release(xlsx_out_t *w) {
    buf_free(&w->tmp);
}

err_t *xlsx_out_close(xlsx_out_t *w) {
    err_t *e = w->err;
    if (!e) finish_sheet(w);
    lxw_error le = workbook_close(w->wb);
    w->wb = NULL;
    if (!e && le != LXW_NO_ERROR) e = lxw_err(w->a, "close", le);
    if (e) unlink(w->path);
    xlsx_out_release(w);
    return e;
}

void xlsx_out_discard(xlsx_out_t *w) {
    /* libxlsxwriter has no "abandon": closing writes the file, which is then removed. */
    if (w->wb) workbook_close(w->wb);
    w->wb = NULL;
    unlink(w->path);
    xlsx_out_release(w);
}

/* ------------------------------------------------------------------------------------------
 * Import template */

/* Copies at most max_chars characters of s into the arena (validation titles and messages
 * have Excel limits counted in characters). */
static char *clip_chars(arena_t *a, const char *s, size_t max_chars) {
    size_t i = 0, n_chars = 0;
    for (; s[i]; i++)
        if ((s[i] & 0xC0) != 0x80 && ++n_chars > max_chars) break;
    return arena_strndup(a, s, i);
}

static size_t list_chars(const char *const *choices) {
    size_t n = 0;
    for (const char *const *c = choices; *c; c++)
        n += strlen(*c) + 1;
    return n;
}

err_t *xlsx_out_template(arena_t *a, const char *path, const char *sheet_name, const xlsx_template_col_t *cols,
                         size_t n_cols) {
    err_t *e = check_sheet_name(a, sheet_name);
    if (e) return e;
    if (strcmp(sheet_name, "说明") == 0)
        return err_new(a, ERR_INVALID, "sheet_name", "工作表名称不能为“说明”", "the sheet cannot be named 说明");
    if (n_cols == 0 || n_cols > LXW_COL_MAX)
        return err_new(a, ERR_INVALID, "headers", "列数须为 1–16384", "the column count must be 1-16384");
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return err_new(a, ERR_INTERNAL, NULL, "无法创建 Excel 文件", "cannot create the Excel file");
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet_name);
    lxw_worksheet *notes = workbook_add_worksheet(wb, "说明");

    lxw_format *f_head = workbook_add_format(wb);
    format_set_bold(f_head);
    format_set_bg_color(f_head, 0xDDE5F0);
    format_set_border(f_head, LXW_BORDER_THIN);
    lxw_format *f_head_req = workbook_add_format(wb);
    format_set_bold(f_head_req);
    format_set_bg_color(f_head_req, 0xDDE5F0);
    format_set_border(f_head_req, LXW_BORDER_THIN);
    format_set_font_color(f_head_req, 0xC00000);
    lxw_format *f_text = workbook_add_format(wb);
    format_set_num_format(f_text, "@");
    lxw_format *f_date = workbook_add_format(wb);
    format_set_num_format(f_date, "yyyy-mm-dd");
    lxw_format *f_title = workbook_add_format(wb);
    format_set_bold(f_title);
    format_set_font_size(f_title, 14);
    lxw_format *f_cell = workbook_add_format(wb);
    format_set_border(f_cell, LXW_BORDER_THIN);
    format_set_text_wrap(f_cell);
    format_set_align(f_cell, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *f_req = workbook_add_format(wb);
    format_set_border(f_req, LXW_BORDER_THIN);
    format_set_font_color(f_req, 0xC00000);
    format_set_align(f_req, LXW_ALIGN_CENTER);
    format_set_align(f_req, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *f_opt = workbook_add_format(wb);
    format_set_border(f_opt, LXW_BORDER_THIN);
    format_set_align(f_opt, LXW_ALIGN_CENTER);
    format_set_align(f_opt, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *f_num_text = workbook_add_format(wb); /* examples like 3133005621 stay text */
    format_set_border(f_num_text, LXW_BORDER_THIN);
    format_set_num_format(f_num_text, "@");
    format_set_align(f_num_text, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(f_num_text, LXW_ALIGN_LEFT);

    lxw_error le = LXW_NO_ERROR;
    unsigned w_name = 8, w_fmt = 16, w_ex = 12;
    /* The data sheet: headers only. */
    for (size_t c = 0; c < n_cols && le == LXW_NO_ERROR; c++) {
        const xlsx_template_col_t *col = &cols[c];
        lxw_col_t cc = (lxw_col_t)c;
        le = worksheet_write_string(ws, 0, cc, col->name, col->is_required ? f_head_req : f_head);
        unsigned width = text_width(col->name) + 4;
        unsigned w_example = col->example ? text_width(col->example) + 2 : 0;
        if (w_example > width) width = w_example;
        if (width < 12) width = 12;
        if (width > 40) width = 40;
        lxw_format *f_col = col->type == XLSX_COL_TEXT ? f_text : col->type == XLSX_COL_DATE ? f_date : NULL;
        worksheet_set_column(ws, cc, cc, width, f_col);

        /* Selecting a header shows what the column wants. */
        buf_t msg;
        buf_init(&msg);
        buf_puts(&msg, col->is_required ? "必填。" : "选填。");
        if (col->format && *col->format) buf_printf(&msg, "%s。", col->format);
        if (col->choices) {
            buf_puts(&msg, "可选：");
            for (const char *const *ch = col->choices; *ch; ch++)
                buf_printf(&msg, "%s%s", ch == col->choices ? "" : "、", *ch);
            buf_puts(&msg, "。");
        }
        if (col->example && *col->example) buf_printf(&msg, "示例：%s", col->example);
        lxw_data_validation hint = {
            .validate = LXW_VALIDATION_TYPE_ANY,
            .input_title = clip_chars(a, col->name, 32),
            .input_message = clip_chars(a, msg.p, 255),
        };
        worksheet_data_validation_cell(ws, 0, cc, &hint);
        buf_free(&msg);

        /* Allowed values as a drop-down, when Excel can hold the list (255 characters). */
        if (col->choices && col->choices[0] && list_chars(col->choices) <= 255) {
            lxw_data_validation dv = {
                .validate = LXW_VALIDATION_TYPE_LIST,
                .value_list = (char **)(uintptr_t)col->choices,
                .error_title = clip_chars(a, col->name, 32),
                .error_message = (char *)"请从下拉列表中选择 / choose a value from the list",
            };
            worksheet_data_validation_range(ws, 1, cc, LXW_ROW_MAX - 1, cc, &dv);
        }
        unsigned wn = text_width(col->name) + 2;
        if (wn > w_name) w_name = wn;
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_activate(ws);

    /* The notes sheet. */
    lxw_row_t r = 0;
    if (le == LXW_NO_ERROR) le = worksheet_write_string(notes, r++, 0, "填写说明", f_title);
    const char *intro[] = {
        NULL, /* the first line names the sheet, filled below */
        "2. 表头为红色的列为必填项；请勿修改、删除或调换表头。",
        "3. 代码、电话等数字请按文本填写，以免丢失开头的 0；日期请按 2025-09-01 的格式填写。",
        "4. 也可另存为 CSV 文件导入（UTF-8 或 GBK 编码均可）。导入时逐行校验，出错时会提示行号。",
    };
    char *first = arena_printf(a, "1. 请在“%s”工作表中自第 2 行起逐行填写，每行一条记录。", sheet_name);
    for (size_t i = 0; i < sizeof intro / sizeof intro[0] && le == LXW_NO_ERROR; i++)
        le = worksheet_write_string(notes, r++, 0, i == 0 ? first : intro[i], NULL);
    r++;
    const char *heads[] = {"列名", "是否必填", "格式要求", "示例"};
    for (lxw_col_t c = 0; c < 4 && le == LXW_NO_ERROR; c++)
        le = worksheet_write_string(notes, r, c, heads[c], f_head);
    r++;
    for (size_t c = 0; c < n_cols && le == LXW_NO_ERROR; c++, r++) {
        const xlsx_template_col_t *col = &cols[c];
        buf_t fmt;
        buf_init(&fmt);
        if (col->format) buf_puts(&fmt, col->format);
        if (col->choices) {
            buf_printf(&fmt, "%s可选：", fmt.n ? "；" : "");
            for (const char *const *ch = col->choices; *ch; ch++)
                buf_printf(&fmt, "%s%s", ch == col->choices ? "" : "、", *ch);
        }
        if (!fmt.n && col->type == XLSX_COL_DATE) buf_puts(&fmt, "日期，格式 YYYY-MM-DD");
        unsigned wf = text_width(fmt.p ? fmt.p : "") + 2, we = col->example ? text_width(col->example) + 2 : 0;
        if (wf > w_fmt) w_fmt = wf;
        if (we > w_ex) w_ex = we;
        le = worksheet_write_string(notes, r, 0, col->name, f_cell);
        if (le == LXW_NO_ERROR)
            le = worksheet_write_string(notes, r, 1, col->is_required ? "是" : "否", col->is_required ? f_req : f_opt);
        if (le == LXW_NO_ERROR) le = worksheet_write_string(notes, r, 2, fmt.p ? fmt.p : "", f_cell);
        if (le == LXW_NO_ERROR) le = worksheet_write_string(notes, r, 3, col->example ? col->example : "", f_num_text);
        buf_free(&fmt);
    }
    worksheet_set_column(notes, 0, 0, w_name > 30 ? 30 : w_name, NULL);
    worksheet_set_column(notes, 1, 1, 10, NULL);
    worksheet_set_column(notes, 2, 2, w_fmt > 60 ? 60 : w_fmt, NULL);
    worksheet_set_column(notes, 3, 3, w_ex > 40 ? 40 : w_ex, NULL);

    lxw_error lc = workbook_close(wb);
    if (le == LXW_NO_ERROR) le = lc;
    if (le != LXW_NO_ERROR) {
        unlink(path);
        return lxw_err(a, "template", le);
    }
    return NULL;
}
