/* assignment_store: 挂牌 assignments of inspectors to schools, with history (an assignment
 * is ended, never deleted). The schema keeps one open lead per school and one open
 * assignment per pair. */
#ifndef DUDAO_ASSIGNMENT_STORE_H
#define DUDAO_ASSIGNMENT_STORE_H

#include "store/roster/assignment_agg.h"
#include "store/db.h"
#include "store/scope.h"

/* The assignment (assignment_t) is declared once in store/roster/assignment_agg.h. */

/* School history (school_id > 0) or an inspector's (inspector_id > 0), newest first. */
err_t *assignment_store_list(db_t *db, arena_t *a, int64_t school_id, int64_t inspector_id, assignment_t **out,
                             size_t *n_out);
err_t *assignment_store_get(db_t *db, arena_t *a, int64_t id, assignment_t *out);
/* The open assignment of the pair, if any (*found). */
err_t *assignment_store_open_pair(db_t *db, arena_t *a, int64_t inspector_id, int64_t school_id, assignment_t *out,
                                  bool *found);
/* The school's open lead, if any. */
err_t *assignment_store_open_lead(db_t *db, arena_t *a, int64_t school_id, assignment_t *out, bool *found);
err_t *assignment_store_insert(db_t *db, arena_t *a, assignment_t *in, int64_t now);
/* Ends an open assignment today (Asia/Shanghai) with a reason. */
err_t *assignment_store_end(db_t *db, arena_t *a, int64_t id, const char *reason);
err_t *assignment_store_end_for_school(db_t *db, arena_t *a, int64_t school_id, const char *reason);
/* Declared relation kinds between the pair, NULL-terminated. */
err_t *assignment_store_relations(db_t *db, arena_t *a, int64_t inspector_id, int64_t school_id,
                                  const char ***kinds);

/* The export's filter (GET /exports/assignments). */
typedef struct assignment_filter {
    const char *status; /* current (default) | ended | all */
    const char *q;      /* school name/code or inspector name contains */
    const char *region_code;
    const char *role;                         /* lead | member | NULL */
    int64_t zone_id, school_id, inspector_id; /* 0: any */
} assignment_filter_t;

typedef struct assignment_export_row {
    int64_t id;
    const char *school_code, *school_name, *region_name, *zone_name, *inspector_name, *cert_no, *role, *starts_on,
        *ends_on, *end_reason;
} assignment_export_row_t;

/* One page of the export: assignments of schools in scope (its region part) matching f (status
 * already checked: current | ended | all), with id > after, in id order, at most limit. */
err_t *assignment_store_export_page(db_t *db, arena_t *a, const scope_t *sc, const assignment_filter_t *f,
                                    int64_t after, int64_t limit, assignment_export_row_t **out, size_t *n);

#endif
