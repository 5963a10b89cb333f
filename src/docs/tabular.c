#include "docs/tabular.h"

#include <errno.h>
#include <iconv.h>
#include <libxml/xmlreader.h>
#include <math.h> /* isfinite, a macro: no libm */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "util/buf.h"

/* Excel's sheet limits: a row or column beyond them is not something a user made in Excel,
 * and capping them keeps a hostile file from asking for a huge cell array. */
enum { TAB_MAX_ROWS = 1048576, TAB_MAX_COLS = 16384, TAB_IO_BLOCK = 64 * 1024 };

/* XLSX is a zip: 20 MiB uploaded can inflate to gigabytes (a "zip bomb") and a shared string
 * referenced from every cell multiplies again. These bound what one import may cost, far
 * above what a real workbook of Excel's own limits needs (a 100,000-row roster is ~60 MiB of
 * XML). A cell holds at most 32,767 characters in Excel itself. */
#define TAB_MAX_XLSX_BYTES ((uint64_t)256 * 1024 * 1024) /* all parts, uncompressed */
enum {
    TAB_MAX_SHARED_STRINGS = 1000000,
    TAB_MAX_SHARED_BYTES = 64 * 1024 * 1024,
    TAB_MAX_CELL_CHARS = 32767,
    TAB_MAX_ROW_BYTES = 16 * 1024 * 1024,
};

/* ------------------------------------------------------------------------------------------
 * One row being assembled. The buffers are reused from row to row (reset, not freed), so a
 * read holds at most the largest row, whatever the number of rows. */

typedef struct tab_cell {
    size_t col;
    size_t off; /* into row.text */
} tab_cell_t;

typedef struct tab_row {
    buf_t text;  /* cell texts, each NUL-terminated */
    buf_t cells; /* tab_cell_t[] in arrival order */
    buf_t ptrs;  /* const char *[] handed to the callback */
    size_t n_cols;
    bool has_text;
} tab_row_t;

static void row_init(tab_row_t *r) {
    buf_init(&r->text);
    buf_init(&r->cells);
    buf_init(&r->ptrs);
    r->n_cols = 0;
    r->has_text = false;
}

static void row_free(tab_row_t *r) {
    buf_free(&r->text);
    buf_free(&r->cells);
    buf_free(&r->ptrs);
}

static void row_reset(tab_row_t *r) {
    r->text.n = 0;
    r->cells.n = 0;
    r->n_cols = 0;
    r->has_text = false;
}

static void row_add(tab_row_t *r, size_t col, const char *p, size_t n) {
    tab_cell_t c = {col, r->text.n};
    buf_append(&r->text, p, n);
    buf_putc(&r->text, '\0');
    buf_append(&r->cells, &c, sizeof c);
    if (col + 1 > r->n_cols) r->n_cols = col + 1;
    if (n) r->has_text = true;
}

/* Hands a finished row to the callback (unless it is empty) and resets it. */
static err_t *row_emit(tab_row_t *r, size_t row_no, tabular_row_fn fn, void *ctx) {
    err_t *e = NULL;
    if (r->has_text) {
        r->ptrs.n = 0;
        buf_reserve(&r->ptrs, r->n_cols * sizeof(char *));
        const char **ptrs = (const char **)(void *)r->ptrs.p;
        for (size_t i = 0; i < r->n_cols; i++)
            ptrs[i] = "";
        const tab_cell_t *cells = (const tab_cell_t *)(void *)r->cells.p;
        size_t n_cells = r->cells.n / sizeof(tab_cell_t);
        for (size_t i = 0; i < n_cells; i++)
            ptrs[cells[i].col] = r->text.p + cells[i].off;
        e = fn(ctx, row_no, ptrs, r->n_cols);
    }
    row_reset(r);
    return e;
}

static err_t *err_too_large(arena_t *a, size_t row_no) {
    return err_newf(a, ERR_TOO_LARGE, "file", "第 %zu 行超出 Excel 的行列上限（1048576 行、16384 列）",
                    "row %zu is beyond Excel's limits (1048576 rows, 16384 columns)", row_no);
}

/* ------------------------------------------------------------------------------------------
 * CSV */

/* Length of the valid UTF-8 prefix of p[0..n), stopping before a sequence cut off by the end
 * of the block; *is_bad is set when an invalid sequence (or a NUL byte) is found. */
static size_t utf8_check(const unsigned char *p, size_t n, bool *is_bad) {
    size_t i = 0;
    *is_bad = false;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t min;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, min = 0x10000;
        else {
            *is_bad = true; /* NUL, a stray continuation byte, C0/C1, F5..FF */
            return i;
        }
        if (i + len > n) {
            for (size_t k = i + 1; k < n; k++)
                if ((p[k] & 0xC0) != 0x80) *is_bad = true;
            return i;
        }
        uint32_t cp = c & (0xFF >> (len + 1));
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80) {
                *is_bad = true;
                return i;
            }
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            *is_bad = true;
            return i;
        }
        i += len;
    }
    return i;
}

typedef enum { ENC_UTF8, ENC_GB18030, ENC_NEITHER } csv_enc_t;

static bool file_is_utf8(FILE *f) {
    unsigned char block[TAB_IO_BLOCK + 4];
    size_t carry = 0;
    for (;;) {
        size_t got = fread(block + carry, 1, TAB_IO_BLOCK, f);
        size_t n = carry + got;
        bool is_bad;
        size_t ok = utf8_check(block, n, &is_bad);
        if (is_bad) return false;
        carry = n - ok;
        if (got == 0) return carry == 0; /* a sequence cut off by the end of the file */
        memmove(block, block + ok, carry);
    }
}

