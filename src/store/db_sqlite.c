/* SQLite backend of db.h. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/stmt_cache.h"
#include "util/buf.h"
#include "util/log.h"

typedef struct db_sqlite {
    db_t base;
    sqlite3 *conn;
    char *path;
    stmt_cache_t cache;
} db_sqlite_t;

static err_t *sqlite_error(db_sqlite_t *s, arena_t *a, int rc, const char *sql) {
    int ext = sqlite3_extended_errcode(s->conn);
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
        return err_new(a, ERR_CONFLICT, NULL, "记录已存在", "record already exists");
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return err_new(a, ERR_UNAVAILABLE, NULL, "数据库忙，请稍后重试", "database busy, try again");
    log_error("sqlite: %s (rc=%d) in: %.200s", sqlite3_errmsg(s->conn), ext, sql);
    return err_new(a, ERR_INTERNAL, NULL, "数据库错误", "database error");
}

static void sqlite_release(void *h) {
    sqlite3_finalize(h);
}

/* Binds $N parameters by their number, whatever order they appear in the text. */
static int sqlite_bind(sqlite3_stmt *st, const db_val_t *params, size_t n) {
    int count = sqlite3_bind_parameter_count(st);
    for (int i = 1; i <= count; i++) {
        const char *name = sqlite3_bind_parameter_name(st, i);
        long k = name && name[0] == '$' ? strtol(name + 1, NULL, 10) : i;
        if (k < 1 || (size_t)k > n) return SQLITE_RANGE;
        const db_val_t *v = &params[k - 1];
        int rc;
        switch (v->kind) {
        case DBV_INT:
            rc = sqlite3_bind_int64(st, i, v->i);
            break;
        case DBV_TEXT:
            rc = sqlite3_bind_text(st, i, v->s, -1, SQLITE_TRANSIENT);
            break;
        default:
            rc = sqlite3_bind_null(st, i);
            break;
        }
        if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

static err_t *sqlite_query(db_t *db, arena_t *a, const char *sql, const db_val_t *params, size_t n, db_rows_t *out) {
    db_sqlite_t *s = (db_sqlite_t *)db;
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = stmt_cache_get(&s->cache, sql);
    bool is_cached = st != NULL;
    if (!st) {
        int rc = sqlite3_prepare_v3(s->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
        if (rc != SQLITE_OK) return sqlite_error(s, a, rc, sql);
        is_cached = stmt_cache_put(&s->cache, sql, st) == 0;
    }
    err_t *e = NULL;
    int rc = sqlite_bind(st, params, n);
    if (rc != SQLITE_OK) {
        e = sqlite_error(s, a, rc, sql);
        goto done;
    }
    size_t n_cols = (size_t)sqlite3_column_count(st);
    size_t cap = 0;
    const char **cells = NULL;
    out->n_cols = n_cols;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n_rows == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            const char **nc = arena_alloc(a, ncap * n_cols * sizeof *nc + 1);
            if (cells) memcpy(nc, cells, cap * n_cols * sizeof *nc);
            cells = nc;
            cap = ncap;
        }
        for (size_t c = 0; c < n_cols; c++) {
            const char **cell = &cells[out->n_rows * n_cols + c];
            int type = sqlite3_column_type(st, (int)c);
            if (type == SQLITE_NULL) {
                *cell = NULL;
            } else if (type == SQLITE_INTEGER) {
                /* the text SQLite would give ("%lld"), without its conversion of the cell */
                char tmp[21];
                size_t len = int64_to_dec(sqlite3_column_int64(st, (int)c), tmp);
                *cell = arena_strndup(a, tmp, len);
            } else {
                const unsigned char *t = sqlite3_column_text(st, (int)c);
                *cell = t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, (int)c)) : NULL;
            }
        }
        out->n_rows++;
    }
    out->cells = cells;
    if (rc != SQLITE_DONE) {
        e = sqlite_error(s, a, rc, sql);
        goto done;
    }
    out->n_changed = sqlite3_changes64(s->conn);
done:
    if (is_cached) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    } else {
        sqlite3_finalize(st);
    }
    return e;
}

static err_t *sqlite_exec_script(db_t *db, arena_t *a, const char *sql) {
    db_sqlite_t *s = (db_sqlite_t *)db;
    char *msg = NULL;
    int rc = sqlite3_exec(s->conn, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        log_error("sqlite: %s", msg ? msg : "?");
        sqlite3_free(msg);
        return err_new(a, ERR_INTERNAL, NULL, "数据库脚本执行失败", "database script failed");
    }
    return NULL;
}

static void sqlite_close(db_t *db) {
    db_sqlite_t *s = (db_sqlite_t *)db;
    stmt_cache_clear(&s->cache, sqlite_release);
    sqlite3_close(s->conn);
    free(s->path);
    free(s);
}

static const db_ops_t sqlite_ops = {sqlite_query, sqlite_exec_script, sqlite_close};

/* Before SQLite initialises: no memory statistics. Debian's build keeps them on, which takes a
 * process-wide mutex around every allocation SQLite makes — on the read path, every connection
 * of the pool contends for it (dudao never asks for sqlite3_memory_used). */
static void sqlite_configure(void) {
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        log_warn("sqlite: memory statistics stay on (SQLite was initialised before the first connection)");
}

err_t *db_sqlite_open(const char *path, db_t **out, arena_t *a) {
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    pthread_once(&configured, sqlite_configure);
    db_sqlite_t *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->base.kind = DB_SQLITE;
    s->base.ops = &sqlite_ops;
    s->path = strdup(path);
    int rc = sqlite3_open_v2(path, &s->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        err_t *e = err_newf(a, ERR_UNAVAILABLE, "db", "无法打开数据库 %s: %s", "cannot open database %s: %s", path,
                            s->conn ? sqlite3_errmsg(s->conn) : "?");
        sqlite3_close(s->conn);
        free(s->path);
        free(s);
        return e;
    }
    sqlite3_busy_timeout(s->conn, 10000);
    err_t *e = sqlite_exec_script(&s->base, a,
                                  "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                                  "PRAGMA synchronous=NORMAL;");
    if (e) {
        sqlite_close(&s->base);
        return err_newf(a, ERR_UNAVAILABLE, "db", "无法使用数据库 %s", "cannot use database %s", path, path);
    }
    *out = &s->base;
    return NULL;
}

const char *db_sqlite_path(const db_t *db) {
    return db->kind == DB_SQLITE ? ((const db_sqlite_t *)db)->path : NULL;
}

void *db_sqlite_handle(db_t *db) {
    return db->kind == DB_SQLITE ? ((db_sqlite_t *)db)->conn : NULL;
}
