/* complaint_svc: 受理举报投诉. The public page reached from a plaque's QR code
 * (/complaint/<学校标识码>) posts here without logging in; the complaint lands in the inbox of
 * the school's responsible inspector (and the county office) to verify. A verified complaint
 * becomes a finding (source "complaint"); a rejected one gets a reply. The complainant keeps a
 * receipt code and can look up the outcome — the state, the reply and the finding's progress,
 * never the content, contact details or who handled it.
 *
 * Flooding: at most COMPLAINT_BURST complaints per source in 10 minutes and COMPLAINT_HOURLY
 * in an hour (429 rate_limited); a source is an IPv4 address or an IPv6 /64. They are counted
 * in the database from a BLAKE2b MAC of the source keyed with a server secret (the file
 * COMPLAINT_KEY_FILE in the data directory, made on first use; servers sharing a database
 * share the data directory), so every instance shares the count, no address is stored, and a
 * copy of the database alone cannot be matched against candidate addresses. No
 * CAPTCHA: a parent on a phone at the school gate should not have to solve puzzles. */
#ifndef DUDAO_COMPLAINT_SVC_H
#define DUDAO_COMPLAINT_SVC_H

#include <jansson.h>

#include "svc/findings/finding_svc.h"

enum { COMPLAINT_BURST = 3, COMPLAINT_HOURLY = 10 };
#define COMPLAINT_KEY_FILE "complaint-source.key"

typedef struct complaint_in {
    const char *school_code;
    const char *category; /* 乱收费 / 安全隐患 / 课业负担 / 师德师风 / 食品安全 / 其他 */
    const char *content;
    const char *contact_name, *contact_phone; /* optional */
    const char *ip;
} complaint_in_t;

/* The school a plaque's code names, for the public form: {code, name, county_name,
 * inspector_name}. ERR_NOT_FOUND for an unknown or closed school. */
err_t *complaint_svc_school(svc_t *s, arena_t *a, const char *code, json_t **out);
/* Files a public complaint; *out is {receipt_code, school_name, created_at}. */
err_t *complaint_svc_create(svc_t *s, arena_t *a, const complaint_in_t *in, json_t **out);
/* The outcome for a receipt code (ERR_NOT_FOUND otherwise). */
err_t *complaint_svc_lookup(svc_t *s, arena_t *a, const char *receipt, json_t **out);

/* Staff: the complaints in scope (state NULL = all), newest first. */
err_t *complaint_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *state, int64_t limit, int64_t offset,
                          json_t **out);
/* Verified: a finding is created (and issued at once when is_issue) from in (description
 * defaults to the complaint's content); outcome is the reply. */
err_t *complaint_svc_verify(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const finding_input_t *in,
                            bool is_issue, const char *outcome, json_t **out);
err_t *complaint_svc_reject(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *outcome, json_t **out);

#endif