/* GB18030 covers almost every byte sequence, so the test is glibc's own decoder: the whole
 * file must convert without EILSEQ and without a truncated sequence at the end. NUL bytes are
 * refused too: GB18030 text has none, UTF-16 text has many. */
static bool file_is_gb18030(FILE *f) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) return false;
    char in[TAB_IO_BLOCK + 8], out[TAB_IO_BLOCK * 2];
    size_t carry = 0;
    bool is_ok = true;
    for (;;) {
        size_t got = fread(in + carry, 1, TAB_IO_BLOCK, f);
        if (memchr(in + carry, '\0', got)) {
            is_ok = false;
            break;
        }
        if (got == 0) {
            is_ok = carry == 0;
            break;
        }
        char *ip = in;
        size_t ileft = carry + got;
        while (ileft) {
            char *op = out;
            size_t oleft = sizeof out;
            if (iconv(cd, &ip, &ileft, &op, &oleft) != (size_t)-1) continue;
            if (errno == E2BIG) continue;
            if (errno == EINVAL) break; /* incomplete: carried into the next block */
            is_ok = false;
            break;
        }
        if (!is_ok) break;
        carry = ileft;
        memmove(in, ip, carry);
    }
    iconv_close(cd);
    return is_ok;
}

static csv_enc_t csv_detect(FILE *f) {
    bool is_utf8 = file_is_utf8(f);
    rewind(f);
    if (is_utf8) return ENC_UTF8;
    bool is_gb = file_is_gb18030(f);
    rewind(f);
    return is_gb ? ENC_GB18030 : ENC_NEITHER;
}

/* The file as a stream of UTF-8 blocks, converted when it is GB18030. */
typedef struct csv_src {
    FILE *f;
    iconv_t cd;
    char in[TAB_IO_BLOCK + 8];
    size_t n_in;
    char out[TAB_IO_BLOCK * 2];
    bool is_eof;
} csv_src_t;

/* Next block of UTF-8; returns 0 at the end of the file, (size_t)-1 on a read or conversion
 * error (the file changed under us: it was validated before). */
static size_t csv_src_next(csv_src_t *s, const char **p) {
    if (s->cd == (iconv_t)-1) {
        size_t got = fread(s->out, 1, sizeof s->out, s->f);
        *p = s->out;
        if (got == 0 && ferror(s->f)) return (size_t)-1;
        return got;
    }
    for (;;) {
        if (!s->is_eof && s->n_in < TAB_IO_BLOCK) {
            size_t got = fread(s->in + s->n_in, 1, TAB_IO_BLOCK - s->n_in, s->f);
            if (got == 0) {
                if (ferror(s->f)) return (size_t)-1;
                s->is_eof = true;
            }
            s->n_in += got;
        }
        if (s->n_in == 0) return 0;
        char *ip = s->in, *op = s->out;
        size_t ileft = s->n_in, oleft = sizeof s->out;
        size_t rc = iconv(s->cd, &ip, &ileft, &op, &oleft);
        if (rc == (size_t)-1 && errno != E2BIG && errno != EINVAL) return (size_t)-1;
        memmove(s->in, ip, ileft);
        s->n_in = ileft;
        size_t produced = sizeof s->out - oleft;
        if (produced) {
            *p = s->out;
            return produced;
        }
        if (s->is_eof) return (size_t)-1; /* a truncated sequence at the end */
    }
}

typedef enum { CSV_FIELD_START, CSV_UNQUOTED, CSV_QUOTED, CSV_QUOTE_IN_QUOTED } csv_state_t;

typedef struct csv_parser {
    arena_t *a;
    tabular_row_fn fn;
    void *ctx;
    tab_row_t row;
    buf_t field;
    size_t n_fields;
    size_t row_no;
    size_t quote_row; /* where an open quote started, for the error message */
    csv_state_t state;
    bool has_record; /* something of the current record has been seen */
    bool skip_lf;    /* the previous byte was a CR ending a record */
    bool at_start;   /* for the BOM */
} csv_parser_t;

static err_t *csv_end_field(csv_parser_t *cp) {
    if (cp->n_fields >= TAB_MAX_COLS) return err_too_large(cp->a, cp->row_no);
    row_add(&cp->row, cp->n_fields++, cp->field.p ? cp->field.p : "", cp->field.n);
    cp->field.n = 0;
    cp->state = CSV_FIELD_START;
    return NULL;
}

static err_t *csv_end_record(csv_parser_t *cp) {
    err_t *e = csv_end_field(cp);
    if (e) return e;
    if (cp->row_no > TAB_MAX_ROWS) return err_too_large(cp->a, cp->row_no);
    e = row_emit(&cp->row, cp->row_no, cp->fn, cp->ctx);
    cp->row_no++;
    cp->n_fields = 0;
    cp->has_record = false;
    return e;
}

