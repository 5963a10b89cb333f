/* visit_doc: the 督导记录表 and the 督导意见书 read back the way a person reads them —
 * pdftotext for the text, pdfinfo for the pages — including a photo and a record long enough
 * to run over several pages. */
/* cmocka needs these before it */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docs/roster/plaque.h"
#include "docs/visits/visit_doc.h"
#include "util/buf.h"

/* cairo 1.16 leaks per embedded font subset in cairo_surface_finish (see test_docs_plaque.c). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) {
    return "leak:cairo_surface_finish\n";
}
const char *__asan_default_options(void);
const char *__asan_default_options(void) {
    return "fast_unwind_on_malloc=0";
}

typedef struct fx {
    arena_t a;
    char dir[64];
} fx_t;

static int fx_setup(void **state) {
    fx_t *f = calloc(1, sizeof *f);
    arena_init(&f->a);
    snprintf(f->dir, sizeof f->dir, "/tmp/dudao-test-visitdoc-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int fx_teardown(void **state) {
    fx_t *f = *state;
    assert_int_equal(system(arena_printf(&f->a, "rm -rf '%s'", f->dir)), 0);
    arena_free(&f->a);
    free(f);
    return 0;
}

static char *run(fx_t *f, const char *cmd) {
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    buf_t b;
    buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_append(&b, chunk, n);
    assert_int_equal(pclose(p), 0);
    char *s = arena_strndup(&f->a, b.p ? b.p : "", b.n);
    buf_free(&b);
    return s;
}

static char *save(fx_t *f, buf_t *pdf, const char *name) {
    assert_true(pdf->n > 1000);
    assert_memory_equal(pdf->p, "%PDF-", 5);
    char *path = arena_printf(&f->a, "%s/%s", f->dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(pdf->p, 1, pdf->n, fp), pdf->n);
    assert_int_equal(fclose(fp), 0);
    buf_free(pdf);
    return path;
}

/* The text with all white space removed (pdftotext breaks lines where the layout does). */
static char *text_of(fx_t *f, const char *pdf) {
    return run(f, arena_printf(&f->a, "pdftotext '%s' - | tr -d ' \\n\\f'", pdf));
}

static int pages_of(fx_t *f, const char *pdf) {
    char *info = run(f, arena_printf(&f->a, "pdfinfo '%s' | sed -n 's/^Pages: *//p'", pdf));
    return atoi(info);
}

static visit_doc_item_t items8[] = {
    {"校务管理", "R1", "校务管理和制度执行情况", "好", NULL, false, false, false},
    {"招生收费", "R2", "招生、收费、择校情况", "较好", "公示栏已更新", false, false, false},
    {"校园安全", "R6", "校园及周边安全情况，学生交通安全情况", "存在问题", "校门口护学岗无人值守", true, false, true},
    {"食堂卫生", "R7", "食堂、食品、饮水及宿舍卫生情况", "好", "留样记录需跟进", false, true, false},
};

static visit_doc_t sample(void) {
    return (visit_doc_t){
        .office_name = "德清县人民政府教育督导室",
        .school_name = "德清县武康街道中心小学",
        .school_code = "2133000100",
        .region_name = "武康街道",
        .task_title = "2026年12月经常性督导（李志强）",
        .task_kind = "经常性督导",
        .notice_mode = "事先通知",
        .framework_name = "挂牌督导经常性督导（第 1 版）",
        .inspectors = "李志强",
        .visit_date = "2026-12-01",
        .checkin = "2026-12-01 09:12 签到，距学校 35 米",
        .score = "58.3",
        .submitted_at = "2026-12-01 11:40",
        .items = items8,
        .n_items = 4,
        .notes = "学校管理总体规范。\n建议加强上下学时段校门口安全值守。",
    };
}

