/* The route table of 督导任务 (tasks) and 督导记录 (visits). Literal paths come before the
 * {id} ones: the first match wins. */
#include "api/visits/handlers_visits.h"

#define FAST false
#define SLOW true

static const api_field_t task_create_fields[] = {
    {"kind", FT_STRING, true, false,
     "followup 随访 | special 专项 | comprehensive 综合 | government 督政（经常性任务按月生成）"},
    {"title", FT_STRING, true, false, "任务名称 / title"},
    {"notice_mode", FT_STRING, false, false, "announced 事先通知（默认）| unannounced 四不两直（学校提交前不可见）"},
    {"framework_version_id", FT_INT, false, true, "指标体系版本（默认经常性督导清单的现行版本）/ framework version"},
    {"starts_on", FT_STRING, false, true, "开始日期 YYYY-MM-DD"},
    {"due_on", FT_STRING, true, false, "完成期限 YYYY-MM-DD"},
    {"description", FT_STRING, false, true, "督导内容与要求 / description"},
    {"notice_text", FT_STRING, false, true, "书面督导通知（综合督导）/ written notice"},
    {"members", FT_ARRAY, true, false, "督学 [{inspector_id, role: leader|member}]；综合督导 ≥ 3 人且一名组长"},
    {"school_ids", FT_ARRAY, false, false, "督导学校 / target schools"},
    {"government_codes", FT_ARRAY, false, false, "督政对象：县级或乡镇区划代码 / governments (督政)"},
    {"unit_ids", FT_ARRAY, false, false, "督政对象：被督导单位（乡镇政府、街道、县直部门）/ supervised units (督政)"},
    {0},
};
static const api_field_t task_update_fields[] = {
    {"title", FT_STRING, false, false, "任务名称 / title"},
    {"starts_on", FT_STRING, false, false, "开始日期 YYYY-MM-DD"},
    {"due_on", FT_STRING, false, false, "完成期限 YYYY-MM-DD"},
    {"description", FT_STRING, false, false, "说明 / description"},
    {"status", FT_STRING, false, false, "open | done | cancelled"},
    {0},
};
static const api_field_t task_step_fields[] = {
    {"step", FT_STRING, true, false,
     "该对象的当前步骤 notice | self_eval | onsite | preliminary | response | opinion | rectify | verify"},
    {"target_id", FT_INT, false, true, "督导对象（多对象任务必填；学校账号为本校）/ the target (several: required)"},
    {"note", FT_STRING, false, true, "通知内容、初步意见、申辩意见、整改报告、核查结论 / the step's text"},
    {"attachment_id", FT_INT, false, true, "自评报告、申辩材料或整改报告（先上传附件）/ the uploaded report"},
    {0},
};
static const api_field_t generate_fields[] = {
    {"month", FT_STRING, true, false, "月份 YYYY-MM"},
    {0},
};
static const api_field_t visit_open_fields[] = {
    {"target_id", FT_INT, true, false, "任务中的督导对象 / the task target"},
    {0},
};
static const api_field_t visit_save_fields[] = {
    {"answers", FT_OBJECT, false, false,
     "{指标编码: {value, note, flag, na, attachments} | null}，只合并给出的指标 / answers merged by code"},
    {"notes", FT_STRING, false, true, "督导意见与建议 / notes"},
    {"revision", FT_INT, false, false, "读取时的 revision；不一致时 409 / the revision read (409 on a lost update)"},
    {0},
};
static const api_field_t checkin_fields[] = {
    {"lat", FT_NUMBER, true, false, "纬度 / latitude"},
    {"lng", FT_NUMBER, true, false, "经度 / longitude"},
    {"accuracy_m", FT_NUMBER, false, true, "定位精度（米）/ accuracy in metres"},
    {0},
};
static const api_field_t amend_fields[] = {
    {"answers", FT_OBJECT, true, false, "更正的答案（同保存）/ corrected answers"},
    {"reason", FT_STRING, true, false, "更正理由 / reason"},
    {0},
};
static const api_field_t opinion_fields[] = {
    {"evaluation", FT_STRING, true, false, "督导评价 / evaluation"},
    {"deadline", FT_STRING, true, false, "整改期限 YYYY-MM-DD / rectification deadline"},
    {"requirements", FT_ARRAY, false, false, "[{finding_id, requirement, deadline}] 各问题的整改要求"},
    {0},
};
static const api_field_t no_fields[] = {{0}};
static const api_field_t hearing_fields[] = {
    {"target_id", FT_INT, false, true, "督导对象（多对象任务必填）/ the target"},
    {"kind", FT_STRING, true, false, "public 听取公众意见 | students | parents | teachers 座谈会"},
    {"held_on", FT_STRING, true, false, "日期 YYYY-MM-DD"},
    {"n_participants", FT_INT, false, true, "参加人数 / participants"},
    {"summary", FT_STRING, true, false, "意见或座谈纪要 / summary"},
    {0},
};
static const api_field_t expert_fields[] = {
    {"user_id", FT_INT, true, false, "督导组成员（非督学）账号 / the account (role expert)"},
    {"kind", FT_STRING, true, false, "department 有关部门人员 | professional 专业人员"},
    {"org", FT_STRING, true, false, "所在部门或机构 / the department or organisation"},
    {0},
};
static const api_field_t expert_note_fields[] = {
    {"target_id", FT_INT, false, true, "督导对象（多对象任务必填）/ the target"},
    {"text", FT_STRING, true, false, "专业意见 / the opinion"},
    {0},
};
static const api_field_t agency_fields[] = {
    {"agency_code", FT_STRING, true, false, "机关代字，以“督”结尾，如 德教督 / the office's agency code"},
    {0},
};
static const api_field_t report_act_fields[] = {
    {"action", FT_STRING, true, false, "send 报送本级人民政府 | file 报上一级备案 | publish 向社会公布"},
    {"to", FT_STRING, false, true, "报送或备案机关（默认本级人民政府 / 上一级督导机构）/ the recipient"},
    {0},
};
static const api_param_t task_query[] = {
    API_Q_STR("kind", "routine | followup | special | comprehensive | government | inspection"),
    API_Q_STR("status", "open | done | cancelled"),
    API_Q_STR("month", "YYYY-MM（经常性任务）"),
    API_Q_STR("q", "名称包含 / title contains"),
    API_Q_ID("school_id", "督导对象含该校 / targets this school"),
    API_Q_ID("inspector_id", "督学 / inspector on the task"),
    API_Q_BOOL("overdue", "true: 已逾期未完成 / overdue open tasks"),
    API_Q_PAGING,
    {0},
};
static const api_param_t visit_query[] = {
    API_Q_ID("task_id", "任务 / task"),
    API_Q_ID("school_id", "学校 / school"),
    API_Q_ID("inspector_id", "记录督学 / recording inspector"),
    API_Q_STR("status", "draft | submitted"),
    API_Q_STR("from", "督导日期起 YYYY-MM-DD"),
    API_Q_STR("to", "督导日期止 YYYY-MM-DD"),
    API_Q_PAGING,
    {0},
};
static const api_param_t photo_query[] = {
    API_Q_INT("taken_at", "拍摄时间（UTC 秒）/ when it was taken", 0, INT64_MAX),
    API_Q_NUMBER("lat", "拍摄位置纬度 / latitude"),
    API_Q_NUMBER("lng", "拍摄位置经度 / longitude"),
    API_Q_STR("name", "文件名 / file name"),
    {0},
};
static const api_param_t month_query[] = {
    API_Q_STR("month", "月份 YYYY-MM（默认本月）/ month"),
    {0},
};
static const api_param_t pdf_query[] = {
    API_Q_INLINE,
    {0},
};

