/* finding_sql: the SQL text of the ledger's rules, written once for every query in
 * store/findings (the ledger, its statistics, bulletins, the escalation jobs):
 * - owed: the school still owes the rectification (issued or rectifying);
 * - overdue: owed, and past its deadline or raised to "overdue" by the escalation ladder (the
 *   ladder may run with another clock in tests; the deadline test keeps the ledger honest
 *   before the day's sweep has run).
 * Only for store/findings; the builders append text and bound parameters to the caller's sqlb_t. */
#ifndef DUDAO_FINDING_SQL_H
#define DUDAO_FINDING_SQL_H

#include "store/sqlb.h"

/* "<alias>.state IN ('issued', 'rectifying')"; alias NULL: the bare column. Arena-owned. */
const char *finding_sql_owed(arena_t *a, const char *alias);
/* Appends "(<owed> AND (<alias>.escalation_level >= 2 OR <alias>.deadline < $today))". */
void finding_sql_overdue(sqlb_t *q, const char *alias, const char *today);

#endif
