/* accountability_store: 问责 records (《教育督导问责办法》: target, measure, grounds, the 复核 and
 * 申诉 time limits and their states, 从重 aggravation) and 约谈 (interview) records. Reads
 * apply a scope (the office's region). Rows are in the arena; the caller owns the transaction.
 * Errors: db_query's. Thread-safety: one connection per thread. */
#ifndef DUDAO_ACCOUNTABILITY_STORE_H
#define DUDAO_ACCOUNTABILITY_STORE_H

#include "store/db.h"
#include "store/findings/accountability_case_agg.h"
#include "store/scope.h"

/* Rows of accountability records, columns: 0 id, 1 region_code, 2 school_id, 3 school name,
 * 4 finding_id, 5 target_kind, 6 target_name, 7 measure, 8 grounds, 9 decided_on,
 * 10 review_apply_by, 11 review_decide_by, 12 appeal_apply_by, 13 appeal_decide_by,
 * 14 review_state, 15 appeal_state, 16 is_aggravated, 17 aggravation, 18 created_at,
 * 19 received_on, 20 review_applied_on, 21 review_decided_on, 22 review_result_received_on,
 * 23 appeal_applied_on (the dates of receipt the 问责办法 counts from; NULL when not recorded),
 * 24 case_id, 25 archive_no, 26 ground_category, 27 basis, 28 effective_on. */
/* The newest 500 in scope. */
err_t *accountability_store_list(db_t *db, arena_t *a, const scope_t *sc, db_rows_t *out);
/* One in scope (n_rows 0: none). */
err_t *accountability_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, db_rows_t *out);
/* The target's earlier records, newest first: rows (decided_on, its finding's state or NULL). */
err_t *accountability_store_previous(db_t *db, arena_t *a, const char *target_name, const char *target_kind,
                                     db_rows_t *out);

typedef struct accountability_new {
    const char *region_code;
    int64_t school_id, finding_id; /* 0: none */
    const char *target_kind, *target_name, *measure, *grounds, *decided_on;
    const char *review_apply_by, *review_decide_by, *appeal_apply_by, *appeal_decide_by;
    const char *aggravation; /* NULL: not aggravated */
    int64_t created_by, now;
} accountability_new_t;

err_t *accountability_store_insert(db_t *db, arena_t *a, const accountability_new_t *x, int64_t *id);
/* The dates of receipt and application; NULL leaves a date as it is. */
typedef struct accountability_dates {
    const char *received_on, *review_applied_on, *review_decided_on, *review_result_received_on, *appeal_applied_on;
} accountability_dates_t;
err_t *accountability_store_set_dates(db_t *db, arena_t *a, int64_t id, const accountability_dates_t *d);
/* Sets the 复核 (is_review) or 申诉 state. */
err_t *accountability_store_set_step(db_t *db, arena_t *a, int64_t id, bool is_review, const char *state);

/* 问责调查 cases (accountability_case_agg), in the office's scope (the case's region). */
err_t *accountability_case_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, accountability_case_t *out);
/* The newest 500 in scope; state NULL: every state. */
err_t *accountability_case_store_list(db_t *db, arena_t *a, const scope_t *sc, const char *state,
                                      accountability_case_t **out, size_t *n);
err_t *accountability_case_store_insert(db_t *db, arena_t *a, const accountability_case_t *c, int64_t now, int64_t *id);
/* Writes every stored column of c (the use case read it, took one step, and writes it back). */
err_t *accountability_case_store_update(db_t *db, arena_t *a, const accountability_case_t *c, int64_t now);
/* The decision's link to its case or its archive number, its ground category, 问责依据 and 生效时间. */
err_t *accountability_store_set_decision(db_t *db, arena_t *a, int64_t id, int64_t case_id, const char *archive_no,
                                         int64_t ground_category, const char *basis, const char *effective_on);

/* Interviews in scope, newest 500: rows (id, school_id, school name, finding_id, target_name, held_on, place, summary).
 */
err_t *interview_store_list(db_t *db, arena_t *a, const scope_t *sc, db_rows_t *out);

typedef struct interview_new {
    const char *region_code;
    int64_t school_id, finding_id; /* 0: none */
    const char *target_name, *held_on, *place, *summary;
    int64_t created_by, now;
} interview_new_t;

err_t *interview_store_insert(db_t *db, arena_t *a, const interview_new_t *x, int64_t *id);

#endif
