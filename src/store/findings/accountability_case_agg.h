/* accountability_case_agg: the 问责调查 case declared once (core/aggregate.h explains the rows;
 * the procedure is core/findings/accountability_case). A body opens a case with its target and
 * grounds; every later column is set by the use case, step by step. */
#ifndef DUDAO_ACCOUNTABILITY_CASE_AGG_H
#define DUDAO_ACCOUNTABILITY_CASE_AGG_H

#include "core/aggregate.h"
#include "core/roles.h"

extern const agg_check_t acc_case_target_kind_check, acc_case_gov_situation_check, acc_case_date_check;

/* X(member, type, flags, roles, max_len, check, label_zh, label_en) */
#define ACC_CASE_BODY_FIELDS(X, ...)                                                                                   \
    X(__VA_ARGS__ school_id, AGG_ID, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "学校", "school")                              \
    X(__VA_ARGS__ unit_id, AGG_ID, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "被督导单位", "supervised unit")                 \
    X(__VA_ARGS__ finding_id, AGG_ID, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "相关问题", "finding")                        \
    X(__VA_ARGS__ task_id, AGG_ID, AGG_NULLABLE, ROLE_ADMIN, 0, NULL, "督导任务", "inspection task")                   \
    X(__VA_ARGS__ target_kind, AGG_TEXT, AGG_REQUIRED, ROLE_ADMIN, 0, &acc_case_target_kind_check,                     \
      "问责对象类别 unit 单位 | person 责任人 | private_person 民办学校/培训机构责任人", "target kind")                \
    X(__VA_ARGS__ target_name, AGG_TEXT, AGG_REQUIRED, ROLE_ADMIN, 200, NULL, "问责对象", "target")                    \
    X(__VA_ARGS__ ground_category, AGG_INT, AGG_REQUIRED, ROLE_ADMIN, 0, NULL,                                         \
      "问责情形类别 1—6（《教育督导问责办法》）", "ground category 1-6")                                               \
    X(__VA_ARGS__ gov_situation, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 0, &acc_case_gov_situation_check,                 \
      "政府问责情形 law | task | mass_incident | safety | other", "government situation")                              \
    X(__VA_ARGS__ ground_note, AGG_TEXT, AGG_NULLABLE, ROLE_ADMIN, 2000, NULL, "情形说明", "note on the grounds")      \
    X(__VA_ARGS__ work_ended_on, AGG_TEXT, AGG_REQUIRED, ROLE_ADMIN, 0, &acc_case_date_check,                          \
      "督导工作结束日期 YYYY-MM-DD", "the day the inspection work ended")

/* set by the use case, step by step */
#define ACC_CASE_STORED_FIELDS(X, ...)                                                                                 \
    X(__VA_ARGS__ region_code, AGG_TEXT, AGG_SVC, 0, 0, NULL, "区划", "region")                                        \
    X(__VA_ARGS__ state, AGG_TEXT, AGG_SVC, 0, 0, NULL, "状态", "state")                                               \
    X(__VA_ARGS__ group_formed_on, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "工作组成立日期", "group formed")     \
    X(__VA_ARGS__ group_members, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "工作组成员", "group members")          \
    X(__VA_ARGS__ facts, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "认定事实", "facts")                            \
    X(__VA_ARGS__ opinion, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "问责意见", "proposed accountability")        \
    X(__VA_ARGS__ proposed_measure, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "拟问责方式", "proposed measure")    \
    X(__VA_ARGS__ notified_on, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "告知日期", "notified on")                \
    X(__VA_ARGS__ notice_form, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "告知方式", "notice form")                \
    X(__VA_ARGS__ heard_on, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "陈述申辩日期", "heard on")                  \
    X(__VA_ARGS__ statement, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "陈述申辩意见", "statement")                \
    X(__VA_ARGS__ is_statement_waived, AGG_BOOL, AGG_SVC, 0, 0, NULL, "放弃陈述申辩", "statement waived")              \
    X(__VA_ARGS__ consulted_on, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "征求意见日期", "consulted on")          \
    X(__VA_ARGS__ consult_note, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "成员单位意见", "member units' views")   \
    X(__VA_ARGS__ approved_on, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "审定日期", "approved on")                \
    X(__VA_ARGS__ approver_name, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "审定人", "approved by")                \
    X(__VA_ARGS__ approver_title, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "审定人职务", "approver's title")      \
    X(__VA_ARGS__ dropped_on, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "终止日期", "dropped on")                  \
    X(__VA_ARGS__ drop_reason, AGG_TEXT, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "不予问责理由", "why no accountability")  \
    X(__VA_ARGS__ accountability_id, AGG_ID, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "问责决定", "the decision")           \
    X(__VA_ARGS__ created_by, AGG_ID, AGG_SVC | AGG_NULLABLE, 0, 0, NULL, "立案人", "opened by")

/* X(member, type, flags, sql, label_zh, label_en) */
#define ACC_CASE_READ_FIELDS(X, ...)                                                                                   \
    X(__VA_ARGS__ id, AGG_INT, 0, "k.id", "编号", "id")                                                                \
    X(__VA_ARGS__ school_name, AGG_TEXT, 0, "s.name", "学校名称", "school name")                                       \
    X(__VA_ARGS__ unit_name, AGG_TEXT, 0, "u.name", "单位名称", "unit name")

typedef struct accountability_case {
    ACC_CASE_READ_FIELDS(AGG_MEMBER_READ)
    ACC_CASE_BODY_FIELDS(AGG_MEMBER_BODY)
    ACC_CASE_STORED_FIELDS(AGG_MEMBER_BODY)
} accountability_case_t;

extern const agg_t accountability_case_agg;

#endif
