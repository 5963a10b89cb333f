/* tabular_read on real files: CSV in UTF-8 (BOM, quotes, line breaks in cells) and GB18030,
 * XLSX written by xlsx_out and XLSX as Excel writes it (shared strings, styles, gaps). */
/* cmocka.h needs these before it */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "docs/tabular.h"
#include "docs/xlsx_out.h"
#include "util/buf.h"

/* ---- fixtures ---- */

typedef struct fx {
    arena_t a;
    char dir[64];
} fx_t;

static int fx_setup(void **state) {
    fx_t *f = calloc(1, sizeof *f);
    arena_init(&f->a);
    snprintf(f->dir, sizeof f->dir, "/tmp/dudao-test-tabular-XXXXXX");
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

static char *fx_path(fx_t *f, const char *name) {
    return arena_printf(&f->a, "%s/%s", f->dir, name);
}

static char *write_file(fx_t *f, const char *name, const void *data, size_t n) {
    char *path = fx_path(f, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
    return path;
}

/* Rows as the callback saw them, copied into the fixture's arena. */
enum { MAX_ROWS = 8192 };
typedef struct rows {
    arena_t *a;
    size_t n;
    size_t row_no[MAX_ROWS];
    size_t n_cells[MAX_ROWS];
    char **cells[MAX_ROWS];
    size_t stop_at; /* row_no whose callback fails; 0 = never */
} rows_t;

static err_t *collect(void *ctx, size_t row_no, const char *const *cells, size_t n_cells) {
    rows_t *r = ctx;
    if (r->stop_at && row_no == r->stop_at)
        return err_newf(r->a, ERR_INVALID, "学校名称", "第 %zu 行：学校名称不能为空", "row %zu: school name is empty",
                        row_no);
    assert_true(r->n < MAX_ROWS);
    r->row_no[r->n] = row_no;
    r->n_cells[r->n] = n_cells;
    r->cells[r->n] = arena_alloc(r->a, n_cells * sizeof(char *));
    for (size_t i = 0; i < n_cells; i++)
        r->cells[r->n][i] = arena_strdup(r->a, cells[i]);
    r->n++;
    return NULL;
}

static rows_t *rows_new(fx_t *f) {
    rows_t *r = arena_alloc(&f->a, sizeof *r);
    r->a = &f->a;
    return r;
}

static void assert_row(const rows_t *r, size_t i, size_t row_no, size_t n_cells, ...) {
    assert_true(i < r->n);
    assert_int_equal(r->row_no[i], row_no);
    assert_int_equal(r->n_cells[i], n_cells);
    va_list ap;
    va_start(ap, n_cells);
    for (size_t c = 0; c < n_cells; c++)
        assert_string_equal(r->cells[i][c], va_arg(ap, const char *));
    va_end(ap);
}

/* ---- CSV ---- */

static void test_csv_utf8_bom_quotes_newlines(void **state) {
    fx_t *f = *state;
    static const char csv[] = "\xEF\xBB\xBF"
                              "学校名称,学校标识码,备注\r\n"
                              "\"德清县第一小学\",3133005621,\"他说\"\"好\"\"\r\n第二行\"\r\n"
                              "\r\n"                            /* an empty line: skipped, still counted */
                              "\"逗号,在引号里\",\"\",x\"y\r\n" /* quote inside an unquoted field kept */
                              "\"莫干山小学\"分校,0123,\n"      /* LF only; text after a closing quote */
                              ",,\r\n"                          /* all empty: skipped */
                              "最后一行,,没有换行结尾";         /* no final line break */
    char *path = write_file(f, "u.csv", csv, sizeof csv - 1);
    rows_t *r = rows_new(f);
    err_t *e = tabular_read(&f->a, path, collect, r);
    assert_null(e);
    assert_int_equal(r->n, 5);
    assert_row(r, 0, 1, 3, "学校名称", "学校标识码", "备注");
    assert_row(r, 1, 2, 3, "德清县第一小学", "3133005621", "他说\"好\"\r\n第二行");
    assert_row(r, 2, 4, 3, "逗号,在引号里", "", "x\"y");
    assert_row(r, 3, 5, 3, "莫干山小学分校", "0123", "");
    assert_row(r, 4, 7, 3, "最后一行", "", "没有换行结尾");
}

static void test_csv_gb18030(void **state) {
    fx_t *f = *state;
    /* What Chinese Excel saves as "CSV (逗号分隔)": GBK bytes. 𠮷 (U+20BB7, seen in names) is
     * outside GBK, four bytes in GB18030 only, and must survive too. */
    const char *utf8 = "学校名称,人数,校长\r\n德清县第一小学,1200,𠮷祥\r\n\"新市镇，中心学校\",860,王芳\r\n";
    char gb[512];
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    char *ip = (char *)utf8, *op = gb;
    size_t ileft = strlen(utf8), oleft = sizeof gb;
    assert_int_not_equal(iconv(cd, &ip, &ileft, &op, &oleft), (size_t)-1);
    iconv_close(cd);
    size_t n = sizeof gb - oleft;
    assert_non_null(memmem(gb, n, "\x95\x34\xB2\x35", 4)); /* 𠮷 as four GB18030 bytes */
    char *path = write_file(f, "gb.csv", gb, n);

    rows_t *r = rows_new(f);
    assert_null(tabular_read(&f->a, path, collect, r));
    assert_int_equal(r->n, 3);
    assert_row(r, 0, 1, 3, "学校名称", "人数", "校长");
    assert_row(r, 1, 2, 3, "德清县第一小学", "1200", "𠮷祥");
    assert_row(r, 2, 3, 3, "新市镇，中心学校", "860", "王芳");
}

static void test_csv_gb18030_across_blocks(void **state) {
    fx_t *f = *state;
    /* Enough rows that two-byte characters straddle the 64 KiB read blocks. */
    buf_t u;
    buf_init(&u);
    buf_puts(&u, "序号,名称\n");
    for (int i = 1; i <= 5000; i++)
        buf_printf(&u, "%d,德清县第%d小学（武康）\n", i, i);
    buf_t g;
    buf_init(&g);
    buf_reserve(&g, u.n * 2);
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    char *ip = u.p, *op = g.p;
    size_t ileft = u.n, oleft = g.cap - 1;
    assert_int_not_equal(iconv(cd, &ip, &ileft, &op, &oleft), (size_t)-1);
    iconv_close(cd);
    g.n = (size_t)(op - g.p);
    char *path = write_file(f, "big-gb.csv", g.p, g.n);
    buf_free(&u);
    buf_free(&g);

    rows_t *r = rows_new(f);
    assert_null(tabular_read(&f->a, path, collect, r));
    assert_int_equal(r->n, 5001);
    assert_row(r, 0, 1, 2, "序号", "名称");
    assert_row(r, 4321, 4322, 2, "4321", "德清县第4321小学（武康）");
    assert_row(r, 5000, 5001, 2, "5000", "德清县第5000小学（武康）");
}

static void test_csv_neither_utf8_nor_gb18030(void **state) {
    fx_t *f = *state;
    /* UTF-16LE with BOM ("Unicode text" from Excel): not UTF-8, not GB18030 */
    static const char utf16[] = "\xFF\xFE\x66\x5B\x21\x68\x0D\x00\x0A\x00";
    char *p1 = write_file(f, "utf16.csv", utf16, sizeof utf16 - 1);
    /* 0x80 and 0xFF alone are invalid in both */
    static const char junk[] = "a,b\n\x80\xFF,c\n";
    char *p2 = write_file(f, "junk.csv", junk, sizeof junk - 1);
    const char *paths[] = {p1, p2};
    for (int i = 0; i < 2; i++) {
        rows_t *r = rows_new(f);
        err_t *e = tabular_read(&f->a, paths[i], collect, r);
        assert_non_null(e);
        assert_int_equal(e->code, ERR_INVALID);
        assert_string_equal(e->field, "file");
        assert_non_null(strstr(e->message, "编码"));
        assert_non_null(strstr(e->message, " / "));
        assert_non_null(strstr(e->message, "encoding"));
        assert_int_equal(r->n, 0); /* refused before any row */
    }
}

static void test_csv_unterminated_quote_names_row(void **state) {
    fx_t *f = *state;
    static const char csv[] = "a,b\n1,2\n3,\"never closed\n4,5\n";
    char *path = write_file(f, "q.csv", csv, sizeof csv - 1);
    rows_t *r = rows_new(f);
    err_t *e = tabular_read(&f->a, path, collect, r);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_INVALID);
    assert_non_null(strstr(e->message, "第 3 行"));
    assert_non_null(strstr(e->message, "row 3"));
}

static void test_callback_error_stops_the_read(void **state) {
    fx_t *f = *state;
    static const char csv[] = "名称\nA\nB\nC\nD\n";
    char *path = write_file(f, "s.csv", csv, sizeof csv - 1);
    rows_t *r = rows_new(f);
    r->stop_at = 3;
    err_t *e = tabular_read(&f->a, path, collect, r);
    assert_non_null(e);
    assert_string_equal(e->field, "学校名称");
    assert_non_null(strstr(e->message, "第 3 行"));
    assert_int_equal(r->n, 2); /* rows 1 and 2, nothing after the failing one */
}

static void test_missing_file_and_xls(void **state) {
    fx_t *f = *state;
    rows_t *r = rows_new(f);
    err_t *e = tabular_read(&f->a, fx_path(f, "nope.csv"), collect, r);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_NOT_FOUND);
    assert_string_equal(e->field, "file");

    static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest of an old .xls";
    e = tabular_read(&f->a, write_file(f, "old.xls", ole, sizeof ole - 1), collect, r);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_INVALID);
    assert_non_null(strstr(e->message, ".xlsx"));
}

