/* audit_svc: reading and verifying the audit chain (writing is svc_audit, inside every
 * changing use case). Only auditors reach these through the API. */
#ifndef DUDAO_AUDIT_SVC_H
#define DUDAO_AUDIT_SVC_H

#include <jansson.h>

#include "store/platform/audit_store.h"
#include "svc/platform/scheduler.h"
#include "svc/svc.h"

json_t *audit_row_to_json(const audit_row_t *r);
err_t *audit_svc_list(svc_t *s, arena_t *a, const actor_t *who, const audit_filter_t *f, audit_row_t **out,
                      size_t *n_out, int64_t *total);
err_t *audit_svc_verify(svc_t *s, arena_t *a, int64_t *n_checked, int64_t *broken_id);

/* Checkpoints: the chain head signed with the server's Ed25519 key, so that a copy the
 * auditor keeps elsewhere shows rows cut off the tail (the chain alone cannot). The secret
 * key is cfg.data_dir/audit-checkpoint.key (created, mode 0600, on first use; instances
 * sharing the data directory share it). */

/* Signs the current head unless the newest checkpoint already names it (or the chain is
 * empty); *is_made says which. out may be NULL. Errors: ERR_INTERNAL when the key cannot be
 * read or created; database errors. */
err_t *audit_svc_checkpoint(svc_t *s, arena_t *a, bool *is_made, audit_checkpoint_t *out);
/* Every checkpoint as the export document (new reference):
 * {"format":"dudao-audit-checkpoints/1","checkpoints":[{id, at, at_text, last_id, last_hash,
 * public_key, signature}]}. */
err_t *audit_svc_checkpoints_export(svc_t *s, arena_t *a, json_t **out);

/* The scheduler's daily job (svc/jobs.c): one checkpoint; report gets "made" and "last_id". */
err_t *audit_job_checkpoint(svc_t *s, arena_t *a, const char *as_of, json_t *report, const sched_ctl_t *ctl);

typedef struct audit_cp_report {
    size_t n_checked;    /* checkpoints found intact */
    int64_t bad_id;      /* the first checkpoint that fails */
    const char *problem; /* why it fails, "中文 / English" (in a); NULL when all hold */
} audit_cp_report_t;
/* Checks an exported document against the database: every signature (Ed25519, by the key the
 * document names, the same for all), and that the row each checkpoint names is still there
 * with the same hash. ERR_INVALID (field "checkpoints") when doc is not such a document. */
err_t *audit_svc_verify_checkpoints(svc_t *s, arena_t *a, const json_t *doc, audit_cp_report_t *rep);

#endif
