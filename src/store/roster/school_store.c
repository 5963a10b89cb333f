#include "store/roster/school_store.h"

#include <string.h>

#include "store/platform/region_store.h"
#include "store/rows.h"
#include "store/sqlb.h"

#include "store/aggregate.h"

#define SCHOOL_FROM                                                                                            \
    "FROM school s JOIN region r ON r.code = s.region_code LEFT JOIN zone z ON z.id = s.zone_id "             \
    "LEFT JOIN assignment l ON l.school_id = s.id AND l.ends_on IS NULL AND l.role = 'lead' "                 \
    "LEFT JOIN inspector i ON i.id = l.inspector_id "

static const char *school_select(arena_t *a) {
    return arena_printf(a, "%s%s", agg_select_list(a, &school_agg), SCHOOL_FROM);
}

static const store_map_t school_map = AGG_STORE_MAP(school_t, &school_agg, true);

/* The scope as a condition. For a page (is_count false) it joins on region, so SQLite reads
 * schools in code order and stops after a page; for the count it names school columns only
 * ("region_code IN (regions in scope)", the region table is small), so the count comes from
 * the school_region index: counting 100,000 schools takes 4 ms instead of 73 ms (SQLite). */
static void school_scope_where(sqlb_t *q, const scope_t *sc, bool is_count) {
    sqlb_add(q, "WHERE 1=1");
    if (is_count)
        scope_and_region_code(q, sc, "s.region_code");
    else
        scope_and_path(q, sc, "r.path");
    scope_and_school(q, sc, "s.id");
}

static err_t *school_load_sections(db_t *db, arena_t *a, school_t *s) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT section, enrollment, n_classes FROM school_section WHERE school_id = $1 ORDER BY section",
                        DB_P(DBV_I(s->id)), &r);
    if (e) return e;
    s->sections = arena_alloc(a, r.n_rows * sizeof *s->sections);
    s->n_sections = r.n_rows;
    for (size_t i = 0; i < r.n_rows; i++) {
        s->sections[i].section = db_cell(&r, i, 0);
        s->sections[i].enrollment = db_cell_int(&r, i, 1);
        s->sections[i].n_classes = db_cell_int(&r, i, 2);
    }
    return NULL;
}

err_t *school_store_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, school_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, school_select(a));
    school_scope_where(&q, sc, false);
    sqlb_addv(&q, " AND s.id = ", DBV_I(id));
    err_t *e = store_get_q(db, a, &q, &school_map, out, &(store_missing_t){"school_id", "学校", "school", id, true});
    return e ? e : school_load_sections(db, a, out);
}

err_t *school_store_find_code(db_t *db, arena_t *a, const char *code, school_t *out, bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a, arena_printf(a, "%sWHERE s.code = $1", school_select(a)), DB_P(DBV_S(code)), &r);
    if (e) return e;
    *found = r.n_rows == 1;
    if (!*found) return NULL;
    store_map_row(&school_map, &r, 0, out);
    return school_load_sections(db, a, out);
}

err_t *school_store_id_by_code(db_t *db, arena_t *a, const char *code, int64_t *id, const char **status) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT id, status FROM school WHERE code = $1", DB_P(DBV_S(code)), &r);
    if (e) return e;
    *id = r.n_rows ? db_cell_int(&r, 0, 0) : 0;
    *status = r.n_rows ? db_cell(&r, 0, 1) : NULL;
    return NULL;
}