static err_t *csv_feed(csv_parser_t *cp, const char *p, size_t n) {
    size_t i = 0;
    if (cp->at_start && n) {
        if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) i = 3;
        cp->at_start = false;
    }
    while (i < n) {
        char c = p[i];
        if (cp->skip_lf) {
            cp->skip_lf = false;
            if (c == '\n') {
                i++;
                continue;
            }
        }
        switch (cp->state) {
        case CSV_FIELD_START:
            if (c == '"') {
                cp->state = CSV_QUOTED;
                cp->quote_row = cp->row_no;
                cp->has_record = true;
                i++;
                continue;
            }
            cp->state = CSV_UNQUOTED;
            /* fall through */
        case CSV_UNQUOTED: {
            size_t j = i;
            while (j < n && p[j] != ',' && p[j] != '\r' && p[j] != '\n')
                j++;
            if (j > i) {
                buf_append(&cp->field, p + i, j - i);
                cp->has_record = true;
            }
            i = j;
            if (i == n) break;
            c = p[i++];
            err_t *e;
            if (c == ',') {
                cp->has_record = true;
                e = csv_end_field(cp);
            } else {
                cp->skip_lf = c == '\r';
                e = csv_end_record(cp);
            }
            if (e) return e;
            break;
        }
        case CSV_QUOTED: {
            const char *q = memchr(p + i, '"', n - i);
            size_t j = q ? (size_t)(q - p) : n;
            buf_append(&cp->field, p + i, j - i);
            i = j;
            if (q) {
                cp->state = CSV_QUOTE_IN_QUOTED;
                i++;
            }
            break;
        }
        case CSV_QUOTE_IN_QUOTED:
            if (c == '"') { /* "" stands for one quote */
                buf_putc(&cp->field, '"');
                cp->state = CSV_QUOTED;
                i++;
            } else {
                /* Closed. Text up to the next separator is kept, as Excel does. */
                cp->state = CSV_UNQUOTED;
            }
            break;
        }
    }
    return NULL;
}

static err_t *csv_read(arena_t *a, FILE *f, tabular_row_fn fn, void *ctx) {
    csv_enc_t enc = csv_detect(f);
    if (enc == ENC_NEITHER)
        return err_new(a, ERR_INVALID, "file",
                       "文件编码无法识别：既不是 UTF-8 也不是 GB18030（GBK），请在 Excel 中另存为“CSV UTF-8”或 XLSX",
                       "unrecognised encoding: neither UTF-8 nor GB18030 (GBK); save it from Excel as "
                       "\"CSV UTF-8\" or XLSX");
    csv_src_t *src = calloc(1, sizeof *src); /* 200 KB of buffers: not for the stack */
    if (!src) abort();
    src->f = f;
    src->cd = enc == ENC_GB18030 ? iconv_open("UTF-8", "GB18030") : (iconv_t)-1;
    if (enc == ENC_GB18030 && src->cd == (iconv_t)-1) {
        free(src);
        return err_new(a, ERR_INTERNAL, NULL, "系统缺少 GB18030 编码转换", "GB18030 conversion is not available");
    }
    csv_parser_t cp = {.a = a, .fn = fn, .ctx = ctx, .row_no = 1, .state = CSV_FIELD_START, .at_start = true};
    row_init(&cp.row);
    buf_init(&cp.field);
    err_t *e = NULL;
    for (;;) {
        const char *p;
        size_t n = csv_src_next(src, &p);
        if (n == (size_t)-1) {
            e = err_new(a, ERR_INVALID, "file", "读取文件失败", "cannot read the file");
            break;
        }
        if (n == 0) break;
        e = csv_feed(&cp, p, n);
        if (e) break;
    }
    if (!e) {
        if (cp.state == CSV_QUOTED)
            e = err_newf(a, ERR_INVALID, "file", "第 %zu 行：引号未闭合", "row %zu: a quote is never closed",
                         cp.quote_row);
        else if (cp.has_record || cp.state != CSV_FIELD_START || cp.n_fields > 0)
            e = csv_end_record(&cp);
    }
    row_free(&cp.row);
    buf_free(&cp.field);
    if (src->cd != (iconv_t)-1) iconv_close(src->cd);
    free(src);
    return e;
}

/* ------------------------------------------------------------------------------------------
 * XLSX */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void) {
    xmlInitParser();
}

/* libxml2 would print parse errors to stderr; the error is reported through err_t instead. */
static void xml_quiet(void *arg, const char *msg, xmlParserSeverities severity, xmlTextReaderLocatorPtr loc) {
    (void)arg, (void)msg, (void)severity, (void)loc;
}

/* Why a workbook was refused while its XML was being read (the parser only sees a failed
 * read); shared by every part of one workbook. */
typedef enum xlsx_refusal {
    XLSX_OK = 0,
    XLSX_TOO_BIG,   /* the parts inflate past TAB_MAX_XLSX_BYTES */
    XLSX_DOCTYPE,   /* a <!DOCTYPE: entities and external subsets have no place in OOXML */
    XLSX_NOT_UTF8,  /* NUL bytes: UTF-16/32 text, which would hide a DOCTYPE from the scan */
    XLSX_SST_COUNT, /* more shared strings than TAB_MAX_SHARED_STRINGS */
    XLSX_SST_BYTES, /* shared-string text past TAB_MAX_SHARED_BYTES */
    XLSX_CELL,      /* a cell longer than TAB_MAX_CELL_CHARS */
    XLSX_ROW,       /* a row's text past TAB_MAX_ROW_BYTES */
} xlsx_refusal_t;

typedef struct xlsx_guard {
    uint64_t n_read; /* uncompressed bytes read so far, all parts */
    xlsx_refusal_t refusal;
} xlsx_guard_t;

typedef struct xml_in {
    zip_file_t *zf;
    xmlTextReaderPtr r;
    xlsx_guard_t *guard;
    char tail[8]; /* the last bytes of the previous block: a "<!DOCTYPE" may straddle two */
    size_t n_tail;
} xml_in_t;

