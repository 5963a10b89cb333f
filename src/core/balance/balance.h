/* balance: the 义务教育均衡发展 evaluation of a county's compulsory-education schools
 * (standards.md §1 and §2), pure and unit-tested.
 *
 * What it owns:
 * - the rules as data: thresholds, limits, scope, split weights and unit prices come from JSON
 *   documents keyed by (standard, version, jurisdiction) (the JSON files in standards/balance/, compiled
 *   into the binary); a province's or city's document overrides the national one key by key,
 *   so a stricter provincial value is a data file, not code (balance_rules_load);
 * - splitting a 九年一贯制 / 完全中学 / 十二年一贯制 school into its 小学 and 初中 parts with
 *   the weighted enrollment shares of §1.2 (balance_split);
 * - the evaluation (balance_eval) per county and section: the 7 优质均衡 indicators per school
 *   with the 6-of-7 + 85 % rule, the enrollment-weighted CV of every indicator against 0.50 /
 *   0.45, the 8 基本均衡 CVs and their mean (综合差异系数) against 0.65 / 0.55;
 * - the plan to pass (balance_plan): additions per school that make every school meet the
 *   school rule and every 优质均衡 CV fall within its limit, priced by unit prices; it is
 *   verified by evaluating the changed data (see balance.c for how close to minimal it is).
 *
 * The CV is the official one (§1.2): X̄ = Σ resources / Σ students, S = √(Σ (P_i/P)(X_i − X̄)²),
 * CV = S / X̄; it does not depend on whether X is per student or per 100 students.
 *
 * Memory: everything returned lives in the arena given. No I/O, no globals: thread-safe. */
#ifndef DUDAO_BALANCE_H
#define DUDAO_BALANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

/* The resource columns of a school section, in the order of the CSV interchange format. */
typedef enum bal_res {
    BAL_TEACHERS,              /* 专任教师 */
    BAL_TEACHERS_ABOVE_DEGREE, /* 高于规定学历 (小学专科+, 初中本科+) */
    BAL_TEACHERS_MID_TITLE,    /* 中级及以上职称 */
    BAL_BACKBONE_TEACHERS,     /* 县级以上骨干 */
    BAL_PE_ART_TEACHERS,       /* 体育、艺术（美术、音乐）专任教师 */
    BAL_ROOM_AREA,             /* 教学及辅助用房 m² (室内体育用房除外) */
    BAL_SPORTS_AREA,           /* 体育运动场馆 m² */
    BAL_EQUIPMENT_VALUE,       /* 教学仪器设备值 元 */
    BAL_MULTIMEDIA_ROOMS,      /* 网络多媒体教室 间 */
    BAL_COMPUTERS,             /* 计算机 台 */
    BAL_BOOKS,                 /* 图书 册 */
    BAL_RES__COUNT
} bal_res_t;

/* "room_area" -> BAL_ROOM_AREA; -1 when unknown. */
int bal_res_parse(const char *name);
const char *bal_res_name(bal_res_t r);
const char *bal_res_label_zh(bal_res_t r);
/* Teachers, rooms, computers and books are counts (whole numbers); areas and money are not. */
bool bal_res_is_count(bal_res_t r);

typedef enum bal_section { BAL_PRIMARY = 0, BAL_JUNIOR = 1, BAL_N_SECTIONS = 2 } bal_section_t;
enum { BAL_SENIOR = 2, BAL_N_SPLIT = 3 }; /* 高中 only takes part in splitting */

/* "primary" / "junior" -> section; -1 otherwise. */
int bal_section_parse(const char *name);
const char *bal_section_name(bal_section_t s);
const char *bal_section_label_zh(bal_section_t s);

enum { BAL_MAX_INDICATORS = 12, BAL_MAX_SPLIT_TYPES = 24, BAL_MAX_TYPES = 48, BAL_MAX_SOURCES = 16 };

typedef struct bal_indicator {
    const char *key; /* "q1".."q7", "b1".."b8" */
    const char *name_zh, *name_en, *unit, *confidence;
    bal_res_t res;
    double per;                       /* 1 (per student) or 100 (per 100 students) */
    double threshold[BAL_N_SECTIONS]; /* 优质均衡 school threshold; 0 = none */
} bal_indicator_t;

typedef struct bal_price {
    double price; /* yuan per unit */
    double step;  /* additions are rounded up to multiples of this */
    const char *unit_zh, *unit_en;
    bool adds[BAL_RES__COUNT]; /* buying one also adds one of these (a new PE teacher is a teacher) */
} bal_price_t;

typedef struct bal_split_weights {
    const char *type_code; /* "312", or "default" */
    double w[BAL_N_SPLIT]; /* primary, junior, senior; 0 = the type has no such section */
} bal_split_weights_t;

