/* finding_store: the 问题台账 (finding, 004 + 006), its event history, extension requests,
 * document numbers and 督办单, with the scope rules in SQL:
 * - a region scope: the finding's region lies in the caller's subtree;
 * - an inspector account sees only the findings of the schools it holds now (挂牌);
 * - a school account sees only its own school's findings, and never an unissued draft.
 * Nothing is deleted. Memory of results is in the arena; functions take a connection. */
#ifndef DUDAO_FINDING_STORE_H
#define DUDAO_FINDING_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "store/scope.h"

typedef struct finding {
    int64_t id;
    const char *region_code;
    const char *region_name;
    const char *county_code;
    const char *county_name;
    int64_t school_id; /* 0: a government unit (督政) */
    const char *school_name;
    const char *school_code;
    const char *source; /* visit | complaint | manual | reinspection */
    int64_t task_id, visit_id;
    const char *indicator_code, *indicator_text, *framework_code, *category;
    const char *severity;
    const char *description, *requirement, *responsible_unit, *responsible_person;
    const char *deadline, *original_deadline;
    const char *state;
    const char *notice_no;
    int64_t issued_at, issued_by, submitted_at, closed_at, closed_by;
    const char *void_reason;
    int64_t n_returns, n_reopens;
    bool is_overdue;  /* open, owed by the school, and past its deadline (or raised by the ladder) */
    bool was_overdue; /* ever went past its deadline */
    int64_t escalation_level;
    const char *accountability_flag, *recurrence_flag;
    int64_t complaint_id;
    bool is_reinspected;
    const char *order_no; /* its 督办单, if any */
    int64_t order_id;
    bool has_pending_extension;
    const char *inspector_name; /* the school's responsible inspector now */
    int64_t created_by;
    const char *created_by_name;
    int64_t created_at, updated_at;
    int64_t unit_id;               /* > 0: the supervised unit it targets (督政), school_id 0 */
    const char *verify_overdue_on; /* the day the daily job found its 核查 overdue (reminder written); NULL */
    /* computed by the svc layer from finding.verify_days (not columns): */
    const char *verify_due; /* submitted/review: the 核查 deadline; NULL otherwise */
    bool is_verify_overdue; /* past verify_due (or marked by the job) */
} finding_t;

typedef struct finding_filter {
    const char *state; /* one state, or "open" (not closed/voided) */
    const char *severity;
    int64_t school_id;
    const char *region_code; /* a town or county inside scope */
    bool is_region_town;     /* region_code is a town: compared by equality (the planners then use the index) */
    int is_overdue;          /* -1 any */
    const char *source;
    const char *indicator_code;
    const char *category;
    const char *q;      /* description, school name or 文号 contains */
    int is_flagged;     /* 1: accountability or recurrence flagged; -1 any */
    int64_t task_id;    /* > 0 */
    int is_reinspected; /* 1: picked for 回头看; -1 or 0 any */
    const char *sort;   /* a key of core/findings/finding_sort.h; '-' descending; NULL newest first */
    const char *today;  /* for is_overdue */
    int64_t limit, offset;
} finding_filter_t;

err_t *finding_store_get(db_t *db, arena_t *a, const scope_t *sc, const char *today, int64_t id, finding_t *out);
/* A page and the total; counts (may be NULL) gets the counts by state as finding_store_counts. */
err_t *finding_store_list(db_t *db, arena_t *a, const scope_t *sc, const finding_filter_t *f, finding_t **out,
                          size_t *n, int64_t *total, int64_t counts[8]);
/* Counts for the filter with its own state ignored: draft, issued, rectifying, submitted,
 * closed, voided, and (within those) overdue. */
err_t *finding_store_counts(db_t *db, arena_t *a, const scope_t *sc, const finding_filter_t *f, int64_t counts[8]);
/* Keyset pages for exports: rows with id > after_id in id order. */
err_t *finding_store_export_page(db_t *db, arena_t *a, const scope_t *sc, const finding_filter_t *f, int64_t after_id,
                                 int64_t limit, finding_t **out, size_t *n);

/* Inserts f (id filled in) in its state; county_code is derived from the region. */
err_t *finding_store_insert(db_t *db, arena_t *a, finding_t *f, int64_t now);
/* Writes the lifecycle's mutable columns of f (by id). */
err_t *finding_store_update(db_t *db, arena_t *a, const finding_t *f, int64_t now);
/* A draft a visit raised (source 'visit', state 'draft'; county_code is left for the escalation
 * sweep to fill, as before): region, school, task, visit, indicator, category, severity,
 * description and created_by of f. */
err_t *finding_store_add_visit_draft(db_t *db, arena_t *a, const finding_t *f, int64_t now);
/* A visit's draft gets the opinion's requirement and deadline (NULL keeps the current one). */
err_t *finding_store_set_draft_terms(db_t *db, arena_t *a, int64_t visit_id, int64_t finding_id,
                                     const char *requirement, const char *deadline, int64_t now);
/* Every draft of the visit without a deadline gets this one. */
err_t *finding_store_default_draft_deadlines(db_t *db, arena_t *a, int64_t visit_id, const char *deadline, int64_t now);
/* Marks a closed finding picked for 回头看 (is_reinspected). */
err_t *finding_store_mark_reinspected(db_t *db, arena_t *a, int64_t id);

