/* survey_svc: the use cases of the surveys capability (满意度调查, 社会认可度).
 *
 * - Questionnaires (survey_form_svc.c): the built-ins of standards/surveys/ (synchronised into
 *   the database on first use, each a published version) and a region's own; a draft is
 *   edited in place, publishing freezes it (rounds pin a published version).
 * - Rounds (survey_round_svc.c): a questionnaire version, a region (county), dates, the
 *   suppression threshold, and quota cells (group × school × stratum, quota, weight); one
 *   one-time code per quota unit, printed as slips with QR codes; progress per cell.
 * - Answering (survey_public_svc.c): no account; the code names the round and the cell; a code
 *   works once; rate-limited per code and per address (a digest, never the address).
 * - Results (survey_results_svc.c): core/surveys/survey_stats over the stored counts; JSON,
 *   XLSX tables and a PDF report. dudao's own rounds are the county's 自评 (pre-assessment),
 *   labelled so; the official 社会认可度 survey is run by a commissioned institution.
 *
 * - Organisations (survey_org_svc.c): third parties a county commissions; their accounts
 *   (role evaluator, expiring) see only their org's rounds, distribute the codes, read the
 *   aggregated results and hand them in; the office accepts or returns them.
 *
 * Roles: office reads (ROLES_OFFICE), the admin writes, an evaluator its org's rounds;
 * everything is limited to the actor's region subtree (store/scope.h). Errors: ERR_INVALID with the field,
 * ERR_NOT_FOUND for what is absent or out of scope, ERR_CONFLICT for a frozen version, a used code or a closed round,
 * ERR_RATE_LIMITED. Every write is one transaction with an audit row, except a response,
 * which is deliberately not audited (its time would order responses). Thread-safe. */
#ifndef DUDAO_SURVEY_SVC_H
#define DUDAO_SURVEY_SVC_H

#include <jansson.h>

#include "store/scope.h"
#include "svc/svc.h"
#include "util/buf.h"

enum {
    SURVEY_MAX_CODES = 20000,     /* codes of one round */
    SURVEY_MAX_QUOTA = 5000,      /* codes of one cell */
    SURVEY_RATE_WINDOW = 600,     /* seconds */
    SURVEY_ADDR_PER_WINDOW = 120, /* attempts from one address (a school's shared network) */
    SURVEY_CODE_PER_WINDOW = 5,   /* attempts with one code */
};

/* survey_form_svc.c */
err_t *survey_svc_forms(svc_t *s, arena_t *a, const actor_t *who, json_t **out);
err_t *survey_svc_version(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
err_t *survey_svc_form_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *document, json_t **out);
/* A draft is replaced in place; editing a published version makes a new draft (latest + 1). */
err_t *survey_svc_version_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const json_t *document,
                                 json_t **out);
err_t *survey_svc_version_publish(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
/* Syncs the built-ins (any transaction state); used by the functions above and rounds. */
err_t *survey_svc_sync_builtins(db_t *db, arena_t *a);

/* survey_round_svc.c. body: {title, form_version_id, region_code?, opens_on, closes_on,
 * min_n?, cells:[{group, school_id?, stratum?, quota, weight?}]}. */
err_t *survey_svc_round_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *body, json_t **out);
err_t *survey_svc_rounds(svc_t *s, arena_t *a, const actor_t *who, json_t **out);
/* The round with its cells and their progress (codes, used, responses, quota). */
err_t *survey_svc_round_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
err_t *survey_svc_round_close(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
/* The slips (A4 sheets of 10, each with its QR code) as PDF appended to pdf. */
/* *filename "调查码.pdf" */
err_t *survey_svc_slips_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *pdf, const char **filename);
/* The codes and their links as XLSX (for SMS/WeChat) at path. */
err_t *survey_svc_codes_xlsx(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *path);

/* The sample a version's rule asks of a population, and a quota proposal per group:
 * {rule, population, need:{total, parents, valid}, groups:[{group, name, quota}]}.
 * ERR_INVALID when the questionnaire has no sampling rule or population is not 1–10^8. */
err_t *survey_svc_sample(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, int64_t population,
                         json_t **out);

/* survey_org_svc.c: third-party organisations (admin writes, office reads; an evaluator sees
 * its own). body: {name, county_code?, credit_code?, contract_no?, contact?, status?}.
 * Closing an org (status closed) disables its accounts and ends their sessions. */
