/* report_store: the 督导报告 of a task (task_report, 条例第二十三条): composed once, then sent
 * to the 本级人民政府, 备案 with the next-higher office, published. The caller scopes the task
 * (task_store_get) before touching its report. Memory is in the arena. */
#ifndef DUDAO_REPORT_STORE_H
#define DUDAO_REPORT_STORE_H

#include <stdbool.h>

#include "store/db.h"

typedef struct task_report {
    int64_t id, task_id;
    const char *county_code;
    int64_t year, seq;
    const char *doc_no, *body_json;
    int64_t composed_by, composed_at;
    const char *sent_to;
    int64_t sent_at;
    const char *filed_with;
    int64_t filed_at;
    bool is_public;
    int64_t published_at;
} task_report_t;

err_t *report_store_insert(db_t *db, arena_t *a, task_report_t *r);
/* *found false when the task has no report. */
err_t *report_store_get(db_t *db, arena_t *a, int64_t task_id, task_report_t *out, bool *found);
/* The published reports (is_public), newest first, with their task's title and county; at most
 * limit. The public page's list: no scope, publication is the decision to show them. */
typedef struct public_report {
    int64_t task_id;
    const char *doc_no, *title, *county_code, *county_name;
    int64_t published_at;
} public_report_t;
err_t *report_store_public_list(db_t *db, arena_t *a, int64_t limit, public_report_t **out, size_t *n);
/* action "send" (to: 本级人民政府), "file" (to: the higher office) or "publish". */
err_t *report_store_mark(db_t *db, arena_t *a, int64_t task_id, const char *action, const char *to, int64_t now);

#endif
