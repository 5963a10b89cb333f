/* The findings capability's routes: the 问题台账 and its loop, 督办单, the scheduler, public
 * complaints, 问责 and 约谈, and 通报. Literal paths come before the {id} ones they share a
 * prefix with (the first match wins). */
#include "api/api_agg.h"
#include "api/findings/handlers_findings.h"
#include "core/findings/finding_sort.h"
#include "store/findings/accountability_case_agg.h"

#define NOBODY 0
#define FAST false
#define SLOW true
#define J API_JSON_LIMIT

#define FINDING_TEXT_FIELDS                                                                                            \
    {"severity", FT_STRING, false, false, "general 一般 | serious 较重 | severe 严重 | red_line 红线"},                \
        {"category", FT_STRING, false, true, "问题类别（安全、双减、五项管理……）/ category"},                          \
        {"indicator_code", FT_STRING, false, true, "指标代码（复发按代码识别）/ indicator code"},                      \
        {"indicator_text", FT_STRING, false, true, "指标 / indicator"},                                                \
        {"description", FT_STRING, false, false, "问题描述 / description"},                                            \
        {"requirement", FT_STRING, false, true, "整改要求 / rectification requirement"},                               \
        {"responsible_unit", FT_STRING, false, true, "整改责任单位 / responsible unit"},                               \
        {"responsible_person", FT_STRING, false, true, "整改责任人 / responsible person"}, {                           \
        "deadline", FT_STRING, false, true, "整改期限 YYYY-MM-DD（默认按严重程度）/ deadline"             \
    }

static const api_field_t create_fields[] = {
    {"school_id", FT_INT, false, true, "学校（督学校）/ school"},
    {"region_code", FT_STRING, false, true, "区划（督政问题，无学校时）/ region, for a government finding"},
    {"unit_id", FT_INT, false, true, "被督导单位（督政问题：乡镇政府、街道、县直部门）/ the supervised unit"},
    FINDING_TEXT_FIELDS,
    {"issue", FT_BOOL, false, false, "true: 录入后直接下发 / issue at once"},
    {0},
};
static const api_field_t edit_fields[] = {FINDING_TEXT_FIELDS, {0}};
static const api_field_t issue_fields[] = {
    {"severity", FT_STRING, false, false, "严重程度 / severity"},
    {"requirement", FT_STRING, false, true, "整改要求 / requirement"},
    {"responsible_unit", FT_STRING, false, true, "整改责任单位 / responsible unit"},
    {"responsible_person", FT_STRING, false, true, "整改责任人 / responsible person"},
    {"deadline", FT_STRING, false, true, "整改期限（默认按严重程度与本地设置）/ deadline (default by severity)"},
    {0},
};
static const api_field_t note_fields[] = {
    {"note", FT_STRING, false, true, "说明 / note"},
    {0},
};
static const api_field_t close_fields[] = {
    {"note", FT_STRING, false, true, "核查说明 / note"},
    {"onsite", FT_OBJECT, false, true,
     "现场复核 {lat, lng, accuracy_m}（辖区设置 finding.close_onsite 要求时必填，并附复核照片）/ the on-site re-check"},
    {"attachment_ids", FT_ARRAY, false, true, "现场复核照片（本校附件）/ the re-check photos"},
    {0},
};
static const api_field_t progress_fields[] = {
    {"note", FT_STRING, true, false, "整改进展 / progress note"},
    {0},
};
static const api_field_t submit_fields[] = {
    {"note", FT_STRING, true, false, "整改报告 / the rectification report"},
    {"attachment_ids", FT_ARRAY, false, false, "佐证材料（本问题的附件）/ evidence: this finding's attachments"},
    {0},
};
static const api_field_t reason_fields[] = {
    {"reason", FT_STRING, true, false, "理由 / reason"},
    {0},
};
static const api_field_t reopen_fields[] = {
    {"reason", FT_STRING, true, false, "回头看发现的问题 / what the re-inspection found"},
    {"deadline", FT_STRING, false, true, "新的整改期限 / new deadline"},
    {0},
};
static const api_field_t extension_fields[] = {
    {"deadline", FT_STRING, true, false, "申请延期至 YYYY-MM-DD / requested deadline"},
    {"reason", FT_STRING, true, false, "延期理由 / reason"},
    {0},
};
static const api_field_t decide_fields[] = {
    {"approve", FT_BOOL, true, false, "true 批准 | false 不批准 / approve or refuse"},
    {"deadline", FT_STRING, false, true, "批准的新期限（批准时必填）/ the new deadline when approving"},
    {"note", FT_STRING, false, true, "审批意见 / note"},
    {"reason", FT_STRING, false, true, "不批准的理由 / reason for a refusal"},
    {0},
};
static const api_field_t setting_fields[] = {
    {"region_code", FT_STRING, true, false, "适用区划（下级继承）/ region (inherited below)"},
    {"name", FT_STRING, true, false,
     "finding.days.general|serious|severe|red_line 默认整改天数, finding.remind_days, finding.order_after_days, "
     "finding.interview_after_days, finding.returns_for_accountability, finding.overdue_for_accountability, "
     "finding.recurrence_window_days, finding.recurrence_county_schools, finding.reinspect_sample_percent, "
     "finding.close_review（销号须督导室审核：0 否，1 严重和红线，2 全部）, finding.verify_days（核查期限天数）, "
     "finding.close_onsite（销号须现场复核：0 否，1 严重和红线，2 全部）"},
    {"value", FT_INT, true, false, "天数 1–3650，比例 0–100，销号审核与现场复核 0–2 / days, percent, or 0–2"},
    {0},
};
static const api_field_t reinspection_fields[] = {
    {"region_code", FT_STRING, false, true, "区划（默认本账号范围）/ region"},
    {"closed_from", FT_STRING, true, false, "销号日期起 YYYY-MM-DD / closed from"},
    {"closed_to", FT_STRING, true, false, "销号日期止 YYYY-MM-DD / closed to"},
    {0},
};
static const api_field_t jobs_run_fields[] = {
    {"as_of", FT_STRING, false, true, "按该日期运行（仅测试服务器）/ run as of this date (test servers only)"},
    {0},
};

