/* roles: the account roles (design.md "Who uses it") and what each may do.
 * Pure data; thread-safe. */
#ifndef DUDAO_ROLES_H
#define DUDAO_ROLES_H

#include <stdbool.h>
#include <stdint.h>

typedef enum role {
    ROLE_ADMIN = 1 << 0,     /* 督导室管理员 */
    ROLE_INSPECTOR = 1 << 1, /* 督学 */
    ROLE_SCHOOL = 1 << 2,    /* 学校 */
    ROLE_LEADER = 1 << 3,    /* 领导 */
    ROLE_AUDITOR = 1 << 4,   /* 审计员 */
    ROLE_UNIT = 1 << 5,      /* 被督导单位 (乡镇政府/街道, 县直部门): its own tasks and findings only */
    ROLE_EVALUATOR = 1 << 6, /* 第三方评估机构: the survey rounds of its organisation only, until it expires */
    ROLE_EXPERT = 1 << 7, /* 督导组成员 who is not a 督学 (有关部门 staff, 专业人员; 条例第十六条): the tasks
                             whose team it is on, until it expires */
} role_t;

#define ROLES_ANY                                                                                                      \
    (ROLE_ADMIN | ROLE_INSPECTOR | ROLE_SCHOOL | ROLE_LEADER | ROLE_AUDITOR | ROLE_UNIT | ROLE_EVALUATOR | ROLE_EXPERT)

/* The role sets route tables use; each name has one meaning everywhere. */
#define ROLES_OFFICE (ROLE_ADMIN | ROLE_LEADER)                       /* the office and its leadership */
#define ROLES_CASEWORK (ROLE_ADMIN | ROLE_INSPECTOR)                  /* those who record and close findings */
#define ROLES_SUPERVISORS (ROLE_ADMIN | ROLE_INSPECTOR | ROLE_LEADER) /* the supervising side, not the schools */
#define ROLES_ANSWER (ROLE_SCHOOL | ROLE_UNIT) /* those who answer a finding: its school, or its supervised unit */
#define ROLES_LOOP                                                                                                     \
    (ROLE_ADMIN | ROLE_INSPECTOR | ROLE_SCHOOL | ROLE_LEADER | ROLE_UNIT) /* everyone in the rectification loop */

/* "admin" -> ROLE_ADMIN; 0 when unknown. */
role_t role_parse(const char *name);
/* ROLE_ADMIN -> "admin"; "" when not a single role. */
const char *role_name(role_t r);
const char *role_label_zh(role_t r);

/* The authenticated caller of a use case: who, with which role, over which region subtree. */
typedef struct actor {
    int64_t user_id;
    const char *username;
    role_t role;
    const char *region_code; /* scope root (GB/T 2260) */
    const char *region_path; /* '/330000/330500/' : everything whose path starts with it */
    int64_t school_id;       /* school accounts; 0 otherwise */
    int64_t unit_id;         /* 被督导单位 accounts (ROLE_UNIT); 0 otherwise */
    int64_t org_id;          /* 第三方评估机构 accounts (ROLE_EVALUATOR): its survey_org; 0 otherwise */
    const char *ip;
} actor_t;

#endif
