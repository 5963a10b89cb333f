/* The rules of 质量监测 as declared in monitoring.h. */
#include "core/monitoring/monitoring.h"

#include <math.h>
#include <string.h>

const mon_subject_t mon_subjects[] = {
    {"math", "数学", "Mathematics", 1, {"数与代数", "图形与几何", "统计与概率", "综合与实践", NULL}},
    {"pe_health", "体育与健康", "PE and health", 1, {"体质健康", "运动技能", "健康知识", "锻炼习惯", NULL}},
    {"mental_health", "心理健康", "Mental health", 1, {"自我认识", "情绪管理", "人际关系", "学习适应", NULL}},
    {"chinese", "语文", "Chinese", 2, {"识字与写字", "阅读与鉴赏", "表达与交流", "梳理与探究", NULL}},
    {"arts", "艺术", "Arts", 2, {"音乐", "美术", "审美感知", "艺术表现", NULL}},
    {"english", "英语", "English", 2, {"听力", "阅读", "写作", "口语", NULL}},
    {"moral", "德育", "Moral education", 3, {"道德认知", "行为习惯", "法治意识", "国家认同", NULL}},
    {"science", "科学", "Science", 3, {"物质科学", "生命科学", "地球与宇宙科学", "技术与工程", "科学探究", NULL}},
    {"labour", "劳动", "Labour", 3, {"劳动观念", "劳动能力", "劳动习惯和品质", "劳动精神", NULL}},
};
const size_t mon_n_subjects = sizeof mon_subjects / sizeof mon_subjects[0];

const char *const mon_factors[] = {"学业负担",     "睡眠时间", "作业时间", "师生关系",     "学习兴趣", "学习自信心",
                                   "体育锻炼时间", "校园欺凌", "亲子关系", "教师教学方式", NULL};

const char *const mon_sources[] = {"national", "provincial", "city", NULL};

const char *const MON_DIFF_FORMULA_ZH =
    "校际差异率 = 各校平均量尺分的学生数加权标准差 ÷ 加权平均分（x̄ = Σnᵢxᵢ/Σnᵢ，s = √(Σnᵢ(xᵢ−x̄)²/Σnᵢ)）；"
    "国家未公布该指标的定义，此为本系统采用的算法，仅计入可报告的学校，不少于 5 所学校才计算";
const char *const MON_DIFF_FORMULA_EN =
    "inter-school difference rate = the student-weighted SD of the school mean scale scores over their weighted mean "
    "(x̄ = Σnᵢxᵢ/Σnᵢ, s = √(Σnᵢ(xᵢ−x̄)²/Σnᵢ)); no national definition was found, this is dudao's declared "
    "formula, over reportable schools only, computed from 5 schools up";

const mon_subject_t *mon_subject_find(const char *s) {
    if (!s || !*s) return NULL;
    for (size_t i = 0; i < mon_n_subjects; i++)
        if (strcmp(s, mon_subjects[i].code) == 0 || strcmp(s, mon_subjects[i].name_zh) == 0) return &mon_subjects[i];
    return NULL;
}

bool mon_dimension_known(const mon_subject_t *sub, const char *dim) {
    if (!dim || !*dim) return true;
    for (size_t i = 0; sub && sub->dimensions[i]; i++)
        if (strcmp(dim, sub->dimensions[i]) == 0) return true;
    return false;
}

bool mon_factor_known(const char *f) {
    for (size_t i = 0; f && mon_factors[i]; i++)
        if (strcmp(f, mon_factors[i]) == 0) return true;
    return false;
}

const char *mon_source_parse(const char *s) {
    static const struct {
        const char *text, *code;
    } names[] = {{"national", "national"}, {"国家", "national"},   {"国家级", "national"}, {"provincial", "provincial"},
                 {"省", "provincial"},     {"省级", "provincial"}, {"city", "city"},       {"市", "city"},
                 {"市级", "city"}};
    for (size_t i = 0; s && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].text) == 0) return names[i].code;
    return NULL;
}

bool mon_levels_plausible(const double lv[4], double *sum) {
    double t = 0;
    bool in_range = true;
    for (int i = 0; i < 4; i++) {
        if (!(lv[i] >= 0 && lv[i] <= 100)) in_range = false;
        t += lv[i];
    }
    if (sum) *sum = t;
    /* a tiny slack so 99.5 typed as text and summed in binary still counts as 99.5 */
    return in_range && fabs(t - 100.0) <= MON_SHARE_SLACK + 1e-9;
}

double mon_share_iii_up(const double lv[4]) {
    return lv[2] + lv[3];
}

bool mon_level_passes(double share_iii_up) {
    return share_iii_up >= MON_LEVEL_PASS - 1e-9;
}

bool mon_diff_passes(double rate) {
    return rate < MON_DIFF_LIMIT - 1e-12;
}

bool mon_is_reportable(int64_t n_students, bool is_unreliable, int64_t min_students) {
    if (is_unreliable) return false;
    return n_students < 0 || n_students >= min_students;
}

bool mon_diff_rate(const double *means, const int64_t *ns, size_t n, size_t min_schools, double *rate) {
    if (n == 0 || n < min_schools) return false;
    bool is_weighted = true;
    for (size_t i = 0; i < n; i++)
        if (ns[i] <= 0) is_weighted = false;
    double w = 0, sx = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = is_weighted ? (double)ns[i] : 1.0;
        w += wi;
        sx += wi * means[i];
    }
    double mean = sx / w;
    if (!(mean > 0)) return false;
    double ss = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = is_weighted ? (double)ns[i] : 1.0;
        ss += wi * (means[i] - mean) * (means[i] - mean);
    }
    *rate = sqrt(ss / w) / mean;
    return true;
}

double mon_attainment(double school_mean, double county_mean) {
    return county_mean > 0 ? school_mean / county_mean : 0;
}
