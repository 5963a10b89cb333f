/* tabular_read on hostile XLSX files: a zip bomb, a flood of shared strings, an oversized
 * cell, a row that multiplies one shared string, and DOCTYPE declarations (entity expansion,
 * external entities). Each is refused with a clear error and hands out no row. */
/* cmocka.h needs these before it */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "docs/tabular.h"
#include "util/buf.h"

typedef struct fx {
    arena_t a;
    char dir[64];
    size_t n_rows; /* rows handed to the callback */
} fx_t;

static int fx_setup(void **state) {
    fx_t *f = calloc(1, sizeof *f);
    arena_init(&f->a);
    snprintf(f->dir, sizeof f->dir, "/tmp/dudao-test-tablimits-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int fx_teardown(void **state) {
    fx_t *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    arena_free(&f->a);
    free(f);
    return 0;
}

static err_t *count_row(void *ctx, size_t row_no, const char *const *cells, size_t n_cells) {
    (void)row_no, (void)cells, (void)n_cells;
    ((fx_t *)ctx)->n_rows++;
    return NULL;
}

static const char SHEET_HEAD[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                 "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                 "<sheetData>";
static const char SHEET_TAIL[] = "</sheetData></worksheet>";
static const char SST_HEAD[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                               "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";

/* A workbook of a sheet (and, if sst is not NULL, shared strings); the texts are copied. */
static char *write_xlsx(fx_t *f, const char *name, const char *sheet, size_t n_sheet, const char *sst) {
    char *path = arena_printf(&f->a, "%s/%s", f->dir, name);
    int zerr;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    zip_source_t *src = zip_source_buffer(z, sheet, n_sheet, 0);
    assert_true(zip_file_add(z, "xl/worksheets/sheet1.xml", src, ZIP_FL_ENC_UTF_8) >= 0);
    if (sst) {
        src = zip_source_buffer(z, sst, strlen(sst), 0);
        assert_true(zip_file_add(z, "xl/sharedStrings.xml", src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0); /* the sources are read here */
    return path;
}

static void assert_refused(fx_t *f, const char *path, err_code_t code, const char *needle) {
    f->n_rows = 0;
    err_t *e = tabular_read(&f->a, path, count_row, f);
    assert_non_null(e);
    assert_int_equal(e->code, code);
    assert_string_equal(e->field, "file");
    if (!strstr(e->message, needle)) fail_msg("message \"%s\" lacks \"%s\"", e->message, needle);
    assert_int_equal(f->n_rows, 0);
}

static void test_zip_bomb_is_refused_before_inflating(void **state) {
    fx_t *f = *state;
    /* 300 MiB of XML whitespace deflates to ~300 KiB: past the 256 MiB cap */
    size_t n_pad = (size_t)300 * 1024 * 1024;
    size_t n = sizeof SHEET_HEAD - 1 + n_pad + sizeof SHEET_TAIL - 1;
    char *sheet = malloc(n);
    assert_non_null(sheet);
    memcpy(sheet, SHEET_HEAD, sizeof SHEET_HEAD - 1);
    memset(sheet + sizeof SHEET_HEAD - 1, ' ', n_pad);
    memcpy(sheet + n - (sizeof SHEET_TAIL - 1), SHEET_TAIL, sizeof SHEET_TAIL - 1);
    char *path = write_xlsx(f, "bomb.xlsx", sheet, n, NULL);
    free(sheet);
    assert_refused(f, path, ERR_TOO_LARGE, "256 MiB");
}

static void test_too_many_shared_strings(void **state) {
    fx_t *f = *state;
    buf_t b;
    buf_init(&b);
    buf_puts(&b, SST_HEAD);
    for (int i = 0; i < 1000001; i++)
        buf_puts(&b, "<si><t>a</t></si>");
    buf_puts(&b, "</sst>");
    static const char sheet[] = "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\">"
                                "<v>0</v></c></row></sheetData></worksheet>";
    char *path = write_xlsx(f, "sst.xlsx", sheet, sizeof sheet - 1, b.p);
    buf_free(&b);
    assert_refused(f, path, ERR_TOO_LARGE, "1000000");
}

static void test_oversized_cell(void **state) {
    fx_t *f = *state;
    buf_t b;
    buf_init(&b);
    buf_puts(&b, SHEET_HEAD);
    buf_puts(&b, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
    for (int i = 0; i < 32768; i++)
        buf_putc(&b, 'x');
    buf_puts(&b, "</t></is></c></row>");
    buf_puts(&b, SHEET_TAIL);
    assert_refused(f, write_xlsx(f, "cell.xlsx", b.p, b.n, NULL), ERR_TOO_LARGE, "32767");
    /* the same text as a shared string */
    buf_t sst;
    buf_init(&sst);
    buf_puts(&sst, SST_HEAD);
    buf_puts(&sst, "<si><t>");
    for (int i = 0; i < 32768; i++)
        buf_puts(&sst, "督");
    buf_puts(&sst, "</t></si></sst>");
    static const char sheet[] = "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\">"
                                "<v>0</v></c></row></sheetData></worksheet>";
    assert_refused(f, write_xlsx(f, "sstcell.xlsx", sheet, sizeof sheet - 1, sst.p), ERR_TOO_LARGE, "32767");
    buf_free(&sst);
    buf_free(&b);
}

/* One 30,000-character shared string in 600 cells of one row: 18 MB out of 1 MB of XML. */
static void test_row_amplification(void **state) {
    fx_t *f = *state;
    buf_t sst, sheet;
    buf_init(&sst);
    buf_init(&sheet);
    buf_puts(&sst, SST_HEAD);
    buf_puts(&sst, "<si><t>");
    for (int i = 0; i < 30000; i++)
        buf_putc(&sst, 'y');
    buf_puts(&sst, "</t></si></sst>");
    buf_puts(&sheet, SHEET_HEAD);
    buf_puts(&sheet, "<row r=\"1\">");
    for (int i = 0; i < 600; i++)
        buf_puts(&sheet, "<c t=\"s\"><v>0</v></c>");
    buf_puts(&sheet, "</row>");
    buf_puts(&sheet, SHEET_TAIL);
    assert_refused(f, write_xlsx(f, "row.xlsx", sheet.p, sheet.n, sst.p), ERR_TOO_LARGE, "16 MiB");
    buf_free(&sst);
    buf_free(&sheet);
}

static void test_doctype_is_refused(void **state) {
    fx_t *f = *state;
    /* billion laughs in the sheet */
    static const char laughs[] =
        "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData>"
        "</worksheet>";
    assert_refused(f, write_xlsx(f, "laughs.xlsx", laughs, sizeof laughs - 1, NULL), ERR_INVALID, "DOCTYPE");
    /* an external entity in the shared strings, lower case */
    static const char sheet[] = "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\">"
                                "<v>0</v></c></row></sheetData></worksheet>";
    static const char xxe[] = "<?xml version=\"1.0\"?><!doctype sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                              "<sst><si><t>&x;</t></si></sst>";
    assert_refused(f, write_xlsx(f, "xxe.xlsx", sheet, sizeof sheet - 1, xxe), ERR_INVALID, "DOCTYPE");
    /* UTF-16 text would hide the declaration from a byte scan: refused as not UTF-8 */
    static const char u16[] = "<\0?\0x\0m\0l\0 \0v\0e\0r\0s\0i\0o\0n\0=\0\"\0001\0.\0000\0\"\0?\0>\0";
    assert_refused(f, write_xlsx(f, "u16.xlsx", u16, sizeof u16 - 1, NULL), ERR_INVALID, "UTF-8");
}

/* The declaration straddling two of the reader's blocks (libxml2 reads ~4000 bytes) is still seen. */
static void test_doctype_across_blocks(void **state) {
    fx_t *f = *state;
    for (size_t pad = 3960; pad < 4110; pad++) {
        buf_t b;
        buf_init(&b);
        buf_puts(&b, "<?xml version=\"1.0\"?>");
        for (size_t i = 0; i < pad; i++)
            buf_putc(&b, ' ');
        buf_puts(&b, "<!DOCTYPE worksheet><worksheet><sheetData/></worksheet>");
        assert_refused(f, write_xlsx(f, "pad.xlsx", b.p, b.n, NULL), ERR_INVALID, "DOCTYPE");
        buf_free(&b);
    }
}

/* Large but honest: a sheet at the real limits still reads. */
static void test_big_honest_cell_reads(void **state) {
    fx_t *f = *state;
    buf_t b;
    buf_init(&b);
    buf_puts(&b, SHEET_HEAD);
    buf_puts(&b, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
    for (int i = 0; i < 32767; i++)
        buf_puts(&b, "督");
    buf_puts(&b, "</t></is></c></row>");
    buf_puts(&b, SHEET_TAIL);
    f->n_rows = 0;
    assert_null(tabular_read(&f->a, write_xlsx(f, "ok.xlsx", b.p, b.n, NULL), count_row, f));
    assert_int_equal(f->n_rows, 1);
    buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_zip_bomb_is_refused_before_inflating, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_too_many_shared_strings, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_oversized_cell, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_row_amplification, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_doctype_is_refused, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_doctype_across_blocks, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_big_honest_cell_reads, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
