/* bulletin_svc: 督导通报. An admin composes a bulletin for a county and period from the ledger
 * (issued, closed and overdue counts, findings by category and school, the towns ranked by
 * closure rate, the named overdue cases), edits the text, has it approved by someone else (a
 * second admin or a leader: 四眼原则), and publishes it with a 文号. Published bulletins appear
 * on a public page with people's names redacted: the redaction list starts with the names the
 * data knows (principals, responsible persons, inspectors of the county) and the editor may add
 * more; each name becomes its surname and 某 (王建国 → 王某), in the text and the figures. */
#ifndef DUDAO_BULLETIN_SVC_H
#define DUDAO_BULLETIN_SVC_H

#include <jansson.h>

#include "svc/svc.h"
#include "util/buf.h"

err_t *bulletin_svc_compose(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *from,
                            const char *to, const char *title, json_t **out);
err_t *bulletin_svc_list(svc_t *s, arena_t *a, const actor_t *who, json_t **out);
err_t *bulletin_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
/* Edits a draft (title, body, redactions: a JSON array of names; NULL leaves each as is). */
err_t *bulletin_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *title, const char *body,
                           const json_t *redactions, json_t **out);
err_t *bulletin_svc_approve(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
err_t *bulletin_svc_publish(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
/* The PDF: as written for staff (who non-NULL), redacted for the public (who NULL: published
 * only). */
err_t *bulletin_svc_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *out, const char **filename);

/* Public: published bulletins, redacted. */
err_t *bulletin_svc_public_list(svc_t *s, arena_t *a, json_t **out);
err_t *bulletin_svc_public_get(svc_t *s, arena_t *a, int64_t id, json_t **out);

/* text with each name of the list replaced by its first character and 某 (arena). */
const char *bulletin_redact(arena_t *a, const char *text, const json_t *names);

#endif
