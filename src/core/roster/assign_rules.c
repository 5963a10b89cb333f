#include "core/roster/assign_rules.h"

#include <stdio.h>
#include <string.h>

void assign_limits_defaults(assign_limits_t *l) {
    l->warn_above = 5;
    l->hard_limit = 8;
    l->central_min = 2;
    l->zone_max = 20;
    l->training_hours = 40;
}

static void add_reason(assign_reason_t *out, size_t *n, size_t max, const char *code, const char *message,
                       bool is_blocking) {
    if (*n >= max) return;
    out[*n].code = code;
    out[*n].message = message;
    out[*n].is_blocking = is_blocking;
    (*n)++;
}

static void add(assign_result_t *r, const char *code, const char *message, bool is_blocking) {
    add_reason(r->reasons, &r->n_reasons, ASSIGN_MAX_REASONS, code, message, is_blocking);
}

void assign_check(const assign_limits_t *l, const assign_facts_t *f, assign_result_t *out) {
    memset(out, 0, sizeof *out);
    if (!f->is_inspector_active)
        add(out, "inspector_inactive", "督学不在岗（停用或已离任）/ the inspector is not active", true);
    if (!f->is_school_open) add(out, "school_closed", "学校已撤销 / the school is closed", true);
    for (const char *const *k = f->relations; k && *k; k++) {
        if (strcmp(*k, "relative_of_principal") == 0)
            add(out, "conflict_relative", "回避：督学是该校主要负责人的近亲属（条例第十条）/ conflict: relative of the principal", true);
        else if (strcmp(*k, "employed") == 0)
            add(out, "conflict_employed", "回避：督学现任职于该校 / conflict: the inspector works at this school", true);
        else if (strcmp(*k, "formerly_employed") == 0)
            add(out, "conflict_former_employee", "回避：督学曾任职于该校 / conflict: the inspector formerly worked at this school", true);
        else
            add(out, "conflict_other", "回避：已申报的其他利害关系 / conflict: another declared relation", true);
    }
    int n_after = f->n_schools_now + 1;
    if (n_after > l->hard_limit)
        add(out, "over_hard_limit", "超过督学挂牌学校数上限 / over the hard limit of schools per inspector", true);
    else if (n_after > l->warn_above)
        add(out, "over_capacity", "督学挂牌学校超过 5 所左右的标准 / more schools than the norm of about 5", false);
    out->verdict = ASSIGN_OK;
    for (size_t i = 0; i < out->n_reasons; i++) {
        if (out->reasons[i].is_blocking) {
            out->verdict = ASSIGN_REFUSE;
            break;
        }
        out->verdict = ASSIGN_WARN;
    }
}

bool assign_zone_has_room(const assign_limits_t *l, int n_now, int n_more) {
    return n_now + n_more <= l->zone_max;
}

/* Days from a to b (YYYY-MM-DD), by a civil-date day count; both must be well formed. */
static long day_number(const char *d) {
    int y, m, day;
    if (!d || sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3) return 0;
    /* days from civil (Howard Hinnant's algorithm) */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

size_t assign_inspector_warnings(const assign_limits_t *l, const inspector_facts_t *f, const char *today,
                                 assign_reason_t *out, size_t max) {
    size_t n = 0;
    if (f->term_end && *f->term_end) {
        long left = day_number(f->term_end) - day_number(today);
        if (left < 0)
            add_reason(out, &n, max, "term_ended", "任期已届满 / the term has ended", false);
        else if (left <= 90)
            add_reason(out, &n, max, "term_ending", "任期 90 天内届满 / the term ends within 90 days", false);
    }
    if (f->training_hours < l->training_hours)
        add_reason(out, &n, max, "training_short", "本年度培训不足 40 学时 / under 40 training hours this year", false);
    if (f->kind && strcmp(f->kind, "part_time") == 0 && f->n_terms > 3)
        add_reason(out, &n, max, "too_many_terms", "兼职督学连续任职超过 3 个任期 / more than 3 consecutive part-time terms",
                   false);
    bool has_degree = f->degree && (strcmp(f->degree, "bachelor") == 0 || strcmp(f->degree, "master") == 0 ||
                                    strcmp(f->degree, "doctor") == 0);
    if (!has_degree || f->years_in_education < 10)
        add_reason(out, &n, max, "qualification",
                   "不满足条例第七条（本科以上学历、从事教育工作 10 年以上）/ below Art. 7 (bachelor and 10 years)", false);
    if (f->n_schools > l->hard_limit)
        add_reason(out, &n, max, "over_hard_limit", "挂牌学校数超过上限 / over the hard limit", false);
    else if (f->n_schools > l->warn_above)
        add_reason(out, &n, max, "over_capacity", "挂牌学校超过 5 所 / more than 5 schools", false);
    else if (f->n_schools == 0)
        add_reason(out, &n, max, "no_school", "尚未挂牌任何学校 / no school assigned", false);
    return n;
}
