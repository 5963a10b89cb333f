#include "store/visits/task_store.h"

#include "store/rows.h"

#include <string.h>

#include "store/platform/region_store.h"
#include "store/sqlb.h"

#define TASK_SELECT                                                                                                    \
    "SELECT t.id, t.kind, t.title, t.region_code, r.name, t.framework_version_id, t.framework_code, "                  \
    "t.notice_mode, t.month, t.owner_inspector_id, t.starts_on, t.due_on, t.status, t.step, t.description, "           \
    "t.notice_text, t.created_by, t.created_at, t.updated_at, "                                                        \
    "(SELECT COUNT(*) FROM task_target c WHERE c.task_id = t.id), "                                                    \
    "(SELECT COUNT(*) FROM task_target c WHERE c.task_id = t.id AND c.status = 'visited'), "                           \
    "(SELECT COUNT(*) FROM visit c WHERE c.task_id = t.id) "                                                           \
    "FROM task t JOIN region r ON r.code = t.region_code "

static const store_col_t task_cols[] = {
    SC_I(task_t, id),
    SC_T(task_t, kind),
    SC_T(task_t, title),
    SC_T(task_t, region_code),
    SC_T(task_t, region_name),
    SC_I(task_t, framework_version_id),
    SC_T(task_t, framework_code),
    SC_T(task_t, notice_mode),
    SC_T(task_t, month),
    SC_I(task_t, owner_inspector_id),
    SC_T(task_t, starts_on),
    SC_T(task_t, due_on),
    SC_T(task_t, status),
    SC_T(task_t, step),
    SC_T(task_t, description),
    SC_T(task_t, notice_text),
    SC_I(task_t, created_by),
    SC_I(task_t, created_at),
    SC_I(task_t, updated_at),
    SC_I(task_t, n_targets),
    SC_I(task_t, n_visited),
    SC_I(task_t, n_started),
};
static const store_map_t task_map = STORE_MAP_ZEROED(task_t, task_cols, NULL);

/* The answering side's own targets: " AND <col> IN (the targets of its school or unit)";
 * nothing for the supervising side. */
static void own_targets(sqlb_t *q, const scope_t *sc, const char *col) {
    if (sc->school_id > 0)
        sqlb_addv(q, arena_printf(q->a, " AND %s IN (SELECT id FROM task_target WHERE school_id = ", col),
                  DBV_I(sc->school_id));
    else if (sc->unit_id > 0)
        sqlb_addv(q, arena_printf(q->a, " AND %s IN (SELECT id FROM task_target WHERE unit_id = ", col),
                  DBV_I(sc->unit_id));
    else
        return;
    sqlb_add(q, ")");
}

static void task_scope_where(sqlb_t *q, const scope_t *sc) {
    sqlb_add(q, "WHERE 1 = 1");
    scope_and_path(q, sc, "r.path");
    scope_and_task_member(q, sc, "t.id");
    if (sc->unit_id != 0) { /* a 被督导单位: the tasks that target it (< 0: an account without a unit: none) */
        sqlb_addv(q, " AND EXISTS (SELECT 1 FROM task_target ut WHERE ut.task_id = t.id AND ut.unit_id = ",
                  DBV_I(sc->unit_id));
        sqlb_add(q, " AND t.notice_mode = 'announced')");
    } else if (sc->school_id != 0) { /* < 0: an account without a school sees none */
        /* the school's view: tasks that target it and are announced, or under which a visit of
         * the school has been submitted (四不两直) */
        sqlb_addv(q, " AND EXISTS (SELECT 1 FROM task_target st WHERE st.task_id = t.id AND st.school_id = ",
                  DBV_I(sc->school_id));
        sqlb_add(q, " AND (t.notice_mode = 'announced' OR EXISTS (SELECT 1 FROM visit sv WHERE sv.target_id = st.id "
                    "AND sv.status = 'submitted')))");
    }
}

