/* unit_svc: the use cases of 督政 (next.md §5, issue 14): the supervised units of a county
 * (乡镇政府/街道, 县直部门), their yearly assessment (自评报告 ≤ 5000 字 and its publication,
 * the 实地检查 score, the grade by the county's rules with downgrades and vetoes, core/units),
 * the ranking of a county's units and the export in the shape of the 年终考核.
 *
 * Every call is one transaction on this thread's connection with an audit row per change.
 * An office sees the units of its region; a 被督导单位 account only its own unit (anything
 * else is ERR_NOT_FOUND). JSON results are new references the caller owns. Errors: ERR_INVALID
 * with the field at fault; nothing is written on error. */
#ifndef DUDAO_UNIT_SVC_H
#define DUDAO_UNIT_SVC_H

#include <jansson.h>
#include <stdbool.h>

#include "svc/svc.h"

typedef struct unit_input {
    const char *region_code; /* create: a town's code (town, subdistrict) or a county's (department) */
    const char *kind;        /* create: town | subdistrict | department */
    const char *name;        /* 1..60 characters */
    const char *dept_code;   /* departments: a short code (czj, rsj ...); may be NULL */
    const char *status;      /* update: active | closed; NULL unchanged */
} unit_input_t;

err_t *unit_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, const char *kind,
                     json_t **out);
err_t *unit_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
err_t *unit_svc_create(svc_t *s, arena_t *a, const actor_t *who, const unit_input_t *in, json_t **out);
err_t *unit_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const unit_input_t *in, json_t **out);

/* The unit's self-assessment report for year (≤ UNIT_SELF_REPORT_MAX characters, field
 * text); publish marks it published (published_at, kept once set). The unit's own account or
 * an admin in scope. */
err_t *unit_svc_self_report(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t year, const char *text,
                            bool publish, json_t **out);

typedef struct unit_check_input {
    double score;         /* the on-site check's framework score, 0..100 */
    int64_t n_downgrades; /* events the office records that lower one grade each (≥ 0) */
    int64_t n_vetoes;     /* events that bar 优秀 (≥ 0) */
    const char *note;
} unit_check_input_t;

/* Records the on-site check result and grades the unit by the county's rules; the unit's
 * open overdue 红线 findings in the ledger each add a downgrade. */
err_t *unit_svc_check(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t year,
                      const unit_check_input_t *in, json_t **out);
/* The year's assessment of the unit (the unit's own account or the office). */
err_t *unit_svc_assessment(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t year, json_t **out);

/* The grade rules in force for a county ({county_code, excellent, good, pass, is_default}). */
err_t *unit_svc_rules(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, json_t **out);
/* Sets them: each 0..100 and pass < good < excellent (ERR_INVALID field excellent/good/pass). */
err_t *unit_svc_rules_put(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, double excellent,
                          double good, double pass, json_t **out);

/* The county's units of kind (NULL: all) for year, by score (ungraded last), with rank. */
err_t *unit_svc_ranking(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t year,
                        const char *kind, json_t **out);
/* Writes the 年终考核 XLSX to path: a sheet 考核结果 (rank, unit, kind, score, grade, downgrades,
 * vetoes, self-report published) and a sheet 问题清单 (unit, problem, severity, state,
 * deadline). */
err_t *unit_svc_export(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t year,
                       const char *path);

#endif
