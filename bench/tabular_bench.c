/* tabular_bench: how fast tabular_read reads a 100,000-row import, and in how much memory.
 *
 * Generates a school roster of N rows (10 columns, all values distinct, Chinese text) as
 *   - CSV in UTF-8 with a BOM (what "CSV UTF-8" in Excel saves),
 *   - CSV in GB18030 (what "CSV (逗号分隔)" in Chinese Excel saves),
 *   - XLSX with inline strings (what xlsx_out writes, constant_memory),
 *   - XLSX with a shared-string table (what Excel and WPS write),
 * then reads each one with tabular_read in a fresh child process (re-exec'd, so it inherits
 * none of the generator's memory); each figure is that read alone: wall time, rows/s, MB/s of
 * file, and the child's peak RSS (getrusage, ru_maxrss), next to the peak RSS of a child that
 * reads nothing.
 *
 * Not built by default. Build and run from the repository root:
 *   cc -O2 -g -std=gnu17 -D_GNU_SOURCE -Wall -Wextra -Werror -Isrc -o build/tabular_bench \
 *      bench/tabular_bench.c src/docs/tabular.c src/docs/xlsx_out.c src/util/arena.c \
 *      src/util/buf.c src/util/err.c $(pkg-config --cflags --libs libzip libxml-2.0 xlsxwriter)
 *   build/tabular_bench [rows, default 100000] [directory, default /tmp]
 */
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "docs/tabular.h"
#include "docs/xlsx_out.h"
#include "util/buf.h"

enum { N_COLS = 10 };

static const char *const HEADERS[N_COLS] = {"学校名称", "学校标识码", "办学类型", "行政区划代码", "地址",
                                            "校长",     "联系电话",   "在校生数", "教职工数",     "建校日期"};
static const char *const KINDS[] = {"小学", "初级中学", "九年一贯制学校", "完全中学", "幼儿园"};
static const char *const TOWNS[] = {"武康街道", "舞阳街道", "阜溪街道", "新市镇", "乾元镇", "洛舍镇", "钟管镇"};
static const char *const SURNAMES[] = {"沈", "王", "陈", "张", "李", "朱", "姚", "俞", "徐", "吴"};

/* Row i's cells, as text, in the caller's 10 buffers. */
static void make_row(size_t i, char cells[N_COLS][128]) {
    snprintf(cells[0], 128, "%s第%zu%s", TOWNS[i % 7], i + 1, KINDS[i % 5]);
    snprintf(cells[1], 128, "3133%06zu", i);
    snprintf(cells[2], 128, "%s", KINDS[i % 5]);
    snprintf(cells[3], 128, "3305210%02zu", i % 13);
    snprintf(cells[4], 128, "浙江省湖州市德清县%s%s路%zu号", TOWNS[(i / 7) % 7], i % 2 ? "中兴" : "群安", i % 997);
    snprintf(cells[5], 128, "%s%s国", SURNAMES[i % 10], SURNAMES[(i / 10) % 10]);
    snprintf(cells[6], 128, "0572-8%07zu", i);
    snprintf(cells[7], 128, "%zu", 200 + i % 2800);
    snprintf(cells[8], 128, "%zu", 20 + i % 180);
    snprintf(cells[9], 128, "%04zu-%02zu-%02zu", 1950 + i % 70, 1 + i % 12, 1 + i % 28);
}

static void die(const char *what) {
    fprintf(stderr, "tabular_bench: %s\n", what);
    exit(1);
}