static err_t *task_load_details(db_t *db, arena_t *a, const scope_t *sc, task_t *t) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT m.inspector_id, i.name, m.role, i.user_id FROM task_member m JOIN inspector i ON "
                        "i.id = m.inspector_id WHERE m.task_id = $1 ORDER BY m.role = 'leader' DESC, i.name",
                        DB_P(DBV_I(t->id)), &r);
    if (e) return e;
    t->members = arena_alloc(a, r.n_rows * sizeof *t->members);
    t->n_members = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        t->members[i] =
            (task_member_row_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2), db_cell_int(&r, i, 3)};
    sqlb_t q;
    sqlb_init(&q, a,
              "SELECT g.id, g.task_id, g.school_id, s.name, g.region_code, rg.name, g.status, v.id, v.status, "
              "s.lat, s.lng, g.step, g.unit_id, un.name FROM task_target g JOIN region rg ON rg.code = g.region_code "
              "LEFT JOIN school s ON s.id = g.school_id LEFT JOIN visit v ON v.target_id = g.id "
              "LEFT JOIN unit un ON un.id = g.unit_id ");
    sqlb_addv(&q, "WHERE g.task_id = ", DBV_I(t->id));
    if (sc->school_id != 0) sqlb_addv(&q, " AND g.school_id = ", DBV_I(sc->school_id));
    if (sc->unit_id != 0) sqlb_addv(&q, " AND g.unit_id = ", DBV_I(sc->unit_id));
    sqlb_add(&q, " ORDER BY s.code, g.region_code");
    if ((e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r))) return e;
    t->targets = arena_alloc(a, r.n_rows * sizeof *t->targets);
    t->n_targets_loaded = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++) {
        task_target_row_t *g = &t->targets[i];
        g->id = db_cell_int(&r, i, 0);
        g->task_id = db_cell_int(&r, i, 1);
        g->school_id = db_cell_int(&r, i, 2);
        g->school_name = db_cell(&r, i, 3);
        g->region_code = db_cell(&r, i, 4);
        g->region_name = db_cell(&r, i, 5);
        g->status = db_cell(&r, i, 6);
        g->visit_id = db_cell_int(&r, i, 7);
        g->visit_status = db_cell(&r, i, 8);
        g->school_lat = db_cell(&r, i, 9);
        g->school_lng = db_cell(&r, i, 10);
        g->step = db_cell(&r, i, 11);
        g->unit_id = db_cell_int(&r, i, 12);
        g->unit_name = db_cell(&r, i, 13);
        /* a school never learns of a draft visit (四不两直 and unfinished work) */
        if (sc->school_id > 0 && g->visit_status && strcmp(g->visit_status, "submitted") != 0) {
            g->visit_id = 0;
            g->visit_status = NULL;
        }
    }
    /* a school account reads only the steps of its own target, never another school's */
    sqlb_init(&q, a,
              "SELECT p.id, p.target_id, p.step, p.note, p.attachment_id, u.display_name, p.done_at FROM task_step p "
              "LEFT JOIN app_user u ON u.id = p.done_by ");
    sqlb_addv(&q, "WHERE p.task_id = ", DBV_I(t->id));
    own_targets(&q, sc, "p.target_id");
    sqlb_add(&q, " ORDER BY p.id");
    if ((e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r))) return e;
    t->steps = arena_alloc(a, (r.n_rows + 1) * sizeof *t->steps);
    t->n_steps = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        t->steps[i] =
            (task_step_row_t){db_cell_int(&r, i, 0), db_cell_int(&r, i, 1), db_cell(&r, i, 2),    db_cell(&r, i, 3),
                              db_cell_int(&r, i, 4), db_cell(&r, i, 5),     db_cell_int(&r, i, 6)};
    sqlb_init(&q, a,
              "SELECT h.id, h.target_id, h.kind, h.held_on, h.n_participants, h.summary, u.display_name FROM "
              "task_hearing h LEFT JOIN app_user u ON u.id = h.recorded_by ");
    sqlb_addv(&q, "WHERE h.task_id = ", DBV_I(t->id));
    own_targets(&q, sc, "h.target_id");
    sqlb_add(&q, " ORDER BY h.id");
    if ((e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r))) return e;
    t->hearings = arena_alloc(a, (r.n_rows + 1) * sizeof *t->hearings);
    t->n_hearings = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        t->hearings[i] =
            (task_hearing_row_t){db_cell_int(&r, i, 0), db_cell_int(&r, i, 1), db_cell(&r, i, 2), db_cell(&r, i, 3),
                                 db_cell_int(&r, i, 4), db_cell(&r, i, 5),     db_cell(&r, i, 6)};
    if ((e = db_query(
             db, a,
             "SELECT x.user_id, u.display_name, x.kind, x.org, u.expires_at FROM task_expert x JOIN app_user u "
             "ON u.id = x.user_id WHERE x.task_id = $1 ORDER BY x.added_at, x.user_id",
             DB_P(DBV_I(t->id)), &r)))
        return e;
    t->experts = arena_alloc(a, (r.n_rows + 1) * sizeof *t->experts);
    t->n_experts = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        t->experts[i] = (task_expert_row_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2),
                                            db_cell(&r, i, 3), db_cell_int(&r, i, 4)};
    t->n_expert_notes = 0;
    if (sc->school_id != 0 || sc->unit_id != 0) return NULL; /* the team's opinions are not the school's to read */
    if ((e = db_query(
             db, a,
             "SELECT n.id, n.target_id, n.user_id, u.display_name, n.text, n.created_at FROM task_expert_note n "
             "JOIN app_user u ON u.id = n.user_id WHERE n.task_id = $1 ORDER BY n.id",
             DB_P(DBV_I(t->id)), &r)))
        return e;
    t->expert_notes = arena_alloc(a, (r.n_rows + 1) * sizeof *t->expert_notes);
    t->n_expert_notes = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++)
        t->expert_notes[i] =
            (task_expert_note_row_t){db_cell_int(&r, i, 0), db_cell_int(&r, i, 1), db_cell_int(&r, i, 2),
                                     db_cell(&r, i, 3),     db_cell(&r, i, 4),     db_cell_int(&r, i, 5)};
    return NULL;
}

