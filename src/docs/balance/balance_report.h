/* balance_report: the evaluation report of a county (义务教育均衡发展评估报告) as a PDF:
 * the verdicts at a glance (the whole 优质均衡 verdict with every part and item, the 申报条件,
 * the vetoes and the 2012 conditions), per section the 7 优质均衡 indicators (threshold, county value,
 * CV against its limit) and the 8 基本均衡 CVs with their composite, the schools that fail
 * and why, the plan to pass with its cost, and the schools left out of scope with the reason.
 *
 * A4 portrait, as many pages as needed (a table row never splits), cairo + Pango with Noto
 * CJK (as plaque.c). Thread-safety: reentrant; meant to run off the request threads. */
#ifndef DUDAO_BALANCE_REPORT_H
#define DUDAO_BALANCE_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/balance/balance.h"
#include "core/balance/verdict.h"
#include "util/buf.h"

/* One line of the plan to pass, as a school enters it. */
typedef struct balance_report_line {
    const char *school, *item, *unit;
    double amount, cost;
} balance_report_line_t;

typedef struct balance_report {
    const char *county_name, *county_code;
    int64_t school_year;
    const balance_rules_t *rules;
    const balance_unit_t *units;
    size_t n_units;
    const balance_result_t *result;
    const balance_excluded_t *excluded;
    size_t n_excluded;
    /* the plan to pass (n_plan_lines 0: nothing to add) */
    const balance_report_line_t *plan_lines;
    size_t n_plan_lines;
    double plan_total, plan_lower_bound;
    bool is_plan_passing;
    /* the whole verdict (every part, the vetoes, the 2012 conditions); NULL: 资源配置 only */
    const verdict_t *verdict;
} balance_report_t;

/* Appends the PDF to out (owned by the caller). ERR_INTERNAL when cairo fails; out may then
 * hold a partial PDF. */
err_t *balance_report_pdf(arena_t *a, const balance_report_t *r, buf_t *out);

#endif
