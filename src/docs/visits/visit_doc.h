/* visit_doc: the two documents of a visit, in the style of official documents (党政机关公文
 * 格式 GB/T 9704 in spirit: red issuing-office header with the red rule, 文号 under it, 仿宋-
 * like serif body, 黑体 headings), A4 portrait, several pages as needed, Chinese shaped and
 * wrapped by Pango:
 * - 督导记录表: the visit record — school, task, inspectors, date and check-in, score and
 *   grade, every item with its answer and note (failed items marked), notes, photos with
 *   their time and position, amendments;
 * - 督导意见书: the opinion — 文号, the evaluation, the problems found with the
 *   rectification requirement and deadline for each (限期整改, 条例第二十一条).
 * Everything is given resolved (texts, file paths); the module does no I/O but reading the
 * photo files. Thread-safety: reentrant (see plaque.h). */
#ifndef DUDAO_VISIT_DOC_H
#define DUDAO_VISIT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct visit_doc_item {
    const char *category; /* level-1 indicator text; a heading row when it changes */
    const char *code, *text;
    const char *answer; /* as read: 达标, 优, 58 分钟 ... ("" unanswered) */
    const char *note;
    bool is_failed, is_flagged, is_veto;
} visit_doc_item_t;

typedef struct visit_doc_photo {
    const char *path;    /* JPEG or PNG file */
    const char *caption; /* time, position, item */
} visit_doc_photo_t;

typedef struct visit_doc_finding {
    const char *text;        /* the problem */
    const char *severity;    /* 一般 / 红线 ... */
    const char *requirement; /* 整改要求, may be NULL */
    const char *deadline;    /* YYYY-MM-DD, may be NULL */
} visit_doc_finding_t;

typedef struct visit_doc {
    const char *office_name; /* 德清县人民政府教育督导室 */
    const char *doc_no;      /* opinion: 德督〔2026〕12号 */
    const char *school_name; /* or the government's name */
    const char *school_code;
    const char *region_name;
    const char *task_title;
    const char *task_kind;   /* 经常性督导 ... */
    const char *notice_mode; /* 事先通知 / 四不两直 */
    const char *framework_name;
    const char *inspectors; /* 王建国（组长）、李丽华 */
    const char *visit_date;
    const char *checkin; /* "09:12 签到，距学校 35 米" or NULL */
    const char *score;   /* "86.5" or NULL */
    const char *grade;
    bool is_veto_failed;
    const char *submitted_at; /* when locked */
    const visit_doc_item_t *items;
    size_t n_items;
    const char *notes;
    const visit_doc_photo_t *photos;
    size_t n_photos;
    const char *const *amendments; /* "2026-12-02 10:00 王建国：理由" */
    size_t n_amendments;
    /* opinion */
    const char *evaluation;
    const char *deadline;
    const visit_doc_finding_t *findings;
    size_t n_findings;
    const char *issued_on; /* YYYY-MM-DD */
} visit_doc_t;

/* Append a PDF to out. ERR_INVALID (field) when a required text is missing; ERR_INTERNAL when
 * cairo fails. A photo that cannot be read is drawn as a labelled empty frame. */
err_t *visit_doc_record_pdf(arena_t *a, const visit_doc_t *d, buf_t *out);
err_t *visit_doc_opinion_pdf(arena_t *a, const visit_doc_t *d, buf_t *out);

#endif
