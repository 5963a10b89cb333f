/* audit_svc: reading and verifying the audit chain (writing is svc_audit, inside every
 * changing use case). Only auditors reach these through the API. */
#ifndef DUDAO_AUDIT_SVC_H
#define DUDAO_AUDIT_SVC_H

#include <jansson.h>

#include "store/platform/audit_store.h"
#include "svc/svc.h"

json_t *audit_row_to_json(const audit_row_t *r);
err_t *audit_svc_list(svc_t *s, arena_t *a, const actor_t *who, const audit_filter_t *f, audit_row_t **out,
                      size_t *n_out, int64_t *total);
err_t *audit_svc_verify(svc_t *s, arena_t *a, int64_t *n_checked, int64_t *broken_id);

#endif
