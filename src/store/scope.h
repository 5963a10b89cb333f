/* scope: the one place that turns an actor into the SQL condition a store query applies
 * (design.md "Who uses it"): an account sees its region subtree; an inspector only the schools
 * it holds (挂牌) and the tasks it is on; a school account only its own school. Every store
 * query that reads rows an actor may or may not see takes a scope_t and appends its condition
 * with the scope_and_* builders below; no store writes `path LIKE` for scope by hand.
 *
 * Which of the three parts a query applies is the query's meaning (a task list checks the
 * inspector's membership, a school list the inspector's assignments); the builders name them.
 * Pure value type; the builders only append text and bound parameters to a sqlb_t. */
#ifndef DUDAO_STORE_SCOPE_H
#define DUDAO_STORE_SCOPE_H

#include <stdint.h>

#include "core/roles.h"
#include "store/sqlb.h"

typedef struct scope {
    const char *region_path;   /* '/330000/330500/': rows whose region path starts with it; NULL: any region */
    int64_t inspector_user_id; /* > 0: an inspector account, narrowed to its schools or tasks */
    int64_t school_id; /* > 0: a school account, only this school; < 0: a school account without one (sees nothing) */
    int64_t unit_id; /* > 0: a 被督导单位 account, only this unit (and school_id < 0: no school); < 0: without one */
    int64_t org_id; /* > 0: a 第三方评估机构 account: only its organisation's survey rounds (no school, no unit); < 0:
                       without one */
    int64_t expert_user_id; /* > 0: a 督导组成员 account that is not a 督学: only the tasks whose team it is on
                               (no school, unit or survey round of its own) */
} scope_t;

/* The whole tree, for reads the system makes on its own behalf (jobs, a row already authorised). */
extern const scope_t SCOPE_ALL;

/* The scope of who: region always; inspector_user_id for inspectors; school_id for school accounts. */
scope_t scope_of(const actor_t *who);
/* The region subtree only (an office's view of its own region, whatever the role). */
scope_t scope_region(const char *region_path);

/* The LIKE pattern of a region subtree ("/330000/330500/%"). Arena-owned. */
const char *scope_like(arena_t *a, const char *region_path);

/* " AND <path_col> LIKE $n" for a query that already joins region; nothing when region_path is NULL. */
void scope_and_path(sqlb_t *q, const scope_t *sc, const char *path_col);
/* " AND <code_col> IN (SELECT code FROM region WHERE path LIKE $n)" (no region join needed). */
void scope_and_region_code(sqlb_t *q, const scope_t *sc, const char *code_col);
/* The school part: " AND <school_col> = $n" for a school account, and for an inspector
 * " AND EXISTS (a current assignment of <school_col> held by the inspector's account)". */
void scope_and_school(sqlb_t *q, const scope_t *sc, const char *school_col);
/* The task part for an inspector: " AND EXISTS (a task_member row of <task_col> held by the
 * inspector's account)"; for a non-inspector team member, a task_expert row of its account;
 * nothing for other accounts. */
void scope_and_task_member(sqlb_t *q, const scope_t *sc, const char *task_col);
/* The unit part: " AND <unit_col> = $n" for a 被督导单位 account; nothing for other accounts. */
void scope_and_unit(sqlb_t *q, const scope_t *sc, const char *unit_col);
/* The organisation part for an evaluator: " AND <org_col> = $n" (the account's survey_org); an
 * evaluator's rounds are those its organisation runs. Nothing for other accounts. */
void scope_and_org(sqlb_t *q, const scope_t *sc, const char *org_col);
/* A filter the caller chose (not a scope): rows under region_code, through a joined region path. */
void scope_and_under(sqlb_t *q, const char *path_col, const char *region_code);

#endif
