/* visit_frameworks: an office's own routine checklists (经常性督导记录表) and the second
 * checklist it may add to every routine visit (文登: 双减 "每月至少开展1次" on the monthly visit).
 *
 * Settings (jurisdiction_setting, inherited down the region tree, audited):
 *   visit.routine_framework  code of the framework routine tasks pin (default gpdd-routine)
 *   visit.routine_extra      code of a further framework attached to each routine visit when
 *                            it is opened ("" or unset: none)
 * Each must have a published version usable by the office. The visit's further checklists
 * are answered, scored and locked with the visit (visit_svc: *_checklist). */
#ifndef DUDAO_VISIT_FRAMEWORKS_H
#define DUDAO_VISIT_FRAMEWORKS_H

#include "svc/svc.h"

#define VISIT_SETTING_ROUTINE_FW "visit.routine_framework"
#define VISIT_SETTING_ROUTINE_EXTRA "visit.routine_extra"

/* {region_code, framework: {code, version_id, name}, extra: {...} | null} in force for region. */
err_t *visit_fw_routine_get(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, json_t **out);
/* Sets either or both (NULL leaves one unchanged; extra "" removes it); returns as _get. */
err_t *visit_fw_routine_set(svc_t *s, arena_t *a, const actor_t *who, const char *region_code,
                            const char *framework_code, const char *extra_code, json_t **out);

/* Inside a transaction: the version routine tasks of an inspector of region_code pin. */
err_t *visit_fw_routine_version_tx(db_t *db, arena_t *a, const char *region_code, int64_t *version_id,
                                   const char **code);
/* Inside a transaction: the further version to attach to a routine visit of region_code
 * (0 when none or when it is the visit's own framework). */
err_t *visit_fw_routine_extra_tx(db_t *db, arena_t *a, const char *region_code, int64_t primary_version_id,
                                 int64_t *version_id);

#endif
