#include "store/visits/report_store.h"

#include <string.h>

err_t *report_store_insert(db_t *db, arena_t *a, task_report_t *r) {
    db_rows_t rows;
    err_t *e =
        db_query(db, a,
                 "INSERT INTO task_report (task_id, county_code, year, seq, doc_no, body_json, composed_by, "
                 "composed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                 DB_P(DBV_I(r->task_id), DBV_S(r->county_code), DBV_I(r->year), DBV_I(r->seq), DBV_S(r->doc_no),
                      DBV_S(r->body_json), r->composed_by ? DBV_I(r->composed_by) : DBV_NUL, DBV_I(r->composed_at)),
                 &rows);
    if (!e && rows.n_rows) r->id = db_cell_int(&rows, 0, 0);
    return e;
}

err_t *report_store_get(db_t *db, arena_t *a, int64_t task_id, task_report_t *out, bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT id, task_id, county_code, year, seq, doc_no, body_json, composed_by, composed_at, "
                        "sent_to, sent_at, filed_with, filed_at, is_public, published_at FROM task_report WHERE "
                        "task_id = $1",
                        DB_P(DBV_I(task_id)), &r);
    if (e) return e;
    *found = r.n_rows > 0;
    if (!*found) return NULL;
    *out = (task_report_t){.id = db_cell_int(&r, 0, 0),
                           .task_id = db_cell_int(&r, 0, 1),
                           .county_code = db_cell(&r, 0, 2),
                           .year = db_cell_int(&r, 0, 3),
                           .seq = db_cell_int(&r, 0, 4),
                           .doc_no = db_cell(&r, 0, 5),
                           .body_json = db_cell(&r, 0, 6),
                           .composed_by = db_cell_int(&r, 0, 7),
                           .composed_at = db_cell_int(&r, 0, 8),
                           .sent_to = db_cell(&r, 0, 9),
                           .sent_at = db_cell_int(&r, 0, 10),
                           .filed_with = db_cell(&r, 0, 11),
                           .filed_at = db_cell_int(&r, 0, 12),
                           .is_public = db_cell_int(&r, 0, 13) != 0,
                           .published_at = db_cell_int(&r, 0, 14)};
    return NULL;
}

err_t *report_store_mark(db_t *db, arena_t *a, int64_t task_id, const char *action, const char *to, int64_t now) {
    if (strcmp(action, "publish") == 0)
        return db_query(db, a, "UPDATE task_report SET is_public = 1, published_at = $2 WHERE task_id = $1",
                        DB_P(DBV_I(task_id), DBV_I(now)), NULL);
    const char *sql = strcmp(action, "send") == 0
                          ? "UPDATE task_report SET sent_to = $2, sent_at = $3 WHERE task_id = $1"
                          : "UPDATE task_report SET filed_with = $2, filed_at = $3 WHERE task_id = $1";
    return db_query(db, a, sql, DB_P(DBV_I(task_id), DBV_S(to), DBV_I(now)), NULL);
}

err_t *report_store_public_list(db_t *db, arena_t *a, int64_t limit, public_report_t **out, size_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT p.task_id, p.doc_no, t.title, p.county_code, g.name, p.published_at FROM task_report p "
                        "JOIN task t ON t.id = p.task_id JOIN region g ON g.code = p.county_code WHERE p.is_public = 1 "
                        "ORDER BY p.published_at DESC, p.id DESC LIMIT $1",
                        DB_P(DBV_I(limit)), &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (public_report_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2),
                                      db_cell(&r, i, 3),     db_cell(&r, i, 4), db_cell_int(&r, i, 5)};
    *n = r.n_rows;
    return NULL;
}
