/* official_doc: the 公文-style PDFs of the rectification loop — 整改通知书, 督办单, 督导通报 —
 * laid out the way an office prints them: the issuing office in red over a red rule (红头),
 * the document number (文号), a title, the addressee (主送), the body, a table of the facts
 * (问题, 整改要求, 期限 ...), the issuer and date at the bottom right, and the copy line (抄送).
 * A4 portrait; long bodies flow onto further pages. Chinese is shaped and wrapped by Pango
 * (Noto Serif/Sans CJK SC, subset-embedded).
 *
 * Thread-safety: reentrant; meant for the work queue, like plaque_pdf. */
#ifndef DUDAO_OFFICIAL_DOC_H
#define DUDAO_OFFICIAL_DOC_H

#include <stddef.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct official_doc_field {
    const char *label; /* 问题描述 */
    const char *value; /* may be NULL or "" (shown as —) */
} official_doc_field_t;

typedef struct official_doc {
    const char *office;            /* 德清县人民政府教育督导室; required */
    const char *doc_no;            /* 德督改〔2026〕3号; may be NULL */
    const char *title;             /* 整改通知书; required */
    const char *addressee;         /* 武康街道中心小学：; may be NULL */
    const char *const *paragraphs; /* body paragraphs, each indented two characters */
    size_t n_paragraphs;
    const official_doc_field_t *fields; /* the facts table; may be NULL */
    size_t n_fields;
    const char *date_text; /* 2026年12月1日; required */
    const char *copy_to;   /* 抄送 line; may be NULL */
} official_doc_t;

/* Renders the document and appends the PDF to out (owned by the caller). ERR_INVALID (field
 * "office", "title" or "date_text") when one is missing; ERR_INTERNAL when cairo fails. */
err_t *official_doc_pdf(arena_t *a, const official_doc_t *d, buf_t *out);

/* "2026-12-01" → "2026年12月1日" in the arena (the date as 公文 write it). */
const char *official_doc_date_cn(arena_t *a, const char *date);

#endif
