#include "store/visits/visit_store.h"

#include "store/rows.h"
#include "store/scope.h"

#include "store/findings/finding_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/platform/region_store.h"
#include "store/sqlb.h"

#define VISIT_SELECT                                                                                                   \
    "SELECT v.id, v.task_id, t.title, t.kind, t.notice_mode, v.target_id, v.school_id, s.name, s.code, "               \
    "s.type_code, s.lat, s.lng, v.region_code, r.name, CASE WHEN r.level = 'town' THEN r.parent_code ELSE "            \
    "r.code END, CASE WHEN r.level = 'town' THEN pr.name ELSE r.name END, v.inspector_id, i.name, "                    \
    "v.framework_version_id, v.status, v.visit_date, v.checkin_at, v.checkin_lat, v.checkin_lng, "                     \
    "v.checkin_accuracy_m, v.checkin_distance_m, v.answers_json, v.notes, v.score_total, v.grade, "                    \
    "v.is_veto_failed, v.result_json, v.n_revision, v.submitted_at, v.submitted_by, v.created_at, "                    \
    "v.updated_at, (SELECT COUNT(*) FROM visit_amendment am WHERE am.visit_id = v.id) "                                \
    "FROM visit v JOIN task t ON t.id = v.task_id JOIN region r ON r.code = v.region_code "                            \
    "LEFT JOIN region pr ON pr.code = r.parent_code LEFT JOIN school s ON s.id = v.school_id "                         \
    "JOIN inspector i ON i.id = v.inspector_id "

static const store_col_t visit_cols[] = {
    SC_I(visit_t, id), SC_I(visit_t, task_id), SC_T(visit_t, task_title), SC_T(visit_t, task_kind),
    SC_T(visit_t, notice_mode), SC_I(visit_t, target_id), SC_I(visit_t, school_id), SC_T(visit_t, school_name),
    SC_T(visit_t, school_code), SC_T(visit_t, school_type), SC_T(visit_t, school_lat), SC_T(visit_t, school_lng),
    SC_T(visit_t, region_code), SC_T(visit_t, region_name), SC_T(visit_t, county_code), SC_T(visit_t, county_name),
    SC_I(visit_t, inspector_id), SC_T(visit_t, inspector_name), SC_I(visit_t, framework_version_id),
    SC_T(visit_t, status), SC_T(visit_t, visit_date), SC_I(visit_t, checkin_at), SC_T(visit_t, checkin_lat),
    SC_T(visit_t, checkin_lng), SC_T(visit_t, checkin_accuracy_m), SC_T(visit_t, checkin_distance_m),
    SC_T(visit_t, answers_json), SC_T(visit_t, notes), SC_T(visit_t, score_total), SC_T(visit_t, grade),
    SC_B(visit_t, is_veto_failed), SC_T(visit_t, result_json), SC_I(visit_t, n_revision),
    SC_I(visit_t, submitted_at), SC_I(visit_t, submitted_by), SC_I(visit_t, created_at), SC_I(visit_t, updated_at),
    SC_I(visit_t, n_amendments),
};
static const store_map_t visit_map = STORE_MAP_ZEROED(visit_t, visit_cols, NULL);

static void visit_scope_where(sqlb_t *q, const scope_t *sc) {
    sqlb_add(q, "WHERE 1 = 1");
    scope_and_path(q, sc, "r.path");
    scope_and_task_member(q, sc, "v.task_id");
    if (sc->school_id != 0) { /* < 0: an account with no school (a unit account) sees none */
        sqlb_addv(q, " AND v.school_id = ", DBV_I(sc->school_id));
        sqlb_add(q, " AND v.status = 'submitted'");
    }
}

err_t *visit_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, visit_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, VISIT_SELECT);
    visit_scope_where(&q, sc);
    sqlb_addv(&q, " AND v.id = ", DBV_I(id));
    return store_get_q(db, a, &q, &visit_map, out, &(store_missing_t){"visit_id", "督导记录", "visit", id, true});
}

