/* db: the one storage interface, with two backends: SQLite (embedded default, WAL mode) and
 * PostgreSQL (libpq, the engine at scale).
 *
 * SQL is written once with numbered parameters `$1, $2, ...` and runs on both engines; the
 * few places where the dialects differ are hidden in the store modules. Every statement is
 * prepared once per connection and cached by its text (db_query), so store modules just
 * pass their SQL. Results are materialised into the caller's arena as text cells (NULL for
 * SQL NULL); callers read them with db_cell / db_cell_int.
 *
 * A db_t is one connection and must be used by one thread at a time; db_pool_conn gives each
 * thread its own connection, opened on first use and closed when the thread ends.
 * Errors: a unique-constraint violation is ERR_CONFLICT, a lost or unreachable database is
 * ERR_UNAVAILABLE, anything else ERR_INTERNAL (the engine's text goes to the log, not the
 * client). */
#ifndef DUDAO_DB_H
#define DUDAO_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"

typedef enum db_kind { DB_SQLITE, DB_PG } db_kind_t;

typedef enum db_val_kind { DBV_NULL, DBV_INT, DBV_TEXT } db_val_kind_t;
typedef struct db_val {
    db_val_kind_t kind;
    int64_t i;
    const char *s;
} db_val_t;

#define DBV_I(x) ((db_val_t){.kind = DBV_INT, .i = (int64_t)(x)})
/* A text value; a NULL pointer binds SQL NULL. */
static inline db_val_t db_val_text(const char *s) {
    return (db_val_t){.kind = s ? DBV_TEXT : DBV_NULL, .s = s};
}
#define DBV_S(x) db_val_text(x)
#define DBV_NUL ((db_val_t){.kind = DBV_NULL})
/* DB_P(DBV_I(1), DBV_S("x")) expands to the two arguments `params, n_params`. */
#define DB_P(...) (const db_val_t[]){__VA_ARGS__}, sizeof((const db_val_t[]){__VA_ARGS__}) / sizeof(db_val_t)
#define DB_NOP NULL, 0

typedef struct db_rows {
    size_t n_rows;
    size_t n_cols;
    const char **cells; /* row-major, n_rows * n_cols; NULL is SQL NULL */
    int64_t n_changed;  /* rows inserted/updated/deleted by the statement */
} db_rows_t;

typedef struct db db_t;

/* Opens a connection for url: "sqlite:PATH" or "postgres://..." / "postgresql://...".
 * SQLite files get WAL mode, foreign keys and a busy timeout. *out is owned by the caller
 * (db_close). */
err_t *db_open(const char *url, db_t **out, arena_t *a);
void db_close(db_t *db);
db_kind_t db_kind(const db_t *db);
/* The SQLite file path (NULL for PostgreSQL), for the online backup. */
const char *db_sqlite_path(const db_t *db);
void *db_sqlite_handle(db_t *db);

/* Runs one statement with parameters; rows (if out is not NULL) live in arena a. */
err_t *db_query(db_t *db, arena_t *a, const char *sql, const db_val_t *params, size_t n_params,
                db_rows_t *out);
/* Runs a script of several statements without parameters (migrations). */
err_t *db_exec_script(db_t *db, arena_t *a, const char *sql);

/* Transactions. begin takes the write lock at once on SQLite (BEGIN IMMEDIATE) so two
 * writers never deadlock on a lock upgrade. rollback never fails visibly. */
err_t *db_begin(db_t *db, arena_t *a);
err_t *db_commit(db_t *db, arena_t *a);
void db_rollback(db_t *db);

const char *db_cell(const db_rows_t *r, size_t row, size_t col);
int64_t db_cell_int(const db_rows_t *r, size_t row, size_t col);
/* The first cell of the first row as an integer, or dflt when there is no row / it is NULL. */
int64_t db_scalar_int(const db_rows_t *r, int64_t dflt);

/* Per-thread connections to one database. */
typedef struct db_pool db_pool_t;
err_t *db_pool_new(const char *url, db_pool_t **out, arena_t *a);
/* This thread's connection, opened on first use (a failed open is retried next call). */
err_t *db_pool_conn(db_pool_t *p, db_t **out, arena_t *a);
void db_pool_free(db_pool_t *p);
const char *db_pool_url(const db_pool_t *p);

/* --- backend interface (db_sqlite.c, db_pg.c) --- */
typedef struct db_ops {
    err_t *(*query)(db_t *db, arena_t *a, const char *sql, const db_val_t *params, size_t n,
                    db_rows_t *out);
    err_t *(*exec_script)(db_t *db, arena_t *a, const char *sql);
    void (*close)(db_t *db);
} db_ops_t;

struct db {
    db_kind_t kind;
    const db_ops_t *ops;
    bool is_in_tx;
};

err_t *db_sqlite_open(const char *path, db_t **out, arena_t *a);
err_t *db_pg_open(const char *conninfo, db_t **out, arena_t *a);

#endif