err_t *task_store_add_expert(db_t *db, arena_t *a, int64_t task_id, int64_t user_id, const char *kind, const char *org,
                             int64_t by, int64_t now) {
    return db_query(db, a,
                    "INSERT INTO task_expert (task_id, user_id, kind, org, added_by, added_at) VALUES ($1, $2, $3, $4, "
                    "$5, $6)",
                    DB_P(DBV_I(task_id), DBV_I(user_id), DBV_S(kind), DBV_S(org), DBV_I(by), DBV_I(now)), NULL);
}

err_t *task_store_remove_expert(db_t *db, arena_t *a, int64_t task_id, int64_t user_id, bool *removed) {
    db_rows_t r;
    err_t *e = db_query(db, a, "DELETE FROM task_expert WHERE task_id = $1 AND user_id = $2",
                        DB_P(DBV_I(task_id), DBV_I(user_id)), &r);
    if (!e) *removed = r.n_changed > 0;
    return e;
}

err_t *task_store_add_expert_note(db_t *db, arena_t *a, int64_t task_id, int64_t target_id, int64_t user_id,
                                  const char *text, int64_t now, int64_t *id) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO task_expert_note (task_id, target_id, user_id, text, created_at) VALUES ($1, $2, "
                        "$3, $4, $5) RETURNING id",
                        DB_P(DBV_I(task_id), DBV_I(target_id), DBV_I(user_id), DBV_S(text), DBV_I(now)), &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

err_t *task_store_add_hearing(db_t *db, arena_t *a, int64_t task_id, int64_t target_id, const char *kind,
                              const char *held_on, int64_t n_participants, const char *summary, int64_t user_id,
                              int64_t now) {
    return db_query(db, a,
                    "INSERT INTO task_hearing (task_id, target_id, kind, held_on, n_participants, summary, "
                    "recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    DB_P(DBV_I(task_id), DBV_I(target_id), DBV_S(kind), DBV_S(held_on), DBV_I(n_participants),
                         DBV_S(summary), user_id ? DBV_I(user_id) : DBV_NUL, DBV_I(now)),
                    NULL);
}

err_t *task_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, task_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, TASK_SELECT);
    task_scope_where(&q, sc);
    sqlb_addv(&q, " AND t.id = ", DBV_I(id));
    err_t *e = store_get_q(db, a, &q, &task_map, out, &(store_missing_t){"task_id", "督导任务", "task", id, true});
    return e ? e : task_load_details(db, a, sc, out);
}

