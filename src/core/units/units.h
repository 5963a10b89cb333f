/* units: the rules of 督政 (next.md §5): the kinds of supervised unit, the self-assessment
 * report's limit (≤ 5000 字, the 2018 national round's 自评报告), and the grade of a unit from
 * its on-site check score by configurable bands with downgrade and veto rules.
 *
 * Sources: the bands 优秀 ≥ 90, 良好 80–89, 合格 65–79, 不合格 < 65 and "down one grade" for
 * an accident, falsification, ... are Ningxia's 2019 trial rules for city and county
 * governments (next.md §5 (a), certain for that text); "no 优秀" after a major safety
 * accident is the same text's veto. For 乡镇/部门 the bands are the county's choice, hence
 * configurable (unit_rules_t); the defaults are Ningxia's. Pure functions, thread-safe. */
#ifndef DUDAO_CORE_UNITS_H
#define DUDAO_CORE_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum unit_kind { UK_NONE = 0, UK_TOWN, UK_SUBDISTRICT, UK_DEPARTMENT } unit_kind_t;

/* "town" | "subdistrict" | "department" -> kind; UK_NONE otherwise (NULL too). */
unit_kind_t unit_kind_parse(const char *name);
const char *unit_kind_name(unit_kind_t k);
const char *unit_kind_label_zh(unit_kind_t k);

/* The self-assessment report limit, in characters (字: Unicode code points). */
#define UNIT_SELF_REPORT_MAX 5000
/* The number of code points of UTF-8 text (continuation bytes are not counted). */
size_t unit_text_chars(const char *s);

typedef enum unit_grade {
    UG_NONE = 0, /* not graded (no score) */
    UG_FAIL,     /* 不合格 */
    UG_PASS,     /* 合格 */
    UG_GOOD,     /* 良好 */
    UG_EXCELLENT /* 优秀 */
} unit_grade_t;

const char *unit_grade_name(unit_grade_t g);     /* "excellent" ... "", */
const char *unit_grade_label_zh(unit_grade_t g); /* 优秀 ... */

typedef struct unit_rules {
    double excellent, good, pass; /* lower bounds, inclusive: score ≥ excellent is 优秀 */
} unit_rules_t;

/* Ningxia's 90 / 80 / 65. */
extern const unit_rules_t UNIT_RULES_DEFAULT;

typedef enum unit_rules_check {
    URC_OK = 0,
    URC_RANGE,    /* a threshold outside 0..100 or not a number */
    URC_UNORDERED /* not pass < good < excellent */
} unit_rules_check_t;

unit_rules_check_t unit_rules_check(const unit_rules_t *r);

typedef struct unit_grade_input {
    bool has_score;
    double score;        /* 0..100, the on-site check's framework score */
    int n_downgrades;    /* events that lower one grade each (an overdue 红线 finding, an accident, 弄虚作假) */
    int n_vetoes;        /* events that bar 优秀 (a major safety accident in the last 2 years, D-grade buildings in use) */
    bool is_fail_vetoed; /* an event that bars 合格 (截留/挪用 education funds, new wage arrears to teachers) */
} unit_grade_input_t;

typedef struct unit_grade_result {
    unit_grade_t by_score; /* the band of the score alone */
    unit_grade_t grade;    /* after downgrades and vetoes */
    int n_lowered;         /* how many grades the rules took off */
} unit_grade_result_t;

/* The grade: the band of the score under r (thresholds inclusive), lowered one grade per
 * downgrade (never below 不合格), capped at 良好 by any veto, and 不合格 when is_fail_vetoed.
 * r must pass unit_rules_check; no score gives UG_NONE. */
unit_grade_result_t unit_grade(const unit_rules_t *r, const unit_grade_input_t *in);

#endif
