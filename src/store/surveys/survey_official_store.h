/* survey_official_store: the SQL of the official surveys the county only distributes
 * (migration 026): the survey (institution, URL, dates) and its distribution cells with the
 * counts the institution publishes. Reads take a scope_t (the region subtree). No answer of an
 * official survey exists here. Memory in the arena; errors as db.h; one db_t per thread. */
#ifndef DUDAO_SURVEY_OFFICIAL_STORE_H
#define DUDAO_SURVEY_OFFICIAL_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "store/scope.h"

typedef struct survey_official_row {
    int64_t id;
    const char *region_code, *region_name, *title, *institution, *url, *opens_on, *closes_on, *status;
    int64_t created_at;
    int64_t target, collected; /* sums over the cells */
} survey_official_row_t;

typedef struct survey_official_cell_row {
    int64_t id, position, school_id, target, collected, updated_at;
    const char *group_name, *school_name, *reported_on;
} survey_official_cell_row_t;

err_t *survey_official_store_insert(db_t *db, arena_t *a, const survey_official_row_t *o, int64_t created_by,
                                    int64_t *id);
err_t *survey_official_store_cell_insert(db_t *db, arena_t *a, int64_t official_id,
                                         const survey_official_cell_row_t *c);
/* The official surveys in scope, newest first, with their sums. */
err_t *survey_official_store_list(db_t *db, arena_t *a, const scope_t *sc, survey_official_row_t **out, size_t *n);
/* One in scope; *found false otherwise. */
err_t *survey_official_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, survey_official_row_t *out,
                                 bool *found);
/* Its cells by position. */
err_t *survey_official_store_cells(db_t *db, arena_t *a, int64_t official_id, survey_official_cell_row_t **out,
                                   size_t *n);
/* Sets a cell's published count; *changed false when the cell is not the survey's. */
err_t *survey_official_store_progress(db_t *db, arena_t *a, int64_t official_id, int64_t cell_id, int64_t collected,
                                      const char *reported_on, int64_t now, bool *changed);
/* open → closed; *changed false when already closed. */
err_t *survey_official_store_close(db_t *db, arena_t *a, int64_t id, bool *changed);

#endif
