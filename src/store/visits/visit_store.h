/* visit_store: 督导记录 (visits), their amendments after submit, the issued documents with
 * their 文号 counters, and the draft findings a submitted visit creates.
 *
 * Scope is in the SQL: an admin or leader reads the visits inside its region subtree; an
 * inspector account the visits of tasks it is on; a school account only submitted visits of
 * its own school (never a draft, and so nothing of an unannounced check before it is
 * submitted). Outside scope is ERR_NOT_FOUND. Memory is in the arena. */
#ifndef DUDAO_VISIT_STORE_H
#define DUDAO_VISIT_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "store/scope.h"

typedef struct visit {
    int64_t id;
    int64_t task_id;
    const char *task_title;
    const char *task_kind;
    const char *notice_mode;
    int64_t target_id;
    int64_t school_id; /* 0: a government target */
    const char *school_name;
    const char *school_code;
    const char *school_type;
    const char *school_lat, *school_lng;
    const char *region_code;
    const char *region_name;
    const char *county_code;
    const char *county_name;
    int64_t inspector_id;
    const char *inspector_name;
    int64_t framework_version_id;
    const char *status; /* draft | submitted */
    const char *visit_date;
    int64_t checkin_at;
    const char *checkin_lat, *checkin_lng, *checkin_accuracy_m, *checkin_distance_m; /* text or NULL */
    const char *answers_json;
    const char *notes;
    const char *score_total;
    const char *grade;
    bool is_veto_failed;
    const char *result_json;
    int64_t n_revision;
    int64_t submitted_at;
    int64_t submitted_by;
    int64_t created_at;
    int64_t updated_at;
    int64_t n_amendments;
} visit_t;

typedef struct visit_filter {
    int64_t task_id;
    int64_t school_id;
    int64_t inspector_id;
    const char *status;
    const char *from; /* visit_date ≥ */
    const char *to;   /* visit_date ≤ */
    int64_t limit;
    int64_t offset;
} visit_filter_t;

err_t *visit_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, visit_t *out);
err_t *visit_store_list(db_t *db, arena_t *a, const scope_t *sc, const visit_filter_t *f, visit_t **out, size_t *n_out,
                        int64_t *total);
/* The visit opened for a target, 0 when none (unscoped: the caller has checked the task). */
err_t *visit_store_id_for_target(db_t *db, arena_t *a, int64_t target_id, int64_t *id);
err_t *visit_store_insert(db_t *db, arena_t *a, visit_t *v, int64_t now);
err_t *visit_store_checkin(db_t *db, arena_t *a, int64_t id, int64_t at, double lat, double lng, double accuracy,
                           bool has_distance, double distance);
/* Saves a draft's answers and notes if its revision is still `revision` (else ERR_CONFLICT:
 * another device saved in between) and the visit is a draft (else ERR_LOCKED). */
err_t *visit_store_save(db_t *db, arena_t *a, int64_t id, int64_t revision, const char *answers_json, const char *notes,
                        int64_t now);
/* Writes the result, and for a draft the submission; answers too (amendments). */
err_t *visit_store_set_result(db_t *db, arena_t *a, int64_t id, const char *answers_json, bool has_score, double score,
                              const char *grade, bool is_veto_failed, const char *result_json, bool is_submit,
                              int64_t user_id, int64_t now);

typedef struct visit_amendment_row {
    int64_t id;
    const char *reason;
    const char *before_json, *after_json;
    const char *score_before, *score_after;
    const char *by_name;
    int64_t created_at;
} visit_amendment_row_t;
err_t *visit_store_add_amendment(db_t *db, arena_t *a, int64_t visit_id, const char *reason, const char *before,
                                 const char *after, bool has_before, double score_before, bool has_after,
                                 double score_after, int64_t user_id, int64_t now);
err_t *visit_store_amendments(db_t *db, arena_t *a, int64_t visit_id, visit_amendment_row_t **out, size_t *n);

/* Photos of a visit (attachment rows with owner_kind 'visit'). */
typedef struct visit_photo_row {
    int64_t id;
    const char *hash;
    const char *mime;
    int64_t size_bytes;
    int64_t taken_at;
    const char *lat, *lng;
    int64_t created_at;
} visit_photo_row_t;
err_t *visit_store_photos(db_t *db, arena_t *a, int64_t visit_id, visit_photo_row_t **out, size_t *n);

