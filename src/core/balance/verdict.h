/* verdict: the whole 均衡 verdict of a county (standards.md §1.3–§1.6 and §2), pure.
 *
 * The 2017 优质均衡 verdict holds only when every part holds: 资源配置 (core/balance), the 15
 * 政府保障程度 items, the 9 教育质量 items, 社会认可度 ≥ 85 %, the 申报条件 (基本均衡 recognised
 * ≥ 3 years before, monitoring high since) and none of the 不予认定 vetoes. The 2012 基本均衡
 * verdict holds when its four conditions do. The items are data (standards/balance/
 * verdict-2017-national.json, standard "verdict"): per item its part, the checks a county
 * enters (op, threshold, unit, the evidence to attach), and whether dudao computes it.
 *
 * An item is met, failed (with how far off), or not evaluable (not entered, not yet checked by
 * the city, returned, or no data): a part or a verdict with a not-evaluable item and no failed
 * one is "not_evaluable", never passed. A simulated (模拟) verdict also counts values awaiting
 * the city's check and, for 社会认可度 without an official value, the pre-assessment; every
 * item it judged that way is labelled is_simulated.
 *
 * Memory: everything returned lives in the arena given. No I/O, no globals: thread-safe. */
#ifndef DUDAO_BALANCE_VERDICT_H
#define DUDAO_BALANCE_VERDICT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"

enum { VERDICT_MAX_CHECKS = 3, VERDICT_MAX_ITEMS = 64 };

typedef enum verdict_op {
    VOP_GE,           /* value ≥ threshold (1e-9 slack: 95.0 passes 95) */
    VOP_LE,           /* value ≤ threshold */
    VOP_LT,           /* value < threshold, strictly (0.15 fails < 0.15) */
    VOP_YES,          /* a yes/no that must be yes */
    VOP_NO,           /* a yes/no that must be no (a veto: "present") */
    VOP_GE_KEY,       /* value ≥ the value of check `ref` of the same item */
    VOP_REF,          /* a reference value for another check; always ok */
    VOP_YEARS_BEFORE, /* school_year − value ≥ threshold */
} verdict_op_t;

typedef struct verdict_check {
    const char *key, *label_zh, *label_en, *unit, *ref;
    verdict_op_t op;
    double threshold, min, max; /* min/max: the range accepted on entry */
} verdict_check_t;

typedef struct verdict_item {
    const char *part; /* resources guarantee education recognition pre eligibility veto basic2012 */
    const char *key, *name_zh, *name_en, *evidence_zh, *confidence;
    bool is_computed;           /* dudao works out (part of) it from its data */
    const char *hook;           /* "monitoring": the monitoring capability may supply it */
    const char *pre_assessment; /* the key of the pre-assessment item a simulation may use */
    verdict_check_t checks[VERDICT_MAX_CHECKS];
    size_t n_checks; /* 0: computed only */
} verdict_item_t;

typedef struct verdict_rules {
    verdict_item_t items[VERDICT_MAX_ITEMS];
    size_t n_items;
    const char *source;
} verdict_rules_t;

/* Reads the items from the national "verdict" document among texts[0..n) (other standards are
 * skipped). Errors: ERR_INVALID field "standards" naming the item and key. */
err_t *verdict_rules_load(arena_t *a, const char *const *texts, size_t n, verdict_rules_t *out);
/* The item with key, or NULL. */
const verdict_item_t *verdict_item_find(const verdict_rules_t *r, const char *key);
/* Part key → "政府保障程度" etc. (NULL when unknown). */
const char *verdict_part_label_zh(const char *part);
const char *verdict_part_label_en(const char *part);
/* Who must act on a part that fails ("县级人民政府（财政、人社、编制、教育等部门）"); NULL when unknown. */
const char *verdict_part_owner_zh(const char *part);
const char *verdict_part_owner_en(const char *part);

/* Checks what a county enters for an item: an object with every check's key (a number, or a
 * boolean for yes/no), within the check's range, a year not after school_year. On success
 * v[i]/has[i] hold the values in check order. ERR_INVALID with field "values.<key>". */
err_t *verdict_values_parse(arena_t *a, const verdict_item_t *it, const json_t *values, int64_t school_year,
                            double v[VERDICT_MAX_CHECKS]);

typedef enum verdict_entry_state { VES_NONE, VES_SUBMITTED, VES_APPROVED, VES_RETURNED } verdict_entry_state_t;

/* What is known of one item: the county's entry (state and values) and/or dudao's computation. */
typedef struct verdict_input {
    const char *key;
    verdict_entry_state_t state;
    double v[VERDICT_MAX_CHECKS];
    bool has_computed, is_computed_ok;
    const char *computed_zh, *computed_en; /* what the computation found ("2 所学校班额超标") */
    const char *computed_from;             /* "data" or the hook that supplied it ("monitoring") */
} verdict_input_t;

typedef struct verdict_item_result {
    const verdict_item_t *item;
    const char *status; /* met | failed | not_evaluable */
    bool is_simulated;  /* judged on an unchecked value or the pre-assessment */
    bool is_pre_assessment;
    bool has_value;
    double value[VERDICT_MAX_CHECKS];
    bool check_ok[VERDICT_MAX_CHECKS];
    double gap[VERDICT_MAX_CHECKS]; /* how far a failed check is off (> 0), in its unit */
    const char *why_zh, *why_en;    /* NULL when met */
} verdict_item_result_t;

typedef struct verdict_part {
    const char *key, *label_zh, *label_en;
    const char *status; /* passed | failed | not_evaluable */
    verdict_item_result_t *items;
    size_t n_items, n_met, n_failed, n_not_evaluable;
} verdict_part_t;

enum { VERDICT_N_PARTS_2017 = 6 };

typedef struct verdict {
    verdict_part_t parts[VERDICT_N_PARTS_2017]; /* resources guarantee education recognition eligibility veto */
    const char *status;                         /* passed | failed | not_evaluable */
    bool is_passed, is_simulated;
    const char **reasons_zh, **reasons_en; /* one line per failed or not evaluable item */
    size_t n_reasons;
    verdict_part_t basic; /* the 2012 conditions */
    bool is_basic_passed;
} verdict_t;

/* Evaluates the items with the inputs (matched by key; items without an input are not
 * evaluable). is_simulated: also count submitted values and the pre-assessment. */
void verdict_eval(arena_t *a, const verdict_rules_t *r, const verdict_input_t *in, size_t n_in, int64_t school_year,
                  bool is_simulated, verdict_t *out);

/* One item against its input (exposed for the tests; verdict_eval uses it). in may be NULL. */
void verdict_item_eval(arena_t *a, const verdict_item_t *it, const verdict_input_t *in, int64_t school_year,
                       bool is_simulated, verdict_item_result_t *out);

#endif