static const api_param_t ledger_query[] = {
    API_Q_STR("state",
              "draft | issued | rectifying | submitted | review（待审核销号）| closed | voided | open（未销号）"),
    API_Q_STR("severity", "general | serious | severe | red_line"),
    API_Q_INT("school_id", "学校 / school", 0, INT64_MAX),
    API_Q_STR("region_code", "乡镇或县（含下级）/ town or county"),
    API_Q_BOOL("overdue", "true | false"),
    API_Q_STR("source", "visit | complaint | manual | reinspection"),
    API_Q_STR("indicator_code", "指标代码 / indicator code"),
    API_Q_STR("category", "问题类别 / category"),
    API_Q_BOOL("flagged", "true: 问责或复发线索 / accountability or recurrence flagged"),
    API_Q_INT("task_id", "督导任务 / task", 0, INT64_MAX),
    API_Q_BOOL("reinspected", "true: 列入回头看 / picked for re-inspection"),
    API_Q_STR("q", "描述、学校名或文号包含 / contains"),
    API_Q_STR("sort", FINDING_SORT_DOC "，'-' 降序（默认最新在前）"),
    API_Q_PAGING,
    {0},
};
static const api_param_t pdf_query[] = {API_Q_INLINE, {0}};
static const api_param_t region_query[] = {API_Q_STR("region_code", "区划（默认本账号范围）/ region"), {0}};
static const api_param_t state_query[] = {
    API_Q_ENUM("state", "pending | approved | refused", "pending|approved|refused"), {0}};
static const api_param_t page_query[] = {API_Q_PAGING, {0}};

