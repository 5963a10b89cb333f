/* setting_store: per-jurisdiction settings (jurisdiction_setting), inherited down the
 * region tree: a county's value overrides its city's, which overrides the province's and
 * the built-in default. */
#ifndef DUDAO_SETTING_STORE_H
#define DUDAO_SETTING_STORE_H

#include "core/roster/assign_rules.h"
#include "store/db.h"

/* The 挂牌督导 limits in force for region_code (defaults where nothing is set). Names:
 * assign.warn_above, assign.hard_limit, assign.central_min, zone.max_schools, training.hours. */
err_t *setting_store_limits(db_t *db, arena_t *a, const char *region_code, assign_limits_t *out);
/* A text setting for region_code, inherited down the tree (the deepest region's value wins);
 * *out NULL when none is set. */
err_t *setting_store_text(db_t *db, arena_t *a, const char *region_code, const char *name, const char **out);
err_t *setting_store_set(db_t *db, arena_t *a, const char *region_code, const char *name, const char *value);

#endif
