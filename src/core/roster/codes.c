#include "core/roster/codes.h"

#include <string.h>

static bool all_digits(const char *s, size_t n) {
    if (!s || strlen(s) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static int two(const char *s) {
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Province-level codes of GB/T 2260 (the BB of a school code): 11–15, 21–23, 31–37, 41–46,
 * 50–54, 61–65, 71, 81, 82. */
static bool is_province(int bb) {
    return (bb >= 11 && bb <= 15) || (bb >= 21 && bb <= 23) || (bb >= 31 && bb <= 37) || (bb >= 41 && bb <= 46) ||
           (bb >= 50 && bb <= 54) || (bb >= 61 && bb <= 65) || bb == 71 || bb == 81 || bb == 82;
}

const char *codes_school_id_problem(const char *code) {
    if (!all_digits(code, 10)) return "学校标识码应为 10 位数字 / the school code must be 10 digits";
    static const int categories[] = {11, 21, 22, 31, 32, 33, 34, 35, 36, 37, 41, 42, 51, 91, 92, 93};
    int aa = two(code);
    bool is_known = false;
    for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++) is_known |= categories[i] == aa;
    if (!is_known) return "学校标识码前两位（学校类别码）无效 / the first two digits (school category) are invalid";
    if (!is_province(two(code + 2)))
        return "学校标识码第 3–4 位（省级行政区划码）无效 / digits 3–4 (province code) are invalid";
    return NULL;
}

bool codes_school_id_matches_region(const char *school_code, const char *region_code) {
    return school_code && region_code && strlen(school_code) >= 4 && strlen(region_code) >= 2 &&
           memcmp(school_code + 2, region_code, 2) == 0;
}

const char *codes_region_problem(const char *code, const char *level, const char *parent_code) {
    if (!level) return "缺少级别 / level is required";
    if (strcmp(level, "town") == 0) {
        if (!all_digits(code, 9)) return "乡镇/街道代码应为 9 位数字 / a town code must be 9 digits";
        if (!parent_code || strlen(parent_code) != 6 || memcmp(code, parent_code, 6) != 0)
            return "乡镇代码前 6 位应为所属县级代码 / a town code starts with its county's code";
        return NULL;
    }
    if (!all_digits(code, 6)) return "行政区划代码应为 6 位数字 / a region code must be 6 digits";
    if (!is_province(two(code))) return "省级代码无效 / invalid province digits";
    bool is_city_zero = code[2] == '0' && code[3] == '0', is_county_zero = code[4] == '0' && code[5] == '0';
    if (strcmp(level, "province") == 0) {
        if (!is_city_zero || !is_county_zero) return "省级代码应以 0000 结尾 / a province code ends in 0000";
        if (parent_code) return "省级区划没有上级 / a province has no parent";
        return NULL;
    }
    if (strcmp(level, "city") == 0) {
        if (is_city_zero || !is_county_zero) return "地级代码应为 XXXX00 / a city code is XXXX00";
        if (!parent_code || memcmp(code, parent_code, 2) != 0 || strcmp(parent_code + 2, "0000") != 0)
            return "地级区划的上级应为所属省 / a city's parent is its province";
        return NULL;
    }
    if (strcmp(level, "county") == 0) {
        if (is_county_zero) return "县级代码末两位不能为 00 / a county code does not end in 00";
        /* 省直辖县级 (e.g. 4290xx) may hang directly under the province */
        if (!parent_code || memcmp(code, parent_code, 2) != 0 ||
            (memcmp(code, parent_code, 4) != 0 && strcmp(parent_code + 2, "0000") != 0))
            return "县级区划的上级应为所属市或省 / a county's parent is its city or province";
        return NULL;
    }
    return "级别应为 province/city/county/town / level must be province, city, county or town";
}

static const struct {
    const char *code;
    const char *label;
    unsigned sections;
} school_types[] = {
    {"111", "幼儿园", SECTION_KINDERGARTEN},
    {"112", "独立设置的少数民族幼儿园", SECTION_KINDERGARTEN},
    {"119", "附设幼儿班", SECTION_KINDERGARTEN},
    {"211", "小学", SECTION_PRIMARY},
    {"212", "独立设置的少数民族小学", SECTION_PRIMARY},
    {"213", "一贯制学校小学部", SECTION_PRIMARY},
    {"218", "小学教学点", SECTION_PRIMARY},
    {"219", "附设小学班", SECTION_PRIMARY},
    {"311", "初级中学", SECTION_JUNIOR},
    {"312", "九年一贯制学校", SECTION_PRIMARY | SECTION_JUNIOR},
    {"313", "少数民族初级中学", SECTION_JUNIOR},
    {"314", "少数民族九年一贯制学校", SECTION_PRIMARY | SECTION_JUNIOR},
    {"319", "附设普通初中班", SECTION_JUNIOR},
    {"341", "完全中学", SECTION_JUNIOR | SECTION_SENIOR},
    {"342", "高级中学", SECTION_SENIOR},
    {"343", "少数民族完全中学", SECTION_JUNIOR | SECTION_SENIOR},
    {"344", "少数民族高级中学", SECTION_SENIOR},
    {"345", "十二年一贯制学校", SECTION_PRIMARY | SECTION_JUNIOR | SECTION_SENIOR},
    {"349", "附设普通高中班", SECTION_SENIOR},
    {"361", "调整后中等职业学校", SECTION_VOCATIONAL},
    {"362", "中等技术学校", SECTION_VOCATIONAL},
    {"363", "中等师范学校", SECTION_VOCATIONAL},
    {"364", "成人中等专业学校", SECTION_VOCATIONAL},
    {"365", "职业高中学校", SECTION_VOCATIONAL},
    {"366", "技工学校", SECTION_VOCATIONAL},
    {"368", "附设中职班", SECTION_VOCATIONAL},
    {"369", "其他中职机构", SECTION_VOCATIONAL},
    {"371", "工读学校", SECTION_JUNIOR},
    {"511", "盲人学校", SECTION_SPECIAL},
    {"512", "聋人学校", SECTION_SPECIAL},
    {"513", "培智学校", SECTION_SPECIAL},
    {"514", "其他特教学校", SECTION_SPECIAL},
    {"518", "附设特教班", SECTION_SPECIAL},
    {"519", "其他特教机构", SECTION_SPECIAL},
};

const char *codes_school_type_label(const char *type_code) {
    for (size_t i = 0; type_code && i < sizeof school_types / sizeof school_types[0]; i++)
        if (strcmp(school_types[i].code, type_code) == 0) return school_types[i].label;
    return NULL;
}

unsigned codes_school_type_sections(const char *type_code) {
    for (size_t i = 0; type_code && i < sizeof school_types / sizeof school_types[0]; i++)
        if (strcmp(school_types[i].code, type_code) == 0) return school_types[i].sections;
    return 0;
}

static const struct {
    section_t s;
    const char *name;
} sections[] = {
    {SECTION_KINDERGARTEN, "kindergarten"}, {SECTION_PRIMARY, "primary"},       {SECTION_JUNIOR, "junior"},
    {SECTION_SENIOR, "senior"},             {SECTION_VOCATIONAL, "vocational"}, {SECTION_SPECIAL, "special"},
};

section_t codes_section_parse(const char *name) {
    for (size_t i = 0; name && i < sizeof sections / sizeof sections[0]; i++)
        if (strcmp(sections[i].name, name) == 0) return sections[i].s;
    return 0;
}

const char *codes_section_name(section_t s) {
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (sections[i].s == s) return sections[i].name;
    return "";
}

const char *codes_urban_rural_label(const char *code) {
    static const struct {
        const char *code, *label;
    } t[] = {{"111", "主城区"}, {"112", "城乡结合区"}, {"121", "镇中心区"}, {"122", "镇乡结合区"},
             {"123", "特殊区域"}, {"210", "乡中心区"},   {"220", "村庄"}};
    for (size_t i = 0; code && i < sizeof t / sizeof t[0]; i++)
        if (strcmp(t[i].code, code) == 0) return t[i].label;
    return NULL;
}

/* 举办者 (the school's organiser) as the 教育事业统计 reports classify it. The statistics
 * forms number these categories, but the numbers are not verified in standards.md §9 (nor in
 * next.md F7, which notes only that 举办者 is a segment of the full 学校(机构)代码), so dudao
 * stores these mnemonic keys; the labels are the forms' Chinese names. */
static const struct {
    const char *code, *label, *label_en;
} organizers[] = {
    {"edu_dept", "教育部门", "education department"},
    {"other_dept", "其他部门", "other government department"},
    {"local_enterprise", "地方企业", "local enterprise"},
    {"public_institution", "事业单位", "public institution"},
    {"military", "部队", "military"},
    {"collective", "集体", "collective"},
    {"private", "民办", "private (民办)"},
};

const char *codes_organizer_label(const char *code) {
    for (size_t i = 0; code && i < sizeof organizers / sizeof organizers[0]; i++)
        if (strcmp(organizers[i].code, code) == 0) return organizers[i].label;
    return NULL;
}

const char *codes_organizer_parse(const char *text) {
    for (size_t i = 0; text && i < sizeof organizers / sizeof organizers[0]; i++)
        if (strcmp(organizers[i].code, text) == 0 || strcmp(organizers[i].label, text) == 0) return organizers[i].code;
    return NULL;
}

const char *const codes_organizer_codes[] = {"edu_dept",  "other_dept", "local_enterprise", "public_institution",
                                             "military",  "collective", "private",          NULL};
