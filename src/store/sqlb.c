#include "store/sqlb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sqlb_init(sqlb_t *q, arena_t *a, const char *head) {
    q->a = a;
    q->n_params = 0;
    buf_init(&q->text);
    buf_puts(&q->text, head);
}

void sqlb_add(sqlb_t *q, const char *text) {
    buf_puts(&q->text, text);
}

void sqlb_addv(sqlb_t *q, const char *text, db_val_t v) {
    if (q->n_params >= SQLB_MAX_PARAMS) {
        fputs("dudao: sqlb: too many parameters\n", stderr);
        abort();
    }
    q->params[q->n_params++] = v;
    buf_puts(&q->text, text);
    buf_printf(&q->text, "$%zu", q->n_params);
}

const char *sqlb_sql(sqlb_t *q) {
    char *s = arena_strndup(q->a, q->text.p ? q->text.p : "", q->text.n);
    buf_free(&q->text);
    return s;
}

char *sqlb_like_contains(arena_t *a, const char *s) {
    size_t n = strlen(s);
    char *out = arena_alloc(a, 2 * n + 3);
    size_t k = 0;
    out[k++] = '%';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' || s[i] == '_' || s[i] == '\\') out[k++] = '\\';
        out[k++] = s[i];
    }
    out[k++] = '%';
    out[k] = '\0';
    return out;
}

err_t *sqlb_page(db_t *db, arena_t *a, const char *count_head, const char *select_head, sqlb_t *where,
                 sqlb_t *count_where, const char *order, int64_t limit, int64_t offset, db_rows_t *rows,
                 int64_t *total) {
    const char *cond = sqlb_sql(where);
    const sqlb_t *cw = count_where ? count_where : where;
    const char *count_cond = count_where ? sqlb_sql(count_where) : cond;
    db_rows_t r;
    err_t *e = db_query(db, a, arena_printf(a, "%s%s", count_head, count_cond), cw->params, cw->n_params, &r);
    if (e) return e;
    *total = db_scalar_int(&r, 0);
    sqlb_t q;
    sqlb_init(&q, a, select_head);
    sqlb_add(&q, cond);
    memcpy(q.params, where->params, where->n_params * sizeof *q.params);
    q.n_params = where->n_params;
    sqlb_add(&q, " ORDER BY ");
    sqlb_add(&q, order);
    sqlb_addv(&q, " LIMIT ", DBV_I(limit));
    sqlb_addv(&q, " OFFSET ", DBV_I(offset));
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, rows);
}
