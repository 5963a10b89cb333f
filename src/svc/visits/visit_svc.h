/* visit_svc: 督导记录 — the inspector's visit to a school (or, for 督政, a government) under a
 * task: open, check in, answer the checklist pinned to the task's framework version (narrowed
 * to the school by applies_to), attach photos, save and continue, submit; then locked, and
 * corrected only by a recorded amendment with a reason. On submit the scores and grade come
 * from core/framework (via svc/checklist) and failed or flagged items become draft findings
 * (问题台账, state 'draft'). The office issues the 督导意见书 with a 文号 allocated per
 * county per year.
 *
 * Who: inspectors on the task record (any member; the one who opens it is the recorder);
 * admins read, amend and issue; leaders read; a school reads its own submitted visits only.
 * Every change is one transaction with an audit row; photos enter the chain with their SM3
 * hash, time and position. */
#ifndef DUDAO_VISIT_SVC_H
#define DUDAO_VISIT_SVC_H

#include <jansson.h>

#include "store/platform/attachment_store.h"
#include "store/visits/visit_store.h"
#include "svc/svc.h"
#include "util/buf.h"

enum { VISIT_PHOTO_MAX = 10 * 1024 * 1024 };

scope_t visit_scope_of(const actor_t *who);
/* The list form (no answers). New reference. */
json_t *visit_to_json(const visit_t *v);

err_t *visit_svc_list(svc_t *s, arena_t *a, const actor_t *who, const visit_filter_t *f, visit_t **out, size_t *n,
                      int64_t *total);
/* Opens the visit of a target (or returns the one already opened): the caller is an inspector
 * on the task, the task is open. */
err_t *visit_svc_open(svc_t *s, arena_t *a, const actor_t *who, int64_t target_id, int64_t *visit_id);
/* The whole visit: answers, checklist, live result, photos, findings, amendments, documents. */
err_t *visit_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
/* Check-in at server time with the phone's position; the distance to the school is stored. */
err_t *visit_svc_checkin(svc_t *s, arena_t *a, const actor_t *who, int64_t id, double lat, double lng,
                         double accuracy_m);
/* Merges answers ({code: answer | null}) and notes into the draft. revision ≥ 0 makes the save
 * conditional on the stored revision (ERR_CONFLICT when another save came between). */
err_t *visit_svc_save(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const json_t *answers, const char *notes,
                      bool has_notes, int64_t revision);
/* Stores a photo (JPEG/PNG/WebP, ≤ VISIT_PHOTO_MAX) for the draft visit, under its hash. */
err_t *visit_svc_add_photo(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t taken_at, bool has_position,
                           double lat, double lng, const char *name, const char *data, size_t n, attachment_t *out);
err_t *visit_svc_submit(svc_t *s, arena_t *a, const actor_t *who, int64_t id);
/* Saves answers of one of the visit's further checklists (visit_framework: a second checklist
 * on a routine visit, see visit_frameworks.h); each is scored on its own at submit. */
err_t *visit_svc_save_checklist(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t version_id,
                                const json_t *answers);
/* Corrects a submitted visit: answers merged as in save, a reason required; recorded. */
err_t *visit_svc_amend(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const json_t *answers, const char *reason);
/* Issues the 督导意见书 (admin): evaluation text, the rectification deadline, and optional
 * per-finding requirements [{finding_id, requirement, deadline}]. Allocates the 文号. */
err_t *visit_svc_issue_opinion(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *evaluation,
                               const char *deadline, const json_t *requirements, visit_document_t *out);
/* The PDFs; *filename in the arena. */
err_t *visit_svc_record_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *out, const char **filename);
err_t *visit_svc_opinion_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *out, const char **filename);

/* Routine-visit coverage for a month ("YYYY-MM", default this month) in the caller's scope
 * (an inspector: the schools it holds): per school the last visit, days since, the month's
 * and the semester's count against 每月 ≥ visit.per_month (setting, default 1) and 每学期 ≥ 2
 * (条例第十四条); per inspector the totals; the schools not visited for 30 days. Written
 * into w (nothing on error). */
err_t *visit_svc_coverage(svc_t *s, arena_t *a, const actor_t *who, const char *month, jw_t *w);
/* The visits of a month day by day, and the tasks due, in the caller's scope. New reference. */
err_t *visit_svc_calendar(svc_t *s, arena_t *a, const actor_t *who, const char *month, json_t **out);

#endif
