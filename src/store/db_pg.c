/* PostgreSQL backend of db.h (libpq). Statements are prepared under generated names once per
 * connection; values travel as text. */
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/stmt_cache.h"
#include "util/log.h"

typedef struct db_pg {
    db_t base;
    PGconn *conn;
    stmt_cache_t cache; /* handle = statement number + 1 */
    uintptr_t n_prepared;
} db_pg_t;

static void pg_quiet(void *arg, const char *msg) {
    (void)arg;
    (void)msg;
}

static err_t *pg_error(db_pg_t *p, arena_t *a, PGresult *res, const char *sql) {
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (state && strcmp(state, "23505") == 0)
        return err_new(a, ERR_CONFLICT, NULL, "记录已存在", "record already exists");
    if (PQstatus(p->conn) == CONNECTION_BAD)
        return err_new(a, ERR_UNAVAILABLE, NULL, "数据库连接中断", "database connection lost");
    if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0))
        return err_new(a, ERR_UNAVAILABLE, NULL, "数据库忙，请稍后重试", "database busy, try again");
    log_error("postgres: %s [%s] in: %.200s", PQerrorMessage(p->conn), state ? state : "-", sql);
    return err_new(a, ERR_INTERNAL, NULL, "数据库错误", "database error");
}

/* After the server dropped us: forget prepared statements (they died with the session) and
 * reconnect, so the next request works again. Only outside a transaction. */
static bool pg_recover(db_pg_t *p) {
    if (PQstatus(p->conn) != CONNECTION_BAD || p->base.is_in_tx) return false;
    stmt_cache_clear(&p->cache, NULL);
    PQreset(p->conn);
    return PQstatus(p->conn) == CONNECTION_OK;
}

static err_t *pg_query_once(db_pg_t *p, arena_t *a, const char *sql, const db_val_t *params, size_t n,
                            db_rows_t *out) {
    memset(out, 0, sizeof *out);
    char name[32];
    uintptr_t h = (uintptr_t)stmt_cache_get(&p->cache, sql);
    bool is_cached = h != 0;
    if (!is_cached) {
        p->n_prepared++;
        snprintf(name, sizeof name, "s%" PRIuPTR, p->n_prepared);
        PGresult *res = PQprepare(p->conn, name, sql, 0, NULL);
        if (PQresultStatus(res) != PGRES_COMMAND_OK) {
            err_t *e = pg_error(p, a, res, sql);
            PQclear(res);
            return e;
        }
        PQclear(res);
        is_cached = stmt_cache_put(&p->cache, sql, (void *)p->n_prepared) == 0;
        h = p->n_prepared;
    }
    snprintf(name, sizeof name, "s%" PRIuPTR, h);
    const char **values = arena_alloc(a, (n + 1) * sizeof *values);
    for (size_t i = 0; i < n; i++) {
        if (params[i].kind == DBV_INT)
            values[i] = arena_printf(a, "%" PRId64, params[i].i);
        else if (params[i].kind == DBV_TEXT)
            values[i] = params[i].s;
    }
    PGresult *res = PQexecPrepared(p->conn, name, (int)n, values, NULL, NULL, 0);
    err_t *e = NULL;
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        out->n_rows = (size_t)PQntuples(res);
        out->n_cols = (size_t)PQnfields(res);
        out->cells = arena_alloc(a, out->n_rows * out->n_cols * sizeof *out->cells + 1);
        for (size_t r = 0; r < out->n_rows; r++)
            for (size_t c = 0; c < out->n_cols; c++)
                if (!PQgetisnull(res, (int)r, (int)c))
                    out->cells[r * out->n_cols + c] =
                        arena_strndup(a, PQgetvalue(res, (int)r, (int)c), (size_t)PQgetlength(res, (int)r, (int)c));
        const char *tuples = PQcmdTuples(res);
        out->n_changed = tuples && *tuples ? strtoll(tuples, NULL, 10) : 0;
    } else {
        e = pg_error(p, a, res, sql);
    }
    PQclear(res);
    if (!is_cached) {
        PGresult *d = PQexec(p->conn, arena_printf(a, "DEALLOCATE %s", name));
        PQclear(d);
    }
    return e;
}

static err_t *pg_query(db_t *db, arena_t *a, const char *sql, const db_val_t *params, size_t n,
                       db_rows_t *out) {
    db_pg_t *p = (db_pg_t *)db;
    err_t *e = pg_query_once(p, a, sql, params, n, out);
    if (e && e->code == ERR_UNAVAILABLE && pg_recover(p)) e = pg_query_once(p, a, sql, params, n, out);
    return e;
}

static err_t *pg_exec_script(db_t *db, arena_t *a, const char *sql) {
    db_pg_t *p = (db_pg_t *)db;
    PGresult *res = PQexec(p->conn, sql);
    err_t *e = NULL;
    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)
        e = pg_error(p, a, res, "(script)");
    PQclear(res);
    return e;
}

static void pg_close(db_t *db) {
    db_pg_t *p = (db_pg_t *)db;
    stmt_cache_clear(&p->cache, NULL);
    PQfinish(p->conn);
    free(p);
}

static const db_ops_t pg_ops = {pg_query, pg_exec_script, pg_close};

err_t *db_pg_open(const char *conninfo, db_t **out, arena_t *a) {
    db_pg_t *p = calloc(1, sizeof *p);
    if (!p) abort();
    p->base.kind = DB_PG;
    p->base.ops = &pg_ops;
    p->conn = PQconnectdb(conninfo);
    if (PQstatus(p->conn) != CONNECTION_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", PQerrorMessage(p->conn));
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
        PQfinish(p->conn);
        free(p);
        return err_newf(a, ERR_UNAVAILABLE, "db", "无法连接 PostgreSQL: %s", "cannot connect to PostgreSQL: %s",
                        msg, msg);
    }
    PQsetNoticeProcessor(p->conn, pg_quiet, NULL);
    PGresult *res = PQexec(p->conn, "SET TIME ZONE 'UTC'; SET client_min_messages = warning");
    PQclear(res);
    *out = &p->base;
    return NULL;
}