err_t *visit_store_list(db_t *db, arena_t *a, const scope_t *sc, const visit_filter_t *f, visit_t **out, size_t *n_out,
                        int64_t *total) {
    sqlb_t w;
    sqlb_init(&w, a, "");
    visit_scope_where(&w, sc);
    if (f->task_id > 0) sqlb_addv(&w, " AND v.task_id = ", DBV_I(f->task_id));
    if (f->school_id > 0) sqlb_addv(&w, " AND v.school_id = ", DBV_I(f->school_id));
    if (f->inspector_id > 0) sqlb_addv(&w, " AND v.inspector_id = ", DBV_I(f->inspector_id));
    if (f->status) sqlb_addv(&w, " AND v.status = ", DBV_S(f->status));
    if (f->from) sqlb_addv(&w, " AND v.visit_date >= ", DBV_S(f->from));
    if (f->to) sqlb_addv(&w, " AND v.visit_date <= ", DBV_S(f->to));
    db_rows_t r;
    err_t *e = sqlb_page(db, a, "SELECT COUNT(*) FROM visit v JOIN region r ON r.code = v.region_code ", VISIT_SELECT,
                         &w, NULL, "v.visit_date DESC, v.id DESC", f->limit, f->offset, &r, total);
    if (!e) store_map_rows(a, &r, &visit_map, out, n_out);
    return e;
}

err_t *visit_store_id_for_target(db_t *db, arena_t *a, int64_t target_id, int64_t *id) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT id FROM visit WHERE target_id = $1", DB_P(DBV_I(target_id)), &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

err_t *visit_store_insert(db_t *db, arena_t *a, visit_t *v, int64_t now) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO visit (task_id, target_id, school_id, region_code, inspector_id, "
                        "framework_version_id, status, visit_date, answers_json, created_at, updated_at) VALUES ($1, "
                        "$2, $3, $4, $5, $6, 'draft', $7, '{}', $8, $8) RETURNING id",
                        DB_P(DBV_I(v->task_id), DBV_I(v->target_id), v->school_id ? DBV_I(v->school_id) : DBV_NUL,
                             DBV_S(v->region_code), DBV_I(v->inspector_id),
                             v->framework_version_id ? DBV_I(v->framework_version_id) : DBV_NUL, DBV_S(v->visit_date),
                             DBV_I(now)),
                        &r);
    if (e && e->code == ERR_CONFLICT)
        return err_new(a, ERR_CONFLICT, "target_id", "该对象的督导记录已存在", "a visit of this target exists already");
    if (!e) v->id = db_scalar_int(&r, 0);
    return e;
}

static const char *dbl(arena_t *a, double x) {
    return arena_printf(a, "%.7f", x);
}

err_t *visit_store_checkin(db_t *db, arena_t *a, int64_t id, int64_t at, double lat, double lng, double accuracy,
                           bool has_distance, double distance) {
    return db_query(db, a,
                    "UPDATE visit SET checkin_at = $2, checkin_lat = CAST($3 AS DOUBLE PRECISION), checkin_lng = "
                    "CAST($4 AS DOUBLE PRECISION), checkin_accuracy_m = CAST($5 AS DOUBLE PRECISION), "
                    "checkin_distance_m = CAST($6 AS DOUBLE PRECISION), updated_at = $2 WHERE id = $1",
                    DB_P(DBV_I(id), DBV_I(at), DBV_S(dbl(a, lat)), DBV_S(dbl(a, lng)),
                         accuracy > 0 ? DBV_S(dbl(a, accuracy)) : DBV_NUL,
                         has_distance ? DBV_S(arena_printf(a, "%.1f", distance)) : DBV_NUL),
                    NULL);
}

