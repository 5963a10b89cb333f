/* import_svc: all-or-nothing imports of the 挂牌督导 set-up from CSV (UTF-8 or GB18030) or
 * XLSX: schools, zones, inspectors, assignments.
 *
 * The whole file runs inside one transaction through the same validations as the API (so an
 * import can never store what the API would refuse). Every bad row is reported (row number
 * as Excel shows it, the column's header, the reason in Chinese and English) and then the
 * transaction is rolled back: nothing is written unless every row is good. Re-importing
 * updates by natural key (学校标识码, 督学证号, county + zone name, school + inspector) instead
 * of duplicating. Columns are found by their header (Chinese as in the template, or the API
 * field name), in any order; unknown headers are an error so typos are not silently lost. */
#ifndef DUDAO_IMPORT_SVC_H
#define DUDAO_IMPORT_SVC_H

#include <jansson.h>

#include "svc/svc.h"

typedef enum import_kind { IMPORT_SCHOOLS, IMPORT_ZONES, IMPORT_INSPECTORS, IMPORT_ASSIGNMENTS } import_kind_t;

/* "schools" → IMPORT_SCHOOLS; false when unknown. */
bool import_kind_parse(const char *name, import_kind_t *out);

typedef struct import_error {
    int64_t row;
    const char *column; /* the header as written in the file, or NULL for the row as a whole */
    const char *message;
} import_error_t;

typedef struct import_result {
    int64_t n_rows;
    int64_t n_created;
    int64_t n_updated;
    import_error_t *errors; /* at most IMPORT_MAX_ERRORS are kept; n_errors counts all */
    size_t n_errors;
    bool is_written;
} import_result_t;

enum { IMPORT_MAX_ERRORS = 1000 };

/* Runs the import of the file at path. An err_t only for what stops the file as a whole
 * (unreadable, wrong encoding, no header, database down); row problems are in out->errors. */
err_t *import_svc_run(svc_t *s, arena_t *a, const actor_t *who, import_kind_t kind, const char *path,
                      import_result_t *out);
/* The result as the API answers it (new reference). */
json_t *import_result_to_json(const import_result_t *r);

/* The same, publishing progress under job_id (8-64 of [A-Za-z0-9_-], chosen by the client;
 * NULL: none) for import_svc_job to read while it runs: phase counting → importing
 * (rows_done of rows_total) → committing → done | failed. ERR_INVALID field "job" for a bad
 * id. The progress is in the database (table import_job), written on a connection the job
 * opens for itself, so a poll on any instance sharing the database answers. Thread-safe. */
err_t *import_svc_run_job(svc_t *s, arena_t *a, const actor_t *who, import_kind_t kind, const char *path,
                          const char *job_id, import_result_t *out);
/* {id, phase, rows_done, rows_total, result}: result is the import's answer (as the POST's)
 * once done, or {error, message, field} when it failed as a whole, null before. Only the
 * user who started it sees it; ERR_NOT_FOUND otherwise or after 10 minutes. New reference. */
err_t *import_svc_job(svc_t *s, arena_t *a, const actor_t *who, const char *id, json_t **out);
bool import_job_id_valid(const char *id);

/* The template's columns: header label, API field, whether required, an example. */
typedef struct import_column {
    const char *label;
    const char *field;
    bool is_required;
    const char *example;
    const char *note;
} import_column_t;
const import_column_t *import_columns(import_kind_t kind, size_t *n);

#endif
