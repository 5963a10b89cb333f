/* school_svc: schools (学校) within the caller's scope: list, read, create, update, close.
 * Admins change schools of their region; everyone else reads what their scope allows
 * (an inspector: the schools it holds; a school account: itself). A school keeps its
 * 学校标识码 for life: rename keeps it, closing voids it (status closed) and ends its
 * assignments. */
#ifndef DUDAO_SCHOOL_SVC_H
#define DUDAO_SCHOOL_SVC_H

#include <jansson.h>

#include "store/roster/school_store.h"
#include "svc/svc.h"

/* New reference: the school as the API shows it (with sections when loaded). */
json_t *school_to_json(const school_t *s);
/* The same object written by w (byte-equal to school_to_json dumped). */
void school_write_json(jw_t *w, const school_t *s);

/* Validates s against the national codes and the caller's scope (region inside scope, a
 * town or county; 办学类型码 known; sections fit the type; zone in the school's county;
 * coordinates in range). Used by the API and by imports; fills derived names. */
err_t *school_svc_validate(db_t *db, arena_t *a, const actor_t *who, school_t *s);

err_t *school_svc_list(svc_t *s, arena_t *a, const actor_t *who, const school_filter_t *f, school_t **out,
                       size_t *n_out, int64_t *total);
err_t *school_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, school_t *out);
err_t *school_svc_create(svc_t *s, arena_t *a, const actor_t *who, school_t *in, school_t *out);
/* in carries the full new state; its code must equal the current one. */
err_t *school_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, school_t *in, school_t *out);

/* The same, inside the caller's transaction (imports). */
err_t *school_svc_create_tx(db_t *db, arena_t *a, const actor_t *who, school_t *in, school_t *out);
err_t *school_svc_update_tx(db_t *db, arena_t *a, const actor_t *who, int64_t id, school_t *in, school_t *out);

#endif
