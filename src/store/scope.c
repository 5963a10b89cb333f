#include "store/scope.h"

#include <string.h>

const scope_t SCOPE_ALL = {.region_path = "/"};

scope_t scope_of(const actor_t *who) {
    if (!who) return SCOPE_ALL;
    scope_t sc = {.region_path = who->region_path};
    if (who->role == ROLE_INSPECTOR) sc.inspector_user_id = who->user_id;
    if (who->role == ROLE_SCHOOL) sc.school_id = who->school_id ? who->school_id : -1;
    /* a unit account reaches no school: every school-scoped query gives it nothing */
    if (who->role == ROLE_UNIT) {
        sc.school_id = -1;
        sc.unit_id = who->unit_id ? who->unit_id : -1;
    }
    /* an evaluation organisation's account reaches no school and no unit, only its rounds */
    if (who->role == ROLE_EVALUATOR) {
        sc.school_id = -1;
        sc.unit_id = -1;
        sc.org_id = who->org_id ? who->org_id : -1;
    }
    /* a team member who is not a 督学 reaches only the tasks it is on (scope_and_task_member) */
    if (who->role == ROLE_EXPERT) {
        sc.school_id = -1;
        sc.unit_id = -1;
        sc.org_id = -1;
        sc.expert_user_id = who->user_id;
    }
    return sc;
}

scope_t scope_region(const char *region_path) {
    return (scope_t){.region_path = region_path};
}

const char *scope_like(arena_t *a, const char *region_path) {
    return arena_printf(a, "%s%%", region_path ? region_path : "/");
}

/* The prefix test is written as substr(path, 1, n) = $k rather than path LIKE $k: SQLite
 * recompiles a statement whenever a parameter bound to a LIKE pattern changes (the pattern might
 * allow its LIKE optimisation), which cost every scoped list a re-prepare per request. n is the
 * length of the actor's path, a number the server computes, so the text varies only with the
 * depth of the scope (a handful of cached statements). Paths are digits and '/', so both forms
 * select the same rows on both engines. */
static const char *scope_prefix_test(sqlb_t *q, const char *path_col, const char *region_path) {
    return arena_printf(q->a, "substr(%s, 1, %zu) = ", path_col, strlen(region_path));
}

void scope_and_path(sqlb_t *q, const scope_t *sc, const char *path_col) {
    if (!sc->region_path) return;
    sqlb_add(q, " AND ");
    sqlb_addv(q, scope_prefix_test(q, path_col, sc->region_path), DBV_S(sc->region_path));
}

void scope_and_region_code(sqlb_t *q, const scope_t *sc, const char *code_col) {
    if (!sc->region_path) return;
    sqlb_add(q, arena_printf(q->a, " AND %s IN (SELECT code FROM region WHERE ", code_col));
    sqlb_addv(q, scope_prefix_test(q, "path", sc->region_path), DBV_S(sc->region_path));
    sqlb_add(q, ")");
}

void scope_and_school(sqlb_t *q, const scope_t *sc, const char *school_col) {
    if (sc->school_id) sqlb_addv(q, arena_printf(q->a, " AND %s = ", school_col), DBV_I(sc->school_id));
    if (sc->inspector_user_id > 0) {
        sqlb_add(q, arena_printf(q->a,
                                 " AND EXISTS (SELECT 1 FROM assignment y JOIN inspector yi ON yi.id = y.inspector_id "
                                 "WHERE y.school_id = %s AND y.ends_on IS NULL AND yi.user_id = ",
                                 school_col));
        sqlb_addv(q, "", DBV_I(sc->inspector_user_id));
        sqlb_add(q, ")");
    }
}

void scope_and_task_member(sqlb_t *q, const scope_t *sc, const char *task_col) {
    if (sc->expert_user_id > 0) {
        sqlb_add(q, arena_printf(
                        q->a,
                        " AND EXISTS (SELECT 1 FROM task_expert xe WHERE xe.task_id = %s AND xe.user_id = ", task_col));
        sqlb_addv(q, "", DBV_I(sc->expert_user_id));
        sqlb_add(q, ")");
    }
    if (sc->inspector_user_id <= 0) return;
    sqlb_add(q, arena_printf(q->a,
                             " AND EXISTS (SELECT 1 FROM task_member m JOIN inspector mi ON mi.id = m.inspector_id "
                             "WHERE m.task_id = %s AND mi.user_id = ",
                             task_col));
    sqlb_addv(q, "", DBV_I(sc->inspector_user_id));
    sqlb_add(q, ")");
}

void scope_and_under(sqlb_t *q, const char *path_col, const char *region_code) {
    sqlb_addv(q, arena_printf(q->a, " AND %s LIKE '%%/' || ", path_col), DBV_S(region_code));
    sqlb_add(q, " || '/%'");
}

void scope_and_unit(sqlb_t *q, const scope_t *sc, const char *unit_col) {
    if (sc->unit_id) sqlb_addv(q, arena_printf(q->a, " AND %s = ", unit_col), DBV_I(sc->unit_id));
}

void scope_and_org(sqlb_t *q, const scope_t *sc, const char *org_col) {
    if (sc->org_id) sqlb_addv(q, arena_printf(q->a, " AND %s = ", org_col), DBV_I(sc->org_id));
}
