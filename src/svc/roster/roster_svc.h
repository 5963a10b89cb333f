/* roster_svc: the 挂牌督导 set-up beyond schools: responsibility zones (督学责任区) and
 * districts (片区), inspectors (督学) with their relations (回避) and warnings, assignments
 * (挂牌) checked against the rules in core/assign_rules, and the coverage view. Admins
 * change; admins and leaders read; inspectors read themselves. */
#ifndef DUDAO_ROSTER_SVC_H
#define DUDAO_ROSTER_SVC_H

#include <jansson.h>

#include "core/roster/assign_rules.h"
#include "store/roster/assignment_store.h"
#include "store/roster/inspector_store.h"
#include "store/roster/zone_store.h"
#include "svc/svc.h"

json_t *zone_to_json(const zone_t *z);
/* zone_to_json and inspector_to_json written by w, byte-equal. */
void zone_write_json(jw_t *w, const zone_t *z);
void inspector_write_json(jw_t *w, const inspector_t *i, const assign_limits_t *l, const char *today);
json_t *inspector_to_json(const inspector_t *i, const assign_limits_t *l, const char *today);
json_t *assignment_to_json(const assignment_t *x);

err_t *zone_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, zone_t **out, size_t *n);
/* district_name may be NULL (no 片区). */
err_t *zone_svc_create(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, const char *name,
                       const char *district_name, zone_t *out);
err_t *zone_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *name,
                       const char *district_name, bool has_district, zone_t *out);
/* Puts schools into a zone (all or nothing; ≤ 20 per zone). */
err_t *zone_svc_add_schools(svc_t *s, arena_t *a, const actor_t *who, int64_t zone_id, const int64_t *school_ids,
                            size_t n, zone_t *out);

err_t *inspector_svc_validate(db_t *db, arena_t *a, const actor_t *who, inspector_t *in);
err_t *inspector_svc_list(svc_t *s, arena_t *a, const actor_t *who, const inspector_filter_t *f, inspector_t **out,
                          size_t *n, int64_t *total, assign_limits_t *limits);
err_t *inspector_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, inspector_t *out,
                         assign_limits_t *limits);
err_t *inspector_svc_create(svc_t *s, arena_t *a, const actor_t *who, inspector_t *in, inspector_t *out);
err_t *inspector_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, inspector_t *in, inspector_t *out);
err_t *inspector_svc_add_relation(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t school_id,
                                  const char *kind, const char *note);

/* The declared 回避 relations of an inspector in scope, as a JSON array (new reference). */
err_t *inspector_svc_relations(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
/* Sets the inspector's photo (PNG or JPEG, ≤ 5 MiB), stored by content hash. */
err_t *inspector_svc_set_photo(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *data, size_t n);
/* The photo bytes and their content type; ERR_NOT_FOUND when none. */
err_t *inspector_svc_photo(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char **data, size_t *n,
                           const char **content_type);

/* Checks without writing: the verdict and reasons an assignment would get. */
err_t *assignment_svc_check(svc_t *s, arena_t *a, const actor_t *who, int64_t inspector_id, int64_t school_id,
                            const char *role, assign_result_t *out);
/* Assigns (ending the school's previous lead when role is lead); a refusal is ERR_INVALID
 * with the first blocking reason; warnings come back in *result. */
err_t *assignment_svc_create(svc_t *s, arena_t *a, const actor_t *who, int64_t inspector_id, int64_t school_id,
                             const char *role, const char *starts_on, assignment_t *out, assign_result_t *result);
/* Assignment history of a school (school_id > 0) or an inspector, newest first, as a JSON
 * array (new reference); the school or inspector must be in the caller's scope. */
err_t *assignment_svc_history(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, int64_t inspector_id,
                              json_t **out);
err_t *assignment_svc_end(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *reason);

/* The same, inside the caller's transaction (imports). */
err_t *zone_svc_create_tx(db_t *db, arena_t *a, const actor_t *who, const char *county_code, const char *name,
                       const char *district_name, zone_t *out);
/* zone_svc_update inside the caller's transaction (the import): scope, checks, audit row. */
err_t *zone_svc_update_tx(db_t *db, arena_t *a, const actor_t *who, int64_t id, const char *name,
                          const char *district_name, bool has_district, zone_t *out);
err_t *inspector_svc_create_tx(db_t *db, arena_t *a, const actor_t *who, inspector_t *in, inspector_t *out);
err_t *inspector_svc_update_tx(db_t *db, arena_t *a, const actor_t *who, int64_t id, inspector_t *in, inspector_t *out);
err_t *assignment_svc_create_tx(db_t *db, arena_t *a, const actor_t *who, int64_t inspector_id, int64_t school_id,
                             const char *role, const char *starts_on, assignment_t *out, assign_result_t *result);

/* The 挂牌督导 limits in force for a region in scope (inherited down the tree), and setting
 * them for that region (admin). Names: assign.warn_above, assign.hard_limit,
 * assign.central_min, zone.max_schools, training.hours; values are positive integers. */
err_t *settings_svc_get(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, assign_limits_t *out);
err_t *settings_svc_set(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *name,
                        int64_t value);

/* Coverage of the caller's scope: counts by county and zone, the schools without a
 * responsible inspector, inspectors over capacity, zones over the limit, central schools
 * short of inspectors. New reference. */
err_t *coverage_svc(svc_t *s, arena_t *a, const actor_t *who, json_t **out);

#endif
