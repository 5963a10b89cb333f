/* survey_store: the SQL of the surveys capability (migration 015): questionnaires and their
 * versions, rounds and their quota cells, one-time codes, anonymous responses and their
 * answers, and the attempt counters of the public answering page.
 *
 * Scope is in the SQL: reads of rounds and questionnaires take a scope_t (store/scope.h) and
 * return only rows whose region lies in it (built-in questionnaires, region NULL, are read by
 * everyone). The public side (code lookup, use, response) is unscoped: the code is the key.
 * Anonymity (see the migration): nothing here writes a time finer than the day on a response,
 * and no function joins codes to responses.
 * Memory of results is in the arena. Errors as db.h. Thread-safety: one db_t per thread. */
#ifndef DUDAO_SURVEY_STORE_H
#define DUDAO_SURVEY_STORE_H

#include <stdbool.h>

#include "core/surveys/survey_form.h"
#include "store/db.h"
#include "store/embedded.h"
#include "store/scope.h"

/* The built-in questionnaires (the JSON files in standards/surveys/), in file-name order. */
extern const embedded_file_t survey_standard_files[];

typedef struct survey_version_row {
    int64_t id, form_id, version;
    const char *code, *name, *source, *status, *document, *digest, *region_code;
    bool is_builtin;
    int64_t created_at, published_at;
} survey_version_row_t;

/* Makes sure the built-in form `code` exists and its latest version has `digest`; otherwise
 * adds a published version with document. Idempotent. */
err_t *survey_store_builtin_sync(db_t *db, arena_t *a, const char *code, const char *name, const char *source,
                                 const char *document, const char *digest, int64_t now);
/* Every version of every questionnaire in scope (built-ins and those of regions in scope),
 * by form code then version. Documents are not read (NULL). */
err_t *survey_store_versions(db_t *db, arena_t *a, const scope_t *sc, survey_version_row_t **out, size_t *n);
/* One version with its document; *found false when absent or out of scope. */
err_t *survey_store_version_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, survey_version_row_t *out,
                                bool *found);
/* A new questionnaire owned by region_code with a draft version 1. ERR_CONFLICT when the
 * code is taken. */
err_t *survey_store_form_create(db_t *db, arena_t *a, const char *code, const char *name, const char *source,
                                const char *region_code, const char *document, const char *digest, int64_t now,
                                int64_t *version_id);
/* A new draft version (latest + 1) of form_id. */
err_t *survey_store_version_add(db_t *db, arena_t *a, int64_t form_id, const char *document, const char *digest,
                                int64_t now, int64_t *version_id);
/* Replaces a draft's document; *changed false when it is not a draft any more. */
err_t *survey_store_version_update(db_t *db, arena_t *a, int64_t id, const char *name, const char *document,
                                   const char *digest, bool *changed);
/* draft → published; *changed false when it was not a draft. */
err_t *survey_store_version_publish(db_t *db, arena_t *a, int64_t id, int64_t now, bool *changed);

typedef struct survey_round_row {
    int64_t id, form_version_id, min_n, created_at, closed_at;
    const char *title, *region_code, *region_name, *opens_on, *closes_on, *run_by, *status;
    const char *form_code, *form_name;
    int64_t n_codes, n_used;
    int64_t org_id;       /* 0: run by the office */
    const char *org_name; /* NULL for the office */
    const char *review;   /* none | pending | submitted | accepted | returned */
    const char *review_note, *org_report;
    int64_t reviewed_at;
    int64_t population;      /* 常住人口 the plan was checked against; 0 when not given */
    const char *sample_rule; /* core/surveys/survey_sample's rule code, or NULL */
} survey_round_row_t;

err_t *survey_store_round_insert(db_t *db, arena_t *a, const survey_round_row_t *r, int64_t created_by, int64_t *id);
/* Rounds whose region lies in scope, newest first, with their code counts. */
err_t *survey_store_rounds(db_t *db, arena_t *a, const scope_t *sc, survey_round_row_t **out, size_t *n);
err_t *survey_store_round_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, survey_round_row_t *out,
                              bool *found);
/* An org hands in its results: review pending|returned → submitted with its report;
 * *changed false otherwise. */
err_t *survey_store_round_submit(db_t *db, arena_t *a, int64_t id, const char *report, bool *changed);
/* The office's review: submitted → decision (accepted | returned); *changed false otherwise. */
err_t *survey_store_round_review(db_t *db, arena_t *a, int64_t id, const char *decision, const char *note, int64_t by,
                                 int64_t now, bool *changed);
/* open → closed; *changed false when already closed. */
err_t *survey_store_round_close(db_t *db, arena_t *a, int64_t id, int64_t now, bool *changed);

