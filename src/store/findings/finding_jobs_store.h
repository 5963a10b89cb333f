/* finding_jobs_store: the set-based steps of the 问题台账's daily jobs (the escalation ladder
 * and the recurrence check). Each step works on one region (a town, or the schools a county
 * holds itself) or one school/county, tags the rows it changes with the caller's run marker
 * (escalation_run) and writes the system's events for exactly those rows, so a step is one
 * statement whatever the backlog. The caller owns the transaction; results are in the arena.
 * Errors: db_query's. Thread-safety: one connection per thread. */
#ifndef DUDAO_FINDING_JOBS_STORE_H
#define DUDAO_FINDING_JOBS_STORE_H

#include "store/db.h"

/* Fills county_code of the findings that lack it (drafts written by other capabilities). */
err_t *finding_jobs_fill_county(db_t *db, arena_t *a);
/* The regions with owed findings below level 4: rows (region_code, county_code, county name). */
err_t *finding_jobs_regions(db_t *db, arena_t *a, db_rows_t *out);

/* The ladder's events, by the level a step raised to: the reminder, the overdue notice, the
 * 约谈 flag (the 督办单 has its own, finding_jobs_order_events). */
typedef enum finding_jobs_step { FJ_REMIND, FJ_OVERDUE, FJ_INTERVIEW } finding_jobs_step_t;

/* Raises the region's owed findings below `level` whose deadline lies in [lo, hi] (either may be
 * NULL: open) to level (and is_overdue from ESC_OVERDUE on), tagged with run; *n how many. */
err_t *finding_jobs_raise(db_t *db, arena_t *a, const char *region, int64_t run, int level, const char *lo,
                          const char *hi, int64_t *n);
/* The events of a raise step: every finding of the region this run raised to level. */
err_t *finding_jobs_step_events(db_t *db, arena_t *a, const char *region, int64_t run, int level,
                                finding_jobs_step_t step, int64_t now);

/* How many of the region's owed findings below level 3 with deadline <= order_before have no
 * 督办单 yet. */
err_t *finding_jobs_orders_due(db_t *db, arena_t *a, const char *region, const char *order_before, int64_t *n);

typedef struct finding_jobs_orders {
    const char *region, *county, *order_before; /* which findings (as finding_jobs_orders_due) */
    int year;
    int64_t n;                 /* how many (from finding_jobs_orders_due) */
    const char *no_head;       /* the 文号 before the number ("德督办〔2026〕", core/doc_no) */
    const char *to_department; /* 抄送 / responsible department */
    const char *deadline, *issued_on;
    int64_t now;
} finding_jobs_orders_t;

/* Proposes a 督办单 (state proposed, no number yet) for every finding due one; *last_no 0 (the
 * numbers come with the office's confirmation). */
err_t *finding_jobs_issue_orders(db_t *db, arena_t *a, const finding_jobs_orders_t *o, int64_t *last_no);
/* Every owed finding of the region below level 3 with deadline <= order_before goes to level 3. */
err_t *finding_jobs_raise_to_order(db_t *db, arena_t *a, const char *region, int64_t run, const char *order_before);
/* The 督办单 events of this run's orders (created at `now`). */
err_t *finding_jobs_order_events(db_t *db, arena_t *a, const char *region, int64_t run, int64_t now);

/* Schools of the region with at least min_count overdue findings issued since `since`: rows (school_id). */
err_t *finding_jobs_repeatedly_overdue(db_t *db, arena_t *a, const char *region, int64_t since, int64_t min_count,
                                       db_rows_t *out);
/* Flags the school's open overdue findings for accountability (with events); *n how many. */
err_t *finding_jobs_flag_overdue_school(db_t *db, arena_t *a, int64_t school_id, int64_t run, int64_t now, int64_t *n);

/* The counties that have findings: rows (county_code). */
err_t *finding_jobs_counties(db_t *db, arena_t *a, db_rows_t *out);
/* The county's schools with unflagged issued findings that name an indicator: rows (school_id). */
err_t *finding_jobs_recurrence_schools(db_t *db, arena_t *a, const char *county, db_rows_t *out);
/* The same indicator again at the school within window seconds (up to as_of_t): flags
 * 'school' (with events); *n how many. */
err_t *finding_jobs_flag_school_recurrence(db_t *db, arena_t *a, int64_t school_id, int64_t run, int64_t window,
                                           int64_t as_of_t, int64_t now, int64_t *n);
/* The indicators found at >= min_schools schools of the county created in [from, to]: rows (indicator_code). */
err_t *finding_jobs_county_indicators(db_t *db, arena_t *a, const char *county, int64_t from, int64_t to,
                                      int64_t min_schools, db_rows_t *out);
/* Flags those findings 'county' ('school_county' if already 'school'), with events; *n how many. */
err_t *finding_jobs_flag_county_recurrence(db_t *db, arena_t *a, const char *county, const char *indicator, int64_t run,
                                           int64_t from, int64_t to, int64_t now, int64_t *n);

/* The counties with findings in verification (submitted, review) not yet marked 核查 overdue. */
err_t *finding_jobs_verify_counties(db_t *db, arena_t *a, db_rows_t *out);
/* Marks the findings of county in verification since before (submitted_at < before, epoch)
 * with verify_overdue_on = as_of and writes each one's reminder event; *n how many. */
err_t *finding_jobs_verify_overdue(db_t *db, arena_t *a, const char *county, int64_t before, const char *as_of,
                                   int64_t now, int64_t *n);

#endif
