#include "core/findings/accountability_clock.h"

#include "util/timeutil.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const int limits[] = {60, 30, 30, 15};
static const char *const labels[] = {"调查认定期限", "复核申请期限", "复核决定期限", "申诉期限"};

int acc_clock_limit(acc_clock_kind_t k) {
    return k < ACC_CLOCK__N ? limits[k] : 0;
}

const char *acc_clock_label(acc_clock_kind_t k) {
    return k < ACC_CLOCK__N ? labels[k] : "";
}

acc_clock_t acc_clock_at(acc_clock_kind_t k, const char *from, const char *on) {
    acc_clock_t c = {0};
    int64_t tf, to;
    if (k >= ACC_CLOCK__N || !from || !on || !time_parse_date(from, &tf) || !time_parse_date(on, &to)) return c;
    int limit = limits[k];
    time_t due = (time_t)(tf + (int64_t)limit * 86400);
    struct tm tm;
    gmtime_r(&due, &tm);
    snprintf(c.due_on, sizeof c.due_on, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
    c.day = (int)((to - tf) / 86400);
    c.days_left = limit - c.day;
    c.is_valid = c.day >= 0;
    c.is_allowed = c.is_valid && c.day <= limit;
    return c;
}

bool acc_clock_remind(const acc_clock_t *c, int warn_days) {
    return c->is_valid && c->days_left <= warn_days;
}