/* Whether p[0..n) holds "<!doctype" in any case. */
static bool scan_doctype(const char *p, size_t n) {
    static const char pat[] = "<!doctype";
    const size_t n_pat = sizeof pat - 1;
    for (const char *q = memchr(p, '<', n); q; q = memchr(q + 1, '<', n - (size_t)(q + 1 - p))) {
        size_t left = n - (size_t)(q - p);
        if (left < n_pat) return false;
        if (strncasecmp(q, pat, n_pat) == 0) return true;
    }
    return false;
}

/* Whether "<!doctype" (any case) occurs in tail+p: the byte scan runs before the parser
 * sees a byte, so no DTD is ever parsed. */
static bool has_doctype(const char *tail, size_t n_tail, const char *p, size_t n) {
    char seam[16 + 8];
    size_t n_head = n < 8 ? n : 8;
    memcpy(seam, tail, n_tail);
    memcpy(seam + n_tail, p, n_head);
    return scan_doctype(seam, n_tail + n_head) || scan_doctype(p, n);
}

static int xml_zip_read(void *ctx, char *buffer, int len) {
    xml_in_t *x = ctx;
    if (x->guard->refusal) return -1;
    zip_int64_t n = zip_fread(x->zf, buffer, (zip_uint64_t)len);
    if (n <= 0) return n < 0 ? -1 : 0;
    x->guard->n_read += (uint64_t)n;
    if (x->guard->n_read > TAB_MAX_XLSX_BYTES)
        x->guard->refusal = XLSX_TOO_BIG;
    else if (memchr(buffer, '\0', (size_t)n))
        x->guard->refusal = XLSX_NOT_UTF8;
    else if (has_doctype(x->tail, x->n_tail, buffer, (size_t)n))
        x->guard->refusal = XLSX_DOCTYPE;
    if (x->guard->refusal) return -1;
    size_t keep = (size_t)n < sizeof x->tail ? (size_t)n : sizeof x->tail;
    if (x->n_tail + keep > sizeof x->tail) {
        size_t drop = x->n_tail + keep - sizeof x->tail;
        memmove(x->tail, x->tail + drop, x->n_tail - drop);
        x->n_tail -= drop;
    }
    memcpy(x->tail + x->n_tail, buffer + (size_t)n - keep, keep);
    x->n_tail += keep;
    return (int)n;
}

/* Opens a zip member for streaming XML; false when it is absent. No entity substitution, no
 * DTD, no network: a workbook is untrusted input. The text is read as UTF-8 whatever it
 * declares (OOXML writers all write UTF-8). */
static bool xml_open(zip_t *z, xlsx_guard_t *guard, const char *name, xml_in_t *x) {
    memset(x, 0, sizeof *x);
    x->guard = guard;
    zip_int64_t idx = zip_name_locate(z, name, ZIP_FL_NOCASE);
    if (idx < 0) return false;
    x->zf = zip_fopen_index(z, (zip_uint64_t)idx, 0);
    if (!x->zf) return false;
    x->r = xmlReaderForIO(xml_zip_read, NULL, x, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOWARNING);
    if (!x->r) {
        zip_fclose(x->zf);
        x->zf = NULL;
        return false;
    }
    xmlTextReaderSetErrorHandler(x->r, xml_quiet, NULL);
    return true;
}

static void xml_close(xml_in_t *x) {
    if (x->r) xmlFreeTextReader(x->r);
    if (x->zf) zip_fclose(x->zf);
    x->r = NULL;
    x->zf = NULL;
}

static bool xml_is(xmlTextReaderPtr r, const char *local) {
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n && strcmp((const char *)n, local) == 0;
}

/* Attribute by local name, ignoring the prefix (r:id, or a writer's own prefixes). The
 * returned string is owned by the reader and valid until the next read. */
static const char *xml_attr(xmlTextReaderPtr r, const char *local) {
    const char *v = NULL;
    if (xmlTextReaderMoveToFirstAttribute(r) != 1) return NULL;
    do {
        if (xml_is(r, local)) {
            v = (const char *)xmlTextReaderConstValue(r);
            break;
        }
    } while (xmlTextReaderMoveToNextAttribute(r) == 1);
    xmlTextReaderMoveToElement(r);
    return v;
}

