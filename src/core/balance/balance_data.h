/* balance_data: the school statistics (学校基础数据, one record per school per school year)
 * that feed the balance evaluation, and the checks on them. Pure and unit-tested.
 *
 * - The fields as data (balance_fields): name (the database column and API field), labels,
 *   the section it belongs to (小学/初中/高中, or the whole school), the resource column of
 *   the evaluation it feeds, whether it is a count, and an upper bound that no real school
 *   reaches (a typo guard).
 * - Field-level validation (balance_stat_validate): what is impossible is refused with the
 *   field named (a sub-count above its total, students without classes, a section the school
 *   type does not teach, more than the bound, a fractional count).
 * - Data checks (balance_checks): what is possible but suspicious must be confirmed or fixed
 *   before an evaluation is final: a value far from the county's (robust z-score with the
 *   median and MAD, |z| > 3.5, Iglewicz–Hoaglin), a big jump from last year (> 50 % up or
 *   down), and implausible ratios (more than 60 students per teacher, more than 60 m² of
 *   rooms per student).
 *
 * Memory: results in the arena. Thread-safe. */
#ifndef DUDAO_BALANCE_DATA_H
#define DUDAO_BALANCE_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "core/balance/balance.h"

typedef enum bal_field_id {
    BF_P_STUDENTS,
    BF_P_CLASSES,
    BF_P_MAX_CLASS,
    BF_P_TEACHERS,
    BF_P_ABOVE_DEGREE,
    BF_P_MID_TITLE,
    BF_P_BACKBONE,
    BF_P_PE_ART,
    BF_J_STUDENTS,
    BF_J_CLASSES,
    BF_J_MAX_CLASS,
    BF_J_TEACHERS,
    BF_J_ABOVE_DEGREE,
    BF_J_MID_TITLE,
    BF_J_BACKBONE,
    BF_J_PE_ART,
    BF_S_STUDENTS,
    BF_ROOM_AREA,
    BF_SPORTS_AREA,
    BF_EQUIPMENT_VALUE,
    BF_MULTIMEDIA_ROOMS,
    BF_COMPUTERS,
    BF_BOOKS,
    BF_MUSIC_ROOMS,
    BF_ART_ROOMS,
    BF_CERTIFIED_TEACHERS,
    BF_TRAINED_TEACHERS,
    BF__COUNT
} bal_field_id_t;

typedef struct bal_field {
    const char *name; /* column and API field: "p_teachers" */
    const char *label_zh, *label_en, *unit;
    int section; /* BAL_PRIMARY, BAL_JUNIOR, BAL_SENIOR, or -1 for the whole school */
    int res;     /* the bal_res_t it feeds, -1 for students, classes and the 保障 fields */
    bool is_count;
    double max;
} bal_field_t;

extern const bal_field_t balance_fields[BF__COUNT];

/* By name; -1 when unknown. */
int balance_field_parse(const char *name);

/* One record: the values in balance_fields order. */
typedef struct bal_stat {
    double v[BF__COUNT];
} bal_stat_t;

/* NULL when the record is possible for a school teaching `sections` (codes.h section_t
 * bits); else the reason ("中文 / English", arena) with *field set to the field at fault. */
const char *balance_stat_validate(arena_t *a, const bal_stat_t *s, unsigned sections, const char **field);

/* The record as the evaluation's input (before splitting). Strings are borrowed. */
void balance_stat_to_school(const bal_stat_t *s, const char *id, const char *code, const char *name,
                            const char *county_code, const char *type_code, balance_school_t *out);

/* 政府保障程度 items that are checked school by school (standards.md §1.3 rows 3, 4, 5, 9,
 * 12; M-H): the largest class (≤ 45 小学 / ≤ 50 初中), the compulsory enrollment (≤ 2000, ≤ 2500
 * for 一贯制), a music and an art room per 12 classes, every teacher certified and trained
 * (5年360学时). Only items the record has data for are given. */
typedef struct bal_guarantee {
    const char *key; /* class_size_primary, class_size_junior, school_size, music_rooms, art_rooms,
                        certified, trained */
    const char *label_zh, *label_en;
    bool is_ok;
    double value, limit;
} bal_guarantee_t;
enum { BAL_MAX_GUARANTEE = 8 };

/* Fills out[0..n) and returns n. */
size_t balance_guarantee(const balance_rules_t *r, const bal_stat_t *s, const char *type_code,
                         bal_guarantee_t out[BAL_MAX_GUARANTEE]);

/* A record to check: a school's values this year and (when has_last) last year. */
typedef struct bal_check_input {
    const char *id; /* the caller's school id */
    const bal_stat_t *now;
    const bal_stat_t *last; /* NULL when there is none */
} bal_check_input_t;

typedef struct bal_check {
    size_t input;            /* index into the inputs */
    const char *code;        /* outlier | jump | implausible */
    int field;               /* bal_field_id_t */
    double value, reference; /* the value, and the county median / last year / the bound */
    double score;            /* robust z, or the relative change */
    const char *message;     /* "中文 / English" */
} bal_check_t;

/* Runs every check over one county's records. */
void balance_checks(arena_t *a, const bal_check_input_t *in, size_t n, bal_check_t **out, size_t *n_out);

#endif