err_t *visit_store_save(db_t *db, arena_t *a, int64_t id, int64_t revision, const char *answers_json, const char *notes,
                        int64_t now) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "UPDATE visit SET answers_json = $3, notes = $4, n_revision = n_revision + 1, updated_at = $5 "
                        "WHERE id = $1 AND n_revision = $2 AND status = 'draft'",
                        DB_P(DBV_I(id), DBV_I(revision), DBV_S(answers_json), DBV_S(notes), DBV_I(now)), &r);
    if (e) return e;
    if (r.n_changed == 1) return NULL;
    if ((e = db_query(db, a, "SELECT status FROM visit WHERE id = $1", DB_P(DBV_I(id)), &r))) return e;
    if (r.n_rows && strcmp(db_cell(&r, 0, 0), "submitted") == 0)
        return err_new(a, ERR_LOCKED, "visit_id", "督导记录已提交并锁定，只能通过更正记录修改",
                       "the visit is submitted and locked; correct it with an amendment");
    return err_new(a, ERR_CONFLICT, "revision", "记录已在别处更新，请刷新后再保存",
                   "the visit was saved elsewhere in between; reload and save again");
}

err_t *visit_store_set_result(db_t *db, arena_t *a, int64_t id, const char *answers_json, bool has_score, double score,
                              const char *grade, bool is_veto_failed, const char *result_json, bool is_submit,
                              int64_t user_id, int64_t now) {
    if (is_submit)
        return db_query(db, a,
                        "UPDATE visit SET answers_json = $2, score_total = CAST($3 AS DOUBLE PRECISION), grade = $4, "
                        "is_veto_failed = $5, result_json = $6, status = 'submitted', submitted_at = $7, "
                        "submitted_by = $8, n_revision = n_revision + 1, updated_at = $7 WHERE id = $1 AND status = "
                        "'draft'",
                        DB_P(DBV_I(id), DBV_S(answers_json), has_score ? DBV_S(dbl(a, score)) : DBV_NUL, DBV_S(grade),
                             DBV_I(is_veto_failed), DBV_S(result_json), DBV_I(now), user_id ? DBV_I(user_id) : DBV_NUL),
                        NULL);
    return db_query(db, a,
                    "UPDATE visit SET answers_json = $2, score_total = CAST($3 AS DOUBLE PRECISION), grade = $4, "
                    "is_veto_failed = $5, result_json = $6, n_revision = n_revision + 1, updated_at = $7 WHERE id = $1",
                    DB_P(DBV_I(id), DBV_S(answers_json), has_score ? DBV_S(dbl(a, score)) : DBV_NUL, DBV_S(grade),
                         DBV_I(is_veto_failed), DBV_S(result_json), DBV_I(now)),
                    NULL);
}

err_t *visit_store_add_amendment(db_t *db, arena_t *a, int64_t visit_id, const char *reason, const char *before,
                                 const char *after, bool has_before, double score_before, bool has_after,
                                 double score_after, int64_t user_id, int64_t now) {
    return db_query(db, a,
                    "INSERT INTO visit_amendment (visit_id, reason, before_json, after_json, score_before, "
                    "score_after, created_by, created_at) VALUES ($1, $2, $3, $4, CAST($5 AS DOUBLE PRECISION), "
                    "CAST($6 AS DOUBLE PRECISION), $7, $8)",
                    DB_P(DBV_I(visit_id), DBV_S(reason), DBV_S(before), DBV_S(after),
                         has_before ? DBV_S(dbl(a, score_before)) : DBV_NUL,
                         has_after ? DBV_S(dbl(a, score_after)) : DBV_NUL, DBV_I(user_id), DBV_I(now)),
                    NULL);
}

static const store_col_t amendment_cols[] = {
    SC_I(visit_amendment_row_t, id),           SC_T(visit_amendment_row_t, reason),
    SC_T(visit_amendment_row_t, before_json),  SC_T(visit_amendment_row_t, after_json),
    SC_T(visit_amendment_row_t, score_before), SC_T(visit_amendment_row_t, score_after),
    SC_T(visit_amendment_row_t, by_name),      SC_I(visit_amendment_row_t, created_at),
};
static const store_map_t amendment_map = STORE_MAP(visit_amendment_row_t, amendment_cols, NULL);