static const api_field_t complaint_fields[] = {
    {"school_code", FT_STRING, true, false, "学校标识码（公示牌二维码中）/ the school code on the plaque"},
    {"category", FT_STRING, true, false, "乱收费 | 安全隐患 | 课业负担 | 师德师风 | 食品安全 | 招生入学 | 其他"},
    {"content", FT_STRING, true, false, "反映的问题 / what happened"},
    {"contact_name", FT_STRING, false, true, "联系人（可不填）/ your name (optional)"},
    {"contact_phone", FT_STRING, false, true, "联系电话（可不填）/ your phone (optional)"},
    {0},
};
static const api_field_t verify_fields[] = {
    {"severity", FT_STRING, false, false, "严重程度 / severity"},
    {"category", FT_STRING, false, true, "问题类别 / category"},
    {"description", FT_STRING, false, true, "问题描述（默认为举报内容）/ description"},
    {"requirement", FT_STRING, false, true, "整改要求 / requirement"},
    {"deadline", FT_STRING, false, true, "整改期限 / deadline"},
    {"issue", FT_BOOL, false, false, "true: 立即下发整改通知书 / issue at once"},
    {"outcome", FT_STRING, false, true, "给举报人的答复 / the reply to the complainant"},
    {0},
};
static const api_field_t reject_fields[] = {
    {"outcome", FT_STRING, true, false, "给举报人的答复（经核实不属实的说明）/ the reply"},
    {0},
};
static const api_field_t accountability_fields[] = {
    {"target_kind", FT_STRING, false, true,
     "unit 单位 | person 责任人 | private_person 民办学校/培训机构责任人（有问责调查时取调查的对象）"},
    {"target_name", FT_STRING, false, true, "问责对象（有问责调查时取调查的对象）/ the unit or person"},
    {"measure", FT_STRING, true, false,
     "unit: public_criticism 公开批评, interview 约谈, bulletin 督导通报, resource_adjustment 资源调整, "
     "administrative_penalty 行政处罚; person: order_self_examination 责令检查, interview 约谈, criticism_bulletin "
     "通报批评, organizational_handling 组织处理, sanction 处分, referral 移交监察机关或司法机关; private_person adds "
     "confiscation 罚没违法所得, practice_ban 从业禁止, credit_record 纳入诚信记录"},
    {"grounds", FT_STRING, true, false, "问责事实与依据 / facts and grounds"},
    {"decided_on", FT_STRING, true, false, "决定日期 YYYY-MM-DD / decision date"},
    {"school_id", FT_INT, false, true, "学校 / school"},
    {"finding_id", FT_INT, false, true, "相关问题 / the finding"},
    {"region_code", FT_STRING, false, true, "区划（督政）/ region"},
    {"case_id", FT_INT, false, true,
     "已审定的问责调查（问责办法：调查认定、陈述申辩、审定之后作出决定）/ the approved case"},
    {"archive_no", FT_STRING, false, true,
     "线下已完成程序的既往决定：档案号（与 case_id 二选一）/ for a decision made outside dudao: its archive number"},
    {"basis", FT_STRING, false, true, "问责依据 / the provisions the decision rests on"},
    {"effective_on", FT_STRING, false, true, "生效时间 YYYY-MM-DD（默认决定日期）/ effective from"},
    {"ground_category", FT_INT, false, true, "问责情形类别 1—6（有问责调查时取调查的类别）/ ground category"},
    {0},
};
static const api_field_t acc_case_fields[] = {ACC_CASE_BODY_FIELDS(API_AGG_CREATE_FIELD){0}};
static const api_field_t acc_case_step_fields[] = {
    {"step", FT_STRING, true, false,
     "group 成立调查认定工作组 | notify 告知认定事实和问责意见 | hear 听取陈述申辩 | consult 征求成员单位意见 | "
     "approve 督导委员会审定 | drop 不予问责"},
    {"on", FT_STRING, false, true, "该步骤的日期 YYYY-MM-DD（默认今天）/ the day of the step"},
    {"members", FT_STRING, false, true, "group: 工作组成员 / the group's members"},
    {"facts", FT_STRING, false, true, "notify: 认定事实 / the facts"},
    {"opinion", FT_STRING, false, true, "notify: 问责意见 / the proposed accountability"},
    {"measure", FT_STRING, false, true, "notify: 拟问责方式 / the proposed measure"},
    {"notice_form", FT_STRING, false, true, "notify: written 书面（默认）| oral 口头"},
    {"statement", FT_STRING, false, true, "hear: 陈述申辩意见 / what the target said"},
    {"is_waived", FT_BOOL, false, true, "hear: 对象放弃陈述申辩 / the target waived its statement"},
    {"note", FT_STRING, false, true, "consult: 成员单位意见；drop: 不予问责理由 / views; reason"},
    {"approver_name", FT_STRING, false, true, "approve: 审定人 / approved by"},
    {"approver_title", FT_STRING, false, true, "approve: 主任 | 副主任"},
    {0},
};
static const api_param_t acc_case_query[] = {
    API_Q_ENUM("state", "investigating | notified | heard | approved | decided | dropped",
               "investigating|notified|heard|approved|decided|dropped"),
    {0}};
