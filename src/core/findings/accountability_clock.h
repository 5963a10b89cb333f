/* accountability_clock: the time limits of 《教育督导问责办法》, counted from RECEIPT (送达),
 * not from the decision's date:
 *
 *   调查认定   the investigation concludes within 60 days of the case being opened
 *   复核申请   the target applies within 30 days of receiving the 问责决定
 *   复核决定   the office decides within 30 days of receiving the application
 *   申诉       the target appeals within 15 days of receiving the 复核决定
 *
 * "Within N days of X" counts X's day as day 0: day N is still allowed, day N + 1 is refused.
 * Dates are "YYYY-MM-DD" (Asia/Shanghai). Pure functions; thread-safe. */
#ifndef DUDAO_ACCOUNTABILITY_CLOCK_H
#define DUDAO_ACCOUNTABILITY_CLOCK_H

#include <stdbool.h>

typedef enum acc_clock_kind {
    ACC_CLOCK_INVESTIGATION, /* 60 days from opening the case */
    ACC_CLOCK_REVIEW_APPLY,  /* 30 days from receiving the decision */
    ACC_CLOCK_REVIEW_DECIDE, /* 30 days from receiving the application */
    ACC_CLOCK_APPEAL_APPLY,  /* 15 days from receiving the 复核决定 */
    ACC_CLOCK__N
} acc_clock_kind_t;

/* The limit in days of a clock (60, 30, 30, 15); 0 for an unknown kind. */
int acc_clock_limit(acc_clock_kind_t k);
const char *acc_clock_label(acc_clock_kind_t k); /* "复核申请期限" ... */

typedef struct acc_clock {
    bool is_valid;      /* both dates well formed and `on` not before `from` */
    bool is_allowed;    /* on ≤ from + limit */
    int day;            /* whole days from `from` to `on` */
    int days_left;      /* limit − day (negative once late) */
    char due_on[11];    /* from + limit, "YYYY-MM-DD" */
} acc_clock_t;

/* The clock of kind k started on `from` (the day of receipt or opening), read on `on`. */
acc_clock_t acc_clock_at(acc_clock_kind_t k, const char *from, const char *on);

/* Is a reminder due on `on`: the clock runs and `days_left` is within `warn_days` (or late)? */
bool acc_clock_remind(const acc_clock_t *c, int warn_days);

#endif
