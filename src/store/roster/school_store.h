/* school_store: schools (学校), their sections (学段: enrollment and classes) and the
 * scope rules for reading them, all in SQL:
 * - a region scope: the school's town lies inside the caller's region subtree;
 * - an inspector account additionally sees only the schools it currently holds (挂牌);
 * - a school account sees only its own school.
 * Memory of results is in the arena. */
#ifndef DUDAO_SCHOOL_STORE_H
#define DUDAO_SCHOOL_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "store/roster/school_agg.h"
#include "store/scope.h"

/* The school (school_t) is declared once in store/roster/school_agg.h; its columns, row
 * mapping, INSERT/UPDATE, sort keys and equality filters come from that descriptor. */
/* Kept only for svc/visits/visit_svc.c (harden2's file at the time of the dedup branch); every
 * other file says scope_t. Delete it once that file does too. */

typedef struct school_filter {
    const char *q;           /* name or code contains */
    const char *region_code; /* inside this region (checked to be in scope by the caller) */
    const char *eq[AGG_MAX_FIELDS]; /* ?field=value of the AGG_FILTER fields, indexed like school_agg.fields */
    int64_t zone_id;         /* > 0 */
    int is_private;          /* -1 any */
    const char *status;      /* open | closed | NULL any */
    int has_inspector;       /* -1 any, 0 = coverage gaps, 1 */
    const char *sort;
    int64_t limit;
    int64_t offset;
} school_filter_t;

/* ERR_NOT_FOUND (field "school_id") when absent or outside scope. Loads sections. */
err_t *school_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, school_t *out);
/* By 学校标识码, unscoped (imports and uniqueness checks); *found false when absent. */
err_t *school_store_find_code(db_t *db, arena_t *a, const char *code, school_t *out, bool *found);
/* Just the id and status of the school with that code (imports check many codes); *id = 0
 * when there is none. */
err_t *school_store_id_by_code(db_t *db, arena_t *a, const char *code, int64_t *id, const char **status);
err_t *school_store_list(db_t *db, arena_t *a, const scope_t *sc, const school_filter_t *f, school_t **out,
                         size_t *n_out, int64_t *total);
/* Inserts s (id filled in) with its sections. ERR_CONFLICT (field "code") on a taken code. */
err_t *school_store_insert(db_t *db, arena_t *a, school_t *s, int64_t now);
/* Writes every column but the code (a school keeps its code on rename) and replaces sections. */
err_t *school_store_update(db_t *db, arena_t *a, const school_t *s, int64_t now);
err_t *school_store_count_in_zone(db_t *db, arena_t *a, int64_t zone_id, int64_t *n);
/* A minimal school for the foundation's demo and tests. */
err_t *school_store_insert_min(db_t *db, arena_t *a, const char *code, const char *name, const char *region_code,
                               int64_t now, int64_t *id_out);

#endif