static bool xml_is_text(int type) {
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA || type == XML_READER_TYPE_WHITESPACE ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static void utf8_put(buf_t *b, uint32_t cp) {
    char s[4];
    size_t n;
    if (cp < 0x80)
        s[0] = (char)cp, n = 1;
    else if (cp < 0x800)
        s[0] = (char)(0xC0 | (cp >> 6)), s[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        s[0] = (char)(0xE0 | (cp >> 12)), s[1] = (char)(0x80 | ((cp >> 6) & 0x3F)), s[2] = (char)(0x80 | (cp & 0x3F)),
        n = 3;
    else
        s[0] = (char)(0xF0 | (cp >> 18)), s[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), s[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    buf_append(b, s, n);
}

/* Appends OOXML string text, undoing Excel's _xHHHH_ escapes (how it stores characters XML
 * cannot hold, e.g. the CR of a line break typed in a cell: "_x000D_"). */
static void ooxml_text(buf_t *b, const char *s) {
    const char *u;
    while ((u = strstr(s, "_x")) != NULL) {
        unsigned v = 0;
        bool is_esc = true;
        for (int k = 2; k < 6; k++) {
            char c = u[k];
            int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                           : -1;
            if (d < 0) {
                is_esc = false;
                break;
            }
            v = v * 16 + (unsigned)d;
        }
        if (is_esc && u[6] != '_') is_esc = false;
        buf_append(b, s, (size_t)(u - s) + (is_esc ? 0 : 2));
        if (is_esc) {
            if (v != 0) utf8_put(b, v);
            s = u + 7;
        } else {
            s = u + 2;
        }
    }
    buf_puts(b, s);
}

typedef struct xlsx {
    arena_t *a;
    zip_t *z;
    buf_t sst_text; /* shared strings, each NUL-terminated */
    buf_t sst_off;  /* size_t[] */
    size_t n_sst;
    buf_t xf_is_date; /* bool[] per cellXfs index */
    bool is_1904;
    char sheet_path[512];
    xlsx_guard_t guard;
} xlsx_t;

static err_t *xlsx_damaged(arena_t *a, const char *what) {
    return err_newf(a, ERR_INVALID, "file", "XLSX 文件已损坏或不是 Excel 工作簿（%s）",
                    "the XLSX file is damaged or not an Excel workbook (%s)", what);
}

static err_t *xlsx_refused(arena_t *a, xlsx_refusal_t why) {
    switch (why) {
    case XLSX_TOO_BIG:
        return err_new(a, ERR_TOO_LARGE, "file", "XLSX 文件解压后超过 256 MiB，拒绝导入",
                       "the XLSX file inflates to more than 256 MiB; refused");
    case XLSX_DOCTYPE:
        return err_new(a, ERR_INVALID, "file", "XLSX 文件含有 DOCTYPE 声明（Excel 不会写入），拒绝导入",
                       "the XLSX file holds a DOCTYPE declaration (Excel never writes one); refused");
    case XLSX_NOT_UTF8:
        return err_new(a, ERR_INVALID, "file", "XLSX 文件的 XML 不是 UTF-8 编码，拒绝导入",
                       "the XML inside the XLSX file is not UTF-8; refused");
    case XLSX_SST_COUNT:
        return err_new(a, ERR_TOO_LARGE, "file", "XLSX 文件的共享字符串超过 1000000 个，拒绝导入",
                       "the XLSX file has more than 1000000 shared strings; refused");
    case XLSX_SST_BYTES:
        return err_new(a, ERR_TOO_LARGE, "file", "XLSX 文件的共享字符串超过 64 MiB，拒绝导入",
                       "the XLSX file's shared strings exceed 64 MiB; refused");
    case XLSX_CELL:
        return err_new(a, ERR_TOO_LARGE, "file", "单元格超过 32767 个字符（Excel 的上限），拒绝导入",
                       "a cell is longer than 32767 characters (Excel's limit); refused");
    case XLSX_ROW:
        return err_new(a, ERR_TOO_LARGE, "file", "一行的内容超过 16 MiB，拒绝导入",
                       "a row holds more than 16 MiB of text; refused");
    case XLSX_OK:
        break;
    }
    return NULL;
}

/* The outcome of reading one part: a refusal wins over the parse error it caused. */
static err_t *xlsx_status(xlsx_t *x, int rc, const char *what) {
    if (x->guard.refusal) return xlsx_refused(x->a, x->guard.refusal);
    return rc < 0 ? xlsx_damaged(x->a, what) : NULL;
}

static size_t utf8_chars(const char *p, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)p[i] & 0xC0) != 0x80;
    return k;
}

/* Before a byte is inflated: the sizes the zip declares (a lying header is still caught by
 * the running count in xml_zip_read). */
static err_t *xlsx_check_declared(xlsx_t *x) {
    zip_int64_t n = zip_get_num_entries(x->z, 0);
    uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(x->z, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) continue;
        total += st.size;
        if (total > TAB_MAX_XLSX_BYTES || st.size > TAB_MAX_XLSX_BYTES) return xlsx_refused(x->a, XLSX_TOO_BIG);
    }
    return NULL;
}

/* xl/workbook.xml: the relationship id of the first sheet and the 1904 date system flag. */
static err_t *xlsx_workbook(xlsx_t *x, char *rid, size_t rid_cap) {
    xml_in_t in;
    rid[0] = '\0';
    if (!xml_open(x->z, &x->guard, "xl/workbook.xml", &in)) return NULL; /* fall back to sheet1.xml */
    int rc;
    while ((rc = xmlTextReaderRead(in.r)) == 1) {
        if (xmlTextReaderNodeType(in.r) != XML_READER_TYPE_ELEMENT) continue;
        if (xml_is(in.r, "workbookPr")) {
            const char *v = xml_attr(in.r, "date1904");
            x->is_1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
        } else if (xml_is(in.r, "sheet")) {
            const char *v = xml_attr(in.r, "id");
            if (v) snprintf(rid, rid_cap, "%s", v);
            break;
        }
    }
    xml_close(&in);
    return xlsx_status(x, rc, "workbook.xml");
}