err_t *survey_svc_orgs(svc_t *s, arena_t *a, const actor_t *who, json_t **out);
err_t *survey_svc_org_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
err_t *survey_svc_org_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *body, json_t **out);
err_t *survey_svc_org_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const json_t *body, json_t **out);
/* The org hands in a closed round's results with its report (review pending|returned →
 * submitted). ERR_CONFLICT for an office-run or open round, or one already handed in. */
err_t *survey_svc_round_submit(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *report, json_t **out);
/* The office's review: decision accepted | returned (a return needs a note). Only accepted
 * results count in trends, the pre-assessment and findings. */
err_t *survey_svc_round_review(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *decision,
                               const char *note, json_t **out);

/* survey_official_svc.c: an official survey the county only distributes (the institution
 * holds the answers): body {title, institution, url, opens_on, closes_on, region_code?,
 * cells:[{group_name, school_id?, target}]}; progress: cells [{id, collected, reported_on?}]
 * as the institution publishes them (all or nothing); posters: one A4 page per target with the
 * institution's QR code. Admin writes, office reads. */
err_t *survey_svc_officials(svc_t *s, arena_t *a, const actor_t *who, json_t **out);
err_t *survey_svc_official_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
err_t *survey_svc_official_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *body, json_t **out);
err_t *survey_svc_official_progress(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const json_t *cells,
                                    json_t **out);
err_t *survey_svc_official_close(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
/* *filename "调查二维码海报.pdf" */
err_t *survey_svc_official_posters(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *pdf,
                                   const char **filename);

/* Shared by the surveys use cases: the scope of rounds (region; an evaluator's org), the
 * round in it (ERR_NOT_FOUND otherwise), and whether a round's results may be used. */
scope_t survey_scope(const actor_t *who);
struct survey_round_row;
err_t *survey_get_round(db_t *db, arena_t *a, const actor_t *who, int64_t id, struct survey_round_row *r);
bool survey_round_is_usable(const struct survey_round_row *r);

/* survey_public_svc.c */
err_t *survey_public_get(svc_t *s, arena_t *a, const char *code, json_t **out);
err_t *survey_public_submit(svc_t *s, arena_t *a, const char *code, const json_t *answers, const char *ip,
                            json_t **out);

/* survey_results_svc.c */
err_t *survey_svc_results(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out);
err_t *survey_svc_results_xlsx(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *path);
/* *filename "调查报告.pdf" */
err_t *survey_svc_report_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *pdf, const char **filename);
/* The free-text answers of a round with their flags (office only, never published):
 * {items:[{response_id, item, text, flagged, note}], total, flagged}; flagged_only narrows
 * the list to the flagged ones (the follow-up queue). */
err_t *survey_svc_texts(svc_t *s, arena_t *a, const actor_t *who, int64_t id, bool flagged_only, json_t **out);
/* Flags (with a note) or unflags one free-text answer; ERR_NOT_FOUND for an answer not in the
 * round, ERR_CONFLICT when unflagging one that is not flagged. Audited. */
err_t *survey_svc_text_flag(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t response_id, const char *item,
                            bool is_flagged, const char *note);
/* The satisfaction of one questionnaire's closed rounds over time, oldest first, overall and
 * per group (suppression as in the results); only usable rounds (the office's own, and a
 * third party's once accepted). */
err_t *survey_svc_trends(svc_t *s, arena_t *a, const actor_t *who, const char *form_code, json_t **out);

/* A low-scoring question at a school becomes a draft finding in the ledger (category
 * 满意度调查, the question as its indicator), one per round, school and question; admin in
 * scope. ERR_INVALID for a school not in the round, an unknown question or a figure
 * suppressed under min_n; ERR_CONFLICT when it is not under the line or already has its
 * finding. *out: the finding. */
err_t *survey_svc_item_finding(svc_t *s, arena_t *a, const actor_t *who, int64_t round_id, int64_t school_id,
                               const char *item, json_t **out);

/* The county's own survey for the verdict's pre-assessment (svc/balance/verdict_svc), on the
 * caller's connection with no scope check (the verdict has checked the county): the newest
 * closed round of the county itself whose questionnaire is of standard ("quality-2017": the
 * 社会认可度 form) and which closed within the school year (1 Sep – 31 Aug), with its overall
 * figure shown (not suppressed). has false when there is none. */
typedef struct survey_pre {
    bool has;
    double percent; /* 0–100 */
    int64_t round_id;
    const char *title;
} survey_pre_t;
err_t *survey_svc_verdict_pre(db_t *db, arena_t *a, const char *county_code, int64_t school_year, const char *standard,
                              survey_pre_t *out);

#endif
