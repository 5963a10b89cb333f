/* log: one line per event on stderr, with an ISO time in UTC. Thread-safe (one fprintf per
 * line; stdio locks the stream). */
#ifndef DUDAO_LOG_H
#define DUDAO_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