static void test_record(void **state) {
    fx_t *f = *state;
    /* a photo: a JPEG made by pdftoppm from a one-line PDF */
    char *src = arena_printf(&f->a, "%s/p.pdf", f->dir);
    buf_t b;
    buf_init(&b);
    visit_doc_t mini = {.office_name = "X", .school_name = "Y"};
    assert_null(visit_doc_record_pdf(&f->a, &mini, &b));
    save(f, &b, "p.pdf");
    run(f, arena_printf(&f->a, "pdftoppm -jpeg -r 30 -singlefile '%s' '%s/photo'", src, f->dir));
    visit_doc_photo_t photos[] = {
        {arena_printf(&f->a, "%s/photo.jpg", f->dir), "指标 R6 · 2026-12-01 09:20 · 30.54470, 119.95910"},
        {"/nonexistent.jpg", "缺失的照片"},
    };
    const char *amend[] = {"2026-12-02 10:00 李志强 更正：录入错误，应为一般"};
    visit_doc_t d = sample();
    d.photos = photos;
    d.n_photos = 2;
    d.amendments = amend;
    d.n_amendments = 1;
    buf_init(&b);
    assert_null(visit_doc_record_pdf(&f->a, &d, &b));
    char *pdf = save(f, &b, "record.pdf");
    char *t = text_of(f, pdf);
    const char *want[] = {"德清县人民政府教育督导室",
                          "责任督学督导记录表",
                          "德清县武康街道中心小学",
                          "2133000100",
                          "李志强",
                          "距学校35米",
                          "58.3分",
                          "校门口护学岗无人值守",
                          "存在问题",
                          "（一票否决）",
                          "（需跟进）",
                          "现场照片",
                          "30.54470,119.95910",
                          "照片无法读取",
                          "录入错误，应为一般",
                          "建议加强上下学时段校门口安全值守"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (!strstr(t, want[i])) fprintf(stderr, "missing %s in %s\n", want[i], t);
        assert_non_null(strstr(t, want[i]));
    }
    /* the photo is embedded as a JPEG image */
    char *imgs = run(f, arena_printf(&f->a, "pdfimages -list '%s' | grep -c jpeg || true", pdf));
    assert_true(atoi(imgs) >= 1);
}

static void test_long_record_runs_over_pages(void **state) {
    fx_t *f = *state;
    enum { N = 60 };
    visit_doc_item_t *items = arena_alloc(&f->a, N * sizeof *items);
    for (int i = 0; i < N; i++)
        items[i] = (visit_doc_item_t){
            .category = i < 30 ? "作业管理" : "课后服务",
            .code = arena_printf(&f->a, "S%d", i + 1),
            .text = arena_printf(&f->a, "第 %d 项：小学三至六年级书面作业平均完成时间不超过60分钟", i + 1),
            .answer = "达标",
            .note = i % 7 ? "" : "查阅作业公示记录与学生访谈一致"};
    visit_doc_t d = sample();
    d.items = items;
    d.n_items = N;
    buf_t b;
    buf_init(&b);
    assert_null(visit_doc_record_pdf(&f->a, &d, &b));
    char *pdf = save(f, &b, "long.pdf");
    assert_true(pages_of(f, pdf) >= 3);
    char *t = text_of(f, pdf);
    assert_non_null(strstr(t, "S60"));
    assert_non_null(strstr(t, "—3—"));
}

static void test_opinion(void **state) {
    fx_t *f = *state;
    visit_doc_finding_t fs[] = {
        {"校园及周边安全情况：校门口护学岗无人值守", "红线", "上下学时段安排专人值守护学岗", "2026-12-31"},
        {"食堂、食品：留样记录不全", "一般", NULL, NULL},
    };
    visit_doc_t d = sample();
    d.doc_no = "德督〔2026〕12号";
    d.evaluation = "该校办学行为总体规范。";
    d.deadline = "2027-01-15";
    d.findings = fs;
    d.n_findings = 2;
    d.issued_on = "2026-12-02";
    buf_t b;
    buf_init(&b);
    assert_null(visit_doc_opinion_pdf(&f->a, &d, &b));
    char *t = text_of(f, save(f, &b, "opinion.pdf"));
    const char *want[] = {"德督〔2026〕12号",
                          "督导意见书",
                          "德清县武康街道中心小学：",
                          "该校办学行为总体规范。",
                          "校门口护学岗",
                          "上下学时段安排专人值守",
                          "2026-12-31",
                          "2027-01-15",
                          "红线",
                          "2026-12-02",
                          "申辩"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (!strstr(t, want[i])) fprintf(stderr, "missing %s in %s\n", want[i], t);
        assert_non_null(strstr(t, want[i]));
    }
}

static void test_errors(void **state) {
    fx_t *f = *state;
    visit_doc_t d = sample();
    d.school_name = NULL;
    buf_t b;
    buf_init(&b);
    err_t *e = visit_doc_record_pdf(&f->a, &d, &b);
    assert_non_null(e);
    assert_string_equal(e->field, "school_name");
    d = sample();
    e = visit_doc_opinion_pdf(&f->a, &d, &b); /* no 文号 */
    assert_non_null(e);
    assert_string_equal(e->field, "doc_no");
    assert_int_equal(b.n, 0);
    buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_record, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_long_record_runs_over_pages, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_opinion, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_errors, fx_setup, fx_teardown),
    };
    int rc = cmocka_run_group_tests_name("visit_doc", tests, NULL, NULL);
    plaque_shutdown();
    return rc;
}
