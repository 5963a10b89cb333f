/* decision_store: 督办单 issued by decision (supervision_decision) and their 督办事项
 * (supervision_item). Reads apply a scope (finding_scope_where_of: the office's region, a
 * school account's own school and only sent ones). Memory is in the arena. */
#ifndef DUDAO_DECISION_STORE_H
#define DUDAO_DECISION_STORE_H

#include "store/db.h"
#include "store/scope.h"

typedef struct decision_item {
    int64_t n;
    const char *text, *deadline;
} decision_item_t;

typedef struct decision {
    int64_t id;
    const char *region_code, *county_code;
    int64_t school_id; /* the school addressed, or 0 for a unit */
    int64_t unit_id;   /* the 被督导单位 addressed, or 0 for a school */
    const char *school_name, *unit_name, *title, *basis, *state, *order_no;
    int64_t issued_by;
    const char *issued_by_name;
    int64_t created_at, signed_by;
    const char *signed_by_name;
    int64_t signed_at, sent_at;
    decision_item_t *items;
    size_t n_items;
} decision_t;

err_t *decision_store_insert(db_t *db, arena_t *a, decision_t *d, int64_t now);
/* ERR_NOT_FOUND outside scope; loads the items. */
err_t *decision_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, decision_t *out);
err_t *decision_store_list(db_t *db, arena_t *a, const scope_t *sc, decision_t **out, size_t *n);
err_t *decision_store_sign(db_t *db, arena_t *a, int64_t id, int64_t user_id, int64_t now);
err_t *decision_store_send(db_t *db, arena_t *a, int64_t id, int year, int64_t seq, const char *order_no, int64_t now);

#endif
