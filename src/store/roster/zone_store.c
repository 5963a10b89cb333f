#include "store/roster/zone_store.h"

#include <string.h>

#include "store/platform/region_store.h"
#include "store/rows.h"
#include "store/scope.h"
#include "store/sqlb.h"

#include "store/aggregate.h"

static const char *zone_select(arena_t *a) {
    return arena_printf(a, "%sFROM zone z JOIN region c ON c.code = z.county_code LEFT JOIN district d ON d.id = "
                           "z.district_id ",
                        agg_select_list(a, &zone_agg));
}

static const store_map_t zone_map = AGG_STORE_MAP(zone_t, &zone_agg, false);

err_t *zone_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, zone_t *out) {
    scope_t sc = scope_region(scope_path);
    sqlb_t q;
    sqlb_init(&q, a, zone_select(a));
    sqlb_addv(&q, "WHERE z.id = ", DBV_I(id));
    scope_and_path(&q, &sc, "c.path");
    return store_get_q(db, a, &q, &zone_map, out, &(store_missing_t){"zone_id", "责任区", "zone", id, true});
}

err_t *zone_store_list(db_t *db, arena_t *a, const char *scope_path, const char *county_code, zone_t **out,
                       size_t *n_out) {
    sqlb_t q;
    scope_t sc = scope_region(scope_path);
    sqlb_init(&q, a, zone_select(a));
    sqlb_add(&q, "WHERE 1=1");
    scope_and_path(&q, &sc, "c.path");
    if (county_code) sqlb_addv(&q, " AND z.county_code = ", DBV_S(county_code));
    sqlb_add(&q, " ORDER BY z.county_code, d.name, z.name");
    return store_list_q(db, a, &q, &zone_map, out, n_out);
}

err_t *zone_store_find(db_t *db, arena_t *a, const char *county_code, const char *name, zone_t *out, bool *found) {
    return store_find(db, a, arena_printf(a, "%sWHERE z.county_code = $1 AND z.name = $2", zone_select(a)),
                        DB_P(DBV_S(county_code), DBV_S(name)), &zone_map, out, found);
}

static err_t *zone_name_taken(arena_t *a, err_t *e, const zone_t *z) {
    if (e && e->code == ERR_CONFLICT)
        return err_newf(a, ERR_CONFLICT, "name", "该县已有名为 %s 的责任区", "the county already has a zone named %s",
                        z->name, z->name);
    return e;
}

err_t *zone_store_insert(db_t *db, arena_t *a, zone_t *z, int64_t now) {
    return zone_name_taken(a, agg_insert(db, a, &zone_agg, z, now, &z->id), z);
}

err_t *zone_store_update(db_t *db, arena_t *a, const zone_t *z) {
    return zone_name_taken(a, agg_update(db, a, &zone_agg, z, z->id, 0), z);
}

err_t *zone_store_district(db_t *db, arena_t *a, const char *county_code, const char *name, int64_t *id_out) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT id FROM district WHERE county_code = $1 AND name = $2",
                        DB_P(DBV_S(county_code), DBV_S(name)), &r);
    if (e) return e;
    if (r.n_rows) {
        *id_out = db_scalar_int(&r, 0);
        return NULL;
    }
    e = db_query(db, a, "INSERT INTO district (county_code, name) VALUES ($1, $2) RETURNING id",
                 DB_P(DBV_S(county_code), DBV_S(name)), &r);
    if (!e) *id_out = db_scalar_int(&r, 0);
    return e;
}