static const char *task_order(arena_t *a, const char *sort) {
    (void)a;
    static const struct {
        const char *key, *asc, *desc;
    } keys[] = {
        {"due_on", "t.due_on", "t.due_on DESC"},
        {"created_at", "t.created_at", "t.created_at DESC"},
        {"title", "t.title", "t.title DESC"},
    };
    if (!sort) return "t.due_on DESC";
    bool is_desc = sort[0] == '-';
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i].key, sort + is_desc) == 0) return is_desc ? keys[i].desc : keys[i].asc;
    return NULL;
}

err_t *task_store_list(db_t *db, arena_t *a, const scope_t *sc, const task_filter_t *f, task_t **out, size_t *n_out,
                       int64_t *total) {
    const char *order = task_order(a, NULL);
    sqlb_t w;
    sqlb_init(&w, a, "");
    task_scope_where(&w, sc);
    if (f->kind) sqlb_addv(&w, " AND t.kind = ", DBV_S(f->kind));
    if (f->status) sqlb_addv(&w, " AND t.status = ", DBV_S(f->status));
    if (f->month) sqlb_addv(&w, " AND t.month = ", DBV_S(f->month));
    if (f->due_before) sqlb_addv(&w, " AND t.due_on < ", DBV_S(f->due_before));
    if (f->q && *f->q) {
        sqlb_addv(&w, " AND t.title LIKE ", DBV_S(sqlb_like_contains(a, f->q)));
        sqlb_add(&w, " ESCAPE '\\'");
    }
    if (f->school_id > 0) {
        sqlb_addv(&w, " AND EXISTS (SELECT 1 FROM task_target fs WHERE fs.task_id = t.id AND fs.school_id = ",
                  DBV_I(f->school_id));
        sqlb_add(&w, ")");
    }
    if (f->inspector_id > 0) {
        sqlb_addv(&w, " AND EXISTS (SELECT 1 FROM task_member fm WHERE fm.task_id = t.id AND fm.inspector_id = ",
                  DBV_I(f->inspector_id));
        sqlb_add(&w, ")");
    }
    db_rows_t r;
    err_t *e = sqlb_page(db, a, "SELECT COUNT(*) FROM task t JOIN region r ON r.code = t.region_code ", TASK_SELECT, &w,
                         NULL, arena_printf(a, "%s, t.id DESC", order), f->limit, f->offset, &r, total);
    if (!e) store_map_rows(a, &r, &task_map, out, n_out);
    return e;
}

err_t *task_store_insert(db_t *db, arena_t *a, task_t *t, int64_t now) {
    db_rows_t r;
    err_t *e = db_query(
        db, a,
        "INSERT INTO task (kind, title, region_code, framework_version_id, framework_code, notice_mode, month, "
        "owner_inspector_id, starts_on, due_on, status, step, description, notice_text, created_by, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
        DB_P(DBV_S(t->kind), DBV_S(t->title), DBV_S(t->region_code),
             t->framework_version_id ? DBV_I(t->framework_version_id) : DBV_NUL, DBV_S(t->framework_code),
             DBV_S(t->notice_mode), DBV_S(t->month), t->owner_inspector_id ? DBV_I(t->owner_inspector_id) : DBV_NUL,
             DBV_S(t->starts_on), DBV_S(t->due_on), DBV_S(t->status ? t->status : "open"), DBV_S(t->step),
             DBV_S(t->description), DBV_S(t->notice_text), t->created_by ? DBV_I(t->created_by) : DBV_NUL, DBV_I(now)),
        &r);
    if (e && e->code == ERR_CONFLICT)
        return err_new(a, ERR_CONFLICT, "month", "该督学本月的经常性督导任务已存在",
                       "the inspector's routine task for this month exists already");
    if (!e) t->id = db_scalar_int(&r, 0);
    return e;
}

err_t *task_store_update(db_t *db, arena_t *a, const task_t *t, int64_t now) {
    return db_query(db, a,
                    "UPDATE task SET title = $2, starts_on = $3, due_on = $4, status = $5, step = $6, description = "
                    "$7, notice_text = $8, updated_at = $9 WHERE id = $1",
                    DB_P(DBV_I(t->id), DBV_S(t->title), DBV_S(t->starts_on), DBV_S(t->due_on), DBV_S(t->status),
                         DBV_S(t->step), DBV_S(t->description), DBV_S(t->notice_text), DBV_I(now)),
                    NULL);
}