static const api_field_t decision_fields[] = {
    {"school_id", FT_INT, false, false, "督办对象学校（与 unit_id 二选一）/ the school (or unit_id)"},
    {"unit_id", FT_INT, false, false, "督办对象被督导单位：乡镇政府/街道、县直部门（与 school_id 二选一）/ the unit"},
    {"title", FT_STRING, true, false, "督办单标题 / title"},
    {"basis", FT_STRING, false, true, "督办依据 / grounds"},
    {"items", FT_ARRAY, true, false, "督办事项 [{text, deadline YYYY-MM-DD}] / the items with their deadlines"},
    {0},
};
static const api_field_t no_body_fields[] = {{0}};
static const api_field_t review_fields[] = {
    {"step", FT_STRING, true, false, "review 复核 | appeal 申诉"},
    {"state", FT_STRING, true, false, "applied 已申请 | upheld 维持 | changed 变更"},
    {"on", FT_STRING, false, true, "该步骤的日期 YYYY-MM-DD（默认今天）/ the day of the step"},
    {"received_on", FT_STRING, false, true,
     "送达日期：复核申请时为问责决定送达日，复核决定时为复核决定送达日 / the day of receipt the clock counts from"},
    {0},
};
static const api_field_t interview_fields[] = {
    {"target_name", FT_STRING, true, false, "约谈对象 / who is interviewed"},
    {"held_on", FT_STRING, true, false, "约谈日期 YYYY-MM-DD"},
    {"place", FT_STRING, false, true, "地点 / place"},
    {"summary", FT_STRING, false, true, "约谈纪要 / summary"},
    {"school_id", FT_INT, false, true, "学校 / school"},
    {"finding_id", FT_INT, false, true, "相关问题 / the finding"},
    {"region_code", FT_STRING, false, true, "区划 / region"},
    {0},
};
static const api_field_t bulletin_create_fields[] = {
    {"region_code", FT_STRING, false, true, "县级区划（默认本账号范围）/ the county"},
    {"period_from", FT_STRING, true, false, "起始日期 YYYY-MM-DD"},
    {"period_to", FT_STRING, true, false, "截止日期 YYYY-MM-DD"},
    {"title", FT_STRING, false, true, "标题（默认自动生成）/ title"},
    {0},
};
static const api_field_t bulletin_update_fields[] = {
    {"title", FT_STRING, false, false, "标题 / title"},
    {"body", FT_STRING, false, false, "正文（段落以空行分隔）/ text, paragraphs separated by blank lines"},
    {"redactions", FT_ARRAY, false, false, "公开时隐去的姓名 / names redacted on the public page"},
    {0},
};
static const api_field_t empty_fields[] = {{0}};
static const api_param_t complaint_query[] = {
    API_Q_ENUM("state", "received | verified | rejected", "received|verified|rejected"), API_Q_PAGING, {0}};

