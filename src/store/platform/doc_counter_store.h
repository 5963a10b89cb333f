/* doc_counter_store: the 文号 sequences of every official document (整改通知书, 督办单, 通报,
 * 督导意见书 ...), one per (issuing county, year, kind), in the doc_counter table.
 * Not thread-safe per db_t (one connection per thread). */
#ifndef DUDAO_DOC_COUNTER_STORE_H
#define DUDAO_DOC_COUNTER_STORE_H

#include "store/db.h"

/* The next number of kind for county_code and year, starting at 1. One atomic upsert, so
 * concurrent issuers on any number of servers never get the same number. */
err_t *doc_counter_next(db_t *db, arena_t *a, const char *county_code, int year, const char *kind, int64_t *out);

#endif
