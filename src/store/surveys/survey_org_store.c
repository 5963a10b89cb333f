/* The SQL of the third-party survey organisations (see survey_org_store.h). */
#include "store/surveys/survey_org_store.h"

#include "store/rows.h"
#include "store/sqlb.h"

#define ORG_SELECT                                                                                                     \
    "SELECT o.id, o.county_code, g.name, o.name, o.credit_code, o.contract_no, o.contact, o.status, o.created_at, "    \
    "o.updated_at, (SELECT COUNT(*) FROM app_user u WHERE u.org_id = o.id), (SELECT COUNT(*) FROM survey_round r "     \
    "WHERE r.org_id = o.id) FROM survey_org o JOIN region g ON g.code = o.county_code WHERE 1=1"

static const store_col_t org_cols[] = {
    SC_I(survey_org_row_t, id),         SC_T(survey_org_row_t, county_code), SC_T(survey_org_row_t, county_name),
    SC_T(survey_org_row_t, name),       SC_T(survey_org_row_t, credit_code), SC_T(survey_org_row_t, contract_no),
    SC_T(survey_org_row_t, contact),    SC_T(survey_org_row_t, status),      SC_I(survey_org_row_t, created_at),
    SC_I(survey_org_row_t, updated_at), SC_I(survey_org_row_t, n_accounts),  SC_I(survey_org_row_t, n_rounds),
};
static const store_map_t org_map = STORE_MAP(survey_org_row_t, org_cols, NULL);

static void org_scope(sqlb_t *q, const scope_t *sc) {
    scope_and_path(q, sc, "g.path");
    scope_and_org(q, sc, "o.id");
}

err_t *survey_org_store_list(db_t *db, arena_t *a, const scope_t *sc, survey_org_row_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, ORG_SELECT);
    org_scope(&q, sc);
    sqlb_add(&q, " ORDER BY o.county_code, o.name, o.id");
    return store_list_q(db, a, &q, &org_map, out, n);
}

err_t *survey_org_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, survey_org_row_t *out, bool *found) {
    sqlb_t q;
    sqlb_init(&q, a, ORG_SELECT);
    org_scope(&q, sc);
    sqlb_addv(&q, " AND o.id = ", DBV_I(id));
    return store_find_q(db, a, &q, &org_map, out, found);
}

static err_t *name_conflict(arena_t *a, err_t *e, const char *name) {
    if (e && e->code == ERR_CONFLICT)
        return err_newf(a, ERR_CONFLICT, "name", "本县已有名为 %s 的评估机构",
                        "the county already has an organisation named %s", name, name);
    return e;
}

err_t *survey_org_store_insert(db_t *db, arena_t *a, const survey_org_row_t *o, int64_t now, int64_t *id) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO survey_org (county_code, name, credit_code, contract_no, contact, status, "
                        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                        DB_P(DBV_S(o->county_code), DBV_S(o->name), DBV_S(o->credit_code), DBV_S(o->contract_no),
                             DBV_S(o->contact), DBV_S(o->status), DBV_I(now)),
                        &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return name_conflict(a, e, o->name);
}

err_t *survey_org_store_update(db_t *db, arena_t *a, const survey_org_row_t *o, int64_t now) {
    return name_conflict(a,
                         db_query(db, a,
                                  "UPDATE survey_org SET name = $2, credit_code = $3, contract_no = $4, contact = $5, "
                                  "status = $6, updated_at = $7 WHERE id = $1",
                                  DB_P(DBV_I(o->id), DBV_S(o->name), DBV_S(o->credit_code), DBV_S(o->contract_no),
                                       DBV_S(o->contact), DBV_S(o->status), DBV_I(now)),
                                  NULL),
                         o->name);
}

static const store_col_t account_cols[] = {
    SC_I(survey_org_account_row_t, user_id),     SC_I(survey_org_account_row_t, expires_at),
    SC_T(survey_org_account_row_t, username),    SC_T(survey_org_account_row_t, display_name),
    SC_B(survey_org_account_row_t, is_disabled),
};
static const store_map_t account_map = STORE_MAP(survey_org_account_row_t, account_cols, NULL);

err_t *survey_org_store_accounts(db_t *db, arena_t *a, int64_t org_id, survey_org_account_row_t **out, size_t *n) {
    return store_list(db, a,
                      "SELECT id, expires_at, username, display_name, is_disabled FROM app_user WHERE org_id = $1 "
                      "ORDER BY username",
                      DB_P(DBV_I(org_id)), &account_map, out, n);
}

err_t *survey_org_store_disable_accounts(db_t *db, arena_t *a, int64_t org_id, int64_t now) {
    err_t *e = db_query(db, a, "DELETE FROM user_session WHERE user_id IN (SELECT id FROM app_user WHERE org_id = $1)",
                        DB_P(DBV_I(org_id)), NULL);
    if (e) return e;
    return db_query(db, a, "UPDATE app_user SET is_disabled = 1, updated_at = $2 WHERE org_id = $1",
                    DB_P(DBV_I(org_id), DBV_I(now)), NULL);
}
