/* balance_xlsx: the official-style tables of a county's evaluation as a workbook, one sheet
 * per section, the way an office hands them to the provincial inspectors:
 * - quality (优质均衡资源配置指标统计表): a title row, the 7 indicators with their thresholds,
 *   one row per school (value; red fill below 85 % of the threshold, amber below 100 %), 达标项数,
 *   达标/未达标 and the reason; then 县域值, 差异系数 (red above the limit), the limit and the
 *   county's verdict;
 * - basic (基本均衡差异系数统计表): the 8 indicators per school, 县域值, 差异系数 and the
 *   综合差异系数 against 0.65 / 0.55.
 * Numbers are numbers (Excel can sum and sort them), with 2 or 4 decimals shown.
 * Thread-safety: reentrant. */
#ifndef DUDAO_BALANCE_XLSX_H
#define DUDAO_BALANCE_XLSX_H

#include <stdbool.h>
#include <stdint.h>

#include "core/balance/balance.h"
#include "core/balance/verdict.h"

typedef struct balance_xlsx {
    const char *county_name;
    int64_t school_year;
    bool is_quality; /* false: the basic table */
    const balance_rules_t *rules;
    const balance_unit_t *units;
    const balance_result_t *result;
    /* the whole verdict: a last sheet "完整结论" lists every part and item (NULL: none) */
    const verdict_t *verdict;
} balance_xlsx_t;

/* Writes the workbook at path. ERR_INTERNAL when it cannot be written (the file is removed). */
err_t *balance_xlsx_write(arena_t *a, const char *path, const balance_xlsx_t *x);

#endif