/* ---- XLSX written by xlsx_out ---- */

static void test_xlsx_roundtrip_through_xlsx_out(void **state) {
    fx_t *f = *state;
    char *path = fx_path(f, "export.xlsx");
    const char *headers[] = {"学校名称", "学校标识码", "在校生数", "挂牌日期", "备注"};
    const xlsx_col_type_t types[] = {XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_AUTO, XLSX_COL_DATE, XLSX_COL_AUTO};
    xlsx_out_t *w;
    assert_null(xlsx_out_open(&f->a, path, "学校", headers, 5, types, &w));
    const char *r1[] = {"德清县第一小学", "3133005621", "1200", "2024-09-01", "两校区\r\n合并办学"};
    const char *r2[] = {"新市镇中心学校", "0572001", "12.5", "2025-03-15 08:30:00", "=1+1"};
    const char *r3[] = {NULL, NULL, NULL, NULL, NULL}; /* an empty row: skipped, counted */
    const char *r4[] = {"", "", "123456789012345678", "not a date", "a_x0041_b\x01"};
    assert_null(xlsx_out_row(w, r1));
    assert_null(xlsx_out_row(w, r2));
    assert_null(xlsx_out_row(w, r3));
    assert_null(xlsx_out_row(w, r4));
    char num[32], name[64];
    for (int i = 0; i < 2000; i++) {
        snprintf(num, sizeof num, "%d", i * 7);
        snprintf(name, sizeof name, "学校%04d", i);
        const char *row[] = {name, NULL, num, NULL, NULL};
        assert_null(xlsx_out_row(w, row));
    }
    assert_int_equal(xlsx_out_n_rows(w), 2004);
    assert_null(xlsx_out_close(w));

    rows_t *r = rows_new(f);
    assert_null(tabular_read(&f->a, path, collect, r));
    assert_int_equal(r->n, 1 + 3 + 2000);
    assert_row(r, 0, 1, 5, "学校名称", "学校标识码", "在校生数", "挂牌日期", "备注");
    assert_row(r, 1, 2, 5, "德清县第一小学", "3133005621", "1200", "2024-09-01", "两校区\r\n合并办学");
    assert_row(r, 2, 3, 5, "新市镇中心学校", "0572001", "12.5", "2025-03-15 08:30:00", "=1+1");
    /* row 4 was empty; in row 5 the 18 digits stayed text, the bad date stayed text, and the
     * literal _x0041_ and control character came back as written */
    assert_row(r, 3, 5, 5, "", "", "123456789012345678", "not a date", "a_x0041_b\x01");
    assert_row(r, 4, 6, 3, "学校0000", "", "0");
    assert_row(r, 2003, 2005, 3, "学校1999", "", "13993");

    /* the sheet really holds numbers and dates where they belong */
    int zerr;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    assert_non_null(z);
    zip_file_t *zf = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
    assert_non_null(zf);
    static char xml[1 << 20];
    zip_int64_t n = zip_fread(zf, xml, sizeof xml - 1);
    assert_true(n > 0);
    xml[n] = '\0';
    zip_fclose(zf);
    zip_discard(z);
    assert_non_null(strstr(xml, "<c r=\"C2\"><v>1200</v></c>"));                   /* number */
    assert_non_null(strstr(xml, "<c r=\"B2\" t=\"inlineStr\"><is><t>3133005621")); /* code as text */
    assert_non_null(strstr(xml, "<c r=\"D2\" s=\""));                              /* a styled date */
    assert_non_null(strstr(xml, "<v>45536</v>"));                                  /* 2024-09-01 */
    assert_non_null(strstr(xml, "state=\"frozen\""));
    assert_non_null(strstr(xml, "<autoFilter ref=\"A1:E2005\"/>"));
    assert_non_null(strstr(xml, "<cols>"));
}

