/* balance_svc: the use cases of the balanced-development evaluation (义务教育均衡发展).
 *
 * - School statistics per school and school year: entered by the school's own account (only
 *   its own school) or by an admin of its region, validated field by field
 *   (core/balance_data), imported all-or-nothing from CSV/XLSX with row-level errors.
 * - Completeness per county (who has not filled in), data checks (outliers, jumps,
 *   implausible ratios) that must be confirmed or fixed before an evaluation is final.
 * - Evaluations per county and school year (core/balance: verdicts, CVs, failing schools),
 *   a ranking of the counties of a city or province, the trend over years, the plan to pass
 *   (verified by re-evaluating), the what-if (changed values, nothing written), and the
 *   exports (XLSX tables, PDF report).
 *
 * Scope: the county (or region) must lie inside the caller's region (else 404); the
 * statistics of a school outside it are 404 as well; a school account reads and writes
 * only its own school. Each writing function is one transaction with an audit row.
 * Results are JSON (new references) or files; memory in the arena. */
#ifndef DUDAO_BALANCE_SVC_H
#define DUDAO_BALANCE_SVC_H

#include <jansson.h>

#include "core/balance/balance.h"
#include "svc/roster/import_svc.h"
#include "svc/svc.h"
#include "util/buf.h"

/* The rules that apply to a county: the compiled-in documents (national, and its province's and
 * city's), then, when db is not NULL, the overrides its province and city stored. */
err_t *balance_svc_rules(db_t *db, arena_t *a, const char *county_code, balance_rules_t *out);

/* The rules in force for a region (a county, or a city or province: then without the
 * county-level part), each value with where it came from (compiled-in national or provincial
 * file, or a stored override), and the overrides that apply. Scope: the region must be in
 * the caller's. */
err_t *balance_svc_rules_get(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, json_t **out);
/* Stores a province's or city's override (a document as in standards/balance/); admin of that
 * province or city or above (else 404). Validated: known keys only, numbers in range, and the
 * rules must still load with it (ERR_INVALID naming the key, nothing written). Audited. */
err_t *balance_svc_override_put(svc_t *s, arena_t *a, const actor_t *who, const json_t *document, json_t **out);
/* Removes one (404 when there is none or it is outside the caller's region). Audited. */
err_t *balance_svc_override_delete(svc_t *s, arena_t *a, const actor_t *who, const char *jurisdiction,
                                   const char *standard);

/* The fields of the statistics form: name, labels, unit, section, bounds (for the web form and
 * the import template). */
json_t *balance_svc_fields_json(void);

/* school_year 0 means the newest year with statistics in the region, else the current one. */
err_t *balance_svc_stat_get(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, int64_t school_year,
                            json_t **out);
/* values: an object of field → number (missing fields keep their value, or 0 for a new
 * record). ERR_INVALID with the field named when a value is impossible. */
err_t *balance_svc_stat_put(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, int64_t school_year,
                            const json_t *values, json_t **out);
/* The statistics of every school of a county (filled or not). */
err_t *balance_svc_stats_list(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                              json_t **out);

err_t *balance_svc_import(svc_t *s, arena_t *a, const actor_t *who, int64_t school_year, const char *path,
                          import_result_t *out);
err_t *balance_svc_template(arena_t *a, const char *path);

/* Per county of region_code (default: the caller's region): expected schools, filled in,
 * and the missing ones. */
err_t *balance_svc_completeness(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, int64_t school_year,
                                json_t **out);
err_t *balance_svc_checks(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                          json_t **out);
err_t *balance_svc_check_confirm(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, int64_t school_year,
                                 const char *code, const char *field, const char *note);

/* The evaluation of a county and year. changes (may be NULL): an array of
 * {school_id, field, value} applied before evaluating; nothing is written (the what-if). */
err_t *balance_svc_evaluate(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                            const json_t *changes, json_t **out);
/* The whole verdict of a county and year (svc/balance/verdict_svc): 资源配置, 政府保障程度,
 * 教育质量, 社会认可度, 申报条件, the vetoes and the 2012 conditions, every item with its entry,
 * the city's check and its documents. is_simulated: the 模拟 verdict (unchecked values and the
 * 社会认可度 pre-assessment count, labelled). */
err_t *balance_svc_verdict(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                           bool is_simulated, json_t **out);
/* The counties of region_code ranked (达标 = every part of the verdict holds) (verdicts, worst CVs, completeness). */
err_t *balance_svc_overview(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, int64_t school_year,
                            json_t **out);
err_t *balance_svc_trend(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, json_t **out);
/* prices (may be NULL): an object of resource → yuan per unit, over the configured ones. */
err_t *balance_svc_plan(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                        const json_t *prices, json_t **out);
/* Per school of a county (on the caller's connection), the 优质均衡 resource indicators it
 * fails in the newest school year that has statistics (a 一贯制 school's sections added up);
 * *n 0 when the county has none. Used by the risk grouping (svc/draws). */
typedef struct balance_school_failing {
    int64_t school_id;
    int n_failing;
    int64_t school_year;
} balance_school_failing_t;
err_t *balance_svc_failing(db_t *db, arena_t *a, const actor_t *who, const char *county_code,
                           balance_school_failing_t **out, size_t *n);
/* One school's indicators against the thresholds and the county values (the school page). */
err_t *balance_svc_school(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, int64_t school_year,
                          json_t **out);
/* Declares the evaluation final: every expected school filled in and every check confirmed,
 * else ERR_CONFLICT naming what is missing. */
err_t *balance_svc_finalize(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                            json_t **out);

/* kind: "quality" (优质均衡资源配置) or "basic" (基本均衡差异系数). */
err_t *balance_svc_export_xlsx(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                               const char *kind, const char *path);
err_t *balance_svc_report_pdf(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                              buf_t *out);

#endif