typedef struct survey_cell_row {
    int64_t id, position, school_id, quota;
    const char *group_code, *stratum, *school_name, *school_code;
    double weight; /* 0 when none */
    int64_t n_codes, n_used, n_responses;
} survey_cell_row_t;

err_t *survey_store_cell_insert(db_t *db, arena_t *a, int64_t round_id, const survey_cell_row_t *c, int64_t *id);
/* The cells of a round by position, with their code, use and response counts. */
err_t *survey_store_cells(db_t *db, arena_t *a, int64_t round_id, survey_cell_row_t **out, size_t *n);
/* The name of an open school under region_code (the round's region), or NULL. */
err_t *survey_store_school_name(db_t *db, arena_t *a, int64_t school_id, const char *region_code, const char **name);

/* Inserts n codes of one cell (several rows a statement). ERR_CONFLICT on a repeated code. */
err_t *survey_store_codes_insert(db_t *db, arena_t *a, int64_t round_id, int64_t cell_id, const char *const *codes,
                                 size_t n);
typedef struct survey_code_row {
    const char *code;
    int64_t cell_id;
    bool is_used;
} survey_code_row_t;
/* The codes of a round by cell position then code (the slips). */
err_t *survey_store_codes(db_t *db, arena_t *a, int64_t round_id, survey_code_row_t **out, size_t *n);

/* What the public page needs about a code; *found false for an unknown code. */
typedef struct survey_code_info {
    int64_t round_id, cell_id, version_id;
    bool is_used;
    const char *group_code, *school_name, *round_title, *round_status, *opens_on, *closes_on, *region_name;
    const char *document;
} survey_code_info_t;
err_t *survey_store_code_info(db_t *db, arena_t *a, const char *code, survey_code_info_t *out, bool *found);
/* Marks the code used; *changed false when it already was (a race lost). */
err_t *survey_store_code_use(db_t *db, arena_t *a, const char *code, bool *changed);
/* A response (the day only) and its values. */
err_t *survey_store_response_insert(db_t *db, arena_t *a, int64_t round_id, int64_t cell_id, const char *day,
                                    const survey_value_t *values, size_t n);

typedef struct survey_tally_row {
    int64_t cell_id;
    const char *item, *value;
    int64_t n;
} survey_tally_row_t;
/* Counts of the likert answers of a round by cell, item and value (unscored likert items
 * included: the caller keeps the scored ones). */
err_t *survey_store_tallies(db_t *db, arena_t *a, int64_t round_id, survey_tally_row_t **out, size_t *n);
/* Answers of one kind ("t" texts, "c" choices) of a round as (cell, item, value), by item. */
err_t *survey_store_answers_of_kind(db_t *db, arena_t *a, int64_t round_id, const char *kind, survey_tally_row_t **out,
                                    size_t *n);
/* The free-text answers of a round with their flags, by question then text (never in the
 * order they came in). */
typedef struct survey_text_row {
    int64_t response_id, cell_id, flagged_at;
    const char *item, *text, *flag_note;
} survey_text_row_t;
err_t *survey_store_texts(db_t *db, arena_t *a, int64_t round_id, bool flagged_only, survey_text_row_t **out,
                          size_t *n);
/* Whether the round has that free-text answer. */
err_t *survey_store_text_exists(db_t *db, arena_t *a, int64_t round_id, int64_t response_id, const char *item,
                                bool *found);
/* Flags (or re-notes) one free-text answer. */
err_t *survey_store_text_flag(db_t *db, arena_t *a, int64_t round_id, int64_t response_id, const char *item,
                              const char *note, int64_t by, int64_t now);
err_t *survey_store_text_unflag(db_t *db, arena_t *a, int64_t response_id, const char *item, bool *changed);
/* Responses per day of a round: (answered_on as item, count). */
err_t *survey_store_days(db_t *db, arena_t *a, int64_t round_id, survey_tally_row_t **out, size_t *n);

/* Counts one attempt in bucket for the window starting at window_start and returns the
 * count including it; windows older than purge_before are deleted. */
err_t *survey_store_rate_hit(db_t *db, arena_t *a, const char *bucket, int64_t window_start, int64_t purge_before,
                             int64_t *count);

/* The findings opened from a round's low-scoring questions (survey_finding). */
typedef struct survey_finding_row {
    int64_t school_id;
    const char *item;
    int64_t finding_id;
} survey_finding_row_t;
/* ERR_CONFLICT when the round's question at that school already has its finding. */
err_t *survey_store_finding_insert(db_t *db, arena_t *a, int64_t round_id, int64_t school_id, const char *item,
                                   int64_t finding_id);
err_t *survey_store_findings(db_t *db, arena_t *a, int64_t round_id, survey_finding_row_t **out, size_t *n);

#endif