static void test_xlsx_out_refuses_bad_sheet_names(void **state) {
    fx_t *f = *state;
    const char *headers[] = {"a"};
    xlsx_out_t *w;
    err_t *e = xlsx_out_open(&f->a, fx_path(f, "bad.xlsx"), "学校/名单", headers, 1, NULL, &w);
    assert_non_null(e);
    assert_string_equal(e->field, "sheet_name");
    e = xlsx_out_open(&f->a, fx_path(f, "bad.xlsx"), "这是一个超过三十一个字符的工作表名称这是一个超过三十一个字符的表",
                      headers, 1, NULL, &w);
    assert_non_null(e);
    assert_int_equal(access(fx_path(f, "bad.xlsx"), F_OK), -1);
}

static void test_xlsx_out_discard_removes_file(void **state) {
    fx_t *f = *state;
    char *path = fx_path(f, "gone.xlsx");
    const char *headers[] = {"a", "b"};
    xlsx_out_t *w;
    assert_null(xlsx_out_open(&f->a, path, "Sheet", headers, 2, NULL, &w));
    const char *row[] = {"1", "2"};
    assert_null(xlsx_out_row(w, row));
    xlsx_out_discard(w);
    assert_int_equal(access(path, F_OK), -1);
}

static char *zip_member(fx_t *f, const char *path, const char *name) {
    int zerr;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, name, 0, &st), 0);
    char *s = arena_alloc(&f->a, st.size + 1);
    zip_file_t *zf = zip_fopen(z, name, 0);
    assert_int_equal(zip_fread(zf, s, st.size), (zip_int64_t)st.size);
    zip_fclose(zf);
    zip_discard(z);
    return s;
}