typedef struct balance_rules {
    /* 优质均衡 (2017) resource part */
    bal_indicator_t quality[BAL_MAX_INDICATORS];
    size_t n_quality;
    int min_met;                     /* 6 */
    double rest_min_ratio;           /* 0.85 */
    double cv_limit[BAL_N_SECTIONS]; /* 0.50, 0.45 */
    /* 政府保障程度 items checked per school (standards.md §1.3; M-H) */
    double g_max_class[BAL_N_SECTIONS];  /* 45, 50 */
    double g_max_size, g_max_size_multi; /* 2000; 2500 for 一贯制 */
    const char *g_multi_types[BAL_MAX_TYPES];
    size_t n_g_multi_types;
    double g_classes_per_room;                 /* one music and one art room per 12 classes */
    double g_certified_ratio, g_trained_ratio; /* 100 % */
    /* 基本均衡 (2012) */
    bal_indicator_t basic[BAL_MAX_INDICATORS];
    size_t n_basic;
    double composite_limit[BAL_N_SECTIONS]; /* 0.65, 0.55 */
    /* scope and splitting */
    const char *include_types[BAL_MAX_TYPES];
    size_t n_include_types;
    const char *teaching_point_types[BAL_MAX_TYPES];
    size_t n_teaching_point_types;
    double teaching_point_min_students; /* 50 */
    bal_split_weights_t split[BAL_MAX_SPLIT_TYPES];
    size_t n_split;
    /* plan */
    bal_price_t prices[BAL_RES__COUNT];
    /* which documents were applied, "quality 2017 national", "scope 2012 130000", ... */
    const char *sources[BAL_MAX_SOURCES];
    size_t n_sources;
} balance_rules_t;

/* Builds the rules that apply to a county from the JSON documents in texts[0..n) (each one
 * {"standard","version","jurisdiction",...}). The national documents of each standard are
 * the base (the newest version when several); then the documents whose jurisdiction is the
 * county's province (first two digits + "0000") and then its city (first four + "00") are
 * merged over them, key by key (indicators by their "key"); documents of the same jurisdiction,
 * standard and version apply in the order given (an office's stored override after the
 * compiled-in file). county_code may be NULL
 * (national rules only). Errors: ERR_INVALID field "standards" naming the document and key
 * when a document is malformed or a required standard is missing. */
err_t *balance_rules_load(arena_t *a, const char *const *texts, size_t n, const char *county_code,
                          balance_rules_t *out);

/* Merges one more document over the rules (used by balance_rules_load; exposed so a test or an
 * office can try an override text). Same errors. */
err_t *balance_rules_apply(arena_t *a, balance_rules_t *r, const char *text);

/* Validates a province's or city's override document before it is stored: a JSON object with
 * standard (quality | basic | scope | prices), version and jurisdiction (a province or city
 * code), and only known keys, each number in its range (a CV limit in (0, 1], a threshold in
 * (0, 5 × the national one], ...), indicators by existing key. base: the national rules. The
 * error's field is "document.<path>" naming the key (document.indicators.q6.threshold.primary).
 * *standard and *jurisdiction receive the document's. */
err_t *balance_override_validate(arena_t *a, const balance_rules_t *base, const char *text, const char **standard,
                                 const char **jurisdiction);

/* Replaces the price of a resource (a request's own prices); price < 0 is refused. */
void balance_rules_set_price(balance_rules_t *r, bal_res_t res, double price);

/* ---- input ---- */

/* A school as its statistics describe it, before splitting. Per-section values go in sec[s][r]
 * (teachers are counted where they teach); school-wide values in shared[r] (areas, equipment,
 * rooms, computers, books are split by weighted enrollment; any teacher count given here is
 * split too). */
typedef struct balance_school {
    const char *id; /* caller's id (school id as text, or 学校标识码) */
    const char *code, *name, *county_code, *type_code;
    double students[BAL_N_SPLIT]; /* primary, junior, senior */
    double sec[BAL_N_SPLIT][BAL_RES__COUNT];
    double shared[BAL_RES__COUNT];
} balance_school_t;

/* One school section as the evaluation counts it: a 小学 or 初中 (after splitting). */
typedef struct balance_unit {
    const char *id, *code, *name, *county_code;
    bal_section_t section;
    double students;
    double res[BAL_RES__COUNT];
} balance_unit_t;

typedef struct balance_excluded {
    const char *id, *code, *name, *county_code;
    const char *reason; /* "特殊教育学校 / special school", "不足50人的教学点 / ...", ... */
} balance_excluded_t;

/* The weights for a type code (falls back to "default"); w[s] = 0 for sections it lacks. */
const bal_split_weights_t *balance_split_weights(const balance_rules_t *r, const char *type_code);

