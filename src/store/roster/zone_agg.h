/* zone_agg: the 督学责任区 aggregate declared once (core/aggregate.h explains the rows). A
 * zone's 片区 (district) is sent by name and resolved by the use case to district_id. */
#ifndef DUDAO_ZONE_AGG_H
#define DUDAO_ZONE_AGG_H

#include "core/aggregate.h"
#include "core/roles.h"

/* X(member, type, flags, roles, max_len, check, label_zh, label_en) */
#define ZONE_BODY_FIELDS(X, ...)                                                                                    \
    X(__VA_ARGS__ county_code, AGG_TEXT, AGG_REQUIRED | AGG_KEY, ROLE_ADMIN, 0, NULL, "县级区划代码", "county code") \
    X(__VA_ARGS__ name, AGG_TEXT, AGG_REQUIRED, ROLE_ADMIN, 100, NULL, "责任区名称", "zone name")                    \
    X(__VA_ARGS__ district_id, AGG_ID, AGG_SVC | AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "片区", "district")

/* X(member, type, flags, sql, label_zh, label_en) */
#define ZONE_READ_FIELDS(X, ...)                                                                                    \
    X(__VA_ARGS__ id, AGG_INT, 0, "z.id", "编号", "id")                                                             \
    X(__VA_ARGS__ county_name, AGG_TEXT, 0, "c.name", "县（市、区）", "county")                                     \
    X(__VA_ARGS__ district_name, AGG_TEXT, 0, "d.name", "片区名称", "district name")                                \
    X(__VA_ARGS__ n_schools, AGG_INT, 0,                                                                            \
      "(SELECT COUNT(*) FROM school s WHERE s.zone_id = z.id AND s.status = 'open')", "学校数", "open schools")

typedef struct zone {
    ZONE_READ_FIELDS(AGG_MEMBER_READ)
    ZONE_BODY_FIELDS(AGG_MEMBER_BODY)
} zone_t;

extern const agg_t zone_agg;

#endif
