/* school_agg: the school (学校) aggregate declared once (core/aggregate.h explains the rows; it sits in store because
 * its read rows are SQL expressions). Adding a stored field is one BODY row here, one migration and the form. The
 * sections (学段) are a child table and stay outside the rows. */
#ifndef DUDAO_SCHOOL_AGG_H
#define DUDAO_SCHOOL_AGG_H

#include "core/aggregate.h"
#include "core/roles.h"

extern const agg_check_t school_type_check, school_urban_rural_check, school_status_check, school_lat_check,
    school_lng_check, school_organizer_check;

/* X(member, type, flags, roles, max_len, check, label_zh, label_en) */
#define SCHOOL_BODY_FIELDS(X, ...)                                                                                     \
    X(__VA_ARGS__ code, AGG_TEXT, AGG_REQUIRED | AGG_KEY | AGG_SORT, ROLE_ADMIN, 10, NULL, "学校标识码",               \
      "school code")                                                                                                   \
    X(__VA_ARGS__ name, AGG_TEXT, AGG_REQUIRED | AGG_SORT, ROLE_ADMIN, 200, NULL, "学校名称", "school name")           \
    X(__VA_ARGS__ region_code, AGG_TEXT, AGG_REQUIRED | AGG_SORT, ROLE_ADMIN, 12, NULL, "所在地代码", "region code")   \
    X(__VA_ARGS__ type_code, AGG_TEXT, AGG_REQUIRED | AGG_SORT | AGG_FILTER, ROLE_ADMIN, 3, &school_type_check,        \
      "办学类型码", "school type code")                                                                                \
    X(__VA_ARGS__ is_private, AGG_BOOL, 0, ROLE_ADMIN, 0, NULL, "民办", "private")                                     \
    X(__VA_ARGS__ organizer, AGG_TEXT, AGG_NULLABLE | AGG_FILTER, ROLE_ADMIN, 32, &school_organizer_check, "举办者",   \
      "organizer")                                                                                                     \
    X(__VA_ARGS__ urban_rural_code, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 3, &school_urban_rural_check, "城乡分类代码",  \
      "urban-rural code")                                                                                              \
    X(__VA_ARGS__ address, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 500, NULL, "地址", "address")                           \
    X(__VA_ARGS__ lat, AGG_REAL, AGG_NULLABLE, ROLE_ADMIN, 0, &school_lat_check, "纬度", "latitude")                   \
    X(__VA_ARGS__ lng, AGG_REAL, AGG_NULLABLE, ROLE_ADMIN, 0, &school_lng_check, "经度", "longitude")                  \
    X(__VA_ARGS__ principal, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 100, NULL, "校长", "principal")                       \
    X(__VA_ARGS__ phone, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 50, NULL, "电话", "phone")                                \
    X(__VA_ARGS__ is_central, AGG_BOOL, 0, ROLE_ADMIN, 0, NULL, "中心校", "central school")                            \
    X(__VA_ARGS__ status, AGG_TEXT, 0, ROLE_ADMIN, 0, &school_status_check, "状态", "status")                          \
    X(__VA_ARGS__ zone_id, AGG_ID, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "责任区", "zone")

/* X(member, type, flags, sql, label_zh, label_en); the county of a town is its parent; the open
 * 挂牌 count and the enrollment are summaries on the school row kept by triggers (migration 033) */
#define SCHOOL_READ_FIELDS(X, ...)                                                                                     \
    X(__VA_ARGS__ id, AGG_INT, 0, "s.id", "编号", "id")                                                                \
    X(__VA_ARGS__ region_name, AGG_TEXT, 0, "r.name", "所在地", "region")                                              \
    X(__VA_ARGS__ county_code, AGG_TEXT, 0, "CASE WHEN r.level = 'town' THEN r.parent_code ELSE r.code END",           \
      "县级代码", "county code")                                                                                       \
    X(__VA_ARGS__ zone_name, AGG_TEXT, 0, "z.name", "责任区名称", "zone name")                                         \
    X(__VA_ARGS__ inspector_id, AGG_ID, 0, "l.inspector_id", "责任督学", "responsible inspector")                      \
    X(__VA_ARGS__ inspector_name, AGG_TEXT, 0, "i.name", "责任督学姓名", "inspector name")                             \
    X(__VA_ARGS__ n_inspectors, AGG_INT, 0, "s.n_open_assignments", "挂牌督学数", "inspectors")                        \
    X(__VA_ARGS__ enrollment, AGG_INT, 0, "s.enrollment_total", "在校生数", "enrollment")

typedef struct school_section_row {
    const char *section; /* kindergarten | primary | junior | senior | vocational | special */
    int64_t enrollment;
    int64_t n_classes;
} school_section_row_t;

typedef struct school {
    SCHOOL_READ_FIELDS(AGG_MEMBER_READ)
    SCHOOL_BODY_FIELDS(AGG_MEMBER_BODY)
    school_section_row_t *sections;
    size_t n_sections;
} school_t;

extern const agg_t school_agg;

#endif
