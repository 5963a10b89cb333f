#include "store/platform/attachment_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/platform/region_store.h"
#include "store/rows.h"

#define ATTACHMENT_SELECT                                                                                              \
    "SELECT t.id, t.hash, t.mime, t.size_bytes, t.name, t.region_code, t.school_id, t.owner_kind, t.owner_id, "        \
    "t.taken_at, t.lat, t.lng, t.uploaded_by, u.display_name, t.created_at "                                           \
    "FROM attachment t JOIN region r ON r.code = t.region_code LEFT JOIN app_user u ON u.id = t.uploaded_by "

/* $2: the region LIKE pattern, $3: the inspector's user id or 0. An inspector reads the files
 * of the schools it holds, its own uploads, and the photos of the visits of tasks it is on (a
 * 专项 or 综合 team visits schools its members do not hold). */
#define ATTACHMENT_SCOPE                                                                                               \
    "r.path LIKE $2 AND (CAST($3 AS BIGINT) = 0 OR t.uploaded_by = CAST($3 AS BIGINT) OR EXISTS (SELECT 1 FROM "       \
    "assignment y JOIN inspector yi ON yi.id = y.inspector_id WHERE y.school_id = t.school_id AND "                    \
    "y.ends_on IS NULL AND yi.user_id = CAST($3 AS BIGINT)) OR (t.owner_kind = 'visit' AND EXISTS (SELECT 1 "          \
    "FROM visit v JOIN task_member m ON m.task_id = v.task_id JOIN inspector mi ON mi.id = m.inspector_id "            \
    "WHERE v.id = t.owner_id AND mi.user_id = CAST($3 AS BIGINT)))) "

/* lat and lng come as text (exact decimals on both engines); a position needs both. */
static void attachment_position(const store_map_t *m, const db_rows_t *r, size_t i, void *obj) {
    (void)m;
    attachment_t *o = obj;
    o->has_position = db_cell(r, i, 10) && db_cell(r, i, 11);
    o->lat = o->has_position ? strtod(db_cell(r, i, 10), NULL) : 0;
    o->lng = o->has_position ? strtod(db_cell(r, i, 11), NULL) : 0;
}

static const store_col_t attachment_cols[] = {
    SC_I(attachment_t, id),          SC_T(attachment_t, hash),       SC_T(attachment_t, mime),
    SC_I(attachment_t, size_bytes),  SC_T(attachment_t, name),       SC_T(attachment_t, region_code),
    SC_I(attachment_t, school_id),   SC_T(attachment_t, owner_kind), SC_I(attachment_t, owner_id),
    SC_I(attachment_t, taken_at),    SC_NONE,                        SC_NONE,
    SC_I(attachment_t, uploaded_by), SC_T(attachment_t, uploaded_by_name), SC_I(attachment_t, created_at),
};
static const store_map_t attachment_map = STORE_MAP(attachment_t, attachment_cols, attachment_position);

err_t *attachment_store_insert(db_t *db, arena_t *a, attachment_t *x) {
    db_val_t lat = x->has_position ? DBV_S(arena_printf(a, "%.7f", x->lat)) : DBV_NUL;
    db_val_t lng = x->has_position ? DBV_S(arena_printf(a, "%.7f", x->lng)) : DBV_NUL;
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO attachment (hash, mime, size_bytes, name, region_code, school_id, owner_kind, "
                        "owner_id, taken_at, lat, lng, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                        "$8, $9, CAST($10 AS DOUBLE PRECISION), CAST($11 AS DOUBLE PRECISION), $12, $13) RETURNING id",
                        DB_P(DBV_S(x->hash), DBV_S(x->mime), DBV_I(x->size_bytes), DBV_S(x->name),
                             DBV_S(x->region_code), x->school_id ? DBV_I(x->school_id) : DBV_NUL, DBV_S(x->owner_kind),
                             x->owner_id ? DBV_I(x->owner_id) : DBV_NUL, x->taken_at ? DBV_I(x->taken_at) : DBV_NUL,
                             lat, lng, x->uploaded_by ? DBV_I(x->uploaded_by) : DBV_NUL, DBV_I(x->created_at)),
                        &r);
    if (e) return e;
    x->id = db_scalar_int(&r, 0);
    return NULL;
}

err_t *attachment_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, attachment_t *out) {
    return store_get(db, a, ATTACHMENT_SELECT "WHERE t.id = $1 AND " ATTACHMENT_SCOPE,
                     DB_P(DBV_I(id), DBV_S(scope_like(a, sc->region_path)), DBV_I(sc->inspector_user_id)),
                     &attachment_map, out, &(store_missing_t){"attachment_id", "附件", "attachment", id, false});
}

err_t *attachment_store_list_owner(db_t *db, arena_t *a, const scope_t *sc, const char *owner_kind,
                                   int64_t owner_id, attachment_t **out, size_t *n_out) {
    return store_list(db, a,
                      ATTACHMENT_SELECT "WHERE t.owner_kind = $4 AND t.owner_id = $1 AND " ATTACHMENT_SCOPE
                                        "ORDER BY t.created_at, t.id",
                      DB_P(DBV_I(owner_id), DBV_S(scope_like(a, sc->region_path)), DBV_I(sc->inspector_user_id),
                           DBV_S(owner_kind)),
                      &attachment_map, out, n_out);
}

err_t *attachment_store_link(db_t *db, arena_t *a, int64_t id, const char *owner_kind, int64_t owner_id,
                             bool *is_linked) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "UPDATE attachment SET owner_kind = $2, owner_id = $3 WHERE id = $1 AND "
                        "(owner_id IS NULL OR (owner_kind = $2 AND owner_id = $3))",
                        DB_P(DBV_I(id), DBV_S(owner_kind), DBV_I(owner_id)), &r);
    if (e) return e;
    *is_linked = r.n_changed == 1;
    return NULL;
}

/* The owners a client may name when it uploads, each with the query that gives the owner's
 * school and region. */
static const struct owner_rule {
    const char *kind;
    const char *sql; /* $1 the owner id → school_id, region_code */
} owner_rules[] = {
    {"finding", "SELECT school_id, region_code FROM finding WHERE id = $1"},
};

err_t *attachment_store_owner_place(db_t *db, arena_t *a, const char *owner_kind, int64_t owner_id, bool *is_namable,
                                    bool *is_found, int64_t *school_id, const char **region_code) {
    const struct owner_rule *rule = NULL;
    for (size_t i = 0; i < sizeof owner_rules / sizeof owner_rules[0]; i++)
        if (owner_kind && strcmp(owner_rules[i].kind, owner_kind) == 0) rule = &owner_rules[i];
    *is_namable = rule != NULL;
    *is_found = false;
    if (!rule) return NULL;
    db_rows_t r;
    err_t *e = db_query(db, a, rule->sql, DB_P(DBV_I(owner_id)), &r);
    if (e || r.n_rows == 0) return e;
    *is_found = true;
    *school_id = db_cell_int(&r, 0, 0);
    *region_code = db_cell(&r, 0, 1);
    return NULL;
}
