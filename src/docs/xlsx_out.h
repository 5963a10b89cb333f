/* xlsx_out: writes XLSX exports (one sheet, or several in turn) (lists of schools, inspectors, findings...) and the
 * import templates that tabular_read reads back.
 *
 * Exports stream: the workbook is in libxlsxwriter's constant_memory mode, so each row goes to
 * a temporary file as soon as the next one starts and a 100,000-row export needs no more
 * memory than a 10-row one. Rows must therefore be written in order, once each.
 *
 * The sheet looks like what an office clerk would make by hand: a bold shaded header row,
 * frozen so it stays visible while scrolling, an autofilter on it, and column widths fitted to
 * the content (a CJK character counts as two, as it is twice as wide), capped so one long
 * remark does not make a column a screen wide.
 *
 * Cell types: by default (XLSX_COL_AUTO) a cell that is a plain decimal number is written as a
 * number so Excel can sum and sort it; what only looks like one stays text: leading zeros
 * ("0572..."), more than 15 significant digits (ID card numbers would lose digits), or more
 * than 11 integer digits (Excel would show 1.23457E+11). Identifiers that happen to be short
 * digit strings (学校标识码, phone numbers) should still be declared XLSX_COL_TEXT: a code is
 * not a quantity. XLSX_COL_DATE writes "YYYY-MM-DD[ HH:MM[:SS]]" as a real Excel date.
 *
 * Text is written so that it reads back unchanged: characters XML cannot carry (control
 * characters, CR) and literal "_xHHHH_" sequences are escaped the way Excel escapes them.
 * A cell longer than Excel's 32,767-character limit is cut at that limit.
 *
 * Memory: a writer lives in the arena given to xlsx_out_open; libxlsxwriter's own memory and
 * temporary files are released by xlsx_out_close or xlsx_out_discard, one of which must be
 * called exactly once. Thread-safety: a writer belongs to one thread; writers on different
 * threads are independent. */
#ifndef DUDAO_XLSX_OUT_H
#define DUDAO_XLSX_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

typedef enum xlsx_col_type {
    XLSX_COL_AUTO = 0, /* number when it is plainly one, text otherwise */
    XLSX_COL_TEXT,     /* always text (codes, phone numbers, names) */
    XLSX_COL_NUMBER,   /* number when it parses as one, text otherwise */
    XLSX_COL_DATE,     /* Excel date when "YYYY-MM-DD[ HH:MM[:SS]]", text otherwise */
} xlsx_col_type_t;

typedef struct xlsx_out xlsx_out_t;

/* Creates the file at path with one sheet named sheet_name (≤ 31 characters, none of
 * []:*?/\) and writes the header row. types has n_cols entries, or is NULL for all AUTO; it
 * is copied. Errors (in a): ERR_INVALID field "sheet_name" for a name Excel refuses,
 * ERR_INVALID field "headers" for n_cols == 0 or > 16384, ERR_INTERNAL when the file cannot
 * be created. On error nothing needs closing. */
err_t *xlsx_out_open(arena_t *a, const char *path, const char *sheet_name, const char *const *headers, size_t n_cols,
                     const xlsx_col_type_t *types, xlsx_out_t **out);

/* Writes the next row: cells has n_cols entries, NULL or "" for an empty cell. Errors:
 * ERR_TOO_LARGE past Excel's 1,048,575 data rows, ERR_INTERNAL on a write failure; after an
 * error the writer only accepts xlsx_out_close or xlsx_out_discard. */
err_t *xlsx_out_row(xlsx_out_t *w, const char *const *cells);

/* Finishes the sheet being written (widths, autofilter) and starts another after it, with its
 * own header row and column types; rows then go to the new sheet (xlsx_out_n_rows counts
 * them from 0). Errors as xlsx_out_open; a repeated sheet name is ERR_INVALID "sheet_name".
 * After an error the writer only accepts xlsx_out_close or xlsx_out_discard. */
err_t *xlsx_out_sheet(xlsx_out_t *w, const char *sheet_name, const char *const *headers, size_t n_cols,
                      const xlsx_col_type_t *types);

/* Number of data rows written so far (the header not counted). */
size_t xlsx_out_n_rows(const xlsx_out_t *w);

/* Sets column widths and the autofilter, assembles and writes the file. Returns the first
 * error of the writer's life, or ERR_INTERNAL when the file cannot be written; on any error
 * the partial file is removed. The writer is gone afterwards. */
err_t *xlsx_out_close(xlsx_out_t *w);

/* Abandons the export (the caller hit an error of its own): frees everything and removes the
 * file. The writer is gone afterwards. */
void xlsx_out_discard(xlsx_out_t *w);

/* One column of an import template. */
typedef struct xlsx_template_col {
    const char *name;           /* header text, exactly as the importer matches it */
    bool is_required;           /* shown as a red header and "是" in the notes */
    xlsx_col_type_t type;       /* TEXT columns are preformatted as text (leading zeros survive
                                   typing); DATE columns as yyyy-mm-dd */
    const char *format;         /* 格式要求, e.g. "10 位数字"; may be NULL */
    const char *example;        /* 示例, e.g. "3133005621"; may be NULL */
    const char *const *choices; /* NULL-terminated allowed values, offered as a drop-down; or NULL */
} xlsx_template_col_t;

/* Writes an empty import template: sheet sheet_name with the header row only (so nothing of
 * the template is imported as data), each header showing its requirements when selected, and
 * a second sheet "说明" listing every column: 列名, 是否必填, 格式要求, 示例. Errors as
 * xlsx_out_open. Thread-safety: reentrant. */
err_t *xlsx_out_template(arena_t *a, const char *path, const char *sheet_name, const xlsx_template_col_t *cols,
                         size_t n_cols);

#endif
