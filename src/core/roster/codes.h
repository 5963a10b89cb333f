/* codes: the national codes dudao validates (standards.md §9): 学校标识码 (10 digits,
 * AABBCCCCCC), GB/T 2260 region codes (6 digits; 9 for towns, GB/T 10114), 办学类型码
 * (JY/T 1001, 3 digits) with the school sections each type has, and 城乡分类代码.
 * Pure tables and checks; thread-safe. */
#ifndef DUDAO_CODES_H
#define DUDAO_CODES_H

#include <stdbool.h>

typedef enum section {
    SECTION_KINDERGARTEN = 1 << 0, /* 幼儿园 */
    SECTION_PRIMARY = 1 << 1,      /* 小学 */
    SECTION_JUNIOR = 1 << 2,       /* 初中 */
    SECTION_SENIOR = 1 << 3,       /* 高中 */
    SECTION_VOCATIONAL = 1 << 4,   /* 中职 */
    SECTION_SPECIAL = 1 << 5,      /* 特教 */
} section_t;

/* NULL when the 学校标识码 is well formed, else why not ("中文 / English"). */
const char *codes_school_id_problem(const char *code);
/* The province part (BB) of a school code must be the first two digits of its region. */
bool codes_school_id_matches_region(const char *school_code, const char *region_code);
/* NULL when code is a valid GB/T 2260 code of that level (province|city|county|town) under
 * parent_code (NULL for a province), else why not. */
const char *codes_region_problem(const char *code, const char *level, const char *parent_code);

/* 办学类型: label (NULL when unknown) and the sections the type teaches. */
const char *codes_school_type_label(const char *type_code);
unsigned codes_school_type_sections(const char *type_code);
/* "primary" -> SECTION_PRIMARY; 0 when unknown. */
section_t codes_section_parse(const char *name);
const char *codes_section_name(section_t s);

/* 城乡分类代码 label, NULL when unknown. */
const char *codes_urban_rural_label(const char *code);

/* 举办者 (organiser): the label of a key (NULL when unknown); parse accepts the key or the
 * Chinese label (imports) and gives the key, NULL when neither. */
const char *codes_organizer_label(const char *code);
const char *codes_organizer_parse(const char *text);
extern const char *const codes_organizer_codes[]; /* NULL-terminated */

#endif
