#include "store/roster/school_store.h"

#include <string.h>

#include "store/platform/region_store.h"
#include "store/sqlb.h"

/* The county of a town is its parent; of a county, itself. */
#define SCHOOL_SELECT                                                                                           \
    "SELECT s.id, s.code, s.name, s.region_code, r.name, CASE WHEN r.level = 'town' THEN r.parent_code ELSE " \
    "r.code END, s.type_code, s.is_private, s.urban_rural_code, s.address, s.lat, s.lng, s.principal, "       \
    "s.phone, s.is_central, s.status, s.zone_id, z.name, l.inspector_id, i.name, "                            \
    "(SELECT COUNT(*) FROM assignment x WHERE x.school_id = s.id AND x.ends_on IS NULL), "                    \
    "(SELECT COALESCE(SUM(enrollment), 0) FROM school_section e WHERE e.school_id = s.id) "                   \
    "FROM school s JOIN region r ON r.code = s.region_code LEFT JOIN zone z ON z.id = s.zone_id "             \
    "LEFT JOIN assignment l ON l.school_id = s.id AND l.ends_on IS NULL AND l.role = 'lead' "                 \
    "LEFT JOIN inspector i ON i.id = l.inspector_id "

static void school_from_row(const db_rows_t *r, size_t i, school_t *s) {
    memset(s, 0, sizeof *s);
    s->id = db_cell_int(r, i, 0);
    s->code = db_cell(r, i, 1);
    s->name = db_cell(r, i, 2);
    s->region_code = db_cell(r, i, 3);
    s->region_name = db_cell(r, i, 4);
    s->county_code = db_cell(r, i, 5);
    s->type_code = db_cell(r, i, 6);
    s->is_private = db_cell_int(r, i, 7) != 0;
    s->urban_rural_code = db_cell(r, i, 8);
    s->address = db_cell(r, i, 9);
    s->lat = db_cell(r, i, 10);
    s->lng = db_cell(r, i, 11);
    s->principal = db_cell(r, i, 12);
    s->phone = db_cell(r, i, 13);
    s->is_central = db_cell_int(r, i, 14) != 0;
    s->status = db_cell(r, i, 15);
    s->zone_id = db_cell_int(r, i, 16);
    s->zone_name = db_cell(r, i, 17);
    s->inspector_id = db_cell_int(r, i, 18);
    s->inspector_name = db_cell(r, i, 19);
    s->n_inspectors = db_cell_int(r, i, 20);
    s->enrollment = db_cell_int(r, i, 21);
}

/* The scope as a condition. For a page (is_count false) it joins on region, so SQLite reads
 * schools in code order and stops after a page; for the count it names school columns only
 * ("region_code IN (regions in scope)", the region table is small), so the count comes from
 * the school_region index: counting 100,000 schools takes 4 ms instead of 73 ms (SQLite). */
static void school_scope_where(sqlb_t *q, const school_scope_t *sc, bool is_count) {
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

err_t *school_store_get(db_t *db, arena_t *a, const school_scope_t *sc, int64_t id, school_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, SCHOOL_SELECT);
    school_scope_where(&q, sc, false);
    sqlb_addv(&q, " AND s.id = ", DBV_I(id));
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    if (r.n_rows == 0)
        return err_newf(a, ERR_NOT_FOUND, "school_id", "学校 %lld 不存在或不在权限范围内",
                        "school %lld not found or outside your scope", (long long)id, (long long)id);
    school_from_row(&r, 0, out);
    return school_load_sections(db, a, out);
}

err_t *school_store_find_code(db_t *db, arena_t *a, const char *code, school_t *out, bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a, SCHOOL_SELECT "WHERE s.code = $1", DB_P(DBV_S(code)), &r);
    if (e) return e;
    *found = r.n_rows == 1;
    if (!*found) return NULL;
    school_from_row(&r, 0, out);
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