static void test_xlsx_template(void **state) {
    fx_t *f = *state;
    static const char *const kinds[] = {"专职", "兼职", "特聘", NULL};
    const xlsx_template_col_t cols[] = {
        {"姓名", true, XLSX_COL_TEXT, "2–20 个字", "沈建国", NULL},
        {"督学类型", true, XLSX_COL_TEXT, NULL, "兼职", kinds},
        {"手机号码", false, XLSX_COL_TEXT, "11 位数字", "13857201234", NULL},
        {"聘任日期", false, XLSX_COL_DATE, NULL, "2024-09-01", NULL},
    };
    char *path = fx_path(f, "template.xlsx");
    assert_null(xlsx_out_template(&f->a, path, "督学", cols, 4));

    /* the data sheet is the first sheet and holds the header row only */
    rows_t *r = rows_new(f);
    assert_null(tabular_read(&f->a, path, collect, r));
    assert_int_equal(r->n, 1);
    assert_row(r, 0, 1, 4, "姓名", "督学类型", "手机号码", "聘任日期");

    char *wb = zip_member(f, path, "xl/workbook.xml");
    assert_non_null(strstr(wb, "name=\"督学\""));
    assert_non_null(strstr(wb, "name=\"说明\""));
    char *sst = zip_member(f, path, "xl/sharedStrings.xml");
    assert_non_null(strstr(sst, "是否必填"));
    assert_non_null(strstr(sst, "格式要求"));
    assert_non_null(strstr(sst, "可选：专职、兼职、特聘"));
    assert_non_null(strstr(sst, "13857201234")); /* the example, as text */
    char *sheet1 = zip_member(f, path, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(sheet1, "<formula1>\"专职,兼职,特聘\"</formula1>")); /* drop-down */
    assert_non_null(strstr(sheet1, "state=\"frozen\""));
}

