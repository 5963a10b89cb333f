/* export_svc: documents made from the 挂牌督导 data: XLSX exports of the lists (same scope
 * and filters as the list API, streamed in pages so size does not matter), the import
 * templates, and the plaque (挂牌牌匾) PDF of a school. */
#ifndef DUDAO_EXPORT_SVC_H
#define DUDAO_EXPORT_SVC_H

#include "docs/roster/plaque.h"
#include "store/roster/assignment_store.h"
#include "store/roster/inspector_store.h"
#include "store/roster/school_store.h"
#include "svc/roster/import_svc.h"
#include "svc/svc.h"
#include "util/buf.h"

err_t *export_svc_schools(svc_t *s, arena_t *a, const actor_t *who, const school_filter_t *f, const char *path);
err_t *export_svc_inspectors(svc_t *s, arena_t *a, const actor_t *who, const inspector_filter_t *f, const char *path);
/* The zones in scope (county_code NULL: all) with county, district, school count and
 * whether over the zone limit. */
err_t *export_svc_zones(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, const char *path);

/* Assignments of schools in scope, oldest first, streamed in pages. ERR_INVALID for a bad
 * status or role; ERR_NOT_FOUND for a region outside scope. */
err_t *export_svc_assignments(svc_t *s, arena_t *a, const actor_t *who, const assignment_filter_t *f, const char *path);
/* The coverage view, one sheet per list: 覆盖概况 (by county), 未挂牌学校, 超负荷督学,
 * 超限责任区, 中心校督学不足, 未划入责任区学校. */
err_t *export_svc_coverage(svc_t *s, arena_t *a, const actor_t *who, const char *path);
err_t *export_svc_template(arena_t *a, import_kind_t kind, const char *path);
/* The plaque of a school in scope: its responsible inspector, the 8 items of 挂牌督导办法
 * 第四条, and a QR code to the school's public complaint page (public_url/complaint/CODE).
 * ERR_INVALID (field "inspector_id") when the school has no responsible inspector. */
err_t *export_svc_plaque(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, plaque_size_t size, buf_t *out,
                         const char **school_code);

#endif
