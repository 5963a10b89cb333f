/* The SQL of a visit's further checklists (see visit_framework_store.h). */
#include "store/visits/visit_framework_store.h"

#include <stdio.h>
#include <stdlib.h>

err_t *visit_fw_store_list(db_t *db, arena_t *a, int64_t visit_id, visit_fw_row_t **out, size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT framework_version_id, position, answers_json, CAST(score_total AS TEXT), grade, "
                        "is_veto_failed, result_json FROM visit_framework WHERE visit_id = $1 ORDER BY position",
                        DB_P(DBV_I(visit_id)), &r);
    if (e) return e;
    visit_fw_row_t *items = arena_alloc(a, (r.n_rows + 1) * sizeof *items);
    for (size_t i = 0; i < r.n_rows; i++) {
        const char *score = db_cell(&r, i, 3);
        items[i] = (visit_fw_row_t){
            db_cell_int(&r, i, 0),           db_cell_int(&r, i, 1), db_cell(&r, i, 2),          score != NULL,
            score ? strtod(score, NULL) : 0, db_cell(&r, i, 4),     db_cell_int(&r, i, 5) != 0, db_cell(&r, i, 6)};
    }
    *out = items;
    *n_out = r.n_rows;
    return NULL;
}

err_t *visit_fw_store_add(db_t *db, arena_t *a, int64_t visit_id, int64_t version_id, int64_t position) {
    return db_query(db, a, "INSERT INTO visit_framework (visit_id, framework_version_id, position) VALUES ($1, $2, $3)",
                    DB_P(DBV_I(visit_id), DBV_I(version_id), DBV_I(position)), NULL);
}

err_t *visit_fw_store_save(db_t *db, arena_t *a, int64_t visit_id, int64_t version_id, const char *answers_json) {
    return db_query(db, a,
                    "UPDATE visit_framework SET answers_json = $3 WHERE visit_id = $1 AND framework_version_id = $2",
                    DB_P(DBV_I(visit_id), DBV_I(version_id), DBV_S(answers_json)), NULL);
}

err_t *visit_fw_store_set_result(db_t *db, arena_t *a, int64_t visit_id, int64_t version_id, bool has_score,
                                 double total, const char *grade, bool is_veto_failed, const char *result_json) {
    return db_query(db, a,
                    "UPDATE visit_framework SET score_total = CAST($3 AS DOUBLE PRECISION), grade = $4, "
                    "is_veto_failed = $5, result_json = $6 WHERE visit_id = $1 AND framework_version_id = $2",
                    DB_P(DBV_I(visit_id), DBV_I(version_id),
                         has_score ? DBV_S(arena_printf(a, "%.17g", total)) : DBV_NUL, grade ? DBV_S(grade) : DBV_NUL,
                         DBV_I(is_veto_failed ? 1 : 0), DBV_S(result_json)),
                    NULL);
}

err_t *visit_fw_store_setting(db_t *db, arena_t *a, const char *region_code, const char *name, const char **out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT s.value FROM jurisdiction_setting s JOIN region r ON r.code = s.region_code JOIN "
                        "region me ON me.code = $1 WHERE s.name = $2 AND me.path LIKE r.path || '%' ORDER BY "
                        "LENGTH(r.path) DESC LIMIT 1",
                        DB_P(DBV_S(region_code ? region_code : ""), DBV_S(name)), &r);
    if (e) return e;
    *out = r.n_rows && db_cell(&r, 0, 0) && *db_cell(&r, 0, 0) ? db_cell(&r, 0, 0) : NULL;
    return NULL;
}