static void school_filter_where(sqlb_t *q, arena_t *a, const scope_t *sc, const school_filter_t *f,
                                bool is_count) {
    school_scope_where(q, sc, is_count);
    if (f->region_code) {
        sqlb_addv(q, " AND s.region_code IN (SELECT code FROM region WHERE path LIKE '%/' || ", DBV_S(f->region_code));
        sqlb_add(q, " || '/%')");
    }
    if (f->q && *f->q) {
        const char *like = sqlb_like_contains(a, f->q);
        sqlb_addv(q, " AND (s.name LIKE ", DBV_S(like));
        sqlb_addv(q, " ESCAPE '\\' OR s.code LIKE ", DBV_S(like));
        sqlb_add(q, " ESCAPE '\\')");
    }
    agg_filter_eq(q, &school_agg, f->eq);
    if (f->zone_id > 0) sqlb_addv(q, " AND s.zone_id = ", DBV_I(f->zone_id));
    if (f->is_private >= 0) sqlb_addv(q, " AND s.is_private = ", DBV_I(f->is_private));
    if (f->status) sqlb_addv(q, " AND s.status = ", DBV_S(f->status));
    if (f->has_inspector == 0)
        sqlb_add(q, " AND NOT EXISTS (SELECT 1 FROM assignment g WHERE g.school_id = s.id AND g.ends_on IS NULL "
                    "AND g.role = 'lead')");
    if (f->has_inspector == 1)
        sqlb_add(q, " AND EXISTS (SELECT 1 FROM assignment g WHERE g.school_id = s.id AND g.ends_on IS NULL "
                    "AND g.role = 'lead')");
}

err_t *school_store_list(db_t *db, arena_t *a, const scope_t *sc, const school_filter_t *f, school_t **out,
                         size_t *n_out, int64_t *total) {
    const char *order = agg_order(a, &school_agg, f->sort, "s.code");
    if (!order) return err_newf(a, ERR_INVALID, "sort", "不支持按 %s 排序", "cannot sort by %s", f->sort, f->sort);
    sqlb_t w, cw;
    sqlb_init(&w, a, "");
    school_filter_where(&w, a, sc, f, false);
    sqlb_init(&cw, a, "");
    school_filter_where(&cw, a, sc, f, true);
    db_rows_t r;
    err_t *e = sqlb_page(db, a, "SELECT COUNT(*) FROM school s ", school_select(a), &w, &cw,
                         arena_printf(a, "%s, s.id", order), f->limit, f->offset, &r, total);
    if (!e) store_map_rows(a, &r, &school_map, out, n_out);
    return e;
}

static err_t *school_write_sections(db_t *db, arena_t *a, const school_t *s) {
    err_t *e = db_query(db, a, "DELETE FROM school_section WHERE school_id = $1", DB_P(DBV_I(s->id)), NULL);
    for (size_t i = 0; !e && i < s->n_sections; i++)
        e = db_query(db, a, "INSERT INTO school_section (school_id, section, enrollment, n_classes) VALUES ($1, $2, $3, $4)",
                     DB_P(DBV_I(s->id), DBV_S(s->sections[i].section), DBV_I(s->sections[i].enrollment),
                          DBV_I(s->sections[i].n_classes)),
                     NULL);
    return e;
}

err_t *school_store_insert(db_t *db, arena_t *a, school_t *s, int64_t now) {
    if (!s->status) s->status = "open";
    err_t *e = agg_insert(db, a, &school_agg, s, now, &s->id);
    if (e && e->code == ERR_CONFLICT)
        return err_newf(a, ERR_CONFLICT, "code", "学校标识码 %s 已存在", "school code %s already exists", s->code, s->code);
    return e ? e : school_write_sections(db, a, s);
}

err_t *school_store_update(db_t *db, arena_t *a, const school_t *s, int64_t now) {
    err_t *e = agg_update(db, a, &school_agg, s, s->id, now);
    return e ? e : school_write_sections(db, a, s);
}

err_t *school_store_count_in_zone(db_t *db, arena_t *a, int64_t zone_id, int64_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT COUNT(*) FROM school WHERE zone_id = $1 AND status = 'open'",
                        DB_P(DBV_I(zone_id)), &r);
    if (!e) *n = db_scalar_int(&r, 0);
    return e;
}

err_t *school_store_insert_min(db_t *db, arena_t *a, const char *code, const char *name, const char *region_code,
                               int64_t now, int64_t *id_out) {
    school_t s = {.code = code, .name = name, .region_code = region_code, .type_code = "211", .status = "open"};
    err_t *e = school_store_insert(db, a, &s, now);
    if (!e) *id_out = s.id;
    return e;
}