/* The share of a school's shared resources that goes to a section: w_s·P_s / Σ w_k·P_k
 * (the 小学部 of a 九年一贯制 school gets A / (A + 1.1·B)). */
double balance_split_share(const balance_rules_t *r, const balance_school_t *s, bal_section_t section);

/* Splits schools into units (one per compulsory section with students), applying the scope
 * rules: types not in include_types and teaching points under the minimum are listed in
 * *excluded with the reason. A school's 高中 share of shared resources is dropped (it is not
 * compulsory education). Arrays in a. */
void balance_split(arena_t *a, const balance_rules_t *r, const balance_school_t *schools, size_t n_schools,
                   balance_unit_t **units, size_t *n_units, balance_excluded_t **excluded, size_t *n_excluded);

/* ---- the official CV ---- */

/* Enrollment-weighted CV of values x[i] (per student) with weights p[i] (students). Units with
 * p ≤ 0 are skipped. Returns 0 when the mean is 0 or there are no units; *mean_out gets X̄ when
 * not NULL. */
double balance_cv(const double *x, const double *p, size_t n, double *mean_out);

/* ---- evaluation ---- */

typedef struct balance_school_result {
    size_t unit;                        /* index into the units given to balance_eval */
    double q_value[BAL_MAX_INDICATORS]; /* indicator value (per student or per 100) */
    double q_ratio[BAL_MAX_INDICATORS]; /* value / threshold */
    bool q_is_met[BAL_MAX_INDICATORS];
    double q_needed[BAL_MAX_INDICATORS]; /* resource missing to reach the threshold (0 when met) */
    int n_met;
    bool is_passed;  /* ≥ min_met met and every other one ≥ rest_min_ratio of its threshold */
    const char *why; /* when not passed: "只有 5 项达标 / only 5 met", ...; NULL when passed */
    double b_value[BAL_MAX_INDICATORS];
} balance_school_result_t;

typedef struct balance_group {
    const char *county_code;
    bal_section_t section;
    size_t n_schools;
    double students;
    balance_school_result_t *schools;
    /* 优质均衡 */
    double q_mean[BAL_MAX_INDICATORS]; /* county value X̄ of each indicator */
    double q_cv[BAL_MAX_INDICATORS];
    bool q_cv_ok[BAL_MAX_INDICATORS];
    size_t n_failing_schools;
    size_t n_cv_failing;
    bool is_quality_passed; /* every school passes and every CV ≤ limit */
    /* 基本均衡 */
    double b_mean[BAL_MAX_INDICATORS];
    double b_cv[BAL_MAX_INDICATORS];
    double composite_cv;
    bool is_basic_passed;
    /* CV of every resource column per student (the CLI's "cv") */
    double res_cv[BAL_RES__COUNT];
    double res_mean[BAL_RES__COUNT];
} balance_group_t;

typedef struct balance_result {
    balance_group_t *groups; /* sorted by county code, then section */
    size_t n_groups;
} balance_result_t;

/* Evaluates units (already split and in scope), grouped by (county, section). */
void balance_eval(arena_t *a, const balance_rules_t *r, const balance_unit_t *units, size_t n_units,
                  balance_result_t *out);

/* The group of a county and section, or NULL. */
const balance_group_t *balance_result_group(const balance_result_t *res, const char *county_code,
                                            bal_section_t section);

/* ---- plan to pass ---- */

typedef struct balance_addition {
    size_t unit; /* index into the units */
    bal_res_t res;
    double amount;    /* in the resource's own unit, rounded up to its step */
    double cost;      /* amount × price */
    int indicator;    /* the 优质均衡 indicator it serves (index into rules->quality) */
    bool is_for_rule; /* part of it makes the school meet the 6-of-7 + 85 % rule */
    bool is_for_cv;   /* part of it brings a CV within its limit */
} balance_addition_t;

typedef struct balance_plan {
    balance_addition_t *additions; /* sorted by unit, then resource */
    size_t n_additions;
    double total_cost;
    double school_rule_cost; /* phase 1: exact minimum of the school rule alone */
    double lower_bound;      /* no plan can cost less than this (see balance.c) */
    balance_unit_t *after;   /* a copy of the units with the additions applied */
    size_t n_units;
    bool is_passing_after; /* the evaluation of `after` passes every group that was planned */
    int n_rounds;          /* CV rounds needed after rounding (1 normally) */
} balance_plan_t;

/* Plans the additions for every group of units that fails the 优质均衡 resource part; groups
 * that pass get nothing. Units of other counties are copied unchanged. county_code, when not
 * NULL, restricts the plan to that county. */
void balance_plan(arena_t *a, const balance_rules_t *r, const balance_unit_t *units, size_t n_units,
                  const char *county_code, balance_plan_t *out);

#endif
