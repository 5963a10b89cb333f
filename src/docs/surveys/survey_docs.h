/* survey_docs: the printed side of a survey round.
 * - Slips (survey_slips_pdf): A4 portrait sheets of 10 slips (2 × 5) with dashed cut lines;
 *   each slip has the round's title, the group (and school), a QR code (libqrencode, level M)
 *   of the answering URL, the code in readable letters, and the anonymity promise.
 * - The report (survey_report_pdf): title, the formula, response figures, 满意度/认可度 per
 *   group, school and item as tables, suppressed cells shown as "—（n < k）".
 * Text is laid out with docs/pdf_text (Noto CJK). Inputs are borrowed; the PDF is appended to
 * out (the caller owns and frees it). Errors: ERR_INVALID field "url" when a URL is too long
 * for a QR code; ERR_INTERNAL when cairo fails. Reentrant; meant for the worker pool. */
#ifndef DUDAO_SURVEY_DOCS_H
#define DUDAO_SURVEY_DOCS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct survey_slip {
    const char *code, *url, *group_name, *school_name; /* school_name may be NULL */
} survey_slip_t;

err_t *survey_slips_pdf(arena_t *a, const char *title, const char *office, const survey_slip_t *slips, size_t n,
                        buf_t *out);

/* The posters of an official survey the county only distributes: one A4 page per target
 * (group and school) with the institution's answering URL as a large QR code, the URL in
 * letters, the number asked for, and the statement that the answers go to the institution,
 * which the county and the school never see. */
typedef struct survey_poster {
    const char *group_name, *school_name; /* school_name may be NULL (county-level) */
    long long target;
} survey_poster_t;

err_t *survey_posters_pdf(arena_t *a, const char *title, const char *institution, const char *url, const char *office,
                          const survey_poster_t *posters, size_t n, buf_t *out);

/* One row of a report table: a label and its cells (already formatted text). */
typedef struct survey_report_row {
    const char *cells[6];
} survey_report_row_t;

typedef struct survey_report_table {
    const char *title;
    const char *headers[6];
    size_t n_cols;
    const survey_report_row_t *rows;
    size_t n_rows;
} survey_report_table_t;

typedef struct survey_report {
    const char *title, *subtitle;  /* subtitle: region, dates, 自评 label */
    const char *const *paragraphs; /* formula, response rate, verdict; NULL-terminated */
    const survey_report_table_t *tables;
    size_t n_tables;
} survey_report_t;

err_t *survey_report_pdf(arena_t *a, const survey_report_t *r, buf_t *out);

#endif
