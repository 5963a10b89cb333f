/* monitoring: the rules of 国家义务教育质量监测 (national compulsory-education quality
 * monitoring) as dudao applies them to the results a county receives. Pure functions and
 * tables: no I/O, no SQL. Thread-safe (read-only data).
 *
 * What is certain (standards.md §1.4, next.md §2, 国家义务教育质量监测方案 2021年修订版):
 * nine subject areas, grades 4 and 8, a three-year cycle, results in four levels Ⅰ–Ⅳ, and the
 * 优质均衡 item 3.9 "相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于0.15".
 *
 * What is NOT certain and is dudao's declared choice, shown in the UI with the same words:
 *  - 校际差异率: no national definition was found (next.md §2(a): "Not found"). dudao uses the
 *    student-weighted coefficient of variation of the school mean scale scores,
 *        x̄ = Σ nᵢ·xᵢ / Σ nᵢ,   s = √( Σ nᵢ·(xᵢ − x̄)² / Σ nᵢ ),   rate = s / x̄,
 *    over the schools whose figures are reportable; every nᵢ is 1 when some school's n is
 *    unknown. It needs at least min_schools reportable schools (default 5), else it is not
 *    computed. Where the source gives its own 校际差异 figure, that figure is shown beside it.
 *  - "达到Ⅲ级以上": read as "at least half of the students at 水平Ⅲ or Ⅳ" (share Ⅲ + Ⅳ ≥ 50 %).
 *  - A dimension is weak when its share at Ⅲ + Ⅳ is below 50 %.
 *  - The dimensions of each subject and the related factors are dudao's list after the 2022
 *    curriculum standards' 学习领域 (the 监测中心's report structure is confidential); a county
 *    whose report uses other names cannot import them until the list is extended here.
 * Reporting standard (after NAEP, next.md §2(b)): a figure the source marks unreliable, or one
 * of fewer than min_students students (default 62), is suppressed (‡), never shown as a value. */
#ifndef DUDAO_CORE_MONITORING_H
#define DUDAO_CORE_MONITORING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { MON_MAX_DIMENSIONS = 8 };

typedef struct mon_subject {
    const char *code;    /* stable machine code, e.g. "math" */
    const char *name_zh; /* 数学 */
    const char *name_en;
    int cycle_year; /* 1, 2 or 3: the year of the three-year national cycle it is tested in */
    const char *dimensions[MON_MAX_DIMENSIONS + 1]; /* NULL-terminated 维度/领域 */
} mon_subject_t;

extern const mon_subject_t mon_subjects[];
extern const size_t mon_n_subjects;
/* The related-factor indicators (相关因素), NULL-terminated: 学业负担, 睡眠时间, 师生关系, ... */
extern const char *const mon_factors[];

/* Sources of a result: 国家 / 省 / 市 (national, provincial, city rounds). */
extern const char *const mon_sources[]; /* {"national","provincial","city",NULL} */

#define MON_SHARE_SLACK 0.5 /* levels must sum to 100 % ± 0.5 */
#define MON_LEVEL_PASS 50.0 /* share at Ⅲ + Ⅳ for "达到Ⅲ级以上" (dudao's reading) */
#define MON_DIFF_LIMIT 0.15 /* 校际差异率 must be < 0.15 (3.9) */
#define MON_MIN_STUDENTS 62 /* default reporting standard: n ≥ 62 */
#define MON_MIN_SCHOOLS 5   /* default: ≥ 5 schools for a between-school statistic */
/* The formula, as the API and UI state it. */
extern const char *const MON_DIFF_FORMULA_ZH;
extern const char *const MON_DIFF_FORMULA_EN;

/* The subject whose code or Chinese name is s (spaces around ignored by the caller), or NULL. */
const mon_subject_t *mon_subject_find(const char *s);
/* True when dim is one of the subject's dimensions ("" is the subject as a whole: true). */
bool mon_dimension_known(const mon_subject_t *sub, const char *dim);
/* True when f is one of mon_factors. */
bool mon_factor_known(const char *f);
/* "national" for 国家/national, "provincial" for 省/省级/provincial, "city" for 市/市级/city; NULL otherwise. */
const char *mon_source_parse(const char *s);

/* The four shares (percent) are plausible: each in [0, 100] and their sum within 100 ± 0.5
 * (inclusive). *sum receives the sum (may be NULL). */
bool mon_levels_plausible(const double lv[4], double *sum);
/* Share at 水平Ⅲ or Ⅳ. */
double mon_share_iii_up(const double lv[4]);
/* 3.9's level part: share at Ⅲ + Ⅳ ≥ 50. */
bool mon_level_passes(double share_iii_up);
/* 3.9's difference part: rate < 0.15 (0.15 itself fails). */
bool mon_diff_passes(double rate);

/* A figure may be shown: not marked unreliable, and n unknown (n < 0) or n ≥ min_students. */
bool mon_is_reportable(int64_t n_students, bool is_unreliable, int64_t min_students);

/* The 校际差异率 above over n schools (means[i], ns[i]; ns[i] ≤ 0 means unknown). False (and
 * *rate untouched) when fewer than min_schools schools or the weighted mean is not > 0. */
bool mon_diff_rate(const double *means, const int64_t *ns, size_t n, size_t min_schools, double *rate);

/* 达到度: a school's mean over the county's; 0 when the county mean is not > 0. */
double mon_attainment(double school_mean, double county_mean);

#endif
