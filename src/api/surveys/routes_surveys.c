/* The surveys capability's routes: questionnaires, rounds, slips, results, and the public
 * answering page (no account). Literal paths come before the {id} ones they share a prefix
 * with (the first match wins). */
#include "api/surveys/handlers_surveys.h"

#define NOBODY 0
#define FAST false
#define SLOW true
#define J API_JSON_LIMIT
/* the office, and a commissioned organisation's accounts (its own rounds only: store/scope.h) */
#define ROUND_READERS (ROLES_OFFICE | ROLE_EVALUATOR)
#define ROUND_RUNNERS (ROLE_ADMIN | ROLE_EVALUATOR)

static const api_field_t document_fields[] = {
    {"document", FT_OBJECT, true, false, "问卷文档（见 standards/surveys）/ the questionnaire document"},
    {0},
};
static const api_field_t round_fields[] = {
    {"title", FT_STRING, true, false, "调查名称 / title"},
    {"form_version_id", FT_INT, true, false, "已发布的问卷版本 / a published questionnaire version"},
    {"region_code", FT_STRING, false, true, "调查区域（默认本账号区划）/ region"},
    {"opens_on", FT_STRING, true, false, "开始日期 YYYY-MM-DD"},
    {"closes_on", FT_STRING, true, false, "结束日期 YYYY-MM-DD"},
    {"min_n", FT_INT, false, false, "最小公布人数（默认 10）/ suppression threshold"},
    {"population", FT_INT, false, true, "常住人口：按问卷的抽样规则核对配额 / residents, to check the plan"},
    {"org_id", FT_INT, false, true, "委托的第三方评估机构（空：督导室自行组织）/ the commissioned organisation"},
    {"cells", FT_ARRAY, true, false,
     "配额格 [{group, school_id?, stratum?, quota, weight?}]：每个配额单位生成一个一次性调查码 / quota cells"},
    {0},
};
static const api_field_t answer_fields[] = {
    {"answers", FT_OBJECT, true, false, "答案 {题目代码: 值} / answers by question code"},
    {0},
};
static const api_field_t item_finding_fields[] = {
    {"school_id", FT_INT, true, false, "学校 / the school"},
    {"item", FT_STRING, true, false, "计分题代码 / the scored question's code"},
    {0},
};
static const api_field_t org_fields[] = {
    {"name", FT_STRING, true, false, "机构名称 / name"},
    {"county_code", FT_STRING, false, true, "委托的区县（默认本账号区划）/ the commissioning county"},
    {"credit_code", FT_STRING, false, false, "统一社会信用代码（18 位）/ unified social credit code"},
    {"contract_no", FT_STRING, false, false, "委托合同编号 / contract"},
    {"contact", FT_STRING, false, false, "联系人与电话 / contact"},
    {0},
};
static const api_field_t org_update_fields[] = {
    {"name", FT_STRING, false, false, "机构名称 / name"},
    {"credit_code", FT_STRING, false, false, "统一社会信用代码 / credit code"},
    {"contract_no", FT_STRING, false, false, "委托合同编号 / contract"},
    {"contact", FT_STRING, false, false, "联系人与电话 / contact"},
    {"status", FT_STRING, false, false, "active | closed（停用即停用其全部账号）/ closing disables its accounts"},
    {0},
};
static const api_field_t submit_fields[] = {
    {"report", FT_STRING, true, false, "结果说明：实施情况、样本、有效率 / the organisation's report"},
    {0},
};
static const api_field_t review_fields[] = {
    {"decision", FT_STRING, true, false, "accepted（采用）| returned（退回）"},
    {"note", FT_STRING, false, true, "审核意见（退回必填）/ the reason (required to return)"},
    {0},
};
static const api_field_t flag_fields[] = {
    {"response_id", FT_INT, true, false, "答卷编号 / the response"},
    {"item", FT_STRING, true, false, "开放题代码 / the question"},
    {"flagged", FT_BOOL, false, false, "true 标记（默认），false 取消 / flag or unflag"},
    {"note", FT_STRING, false, true, "备注 / note"},
    {0},
};
static const api_field_t official_fields[] = {
    {"title", FT_STRING, true, false, "调查名称 / title"},
    {"institution", FT_STRING, true, false, "实施机构（教育部委托的专业机构）/ the commissioned institution"},
    {"url", FT_STRING, true, false, "机构提供的作答链接 / the institution's answering URL"},
    {"region_code", FT_STRING, false, true, "区域（默认本账号区划）/ region"},
    {"opens_on", FT_STRING, true, false, "开始日期 YYYY-MM-DD"},
    {"closes_on", FT_STRING, true, false, "结束日期 YYYY-MM-DD"},
    {"cells", FT_ARRAY, true, false, "发放对象 [{group_name, school_id?, target}] / targets"},
    {0},
};
static const api_field_t progress_fields[] = {
    {"cells", FT_ARRAY, true, false,
     "机构公布的回收数 [{id, collected, reported_on?}]（全部成功或全部不变）/ the published counts"},
    {0},
};
static const api_field_t empty_fields[] = {{0}};
static const api_param_t texts_query[] = {API_Q_BOOL("flagged", "只看已标记 / flagged only"), {0}};
static const api_param_t trends_query[] = {API_Q_REQUIRED("form_code", "问卷代码 / questionnaire code"), {0}};
static const api_param_t sample_query[] = {
    API_Q_INT("population", "常住人口 / residents", 1, 100000000),
    {0},
};
static const api_param_t pdf_query[] = {API_Q_INLINE, {0}};

