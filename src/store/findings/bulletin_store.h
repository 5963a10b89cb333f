/* bulletin_store: the 督导通报 (bulletin, composed from a county's findings of a period, then
 * approved and published with its 文号), and the figures a bulletin is composed from.
 * A bulletin is read within a region scope (its county lies in the caller's subtree) or, for
 * the public, only once published. Rows are in the arena; the caller owns the transaction.
 * Errors: db_query's; a missing bulletin is the caller's to report (n_rows 0).
 * Thread-safety: one connection per thread. */
#ifndef DUDAO_BULLETIN_STORE_H
#define DUDAO_BULLETIN_STORE_H

#include "store/db.h"
#include "store/scope.h"

/* The findings a bulletin covers: issued in [from, to) (seconds) in the county's subtree. */
typedef struct bulletin_period {
    const char *county_path; /* "/330000/330500/330521/" */
    int64_t from, to;
} bulletin_period_t;

/* One row: issued, schools, closed, overdue (as of today) among the period's findings. */
err_t *bulletin_store_totals(db_t *db, arena_t *a, const bulletin_period_t *p, const char *today, db_rows_t *out);
/* The county's 督办单 created in [p->from, until). */
err_t *bulletin_store_orders_count(db_t *db, arena_t *a, const bulletin_period_t *p, int64_t until, int64_t *n);
/* Rows (category, n), most first. */
err_t *bulletin_store_by_category(db_t *db, arena_t *a, const bulletin_period_t *p, db_rows_t *out);
/* Rows (town name, n, n_closed), best closure rate first. */
err_t *bulletin_store_towns(db_t *db, arena_t *a, const bulletin_period_t *p, db_rows_t *out);
/* The ten schools with most findings: rows (name, n, n_closed, principal). */
err_t *bulletin_store_top_schools(db_t *db, arena_t *a, const bulletin_period_t *p, db_rows_t *out);
/* The county's overdue findings now (at most 20, earliest deadline first): rows (unit,
 * description, deadline, responsible person, order_no). */
err_t *bulletin_store_overdue_cases(db_t *db, arena_t *a, const char *county_path, const char *today, db_rows_t *out);
/* Every person's name the county's data knows (principals, inspectors, responsible persons): rows (name). */
err_t *bulletin_store_person_names(db_t *db, arena_t *a, const char *county_path, db_rows_t *out);

typedef struct bulletin_new {
    const char *county_code, *title, *period_from, *period_to, *body, *data_json, *redactions_json;
    int64_t composed_by, now;
} bulletin_new_t;

/* Inserts a draft; *id its id. */
err_t *bulletin_store_insert(db_t *db, arena_t *a, const bulletin_new_t *b, int64_t *id);

/* Rows of bulletins, columns: 0 id, 1 region_code, 2 county name, 3 title, 4 period_from,
 * 5 period_to, 6 body, 7 data_json, 8 redactions, 9 state, 10 bulletin_no, 11 composed_by,
 * 12 approved_by, 13 approved_at, 14 published_at, 15 created_at, 16 updated_at,
 * 17 composer's name, 18 approver's name. */
/* One bulletin in scope, or (sc NULL) a published one. */
err_t *bulletin_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, db_rows_t *out);
/* The newest 200 in scope. */
err_t *bulletin_store_list(db_t *db, arena_t *a, const scope_t *sc, db_rows_t *out);
/* The newest 100 published. */
err_t *bulletin_store_public_list(db_t *db, arena_t *a, db_rows_t *out);

err_t *bulletin_store_update(db_t *db, arena_t *a, int64_t id, const char *title, const char *body,
                             const char *redactions_json, int64_t now);
/* Records that user `by` edited draft id (changes_json: the fields changed, a JSON array). */
err_t *bulletin_store_record_edit(db_t *db, arena_t *a, int64_t id, int64_t by, const char *changes_json, int64_t now);
/* Whether user_id composed draft id or edited it (*has_changed); false for an unknown id. */
err_t *bulletin_store_changed_by(db_t *db, arena_t *a, int64_t id, int64_t user_id, bool *has_changed);
err_t *bulletin_store_approve(db_t *db, arena_t *a, int64_t id, int64_t by, int64_t now);
err_t *bulletin_store_publish(db_t *db, arena_t *a, int64_t id, const char *bulletin_no, int64_t now);

#endif
