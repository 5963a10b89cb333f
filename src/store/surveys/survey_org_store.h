/* survey_org_store: the SQL of the third-party survey organisations (第三方评估机构, migration
 * 025) a county office commissions to run survey rounds. Reads take a scope_t: an org is seen
 * by the accounts whose region holds its county, and by its own evaluator accounts.
 * Memory in the arena. Errors as db.h. Thread-safety: one db_t per thread. */
#ifndef DUDAO_SURVEY_ORG_STORE_H
#define DUDAO_SURVEY_ORG_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "store/scope.h"

typedef struct survey_org_row {
    int64_t id;
    const char *county_code, *county_name, *name, *credit_code, *contract_no, *contact, *status;
    int64_t created_at, updated_at;
    int64_t n_accounts, n_rounds; /* its evaluator accounts (any state), its rounds */
} survey_org_row_t;

/* The orgs in scope, by county then name. */
err_t *survey_org_store_list(db_t *db, arena_t *a, const scope_t *sc, survey_org_row_t **out, size_t *n);
/* One org in scope; *found false otherwise. */
err_t *survey_org_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, survey_org_row_t *out, bool *found);
/* ERR_CONFLICT (field name) when the county already has an org of that name. */
err_t *survey_org_store_insert(db_t *db, arena_t *a, const survey_org_row_t *o, int64_t now, int64_t *id);
err_t *survey_org_store_update(db_t *db, arena_t *a, const survey_org_row_t *o, int64_t now);

typedef struct survey_org_account_row {
    int64_t user_id, expires_at;
    const char *username, *display_name;
    bool is_disabled;
} survey_org_account_row_t;
/* The evaluator accounts of an org, by username. */
err_t *survey_org_store_accounts(db_t *db, arena_t *a, int64_t org_id, survey_org_account_row_t **out, size_t *n);
/* Disables every account of an org (the org is closed: its commission ended) and ends their
 * sessions. */
err_t *survey_org_store_disable_accounts(db_t *db, arena_t *a, int64_t org_id, int64_t now);

#endif
