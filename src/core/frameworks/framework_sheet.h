/* framework_sheet: a framework's indicators as a spreadsheet — one row per indicator, in
 * tree order, with level / code / parent / kind / ... columns — and back. Pure (the XLSX
 * writing and reading are docs/ and svc/'s); unit-tested.
 *
 * Columns (header as exported; an import also takes the English field name in the second
 * column of fw_sheet_columns, in any order; unknown headers are refused so a typo is not lost):
 *   层级 (1–3), 编码, 上级编码, 指标内容, 英文, 检查方法, 类型 (达标 评分 评级 数值 选择 文本, or the
 *   kind's code; empty for a group), 满分, 权重, 等级或选项, 单位, 阈值 ("<= 60"), 需照片, 需文件,
 *   需说明, 一票否决 (是/否), 适用办学类型 ("211,311"), 适用学段 ("小学,初中" or primary,junior).
 * 等级或选项: entries separated by ";" or line breaks, each "值|名称|分值|颜色|不达标|英文名称" with
 * the trailing parts optional (empty parts keep the positions), e.g.
 * "A|优|10|#67C23A; D|差|0|#F56C6C|不达标" or "none|未发现||||None found".
 *
 * Import: the rows become the "indicators" of a document whose other members (code, name,
 * source, grade bands...) come from a base document; every row problem is reported with its
 * row number and column, then the assembled document is validated by fw_parse_all and its
 * issues are mapped back to the row of the indicator they name. Memory in the arena;
 * thread-safe (no shared state). */
#ifndef DUDAO_FRAMEWORK_SHEET_H
#define DUDAO_FRAMEWORK_SHEET_H

#include <jansson.h>
#include <stddef.h>

#include "core/frameworks/framework.h"

typedef struct fw_sheet_column {
    const char *header; /* 编码 */
    const char *field;  /* code */
} fw_sheet_column_t;

enum { FW_SHEET_N_COLS = 18 };

/* The columns in export order. */
const fw_sheet_column_t *fw_sheet_columns(void);

/* The cells of one node's row (FW_SHEET_N_COLS entries, arena strings or NULL). */
void fw_sheet_row(arena_t *a, const fw_node_t *n, const char **cells);

typedef struct fw_sheet_error {
    size_t row;         /* as Excel shows it (header = 1); 0 for the sheet as a whole */
    const char *column; /* the header as written in the file, or NULL */
    const char *indicator;
    const char *message; /* "中文 / English" */
} fw_sheet_error_t;

typedef struct fw_sheet_reader fw_sheet_reader_t;

/* Starts reading; base is the document whose non-indicator members the result keeps (borrowed). */
fw_sheet_reader_t *fw_sheet_begin(arena_t *a, const json_t *base);
/* One row of the file (row_no as Excel shows it); the first call is the header row. Cells are
 * copied. Problems are collected, never returned. */
void fw_sheet_add_row(fw_sheet_reader_t *r, size_t row_no, const char *const *cells, size_t n_cells);
/* Finishes: on success *doc is the new document (new reference) and *n_errors 0; otherwise
 * *doc is NULL and the errors are listed (at most 500 kept, *n_errors counts all). *n_rows gets
 * the indicator rows read. */
void fw_sheet_end(fw_sheet_reader_t *r, json_t **doc, fw_sheet_error_t **errors, size_t *n_errors, size_t *n_rows);

#endif