static const api_route_t routes[] = {
    {"GET", "/api/v1/surveys/forms", api_surveys_forms, ROLES_OFFICE, 0, NULL, NULL, "surveys",
     "问卷（内置与本区划）及其版本 / questionnaires and their versions", 200, FAST},
    {"POST", "/api/v1/surveys/forms", api_surveys_form_create, ROLE_ADMIN, J, document_fields, NULL, "surveys",
     "新建问卷（草稿）/ create a questionnaire as a draft", 201, FAST},
    {"GET", "/api/v1/surveys/versions/{id}", api_surveys_version, ROLES_OFFICE, 0, NULL, NULL, "surveys",
     "问卷版本：文档与各调查对象的题目 / a version with each group's questions", 200, FAST},
    {"PUT", "/api/v1/surveys/versions/{id}", api_surveys_version_update, ROLE_ADMIN, J, document_fields, NULL,
     "surveys", "修改草稿（已发布的版本生成新草稿）/ edit a draft (a published one gets a new draft)", 200, FAST},
    {"POST", "/api/v1/surveys/versions/{id}/publish", api_surveys_version_publish, ROLE_ADMIN, 1024, empty_fields, NULL,
     "surveys", "发布（此后冻结）/ publish (frozen afterwards)", 200, FAST},
    {"GET", "/api/v1/surveys/versions/{id}/sample", api_surveys_sample, ROLES_OFFICE, 0, NULL, sample_query, "surveys",
     "按常住人口计算应抽样本与各对象配额建议 / the sample a population needs, and quotas", 200, FAST},
    {"GET", "/api/v1/surveys/trends", api_surveys_trends, ROLES_OFFICE, 0, NULL, trends_query, "surveys",
     "同一问卷历次调查的满意度变化 / satisfaction across rounds", 200, SLOW},
    {"GET", "/api/v1/surveys/orgs", api_surveys_orgs, ROUND_READERS, 0, NULL, NULL, "surveys",
     "第三方评估机构 / the commissioned organisations", 200, FAST},
    {"POST", "/api/v1/surveys/orgs", api_surveys_org_create, ROLE_ADMIN, 8192, org_fields, NULL, "surveys",
     "登记评估机构 / register an organisation", 201, FAST},
    {"GET", "/api/v1/surveys/orgs/{id}", api_surveys_org, ROUND_READERS, 0, NULL, NULL, "surveys",
     "评估机构及其账号 / an organisation and its accounts", 200, FAST},
    {"PATCH", "/api/v1/surveys/orgs/{id}", api_surveys_org_update, ROLE_ADMIN, 8192, org_update_fields, NULL, "surveys",
     "修改或停用评估机构 / edit or close an organisation", 200, FAST},
    {"GET", "/api/v1/surveys/rounds", api_surveys_rounds, ROUND_READERS, 0, NULL, NULL, "surveys",
     "调查轮次 / survey rounds in scope", 200, FAST},
    {"POST", "/api/v1/surveys/rounds", api_surveys_round_create, ROLE_ADMIN, J, round_fields, NULL, "surveys",
     "新建调查：问卷、区域、日期、配额，生成一次性调查码 / create a round with its codes", 201, SLOW},
    {"GET", "/api/v1/surveys/rounds/{id}", api_surveys_round, ROUND_READERS, 0, NULL, NULL, "surveys",
     "调查详情与各配额格进度 / a round with progress per quota cell", 200, FAST},
    {"POST", "/api/v1/surveys/rounds/{id}/close", api_surveys_round_close, ROUND_RUNNERS, 1024, empty_fields, NULL,
     "surveys", "结束调查 / close the round", 200, FAST},
    {"GET", "/api/v1/surveys/rounds/{id}/slips", api_surveys_slips, ROUND_RUNNERS, 0, NULL, pdf_query, "surveys",
     "调查码二维码条（A4，每页 10 张）PDF / the QR slips", 200, SLOW},
    {"GET", "/api/v1/surveys/rounds/{id}/codes", api_surveys_codes, ROUND_RUNNERS, 0, NULL, NULL, "surveys",
     "调查码与链接清单 XLSX（短信、微信发送）/ codes and links", 200, SLOW},
    {"GET", "/api/v1/surveys/rounds/{id}/results", api_surveys_results, ROUND_READERS, 0, NULL, NULL, "surveys",
     "结果：回收率、满意度（按题目、对象、学校）、社会认可度 / results", 200, FAST},
    {"GET", "/api/v1/surveys/rounds/{id}/results.xlsx", api_surveys_results_xlsx, ROUND_READERS, 0, NULL, NULL,
     "surveys", "结果表 XLSX / the results as XLSX", 200, SLOW},
    {"GET", "/api/v1/surveys/rounds/{id}/report", api_surveys_report, ROUND_READERS, 0, NULL, pdf_query, "surveys",
     "调查报告 PDF / the report", 200, SLOW},
    {"GET", "/api/v1/surveys/rounds/{id}/texts", api_surveys_texts, ROLE_ADMIN, 0, NULL, texts_query, "surveys",
     "开放题回答及标记（仅督导室阅读，不公开）/ free-text answers and flags, office only", 200, FAST},
    {"POST", "/api/v1/surveys/rounds/{id}/texts/flags", api_surveys_text_flag, ROLE_ADMIN, 4096, flag_fields, NULL,
     "surveys", "标记或取消标记一条开放题回答（待跟进）/ flag or unflag a free-text answer", 200, FAST},
    {"POST", "/api/v1/surveys/rounds/{id}/submit", api_surveys_round_submit, ROLE_EVALUATOR, 64 * 1024, submit_fields,
     NULL, "surveys", "评估机构提交结果待督导室审核 / the organisation hands in its results", 200, FAST},
    {"POST", "/api/v1/surveys/rounds/{id}/review", api_surveys_round_review, ROLE_ADMIN, 8192, review_fields, NULL,
     "surveys", "督导室审核机构结果：采用或退回 / accept or return the organisation's results", 200, FAST},
    {"POST", "/api/v1/surveys/rounds/{id}/findings", api_surveys_item_finding, ROLE_ADMIN, 1024, item_finding_fields,
     NULL, "surveys", "学校低分题转为问题（草稿，一题一次）/ a school's low-scoring question becomes a finding", 201,
     FAST},
    {"GET", "/api/v1/surveys/official", api_surveys_officials, ROLES_OFFICE, 0, NULL, NULL, "surveys",
     "协助发放的正式调查（作答数据由实施机构管理）/ official surveys the county distributes", 200, FAST},
    {"POST", "/api/v1/surveys/official", api_surveys_official_create, ROLE_ADMIN, J, official_fields, NULL, "surveys",
     "登记正式调查：实施机构、作答链接、发放对象 / register an official survey to distribute", 201, FAST},
    {"GET", "/api/v1/surveys/official/{id}", api_surveys_official, ROLES_OFFICE, 0, NULL, NULL, "surveys",
     "正式调查及各发放对象的回收进度 / an official survey with progress per target", 200, FAST},
    {"PUT", "/api/v1/surveys/official/{id}/progress", api_surveys_official_progress, ROLE_ADMIN, J, progress_fields,
     NULL, "surveys", "录入机构公布的回收数 / enter the counts the institution publishes", 200, FAST},
    {"POST", "/api/v1/surveys/official/{id}/close", api_surveys_official_close, ROLE_ADMIN, 1024, empty_fields, NULL,
     "surveys", "结束发放 / close", 200, FAST},
    {"GET", "/api/v1/surveys/official/{id}/posters", api_surveys_official_posters, ROLE_ADMIN, 0, NULL, pdf_query,
     "surveys", "二维码海报 PDF（每个发放对象一页）/ QR posters, one page per target", 200, SLOW},
    {"GET", "/api/v1/public/surveys/{code}", api_public_survey, NOBODY, 0, NULL, NULL, "public",
     "凭调查码取问卷（无需登录）/ the questionnaire for a code", 200, FAST},
    {"POST", "/api/v1/public/surveys/{code}", api_public_survey_submit, NOBODY, 64 * 1024, answer_fields, NULL,
     "public", "提交答卷（每码一次，匿名，按码和地址限频）/ submit once per code, anonymously", 201, FAST},
};
const api_route_table_t api_routes_surveys = {routes, sizeof routes / sizeof routes[0]};