static err_t *xlsx_find_sheet(xlsx_t *x) {
    char rid[128];
    err_t *e = xlsx_workbook(x, rid, sizeof rid);
    if (e) return e;
    snprintf(x->sheet_path, sizeof x->sheet_path, "xl/worksheets/sheet1.xml");
    xml_in_t in;
    if (!rid[0] || !xml_open(x->z, &x->guard, "xl/_rels/workbook.xml.rels", &in)) return NULL;
    int rc;
    while ((rc = xmlTextReaderRead(in.r)) == 1) {
        if (xmlTextReaderNodeType(in.r) != XML_READER_TYPE_ELEMENT || !xml_is(in.r, "Relationship")) continue;
        const char *id = xml_attr(in.r, "Id");
        if (!id || strcmp(id, rid) != 0) continue;
        const char *target = xml_attr(in.r, "Target");
        if (target) {
            if (target[0] == '/')
                snprintf(x->sheet_path, sizeof x->sheet_path, "%s", target + 1);
            else
                snprintf(x->sheet_path, sizeof x->sheet_path, "xl/%s", target);
        }
        break;
    }
    xml_close(&in);
    return xlsx_status(x, rc, "workbook.xml.rels");
}

/* Collects the text of <t> elements inside the current <si> or <is>, skipping phonetic runs
 * (<rPh>), up to the closing tag named `end`. */
static int xml_string_item(xmlTextReaderPtr r, const char *end, buf_t *tmp) {
    int depth_rph = 0, in_t = 0, rc;
    tmp->n = 0;
    if (xmlTextReaderIsEmptyElement(r)) return 1;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (xml_is(r, "rPh") && !xmlTextReaderIsEmptyElement(r))
                depth_rph++;
            else if (xml_is(r, "t") && !xmlTextReaderIsEmptyElement(r))
                in_t = 1;
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (xml_is(r, "rPh"))
                depth_rph--;
            else if (xml_is(r, "t"))
                in_t = 0;
            else if (xml_is(r, end))
                return 1;
        } else if (in_t && depth_rph == 0 && xml_is_text(type)) {
            ooxml_text(tmp, (const char *)xmlTextReaderConstValue(r));
        }
    }
    return rc;
}

static err_t *xlsx_shared_strings(xlsx_t *x) {
    xml_in_t in;
    if (!xml_open(x->z, &x->guard, "xl/sharedStrings.xml", &in)) return NULL;
    buf_t tmp;
    buf_init(&tmp);
    int rc;
    while ((rc = xmlTextReaderRead(in.r)) == 1) {
        if (xmlTextReaderNodeType(in.r) != XML_READER_TYPE_ELEMENT || !xml_is(in.r, "si")) continue;
        rc = xml_string_item(in.r, "si", &tmp);
        if (rc != 1) break;
        if (utf8_chars(tmp.p, tmp.n) > TAB_MAX_CELL_CHARS)
            x->guard.refusal = XLSX_CELL;
        else if (x->n_sst >= TAB_MAX_SHARED_STRINGS)
            x->guard.refusal = XLSX_SST_COUNT;
        else if (x->sst_text.n + tmp.n + 1 > TAB_MAX_SHARED_BYTES)
            x->guard.refusal = XLSX_SST_BYTES;
        if (x->guard.refusal) break;
        size_t off = x->sst_text.n;
        buf_append(&x->sst_off, &off, sizeof off);
        buf_append(&x->sst_text, tmp.p ? tmp.p : "", tmp.n);
        buf_putc(&x->sst_text, '\0');
        x->n_sst++;
    }
    buf_free(&tmp);
    xml_close(&in);
    return xlsx_status(x, rc, "sharedStrings.xml");
}

/* Whether a number format code shows a date or time: any of y m d h s outside quoted text,
 * escapes and [..] sections ([Red], [$-804], [DBNum1]; elapsed [h] is a duration, not a date). */
static bool numfmt_is_date(const char *code) {
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (c == '"') {
            p = strchr(p + 1, '"');
            if (!p) return false;
        } else if (c == '\\' || c == '_' || c == '*') {
            if (!*++p) return false;
        } else if (c == '[') {
            p = strchr(p, ']');
            if (!p) return false;
        } else if (c == ';') {
            return false; /* the first section decides */
        } else if (strchr("yYmMdDhHsS", c)) {
            return true;
        }
    }
    return false;
}

