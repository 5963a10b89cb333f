/* api_agg: what the API derives from an aggregate's descriptor (core/aggregate.h): the
 * route body field lists (compile-time, from the X-macro rows, so route tables stay const
 * data), the equality filters read from the query string, and the OpenAPI schema.
 *
 *   static const api_field_t school_fields_create[] = {
 *       SCHOOL_BODY_FIELDS(API_AGG_CREATE_FIELD) {"sections", ...}, {0}};
 */
#ifndef DUDAO_API_AGG_H
#define DUDAO_API_AGG_H

#include "api/api.h"
#include "core/aggregate.h"

#define API_AGG_FT_AGG_TEXT FT_STRING
#define API_AGG_FT_AGG_INT FT_INT
#define API_AGG_FT_AGG_ID FT_INT
#define API_AGG_FT_AGG_BOOL FT_BOOL
#define API_AGG_FT_AGG_REAL FT_NUMBER

/* A BODY row as a field of a create (required as declared) or an update (nothing required). */
#define API_AGG_CREATE_FIELD(member, type, flags, roles, max_len, check, zh, en)                                   \
    {#member, API_AGG_FT_##type, ((flags) & AGG_REQUIRED) != 0, ((flags) & AGG_NULLABLE) != 0, zh " / " en},
#define API_AGG_UPDATE_FIELD(member, type, flags, roles, max_len, check, zh, en)                                   \
    {#member, API_AGG_FT_##type, false, ((flags) & AGG_NULLABLE) != 0, zh " / " en},

/* eq[i] = the query parameter named like field i, for the AGG_FILTER fields (NULL absent). */
void api_agg_filters(api_req_t *r, const agg_t *g, const char **eq);

/* The aggregates the OpenAPI document describes in components.schemas (NULL-terminated). */
extern const agg_t *const api_aggregates[];
/* The JSON schema of an aggregate as the API returns it (new reference): types, nullable,
 * readOnly for derived fields, maxLength, enums, required. */
json_t *api_agg_schema(const agg_t *g);
/* "school" → "School" in the arena-free static buffer of the caller (n ≥ 64). */
void api_agg_schema_name(const agg_t *g, char *out, size_t n);

#endif
