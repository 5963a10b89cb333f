/* The draws capability's routes: 双随机一公开 plans (pools, commit, reveal, replacements), the
 * public page of published draws, and the risk list. */
#include "api/draws/handlers_draws.h"

#define FAST false
#define NOBODY 0

static const api_field_t plan_fields[] = {
    {"region_code", FT_STRING, false, true, "区划（默认本账号区划）/ region"},
    {"title", FT_STRING, true, false, "抽查名称 / title"},
    {"kind", FT_STRING, false, true, "inspection（双随机）| followup（回头看：抽取已销号问题）"},
    {"items", FT_ARRAY, false, false, "检查事项清单 / the checklist of items"},
    {"school_ids", FT_ARRAY, false, false, "抽查对象名录库：学校 id（回头看为问题 id）/ target pool"},
    {"unit_ids", FT_ARRAY, false, false,
     "或：被督导单位名录库（乡镇政府/街道、县直部门 id，与 school_ids 二选一）/ or a pool of supervised units"},
    {"inspector_ids", FT_ARRAY, false, false, "督学名录库 / inspector pool"},
    {"n_targets", FT_INT, false, true, "抽取数量 / number to draw"},
    {"share_percent", FT_INT, false, true, "抽取比例 1–100（向上取整）/ share, rounded up"},
    {"inspectors_per_school", FT_INT, false, true, "每校督学人数 0–10 / inspectors per school"},
    {"weighted", FT_BOOL, false, true, "按风险分组加权 / weight by risk class"},
    {"strata", FT_OBJECT, false, true,
     "分层抽取：各风险类别的抽取比例 {key 重点难点, issues 存在问题, ok 落实到位}（0–100，向上取整；代替 share_percent "
     "/ "
     "n_targets）/ a share per risk class"},
    {"exclude_own", FT_BOOL, false, true, "回避本人挂牌学校（默认按设置）/ exclude own 挂牌 schools"},
    {0},
};
static const api_field_t commit_fields[] = {
    {"seed_hash", FT_STRING, false, true,
     "督导室自备种子的 SHA-256（不填则由系统生成种子）/ the office's own seed hash"},
    {0},
};
static const api_field_t reveal_fields[] = {
    {"seed", FT_STRING, false, true, "种子（64 位十六进制；系统生成的可不填）/ the seed"},
    {0},
};
static const api_field_t replace_fields[] = {
    {"kind", FT_STRING, true, false, "school | inspector | finding"},
    {"school_id", FT_INT, false, true, "替换督学时所在学校 / the school (inspector replacements)"},
    {"old_id", FT_INT, true, false, "被替换者 / replaced"},
    {"new_id", FT_INT, false, true,
     "替补（不填则按本次抽取的排序依次递补）/ substitute (default: next in the ranking)"},
    {"reason", FT_STRING, true, false, "理由 / reason"},
    {0},
};
static const api_param_t risk_query[] = {
    API_Q_STR("region_code", "区划（默认本账号区划）/ region"),
    {0},
};

static const api_param_t candidates_query[] = {
    API_Q_STR("region_code", "区划（默认本账号区划）/ region"),
    API_Q_DATE("closed_from", "销号日期起 YYYY-MM-DD / closed from"),
    API_Q_DATE("closed_to", "销号日期止（含）/ closed to, inclusive"),
    API_Q_ENUM("severity", "general | serious | severe | red_line", "general|serious|severe|red_line"),
    {0},
};
static const api_field_t task_fields[] = {
    {"inspector_ids", FT_ARRAY, true, false, "回头看督学（第一位为组长）/ inspectors, the first leads"},
    {"starts_on", FT_STRING, false, true, "开始日期 / start"},
    {"due_on", FT_STRING, false, true, "完成期限 / due"},
    {0},
};
static const api_field_t recheck_fields[] = {
    {"finding_id", FT_INT, true, false, "复查的问题 / the finding"},
    {"outcome", FT_STRING, true, false, "confirmed 整改到位 | reopened 重新整改"},
    {"note", FT_STRING, false, true, "复查情况（重新整改时必填）/ what the re-check found"},
    {0},
};

