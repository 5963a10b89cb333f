#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* the override as an offset from the real clock, so time still moves while it is set */
static _Thread_local bool has_override;
static _Thread_local int64_t override_offset;

void time_override_set(int64_t t) {
    override_offset = t - (int64_t)time(NULL);
    has_override = true;
}

void time_override_clear(void) {
    has_override = false;
    override_offset = 0;
}

int64_t time_now(void) {
    return (int64_t)time(NULL) + (has_override ? override_offset : 0);
}

void time_format_iso(int64_t t, char *out, size_t n) {
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool time_parse_date(const char *s, int64_t *out) {
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    struct tm tm = {0};
    tm.tm_year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0') - 1900;
    tm.tm_mon = (s[5] - '0') * 10 + (s[6] - '0') - 1;
    tm.tm_mday = (s[8] - '0') * 10 + (s[9] - '0');
    int mon = tm.tm_mon, mday = tm.tm_mday;
    time_t t = timegm(&tm);
    /* timegm normalises 2026-02-30 to March; a real date survives unchanged. */
    if (t == (time_t)-1 || tm.tm_mon != mon || tm.tm_mday != mday) return false;
    *out = (int64_t)t;
    return true;
}

void time_today_cn(char *out, size_t n) {
    time_t t = (time_t)(time_now() + 8 * 3600);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, "%Y-%m-%d", &tm);
}

bool time_is_date(const char *s) {
    int64_t t;
    return time_parse_date(s, &t);
}

void time_format_cn(int64_t t, char *out, size_t n) {
    time_t tt = (time_t)(t + 8 * 3600);
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}
