/* complaint_store: the public's 举报投诉 (complaint, from a plaque's QR code) and what the public
 * page shows of a school. Reads by the office apply the findings scope (region, an inspector's
 * schools, a school's own). Rows are in the arena; the caller owns the transaction.
 * Errors: db_query's. Thread-safety: one connection per thread. */
#ifndef DUDAO_COMPLAINT_STORE_H
#define DUDAO_COMPLAINT_STORE_H

#include "store/db.h"
#include "store/scope.h"

/* An open school by its code, for the public page: rows (code, name, county name, an inspector's name), one
 * per open assignment (every 责任督学), the lead first; one row with a NULL name when none. */
err_t *complaint_store_school_card(db_t *db, arena_t *a, const char *school_code, db_rows_t *out);
/* An open school by its code: rows (id, name, region_code). */
err_t *complaint_store_school_by_code(db_t *db, arena_t *a, const char *school_code, db_rows_t *out);
/* Serialises complaints from one address until the transaction ends (PostgreSQL; SQLite's
 * write lock does it already). */
err_t *complaint_store_lock_address(db_t *db, arena_t *a, const char *ip_hash);
/* Complaints from the address since burst_since and since hour_since. */
err_t *complaint_store_recent(db_t *db, arena_t *a, const char *ip_hash, int64_t burst_since, int64_t hour_since,
                              int64_t *n_burst, int64_t *n_hour);

typedef struct complaint_new {
    const char *receipt_code;
    int64_t school_id;
    const char *region_code, *category, *content, *contact_name, *contact_phone, *ip_hash;
    int64_t now;
} complaint_new_t;

err_t *complaint_store_insert(db_t *db, arena_t *a, const complaint_new_t *c, int64_t *id);
/* What a receipt code shows: rows (receipt_code, school name, category, state, created_at,
 * handled_at, outcome, finding state, finding deadline, finding closed_at). */
err_t *complaint_store_by_receipt(db_t *db, arena_t *a, const char *receipt_code, db_rows_t *out);

/* Rows of complaints, columns: 0 id, 1 receipt_code, 2 school_id, 3 school name, 4 category,
 * 5 content, 6 contact_name, 7 contact_phone, 8 state, 9 outcome, 10 finding_id, 11 created_at,
 * 12 the school's lead inspector, 13 region_code (the school's, for the audit row). */
/* A page in scope (state NULL = all), newest first, and the total. */
err_t *complaint_store_list(db_t *db, arena_t *a, const scope_t *sc, const char *state, int64_t limit, int64_t offset,
                            db_rows_t *out, int64_t *total);
/* One in scope (sc NULL: any). */
err_t *complaint_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, db_rows_t *out);
/* How many in scope are in state. */
err_t *complaint_store_count(db_t *db, arena_t *a, const scope_t *sc, const char *state, int64_t *n);
/* Records the handling: state, outcome, the finding it became (0: none), who and when. */
err_t *complaint_store_finish(db_t *db, arena_t *a, int64_t id, const char *state, const char *outcome,
                              int64_t finding_id, int64_t by, int64_t now);

#endif
