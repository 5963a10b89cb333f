/* export_svc: documents made from the 挂牌督导 data: XLSX exports of the lists (same scope
 * and filters as the list API, streamed in pages so size does not matter), the import
 * templates, and the plaque (挂牌牌匾) PDF of a school. */
#ifndef DUDAO_EXPORT_SVC_H
#define DUDAO_EXPORT_SVC_H

#include "docs/plaque.h"
#include "store/inspector_store.h"
#include "store/school_store.h"
#include "svc/import_svc.h"
#include "svc/svc.h"
#include "util/buf.h"

err_t *export_svc_schools(svc_t *s, arena_t *a, const actor_t *who, const school_filter_t *f, const char *path);
err_t *export_svc_inspectors(svc_t *s, arena_t *a, const actor_t *who, const inspector_filter_t *f,
                             const char *path);
err_t *export_svc_template(arena_t *a, import_kind_t kind, const char *path);
/* The plaque of a school in scope: its responsible inspector, the 8 items of 挂牌督导办法
 * 第四条, and a QR code to the school's public complaint page (public_url/complaint/CODE).
 * ERR_INVALID (field "inspector_id") when the school has no responsible inspector. */
err_t *export_svc_plaque(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, plaque_size_t size,
                         buf_t *out, const char **school_code);

#endif
