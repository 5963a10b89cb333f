/* timeutil: times are UTC seconds since the epoch in storage (design rule 10); ISO 8601
 * strings at the API. Thread-safe; the clock override is per thread. */
#ifndef DUDAO_TIMEUTIL_H
#define DUDAO_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Now, in UTC seconds: the real clock, or the calling thread's override when one is set. */
int64_t time_now(void);
/* Sets the calling thread's clock to t (every later time_now, time_today_cn on this thread
 * answers from t, moving forward as the real clock does) until time_override_clear. Why:
 * `dudao demo` builds a history (findings issued weeks ago, last month's visits) through
 * the same use cases a user's data takes, with the clock set back, instead of rewriting
 * rows afterwards. Thread-local, so a server thread never sees another thread's clock. */
void time_override_set(int64_t t);
/* Back to the real clock on the calling thread. */
void time_override_clear(void);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" (out needs 21 bytes). */
void time_format_iso(int64_t t, char *out, size_t n);
/* Parses "YYYY-MM-DD" as midnight UTC; false when malformed or not a real date. */
bool time_parse_date(const char *s, int64_t *out);

/* "YYYY-MM-DD HH:MM" in Asia/Shanghai (UTC+8), for messages people read (out needs 17). */
void time_format_cn(int64_t t, char *out, size_t n);
/* Today's date in Asia/Shanghai (UTC+8, no DST) as "YYYY-MM-DD" (out needs 11 bytes):
 * the date users mean by "today". */
void time_today_cn(char *out, size_t n);
/* true when s is a real date "YYYY-MM-DD". */
bool time_is_date(const char *s);

#endif
