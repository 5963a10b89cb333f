/* attachment_svc: uploading and reading files attached to things (visit photos, school
 * self-evaluations, rectification evidence, complaint pictures). Each upload is stored once
 * under its SM3 hash (store/platform/files.c), gets an attachment row, and enters the audit chain with
 * its hash, size, time and position, so a photo cannot be swapped later unnoticed.
 *
 * Who may attach and read:
 * - the file belongs to a school (school_id) the caller can see (scope_of: an
 *   inspector its assigned schools, a school account itself), or to a region in the caller's
 *   scope when there is no school;
 * - an inspector reads the files of the schools it holds and those it uploaded itself;
 * - a school account reads only its school's files that it uploaded itself or whose owner is
 *   shared with the school (finding, finding_event, task, bulletin, self_evaluation): an
 *   inspector's visit photos stay hidden until the visit capability publishes them.
 * Accepted types, sniffed from the bytes (never from the client's word): JPEG, PNG, WebP,
 * PDF, and Office files (DOCX/XLSX, by their zip signature and file name). */
#ifndef DUDAO_ATTACHMENT_SVC_H
#define DUDAO_ATTACHMENT_SVC_H

#include <jansson.h>

#include "store/platform/attachment_store.h"
#include "svc/svc.h"

typedef struct attachment_in {
    int64_t school_id;       /* > 0: the school it belongs to (sets the region) */
    const char *region_code; /* when no school: the region it belongs to (default: the caller's) */
    const char *owner_kind;  /* [a-z_]{1,32}: visit, finding, finding_event, complaint, task, ... */
    int64_t owner_id;        /* 0: linked later (attachment_svc_link_tx) */
    const char *name;        /* file name for display, ≤ 200 bytes, or NULL */
    int64_t taken_at;        /* epoch seconds (UTC) from the device, 0 unknown */
    bool has_position;
    double lat, lng; /* WGS-84 as the phone reports it */
    const char *data;
    size_t n;
} attachment_in_t;

/* The MIME type of data, or NULL when it is not an accepted type. name helps tell DOCX from
 * XLSX (both are zip files). Pure; thread-safe. */
const char *attachment_sniff_mime(const char *data, size_t n, const char *name);

/* Stores one upload from a client in its own transaction; *out is the new row (arena).
 * An owner_id given by the client is checked: only owners with a rule here (a finding) may be
 * named, the owner must exist and belong to the school (whose scope the caller must have).
 * Errors: ERR_INVALID (field "file", "owner_kind", "owner_id", "lat"...) for bad input,
 * ERR_NOT_FOUND for a school or region outside the caller's scope. */
err_t *attachment_svc_put(svc_t *s, arena_t *a, const actor_t *who, const attachment_in_t *in, attachment_t *out);
/* Inside the caller's transaction on db, for a use case that has checked the owner itself
 * (a visit's photo). actor NULL means a public upload (complaints): the school must then be
 * given and is not scope-checked. */
err_t *attachment_svc_put_tx(svc_t *s, db_t *db, arena_t *a, const actor_t *who, const attachment_in_t *in,
                             attachment_t *out);
/* Links attachment id (uploaded earlier with owner_id 0) to its owner inside the caller's
 * transaction. Refuses (ERR_INVALID, field "attachment_ids") an attachment outside the
 * caller's scope, already linked elsewhere, or (for non-admins) uploaded by someone else. */
err_t *attachment_svc_link_tx(db_t *db, arena_t *a, const actor_t *who, int64_t id, const char *owner_kind,
                              int64_t owner_id);
/* The row and the bytes of one attachment the caller may read. */
err_t *attachment_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, attachment_t *meta, const char **data,
                          size_t *n);
/* The attachments of one owner that the caller may read, as a JSON array (new reference). */
err_t *attachment_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *owner_kind, int64_t owner_id,
                           json_t **out);
/* The list form of the store variant, for use cases that already hold a connection. */
json_t *attachment_list_json(const actor_t *who, const attachment_t *xs, size_t n);
/* {"id","mime","size_bytes","name","school_id","owner_kind","owner_id","taken_at","lat","lng",
 *  "uploaded_by","uploaded_by_name","created_at","sm3","url"} (new reference). */
json_t *attachment_to_json(const attachment_t *x);

#endif
