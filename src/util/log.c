#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>

#include "util/timeutil.h"

static void log_line(const char *level, const char *fmt, va_list ap) {
    char ts[32];
    time_format_iso(time_now(), ts, sizeof ts);
    char msg[2048];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(msg, sizeof msg, fmt, ap);
#pragma GCC diagnostic pop
    fprintf(stderr, "%s %s %s\n", ts, level, msg);
}

#define LOG_FN(name, level)              \
    void name(const char *fmt, ...) {    \
        va_list ap;                      \
        va_start(ap, fmt);               \
        log_line(level, fmt, ap);        \
        va_end(ap);                      \
    }
LOG_FN(log_info, "INFO")
LOG_FN(log_warn, "WARN")
LOG_FN(log_error, "ERROR")
