/* region_svc: the region tree within the caller's scope. */
#ifndef DUDAO_REGION_SVC_H
#define DUDAO_REGION_SVC_H

#include "store/platform/region_store.h"
#include "svc/svc.h"

err_t *region_svc_list(svc_t *s, arena_t *a, const actor_t *who, region_t **out, size_t *n_out);

/* For the command line: adds a region (level province|city|county|town) below parent
 * (NULL for a root), audited with the system as actor. */
err_t *region_svc_add_system(svc_t *s, arena_t *a, const char *code, const char *name, const char *level,
                             const char *parent);

/* Adds a town, county or city below parent, which must be inside the caller's scope; the
 * code is checked against GB/T 2260 (field "code"). */
err_t *region_svc_add(svc_t *s, arena_t *a, const actor_t *who, const char *code, const char *name, const char *level,
                      const char *parent);
/* Renames a region inside the caller's scope (codes never change: a changed area gets a new
 * code under GB/T 2260). */
err_t *region_svc_rename(svc_t *s, arena_t *a, const actor_t *who, const char *code, const char *name);

#endif
