/* inspector_store: 督学 records, their declared relations (回避) and the count of schools
 * each holds, read within a region scope (the appointing region). */
#ifndef DUDAO_INSPECTOR_STORE_H
#define DUDAO_INSPECTOR_STORE_H

#include <stdbool.h>

#include "store/roster/inspector_agg.h"
#include "store/db.h"

/* The inspector (inspector_t) is declared once in store/roster/inspector_agg.h. */

typedef struct inspector_filter {
    const char *q; /* name, cert no, employer contains */
    const char *kind;
    const char *status;
    const char *region_code;
    int64_t limit;
    int64_t offset;
} inspector_filter_t;

typedef struct inspector_relation {
    int64_t id;
    int64_t school_id;
    const char *school_name;
    const char *kind;
    const char *note;
} inspector_relation_t;

err_t *inspector_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, inspector_t *out);
err_t *inspector_store_find_cert(db_t *db, arena_t *a, const char *cert_no, inspector_t *out, bool *found);
/* The inspector linked to account user_id (unscoped); *found false when none. */
err_t *inspector_store_find_user(db_t *db, arena_t *a, int64_t user_id, inspector_t *out, bool *found);
err_t *inspector_store_list(db_t *db, arena_t *a, const char *scope_path, const inspector_filter_t *f,
                            inspector_t **out, size_t *n_out, int64_t *total);
/* ERR_CONFLICT (field "cert_no") on a taken certificate number. */
err_t *inspector_store_insert(db_t *db, arena_t *a, inspector_t *in, int64_t now);
err_t *inspector_store_update(db_t *db, arena_t *a, const inspector_t *in, int64_t now);
err_t *inspector_store_relations(db_t *db, arena_t *a, int64_t inspector_id, inspector_relation_t **out,
                                 size_t *n_out);
err_t *inspector_store_add_relation(db_t *db, arena_t *a, int64_t inspector_id, int64_t school_id, const char *kind,
                                    const char *note, int64_t now, int64_t *id_out);
/* The photo's stored file name (store/platform/files), NULL when none; set replaces it. */
err_t *inspector_store_photo(db_t *db, arena_t *a, int64_t id, const char **hash);
err_t *inspector_store_set_photo(db_t *db, arena_t *a, int64_t id, const char *hash);
/* The name and phone (and photo) a plaque shows; ERR_NOT_FOUND when absent. Unscoped: the
 * caller has read the school that names it. */
err_t *inspector_store_contact(db_t *db, arena_t *a, int64_t id, const char **name, const char **phone,
                               const char **hash);

#endif
