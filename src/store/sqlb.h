/* sqlb: builds a parameterised SQL statement piece by piece (filters, sorting, paging) while
 * keeping every value a bound parameter. Text and values live in the arena.
 *
 *   sqlb_t q; sqlb_init(&q, a, "SELECT ... FROM t WHERE 1=1");
 *   if (role) sqlb_addv(&q, " AND role = ", DBV_S(role));   // appends "$1"
 *   db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &rows);
 */
#ifndef DUDAO_SQLB_H
#define DUDAO_SQLB_H

#include "store/db.h"
#include "util/buf.h"

enum { SQLB_MAX_PARAMS = 64 }; /* the widest statement: an aggregate's INSERT (accountability_case: 33) */

typedef struct sqlb {
    arena_t *a;
    buf_t text;
    db_val_t params[SQLB_MAX_PARAMS];
    size_t n_params;
} sqlb_t;

void sqlb_init(sqlb_t *q, arena_t *a, const char *head);
void sqlb_add(sqlb_t *q, const char *text);
/* Appends text then a placeholder bound to v. Aborts past SQLB_MAX_PARAMS (a programming error). */
void sqlb_addv(sqlb_t *q, const char *text, db_val_t v);
/* The statement text (copied into the arena; the builder's buffer is released). */
const char *sqlb_sql(sqlb_t *q);
/* Escapes % _ and \ for a LIKE pattern with ESCAPE '\' and wraps it in %...%. */
char *sqlb_like_contains(arena_t *a, const char *s);

/* One page of a filtered list and the total: runs count_head + WHERE and
 * select_head + WHERE + " ORDER BY " order + LIMIT/OFFSET, where the WHERE (and its
 * parameters) is the text built so far in `where` (heads carry no parameters). count_where,
 * when not NULL, is an equivalent WHERE written for counting (a different form can let the
 * engine count from an index while the page is read in index order). Consumes both. */
err_t *sqlb_page(db_t *db, arena_t *a, const char *count_head, const char *select_head, sqlb_t *where,
                 sqlb_t *count_where, const char *order, int64_t limit, int64_t offset, db_rows_t *rows,
                 int64_t *total);

#endif