static void school_filter_where(sqlb_t *q, arena_t *a, const school_scope_t *sc, const school_filter_t *f,
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
    if (f->type_code) sqlb_addv(q, " AND s.type_code = ", DBV_S(f->type_code));
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

static const char *school_order(const char *sort) {
    static const struct {
        const char *key, *asc, *desc;
    } keys[] = {
        {"code", "s.code", "s.code DESC"},
        {"name", "s.name", "s.name DESC"},
        {"type_code", "s.type_code", "s.type_code DESC"},
        {"region_code", "s.region_code", "s.region_code DESC"},
    };
    if (!sort) return "s.code";
    bool is_desc = sort[0] == '-';
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i].key, sort + is_desc) == 0) return is_desc ? keys[i].desc : keys[i].asc;
    return NULL;
}

err_t *school_store_list(db_t *db, arena_t *a, const school_scope_t *sc, const school_filter_t *f, school_t **out,
                         size_t *n_out, int64_t *total) {
    const char *order = school_order(f->sort);
    if (!order) return err_newf(a, ERR_INVALID, "sort", "不支持按 %s 排序", "cannot sort by %s", f->sort, f->sort);
    sqlb_t w, cw;
    sqlb_init(&w, a, "");
    school_filter_where(&w, a, sc, f, false);
    sqlb_init(&cw, a, "");
    school_filter_where(&cw, a, sc, f, true);
    db_rows_t r;
    err_t *e = sqlb_page(db, a, "SELECT COUNT(*) FROM school s ", SCHOOL_SELECT, &w, &cw,
                         arena_printf(a, "%s, s.id", order), f->limit, f->offset, &r, total);
    if (e) return e;
    school_t *items = arena_alloc(a, r.n_rows * sizeof *items);
    for (size_t i = 0; i < r.n_rows; i++) school_from_row(&r, i, &items[i]);
    *out = items;
    *n_out = r.n_rows;
    return NULL;
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
    db_rows_t r;
    err_t *e = db_query(
        db, a,
        "INSERT INTO school (code, name, region_code, type_code, is_private, urban_rural_code, address, lat, lng, "
        "principal, phone, is_central, status, zone_id, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS DOUBLE PRECISION), CAST($9 AS DOUBLE PRECISION), $10, $11, "
        "$12, $13, $14, $15, $15) RETURNING id",
        DB_P(DBV_S(s->code), DBV_S(s->name), DBV_S(s->region_code), DBV_S(s->type_code), DBV_I(s->is_private),
             DBV_S(s->urban_rural_code), DBV_S(s->address), DBV_S(s->lat), DBV_S(s->lng), DBV_S(s->principal),
             DBV_S(s->phone), DBV_I(s->is_central), DBV_S(s->status ? s->status : "open"),
             s->zone_id ? DBV_I(s->zone_id) : DBV_NUL, DBV_I(now)),
        &r);
    if (e && e->code == ERR_CONFLICT)
        return err_newf(a, ERR_CONFLICT, "code", "学校标识码 %s 已存在", "school code %s already exists", s->code, s->code);
    if (e) return e;
    s->id = db_scalar_int(&r, 0);
    return school_write_sections(db, a, s);
}

err_t *school_store_update(db_t *db, arena_t *a, const school_t *s, int64_t now) {
    err_t *e = db_query(
        db, a,
        "UPDATE school SET name = $2, region_code = $3, type_code = $4, is_private = $5, urban_rural_code = $6, "
        "address = $7, lat = CAST($8 AS DOUBLE PRECISION), lng = CAST($9 AS DOUBLE PRECISION), principal = $10, "
        "phone = $11, is_central = $12, status = $13, zone_id = $14, updated_at = $15 WHERE id = $1",
        DB_P(DBV_I(s->id), DBV_S(s->name), DBV_S(s->region_code), DBV_S(s->type_code), DBV_I(s->is_private),
             DBV_S(s->urban_rural_code), DBV_S(s->address), DBV_S(s->lat), DBV_S(s->lng), DBV_S(s->principal),
             DBV_S(s->phone), DBV_I(s->is_central), DBV_S(s->status), s->zone_id ? DBV_I(s->zone_id) : DBV_NUL,
             DBV_I(now)),
        NULL);
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