err_t *visit_store_amendments(db_t *db, arena_t *a, int64_t visit_id, visit_amendment_row_t **out, size_t *n) {
    return store_list(db, a,
                      "SELECT m.id, m.reason, m.before_json, m.after_json, m.score_before, m.score_after, "
                      "u.display_name, m.created_at FROM visit_amendment m LEFT JOIN app_user u ON u.id = "
                      "m.created_by WHERE m.visit_id = $1 ORDER BY m.id",
                      DB_P(DBV_I(visit_id)), &amendment_map, out, n);
}

static const store_col_t photo_cols[] = {
    SC_I(visit_photo_row_t, id),       SC_T(visit_photo_row_t, hash), SC_T(visit_photo_row_t, mime),
    SC_I(visit_photo_row_t, size_bytes), SC_I(visit_photo_row_t, taken_at), SC_T(visit_photo_row_t, lat),
    SC_T(visit_photo_row_t, lng),      SC_I(visit_photo_row_t, created_at),
};
static const store_map_t photo_map = STORE_MAP(visit_photo_row_t, photo_cols, NULL);

err_t *visit_store_photos(db_t *db, arena_t *a, int64_t visit_id, visit_photo_row_t **out, size_t *n) {
    return store_list(db, a,
                      "SELECT id, hash, mime, size_bytes, taken_at, lat, lng, created_at FROM attachment WHERE "
                      "owner_kind = 'visit' AND owner_id = $1 ORDER BY id",
                      DB_P(DBV_I(visit_id)), &photo_map, out, n);
}

err_t *visit_store_add_finding(db_t *db, arena_t *a, const visit_finding_in_t *f, int64_t now) {
    finding_t row = {.region_code = f->region_code,
                     .school_id = f->school_id,
                     .task_id = f->task_id,
                     .visit_id = f->visit_id,
                     .indicator_code = f->indicator_code,
                     .indicator_text = f->indicator_text,
                     .framework_code = f->framework_code,
                     .category = f->category,
                     .severity = f->severity,
                     .description = f->description,
                     .created_by = f->created_by};
    return finding_store_add_visit_draft(db, a, &row, now);
}

err_t *visit_store_finding_codes(db_t *db, arena_t *a, int64_t visit_id, const char ***codes, size_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT indicator_code FROM finding WHERE visit_id = $1", DB_P(DBV_I(visit_id)), &r);
    if (e) return e;
    *codes = arena_alloc(a, (r.n_rows + 1) * sizeof **codes);
    for (size_t i = 0; i < r.n_rows; i++)
        (*codes)[i] = db_cell(&r, i, 0);
    *n = r.n_rows;
    return NULL;
}

static const store_col_t visit_finding_cols[] = {
    SC_I(visit_finding_row_t, id),          SC_T(visit_finding_row_t, indicator_code),
    SC_T(visit_finding_row_t, indicator_text), SC_T(visit_finding_row_t, category),
    SC_T(visit_finding_row_t, severity),    SC_T(visit_finding_row_t, description),
    SC_T(visit_finding_row_t, requirement), SC_T(visit_finding_row_t, deadline),
    SC_T(visit_finding_row_t, state),
};
static const store_map_t visit_finding_map = STORE_MAP(visit_finding_row_t, visit_finding_cols, NULL);

/* is_issued_only: what a school may see of a visit (no drafts, nothing voided). */
err_t *visit_store_findings(db_t *db, arena_t *a, int64_t visit_id, bool is_issued_only, visit_finding_row_t **out,
                            size_t *n) {
    return store_list(db, a,
                      is_issued_only ? "SELECT id, indicator_code, indicator_text, category, severity, description, "
                                       "requirement, deadline, state FROM finding WHERE visit_id = $1 AND state NOT "
                                       "IN ('draft', 'voided') ORDER BY id"
                                     : "SELECT id, indicator_code, indicator_text, category, severity, description, "
                                       "requirement, deadline, state FROM finding WHERE visit_id = $1 ORDER BY id",
                      DB_P(DBV_I(visit_id)), &visit_finding_map, out, n);
}

err_t *visit_store_finding_requirement(db_t *db, arena_t *a, int64_t visit_id, int64_t finding_id,
                                       const char *requirement, const char *deadline, int64_t now) {
    return finding_store_set_draft_terms(db, a, visit_id, finding_id, requirement, deadline, now);
}

