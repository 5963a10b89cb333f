#include "api/api_agg.h"

#include <ctype.h>
#include <stdio.h>

#include "store/findings/accountability_case_agg.h"
#include "store/roster/assignment_agg.h"
#include "store/roster/inspector_agg.h"
#include "store/roster/school_agg.h"
#include "store/roster/zone_agg.h"

const agg_t *const api_aggregates[] = {&school_agg,     &inspector_agg,           &zone_agg,
                                       &assignment_agg, &accountability_case_agg, NULL};

void api_agg_filters(api_req_t *r, const agg_t *g, const char **eq) {
    for (size_t i = 0; i < g->n_fields && i < AGG_MAX_FIELDS; i++)
        eq[i] = (g->fields[i].flags & AGG_FILTER) ? api_query(r, g->fields[i].name) : NULL;
}

static const char *api_agg_json_type(agg_type_t t) {
    switch (t) {
    case AGG_TEXT:
        return "string";
    case AGG_REAL:
        return "number";
    case AGG_BOOL:
        return "boolean";
    default:
        return "integer";
    }
}

static json_t *api_agg_field_schema(const agg_field_t *f) {
    json_t *p = json_pack("{s:s, s:o}", "type", api_agg_json_type(f->type), "description",
                          json_sprintf("%s / %s", f->label_zh, f->label_en));
    if ((f->flags & AGG_NULLABLE) || f->type == AGG_ID || (!f->is_body && f->type == AGG_TEXT))
        json_object_set_new(p, "nullable", json_true());
    if (!f->is_body) json_object_set_new(p, "readOnly", json_true());
    if (f->max_len) json_object_set_new(p, "maxLength", json_integer((json_int_t)f->max_len));
    if (f->check && f->check->values) {
        json_t *en = json_array();
        for (const char *const *v = f->check->values; *v; v++)
            json_array_append_new(en, json_string(*v));
        json_object_set_new(p, "enum", en);
    }
    return p;
}

json_t *api_agg_schema(const agg_t *g) {
    json_t *props = json_object(), *req = json_array();
    for (size_t i = 0; i < g->n_fields; i++) {
        const agg_field_t *f = &g->fields[i];
        json_object_set_new(props, f->name, api_agg_field_schema(f));
        if (f->flags & AGG_REQUIRED) json_array_append_new(req, json_string(f->name));
    }
    return json_pack("{s:s, s:o, s:o}", "type", "object", "properties", props, "required", req);
}

void api_agg_schema_name(const agg_t *g, char *out, size_t n) {
    snprintf(out, n, "%s", g->name);
    if (n && out[0]) out[0] = (char)toupper((unsigned char)out[0]);
}
