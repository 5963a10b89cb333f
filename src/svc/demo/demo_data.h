/* demo_data: what the demo loaders share — the embedded demo/ files (build/gen/demo_files.c,
 * made by scripts/embed.sh from the files of demo/), the demo accounts as actors, and look-ups by the
 * natural keys the files use (学校标识码, 督学证号). Internal to svc/demo. Not thread-safe
 * beyond what svc is: `dudao demo` runs it on one thread. */
#ifndef DUDAO_DEMO_DATA_H
#define DUDAO_DEMO_DATA_H

#include <jansson.h>

#include "svc/roster/import_svc.h"
#include "svc/svc.h"

/* The parsed JSON file demo/<name> (new reference in *out); ERR_INTERNAL when it is missing
 * or malformed (a build problem, not a user's). */
err_t *demo_json(arena_t *a, const char *name, json_t **out);
/* The text of demo/<name>; NULL when missing. */
const char *demo_text(const char *name, size_t *n);
/* Writes demo/<name> to a temporary file (the import use cases read files, as a user's
 * upload is one); *path is arena memory; the caller unlinks it. */
err_t *demo_temp_file(arena_t *a, const char *name, const char **path);
/* NULL when the import of demo/<name> wrote every row; otherwise its first row error (a demo
 * file a validation refuses is a bug of the file). */
err_t *demo_import_errors(arena_t *a, const char *name, const import_result_t *res);
/* The actor of a demo account, as a login would make it. */
err_t *demo_actor(svc_t *s, arena_t *a, const char *username, actor_t *out);
/* The id of the school / inspector with this code / certificate number. */
err_t *demo_school_id(svc_t *s, arena_t *a, const char *code, int64_t *id, const char **name);
err_t *demo_inspector_id(svc_t *s, arena_t *a, const char *cert_no, int64_t *id);
/* The date n days from today (Asia/Shanghai) as "YYYY-MM-DD" (arena memory). */
const char *demo_date_in(arena_t *a, int64_t n);
/* The string member key of o, or NULL. */
const char *demo_str(const json_t *o, const char *key);

extern const actor_t demo_system;

err_t *demo_roster_load(svc_t *s, arena_t *a);
err_t *demo_frameworks_load(svc_t *s, arena_t *a);
err_t *demo_visits_load(svc_t *s, arena_t *a);
err_t *demo_findings_load(svc_t *s, arena_t *a);
err_t *demo_balance_load(svc_t *s, arena_t *a);
err_t *demo_units_load(svc_t *s, arena_t *a);
err_t *demo_school_year_load(svc_t *s, arena_t *a);

#endif
