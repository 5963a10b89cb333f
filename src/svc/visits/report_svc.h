/* report_svc: the 督导报告 of a 专项 or 综合 task (《教育督导条例》第二十三条).
 *
 * compose: once every target's 督导意见书 is issued (its step is past the opinion), the office
 *   composes the report from the data — the task, its team, each target with its grade and
 *   score (if any), its problems and its 意见书 number — numbered through core/doc_no like every
 *   document; composed once (ERR_CONFLICT after).
 * act: "send" (to the 本级人民政府), "file" (备案 with the next-higher office), "publish"
 *   (向社会公布: is_public); each recorded with its time and audited. Publishing needs the
 *   report sent first.
 * pdf: the report as a 公文-style PDF (docs/official_doc, cairo + Pango).
 * Admins compose and act; the office and its leaders read. */
#ifndef DUDAO_REPORT_SVC_H
#define DUDAO_REPORT_SVC_H

#include <jansson.h>

#include "svc/svc.h"
#include "util/buf.h"

err_t *report_svc_compose(svc_t *s, arena_t *a, const actor_t *who, int64_t task_id, json_t **out);
err_t *report_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t task_id, json_t **out);
err_t *report_svc_act(svc_t *s, arena_t *a, const actor_t *who, int64_t task_id, const char *action, const char *to,
                      json_t **out);
/* The public side (条例第二十三条 公布): the published reports, no account; a report's PDF only
 * once it is published (ERR_NOT_FOUND otherwise, the same answer as for no report). */
err_t *report_svc_public_list(svc_t *s, arena_t *a, json_t **out);
err_t *report_svc_public_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t task_id, buf_t *out,
                             const char **filename);
err_t *report_svc_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t task_id, buf_t *out, const char **filename);

#endif
