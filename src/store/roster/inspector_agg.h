/* inspector_agg: the 督学 aggregate declared once (core/aggregate.h explains the rows). The
 * rules on the values (kinds, degrees, terms, training hours) are core/roster/assign_rules and
 * inspector_svc_validate; the rows carry what a body may set and how it is stored. */
#ifndef DUDAO_INSPECTOR_AGG_H
#define DUDAO_INSPECTOR_AGG_H

#include "core/aggregate.h"
#include "core/roles.h"

/* X(member, type, flags, roles, max_len, check, label_zh, label_en) */
#define INSPECTOR_BODY_FIELDS(X, ...)                                                                               \
    X(__VA_ARGS__ cert_no, AGG_TEXT, AGG_REQUIRED, ROLE_ADMIN, 0, NULL, "督学证号", "certificate number")           \
    X(__VA_ARGS__ name, AGG_TEXT, AGG_REQUIRED, ROLE_ADMIN, 0, NULL, "姓名", "name")                                \
    X(__VA_ARGS__ kind, AGG_TEXT, AGG_REQUIRED | AGG_FILTER, ROLE_ADMIN, 0, NULL, "类别 full_time 专职 | part_time 兼职 | special 特聘", "kind") \
    X(__VA_ARGS__ region_code, AGG_TEXT, AGG_REQUIRED, ROLE_ADMIN, 0, NULL, "聘任机构所在区划", "appointing region") \
    X(__VA_ARGS__ employer, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "工作单位", "employer")                    \
    X(__VA_ARGS__ post, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "职务", "post")                                \
    X(__VA_ARGS__ degree, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "学历 doctor | master | bachelor | associate | other", "degree") \
    X(__VA_ARGS__ years_in_education, AGG_INT, 0, ROLE_ADMIN, 0, NULL, "从事教育工作年限", "years in education")    \
    X(__VA_ARGS__ appointed_on, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "聘任日期 YYYY-MM-DD", "appointed on") \
    X(__VA_ARGS__ term_start, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "本届任期开始 YYYY-MM-DD", "term start")  \
    X(__VA_ARGS__ term_end, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "本届任期结束 YYYY-MM-DD", "term end")      \
    X(__VA_ARGS__ n_terms, AGG_INT, 0, ROLE_ADMIN, 0, NULL, "连续任期数（兼职 ≤ 3）", "consecutive terms")           \
    X(__VA_ARGS__ training_hours, AGG_INT, 0, ROLE_ADMIN, 0, NULL, "本年度培训学时（≥ 40）", "training hours this year") \
    X(__VA_ARGS__ status, AGG_TEXT, AGG_FILTER, ROLE_ADMIN, 0, NULL, "状态 active | suspended | retired", "status") \
    X(__VA_ARGS__ phone, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "电话", "phone")                              \
    X(__VA_ARGS__ user_id, AGG_ID, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "关联账号", "linked account")

/* X(member, type, flags, sql, label_zh, label_en) */
#define INSPECTOR_READ_FIELDS(X, ...)                                                                               \
    X(__VA_ARGS__ id, AGG_INT, 0, "i.id", "编号", "id")                                                             \
    X(__VA_ARGS__ region_name, AGG_TEXT, 0, "r.name", "聘任区划", "region")                                         \
    X(__VA_ARGS__ n_schools, AGG_INT, 0,                                                                            \
      "(SELECT COUNT(*) FROM assignment x WHERE x.inspector_id = i.id AND x.ends_on IS NULL)", "挂牌学校数",        \
      "schools held")

typedef struct inspector {
    INSPECTOR_READ_FIELDS(AGG_MEMBER_READ)
    INSPECTOR_BODY_FIELDS(AGG_MEMBER_BODY)
} inspector_t;

extern const agg_t inspector_agg;

#endif