static void write_csv(const char *path, size_t n_rows, int is_gb) {
    FILE *f = fopen(path, "wb");
    if (!f) die("cannot create the CSV");
    iconv_t cd = is_gb ? iconv_open("GB18030", "UTF-8") : (iconv_t)-1;
    buf_t line, conv;
    buf_init(&line);
    buf_init(&conv);
    if (!is_gb) fputs("\xEF\xBB\xBF", f);
    char cells[N_COLS][128];
    for (size_t i = 0; i <= n_rows; i++) {
        line.n = 0;
        if (i > 0) make_row(i - 1, cells);
        for (int c = 0; c < N_COLS; c++) {
            const char *s = i == 0 ? HEADERS[c] : cells[c];
            if (c) buf_putc(&line, ',');
            if (c == 4)
                buf_printf(&line, "\"%s\"", s); /* quoted, as Excel quotes some fields */
            else
                buf_puts(&line, s);
        }
        buf_puts(&line, "\r\n");
        if (is_gb) {
            conv.n = 0;
            buf_reserve(&conv, line.n * 2);
            char *ip = line.p, *op = conv.p;
            size_t il = line.n, ol = conv.cap - 1;
            if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) die("iconv");
            fwrite(conv.p, 1, (size_t)(op - conv.p), f);
        } else {
            fwrite(line.p, 1, line.n, f);
        }
    }
    if (is_gb) iconv_close(cd);
    buf_free(&line);
    buf_free(&conv);
    if (fclose(f) != 0) die("cannot write the CSV");
}

static void write_xlsx_inline(const char *path, size_t n_rows) {
    arena_t a;
    arena_init(&a);
    xlsx_out_t *w;
    const xlsx_col_type_t types[N_COLS] = {XLSX_COL_TEXT,   XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT,
                                           XLSX_COL_TEXT,   XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_NUMBER,
                                           XLSX_COL_NUMBER, XLSX_COL_DATE};
    if (xlsx_out_open(&a, path, "学校", HEADERS, N_COLS, types, &w)) die("xlsx_out_open");
    char cells[N_COLS][128];
    const char *ptrs[N_COLS];
    for (int c = 0; c < N_COLS; c++)
        ptrs[c] = cells[c];
    for (size_t i = 0; i < n_rows; i++) {
        make_row(i, cells);
        if (xlsx_out_row(w, ptrs)) die("xlsx_out_row");
    }
    if (xlsx_out_close(w)) die("xlsx_out_close");
    arena_free(&a);
}

/* As Excel saves it: every string in the shared-string table. */
static void write_xlsx_shared(const char *path, size_t n_rows) {
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "学校");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    for (int c = 0; c < N_COLS; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, HEADERS[c], NULL);
    char cells[N_COLS][128];
    for (size_t i = 0; i < n_rows; i++) {
        make_row(i, cells);
        lxw_row_t r = (lxw_row_t)(i + 1);
        for (int c = 0; c < N_COLS; c++) {
            if (c == 7 || c == 8) {
                worksheet_write_number(ws, r, (lxw_col_t)c, strtod(cells[c], NULL), NULL);
            } else if (c == 9) {
                lxw_datetime dt = {0};
                sscanf(cells[c], "%d-%d-%d", &dt.year, &dt.month, &dt.day);
                worksheet_write_datetime(ws, r, (lxw_col_t)c, &dt, date);
            } else {
                worksheet_write_string(ws, r, (lxw_col_t)c, cells[c], NULL);
            }
        }
    }
    if (workbook_close(wb) != LXW_NO_ERROR) die("cannot write the shared-string XLSX");
}

typedef struct tally {
    size_t n_rows;
    size_t n_bytes;
    size_t last_row_no;
} tally_t;

