/* sqltrace: an LD_PRELOAD shim that prints every SQL statement dudao runs on SQLite, with its
 * parameters bound (sqlite3_expanded_sql), to the file named by SQLTRACE_FILE (default stderr).
 * A tool for keeping bench/peer's SQL the same as dudao's: run one request through a traced
 * server and compare. Not linked into dudao. Build: cc -shared -fPIC -o sqltrace.so sqltrace.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static int (*real_step)(sqlite3_stmt *);

int sqlite3_step(sqlite3_stmt *st) {
    static FILE *out;
    if (!real_step) real_step = (int (*)(sqlite3_stmt *))dlsym(RTLD_NEXT, "sqlite3_step");
    if (!out) {
        const char *p = getenv("SQLTRACE_FILE");
        out = p ? fopen(p, "a") : stderr;
        if (!out) out = stderr;
    }
    if (!sqlite3_stmt_busy(st)) {
        char *sql = sqlite3_expanded_sql(st);
        /* SQLTRACE_RAW=1: the text as prepared, with its placeholders, then the expanded form */
        if (getenv("SQLTRACE_RAW")) fprintf(out, "RAW %s\n", sqlite3_sql(st));
        fprintf(out, "%s\n", sql ? sql : sqlite3_sql(st));
        fflush(out);
        sqlite3_free(sql);
    }
    return real_step(st);
}