err_t *visit_store_insert_document(db_t *db, arena_t *a, visit_document_t *d, int64_t now) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO visit_document (kind, visit_id, county_code, year, seq, doc_no, deadline, "
                        "body_json, issued_by, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                        "RETURNING id",
                        DB_P(DBV_S(d->kind), DBV_I(d->visit_id), DBV_S(d->county_code), DBV_I(d->year), DBV_I(d->seq),
                             DBV_S(d->doc_no), DBV_S(d->deadline), DBV_S(d->body_json),
                             d->issued_by ? DBV_I(d->issued_by) : DBV_NUL, DBV_I(now)),
                        &r);
    if (e && e->code == ERR_CONFLICT)
        return err_new(a, ERR_CONFLICT, "visit_id", "该督导记录的意见书已签发",
                       "the opinion for this visit was issued already");
    if (!e) {
        d->id = db_scalar_int(&r, 0);
        d->issued_at = now;
    }
    return e;
}

err_t *visit_store_get_document(db_t *db, arena_t *a, int64_t visit_id, const char *kind, visit_document_t *out,
                                bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT id, kind, visit_id, county_code, year, seq, doc_no, deadline, body_json, issued_by, "
                        "issued_at FROM visit_document WHERE visit_id = $1 AND kind = $2",
                        DB_P(DBV_I(visit_id), DBV_S(kind)), &r);
    if (e) return e;
    *found = r.n_rows > 0;
    if (*found)
        *out =
            (visit_document_t){db_cell_int(&r, 0, 0), db_cell(&r, 0, 1),     db_cell_int(&r, 0, 2), db_cell(&r, 0, 3),
                               db_cell_int(&r, 0, 4), db_cell_int(&r, 0, 5), db_cell(&r, 0, 6),     db_cell(&r, 0, 7),
                               db_cell(&r, 0, 8),     db_cell_int(&r, 0, 9), db_cell_int(&r, 0, 10)};
    return NULL;
}

err_t *visit_store_coverage(db_t *db, arena_t *a, const char *scope_path, int64_t inspector_user_id,
                            const char *month_first, const char *month_last, const char *sem_first,
                            const char *sem_last, visit_coverage_row_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, "SELECT s.id, s.name, s.code, i.id, i.name, MAX(rv.visit_date), ");
    sqlb_addv(&q, "SUM(CASE WHEN rv.visit_date >= ", DBV_S(month_first));
    sqlb_addv(&q, " AND rv.visit_date <= ", DBV_S(month_last));
    sqlb_addv(&q, " THEN 1 ELSE 0 END), SUM(CASE WHEN rv.visit_date >= ", DBV_S(sem_first));
    sqlb_addv(&q, " AND rv.visit_date <= ", DBV_S(sem_last));
    sqlb_add(&q, " THEN 1 ELSE 0 END) FROM school s JOIN region r ON r.code = s.region_code "
                 "JOIN assignment x ON x.school_id = s.id AND x.ends_on IS NULL AND x.role = 'lead' "
                 "JOIN inspector i ON i.id = x.inspector_id "
                 "LEFT JOIN (SELECT v.school_id, v.visit_date FROM visit v JOIN task t ON t.id = v.task_id "
                 "WHERE v.status = 'submitted' AND t.kind = 'routine') rv ON rv.school_id = s.id ");
    sqlb_add(&q, "WHERE s.status = 'open'");
    scope_and_path(&q, &(scope_t){.region_path = scope_path}, "r.path");
    if (inspector_user_id > 0) sqlb_addv(&q, " AND i.user_id = ", DBV_I(inspector_user_id));
    sqlb_add(&q, " GROUP BY s.id, s.name, s.code, i.id, i.name ORDER BY s.code");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    *n = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (visit_coverage_row_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1),    db_cell(&r, i, 2),
                                           db_cell_int(&r, i, 3), db_cell(&r, i, 4),    db_cell(&r, i, 5),
                                           db_cell_int(&r, i, 6), db_cell_int(&r, i, 7)};
    return NULL;
}

