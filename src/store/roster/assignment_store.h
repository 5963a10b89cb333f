/* assignment_store: 挂牌 assignments of inspectors to schools, with history (an assignment
 * is ended, never deleted). The schema keeps one open lead per school and one open
 * assignment per pair. */
#ifndef DUDAO_ASSIGNMENT_STORE_H
#define DUDAO_ASSIGNMENT_STORE_H

#include "store/db.h"

typedef struct assignment {
    int64_t id;
    int64_t inspector_id;
    const char *inspector_name;
    int64_t school_id;
    const char *school_name;
    const char *role; /* lead | member */
    const char *starts_on;
    const char *ends_on; /* NULL while open */
    const char *end_reason;
} assignment_t;

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

#endif