static bool numfmt_builtin_is_date(long id) {
    /* 14-22 dates and times; 27-36 and 50-58 are the East Asian (zh-CN: 年月日) date formats;
     * 45-47 mm:ss, [h]:mm:ss, mm:ss.0. */
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

static err_t *xlsx_styles(xlsx_t *x) {
    xml_in_t in;
    if (!xml_open(x->z, &x->guard, "xl/styles.xml", &in)) return NULL;
    /* Custom formats are few (Excel caps them near 250): a small table suffices. */
    enum { MAX_CUSTOM = 512 };
    long custom_id[MAX_CUSTOM];
    bool custom_date[MAX_CUSTOM];
    size_t n_custom = 0;
    int in_xfs = 0, rc;
    while ((rc = xmlTextReaderRead(in.r)) == 1) {
        int type = xmlTextReaderNodeType(in.r);
        if (type == XML_READER_TYPE_END_ELEMENT && xml_is(in.r, "cellXfs")) {
            in_xfs = 0;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT) continue;
        if (xml_is(in.r, "numFmt") && n_custom < MAX_CUSTOM) {
            const char *id = xml_attr(in.r, "numFmtId");
            if (!id) continue;
            custom_id[n_custom] = strtol(id, NULL, 10);
            const char *code = xml_attr(in.r, "formatCode");
            custom_date[n_custom++] = code && numfmt_is_date(code);
        } else if (xml_is(in.r, "cellXfs")) {
            in_xfs = !xmlTextReaderIsEmptyElement(in.r);
        } else if (in_xfs && xml_is(in.r, "xf")) {
            const char *id = xml_attr(in.r, "numFmtId");
            long fid = id ? strtol(id, NULL, 10) : 0;
            bool is_date = numfmt_builtin_is_date(fid);
            for (size_t i = 0; i < n_custom; i++)
                if (custom_id[i] == fid) is_date = custom_date[i];
            buf_append(&x->xf_is_date, &is_date, sizeof is_date);
        }
    }
    xml_close(&in);
    return xlsx_status(x, rc, "styles.xml");
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil_from_days(long z, long *y, unsigned *m, unsigned *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

/* An Excel serial date as ISO text. 1900 system: serial 1 is 1900-01-01 and Excel counts a
 * 1900-02-29 that never was, so serials from 61 on are one day ahead. */
static void format_excel_date(buf_t *b, double serial, bool is_1904) {
    long secs_total = (long)(serial * 86400.0 + 0.5); /* serial >= 0 */
    long days = secs_total / 86400;
    long secs = secs_total % 86400;
    long epoch_days; /* 1970-01-01 minus the day serial 0 stands for */
    if (is_1904)
        epoch_days = -24107; /* 1904-01-01 */
    else if (days >= 61)
        epoch_days = -25569; /* 1899-12-30 */
    else
        epoch_days = -25568; /* 1899-12-31 */
    if (serial < 1 && !is_1904) {
        buf_printf(b, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
        return;
    }
    long y;
    unsigned m, d;
    civil_from_days(days + epoch_days, &y, &m, &d);
    buf_printf(b, "%04ld-%02u-%02u", y, m, d);
    if (secs) buf_printf(b, " %02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
}

static void format_number(buf_t *b, const char *v, bool is_date, bool is_1904) {
    const char *p = v + (*v == '-');
    bool is_int = *p != '\0';
    for (; *p; p++)
        if (*p < '0' || *p > '9') is_int = false;
    if (is_int && !is_date) { /* exact as stored, even past double precision */
        buf_puts(b, v);
        return;
    }
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || *end != '\0' || !isfinite(x)) {
        buf_puts(b, v);
        return;
    }
    if (is_date && x >= 0 && x < 2958466) /* up to 9999-12-31 */
        format_excel_date(b, x, is_1904);
    else if (x == 0)
        buf_putc(b, '0');
    else if (x > -1e15 && x < 1e15 && x == (double)(long long)x)
        buf_printf(b, "%.0f", x);
    else
        buf_printf(b, "%.15g", x); /* what Excel shows: 15 significant digits */
}

/* ISO 8601 text of a t="d" cell, shown as the rest of dudao shows dates. */
static void format_iso_date(buf_t *b, const char *v) {
    size_t n = strcspn(v, ".Zz+");
    if (n > 19) n = 19;
    char tmp[20];
    memcpy(tmp, v, n);
    tmp[n] = '\0';
    if (n > 10 && (tmp[10] == 'T' || tmp[10] == 't')) tmp[10] = ' ';
    if (n == 19 && strcmp(tmp + 10, " 00:00:00") == 0) tmp[10] = '\0';
    buf_puts(b, tmp);
}

/* "BC12" → column 54 (0-based); false when it is not a cell reference. */
static bool cell_ref_col(const char *ref, size_t *col) {
    size_t c = 0;
    const char *p = ref;
    for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'); p++) {
        c = c * 26 + (size_t)((*p | 0x20) - 'a' + 1);
        if (c > TAB_MAX_COLS) return false;
    }
    if (p == ref || c == 0) return false;
    *col = c - 1;
    return true;
}

typedef struct sheet_cell {
    size_t col;
    char type; /* 'n' number, 's' shared, 'i' inline, 'b' bool, 'e' error, 'f' formula str, 'd' date */
    long style;
    bool has_value;
} sheet_cell_t;

static err_t *xlsx_sheet(xlsx_t *x, tabular_row_fn fn, void *ctx) {
    xml_in_t in;
    if (!xml_open(x->z, &x->guard, x->sheet_path, &in))
        return err_new(x->a, ERR_INVALID, "file", "工作簿中没有工作表", "the workbook has no worksheet");
    tab_row_t row;
    row_init(&row);
    buf_t val, out;
    buf_init(&val);
    buf_init(&out);
    size_t row_no = 0, next_col = 0;
    bool in_row = false, in_c = false, in_v = false;
    sheet_cell_t cell = {0};
    const bool *xf_is_date = (const bool *)(void *)x->xf_is_date.p;
    size_t n_xf = x->xf_is_date.n / sizeof(bool);
    err_t *e = NULL;
    int rc;
    while ((rc = xmlTextReaderRead(in.r)) == 1) {
        int type = xmlTextReaderNodeType(in.r);
        if (type == XML_READER_TYPE_ELEMENT) {
            const char *name = (const char *)xmlTextReaderConstLocalName(in.r);
            bool is_empty = xmlTextReaderIsEmptyElement(in.r);
            if (strcmp(name, "c") == 0 && in_row) {
                const char *ref = xml_attr(in.r, "r");
                if (!ref || !cell_ref_col(ref, &cell.col)) cell.col = next_col;
                if (cell.col >= TAB_MAX_COLS) {
                    e = err_too_large(x->a, row_no);
                    break;
                }
                const char *t = xml_attr(in.r, "t");
                cell.type = !t                            ? 'n'
                            : strcmp(t, "s") == 0         ? 's'
                            : strcmp(t, "inlineStr") == 0 ? 'i'
                            : strcmp(t, "b") == 0         ? 'b'
                            : strcmp(t, "e") == 0         ? 'e'
                            : strcmp(t, "str") == 0       ? 'f'
                            : strcmp(t, "d") == 0         ? 'd'
                                                          : 'n';
                const char *s = xml_attr(in.r, "s");
                cell.style = s ? strtol(s, NULL, 10) : 0;
                cell.has_value = false;
                val.n = 0;
                if (val.p) val.p[0] = '\0';
                in_c = !is_empty;
                next_col = cell.col + 1;
            } else if (in_c && strcmp(name, "v") == 0) {
                in_v = !is_empty;
                cell.has_value = true;
            } else if (in_c && strcmp(name, "is") == 0) {
                rc = xml_string_item(in.r, "is", &val);
                if (rc != 1) break;
                cell.has_value = true;
            } else if (strcmp(name, "row") == 0) {
                const char *r = xml_attr(in.r, "r");
                size_t rn = r ? strtoul(r, NULL, 10) : 0;
                row_no = rn > row_no ? rn : row_no + 1;
                if (row_no > TAB_MAX_ROWS) {
                    e = err_too_large(x->a, row_no);
                    break;
                }
                next_col = 0;
                row_reset(&row);
                in_row = !is_empty;
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            const char *name = (const char *)xmlTextReaderConstLocalName(in.r);
            if (strcmp(name, "v") == 0) {
                in_v = false;
            } else if (strcmp(name, "c") == 0 && in_c) {
                in_c = false;
                out.n = 0;
                const char *v = val.p ? val.p : "";
                if (!cell.has_value) {
                    continue; /* a styled empty cell: like an absent one, it does not lengthen the row */
                } else if (cell.type == 's') {
                    char *end;
                    unsigned long i = strtoul(v, &end, 10);
                    if (end == v || *end || i >= x->n_sst) {
                        e = xlsx_damaged(x->a, "sharedStrings");
                        break;
                    }
                    buf_puts(&out, x->sst_text.p + ((const size_t *)(void *)x->sst_off.p)[i]);
                } else if (cell.type == 'n') {
                    bool is_date = cell.style >= 0 && (size_t)cell.style < n_xf && xf_is_date[cell.style];
                    if (*v) format_number(&out, v, is_date, x->is_1904);
                } else if (cell.type == 'b') {
                    buf_puts(&out, strcmp(v, "0") == 0 || *v == '\0' ? "FALSE" : "TRUE");
                } else if (cell.type == 'd') {
                    format_iso_date(&out, v);
                } else {
                    buf_puts(&out, v); /* inline string, formula string, error text */
                }
                if (utf8_chars(out.p, out.n) > TAB_MAX_CELL_CHARS)
                    x->guard.refusal = XLSX_CELL;
                else if (row.text.n + out.n > TAB_MAX_ROW_BYTES)
                    x->guard.refusal = XLSX_ROW;
                if (x->guard.refusal) break;
                row_add(&row, cell.col, out.p ? out.p : "", out.n);
            } else if (strcmp(name, "row") == 0 && in_row) {
                in_row = false;
                e = row_emit(&row, row_no, fn, ctx);
                if (e) break;
            } else if (strcmp(name, "sheetData") == 0) {
                break; /* nothing after it is a cell */
            }
        } else if (in_v && xml_is_text(type)) {
            const char *t = (const char *)xmlTextReaderConstValue(in.r);
            if (cell.type == 'f' || cell.type == 'i')
                ooxml_text(&val, t);
            else
                buf_puts(&val, t);
        }
    }
    if (!e) e = xlsx_status(x, rc, "worksheet");
    row_free(&row);
    buf_free(&val);
    buf_free(&out);
    xml_close(&in);
    return e;
}

static err_t *xlsx_read(arena_t *a, const char *path, tabular_row_fn fn, void *ctx) {
    pthread_once(&xml_once, xml_init);
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    if (!z) return xlsx_damaged(a, "zip");
    xlsx_t x = {.a = a, .z = z};
    buf_init(&x.sst_text);
    buf_init(&x.sst_off);
    buf_init(&x.xf_is_date);
    err_t *e = xlsx_check_declared(&x);
    if (!e) e = xlsx_find_sheet(&x);
    if (!e) e = xlsx_shared_strings(&x);
    if (!e) e = xlsx_styles(&x);
    if (!e) e = xlsx_sheet(&x, fn, ctx);
    buf_free(&x.sst_text);
    buf_free(&x.sst_off);
    buf_free(&x.xf_is_date);
    zip_discard(z);
    return e;
}

/* ------------------------------------------------------------------------------------------ */

err_t *tabular_read(arena_t *a, const char *path, tabular_row_fn fn, void *ctx) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        char why[128];
        const char *msg = strerror_r(errno, why, sizeof why);
        return err_newf(a, ERR_NOT_FOUND, "file", "无法打开文件（%s）", "cannot open the file (%s)", msg);
    }
    unsigned char magic[8] = {0};
    size_t n = fread(magic, 1, sizeof magic, f);
    if (n >= 4 && memcmp(magic, "PK\x03\x04", 4) == 0) {
        fclose(f);
        return xlsx_read(a, path, fn, ctx);
    }
    if (n == 8 && memcmp(magic, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        fclose(f);
        return err_new(a, ERR_INVALID, "file", "不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入",
                       "old Excel (.xls) files are not supported; save it as .xlsx in Excel and import that");
    }
    rewind(f);
    err_t *e = csv_read(a, f, fn, ctx);
    fclose(f);
    return e;
}
