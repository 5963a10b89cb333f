/* verdict_svc: the whole 均衡 verdict of a county (core/balance/verdict): the county-level
 * items entered by the county office with documents attached, checked by the city, audited;
 * the items dudao computes (资源配置, the per-school 政府保障 items, the 2012 composite CV) from
 * the balance evaluation; and the verdict with every part, what failed and by how much.
 *
 * Who: a county item is entered by an admin of that county (the county office) and checked
 * (approved or returned) by an admin above it (city or province) in whose region it lies;
 * others get 403, a county outside the caller's region 404. Each write is one transaction
 * with an audit row; a refused request writes nothing.
 *
 * 质量监测: when the monitoring capability holds an evaluable result of the county for the
 * year (svc/monitoring mon_svc_verdict_e9), item e9 is judged on it (computed_from
 * "monitoring") instead of the county's entry. Likewise the pre-assessment s1_pre: the
 * county's own closed 社会认可度 round of the school year (svc/surveys survey_svc_verdict_pre,
 * computed_from "survey") stands in for an entered value; it counts only in a simulated verdict.
 * Results are JSON (new references); memory in the arena. */
#ifndef DUDAO_VERDICT_SVC_H
#define DUDAO_VERDICT_SVC_H

#include <jansson.h>

#include "core/balance/balance.h"
#include "core/balance/verdict.h"
#include "store/balance/balance_store.h"
#include "svc/svc.h"

/* What the balance evaluation of the county found (borrowed). */
typedef struct verdict_facts {
    const balance_rules_t *rules;
    const balance_result_t *res;
    const balance_school_row_t *rows;
    size_t n_rows;
} verdict_facts_t;

/* The verdict of a county and year on the caller's connection: with_items gives every item
 * with its entry, check and attachments (the county page); without, the summary the ranking
 * uses ({status, is_passed, is_basic_passed, reasons_zh, parts:[{key, status}]}). */
err_t *verdict_svc_county_tx(db_t *db, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                             const verdict_facts_t *facts, bool is_simulated, bool with_items, json_t **out);

/* The same verdict as the core struct (for the PDF report and the XLSX tables); it lives in a. */
err_t *verdict_svc_eval_tx(db_t *db, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                           const verdict_facts_t *facts, bool is_simulated, verdict_t *out);

/* What the plan to pass must add beyond 资源配置: every item of the other parts that fails
 * (what must change, by how much, by whom) or is not evaluable (who must enter or check it).
 * New reference. */
json_t *verdict_svc_actions(const verdict_t *v);

/* The county office enters an item: values as verdict_values_parse takes them, a note, and
 * attachment_ids (uploaded with owner_kind balance_item) linked to it; at least one document
 * must be attached. Puts it back to "awaiting the city's check". */
err_t *verdict_svc_item_put(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                            const char *key, const json_t *values, const char *note, const json_t *attachment_ids,
                            json_t **out);
/* The city checks an item awaiting it: decision approve | return (a note is required to
 * return). ERR_CONFLICT when it is not awaiting a check. */
err_t *verdict_svc_item_check(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                              const char *key, const char *decision, const char *note, json_t **out);

#endif
