/* zone_store: supervision districts (片区) and responsibility zones (督学责任区) of a county,
 * read within a region scope. */
#ifndef DUDAO_ZONE_STORE_H
#define DUDAO_ZONE_STORE_H

#include "store/roster/zone_agg.h"
#include "store/db.h"

/* The zone (zone_t) is declared once in store/roster/zone_agg.h. */

/* ERR_NOT_FOUND (field "zone_id") when absent or outside scope. */
err_t *zone_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, zone_t *out);
/* county_code NULL: every zone in scope. Ordered by county, district, name. */
err_t *zone_store_list(db_t *db, arena_t *a, const char *scope_path, const char *county_code, zone_t **out,
                       size_t *n_out);
/* By name within a county (imports); *found false when absent. */
err_t *zone_store_find(db_t *db, arena_t *a, const char *county_code, const char *name, zone_t *out, bool *found);
/* ERR_CONFLICT (field "name") when the county has a zone of that name. */
err_t *zone_store_insert(db_t *db, arena_t *a, zone_t *z, int64_t now);
err_t *zone_store_update(db_t *db, arena_t *a, const zone_t *z);
/* The district of that name in the county, created when missing; *id_out = its id. */
err_t *zone_store_district(db_t *db, arena_t *a, const char *county_code, const char *name, int64_t *id_out);

#endif
