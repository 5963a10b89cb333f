/* framework_store: frameworks (指标体系), their versions and the normalised indicator rows
 * (migration 005_frameworks.sql).
 *
 * Read scope, in SQL: a national framework (region_code NULL, the built-ins) is readable by
 * every account; a framework a region owns is readable from inside that region (its schools
 * and inspectors) and from above it (the city over a county). scope_path is the reader's
 * region path ("/" or NULL: unscoped, for the system and for callers that checked scope
 * another way, such as a visit already in the caller's scope). Outside scope → ERR_NOT_FOUND.
 *
 * The stored document is the JSON text the svc layer validated (core/frameworks/framework.h); the
 * version number and status are columns and are written into the document only when it is
 * handed out (framework_store_document). Memory of results is in the arena. One connection
 * per thread (store/db.h). */
#ifndef DUDAO_FRAMEWORK_STORE_H
#define DUDAO_FRAMEWORK_STORE_H

#include <jansson.h>
#include <stdbool.h>

#include "core/frameworks/framework.h"
#include "store/db.h"

typedef struct framework_row {
    int64_t id;
    const char *code;
    const char *name;
    const char *name_en;
    const char *source;
    const char *uses;        /* ",routine,special," (the document's uses) */
    const char *region_code; /* NULL: national */
    const char *region_name;
    bool is_builtin;
    int64_t n_versions;
    int64_t current_version_id; /* the published version, 0 when none */
    int64_t current_version;
    int64_t latest_version_id; /* the highest version whatever its status */
    int64_t latest_version;
    const char *latest_status;
    int64_t draft_version_id; /* 0 when there is no draft */
    int64_t n_indicators;     /* leaves of the latest version */
    int64_t created_at;
    int64_t updated_at;
} framework_row_t;

typedef struct framework_version_row {
    int64_t id;
    int64_t framework_id;
    const char *framework_code;
    const char *framework_name;
    const char *region_code; /* the framework's owner; NULL national */
    bool is_builtin;
    int64_t version;
    const char *status;   /* draft | published | retired */
    const char *document; /* JSON text as stored (without version/status: see framework_store_document) */
    const char *digest;   /* SM3 hex of document */
    int64_t n_indicators;
    int64_t created_by, created_at, updated_by, updated_at;
    int64_t published_by, published_at; /* 0 when not published */
    const char *published_by_name;
    int64_t retired_at;
} framework_version_row_t;

typedef struct framework_filter {
    const char *q;      /* code or name contains */
    const char *status; /* has a version in this status */
    int is_builtin;     /* -1 any */
    const char *use;    /* routine | special | ...: the document lists it among its uses */
    int64_t limit, offset;
} framework_filter_t;

/* --- reading --- */
err_t *framework_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, framework_row_t *out);
/* By code; *found false when absent or outside scope. */
err_t *framework_store_find_code(db_t *db, arena_t *a, const char *scope_path, const char *code, framework_row_t *out,
                                 bool *found);
err_t *framework_store_list(db_t *db, arena_t *a, const char *scope_path, const framework_filter_t *f,
                            framework_row_t **out, size_t *n_out, int64_t *total);

/* One version with its document and metadata (what visits pin to). ERR_NOT_FOUND (field
 * "version_id") when absent or outside scope. */
err_t *framework_store_get_version(db_t *db, arena_t *a, int64_t version_id, const char *scope_path,
                                   framework_version_row_t *out);
/* The current published version of the framework with that code; *found false when the
 * framework is absent, outside scope, or has no published version. */
err_t *framework_store_current_version(db_t *db, arena_t *a, const char *code, const char *scope_path,
                                       framework_version_row_t *out, bool *found);
/* Every version of a framework, newest first (documents not loaded: document is NULL). */
err_t *framework_store_versions(db_t *db, arena_t *a, int64_t framework_id, framework_version_row_t **out,
                                size_t *n_out);
/* Whether (framework, version) exists. */
err_t *framework_store_has_version(db_t *db, arena_t *a, int64_t framework_id, int64_t version, bool *has);
/* The SM3 digest of a stored version's canonical text; *digest NULL when there is no such
 * version. */
err_t *framework_store_version_digest(db_t *db, arena_t *a, int64_t framework_id, int64_t version,
                                      const char **digest);

/* The document of a version row as a JSON object with "version" and "status" set from the
 * row (new reference). ERR_INTERNAL when the stored text does not parse. */
err_t *framework_store_document(arena_t *a, const framework_version_row_t *v, json_t **out);
/* The parsed tree of a version (its stored document passed through core's fw_parse). */
err_t *framework_store_tree(arena_t *a, const framework_version_row_t *v, fw_t **out);

/* --- writing (inside the caller's transaction) --- */
/* ERR_CONFLICT (field "code") when the code is taken. */
err_t *framework_store_insert(db_t *db, arena_t *a, framework_row_t *f, int64_t actor_id, int64_t now);
/* Name, name_en, source and uses from a document (on create and publish). */
/* ",routine,special," for the uses column. */
const char *framework_store_uses_text(arena_t *a, const fw_t *doc);
err_t *framework_store_update_meta(db_t *db, arena_t *a, int64_t id, const fw_t *doc, int64_t now);
/* Inserts a version (id filled in) with its indicator rows; document is the canonical text of
 * tree. ERR_CONFLICT (field "version") when (framework, version) exists. */
err_t *framework_store_insert_version(db_t *db, arena_t *a, int64_t framework_id, int64_t version, const char *status,
                                      const fw_t *tree, const char *document, int64_t actor_id, int64_t now,
                                      int64_t *id_out);
/* Replaces a draft's document and indicator rows; ERR_CONFLICT when the row is no longer a draft
 * (a concurrent publish). */
err_t *framework_store_update_draft(db_t *db, arena_t *a, int64_t version_id, const fw_t *tree, const char *document,
                                    int64_t actor_id, int64_t now);
/* draft → published (the published version it supersedes becomes retired), or
 * published → retired. ERR_CONFLICT when the row is not in the expected state. */
err_t *framework_store_publish(db_t *db, arena_t *a, int64_t framework_id, int64_t version_id, int64_t actor_id,
                               int64_t now);
err_t *framework_store_retire(db_t *db, arena_t *a, int64_t version_id, int64_t now);
/* Removes a draft and its indicator rows (a draft was never used by a visit). */
err_t *framework_store_delete_draft(db_t *db, arena_t *a, int64_t version_id);

#endif