/* A draft finding (问题台账 row in state 'draft'). */
typedef struct visit_finding_in {
    const char *region_code;
    int64_t school_id;
    int64_t task_id;
    int64_t visit_id;
    const char *indicator_code, *indicator_text, *framework_code, *category;
    const char *severity; /* red_line | general */
    const char *description;
    int64_t created_by;
} visit_finding_in_t;
err_t *visit_store_add_finding(db_t *db, arena_t *a, const visit_finding_in_t *f, int64_t now);
/* The indicator codes that already have a finding from this visit (amendments add only new ones). */
err_t *visit_store_finding_codes(db_t *db, arena_t *a, int64_t visit_id, const char ***codes, size_t *n);

typedef struct visit_finding_row {
    int64_t id;
    const char *indicator_code, *indicator_text, *category, *severity, *description, *requirement, *deadline, *state;
} visit_finding_row_t;
/* The visit's findings by id; is_issued_only keeps those sent to the school (no draft, no
 * voided one), what a school account may see. */
err_t *visit_store_findings(db_t *db, arena_t *a, int64_t visit_id, bool is_issued_only, visit_finding_row_t **out,
                            size_t *n);
/* Sets requirement and deadline on the visit's draft findings (the opinion's 整改要求). */
err_t *visit_store_finding_requirement(db_t *db, arena_t *a, int64_t visit_id, int64_t finding_id,
                                       const char *requirement, const char *deadline, int64_t now);

typedef struct visit_document {
    int64_t id;
    const char *kind;
    int64_t visit_id;
    const char *county_code;
    int64_t year, seq;
    const char *doc_no;
    const char *deadline;
    const char *body_json;
    int64_t issued_by;
    int64_t issued_at;
} visit_document_t;
err_t *visit_store_insert_document(db_t *db, arena_t *a, visit_document_t *d, int64_t now);
/* *found false when the visit has no document of that kind. */
err_t *visit_store_get_document(db_t *db, arena_t *a, int64_t visit_id, const char *kind, visit_document_t *out,
                                bool *found);

/* Routine-visit coverage of the schools with an open lead assignment (挂牌) inside scope_path
 * (and, inspector_user_id > 0, held by that account): the last submitted routine visit and the
 * counts in [month_first, month_last] and [sem_first, sem_last]. Ordered by school code. */
typedef struct visit_coverage_row {
    int64_t school_id;
    const char *school_name, *school_code;
    int64_t inspector_id;
    const char *inspector_name;
    const char *last_visit; /* YYYY-MM-DD or NULL */
    int64_t n_month, n_semester;
} visit_coverage_row_t;
err_t *visit_store_coverage(db_t *db, arena_t *a, const char *scope_path, int64_t inspector_user_id,
                            const char *month_first, const char *month_last, const char *sem_first,
                            const char *sem_last, visit_coverage_row_t **out, size_t *n);
/* An integer jurisdiction setting in force for a region (inherited down the tree), or dflt. */
/* The cycles of 综合督导 and 督政: every open school (is_towns false) or every town (true)
 * inside scope_path with the date of its last submitted visit under a comprehensive (schools) or
 * government (towns) task, NULL when none. Ordered by code. */
typedef struct visit_cycle_row {
    int64_t school_id; /* 0 for a town */
    const char *code, *name, *last_on;
} visit_cycle_row_t;
err_t *visit_store_cycles(db_t *db, arena_t *a, const char *scope_path, bool is_towns, visit_cycle_row_t **out,
                          size_t *n);
err_t *visit_store_setting_int(db_t *db, arena_t *a, const char *region_code, const char *name, int dflt, int *out);

/* A calendar: per day of [from, to], the tasks due and the visits held (in the visit scope). */
typedef struct visit_day_row {
    const char *date;
    int64_t visit_id;
    const char *status;
    const char *target_name;
    int64_t task_id;
    const char *kind; /* "visit" rows have visit_id; "due" rows carry the task due that day */
} visit_day_row_t;
err_t *visit_store_calendar(db_t *db, arena_t *a, const scope_t *sc, const char *from, const char *to,
                            visit_day_row_t **out, size_t *n);

/* *is_visits: attachment_id names visit_id as its owner and was uploaded by an inspector on
 * task_id's team (a row naming the visit but uploaded by anyone else is not the visit's). */
err_t *visit_store_photo_is_visits(db_t *db, arena_t *a, int64_t visit_id, int64_t task_id, int64_t attachment_id,
                                   bool *is_visits);

#endif