static err_t *count_row(void *ctx, size_t row_no, const char *const *cells, size_t n_cells) {
    tally_t *t = ctx;
    t->n_rows++;
    t->last_row_no = row_no;
    for (size_t i = 0; i < n_cells; i++)
        t->n_bytes += strlen(cells[i]);
    return NULL;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The child: a fresh process (exec'd, so it inherits none of the generator's memory) that
 * reads path, or nothing when path is "-", and writes "secs rows last_row maxrss_kb" to fd. */
static int child_read(const char *path, int fd) {
    double t0 = now(), t1 = t0;
    tally_t t = {0};
    if (strcmp(path, "-") != 0) {
        arena_t a;
        arena_init(&a);
        err_t *e = tabular_read(&a, path, count_row, &t);
        t1 = now();
        if (e) {
            fprintf(stderr, "%s: %s\n", path, e->message);
            return 2;
        }
        arena_free(&a);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    char msg[256];
    int n = snprintf(msg, sizeof msg, "%.6f %zu %zu %ld", t1 - t0, t.n_rows, t.last_row_no, ru.ru_maxrss);
    return write(fd, msg, (size_t)n) == n ? 0 : 3;
}

/* Reads path (NULL: nothing) in a fresh child and prints one line of the table. */
static void measure(const char *label, const char *path, size_t n_expected) {
    int fds[2];
    if (pipe(fds) != 0) die("pipe");
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        close(fds[0]);
        char fd_arg[16];
        snprintf(fd_arg, sizeof fd_arg, "%d", fds[1]);
        execl("/proc/self/exe", "tabular_bench", "--read", path ? path : "-", fd_arg, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char msg[256] = {0};
    ssize_t got = read(fds[0], msg, sizeof msg - 1);
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    if (got <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) die("a read failed");
    double secs;
    size_t n_rows, last;
    long maxrss_kb;
    sscanf(msg, "%lf %zu %zu %ld", &secs, &n_rows, &last, &maxrss_kb);
    if (!path) {
        printf("%-34s %10s %8s %12s %9s %12.1f\n", label, "-", "-", "-", "-", maxrss_kb / 1024.0);
        return;
    }
    struct stat st;
    stat(path, &st);
    if (n_rows != n_expected + 1 || last != n_expected + 1) die("row count mismatch");
    printf("%-34s %10.1f %8.3f %12.0f %9.1f %12.1f\n", label, st.st_size / 1048576.0, secs, n_rows / secs,
           st.st_size / 1048576.0 / secs, maxrss_kb / 1024.0);
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "--read") == 0) return child_read(argv[2], atoi(argv[3]));
    size_t n_rows = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/tabular-bench-XXXXXX", dir);
    if (!mkdtemp(tmpl)) die("mkdtemp");
    char p_csv[600], p_gb[600], p_xi[600], p_xs[600];
    snprintf(p_csv, sizeof p_csv, "%s/utf8.csv", tmpl);
    snprintf(p_gb, sizeof p_gb, "%s/gb18030.csv", tmpl);
    snprintf(p_xi, sizeof p_xi, "%s/inline.xlsx", tmpl);
    snprintf(p_xs, sizeof p_xs, "%s/shared.xlsx", tmpl);

    /* Generating in a child: the shared-string XLSX is built in memory by libxlsxwriter, and
     * Linux carries ru_maxrss over fork and exec, so the readers must not descend from it. */
    fflush(stdout);
    pid_t gen = fork();
    if (gen < 0) die("fork");
    if (gen == 0) {
        double t0 = now();
        write_csv(p_csv, n_rows, 0);
        write_csv(p_gb, n_rows, 1);
        double t1 = now();
        write_xlsx_inline(p_xi, n_rows);
        double t2 = now();
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        long rss_inline = ru.ru_maxrss;
        write_xlsx_shared(p_xs, n_rows);
        double t3 = now();
        printf("tabular_bench: %zu data rows x %d columns (+ header); generated 2 CSV in %.2f s, "
               "xlsx_out (constant_memory) in %.2f s (%.0f rows/s, peak RSS %.1f MB), "
               "shared-string XLSX in %.2f s\n\n",
               n_rows, N_COLS, t1 - t0, t2 - t1, n_rows / (t2 - t1), rss_inline / 1024.0, t3 - t2);
        fflush(stdout);
        _exit(0);
    }
    int gen_status;
    waitpid(gen, &gen_status, 0);
    if (!WIFEXITED(gen_status) || WEXITSTATUS(gen_status) != 0) die("generating the files failed");
    printf("%-34s %10s %8s %12s %9s %12s\n", "file", "size MB", "secs", "rows/s", "MB/s", "peak RSS MB");
    measure("(baseline: a child reading nothing)", NULL, 0);
    measure("CSV UTF-8 (BOM, CRLF, quotes)", p_csv, n_rows);
    measure("CSV GB18030 (detected, iconv)", p_gb, n_rows);
    measure("XLSX inline strings (xlsx_out)", p_xi, n_rows);
    measure("XLSX shared strings (as Excel)", p_xs, n_rows);

    unlink(p_csv);
    unlink(p_gb);
    unlink(p_xi);
    unlink(p_xs);
    rmdir(tmpl);
    return 0;
}
