#include "core/roles.h"

#include <string.h>

static const struct {
    role_t role;
    const char *name;
    const char *zh;
} role_table[] = {
    {ROLE_ADMIN, "admin", "督导室管理员"},
    {ROLE_INSPECTOR, "inspector", "督学"},
    {ROLE_SCHOOL, "school", "学校"},
    {ROLE_LEADER, "leader", "领导"},
    {ROLE_AUDITOR, "auditor", "审计员"},
    {ROLE_UNIT, "unit", "被督导单位"},
    {ROLE_EVALUATOR, "evaluator", "第三方评估机构"},
    {ROLE_EXPERT, "expert", "督导组成员（有关部门/专业人员）"},
};

role_t role_parse(const char *name) {
    if (!name) return 0;
    for (size_t i = 0; i < sizeof role_table / sizeof role_table[0]; i++)
        if (strcmp(role_table[i].name, name) == 0) return role_table[i].role;
    return 0;
}

const char *role_name(role_t r) {
    for (size_t i = 0; i < sizeof role_table / sizeof role_table[0]; i++)
        if (role_table[i].role == r) return role_table[i].name;
    return "";
}

const char *role_label_zh(role_t r) {
    for (size_t i = 0; i < sizeof role_table / sizeof role_table[0]; i++)
        if (role_table[i].role == r) return role_table[i].zh;
    return "";
}
