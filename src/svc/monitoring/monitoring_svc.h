/* monitoring_svc: the use cases of 质量监测 (national compulsory-education quality monitoring):
 * import the results a county receives, analyse them (differences across regions, schools,
 * subjects and cycles; the 校际差异率; suppression by the reporting standard), and turn weak
 * dimensions into 整改方案 that open findings in the ledger, re-measured by the next cycle.
 *
 * Every call is one transaction on this thread's connection; reads and writes are limited to
 * the caller's region (a county office sees its county, a city office its counties). The
 * rules and their uncertainties are in core/monitoring/monitoring.h. JSON results are new
 * references the caller owns; everything else lives in the arena. Errors: ERR_INVALID with a
 * field for bad input, ERR_NOT_FOUND (field county_code) outside the caller's scope. */
#ifndef DUDAO_MONITORING_SVC_H
#define DUDAO_MONITORING_SVC_H

#include <jansson.h>
#include <stdbool.h>

#include "svc/roster/import_svc.h"
#include "svc/svc.h"

/* Imports the file at path (CSV or XLSX, the template's columns), all or nothing: any row
 * error (unknown subject, dimension or factor; levels not summing to 100 % ± 0.5; a school
 * outside the row's county; a region outside the caller's scope; a repeated row) leaves the
 * database unchanged and is listed in out->errors with its row and column. An err_t only for
 * what stops the file as a whole (unreadable, no header, unknown column). */
err_t *mon_svc_import(svc_t *s, arena_t *a, const actor_t *who, const char *path, import_result_t *out);
/* Writes the empty import template to path: XLSX (with a 说明 sheet), or CSV (UTF-8 with BOM,
 * the header row and one example row) when is_csv. */
err_t *mon_svc_template(arena_t *a, const char *path, bool is_csv);
/* The subjects with their dimensions, the related factors, the sources and the declared
 * formulas and thresholds. */
json_t *mon_svc_catalog(void);

typedef struct mon_query {
    const char *county_code; /* NULL: the caller's region */
    int64_t cycle;           /* 0: the latest with data */
    const char *subject;     /* code or Chinese name; NULL: the first with data in the cycle */
    int64_t grade;           /* 0: 4 when the cycle has it, else 8 */
    const char *source;      /* NULL: per figure the best available (national, provincial, city) */
    int64_t min_students;    /* 0: the county's setting (mon_svc_settings) */
    int64_t min_schools;     /* 0: the county's setting */
} mon_query_t;

/* One subject and grade of one cycle of a county: the county figure and its dimensions (weak
 * ones marked), regions, schools (with 达到度 and their dimensions), the 校际差异率 computed and
 * as reported, the 3.9 item, the other subjects of the cycle, the subject over the cycles, and
 * the related factors. Suppressed figures carry no values, only the reason. */
err_t *mon_svc_analysis(svc_t *s, arena_t *a, const actor_t *who, const mon_query_t *q, json_t **out);

typedef struct mon_plan_input {
    const char *county_code;
    int64_t cycle;
    const char *subject, *dimension; /* dimension NULL or "": the subject as a whole */
    int64_t grade;
    const int64_t *school_ids; /* n_schools == 0: one plan for the county */
    size_t n_schools;
    const char *measures; /* 整改措施, required */
    const char *deadline; /* YYYY-MM-DD, may be NULL */
    const char *severity; /* may be NULL (general) */
} mon_plan_input_t;

/* Creates one plan per target and a finding (draft, source manual, category 质量监测,
 * indicator_code monitoring/<subject>/<grade>/<dimension>) for each in the same transaction.
 * The cycle, subject and grade must have results in the county, each school must be in it.
 * *out: {items: [plan...]} with their finding ids. */
err_t *mon_svc_plan_create(svc_t *s, arena_t *a, const actor_t *who, const mon_plan_input_t *in, json_t **out);
/* The plans of a county with their finding's state, the figure they started from and the next
 * cycle's figure beside it (status improved | not_improved | not_remeasured). */
err_t *mon_svc_plans(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t min_students,
                     json_t **out);

/* The 优质均衡 教育质量 item 3.9 of a county from its monitoring results, for the verdict: per
 * subject and grade, the latest cycle with a county figure, with {passes, level_passes,
 * diff_passes} (null: not evaluable) and the rates; passes overall only when every subject
 * and grade with results passes, null when none is evaluable. The reporting standard is the
 * county's setting. {county_code, passes, items: [...]}. */
err_t *mon_svc_item_39(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, json_t **out);

/* Item e9 of the verdict (svc/balance/verdict_svc) on the caller's connection, no scope check
 * (the verdict has checked the county): over every subject and grade, the latest cycle up to
 * the school year's spring (cycle <= school_year + 1) with an evaluable county figure.
 * *has false when none is evaluable; else *level_ok when every one is at Ⅲ or above and
 * *max_difference_rate the largest 校际差异率 among them. ERR_NOT_FOUND for an unknown county. */
err_t *mon_svc_verdict_e9(db_t *db, arena_t *a, const char *county_code, int64_t school_year, bool *has,
                          bool *level_ok, double *max_difference_rate);

/* The reporting standard in force for a county (its own setting, else its city's or
 * province's, else MON_MIN_STUDENTS / MON_MIN_SCHOOLS): {min_students, min_schools}. */
err_t *mon_svc_settings(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, json_t **out);
/* Sets monitoring.min_students (1–100000) or monitoring.min_schools (2–1000) for region_code
 * (in the caller's scope; inherited below), audited. ERR_INVALID field name / value. */
err_t *mon_svc_setting_put(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *name,
                           int64_t value);

#endif