static const api_field_t setting_fields[] = {
    {"region_code", FT_STRING, false, true, "适用区划（下级继承；默认本账号区划）/ region (inherited below)"},
    {"name", FT_STRING, true, false,
     "draws.exclude_own（回避本人挂牌学校 0|1）| draws.risk.key_overdue | key_recurrent | key_complaints | key_open | "
     "key_balance"},
    {"value", FT_INT, true, false, "0|1，或阈值 1–1000 / 0|1, or a threshold 1–1000"},
    {0},
};

static const api_route_t routes[] = {
    {"GET", "/api/v1/draws/settings", api_draws_settings, ROLES_OFFICE, 0, NULL, risk_query, "draws",
     "现行的回避与风险分组阈值 / the recusal rule and risk thresholds in force", 200, FAST},
    {"PUT", "/api/v1/draws/settings", api_draws_setting_put, ROLE_ADMIN, API_JSON_LIMIT, setting_fields, NULL, "draws",
     "设置回避规则或风险分组阈值（下级继承，留痕）/ set the recusal rule or a risk threshold, audited", 200, FAST},
    {"GET", "/api/v1/draws/followup-candidates", api_draws_followup_candidates, ROLES_OFFICE, 0, NULL, candidates_query,
     "draws", "回头看：按规则筛选已销号问题（销号日期、严重程度）/ closed findings by rule", 200, FAST},
    {"POST", "/api/v1/draws/{id}/tasks", api_draws_followup_tasks, ROLE_ADMIN, API_JSON_LIMIT, task_fields, NULL,
     "draws", "回头看：为抽中问题的学校生成不打招呼的复查任务 / unannounced followup tasks", 200, FAST},
    {"POST", "/api/v1/draws/{id}/rechecks", api_draws_recheck, ROLES_CASEWORK, API_JSON_LIMIT, recheck_fields, NULL,
     "draws", "回头看复查结论：整改到位或重新整改（问题重新打开）/ a re-check's outcome", 200, FAST},
    {"GET", "/api/v1/draws", api_draws_list, ROLES_OFFICE, 0, NULL, NULL, "draws", "双随机抽查计划 / draw plans", 200,
     FAST},
    {"POST", "/api/v1/draws", api_draws_create, ROLE_ADMIN, API_JSON_LIMIT, plan_fields, NULL, "draws",
     "制定抽查计划（一单两库）/ plan a draw", 201, FAST},
    {"GET", "/api/v1/draws/risk", api_draws_risk, ROLES_OFFICE, 0, NULL, risk_query, "draws",
     "学校风险分组（重点难点 / 存在问题 / 落实到位）及理由 / schools' risk classes with reasons", 200, FAST},
    {"GET", "/api/v1/draws/{id}", api_draws_get, ROLES_OFFICE, 0, NULL, NULL, "draws", "一次抽查 / one draw", 200,
     FAST},
    {"POST", "/api/v1/draws/{id}/commit", api_draws_commit, ROLE_ADMIN, API_JSON_LIMIT, commit_fields, NULL, "draws",
     "冻结名录并公布种子哈希 / freeze the pools and publish the seed hash", 200, FAST},
    {"POST", "/api/v1/draws/{id}/reveal", api_draws_reveal, ROLE_ADMIN, API_JSON_LIMIT, reveal_fields, NULL, "draws",
     "揭示种子、执行抽取并公开结果 / reveal the seed, draw and publish", 200, FAST},
    {"POST", "/api/v1/draws/{id}/replacements", api_draws_replace, ROLE_ADMIN, API_JSON_LIMIT, replace_fields, NULL,
     "draws", "抽取后替换（须写明理由，留痕）/ a replacement after the draw, with its reason", 200, FAST},
    {"GET", "/api/v1/public/draws", api_public_draws, NOBODY, 0, NULL, NULL, "public",
     "已公开的双随机抽查结果（计划、哈希、种子、结果）/ published draws", 200, FAST},
    {"GET", "/api/v1/public/draws/{id}", api_public_draw, NOBODY, 0, NULL, NULL, "public",
     "一次已公开的抽查 / one published draw", 200, FAST},
};

const api_route_table_t api_routes_draws = {routes, sizeof routes / sizeof routes[0]};