err_t *task_store_add_member(db_t *db, arena_t *a, int64_t task_id, int64_t inspector_id, const char *role) {
    err_t *e = db_query(db, a, "INSERT INTO task_member (task_id, inspector_id, role) VALUES ($1, $2, $3)",
                        DB_P(DBV_I(task_id), DBV_I(inspector_id), DBV_S(role)), NULL);
    if (e && e->code == ERR_CONFLICT)
        return err_new(a, ERR_INVALID, "members", "督学重复", "an inspector is listed twice");
    return e;
}

err_t *task_store_add_target(db_t *db, arena_t *a, int64_t task_id, int64_t school_id, const char *region_code,
                             int64_t now, bool *added) {
    db_rows_t r;
    err_t *e = school_id > 0 ? db_query(db, a, "SELECT 1 FROM task_target WHERE task_id = $1 AND school_id = $2",
                                        DB_P(DBV_I(task_id), DBV_I(school_id)), &r)
                             : db_query(db, a,
                                        "SELECT 1 FROM task_target WHERE task_id = $1 AND school_id IS NULL AND "
                                        "region_code = $2",
                                        DB_P(DBV_I(task_id), DBV_S(region_code)), &r);
    if (e) return e;
    *added = r.n_rows == 0;
    if (!*added) return NULL;
    return db_query(
        db, a, "INSERT INTO task_target (task_id, school_id, region_code, created_at) VALUES ($1, $2, $3, $4)",
        DB_P(DBV_I(task_id), school_id > 0 ? DBV_I(school_id) : DBV_NUL, DBV_S(region_code), DBV_I(now)), NULL);
}

err_t *task_store_get_target(db_t *db, arena_t *a, int64_t target_id, task_target_row_t *out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT g.id, g.task_id, g.school_id, s.name, g.region_code, rg.name, g.status, v.id, "
                        "v.status, s.lat, s.lng, g.step FROM task_target g JOIN region rg ON rg.code = "
                        "g.region_code LEFT JOIN school s ON s.id = g.school_id LEFT JOIN visit v ON v.target_id = "
                        "g.id WHERE g.id = $1",
                        DB_P(DBV_I(target_id)), &r);
    if (e) return e;
    if (r.n_rows == 0) return err_new(a, ERR_NOT_FOUND, "target_id", "督导对象不存在", "no such target");
    *out = (task_target_row_t){.id = db_cell_int(&r, 0, 0),
                               .task_id = db_cell_int(&r, 0, 1),
                               .school_id = db_cell_int(&r, 0, 2),
                               .school_name = db_cell(&r, 0, 3),
                               .region_code = db_cell(&r, 0, 4),
                               .region_name = db_cell(&r, 0, 5),
                               .status = db_cell(&r, 0, 6),
                               .visit_id = db_cell_int(&r, 0, 7),
                               .visit_status = db_cell(&r, 0, 8),
                               .school_lat = db_cell(&r, 0, 9),
                               .school_lng = db_cell(&r, 0, 10),
                               .step = db_cell(&r, 0, 11)};
    return NULL;
}

err_t *task_store_target_visited(db_t *db, arena_t *a, int64_t target_id, int64_t visit_id) {
    return db_query(db, a, "UPDATE task_target SET status = 'visited', visit_id = $2 WHERE id = $1",
                    DB_P(DBV_I(target_id), DBV_I(visit_id)), NULL);
}

err_t *task_store_add_step(db_t *db, arena_t *a, int64_t task_id, int64_t target_id, const char *step, const char *note,
                           int64_t attachment_id, int64_t user_id, int64_t now) {
    return db_query(db, a,
                    "INSERT INTO task_step (task_id, target_id, step, note, attachment_id, done_by, done_at) VALUES "
                    "($1, $2, $3, $4, $5, $6, $7)",
                    DB_P(DBV_I(task_id), target_id ? DBV_I(target_id) : DBV_NUL, DBV_S(step), DBV_S(note),
                         attachment_id ? DBV_I(attachment_id) : DBV_NUL, user_id ? DBV_I(user_id) : DBV_NUL,
                         DBV_I(now)),
                    NULL);
}

err_t *task_store_set_target_step(db_t *db, arena_t *a, int64_t target_id, const char *step) {
    return db_query(db, a, "UPDATE task_target SET step = $2 WHERE id = $1", DB_P(DBV_I(target_id), DBV_S(step)), NULL);
}