static const api_route_t routes[] = {
    {"GET", "/api/v1/tasks", api_tasks_list, ROLES_LOOP | ROLE_EXPERT, 0, NULL, task_query, "tasks",
     "督导任务列表（督学只见本人任务；学校只见已通知或已提交的）/ tasks in scope", 200, FAST},
    {"POST", "/api/v1/tasks", api_tasks_create, ROLE_ADMIN, API_JSON_LIMIT, task_create_fields, NULL, "tasks",
     "新建督导任务（随访、专项、综合、督政）/ plan a task", 201, FAST},
    {"POST", "/api/v1/tasks/generate-routine", api_tasks_generate, ROLE_ADMIN, API_JSON_LIMIT, generate_fields, NULL,
     "tasks", "生成本月经常性督导任务（可重复执行）/ generate the month's routine tasks (idempotent)", 200, SLOW},
    {"GET", "/api/v1/tasks/frameworks", api_tasks_frameworks, ROLE_ADMIN | ROLE_LEADER, 0, NULL, NULL, "tasks",
     "可用于任务的指标体系（已发布的现行版本）/ the framework versions a task can pin", 200, FAST},
    {"GET", "/api/v1/tasks/{id}", api_tasks_get, ROLES_LOOP | ROLE_EXPERT, 0, NULL, NULL, "tasks",
     "任务详情：督学、对象、进度、步骤 / a task with team, targets, progress and steps", 200, FAST},
    {"PATCH", "/api/v1/tasks/{id}", api_tasks_update, ROLE_ADMIN, API_JSON_LIMIT, task_update_fields, NULL, "tasks",
     "修改或取消任务 / update or cancel a task", 200, FAST},
    {"POST", "/api/v1/tasks/{id}/steps", api_tasks_step, ROLE_ADMIN | ROLE_INSPECTOR | ROLES_ANSWER, API_JSON_LIMIT,
     task_step_fields, NULL, "tasks",
     "完成专项/综合督导某对象的当前步骤（通知→自评→现场→初步意见→申辩→意见书→整改报告→核查）/ complete a "
     "target's current step",
     200, FAST},
    {"GET", "/api/v1/visits/agenda", api_visits_agenda, ROLE_INSPECTOR, 0, NULL, NULL, "visits",
     "今日督导：本人待督导的对象（逾期在前）/ the inspector's agenda", 200, FAST},
    {"GET", "/api/v1/visits/coverage", api_visits_coverage, ROLES_SUPERVISORS, 0, NULL, month_query, "visits",
     "经常性督导覆盖：每月 ≥ 1 次（可设置）、每学期 ≥ 2 次（条例第十四条）、30 天未督导 / routine coverage", 200, FAST},
    {"POST", "/api/v1/tasks/{id}/experts", api_tasks_expert_add, ROLE_ADMIN, API_JSON_LIMIT, expert_fields, NULL,
     "tasks", "督导组加入有关部门人员或专业人员（条例第十六条）/ add a non-inspector team member", 200, FAST},
    {"DELETE", "/api/v1/tasks/{id}/experts/{user_id}", api_tasks_expert_remove, ROLE_ADMIN, 0, NULL, NULL, "tasks",
     "移出非督学成员 / remove a non-inspector team member", 200, FAST},
    {"POST", "/api/v1/tasks/{id}/expert-notes", api_tasks_expert_note, ROLE_EXPERT, API_JSON_LIMIT, expert_note_fields,
     NULL, "tasks", "非督学成员填写专业意见 / a non-inspector member's professional opinion on a target", 200, FAST},
    {"POST", "/api/v1/tasks/{id}/hearings", api_tasks_hearing, ROLE_ADMIN | ROLE_INSPECTOR, API_JSON_LIMIT,
     hearing_fields, NULL, "tasks", "记录听取公众意见、师生家长座谈会（条例第十九条）/ record a hearing", 200, FAST},
    {"GET", "/api/v1/doc-agency-code", api_agency_code_get, ROLES_OFFICE, 0, NULL, NULL, "tasks",
     "本室机关代字及文号示例 / the office's agency code for numbered documents", 200, FAST},
    {"PUT", "/api/v1/doc-agency-code", api_agency_code_set, ROLE_ADMIN, API_JSON_LIMIT, agency_fields, NULL, "tasks",
     "设置机关代字（用于整改通知书、督办单、通报、意见书、督导报告的文号）/ set the agency code", 200, FAST},
    {"GET", "/api/v1/visits/cycles", api_visits_cycles, ROLES_OFFICE, 0, NULL, NULL, "visits",
     "综合督导周期（每校 3–5 年一轮，可设置）和乡镇督政（至少 5 年一次）：应督、逾期 / what is due by school and town",
     200, FAST},
    {"GET", "/api/v1/visits/calendar", api_visits_calendar, ROLES_LOOP, 0, NULL, month_query, "visits",
     "督导日历：每日督导记录与到期任务 / visits and due tasks by day", 200, FAST},
    {"GET", "/api/v1/visits", api_visits_list, ROLES_LOOP, 0, NULL, visit_query, "visits",
     "督导记录列表（学校只见已提交的本校记录）/ visits in scope", 200, FAST},
    {"POST", "/api/v1/visits", api_visits_open, ROLE_INSPECTOR, API_JSON_LIMIT, visit_open_fields, NULL, "visits",
     "开始（或继续）对某对象的督导 / open the visit of a target", 201, FAST},
    {"GET", "/api/v1/visits/{id}", api_visits_get, ROLES_LOOP, 0, NULL, NULL, "visits",
     "督导记录：清单、答案、得分、照片、问题、更正 / a visit with its checklist and result", 200, FAST},
    {"PATCH", "/api/v1/visits/{id}", api_visits_save, ROLE_INSPECTOR, API_JSON_LIMIT, visit_save_fields, NULL, "visits",
     "保存草稿（按指标合并）/ save the draft", 200, FAST},
    {"POST", "/api/v1/visits/{id}/checkin", api_visits_checkin, ROLE_INSPECTOR, API_JSON_LIMIT, checkin_fields, NULL,
     "visits", "签到：服务器时间与位置，计算与学校的距离 / check in", 200, FAST},
    {"POST", "/api/v1/visits/{id}/photos", api_visits_photo, ROLE_INSPECTOR, 10 * 1024 * 1024, NULL, photo_query,
     "visits", "上传现场照片（请求体为 JPEG/PNG/WebP，≤ 10 MiB；按 SM3 存储）/ upload a photo as the body", 201, FAST},
    {"POST", "/api/v1/visits/{id}/submit", api_visits_submit, ROLE_INSPECTOR, 1024, no_fields, NULL, "visits",
     "提交并锁定；未达标和需跟进项生成问题草稿 / submit and lock", 200, FAST},
    {"POST", "/api/v1/visits/{id}/amendments", api_visits_amend, ROLE_ADMIN | ROLE_INSPECTOR, API_JSON_LIMIT,
     amend_fields, NULL, "visits", "更正已提交的记录（须填理由，留痕）/ amend a submitted visit", 200, FAST},
    {"POST", "/api/v1/visits/{id}/opinion", api_visits_opinion, ROLE_ADMIN, API_JSON_LIMIT, opinion_fields, NULL,
     "visits", "签发督导意见书（按县按年编文号）/ issue the opinion with its number", 201, FAST},
    {"GET", "/api/v1/visits/{id}/record.pdf", api_visits_record_pdf, ROLES_LOOP, 0, NULL, pdf_query, "visits",
     "督导记录表 PDF / the visit record", 200, SLOW},
    {"GET", "/api/v1/visits/{id}/opinion.pdf", api_visits_opinion_pdf, ROLES_LOOP, 0, NULL, pdf_query, "visits",
     "督导意见书 PDF / the opinion", 200, SLOW},
    {"POST", "/api/v1/tasks/{id}/report", api_tasks_report_compose, ROLE_ADMIN, API_JSON_LIMIT, no_fields, NULL,
     "tasks", "撰写督导报告（各对象意见书签发后，条例第二十三条）/ compose the 督导报告", 201, FAST},
    {"GET", "/api/v1/tasks/{id}/report", api_tasks_report_get, ROLES_OFFICE, 0, NULL, NULL, "tasks",
     "督导报告：报送、备案、公布情况 / the report and where it went", 200, FAST},
    {"POST", "/api/v1/tasks/{id}/report/actions", api_tasks_report_act, ROLE_ADMIN, API_JSON_LIMIT, report_act_fields,
     NULL, "tasks", "报送本级人民政府、报上级备案、向社会公布 / send, file or publish the report", 200, FAST},
    {"GET", "/api/v1/tasks/{id}/report.pdf", api_tasks_report_pdf, ROLES_OFFICE, 0, NULL, pdf_query, "tasks",
     "督导报告 PDF / the report", 200, SLOW},
    {"GET", "/api/v1/public/reports", api_public_reports, 0, 0, NULL, NULL, "public",
     "公布的督导报告（条例第二十三条，无需登录）/ the published 督导报告", 200, false},
    {"GET", "/api/v1/public/reports/{id}/pdf", api_public_report_pdf, 0, 0, NULL, pdf_query, "public",
     "公布的督导报告 PDF（任务编号）/ a published report as PDF", 200, true},
};
const api_route_table_t api_routes_visits = {routes, sizeof routes / sizeof routes[0]};
