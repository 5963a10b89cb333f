/* incident_store: the SQL of 突发事件 reports (table incident, migration 022). Reads take a
 * scope_t (store/scope.h): the region subtree always; an inspector sees the reports it made
 * and those of the schools it holds; a school account sees none. Results live in the arena;
 * one connection per thread. Errors as db_query. */
#ifndef DUDAO_INCIDENT_STORE_H
#define DUDAO_INCIDENT_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "store/scope.h"

typedef struct incident {
    int64_t id;
    int64_t school_id;
    const char *school_name, *region_code, *region_name;
    const char *title, *description, *category, *severity, *told, *state;
    int64_t occurred_at;
    int64_t reported_by;
    const char *reported_by_name;
    int64_t reported_at;
    int64_t handled_by, handled_at; /* 0: not yet */
    const char *handled_note;       /* NULL: not yet */
    int64_t closed_by, closed_at;
    const char *closed_note;
    int64_t finding_id; /* 0: none */
} incident_t;

/* Inserts x (state received; x->id filled in). */
err_t *incident_store_insert(db_t *db, arena_t *a, incident_t *x);
/* ERR_NOT_FOUND (field "incident_id") when absent or outside sc. */
err_t *incident_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, incident_t *out);
/* Newest first, at most limit (1..500), state NULL for every state; *n_received counts the
 * reports in state received inside sc (the office's alert). */
err_t *incident_store_list(db_t *db, arena_t *a, const scope_t *sc, const char *state, int64_t limit, incident_t **out,
                           size_t *n, int64_t *n_received);
/* Moves the report to state: "handled" records handled_*, "closed" closed_*. */
err_t *incident_store_set_state(db_t *db, arena_t *a, int64_t id, const char *state, int64_t user_id, int64_t now,
                                const char *note);
err_t *incident_store_set_finding(db_t *db, arena_t *a, int64_t id, int64_t finding_id);

#endif
