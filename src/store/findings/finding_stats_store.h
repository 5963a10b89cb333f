/* finding_stats_store: the aggregates over the 问题台账 that the dashboard, the inbox and 回头看
 * read, with the ledger's scope (finding_store.h) and its overdue rule (finding_sql.h). Rows are
 * in the arena. Errors: db_query's. Thread-safety: one connection per thread. */
#ifndef DUDAO_FINDING_STATS_STORE_H
#define DUDAO_FINDING_STATS_STORE_H

#include "store/db.h"
#include "store/scope.h"

/* Issued findings grouped by (region_code, school_id or 0, category or '其他'), in school order:
 * rows (region_code, school_id, category, n_open, n_overdue as of today, n_closed, n_total). */
err_t *finding_stats_groups(db_t *db, arena_t *a, const scope_t *sc, const char *today, db_rows_t *out);
/* The towns and counties of the scope's region: rows (code, name). */
err_t *finding_stats_region_names(db_t *db, arena_t *a, const scope_t *sc, db_rows_t *out);
/* A school's name ("" when there is none). */
err_t *finding_stats_school_name(db_t *db, arena_t *a, int64_t school_id, const char **name);
/* Closed findings by whole days from issue to close: rows (days, n), fewest days first. */
err_t *finding_stats_days_to_close(db_t *db, arena_t *a, const scope_t *sc, db_rows_t *out);
/* Findings issued (is_closed false) or closed since `since`, per Asia/Shanghai day: rows (day number, n). */
err_t *finding_stats_per_day(db_t *db, arena_t *a, const scope_t *sc, bool is_closed, int64_t since, db_rows_t *out);
/* Owed findings due in [from, to] (dates). */
err_t *finding_stats_due_between(db_t *db, arena_t *a, const scope_t *sc, const char *from, const char *to, int64_t *n);

/* 回头看 candidates: closed, not yet picked, closed in [t0, t1), under region_path: rows (id, severity). */
err_t *finding_stats_reinspection_pool(db_t *db, arena_t *a, const char *region_path, int64_t t0, int64_t t1,
                                       db_rows_t *out);

#endif
