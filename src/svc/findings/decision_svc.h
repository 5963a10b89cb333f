/* decision_svc: 督办单 by decision. The office issues a 督办单 by hand to a school, listing
 * several 督办事项 each with its deadline (draft); a second admin signs it off — never its
 * issuer; only a signed one is sent, and sending gives it its number in the 督办单 series
 * (core/doc_no, the office's 机关代字 + 督办). A school account reads only its own sent ones.
 * Each change is one transaction with its audit row; bad input changes nothing. */
#ifndef DUDAO_DECISION_SVC_H
#define DUDAO_DECISION_SVC_H

#include <jansson.h>

#include "svc/svc.h"

/* body: {school_id, title, basis?, items: [{text, deadline}]} */
err_t *decision_svc_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *body, json_t **out);
err_t *decision_svc_list(svc_t *s, arena_t *a, const actor_t *who, json_t **out);
err_t *decision_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
err_t *decision_svc_sign(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
err_t *decision_svc_send(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);

#endif