typedef struct finding_event {
    int64_t id, finding_id;
    const char *kind, *from_state, *to_state;
    int64_t actor_id;
    const char *actor_name, *actor_role, *note, *data_json;
    int64_t at;
} finding_event_t;

err_t *finding_store_add_event(db_t *db, arena_t *a, finding_event_t *ev);
err_t *finding_store_events(db_t *db, arena_t *a, int64_t finding_id, finding_event_t **out, size_t *n);

typedef struct finding_extension {
    int64_t id, finding_id;
    const char *requested_deadline, *previous_deadline, *reason, *state;
    int64_t requested_by, requested_at, decided_by, decided_at;
    const char *decision_note, *new_deadline;
    const char *school_name; /* for the admin's list */
    const char *description;
} finding_extension_t;

err_t *finding_store_add_extension(db_t *db, arena_t *a, finding_extension_t *x);
/* The pending request of a finding; *found false when none. */
err_t *finding_store_pending_extension(db_t *db, arena_t *a, int64_t finding_id, finding_extension_t *out, bool *found);
err_t *finding_store_decide_extension(db_t *db, arena_t *a, const finding_extension_t *x);
/* Requests in scope (state NULL = all), newest first. */
err_t *finding_store_extensions(db_t *db, arena_t *a, const scope_t *sc, const char *state, finding_extension_t **out,
                                size_t *n);

/* Whether the inspector account holds the school now (an open assignment). */
/* Whether the inspector account user_id is on the team (task_member) of task_id. */
err_t *finding_store_is_team_member(db_t *db, arena_t *a, int64_t user_id, int64_t task_id, bool *out);
err_t *finding_store_is_holder(db_t *db, arena_t *a, int64_t user_id, int64_t school_id, bool *out);
/* The county (code and name) of a region: its own for a county, its parent's for a town. */
/* The school's recorded position (for a 现场复核); *has false when it has none. */
err_t *finding_store_school_position(db_t *db, arena_t *a, int64_t school_id, bool *has, double *lat, double *lng);
err_t *finding_store_county_of(db_t *db, arena_t *a, const char *region_code, const char **code, const char **name);

typedef struct supervision_order {
    int64_t id, finding_id, school_id;
    const char *region_code, *county_code, *order_no, *to_department, *deadline, *issued_on;
    bool is_automatic;
    int64_t created_at;
    const char *school_name, *description, *finding_deadline, *finding_state;
    const char *state; /* proposed | issued | dismissed */
    int64_t decided_by, decided_at;
    const char *dismiss_reason; /* NULL unless dismissed */
} supervision_order_t;

/* Inserts unless the finding already has one (*is_new false then). */
err_t *finding_store_add_order(db_t *db, arena_t *a, supervision_order_t *o, bool *is_new);
err_t *finding_store_orders(db_t *db, arena_t *a, const scope_t *sc, int64_t limit, int64_t offset,
                            supervision_order_t **out, size_t *n, int64_t *total);
err_t *finding_store_order_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, supervision_order_t *out);
/* How many 督办单 in scope are in state (the office's inbox: proposals to decide). */
err_t *finding_store_count_orders(db_t *db, arena_t *a, const scope_t *sc, const char *state, int64_t *n);
/* The office's decision on a proposal: proposed → issued (with its number, date and deadline)
 * or dismissed (with the reason); *changed false when it was not a proposal any more. */
err_t *finding_store_order_decide(db_t *db, arena_t *a, int64_t id, const char *state, const char *order_no,
                                  const char *issued_on, const char *deadline, const char *reason, int64_t by,
                                  int64_t now, bool *changed);

/* Settings "finding.*" for a region, inherited down the tree: (name, value) pairs. */
err_t *finding_store_settings(db_t *db, arena_t *a, const char *region_code, db_rows_t *out);

/* What a table of the findings capability offers the scope: the alias its columns are read
 * under (every one has region_code and school_id), and the narrowing columns it has beyond
 * them. Declared once per table below, so a new table states what it has instead of being
 * recognised by its alias. */
typedef struct finding_scope_table {
    const char *alias;
    bool has_unit_id; /* a 被督导单位 account sees the rows addressed to its unit (else nothing) */
    bool has_task_id; /* an inspector also sees the rows of a task whose team it is on */
} finding_scope_table_t;

extern const finding_scope_table_t FST_FINDING;        /* finding f: unit, task */
extern const finding_scope_table_t FST_ORDER;          /* supervision_order o */
extern const finding_scope_table_t FST_DECISION;       /* 督办单 by decision d: unit */
extern const finding_scope_table_t FST_COMPLAINT;      /* complaint c */
extern const finding_scope_table_t FST_ACCOUNTABILITY; /* accountability x */
extern const finding_scope_table_t FST_ACC_CASE;       /* accountability_case k (the office's only) */

/* The scope condition for table t: appends " AND ..." to q. */
struct sqlb;
void finding_scope_where_of(struct sqlb *q, arena_t *a, const scope_t *sc, const finding_scope_table_t *t);

#endif
