#include "store/db.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

err_t *db_open(const char *url, db_t **out, arena_t *a) {
    *out = NULL;
    if (!url || !*url)
        return err_new(a, ERR_INVALID, "db", "数据库地址为空", "database URL is empty");
    if (strncmp(url, "sqlite:", 7) == 0) {
        const char *path = url + 7;
        if (strncmp(path, "//", 2) == 0) path += 2;
        if (!*path) return err_new(a, ERR_INVALID, "db", "SQLite 路径为空", "SQLite path is empty");
        return db_sqlite_open(path, out, a);
    }
    if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
        return db_pg_open(url, out, a);
    return err_newf(a, ERR_INVALID, "db", "不支持的数据库地址: %s（应为 sqlite:PATH 或 postgres://...）",
                    "unsupported database URL: %s (use sqlite:PATH or postgres://...)", url, url);
}

void db_close(db_t *db) {
    if (db) db->ops->close(db);
}

db_kind_t db_kind(const db_t *db) {
    return db->kind;
}

err_t *db_query(db_t *db, arena_t *a, const char *sql, const db_val_t *params, size_t n_params,
                db_rows_t *out) {
    db_rows_t scratch;
    return db->ops->query(db, a, sql, params, n_params, out ? out : &scratch);
}

err_t *db_exec_script(db_t *db, arena_t *a, const char *sql) {
    return db->ops->exec_script(db, a, sql);
}

err_t *db_begin(db_t *db, arena_t *a) {
    err_t *e = db_query(db, a, db->kind == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN", DB_NOP, NULL);
    if (!e) db->is_in_tx = true;
    return e;
}

err_t *db_commit(db_t *db, arena_t *a) {
    err_t *e = db_query(db, a, "COMMIT", DB_NOP, NULL);
    if (e) db_rollback(db);
    db->is_in_tx = false;
    return e;
}

void db_rollback(db_t *db) {
    arena_t a;
    arena_init(&a);
    (void)db_query(db, &a, "ROLLBACK", DB_NOP, NULL);
    arena_free(&a);
    db->is_in_tx = false;
}

const char *db_cell(const db_rows_t *r, size_t row, size_t col) {
    if (row >= r->n_rows || col >= r->n_cols) return NULL;
    return r->cells[row * r->n_cols + col];
}

int64_t db_cell_int(const db_rows_t *r, size_t row, size_t col) {
    const char *s = db_cell(r, row, col);
    return s ? strtoll(s, NULL, 10) : 0;
}

int64_t db_scalar_int(const db_rows_t *r, int64_t dflt) {
    const char *s = db_cell(r, 0, 0);
    return s ? strtoll(s, NULL, 10) : dflt;
}

/* ---- per-thread pool ---- */

struct db_pool {
    char *url;
    pthread_key_t key;
};

static void db_pool_thread_end(void *conn) {
    db_close(conn);
}

err_t *db_pool_new(const char *url, db_pool_t **out, arena_t *a) {
    db_pool_t *p = calloc(1, sizeof *p);
    if (!p) abort();
    p->url = strdup(url);
    if (!p->url || pthread_key_create(&p->key, db_pool_thread_end) != 0) abort();
    /* Open one connection now so a wrong URL or an unreachable server fails at start. */
    db_t *db = NULL;
    err_t *e = db_pool_conn(p, &db, a);
    if (e) {
        db_pool_free(p);
        return e;
    }
    *out = p;
    return NULL;
}

err_t *db_pool_conn(db_pool_t *p, db_t **out, arena_t *a) {
    db_t *db = pthread_getspecific(p->key);
    if (!db) {
        err_t *e = db_open(p->url, &db, a);
        if (e) return e;
        pthread_setspecific(p->key, db);
    }
    *out = db;
    return NULL;
}

void db_pool_free(db_pool_t *p) {
    if (!p) return;
    db_t *db = pthread_getspecific(p->key);
    if (db) {
        db_close(db);
        pthread_setspecific(p->key, NULL);
    }
    pthread_key_delete(p->key);
    free(p->url);
    free(p);
}

const char *db_pool_url(const db_pool_t *p) {
    return p->url;
}
