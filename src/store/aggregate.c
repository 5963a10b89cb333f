#include "store/aggregate.h"

#include <string.h>

#include "util/buf.h"

#define AT(obj, f, T) ((T *)((char *)(obj) + (f)->offset))
#define AT_C(obj, f, T) ((const T *)((const char *)(obj) + (f)->offset))

static const char *agg_expr(arena_t *a, const agg_t *g, const agg_field_t *f) {
    return f->is_body ? arena_printf(a, "%s.%s", g->alias, f->name) : f->sql;
}

const char *agg_select_list(arena_t *a, const agg_t *g) {
    sqlb_t q;
    sqlb_init(&q, a, "SELECT ");
    for (size_t i = 0; i < g->n_fields; i++) {
        if (i) sqlb_add(&q, ", ");
        sqlb_add(&q, agg_expr(a, g, &g->fields[i]));
    }
    sqlb_add(&q, " ");
    return sqlb_sql(&q);
}

void agg_store_row(const store_map_t *m, const db_rows_t *r, size_t i, void *obj) {
    agg_from_row(m->ctx, r, i, obj);
}

void agg_from_row(const agg_t *g, const db_rows_t *r, size_t i, void *obj) {
    for (size_t k = 0; k < g->n_fields; k++) {
        const agg_field_t *f = &g->fields[k];
        switch (f->type) {
        case AGG_TEXT:
        case AGG_REAL:
            *AT(obj, f, const char *) = db_cell(r, i, k);
            break;
        case AGG_INT:
        case AGG_ID:
            *AT(obj, f, int64_t) = db_cell_int(r, i, k);
            break;
        default:
            *AT(obj, f, bool) = db_cell_int(r, i, k) != 0;
        }
    }
}

static db_val_t agg_value(const agg_field_t *f, const void *obj) {
    switch (f->type) {
    case AGG_TEXT:
    case AGG_REAL:
        return DBV_S(*AT_C(obj, f, const char *));
    case AGG_INT:
        return DBV_I(*AT_C(obj, f, int64_t));
    case AGG_ID: {
        int64_t v = *AT_C(obj, f, int64_t);
        return v ? DBV_I(v) : DBV_NUL;
    }
    default:
        return DBV_I(*AT_C(obj, f, bool) ? 1 : 0);
    }
}

/* A value as the statement binds it: decimals travel as text and are cast by the engine. */
static void agg_bind(sqlb_t *q, const char *text, const agg_field_t *f, const void *obj) {
    sqlb_addv(q, f->type == AGG_REAL ? arena_printf(q->a, "%sCAST(", text) : text, agg_value(f, obj));
    if (f->type == AGG_REAL) sqlb_add(q, " AS DOUBLE PRECISION)");
}

err_t *agg_insert(db_t *db, arena_t *a, const agg_t *g, const void *obj, int64_t now, int64_t *id_out) {
    sqlb_t q;
    sqlb_init(&q, a, arena_printf(a, "INSERT INTO %s (", g->table));
    for (size_t i = 0; i < g->n_fields; i++)
        if (g->fields[i].is_body) sqlb_add(&q, arena_printf(a, "%s, ", g->fields[i].name));
    sqlb_add(&q, g->has_updated_at ? "created_at, updated_at) VALUES (" : "created_at) VALUES (");
    for (size_t i = 0; i < g->n_fields; i++)
        if (g->fields[i].is_body) agg_bind(&q, "", &g->fields[i], obj), sqlb_add(&q, ", ");
    sqlb_addv(&q, "", DBV_I(now));
    if (g->has_updated_at) sqlb_addv(&q, ", ", DBV_I(now));
    sqlb_add(&q, ") RETURNING id");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (!e) *id_out = db_scalar_int(&r, 0);
    return e;
}

err_t *agg_update(db_t *db, arena_t *a, const agg_t *g, const void *obj, int64_t id, int64_t now) {
    sqlb_t q;
    sqlb_init(&q, a, arena_printf(a, "UPDATE %s SET ", g->table));
    const char *sep = "";
    for (size_t i = 0; i < g->n_fields; i++) {
        const agg_field_t *f = &g->fields[i];
        if (!f->is_body || (f->flags & AGG_KEY)) continue;
        agg_bind(&q, arena_printf(a, "%s%s = ", sep, f->name), f, obj);
        sep = ", ";
    }
    if (g->has_updated_at) sqlb_addv(&q, arena_printf(a, "%supdated_at = ", sep), DBV_I(now));
    sqlb_addv(&q, " WHERE id = ", DBV_I(id));
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, NULL);
}

const char *agg_order(arena_t *a, const agg_t *g, const char *sort, const char *dflt) {
    if (!sort) return dflt;
    bool is_desc = sort[0] == '-';
    const agg_field_t *f = agg_field(g, sort + is_desc);
    if (!f || !(f->flags & AGG_SORT)) return NULL;
    const char *expr = agg_expr(a, g, f);
    return is_desc ? arena_printf(a, "%s DESC", expr) : expr;
}

void agg_filter_eq(sqlb_t *q, const agg_t *g, const char *const *eq) {
    for (size_t i = 0; i < g->n_fields; i++)
        if ((g->fields[i].flags & AGG_FILTER) && eq[i])
            sqlb_addv(q, arena_printf(q->a, " AND %s = ", agg_expr(q->a, g, &g->fields[i])), DBV_S(eq[i]));
}
