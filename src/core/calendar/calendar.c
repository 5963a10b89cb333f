#include "core/calendar/calendar.h"

#include <stdio.h>
#include <string.h>

static const char *const kind_names[CAL__N_KINDS] = {"term", "holiday", "exam"};
static const char *const kind_labels[CAL__N_KINDS] = {"学期", "节假日", "考试周"};

bool cal_kind_parse(const char *name, cal_kind_t *out) {
    for (int i = 0; name && i < CAL__N_KINDS; i++)
        if (strcmp(name, kind_names[i]) == 0) {
            *out = (cal_kind_t)i;
            return true;
        }
    return false;
}
const char *cal_kind_name(cal_kind_t k) {
    return k < CAL__N_KINDS ? kind_names[k] : "?";
}
const char *cal_kind_label(cal_kind_t k) {
    return k < CAL__N_KINDS ? kind_labels[k] : "?";
}

/* days since 1970-01-01 of a civil date (H. Hinnant's algorithm) */
static long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m) {
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

/* "YYYY-MM-DD" → day number; false when malformed or not a real date */
static bool parse_day(const char *s, long *out) {
    /* digits read directly: the coverage counts call this for every day and period (a
     * profile found sscanf here the costliest part of the office's visits tile) */
    if (!s || strnlen(s, 11) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
    *out = days_from_civil(y, m, d);
    return true;
}

static bool is_weekday(long day) {
    long w = (day + 4) % 7; /* 1970-01-01 was a Thursday: 0 = Sunday */
    if (w < 0) w += 7;
    return w != 0 && w != 6;
}

static bool in_period(const cal_period_t *p, long day) {
    long a, b;
    return parse_day(p->starts_on, &a) && parse_day(p->ends_on, &b) && day >= a && day <= b;
}

static bool school_day(const cal_t *c, long day) {
    if (!is_weekday(day)) return false;
    bool in_term = false;
    for (size_t i = 0; i < c->n; i++) {
        if (c->periods[i].kind == CAL_HOLIDAY && in_period(&c->periods[i], day)) return false;
        if (c->periods[i].kind == CAL_TERM && in_period(&c->periods[i], day)) in_term = true;
    }
    return in_term;
}

int cal_school_year_of(const char *date) {
    long d;
    if (!parse_day(date, &d)) return -1;
    int y = 0, m = 0;
    sscanf(date, "%4d-%2d", &y, &m);
    return m >= 9 ? y : y - 1;
}

size_t cal_default(int y, cal_period_t *out, char *buf) {
    static const struct {
        cal_kind_t kind;
        const char *name;
        int dy1;
        const char *md1;
        int dy2;
        const char *md2;
    } def[] = {
        {CAL_TERM, "秋季学期", 0, "09-01", 1, "01-20"},
        {CAL_HOLIDAY, "国庆节", 0, "10-01", 0, "10-07"},
        {CAL_TERM, "春季学期", 1, "02-20", 1, "07-05"},
        {CAL_HOLIDAY, "劳动节", 1, "05-01", 1, "05-05"},
    };
    for (size_t i = 0; i < 4; i++) {
        char *s = buf + i * 22, *e = s + 11;
        snprintf(s, 11, "%04d-%s", (y + def[i].dy1) % 10000, def[i].md1);
        snprintf(e, 11, "%04d-%s", (y + def[i].dy2) % 10000, def[i].md2);
        out[i] = (cal_period_t){def[i].kind, def[i].name, s, e};
    }
    return 4;
}

const char *cal_period_check(const cal_period_t *p, int y, const char **message) {
    long a, b, lo = days_from_civil(y, 9, 1), hi = days_from_civil(y + 1, 8, 31);
    if (!parse_day(p->starts_on, &a)) {
        *message = "开始日期应为 YYYY-MM-DD / starts_on must be a date YYYY-MM-DD";
        return "starts_on";
    }
    if (!parse_day(p->ends_on, &b)) {
        *message = "结束日期应为 YYYY-MM-DD / ends_on must be a date YYYY-MM-DD";
        return "ends_on";
    }
    if (b < a) {
        *message = "结束日期早于开始日期 / ends_on is before starts_on";
        return "ends_on";
    }
    if (a < lo || b > hi) {
        *message = "日期不在该学年内（9月1日至次年8月31日） / the dates are outside the school year (1 Sep – 31 Aug)";
        return a < lo ? "starts_on" : "ends_on";
    }
    if (b - a + 1 > (p->kind == CAL_TERM ? 200 : 60)) {
        *message = p->kind == CAL_TERM ? "学期不超过 200 天 / a term is at most 200 days"
                                       : "节假日或考试周不超过 60 天 / a holiday or exam period is at most 60 days";
        return "ends_on";
    }
    return NULL;
}

bool cal_is_school_day(const cal_t *c, const char *date) {
    long d;
    return parse_day(date, &d) && school_day(c, d);
}

int cal_school_days_between(const cal_t *c, const char *a, const char *b) {
    long da, db;
    if (!parse_day(a, &da) || !parse_day(b, &db)) return -1;
    int n = 0;
    for (long d = da + 1; d <= db; d++)
        n += school_day(c, d);
    return n;
}

int cal_school_days_in_month(const cal_t *c, const char *month) {
    int y, m;
    char tail;
    if (!month || strlen(month) != 7 || sscanf(month, "%4d-%2d%c", &y, &m, &tail) != 2 || m < 1 || m > 12 || y < 1900 ||
        y > 2200)
        return -1;
    long first = days_from_civil(y, m, 1);
    int n = 0;
    for (int i = 0; i < days_in_month(y, m); i++)
        n += school_day(c, first + i);
    return n;
}

bool cal_month_in_session(const cal_t *c, const char *month) {
    return cal_school_days_in_month(c, month) >= CAL_MIN_SCHOOL_DAYS;
}

bool cal_term_of(const cal_t *c, const char *date, char *first, char *last) {
    long d, best = 0;
    const cal_period_t *t = NULL;
    if (!parse_day(date, &d)) return false;
    for (size_t i = 0; i < c->n; i++) {
        long a;
        if (c->periods[i].kind != CAL_TERM || !parse_day(c->periods[i].starts_on, &a) || a > d) continue;
        if (!t || a > best) best = a, t = &c->periods[i];
    }
    if (!t) return false;
    snprintf(first, 11, "%s", t->starts_on);
    snprintf(last, 11, "%s", t->ends_on);
    return true;
}
