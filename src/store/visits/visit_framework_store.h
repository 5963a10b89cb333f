/* visit_framework_store: the further checklists of a visit (visit_framework, migration 021)
 * and the text settings that choose an office's routine checklists. */
#ifndef DUDAO_VISIT_FRAMEWORK_STORE_H
#define DUDAO_VISIT_FRAMEWORK_STORE_H

#include <stdbool.h>

#include "store/db.h"

typedef struct visit_fw_row {
    int64_t framework_version_id;
    int64_t position;
    const char *answers_json;
    bool has_score;
    double score_total;
    const char *grade; /* NULL before submit */
    bool is_veto_failed;
    const char *result_json; /* NULL before submit */
} visit_fw_row_t;

err_t *visit_fw_store_list(db_t *db, arena_t *a, int64_t visit_id, visit_fw_row_t **out, size_t *n_out);
err_t *visit_fw_store_add(db_t *db, arena_t *a, int64_t visit_id, int64_t version_id, int64_t position);
err_t *visit_fw_store_save(db_t *db, arena_t *a, int64_t visit_id, int64_t version_id, const char *answers_json);
err_t *visit_fw_store_set_result(db_t *db, arena_t *a, int64_t visit_id, int64_t version_id, bool has_score,
                                 double total, const char *grade, bool is_veto_failed, const char *result_json);
/* A text jurisdiction setting in force for a region (inherited down the tree): NULL when unset. */
err_t *visit_fw_store_setting(db_t *db, arena_t *a, const char *region_code, const char *name, const char **out);

#endif
