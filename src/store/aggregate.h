/* store/aggregate: the SQL of an aggregate derived from its descriptor (core/aggregate.h):
 * the SELECT list, the row → struct mapping, INSERT and UPDATE of the body fields, the sort
 * whitelist and equality filters. Callers add the FROM/JOIN and WHERE that are the
 * aggregate's own. Text and rows are in the arena; thread-safe (descriptors are const). */
#ifndef DUDAO_STORE_AGGREGATE_H
#define DUDAO_STORE_AGGREGATE_H

#include "core/aggregate.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/sqlb.h"

/* "SELECT <every field, in table order> " (read fields by their SQL, body fields as
 * alias.member); the caller appends "FROM ...". */
const char *agg_select_list(arena_t *a, const agg_t *g);
/* Row i of a query whose columns are agg_select_list's, into obj (zeroed first). */
void agg_from_row(const agg_t *g, const db_rows_t *r, size_t i, void *obj);

/* A store_map_t (store/rows.h) whose rows map by descriptor g (m->ctx), for store_get,
 * store_find and store_list; zero: clear the struct first. */
void agg_store_row(const store_map_t *m, const db_rows_t *r, size_t i, void *obj);
#define AGG_STORE_MAP(T, g, zero) {NULL, 0, sizeof(T), zero, agg_store_row, g}

/* INSERT of the body fields (plus created_at = updated_at = now when the table has them)
 * RETURNING id. A unique violation comes back as the engine's ERR_CONFLICT. */
err_t *agg_insert(db_t *db, arena_t *a, const agg_t *g, const void *obj, int64_t now, int64_t *id_out);
/* UPDATE of the body fields but the key (AGG_KEY) WHERE id = id (and updated_at = now). */
err_t *agg_update(db_t *db, arena_t *a, const agg_t *g, const void *obj, int64_t id, int64_t now);

/* The ORDER BY expression for ?sort=name or -name over the AGG_SORT fields; dflt when sort is
 * NULL; NULL when the key is not sortable. */
const char *agg_order(arena_t *a, const agg_t *g, const char *sort, const char *dflt);
/* " AND <alias.member> = $n" for each AGG_FILTER body field whose value in eq (indexed like
 * g->fields) is not NULL. */
void agg_filter_eq(sqlb_t *q, const agg_t *g, const char *const *eq);

#endif
