/* The SQL of 突发事件 reports (see incident_store.h). */
#include "store/incidents/incident_store.h"

#include <string.h>

#include "store/sqlb.h"

#define COLS                                                                                                           \
    "i.id, i.school_id, s.name, i.region_code, r.name, i.title, i.description, i.category, i.severity, i.told, "       \
    "i.state, i.occurred_at, i.reported_by, u.display_name, i.reported_at, i.handled_by, i.handled_at, "               \
    "i.handled_note, i.closed_by, i.closed_at, i.closed_note, i.finding_id"
#define FROM                                                                                                           \
    " FROM incident i JOIN school s ON s.id = i.school_id JOIN region r ON r.code = i.region_code "                    \
    "JOIN app_user u ON u.id = i.reported_by WHERE 1 = 1"

static const char *txt(const db_rows_t *r, size_t i, size_t c) {
    const char *s = db_cell(r, i, c);
    return s ? s : "";
}

static void read_row(const db_rows_t *r, size_t i, incident_t *o) {
    memset(o, 0, sizeof *o);
    o->id = db_cell_int(r, i, 0);
    o->school_id = db_cell_int(r, i, 1);
    o->school_name = txt(r, i, 2);
    o->region_code = txt(r, i, 3);
    o->region_name = txt(r, i, 4);
    o->title = txt(r, i, 5);
    o->description = txt(r, i, 6);
    o->category = txt(r, i, 7);
    o->severity = txt(r, i, 8);
    o->told = txt(r, i, 9);
    o->state = txt(r, i, 10);
    o->occurred_at = db_cell_int(r, i, 11);
    o->reported_by = db_cell_int(r, i, 12);
    o->reported_by_name = txt(r, i, 13);
    o->reported_at = db_cell_int(r, i, 14);
    o->handled_by = db_cell(r, i, 15) ? db_cell_int(r, i, 15) : 0;
    o->handled_at = db_cell(r, i, 16) ? db_cell_int(r, i, 16) : 0;
    o->handled_note = db_cell(r, i, 17);
    o->closed_by = db_cell(r, i, 18) ? db_cell_int(r, i, 18) : 0;
    o->closed_at = db_cell(r, i, 19) ? db_cell_int(r, i, 19) : 0;
    o->closed_note = db_cell(r, i, 20);
    o->finding_id = db_cell(r, i, 21) ? db_cell_int(r, i, 21) : 0;
}

/* The scope: the region subtree; an inspector its own reports or its schools'; a school
 * account nothing. */
static void and_scope(sqlb_t *q, const scope_t *sc) {
    scope_and_path(q, sc, "r.path");
    if (sc->school_id) sqlb_add(q, " AND 1 = 0");
    if (sc->inspector_user_id > 0) {
        sqlb_addv(q, " AND (i.reported_by = ", DBV_I(sc->inspector_user_id));
        scope_t held = {.inspector_user_id = sc->inspector_user_id};
        sqlb_add(q, " OR 1 = 1");
        scope_and_school(q, &held, "i.school_id"); /* "OR 1 = 1 AND EXISTS (...)": AND binds first */
        sqlb_add(q, ")");
    }
}

err_t *incident_store_insert(db_t *db, arena_t *a, incident_t *x) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO incident (school_id, region_code, title, description, category, severity, "
                        "occurred_at, told, state, reported_by, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                        "'received', $9, $10) RETURNING id",
                        DB_P(DBV_I(x->school_id), DBV_S(x->region_code), DBV_S(x->title), DBV_S(x->description),
                             DBV_S(x->category), DBV_S(x->severity), DBV_I(x->occurred_at),
                             DBV_S(x->told ? x->told : ""), DBV_I(x->reported_by), DBV_I(x->reported_at)),
                        &r);
    if (!e) x->id = db_scalar_int(&r, 0);
    return e;
}

err_t *incident_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, incident_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, "SELECT " COLS FROM);
    sqlb_addv(&q, " AND i.id = ", DBV_I(id));
    and_scope(&q, sc);
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    if (r.n_rows == 0)
        return err_newf(a, ERR_NOT_FOUND, "incident_id", "突发事件报告 %lld 不存在", "incident report %lld not found",
                        (long long)id, (long long)id);
    read_row(&r, 0, out);
    return NULL;
}

err_t *incident_store_list(db_t *db, arena_t *a, const scope_t *sc, const char *state, int64_t limit, incident_t **out,
                           size_t *n, int64_t *n_received) {
    sqlb_t q;
    sqlb_init(&q, a, "SELECT " COLS FROM);
    if (state) sqlb_addv(&q, " AND i.state = ", DBV_S(state));
    and_scope(&q, sc);
    sqlb_addv(&q, " ORDER BY i.reported_at DESC, i.id DESC LIMIT ", DBV_I(limit));
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        read_row(&r, i, &(*out)[i]);
    *n = r.n_rows;
    sqlb_t c;
    sqlb_init(&c, a, "SELECT COUNT(*)" FROM " AND i.state = 'received'");
    and_scope(&c, sc);
    db_rows_t cr;
    if ((e = db_query(db, a, sqlb_sql(&c), c.params, c.n_params, &cr))) return e;
    *n_received = db_scalar_int(&cr, 0);
    return NULL;
}

err_t *incident_store_set_state(db_t *db, arena_t *a, int64_t id, const char *state, int64_t user_id, int64_t now,
                                const char *note) {
    const char *sql = strcmp(state, "handled") == 0
                          ? "UPDATE incident SET state = $1, handled_by = $2, handled_at = $3, handled_note = $4 "
                            "WHERE id = $5"
                          : "UPDATE incident SET state = $1, closed_by = $2, closed_at = $3, closed_note = $4 "
                            "WHERE id = $5";
    return db_query(db, a, sql, DB_P(DBV_S(state), DBV_I(user_id), DBV_I(now), DBV_S(note), DBV_I(id)), NULL);
}

err_t *incident_store_set_finding(db_t *db, arena_t *a, int64_t id, int64_t finding_id) {
    return db_query(db, a, "UPDATE incident SET finding_id = $1 WHERE id = $2", DB_P(DBV_I(finding_id), DBV_I(id)),
                    NULL);
}
