/* framework_svc: the 指标体系 use cases — list and read frameworks and versions, create a
 * framework (a draft version 1), edit a draft, publish (frozen from then on), make the next
 * draft from a published version, retire, import and export (JSON, XLSX), and load the
 * built-in frameworks shipped in standards/frameworks/NAME.json.
 *
 * Rules:
 * - Reading: every role reads national frameworks and those of its region's line (inside or
 *   above); outside scope → ERR_NOT_FOUND.
 * - Writing: admins only (the route table), and only frameworks their region owns (a
 *   framework's region must lie inside the admin's scope); built-ins are never edited in the
 *   app (ERR_FORBIDDEN) — copy one into a regional framework instead.
 * - A published or retired version is frozen: changing it is ERR_CONFLICT (409, field
 *   "status"). A framework has at most one draft, always its highest version.
 * - Every document is validated completely by core/frameworks/framework.h before anything is written;
 *   a bad one is reported with all its issues (framework_svc_issues_t) and nothing is written.
 * - Every change is one transaction with an audit row.
 * Thread-safe as svc is (per-thread connections). Memory of results is in the arena. */
#ifndef DUDAO_FRAMEWORK_SVC_H
#define DUDAO_FRAMEWORK_SVC_H

#include <jansson.h>

#include "core/frameworks/framework_sheet.h"
#include "store/frameworks/framework_store.h"
#include "svc/svc.h"

/* Validation problems of a refused document (all of them, up to FW_MAX_ISSUES). */
typedef struct framework_issues {
    fw_issue_t *items;
    size_t n;
} framework_issues_t;

err_t *framework_svc_list(svc_t *s, arena_t *a, const actor_t *who, const framework_filter_t *f, framework_row_t **out,
                          size_t *n_out, int64_t *total);
/* A framework and its versions (newest first, without documents). */
err_t *framework_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, framework_row_t *out,
                         framework_version_row_t **versions, size_t *n_versions);
/* One version with its document (version and status set from the row; new reference). */
err_t *framework_svc_get_version(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id,
                                 framework_version_row_t *out, json_t **document);

/* Creates a framework owned by the admin's region with draft version 1 from document (its
 * code is the framework's code). When the document is refused, returns ERR_INVALID and fills
 * *issues (issues may be NULL). */
err_t *framework_svc_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *document,
                            framework_issues_t *issues, int64_t *framework_id, int64_t *version_id);
/* Replaces the document of a draft (its code must stay the framework's). ERR_CONFLICT when the
 * version is published or retired, or (field "base_digest") when base_digest is given and the
 * stored draft is no longer that one — someone else saved in between; NULL skips that check. */
err_t *framework_svc_update_draft(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, const json_t *document,
                                  const char *base_digest, framework_issues_t *issues);
/* The next draft (version max + 1), a copy of from_version_id (0: the current published, or
 * else the latest). ERR_CONFLICT (extra "draft_id") when the framework already has a draft. */
err_t *framework_svc_new_draft(svc_t *s, arena_t *a, const actor_t *who, int64_t framework_id, int64_t from_version_id,
                               int64_t *version_id);
err_t *framework_svc_publish(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id);
err_t *framework_svc_retire(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id);
err_t *framework_svc_delete_draft(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id);
/* A regional copy of any readable version: a new framework (new code and name) with draft 1. */
err_t *framework_svc_copy(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, const char *code,
                          const char *name, int64_t *framework_id, int64_t *new_version_id);

/* What changed from against_id to version_id (against_id 0: the version just below it in
 * the same framework; both must be readable); core's fw_diff_to_json plus "from" and "to"
 * ({id, version, code}), or "from": null when there is nothing earlier (new reference). */
err_t *framework_svc_diff(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, int64_t against_id,
                          json_t **out);

/* Scores answers against a version for a school (school_id 0: no school, every item applies);
 * the result as core's fw_result_to_json (new reference). */
err_t *framework_svc_score(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, int64_t school_id,
                           const json_t *answers, json_t **out);

/* Import of a document: a new framework when its code is new, else a new draft of that
 * framework (or the existing draft replaced). */
err_t *framework_svc_import_json(svc_t *s, arena_t *a, const actor_t *who, const json_t *document,
                                 framework_issues_t *issues, int64_t *framework_id, int64_t *version_id);

/* XLSX: one sheet "指标", a row per indicator (core/frameworks/framework_sheet.h). */
err_t *framework_svc_export_xlsx(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, const char *path);

typedef struct framework_import_result {
    size_t n_rows;
    fw_sheet_error_t *errors;
    size_t n_errors;
    bool is_written;
    int64_t framework_id, version_id;
} framework_import_result_t;

/* Imports the indicators of an XLSX (or CSV) file, all or nothing: into framework_id's draft
 * (made from its current version when there is none; the other members — name, source, grade
 * bands — are kept), or, with framework_id 0, into a new framework code/name/source (a taken
 * code makes a new draft of that framework instead). Row problems go to out->errors and
 * nothing is written; an err_t only for what stops the file as a whole or the database. */
err_t *framework_svc_import_xlsx(svc_t *s, arena_t *a, const actor_t *who, const char *path, int64_t framework_id,
                                 const char *code, const char *name, const char *source,
                                 framework_import_result_t *out);
json_t *framework_import_result_to_json(const framework_import_result_t *r);

/* The API forms (new references). */
json_t *framework_to_json(const framework_row_t *f);
/* Without the document. */
json_t *framework_version_to_json(const framework_version_row_t *v);
/* Issues of a refused document: [{indicator, field, message}]. */
json_t *framework_issues_to_json(const framework_issues_t *is);

/* Loads standards/frameworks/NAME.json from dir: a framework absent by code is created as a
 * national built-in; a (code, version) absent is added as published (retiring the one it
 * supersedes); a present one is left alone, so loading is idempotent. A file that does not
 * parse or validate is an error naming the file. *n_loaded (may be NULL) counts versions
 * added. */
err_t *framework_svc_load_builtin(svc_t *s, arena_t *a, const char *dir, int *n_loaded);
/* The standards directory to use: $DUDAO_STANDARDS, else ./standards, else the one next to
 * the executable (../standards from build/dudao), else /usr/share/dudao/standards; NULL when
 * none exists. Static or arena memory. */
const char *framework_svc_standards_dir(arena_t *a);

#endif
