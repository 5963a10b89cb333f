/* aggregate: an aggregate (school, inspector, zone, assignment) declared once, as a table of
 * its fields, from which every layer derives what it used to write by hand per field:
 * - core (here): JSON out, body decoding (unknown fields refused, naming the field; roles),
 *   and the generic validation (required, max length, enum/code check);
 * - store/aggregate: the SELECT list, row → struct mapping, INSERT/UPDATE text and values,
 *   the sort whitelist and equality filters;
 * - api/api_agg: the route's body field list and the OpenAPI schema.
 *
 * An aggregate's fields are written once, as X-macro lists in its own header
 * (store/roster/school_agg.h ...):
 *   BODY rows  X(member, type, flags, roles, max_len, check, label_zh, label_en)
 *              stored columns a body may set (column = member)
 *   STORED rows (optional) like BODY rows with AGG_SVC: columns the use case sets
 *   READ rows  X(member, type, flags, sql, label_zh, label_en)
 *              derived, read-only values (joins, counts) with their SQL expression
 * AGG_MEMBER turns both into the struct's members, AGG_BODY_FIELD / AGG_READ_FIELD into the
 * agg_field_t table below. Pure; tables are const and thread-safe. */
#ifndef DUDAO_AGGREGATE_H
#define DUDAO_AGGREGATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"
#include "util/jw.h"

enum { AGG_MAX_FIELDS = 48 }; /* fields of one aggregate */

typedef enum agg_type {
    AGG_TEXT, /* const char *, NULL = null */
    AGG_INT,  /* int64_t */
    AGG_ID,   /* int64_t reference, 0 = null */
    AGG_BOOL, /* bool */
    AGG_REAL, /* const char * decimal text (kept exact), stored as DOUBLE PRECISION */
} agg_type_t;

/* the C type of each agg_type (for the generated struct members) */
#define AGG_CTYPE_AGG_TEXT const char *
#define AGG_CTYPE_AGG_INT int64_t
#define AGG_CTYPE_AGG_ID int64_t
#define AGG_CTYPE_AGG_BOOL bool
#define AGG_CTYPE_AGG_REAL const char *

enum agg_flags {
    AGG_REQUIRED = 1 << 0, /* a new one must have it */
    AGG_NULLABLE = 1 << 1, /* null is a value (else a body may not send null) */
    AGG_SORT = 1 << 2,     /* ?sort=member / -member */
    AGG_FILTER = 1 << 3,   /* ?member=value (equality) */
    AGG_KEY = 1 << 4,      /* natural key: set on create, never written by UPDATE */
    AGG_SVC = 1 << 5,      /* stored, but set by the use case, never by a body (a resolved reference) */
};

/* A code or enum check: ok(value) false → 400 invalid with this message on the field. */
typedef struct agg_check {
    bool (*is_ok)(const char *value);
    const char *zh, *en;
    const char *const *values; /* the enum's values, for the OpenAPI schema; NULL-terminated or NULL */
} agg_check_t;

typedef struct agg_field {
    const char *name; /* JSON name = struct member = column (body fields) */
    agg_type_t type;
    unsigned flags;
    bool is_body;     /* a body may set it (and it is a stored column) */
    unsigned roles;   /* role_t mask allowed to set it; 0 = whoever may call the route */
    size_t max_len;   /* text, in bytes; 0 = no limit */
    const agg_check_t *check;
    const char *sql;  /* READ rows: the SQL expression in the SELECT */
    const char *label_zh, *label_en;
    size_t offset;
} agg_field_t;

typedef struct agg {
    const char *name;  /* "school": the OpenAPI schema is its capitalised name */
    const char *table; /* "school" */
    const char *alias; /* "s": body columns are selected as alias.member */
    const agg_field_t *fields;
    size_t n_fields;
    bool has_updated_at; /* the table has updated_at besides created_at */
} agg_t;

#define AGG_MEMBER_BODY(member, type, ...) AGG_CTYPE_##type member;
#define AGG_MEMBER_READ(member, type, ...) AGG_CTYPE_##type member;
#define AGG_BODY_FIELD(st, member, type, flags, roles, max_len, check, zh, en)                                     \
    {#member, type, flags, true, roles, max_len, check, NULL, zh, en, offsetof(st, member)},
#define AGG_READ_FIELD(st, member, type, flags, sql, zh, en)                                                       \
    {#member, type, flags, false, 0, 0, NULL, sql, zh, en, offsetof(st, member)},

const agg_field_t *agg_field(const agg_t *g, const char *name);

/* The object as JSON: every field of the table (new reference). */
json_t *agg_to_json(const agg_t *g, const void *obj);
/* The same object written by w, byte-equal to json_dumps(agg_to_json(g, obj)) without its
 * closing brace, so the caller may add members and then jw_obj_end. */
void agg_write_json_open(jw_t *w, const agg_t *g, const void *obj);

/* The stored fields only (body fields and the id): the audit form (new reference). */
json_t *agg_to_audit_json(const agg_t *g, const void *obj);

/* Overlays body (a JSON object) on obj. Accepts body fields and the names in extra
 * (NULL-terminated, decoded by the caller); any other key is ERR_UNKNOWN_FIELD naming it, a
 * wrong type ERR_INVALID, a field the role may not set ERR_FORBIDDEN, a key field on update
 * (is_create false) is left to the caller. Strings are copied into a. */
err_t *agg_from_body(arena_t *a, const agg_t *g, const json_t *body, unsigned role, const char *const *extra,
                     void *obj);

/* Required, max length and checks of the body fields, in table order; the first failure is
 * ERR_INVALID naming the field. */
err_t *agg_validate(arena_t *a, const agg_t *g, const void *obj);

#endif
