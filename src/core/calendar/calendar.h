/* calendar: the 校历 (school calendar) of a county and school year, and the counting the
 * routine rules need on it — pure functions, no I/O.
 *
 * A calendar is a list of periods: terms (学期: the days school is in session), holidays
 * (节假日 inside a term: school is closed) and exam weeks (考试周: school is in session; kept
 * so that visits can be planned around them). A school day is a weekday inside a term and
 * outside every holiday. Weekends are not school days (调休 makeup Saturdays are not
 * modelled: an office that needs one enters the week as it is).
 *
 * 每学期不少于2次 (《教育督导条例》第十四条) counts visits in the term a date falls in; the
 * local 每月不少于1次 applies to months in session only: a month is in session when it has at
 * least CAL_MIN_SCHOOL_DAYS school days (a term that ends on 3 July does not make July a
 * month that owes a visit; this threshold is dudao's choice, documented in docs/calendar). "Not
 * visited for 30 days" counts school days, so the summer and the winter holiday do not make a
 * school stale. */
#ifndef DUDAO_CORE_CALENDAR_H
#define DUDAO_CORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#define CAL_MIN_SCHOOL_DAYS 10 /* school days a month needs to be "in session" */
#define CAL_STALE_SCHOOL_DAYS 30

typedef enum cal_kind { CAL_TERM, CAL_HOLIDAY, CAL_EXAM, CAL__N_KINDS } cal_kind_t;

bool cal_kind_parse(const char *name, cal_kind_t *out);
const char *cal_kind_name(cal_kind_t k);  /* term | holiday | exam */
const char *cal_kind_label(cal_kind_t k); /* 学期 | 节假日 | 考试周 */

typedef struct cal_period {
    cal_kind_t kind;
    const char *name;      /* 秋季学期, 国庆节, 期末考试 ... */
    const char *starts_on; /* YYYY-MM-DD, inclusive */
    const char *ends_on;   /* YYYY-MM-DD, inclusive */
} cal_period_t;

typedef struct cal {
    const cal_period_t *periods;
    size_t n;
} cal_t;

/* The school year a date belongs to: 2026 for 2026-09-01 … 2027-08-31. -1 when malformed. */
int cal_school_year_of(const char *date);

/* The built-in default for school year y (used when a county has not entered its own):
 * 秋季学期 y-09-01 … (y+1)-01-20, 春季学期 (y+1)-02-20 … (y+1)-07-05, holidays 国庆节
 * y-10-01 … y-10-07 and 劳动节 (y+1)-05-01 … (y+1)-05-05. out needs 4 entries; names are static;
 * dates are written into buf (needs 4 × 2 × 11 bytes). Returns the number of periods. */
size_t cal_default(int y, cal_period_t *out, char *buf);

/* Checks one period: dates valid, start ≤ end, at most 200 days (a term) or 60 (holiday, exam),
 * inside school year y. NULL when fine, otherwise the field at fault ("starts_on", "ends_on")
 * and *message a static "中文 / English" text. */
const char *cal_period_check(const cal_period_t *p, int y, const char **message);

bool cal_is_school_day(const cal_t *c, const char *date);

/* School days d with a < d ≤ b (0 when b ≤ a); -1 when a date is malformed. */
int cal_school_days_between(const cal_t *c, const char *a, const char *b);

/* School days in month "YYYY-MM"; -1 when malformed. */
int cal_school_days_in_month(const cal_t *c, const char *month);

/* Is month "YYYY-MM" in session (≥ CAL_MIN_SCHOOL_DAYS school days)? */
bool cal_month_in_session(const cal_t *c, const char *month);

/* The term a date falls in, or the nearest earlier one (a date in the summer belongs to the
 * spring term just ended): first and last need 11 bytes; false when no term starts on or
 * before the date. */
bool cal_term_of(const cal_t *c, const char *date, char *first, char *last);

#endif
