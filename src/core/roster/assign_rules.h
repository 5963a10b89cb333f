/* assign_rules: the 挂牌督导 rules, pure and unit-tested.
 *
 * - An inspector normally holds 1–5 schools (挂牌督导办法第一条: "1人负责5所左右"): above
 *   warn_above a warning, above hard_limit a refusal (both configurable per jurisdiction).
 * - 回避 (教育督导条例第十条): a 近亲属 of the principal, or current/former employment at the
 *   school, blocks the assignment; "other" declared relations block too, with the note.
 * - Only an active inspector can be assigned; a closed school cannot be.
 * - A 责任区 holds at most zone_max schools (教督〔2012〕7号: ≤ 20).
 * - Inspector roster warnings: term ending or ended, training below 40 hours a year
 *   (督学管理暂行办法), more than 3 consecutive part-time terms (条例第六条), qualification
 *   below 条例第七条 (本科 and 10 years in education), over capacity. */
#ifndef DUDAO_ASSIGN_RULES_H
#define DUDAO_ASSIGN_RULES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct assign_limits {
    int warn_above;     /* 5 */
    int hard_limit;     /* 8 */
    int central_min;    /* inspectors a 中心校 needs: 2 */
    int zone_max;       /* 20 */
    int training_hours; /* 40 */
} assign_limits_t;

void assign_limits_defaults(assign_limits_t *l);

typedef enum assign_verdict { ASSIGN_OK, ASSIGN_WARN, ASSIGN_REFUSE } assign_verdict_t;

enum { ASSIGN_MAX_REASONS = 8 };

typedef struct assign_reason {
    const char *code;    /* machine code: over_capacity, conflict_relative, ... */
    const char *message; /* "中文 / English" (static text) */
    bool is_blocking;
} assign_reason_t;

typedef struct assign_facts {
    int n_schools_now;         /* open assignments of the inspector, not counting this school */
    bool is_inspector_active;
    bool is_school_open;
    const char *const *relations; /* declared relation kinds between the two, NULL-terminated (may be NULL) */
} assign_facts_t;

typedef struct assign_result {
    assign_verdict_t verdict;
    assign_reason_t reasons[ASSIGN_MAX_REASONS];
    size_t n_reasons;
} assign_result_t;

void assign_check(const assign_limits_t *l, const assign_facts_t *f, assign_result_t *out);

/* A zone may take n_more schools when it has n_now. */
bool assign_zone_has_room(const assign_limits_t *l, int n_now, int n_more);

typedef struct inspector_facts {
    const char *kind;   /* full_time | part_time | special */
    const char *degree; /* doctor | master | bachelor | associate | other | NULL */
    int years_in_education;
    const char *term_end; /* YYYY-MM-DD or NULL */
    int n_terms;
    int training_hours;
    int n_schools;
} inspector_facts_t;

/* Roster warnings for today (YYYY-MM-DD); fills out[] (codes and messages), returns count. */
size_t assign_inspector_warnings(const assign_limits_t *l, const inspector_facts_t *f, const char *today,
                                 assign_reason_t *out, size_t max);

#endif
