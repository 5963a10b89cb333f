/* store/rows: the steps every store read repeats, written once: a column table that maps a
 * row onto a struct (store_col_t, store_map_row), "run, expect one row, else a not-found
 * err_t naming the field" (store_get), "run, zero or one row" (store_find) and "run, map
 * every row into an arena array" (store_list). Each takes either SQL text with its
 * parameters or a built sqlb_t (the _q forms, which consume the builder).
 *
 * Ownership: mapped strings point into the rows (arena-owned); arrays are arena-allocated
 * with one zeroed element past the end. Errors: the engine's, or ERR_NOT_FOUND from
 * store_get. Thread-safe: column tables are const. */
#ifndef DUDAO_STORE_ROWS_H
#define DUDAO_STORE_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "store/db.h"
#include "store/sqlb.h"

typedef enum store_col_kind {
    SC_SKIP, /* a column the struct does not keep, or one the caller maps itself */
    SC_TEXT, /* const char * (NULL for SQL NULL) */
    SC_INT,  /* int64_t (0 for SQL NULL) */
    SC_BOOL, /* bool: the integer is not 0 */
} store_col_kind_t;

/* Column k of the row goes to the member at offset, as kind. */
typedef struct store_col {
    store_col_kind_t kind;
    size_t offset;
} store_col_t;

/* A column table: the columns in SELECT order, of struct type T. */
#define SC_T(T, member) {SC_TEXT, offsetof(T, member)}
#define SC_I(T, member) {SC_INT, offsetof(T, member)}
#define SC_B(T, member) {SC_BOOL, offsetof(T, member)}
#define SC_NONE {SC_SKIP, 0}

typedef struct store_map store_map_t;
struct store_map {
    const store_col_t *cols;
    size_t n_cols;
    size_t size; /* sizeof the struct */
    bool zero;   /* zero the whole struct before mapping */
    /* Called after the columns are mapped, for what a table cannot say (NULL: nothing). */
    void (*finish)(const store_map_t *m, const db_rows_t *r, size_t i, void *obj);
    const void *ctx; /* for finish (an aggregate's descriptor, for instance) */
};

#define STORE_MAP(T, cols, finish) {cols, sizeof(cols) / sizeof(cols[0]), sizeof(T), false, finish, NULL}
/* The same, zeroing the struct first (for structs with members the query does not fill). */
#define STORE_MAP_ZEROED(T, cols, finish) {cols, sizeof(cols) / sizeof(cols[0]), sizeof(T), true, finish, NULL}

/* Row i into obj by m's columns, then m->finish. Members not in the table are left as they
 * are unless m->zero. */
void store_map_row(const store_map_t *m, const db_rows_t *r, size_t i, void *obj);

/* What to say when store_get finds no row: "<zh> <id> 不存在[或不在权限范围内]" /
 * "<en> <id> not found[ or outside your scope]", naming field. */
typedef struct store_missing {
    const char *field;
    const char *zh;
    const char *en;
    int64_t id;
    bool in_scope; /* true: the row may exist outside the reader's scope */
} store_missing_t;

err_t *store_not_found(arena_t *a, const store_missing_t *missing);

/* Exactly one row into out, else store_not_found(missing). */
err_t *store_get(db_t *db, arena_t *a, const char *sql, const db_val_t *params, size_t n_params,
                 const store_map_t *m, void *out, const store_missing_t *missing);
err_t *store_get_q(db_t *db, arena_t *a, sqlb_t *q, const store_map_t *m, void *out, const store_missing_t *missing);
/* *found = there was a row; the first is mapped into out. */
err_t *store_find(db_t *db, arena_t *a, const char *sql, const db_val_t *params, size_t n_params,
                  const store_map_t *m, void *out, bool *found);
err_t *store_find_q(db_t *db, arena_t *a, sqlb_t *q, const store_map_t *m, void *out, bool *found);
/* Every row into a new zeroed arena array: *(T **)out_array (out_array is the address of the
 * caller's T * for m's T) and *n. */
err_t *store_list(db_t *db, arena_t *a, const char *sql, const db_val_t *params, size_t n_params,
                  const store_map_t *m, void *out_array, size_t *n);
err_t *store_list_q(db_t *db, arena_t *a, sqlb_t *q, const store_map_t *m, void *out_array, size_t *n);
/* The rows of a query already run, mapped the same way. */
void store_map_rows(arena_t *a, const db_rows_t *r, const store_map_t *m, void *out_array, size_t *n);

#endif
