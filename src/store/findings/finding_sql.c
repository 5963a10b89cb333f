#include "store/findings/finding_sql.h"

#include "core/findings/finding_lifecycle.h"

const char *finding_sql_owed(arena_t *a, const char *alias) {
    return arena_printf(a, "%s%sstate IN ('issued', 'rectifying')", alias ? alias : "", alias ? "." : "");
}

void finding_sql_overdue(sqlb_t *q, const char *alias, const char *today) {
    /* the ladder's level from which a finding counts as overdue whatever its deadline says */
    sqlb_add(q, arena_printf(q->a, "(%s AND (%s.escalation_level >= %d OR %s.deadline < ",
                             finding_sql_owed(q->a, alias), alias, (int)ESC_OVERDUE, alias));
    sqlb_addv(q, "", DBV_S(today));
    sqlb_add(q, "))");
}
