/* svc: the use cases. Each public svc function is one transaction: it takes this thread's
 * connection, begins, calls core and store, appends to the audit chain for every change,
 * and commits, or rolls back so a failed request leaves nothing half-written.
 *
 * svc_t is created once at start and shared read-only by all threads. */
#ifndef DUDAO_SVC_H
#define DUDAO_SVC_H

#include <jansson.h>

#include "util/jw.h"
#include <stdbool.h>

#include "core/roles.h"
#include "store/db.h"

typedef struct svc_config {
    int64_t session_idle_seconds; /* idle expiry of a session (default 1800) */
    int64_t session_max_seconds;  /* a session ends this long after login however busy (12 h) */
    int max_login_failures;       /* failures before lockout (5) */
    int64_t lock_seconds;         /* lockout duration (900) */
    const char *data_dir;         /* attachments */
    const char *public_url;       /* how the public reaches this server (plaque QR codes) */
    bool is_clock_settable;       /* test servers (DUDAO_TEST_CLOCK=1): jobs may run as of another date */
} svc_config_t;

typedef struct svc {
    db_pool_t *pool;
    svc_config_t cfg;
} svc_t;

void svc_config_defaults(svc_config_t *cfg);

/* This thread's connection. */
err_t *svc_db(svc_t *s, arena_t *a, db_t **db);
/* Begins a transaction on this thread's connection. */
err_t *svc_begin(svc_t *s, arena_t *a, db_t **db);
/* Commits when e is NULL, else rolls back; returns e or the commit's error. */
err_t *svc_end(db_t *db, arena_t *a, err_t *e);

/* Appends one audit row in the current transaction. before/after are JSON objects (or NULL)
 * serialised with sorted keys; they are not stolen. actor may be NULL for the system. */
err_t *svc_audit(db_t *db, arena_t *a, const actor_t *actor, const char *action, const char *entity,
                 const char *entity_id, const char *region_code, const json_t *before, const json_t *after);

/* Appends an "update" audit row when before and after differ; takes both references. */
err_t *svc_audit_change(db_t *db, arena_t *a, const actor_t *actor, const char *entity, const char *entity_id,
                        const char *region_code, json_t *before, json_t *after);

/* A region filter given by the client must lie in the caller's scope (else ERR_NOT_FOUND);
 * NULL passes. */
err_t *svc_region_filter(db_t *db, arena_t *a, const actor_t *who, const char *region_code);

/* Small shared encoders for the use cases' JSON. */
/* A JSON string, or null for a NULL pointer (new reference). */
json_t *svc_jstr(const char *s);
/* The 文号 of a numbered document of the office of county_code: its 机关代字 (setting
 * doc.agency_code, e.g. 德教督) or, unset, the county's first character, with the kind's word
 * (督改, 督办, 督通, 督) — core/doc_no. Arena-owned. */
const char *svc_doc_no(db_t *db, arena_t *a, const char *county_code, const char *county_name, const char *word,
                       int year, int64_t seq);
/* The same prefix alone ("德教督办"), for a batch numbered in SQL. */
const char *svc_doc_prefix(db_t *db, arena_t *a, const char *county_code, const char *county_name, const char *word);
/* An epoch second as ISO 8601 text in Asia/Shanghai, or null for 0 (new reference). */
json_t *svc_jtime(int64_t t);
/* An id, or null for 0 (new reference). */
json_t *svc_jid(int64_t id);
/* An entity's JSON written once (its *_write_json) and read back as a jansson value for the
 * callers that add to it: SVC_JSON_OF(school_write_json, s). The two forms never differ. */
json_t *svc_json_read(buf_t *b); /* frees b */
#define SVC_JSON_OF(write, ...)                                                                                        \
    __extension__({                                                                                                    \
        buf_t b_;                                                                                                      \
        jw_t w_;                                                                                                       \
        buf_init(&b_);                                                                                                 \
        jw_init(&w_, &b_);                                                                                             \
        write(&w_, __VA_ARGS__);                                                                                       \
        svc_json_read(&b_);                                                                                            \
    })
/* An id as decimal text in the arena (the entity_id of audit rows). */
const char *svc_id_text(arena_t *a, int64_t id);

#endif
