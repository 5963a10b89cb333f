#include "store/roster/assignment_agg.h"

#include <string.h>

static bool is_role(const char *v) {
    return strcmp(v, "lead") == 0 || strcmp(v, "member") == 0;
}
static const char *const roles[] = {"lead", "member", NULL};
const agg_check_t assignment_role_check = {is_role, "角色应为 lead（责任督学）或 member", "role must be lead or member",
                                           roles};

static const agg_field_t assignment_fields[] = {ASSIGNMENT_READ_FIELDS(AGG_READ_FIELD, assignment_t, )
                                                    ASSIGNMENT_BODY_FIELDS(AGG_BODY_FIELD, assignment_t, )
                                                        ASSIGNMENT_STORED_FIELDS(AGG_BODY_FIELD, assignment_t, )};

const agg_t assignment_agg = {"assignment", "assignment", "x", assignment_fields,
                              sizeof assignment_fields / sizeof assignment_fields[0], false};
