/* timeutil: times are UTC seconds since the epoch in storage (design rule 10); ISO 8601
 * strings at the API. Pure and thread-safe. */
#ifndef DUDAO_TIMEUTIL_H
#define DUDAO_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int64_t time_now(void);
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