static const api_route_t routes[] = {
    {"GET", "/api/v1/findings", api_findings_list, ROLES_LOOP, 0, NULL, ledger_query, "findings",
     "问题台账（筛选、排序、分页，含各状态计数）/ the ledger with counts by state", 200, FAST},
    {"POST", "/api/v1/findings", api_findings_create, ROLE_ADMIN, J, create_fields, NULL, "findings",
     "人工录入问题（草稿，或 issue=true 直接下发）/ enter a finding by hand", 201, FAST},
    {"GET", "/api/v1/findings/inbox", api_findings_inbox, ROLES_LOOP, 0, NULL, NULL, "findings",
     "待办：待下发、待核查、新下发、逾期、临期、延期审批、举报 / what needs me", 200, FAST},
    {"GET", "/api/v1/findings/export", api_findings_export, ROLES_OFFICE | ROLE_INSPECTOR, 0, NULL, ledger_query,
     "findings", "导出问题台账 XLSX（参数同列表）/ export the ledger as XLSX", 200, SLOW},
    {"GET", "/api/v1/findings/stats", api_findings_stats, ROLES_OFFICE | ROLE_INSPECTOR, 0, NULL, NULL, "findings",
     "整改统计：按乡镇、学校、类别；销号率、平均时长、趋势 / dashboard aggregates", 200, FAST},
    {"GET", "/api/v1/findings/settings", api_findings_settings_get, ROLES_OFFICE, 0, NULL, region_query, "findings",
     "整改期限与督办升级参数（含继承）/ deadline and escalation rules in force", 200, FAST},
    {"PUT", "/api/v1/findings/settings", api_findings_settings_set, ROLE_ADMIN, J, setting_fields, NULL, "findings",
     "设置本区划的整改参数 / set a rule for a region", 200, FAST},
    {"POST", "/api/v1/findings/reinspection", api_findings_reinspection, ROLE_ADMIN, J, reinspection_fields, NULL,
     "findings", "回头看抽查：期间内销号的红线问题全部加随机抽样 / pick closed findings for re-inspection", 200, FAST},
    {"GET", "/api/v1/findings/{id}", api_findings_get, ROLES_LOOP, 0, NULL, NULL, "findings",
     "问题详情：全过程记录、附件、当前可执行操作 / a finding with its history and allowed actions", 200, FAST},
    {"PATCH", "/api/v1/findings/{id}", api_findings_edit, ROLES_CASEWORK, J, edit_fields, NULL, "findings",
     "修改草稿 / edit a draft", 200, FAST},
    {"POST", "/api/v1/findings/{id}/issue", api_findings_issue, ROLES_CASEWORK, J, issue_fields, NULL, "findings",
     "下发整改通知书（编文号）/ issue the rectification notice", 200, FAST},
    {"POST", "/api/v1/findings/{id}/acknowledge", api_findings_acknowledge, ROLES_ANSWER, J, note_fields, NULL,
     "findings", "学校签收 / the school acknowledges", 200, FAST},
    {"POST", "/api/v1/findings/{id}/progress", api_findings_progress, ROLES_ANSWER, J, progress_fields, NULL,
     "findings", "报告整改进展 / a progress note", 200, FAST},
    {"POST", "/api/v1/findings/{id}/submit", api_findings_submit, ROLES_ANSWER, J, submit_fields, NULL, "findings",
     "报送整改报告及佐证 / submit the rectification report with evidence", 200, FAST},
    {"POST", "/api/v1/findings/{id}/close", api_findings_close, ROLES_CASEWORK, J, close_fields, NULL, "findings",
     "核查通过，销号 / verify and close", 200, FAST},
    {"POST", "/api/v1/findings/{id}/return", api_findings_return, ROLES_CASEWORK, J, reason_fields, NULL, "findings",
     "核查不通过，退回整改（计次）/ return with the reason", 200, FAST},
    {"POST", "/api/v1/findings/{id}/void", api_findings_void, ROLES_CASEWORK, J, reason_fields, NULL, "findings",
     "作废（须说明理由，不删除）/ void with a reason", 200, FAST},
    {"POST", "/api/v1/findings/{id}/approve_close", api_findings_approve_close, ROLE_ADMIN, J, note_fields, NULL,
     "findings", "督导室审核通过督学的销号 / the office confirms the inspector's 销号", 200, FAST},
    {"POST", "/api/v1/findings/{id}/send_back", api_findings_send_back, ROLE_ADMIN, J, reason_fields, NULL, "findings",
     "督导室退回销号申请，重新核查（须说明理由）/ send the 销号 back for another verification", 200, FAST},
    {"POST", "/api/v1/findings/{id}/reopen", api_findings_reopen, ROLES_CASEWORK, J, reopen_fields, NULL, "findings",
     "回头看：重新打开已销号问题 / reopen after re-inspection", 200, FAST},
    {"POST", "/api/v1/findings/{id}/extension", api_findings_request_extension, ROLES_ANSWER, J, extension_fields, NULL,
     "findings", "申请延期 / ask for an extension", 200, FAST},
    {"POST", "/api/v1/findings/{id}/extension/decision", api_findings_decide_extension, ROLE_ADMIN, J, decide_fields,
     NULL, "findings", "审批延期 / approve or refuse the extension", 200, FAST},
    {"GET", "/api/v1/findings/{id}/notice", api_findings_notice, ROLES_LOOP, 0, NULL, pdf_query, "findings",
     "整改通知书 PDF / the rectification notice as PDF", 200, SLOW},
    {"GET", "/api/v1/extensions", api_extensions_list, ROLES_LOOP, 0, NULL, state_query, "findings",
     "延期申请 / extension requests", 200, FAST},
    {"GET", "/api/v1/supervision-decisions", api_decisions_list, ROLES_LOOP, 0, NULL, NULL, "findings",
     "决定督办的督办单（学校只见已发给本校的）/ 督办单 issued by decision", 200, FAST},
    {"POST", "/api/v1/supervision-decisions", api_decisions_create, ROLE_ADMIN, J, decision_fields, NULL, "findings",
     "拟制督办单：对象、多项督办事项及期限 / draft a 督办单 with its items", 201, FAST},
    {"GET", "/api/v1/supervision-decisions/{id}", api_decisions_get, ROLES_LOOP, 0, NULL, NULL, "findings",
     "督办单 / one 督办单", 200, FAST},
    {"POST", "/api/v1/supervision-decisions/{id}/sign", api_decisions_sign, ROLE_ADMIN, J, no_body_fields, NULL,
     "findings", "签批（拟稿人以外的另一人）/ sign off (not the issuer)", 200, FAST},
    {"POST", "/api/v1/supervision-decisions/{id}/send", api_decisions_send, ROLE_ADMIN, J, no_body_fields, NULL,
     "findings", "发出已签批的督办单并编号 / send a signed 督办单 (numbered)", 200, FAST},
    {"GET", "/api/v1/orders", api_orders_list, ROLES_LOOP, 0, NULL, page_query, "findings",
     "督办单 / supervision orders", 200, FAST},
    {"POST", "/api/v1/orders/{id}/confirm", api_orders_confirm, ROLE_ADMIN, J, no_body_fields, NULL, "findings",
     "确认发出自动拟发的督办单（编号、送达）/ confirm a proposed 督办单: numbered and issued", 200, FAST},
    {"POST", "/api/v1/orders/{id}/dismiss", api_orders_dismiss, ROLE_ADMIN, J, reason_fields, NULL, "findings",
     "不发自动拟发的督办单（须说明理由）/ dismiss a proposal with the reason", 200, FAST},
    {"GET", "/api/v1/orders/{id}/pdf", api_orders_pdf, ROLES_LOOP, 0, NULL, pdf_query, "findings",
     "督办单 PDF / a supervision order as PDF", 200, SLOW},
    {"GET", "/api/v1/jobs", api_jobs_list, ROLE_ADMIN, 0, NULL, NULL, "jobs", "后台任务状态 / scheduled jobs", 200,
     FAST},
    {"POST", "/api/v1/jobs/run", api_jobs_run, ROLE_ADMIN, J, jobs_run_fields, NULL, "jobs",
     "立即运行到期任务（每期只运行一次）/ run the jobs due now (once per period)", 200, SLOW},
    {"GET", "/api/v1/public/schools/{code}", api_public_school, NOBODY, 0, NULL, NULL, "public",
     "举报页面的学校信息（公开）/ the school named by a plaque, for the public form", 200, FAST},
    {"POST", "/api/v1/public/complaints", api_public_complaint_create, NOBODY, 16 * 1024, complaint_fields, NULL,
     "public", "提交举报投诉（无需登录，按地址限频）/ file a complaint (no login, rate-limited per address)", 201,
     FAST},
    {"GET", "/api/v1/public/complaints/{receipt}", api_public_complaint_get, NOBODY, 0, NULL, NULL, "public",
     "凭回执码查询办理结果 / look up the outcome by receipt code", 200, FAST},
    {"GET", "/api/v1/public/bulletins", api_public_bulletins_list, NOBODY, 0, NULL, NULL, "public",
     "已发布的督导通报 / published bulletins", 200, FAST},
    {"GET", "/api/v1/public/bulletins/{id}", api_public_bulletins_get, NOBODY, 0, NULL, NULL, "public",
     "通报全文（隐去个人姓名）/ a published bulletin, names redacted", 200, FAST},
    {"GET", "/api/v1/public/bulletins/{id}/pdf", api_public_bulletins_pdf, NOBODY, 0, NULL, pdf_query, "public",
     "通报 PDF（隐去个人姓名）/ the bulletin PDF, names redacted", 200, SLOW},
    {"GET", "/api/v1/complaints", api_complaints_list, ROLES_CASEWORK | ROLE_LEADER, 0, NULL, complaint_query,
     "complaints", "举报投诉（督学只见挂牌学校）/ complaints in scope", 200, FAST},
    {"POST", "/api/v1/complaints/{id}/verify", api_complaints_verify, ROLES_CASEWORK, J, verify_fields, NULL,
     "complaints", "核实属实：转为问题 / verified: becomes a finding", 200, FAST},
    {"POST", "/api/v1/complaints/{id}/reject", api_complaints_reject, ROLES_CASEWORK, J, reject_fields, NULL,
     "complaints", "核实不属实：答复举报人 / not substantiated: reply", 200, FAST},
    {"GET", "/api/v1/accountability", api_accountability_list, ROLES_OFFICE, 0, NULL, NULL, "accountability",
     "问责记录（复核、申诉期限）/ accountability records with their time limits", 200, FAST},
    {"POST", "/api/v1/accountability", api_accountability_create, ROLE_ADMIN, J, accountability_fields, NULL,
     "accountability", "登记问责决定（自动识别从重情形）/ record a decision (aggravating cases detected)", 201, FAST},
    {"POST", "/api/v1/accountability/{id}/review", api_accountability_review, ROLE_ADMIN, J, review_fields, NULL,
     "accountability", "登记复核或申诉 / record a review or appeal step", 200, FAST},
    {"GET", "/api/v1/accountability/cases", api_accountability_cases_list, ROLES_OFFICE, 0, NULL, acc_case_query,
     "accountability", "问责调查（决定前的程序，按六类情形统计）/ cases before the decision, by category", 200, FAST},
    {"POST", "/api/v1/accountability/cases", api_accountability_cases_open, ROLE_ADMIN, J, acc_case_fields, NULL,
     "accountability", "问责立案调查（督导工作结束后 60 日内成立调查认定工作组）/ open a case", 201, FAST},
    {"GET", "/api/v1/accountability/cases/{id}", api_accountability_cases_get, ROLES_OFFICE, 0, NULL, NULL,
     "accountability", "问责调查详情 / one case", 200, FAST},
    {"POST", "/api/v1/accountability/cases/{id}/steps", api_accountability_cases_step, ROLE_ADMIN, J,
     acc_case_step_fields, NULL, "accountability",
     "问责程序步骤：工作组、告知、陈述申辩、征求意见、审定、不予问责 / a step of the procedure", 200, FAST},
    {"GET", "/api/v1/interviews", api_interviews_list, ROLES_OFFICE, 0, NULL, NULL, "accountability",
     "约谈记录 / interviews", 200, FAST},
    {"POST", "/api/v1/interviews", api_interviews_create, ROLE_ADMIN, J, interview_fields, NULL, "accountability",
     "登记约谈 / record an interview", 201, FAST},
    {"GET", "/api/v1/bulletins", api_bulletins_list, ROLES_OFFICE, 0, NULL, NULL, "bulletins", "督导通报 / bulletins",
     200, FAST},
    {"POST", "/api/v1/bulletins", api_bulletins_create, ROLE_ADMIN, J, bulletin_create_fields, NULL, "bulletins",
     "按期间从台账数据编制通报 / compose a bulletin for a period from the data", 201, FAST},
    {"GET", "/api/v1/bulletins/{id}", api_bulletins_get, ROLES_OFFICE, 0, NULL, NULL, "bulletins",
     "通报详情 / a bulletin", 200, FAST},
    {"PATCH", "/api/v1/bulletins/{id}", api_bulletins_update, ROLE_ADMIN, J, bulletin_update_fields, NULL, "bulletins",
     "修改草稿 / edit the draft", 200, FAST},
    {"POST", "/api/v1/bulletins/{id}/approve", api_bulletins_approve, ROLES_OFFICE, 1024, empty_fields, NULL,
     "bulletins", "审核（须非编制人）/ approve (not by its author)", 200, FAST},
    {"POST", "/api/v1/bulletins/{id}/publish", api_bulletins_publish, ROLE_ADMIN, 1024, empty_fields, NULL, "bulletins",
     "发布（编文号，公开）/ publish", 200, FAST},
    {"GET", "/api/v1/bulletins/{id}/pdf", api_bulletins_pdf, ROLES_OFFICE, 0, NULL, pdf_query, "bulletins",
     "通报 PDF / the bulletin as PDF", 200, SLOW},
};
const api_route_table_t api_routes_findings = {routes, sizeof routes / sizeof routes[0]};
