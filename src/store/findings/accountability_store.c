#include "store/findings/accountability_store.h"

#include "store/aggregate.h"
#include "store/findings/finding_store.h"
#include "store/rows.h"
#include "store/sqlb.h"

#define A_COLS                                                                                                         \
    "SELECT x.id, x.region_code, x.school_id, s.name, x.finding_id, x.target_kind, x.target_name, x.measure, "         \
    "x.grounds, x.decided_on, x.review_apply_by, x.review_decide_by, x.appeal_apply_by, x.appeal_decide_by, "          \
    "x.review_state, x.appeal_state, x.is_aggravated, x.aggravation, x.created_at, x.received_on, "                    \
    "x.review_applied_on, x.review_decided_on, x.review_result_received_on, x.appeal_applied_on, x.case_id, "          \
    "x.archive_no, x.ground_category, x.basis, x.effective_on FROM accountability x "                                  \
    "LEFT JOIN "                                                                                                       \
    "school s ON s.id = x.school_id WHERE 1=1"

static db_val_t id_or_null(int64_t id) {
    return id ? DBV_I(id) : DBV_NUL;
}

err_t *accountability_store_list(db_t *db, arena_t *a, const scope_t *sc, db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, A_COLS);
    finding_scope_where_of(&q, a, sc, &FST_ACCOUNTABILITY);
    sqlb_add(&q, " ORDER BY x.decided_on DESC, x.id DESC LIMIT 500");
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *accountability_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, A_COLS);
    finding_scope_where_of(&q, a, sc, &FST_ACCOUNTABILITY);
    sqlb_addv(&q, " AND x.id = ", DBV_I(id));
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *accountability_store_previous(db_t *db, arena_t *a, const char *target_name, const char *target_kind,
                                     db_rows_t *out) {
    return db_query(db, a,
                    "SELECT x.decided_on, f.state FROM accountability x LEFT JOIN finding f ON f.id = x.finding_id "
                    "WHERE x.target_name = $1 AND x.target_kind = $2 ORDER BY x.decided_on DESC",
                    DB_P(DBV_S(target_name), DBV_S(target_kind)), out);
}

err_t *accountability_store_insert(db_t *db, arena_t *a, const accountability_new_t *x, int64_t *id) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO accountability (region_code, school_id, finding_id, target_kind, target_name, "
                        "measure, grounds, decided_on, review_apply_by, review_decide_by, appeal_apply_by, "
                        "appeal_decide_by, is_aggravated, aggravation, created_by, created_at) VALUES ($1, $2, $3, $4, "
                        "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
                        DB_P(DBV_S(x->region_code), id_or_null(x->school_id), id_or_null(x->finding_id),
                             DBV_S(x->target_kind), DBV_S(x->target_name), DBV_S(x->measure), DBV_S(x->grounds),
                             DBV_S(x->decided_on), DBV_S(x->review_apply_by), DBV_S(x->review_decide_by),
                             DBV_S(x->appeal_apply_by), DBV_S(x->appeal_decide_by), DBV_I(x->aggravation ? 1 : 0),
                             DBV_S(x->aggravation), DBV_I(x->created_by), DBV_I(x->now)),
                        &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

err_t *accountability_store_set_dates(db_t *db, arena_t *a, int64_t id, const accountability_dates_t *d) {
    return db_query(db, a,
                    "UPDATE accountability SET received_on = COALESCE($2, received_on), review_applied_on = "
                    "COALESCE($3, review_applied_on), review_decided_on = COALESCE($4, review_decided_on), "
                    "review_result_received_on = COALESCE($5, review_result_received_on), appeal_applied_on = "
                    "COALESCE($6, appeal_applied_on) WHERE id = $1",
                    DB_P(DBV_I(id), DBV_S(d->received_on), DBV_S(d->review_applied_on), DBV_S(d->review_decided_on),
                         DBV_S(d->review_result_received_on), DBV_S(d->appeal_applied_on)),
                    NULL);
}

err_t *accountability_store_set_step(db_t *db, arena_t *a, int64_t id, bool is_review, const char *state) {
    const char *sql = is_review ? "UPDATE accountability SET review_state = $2 WHERE id = $1"
                                : "UPDATE accountability SET appeal_state = $2 WHERE id = $1";
    return db_query(db, a, sql, DB_P(DBV_I(id), DBV_S(state)), NULL);
}

err_t *interview_store_list(db_t *db, arena_t *a, const scope_t *sc, db_rows_t *out) {
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT x.id, x.school_id, s.name, x.finding_id, x.target_name, x.held_on, x.place, x.summary FROM "
              "interview x LEFT JOIN school s ON s.id = x.school_id WHERE 1=1");
    finding_scope_where_of(&q, a, sc, &FST_ACCOUNTABILITY);
    sqlb_add(&q, " ORDER BY x.held_on DESC, x.id DESC LIMIT 500");
    return db_query(db, a, sqlb_sql(&q), q.params, q.n_params, out);
}