err_t *visit_store_cycles(db_t *db, arena_t *a, const char *scope_path, bool is_towns, visit_cycle_row_t **out,
                          size_t *n) {
    sqlb_t q;
    if (is_towns) {
        sqlb_init(&q, a,
                  "SELECT 0, r.code, r.name, MAX(gv.visit_date) FROM region r LEFT JOIN (SELECT v.region_code, "
                  "v.visit_date FROM visit v JOIN task t ON t.id = v.task_id WHERE v.status = 'submitted' AND t.kind = "
                  "'government' AND v.school_id IS NULL) gv ON gv.region_code = r.code WHERE r.level = 'town'");
        scope_and_path(&q, &(scope_t){.region_path = scope_path}, "r.path");
        sqlb_add(&q, " GROUP BY r.code, r.name ORDER BY r.code");
    } else {
        sqlb_init(&q, a,
                  "SELECT s.id, s.code, s.name, MAX(cv.visit_date) FROM school s JOIN region r ON r.code = "
                  "s.region_code LEFT JOIN (SELECT v.school_id, v.visit_date FROM visit v JOIN task t ON t.id = "
                  "v.task_id WHERE v.status = 'submitted' AND t.kind = 'comprehensive') cv ON cv.school_id = s.id "
                  "WHERE s.status = 'open'");
        scope_and_path(&q, &(scope_t){.region_path = scope_path}, "r.path");
        sqlb_add(&q, " GROUP BY s.id, s.code, s.name ORDER BY s.code");
    }
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    *n = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (visit_cycle_row_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2), db_cell(&r, i, 3)};
    return NULL;
}

err_t *visit_store_setting_int(db_t *db, arena_t *a, const char *region_code, const char *name, int dflt, int *out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT s.value FROM jurisdiction_setting s JOIN region r ON r.code = s.region_code JOIN "
                        "region me ON me.code = $1 WHERE s.name = $2 AND me.path LIKE r.path || '%' ORDER BY "
                        "LENGTH(r.path) DESC LIMIT 1",
                        DB_P(DBV_S(region_code), DBV_S(name)), &r);
    if (e) return e;
    int v = r.n_rows ? atoi(db_cell(&r, 0, 0)) : 0;
    *out = v > 0 ? v : dflt;
    return NULL;
}

err_t *visit_store_calendar(db_t *db, arena_t *a, const scope_t *sc, const char *from, const char *to,
                            visit_day_row_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT v.visit_date, v.id, v.status, COALESCE(s.name, r.name), v.task_id, 'visit' FROM visit v JOIN "
              "region r ON r.code = v.region_code LEFT JOIN school s ON s.id = v.school_id ");
    visit_scope_where(&q, sc);
    sqlb_addv(&q, " AND v.visit_date >= ", DBV_S(from));
    sqlb_addv(&q, " AND v.visit_date <= ", DBV_S(to));
    sqlb_add(&q, " ORDER BY v.visit_date, v.id LIMIT 2000");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    *n = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (visit_day_row_t){db_cell(&r, i, 0), db_cell_int(&r, i, 1), db_cell(&r, i, 2),
                                      db_cell(&r, i, 3), db_cell_int(&r, i, 4), db_cell(&r, i, 5)};
    return NULL;
}

err_t *visit_store_photo_is_visits(db_t *db, arena_t *a, int64_t visit_id, int64_t task_id, int64_t attachment_id,
                                   bool *is_visits) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT 1 FROM attachment x WHERE x.id = $1 AND x.owner_kind = 'visit' AND x.owner_id = $2 "
                        "AND x.uploaded_by IN (SELECT i.user_id FROM task_member m JOIN inspector i ON i.id = "
                        "m.inspector_id WHERE m.task_id = $3)",
                        DB_P(DBV_I(attachment_id), DBV_I(visit_id), DBV_I(task_id)), &r);
    *is_visits = !e && r.n_rows == 1;
    return e;
}
