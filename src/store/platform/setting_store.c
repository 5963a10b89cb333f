#include "store/platform/setting_store.h"

#include <stdlib.h>
#include <string.h>

err_t *setting_store_limits(db_t *db, arena_t *a, const char *region_code, assign_limits_t *out) {
    assign_limits_defaults(out);
    db_rows_t r;
    /* ancestors' settings first, so deeper regions override */
    err_t *e = db_query(db, a,
                        "SELECT s.name, s.value FROM jurisdiction_setting s JOIN region r ON r.code = s.region_code "
                        "JOIN region me ON me.code = $1 WHERE me.path LIKE r.path || '%' ORDER BY LENGTH(r.path)",
                        DB_P(DBV_S(region_code)), &r);
    if (e) return e;
    for (size_t i = 0; i < r.n_rows; i++) {
        const char *name = db_cell(&r, i, 0);
        int v = (int)strtol(db_cell(&r, i, 1), NULL, 10);
        if (v <= 0) continue;
        if (strcmp(name, "assign.warn_above") == 0) out->warn_above = v;
        else if (strcmp(name, "assign.hard_limit") == 0) out->hard_limit = v;
        else if (strcmp(name, "assign.central_min") == 0) out->central_min = v;
        else if (strcmp(name, "zone.max_schools") == 0) out->zone_max = v;
        else if (strcmp(name, "training.hours") == 0) out->training_hours = v;
    }
    return NULL;
}

err_t *setting_store_set(db_t *db, arena_t *a, const char *region_code, const char *name, const char *value) {
    return db_query(db, a,
                    "INSERT INTO jurisdiction_setting (region_code, name, value) VALUES ($1, $2, $3) "
                    "ON CONFLICT (region_code, name) DO UPDATE SET value = excluded.value",
                    DB_P(DBV_S(region_code), DBV_S(name), DBV_S(value)), NULL);
}

err_t *setting_store_text(db_t *db, arena_t *a, const char *region_code, const char *name, const char **out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT s.value FROM jurisdiction_setting s JOIN region r ON r.code = s.region_code JOIN "
                        "region me ON me.code = $1 WHERE s.name = $2 AND me.path LIKE r.path || '%' ORDER BY "
                        "LENGTH(r.path) DESC LIMIT 1",
                        DB_P(DBV_S(region_code), DBV_S(name)), &r);
    if (e) return e;
    *out = r.n_rows ? db_cell(&r, 0, 0) : NULL;
    return NULL;
}