/* ---- XLSX as Excel writes it ---- */

static void put_member(zip_t *z, const char *name, const char *text) {
    zip_source_t *src = zip_source_buffer(z, text, strlen(text), 0);
    assert_non_null(src);
    assert_true(zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) >= 0);
}

static void test_xlsx_excel_style_workbook(void **state) {
    fx_t *f = *state;
    char *path = fx_path(f, "excel.xlsx");
    int zerr;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    put_member(z, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>");
    /* The first sheet in tab order is stored as sheet2.xml: it must be found through the rels. */
    put_member(z, "xl/workbook.xml",
               "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
               "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
               "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
               "<workbookPr/><sheets><sheet name=\"学校名单\" sheetId=\"2\" r:id=\"rId7\"/>"
               "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    put_member(z, "xl/_rels/workbook.xml.rels",
               "<?xml version=\"1.0\"?><Relationships "
               "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
               "<Relationship Id=\"rId1\" Type=\"…/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
               "<Relationship Id=\"rId7\" Type=\"…/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
               "</Relationships>");
    put_member(z, "xl/sharedStrings.xml",
               "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
               "count=\"5\" uniqueCount=\"5\">"
               "<si><t>学校名称</t></si>"
               "<si><t>学校标识码</t></si>"
               "<si><r><rPr><b/></rPr><t>德清县</t></r><r><t xml:space=\"preserve\">第一 小学</t></r>"
               "<rPh sb=\"0\" eb=\"1\"><t>トク</t></rPh></si>"
               "<si><t>A&amp;B_x000D_\n换行</t></si>"
               "<si><t/></si>"
               "</sst>");
    /* style 1: built-in date 14; style 2: custom 176 yyyy"年"m"月"d"日"; style 3: [Red]0.00 */
    put_member(z, "xl/styles.xml",
               "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
               "<numFmts count=\"2\"><numFmt numFmtId=\"176\" "
               "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
               "<numFmt numFmtId=\"177\" formatCode=\"[Red]0.00\"/></numFmts>"
               "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
               "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
               "<xf numFmtId=\"176\" applyNumberFormat=\"1\"/><xf numFmtId=\"177\"/></cellXfs></styleSheet>");
    put_member(z, "xl/worksheets/sheet1.xml",
               "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
               "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row></sheetData>"
               "</worksheet>");
    put_member(
        z, "xl/worksheets/sheet2.xml",
        "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<x:dimension ref=\"A1:F9\"/><x:sheetData>"
        "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"s\"><x:v>1</x:v></x:c></x:row>"
        /* gaps: A, C and F only; numbers; a boolean; a formula's cached string */
        "<x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>2</x:v></x:c><x:c r=\"C2\"><x:v>13800138000</x:v></x:c>"
        "<x:c r=\"D2\" t=\"b\"><x:v>1</x:v></x:c><x:c r=\"F2\" t=\"str\"><x:f>A1&amp;\"x\"</x:f>"
        "<x:v>学校名称x</x:v></x:c></x:row>"
        /* row 3 absent; row 4: floats, an error, a styled empty cell, a number shown in red */
        "<x:row r=\"4\"><x:c r=\"A4\"><x:v>0.30000000000000004</x:v></x:c><x:c r=\"B4\"><x:v>1.5</x:v></x:c>"
        "<x:c r=\"C4\"><x:v>1.0E+3</x:v></x:c><x:c r=\"D4\" t=\"e\"><x:v>#N/A</x:v></x:c>"
        "<x:c r=\"E4\" s=\"3\"><x:v>-2.5</x:v></x:c><x:c r=\"F4\" s=\"1\"/></x:row>"
        /* dates: built-in, custom 年月日, with time; then a cell with no r (follows E) */
        "<x:row r=\"5\"><x:c r=\"A5\" s=\"1\"><x:v>45536</x:v></x:c><x:c r=\"B5\" s=\"2\"><x:v>45731</x:v></x:c>"
        "<x:c r=\"C5\" s=\"1\"><x:v>45536.5</x:v></x:c><x:c r=\"E5\" t=\"s\"><x:v>3</x:v></x:c>"
        "<x:c t=\"inlineStr\"><x:is><x:t>内联</x:t></x:is></x:c></x:row>"
        /* trailing rows that only carry formatting */
        "<x:row r=\"6\"><x:c r=\"A6\" s=\"1\"/><x:c r=\"B6\" t=\"s\"><x:v>4</x:v></x:c></x:row>"
        "<x:row r=\"9\" ht=\"20\" customHeight=\"1\"/>"
        "</x:sheetData></x:worksheet>");
    assert_int_equal(zip_close(z), 0);

    rows_t *r = rows_new(f);
    assert_null(tabular_read(&f->a, path, collect, r));
    assert_int_equal(r->n, 4);
    assert_row(r, 0, 1, 2, "学校名称", "学校标识码");
    assert_row(r, 1, 2, 6, "德清县第一 小学", "", "13800138000", "TRUE", "", "学校名称x");
    assert_row(r, 2, 4, 5, "0.3", "1.5", "1000", "#N/A", "-2.5"); /* F4 has only a style */
    assert_row(r, 3, 5, 6, "2024-09-01", "2025-03-15", "2024-09-01 12:00:00", "", "A&B\r\n换行", "内联");
}

static void test_xlsx_damaged(void **state) {
    fx_t *f = *state;
    static const char not_zip[] = "PK\x03\x04 this is not really a zip archive";
    rows_t *r = rows_new(f);
    err_t *e = tabular_read(&f->a, write_file(f, "broken.xlsx", not_zip, sizeof not_zip - 1), collect, r);
    assert_non_null(e);
    assert_int_equal(e->code, ERR_INVALID);
    assert_string_equal(e->field, "file");
    assert_non_null(strstr(e->message, "XLSX"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_csv_utf8_bom_quotes_newlines, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_csv_gb18030, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_csv_gb18030_across_blocks, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_csv_neither_utf8_nor_gb18030, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_csv_unterminated_quote_names_row, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_callback_error_stops_the_read, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_missing_file_and_xls, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_roundtrip_through_xlsx_out, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_out_refuses_bad_sheet_names, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_out_discard_removes_file, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_template, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_excel_style_workbook, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_damaged, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests_name("docs_tabular", tests, NULL, NULL);
}
