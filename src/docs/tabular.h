/* tabular: reads an import file (CSV or XLSX, as users make them with Excel or WPS) and
 * hands it to the caller one row at a time, each row as an array of UTF-8 strings.
 *
 * Why one entry point for both formats: an import screen takes "a spreadsheet"; the user
 * should not have to know what Excel saved. The kind is chosen by content, not by file name:
 * a zip ("PK\3\4") is read as XLSX, an OLE file (old .xls) is refused with a hint, anything
 * else is read as CSV.
 *
 * All-or-nothing friendly: every check that can fail on the file as a whole (encoding, a
 * broken zip, a missing worksheet) runs before the first row is handed out; after that an
 * error can only come from the row callback or from a file that is damaged mid-way. A caller
 * that imports inside one transaction therefore commits only if tabular_read returns NULL.
 *
 * CSV: RFC 4180 (quoted fields, "" inside quotes, line breaks inside quotes, CRLF, LF or CR
 * line ends), comma separated, an optional UTF-8 BOM. Encoding: a file that is valid UTF-8 is
 * UTF-8; otherwise it is converted from GB18030 (the superset of GBK and GB2312 that Chinese
 * Excel saves as "CSV (逗号分隔)"); a file that is neither, or has NUL bytes (UTF-16 "Unicode
 * text"), is refused. Leniency follows Excel: a quote inside an unquoted field is kept as a
 * character, text after a closing quote is appended. An unterminated quote is an error,
 * because silently swallowing the rest of the file into one cell would import garbage.
 *
 * XLSX: the first worksheet of the workbook (xl/workbook.xml and its rels; falling back to
 * xl/worksheets/sheet1.xml), read with libxml2's streaming reader so a 100,000-row sheet is
 * read in bounded memory (only the shared-string table is held, compactly). Cells are placed
 * by their reference ("C7" goes to index 2 of row 7; gaps are ""). Values: shared and inline
 * strings (rich-text runs joined, phonetic runs dropped), numbers as text (integers without
 * ".0", others with Excel's 15 significant digits), booleans as "TRUE"/"FALSE", cached
 * formula results, errors as their text ("#N/A"), and numbers in a date format (built-in or
 * custom, as Excel and WPS store dates) as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS".
 *
 * Rows: row_no is the row number the user sees in Excel (header = 1), so error messages can
 * point at it; for CSV it counts records, not physical lines. Rows whose cells are all empty
 * are not handed out (Excel and WPS leave such rows behind, most often at the end) but still
 * count. n_cells is what the row holds (up to its last cell with a value for XLSX, its field
 * count for CSV) and may differ from the header's count: read a missing cell as "". */
/* XLSX is untrusted: the parts may inflate to at most 256 MiB together (checked on the sizes
 * the zip declares before anything is inflated, and on the bytes actually read), at most
 * 1,000,000 shared strings holding 64 MiB, a cell at most 32,767 characters (Excel's own
 * limit), a row at most 16 MiB of text; a part with a <!DOCTYPE (any case) or NUL bytes
 * (UTF-16/32) is refused before the XML parser sees it, so no DTD or entity is ever read. */
#ifndef DUDAO_TABULAR_H
#define DUDAO_TABULAR_H

#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

/* Called once per non-empty row, in file order. cells[0..n_cells) are NUL-terminated UTF-8;
 * they and the array live in a scratch arena that is reset after the call returns, so copy
 * what you keep (into your own arena). Returning non-NULL stops the read and tabular_read
 * returns that same error. */
typedef err_t *(*tabular_row_fn)(void *ctx, size_t row_no, const char *const *cells, size_t n_cells);

/* Reads the file at path and calls fn for each row.
 * Returns NULL when every row was handed out and fn accepted them all; otherwise an err_t
 * allocated in `a` (only the error is allocated there; rows never are):
 *   ERR_NOT_FOUND  field "file"  the file cannot be opened;
 *   ERR_INVALID    field "file"  neither UTF-8 nor GB18030, an .xls file, a damaged XLSX,
 *                                an unterminated quote (message names the row);
 *   ERR_INVALID    field "file"  an XLSX part with a DOCTYPE or not in UTF-8;
 *   ERR_TOO_LARGE  field "file"  a row beyond Excel's limits (1,048,576 rows, 16,384 columns),
 *                                an XLSX past the limits above (nothing handed out when the
 *                                declared sizes or the shared strings are too big);
 *   whatever fn returned.
 * Thread-safety: reentrant; calls on different threads need different arenas. */
err_t *tabular_read(arena_t *a, const char *path, tabular_row_fn fn, void *ctx);

#endif