err_t *task_store_find_routine(db_t *db, arena_t *a, int64_t inspector_id, const char *month, int64_t *id) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT id FROM task WHERE kind = 'routine' AND owner_inspector_id = $1 AND month = $2",
                        DB_P(DBV_I(inspector_id), DBV_S(month)), &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

err_t *task_store_member_role(db_t *db, arena_t *a, int64_t task_id, int64_t user_id, const char **role,
                              int64_t *inspector_id) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT m.role, m.inspector_id FROM task_member m JOIN inspector i ON i.id = m.inspector_id "
                        "WHERE m.task_id = $1 AND i.user_id = $2",
                        DB_P(DBV_I(task_id), DBV_I(user_id)), &r);
    if (e) return e;
    *role = r.n_rows ? db_cell(&r, 0, 0) : NULL;
    if (inspector_id) *inspector_id = r.n_rows ? db_cell_int(&r, 0, 1) : 0;
    return NULL;
}

err_t *task_store_agenda(db_t *db, arena_t *a, int64_t user_id, task_agenda_row_t **out, size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(
        db, a,
        "SELECT t.id, t.title, t.kind, t.notice_mode, t.due_on, g.id, g.school_id, s.name, g.region_code, rg.name, "
        "v.id, v.visit_date FROM task t JOIN task_member m ON m.task_id = t.id JOIN inspector i ON i.id = "
        "m.inspector_id JOIN task_target g ON g.task_id = t.id JOIN region rg ON rg.code = g.region_code "
        "LEFT JOIN school s ON s.id = g.school_id LEFT JOIN visit v ON v.target_id = g.id "
        "WHERE i.user_id = $1 AND t.status = 'open' AND g.status = 'pending' "
        "ORDER BY t.due_on, t.id, s.code, g.region_code LIMIT 500",
        DB_P(DBV_I(user_id)), &r);
    if (e) return e;
    task_agenda_row_t *items = arena_alloc(a, r.n_rows * sizeof *items);
    for (size_t i = 0; i < r.n_rows; i++)
        items[i] = (task_agenda_row_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1),      db_cell(&r, i, 2),
                                       db_cell(&r, i, 3),     db_cell(&r, i, 4),      db_cell_int(&r, i, 5),
                                       db_cell_int(&r, i, 6), db_cell(&r, i, 7),      db_cell(&r, i, 8),
                                       db_cell(&r, i, 9),     db_cell_int(&r, i, 10), db_cell(&r, i, 11)};
    *out = items;
    *n_out = r.n_rows;
    return NULL;
}

err_t *task_store_routine_pairs(db_t *db, arena_t *a, const char *scope_path, const char *last_day,
                                task_routine_pair_t **out, size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT i.id, i.name, i.region_code, x.school_id, s.region_code FROM assignment x JOIN "
                        "inspector i ON i.id = x.inspector_id JOIN school s ON s.id = x.school_id JOIN region ir ON "
                        "ir.code = i.region_code WHERE x.ends_on IS NULL AND x.starts_on <= $2 "
                        "AND i.status = 'active' AND s.status = 'open' AND ir.path LIKE $1 ORDER BY i.id, s.code",
                        DB_P(DBV_S(scope_like(a, scope_path)), DBV_S(last_day)), &r);
    if (e) return e;
    task_routine_pair_t *items = arena_alloc(a, r.n_rows * sizeof *items);
    for (size_t i = 0; i < r.n_rows; i++)
        items[i] = (task_routine_pair_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2),
                                         db_cell_int(&r, i, 3), db_cell(&r, i, 4)};
    *out = items;
    *n_out = r.n_rows;
    return NULL;
}

err_t *task_store_attachment_on_task(db_t *db, arena_t *a, int64_t task_id, int64_t attachment_id, bool *is_on_task) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT 1 FROM attachment WHERE id = $1 AND ((owner_kind = 'task' AND owner_id = $2) OR "
                        "school_id IN (SELECT school_id FROM task_target WHERE task_id = $2))",
                        DB_P(DBV_I(attachment_id), DBV_I(task_id)), &r);
    *is_on_task = !e && r.n_rows > 0;
    return e;
}
