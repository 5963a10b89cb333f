#include "store/platform/audit_store.h"

#include <string.h>

#include "store/platform/region_store.h"
#include "store/rows.h"
#include "store/sqlb.h"

#define AUDIT_COLS                                                                                      \
    "a.id, a.at, a.actor_id, a.actor_name, a.action, a.entity, a.entity_id, a.region_code, a.before_json, " \
    "a.after_json, a.ip, a.prev_hash, a.hash"

static const store_col_t audit_cols[] = {
    SC_I(audit_row_t, id),          SC_I(audit_row_t, at),          SC_T(audit_row_t, actor_id),
    SC_T(audit_row_t, actor_name),  SC_T(audit_row_t, action),      SC_T(audit_row_t, entity),
    SC_T(audit_row_t, entity_id),   SC_T(audit_row_t, region_code), SC_T(audit_row_t, before_json),
    SC_T(audit_row_t, after_json),  SC_T(audit_row_t, ip),          SC_T(audit_row_t, prev_hash),
    SC_T(audit_row_t, hash),
};
static const store_map_t audit_map = STORE_MAP(audit_row_t, audit_cols, NULL);

err_t *audit_store_append(db_t *db, arena_t *a, audit_row_t *r) {
    err_t *e;
    if (db_kind(db) == DB_PG && (e = db_query(db, a, "SELECT pg_advisory_xact_lock(20260002)", DB_NOP, NULL)))
        return e;
    db_rows_t last;
    if ((e = db_query(db, a, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", DB_NOP, &last))) return e;
    r->id = last.n_rows ? db_cell_int(&last, 0, 0) + 1 : 1;
    r->prev_hash = last.n_rows ? db_cell(&last, 0, 1) : AUDIT_GENESIS;
    char *h = arena_alloc(a, HASH_HEX_LEN + 1);
    audit_chain_hash(r, h);
    r->hash = h;
    return db_query(db, a,
                    "INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity, entity_id, region_code, "
                    "before_json, after_json, ip, prev_hash, hash) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                    DB_P(DBV_I(r->id), DBV_I(r->at), DBV_S(r->actor_id), DBV_S(r->actor_name), DBV_S(r->action),
                         DBV_S(r->entity), DBV_S(r->entity_id), DBV_S(r->region_code), DBV_S(r->before_json),
                         DBV_S(r->after_json), DBV_S(r->ip), DBV_S(r->prev_hash), DBV_S(r->hash)),
                    NULL);
}

static void audit_where(sqlb_t *q, arena_t *a, const char *scope_path, const audit_filter_t *f) {
    if (strcmp(scope_path, "/") == 0)
        sqlb_add(q, "WHERE 1 = 1");
    else
        /* rows of no region are the system's own (built-in frameworks loaded for the whole
         * country): every auditor reads them */
        sqlb_addv(q, "WHERE (a.region_code IS NULL OR r.path LIKE ", DBV_S(scope_like(a, scope_path))),
            sqlb_add(q, ")");
    if (f->actor) sqlb_addv(q, " AND a.actor_name = ", DBV_S(f->actor));
    if (f->action) sqlb_addv(q, " AND a.action = ", DBV_S(f->action));
    if (f->entity) sqlb_addv(q, " AND a.entity = ", DBV_S(f->entity));
    if (f->entity_id) sqlb_addv(q, " AND a.entity_id = ", DBV_S(f->entity_id));
    if (f->from) sqlb_addv(q, " AND a.at >= ", DBV_I(f->from));
    if (f->to) sqlb_addv(q, " AND a.at < ", DBV_I(f->to));
}

err_t *audit_store_list(db_t *db, arena_t *a, const char *scope_path, const audit_filter_t *f, audit_row_t **out,
                        size_t *n_out, int64_t *total) {
    sqlb_t w;
    sqlb_init(&w, a, "");
    audit_where(&w, a, scope_path, f);
    db_rows_t r;
    err_t *e = sqlb_page(db, a, "SELECT COUNT(*) FROM audit_log a LEFT JOIN region r ON r.code = a.region_code ",
                         "SELECT " AUDIT_COLS " FROM audit_log a LEFT JOIN region r ON r.code = a.region_code ", &w, NULL,
                         "a.id DESC", f->limit, f->offset, &r, total);
    if (!e) store_map_rows(a, &r, &audit_map, out, n_out);
    return e;
}

err_t *audit_store_verify(db_t *db, arena_t *ea, int64_t *n_checked, int64_t *broken_id) {
    enum { BATCH = 2000 };
    char prev[HASH_HEX_LEN + 1] = AUDIT_GENESIS;
    int64_t next_id = 1;
    *n_checked = 0;
    *broken_id = 0;
    for (;;) {
        arena_t a; /* one arena per batch keeps memory flat on long chains */
        arena_init(&a);
        db_rows_t r;
        err_t *e = db_query(db, &a, "SELECT " AUDIT_COLS " FROM audit_log a WHERE a.id >= $1 ORDER BY a.id LIMIT $2",
                            DB_P(DBV_I(next_id), DBV_I(BATCH)), &r);
        if (e) {
            err_code_t code = e->code; /* e lives in the batch arena */
            arena_free(&a);
            return err_new(ea, code, NULL, "审计链读取失败", "cannot read the audit chain");
        }
        for (size_t i = 0; i < r.n_rows; i++) {
            audit_row_t row;
            store_map_row(&audit_map, &r, i, &row);
            if (!audit_chain_verify_row(&row, prev, next_id)) {
                *broken_id = row.id != next_id && row.id > next_id ? next_id : row.id;
                arena_free(&a);
                return NULL;
            }
            memcpy(prev, row.hash, HASH_HEX_LEN + 1);
            next_id++;
            (*n_checked)++;
        }
        size_t n = r.n_rows;
        arena_free(&a);
        if (n < BATCH) return NULL;
    }
}

err_t *audit_store_head(db_t *db, arena_t *a, int64_t *last_id, const char **last_hash) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", DB_NOP, &r);
    if (e) return e;
    *last_id = r.n_rows ? db_cell_int(&r, 0, 0) : 0;
    *last_hash = r.n_rows ? db_cell(&r, 0, 1) : AUDIT_GENESIS;
    return NULL;
}

err_t *audit_store_hash_of(db_t *db, arena_t *a, int64_t id, const char **hash, bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT hash FROM audit_log WHERE id = $1", DB_P(DBV_I(id)), &r);
    if (e) return e;
    *found = r.n_rows == 1;
    *hash = *found ? db_cell(&r, 0, 0) : NULL;
    return NULL;
}

err_t *audit_store_checkpoint_insert(db_t *db, arena_t *a, audit_checkpoint_t *c) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO audit_checkpoint (at, last_id, last_hash, public_key, signature) "
                        "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        DB_P(DBV_I(c->at), DBV_I(c->last_id), DBV_S(c->last_hash), DBV_S(c->public_key),
                             DBV_S(c->signature)),
                        &r);
    if (!e) c->id = db_scalar_int(&r, 0);
    return e;
}

err_t *audit_store_checkpoint_list(db_t *db, arena_t *a, audit_checkpoint_t **out, size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT id, at, last_id, last_hash, public_key, signature FROM audit_checkpoint ORDER BY id",
                        DB_NOP, &r);
    if (e) return e;
    audit_checkpoint_t *items = arena_alloc(a, (r.n_rows ? r.n_rows : 1) * sizeof *items);
    for (size_t i = 0; i < r.n_rows; i++) {
        items[i].id = db_cell_int(&r, i, 0);
        items[i].at = db_cell_int(&r, i, 1);
        items[i].last_id = db_cell_int(&r, i, 2);
        items[i].last_hash = db_cell(&r, i, 3);
        items[i].public_key = db_cell(&r, i, 4);
        items[i].signature = db_cell(&r, i, 5);
    }
    *out = items;
    *n_out = r.n_rows;
    return NULL;
}
