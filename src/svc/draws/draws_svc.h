/* draws_svc: the use cases of 双随机一公开 (and the draw behind 回头看) and of risk grouping.
 *
 * A plan is created (pools, share or count, inspectors per school), committed (the snapshot of
 * the candidates after 回避 is frozen and the SHA-256 of the seed published: the server draws
 * 32 random bytes, or the office gives the hash of its own seed), revealed (the seed must hash
 * to the published value; the draw runs by core/draws and is published), and afterwards every
 * replacement is logged with its reason. The public sees drawn plans only. Every call is one
 * transaction with an audit row per change; JSON results are new references the caller owns.
 * Errors: ERR_INVALID with the field at fault, ERR_NOT_FOUND outside the caller's region,
 * ERR_CONFLICT for a step out of order (reveal before commit, a second reveal). */
#ifndef DUDAO_DRAWS_SVC_H
#define DUDAO_DRAWS_SVC_H

#include <jansson.h>

#include "svc/svc.h"

typedef struct draws_plan_input {
    const char *region_code; /* NULL: the caller's region */
    const char *title;
    const char *kind;              /* inspection (default) | followup */
    const json_t *items;           /* array of strings: the 检查事项清单 */
    const json_t *school_ids;      /* inspection: the school pool; followup: closed finding ids */
    const json_t *unit_ids;        /* inspection of 被督导单位 instead: the unit pool (not with school_ids) */
    const json_t *inspector_ids;   /* the inspector pool */
    int64_t n_targets;             /* 0: use share_percent */
    int64_t share_percent;         /* 0: use n_targets; else 1..100 */
    int64_t inspectors_per_school; /* 0..10 */
    int is_weighted;               /* 1: risk-weighted tickets */
    int exclude_own;               /* -1: the setting draws.exclude_own (default 1) */
    const json_t *strata;          /* a share per risk class {"key": p, "issues": p, "ok": p} (0..100), instead of
                                      share_percent / n_targets; schools only */
    bool has_share, has_n;
} draws_plan_input_t;

err_t *draws_svc_create(svc_t *s, arena_t *a, const actor_t *who, const draws_plan_input_t *in, json_t **out);
err_t *draws_svc_list(svc_t *s, arena_t *a, const actor_t *who, json_t **out);
err_t *draws_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
/* seed_hash NULL: the server generates the seed. */
err_t *draws_svc_commit(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *seed_hash, json_t **out);
/* seed NULL: the server's own seed (refused when the office committed its own). */
err_t *draws_svc_reveal(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *seed, json_t **out);
/* kind school|finding: old_id a drawn target; inspector: old_id drawn for school_id. new_id 0:
 * the next in the draw's own ranking that is free (and not 回避 for inspectors). */
err_t *draws_svc_replace(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *kind, int64_t school_id,
                         int64_t old_id, int64_t new_id, const char *reason, json_t **out);
/* The public page: drawn plans with hash, seed, snapshot and result. */
err_t *draws_svc_public_list(svc_t *s, arena_t *a, json_t **out);
err_t *draws_svc_public_get(svc_t *s, arena_t *a, int64_t id, json_t **out);
/* Every school of the region with its risk class and reasons (thresholds: settings
 * draws.risk.key_overdue, key_recurrent, key_complaints, key_open). */
err_t *draws_svc_risk(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, json_t **out);

/* The draws settings in force for a region: {exclude_own, thresholds}. */
err_t *draws_svc_settings(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, json_t **out);
/* Sets draws.exclude_own (0|1) or draws.risk.key_overdue | key_recurrent | key_complaints |
 * key_open (1..1000) for region_code (in scope, inherited below), audited. */
err_t *draws_svc_setting_put(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *name,
                             int64_t value);
/* 回头看 by rule: the closed findings of the region closed in [from, to] (dates, inclusive; NULL
 * open-ended) with severity (NULL any): {items, ids} for a followup plan's pool. */
err_t *draws_svc_followup_candidates(svc_t *s, arena_t *a, const actor_t *who, const char *region_code,
                                     const char *from, const char *to, const char *severity, json_t **out);
/* A drawn 回头看 plan: one unannounced followup task per school of the drawn findings, made by
 * task_svc_create (so 回避 and the task rules are the visits capability's), the first inspector
 * leading. Targets that have a task keep it (calling again only fills the gaps). */
err_t *draws_svc_followup_tasks(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const int64_t *inspector_ids,
                                size_t n_inspectors, const char *starts_on, const char *due_on, json_t **out);
/* The re-check of one drawn finding: outcome confirmed (整改到位) or reopened (the finding
 * reopens through the lifecycle, FA_REOPEN, with note as the reason). Once per finding. */
err_t *draws_svc_recheck(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t finding_id, const char *outcome,
                         const char *note, json_t **out);

#endif
