/* log: one line per event on stderr, with an ISO time in UTC. Thread-safe (one fprintf per
 * line; stdio locks the stream).
 *
 * The access log (log_access, one line per request) is written in batches once
 * log_batch_start has run: each thread appends to its own buffer and writes it with one
 * write(2) when it holds LOG_BATCH_BYTES or its oldest line is older than a second (checked
 * on each line and by a flusher thread, once a second). log_batch_stop (at shutdown, after
 * the threads that log have stopped) writes whatever is pending, so a clean shutdown loses
 * no line; afterwards, and before log_batch_start, log_access writes each line at once. */
#ifndef DUDAO_LOG_H
#define DUDAO_LOG_H

enum { LOG_BATCH_BYTES = 32 * 1024 };

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An INFO line that may wait in this thread's batch. */
void log_access(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_batch_start(void);
void log_batch_stop(void);
/* Writes every thread's pending lines now. */
void log_flush(void);

#endif
