/* assignment_agg: the 挂牌 aggregate declared once (core/aggregate.h explains the rows): an
 * inspector on a school as lead (责任督学) or member, from a date; ended, never deleted. */
#ifndef DUDAO_ASSIGNMENT_AGG_H
#define DUDAO_ASSIGNMENT_AGG_H

#include "core/aggregate.h"
#include "core/roles.h"

extern const agg_check_t assignment_role_check;

/* X(member, type, flags, roles, max_len, check, label_zh, label_en) */
#define ASSIGNMENT_BODY_FIELDS(X, ...)                                                                              \
    X(__VA_ARGS__ inspector_id, AGG_INT, AGG_REQUIRED | AGG_KEY, ROLE_ADMIN, 0, NULL, "督学", "inspector")          \
    X(__VA_ARGS__ school_id, AGG_INT, AGG_REQUIRED | AGG_KEY, ROLE_ADMIN, 0, NULL, "学校", "school")                \
    X(__VA_ARGS__ role, AGG_TEXT, AGG_KEY, ROLE_ADMIN, 0, &assignment_role_check,                                  \
      "角色 lead 责任督学（默认）| member 协助督学", "role")                                                        \
    X(__VA_ARGS__ starts_on, AGG_TEXT, AGG_NULLABLE | AGG_KEY, ROLE_ADMIN, 0, NULL, "开始日期 YYYY-MM-DD（默认今天）", \
      "starts on")

/* stored, set by the use case that ends an assignment */
#define ASSIGNMENT_STORED_FIELDS(X, ...)                                                                            \
    X(__VA_ARGS__ ends_on, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "结束日期", "ends on")                     \
    X(__VA_ARGS__ end_reason, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "结束原因", "end reason")

/* X(member, type, flags, sql, label_zh, label_en) */
#define ASSIGNMENT_READ_FIELDS(X, ...)                                                                              \
    X(__VA_ARGS__ id, AGG_INT, 0, "x.id", "编号", "id")                                                             \
    X(__VA_ARGS__ inspector_name, AGG_TEXT, 0, "i.name", "督学姓名", "inspector name")                              \
    X(__VA_ARGS__ school_name, AGG_TEXT, 0, "s.name", "学校名称", "school name")

typedef struct assignment {
    ASSIGNMENT_READ_FIELDS(AGG_MEMBER_READ)
    ASSIGNMENT_BODY_FIELDS(AGG_MEMBER_BODY)
    ASSIGNMENT_STORED_FIELDS(AGG_MEMBER_BODY)
} assignment_t;

extern const agg_t assignment_agg;

#endif
