#include "store/findings/finding_sql.h"

const char *finding_sql_owed(arena_t *a, const char *alias) {
    return arena_printf(a, "%s%sstate IN ('issued', 'rectifying')", alias ? alias : "", alias ? "." : "");
}

void finding_sql_overdue(sqlb_t *q, const char *alias, const char *today) {
    sqlb_add(q, arena_printf(q->a, "(%s AND (%s.escalation_level >= 2 OR %s.deadline < ", finding_sql_owed(q->a, alias),
                             alias, alias));
    sqlb_addv(q, "", DBV_S(today));
    sqlb_add(q, "))");
}