err_t *interview_store_insert(db_t *db, arena_t *a, const interview_new_t *x, int64_t *id) {
    db_rows_t r;
    err_t *e =
        db_query(db, a,
                 "INSERT INTO interview (region_code, school_id, finding_id, target_name, held_on, place, "
                 "summary, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                 DB_P(DBV_S(x->region_code), id_or_null(x->school_id), id_or_null(x->finding_id), DBV_S(x->target_name),
                      DBV_S(x->held_on), DBV_S(x->place), DBV_S(x->summary), DBV_I(x->created_by), DBV_I(x->now)),
                 &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

/* ---- 问责调查 cases ---- */

static const store_map_t acc_case_map = AGG_STORE_MAP(accountability_case_t, &accountability_case_agg, false);

static void acc_case_select(sqlb_t *q, arena_t *a, const scope_t *sc) {
    sqlb_init(q, a,
              arena_printf(a,
                           "%sFROM accountability_case k LEFT JOIN school s ON s.id = k.school_id LEFT JOIN unit u ON "
                           "u.id = k.unit_id WHERE 1=1",
                           agg_select_list(a, &accountability_case_agg)));
    finding_scope_where_of(q, a, sc, &FST_ACC_CASE);
}

err_t *accountability_case_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, accountability_case_t *out) {
    sqlb_t q;
    acc_case_select(&q, a, sc);
    sqlb_addv(&q, " AND k.id = ", DBV_I(id));
    return store_get_q(db, a, &q, &acc_case_map, out,
                       &(store_missing_t){"id", "问责调查", "accountability case", id, true});
}

err_t *accountability_case_store_list(db_t *db, arena_t *a, const scope_t *sc, const char *state,
                                      accountability_case_t **out, size_t *n) {
    sqlb_t q;
    acc_case_select(&q, a, sc);
    if (state) sqlb_addv(&q, " AND k.state = ", DBV_S(state));
    sqlb_add(&q, " ORDER BY k.id DESC LIMIT 500");
    return store_list_q(db, a, &q, &acc_case_map, out, n);
}

err_t *accountability_case_store_insert(db_t *db, arena_t *a, const accountability_case_t *c, int64_t now,
                                        int64_t *id) {
    return agg_insert(db, a, &accountability_case_agg, c, now, id);
}

err_t *accountability_case_store_update(db_t *db, arena_t *a, const accountability_case_t *c, int64_t now) {
    return agg_update(db, a, &accountability_case_agg, c, c->id, now);
}

err_t *accountability_store_set_decision(db_t *db, arena_t *a, int64_t id, int64_t case_id, const char *archive_no,
                                         int64_t ground_category, const char *basis, const char *effective_on) {
    return db_query(db, a,
                    "UPDATE accountability SET case_id = $2, archive_no = $3, ground_category = $4, basis = $5, "
                    "effective_on = $6 WHERE id = $1",
                    DB_P(DBV_I(id), id_or_null(case_id), DBV_S(archive_no),
                         ground_category ? DBV_I(ground_category) : DBV_NUL, DBV_S(basis), DBV_S(effective_on)),
                    NULL);
}
