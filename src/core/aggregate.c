#include "core/aggregate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AT(obj, f, T) ((T *)((char *)(obj) + (f)->offset))
#define AT_C(obj, f, T) ((const T *)((const char *)(obj) + (f)->offset))

const agg_field_t *agg_field(const agg_t *g, const char *name) {
    for (size_t i = 0; i < g->n_fields; i++)
        if (strcmp(g->fields[i].name, name) == 0) return &g->fields[i];
    return NULL;
}

static json_t *agg_field_json(const agg_field_t *f, const void *obj) {
    switch (f->type) {
    case AGG_TEXT: {
        const char *s = *AT_C(obj, f, const char *);
        return s ? json_string(s) : json_null();
    }
    case AGG_REAL: {
        const char *s = *AT_C(obj, f, const char *);
        return s ? json_real(strtod(s, NULL)) : json_null();
    }
    case AGG_INT:
        return json_integer(*AT_C(obj, f, int64_t));
    case AGG_ID: {
        int64_t v = *AT_C(obj, f, int64_t);
        return v ? json_integer(v) : json_null();
    }
    default:
        return json_boolean(*AT_C(obj, f, bool));
    }
}

json_t *agg_to_json(const agg_t *g, const void *obj) {
    json_t *j = json_object();
    for (size_t i = 0; i < g->n_fields; i++)
        json_object_set_new(j, g->fields[i].name, agg_field_json(&g->fields[i], obj));
    return j;
}

void agg_write_json_open(jw_t *w, const agg_t *g, const void *obj) {
    jw_obj(w);
    for (size_t i = 0; i < g->n_fields; i++) {
        const agg_field_t *f = &g->fields[i];
        jw_key(w, f->name);
        switch (f->type) {
        case AGG_TEXT:
            jw_str(w, *AT_C(obj, f, const char *));
            break;
        case AGG_REAL:
            jw_real_text(w, *AT_C(obj, f, const char *));
            break;
        case AGG_INT:
            jw_int(w, *AT_C(obj, f, int64_t));
            break;
        case AGG_ID:
            jw_id(w, *AT_C(obj, f, int64_t));
            break;
        default:
            jw_bool(w, *AT_C(obj, f, bool));
        }
    }
}

json_t *agg_to_audit_json(const agg_t *g, const void *obj) {
    json_t *j = json_object();
    for (size_t i = 0; i < g->n_fields; i++)
        if (g->fields[i].is_body || strcmp(g->fields[i].name, "id") == 0)
            json_object_set_new(j, g->fields[i].name, agg_field_json(&g->fields[i], obj));
    return j;
}

static bool agg_is_extra(const char *const *extra, const char *key) {
    for (; extra && *extra; extra++)
        if (strcmp(*extra, key) == 0) return true;
    return false;
}

static err_t *agg_bad_type(arena_t *a, const agg_field_t *f) {
    return err_newf(a, ERR_INVALID, f->name, "字段 %s 的类型不对", "field %s has the wrong type", f->name, f->name);
}

static err_t *agg_set(arena_t *a, const agg_field_t *f, const json_t *v, void *obj) {
    if (json_is_null(v)) {
        if (!(f->flags & AGG_NULLABLE)) return agg_bad_type(a, f);
        if (f->type == AGG_TEXT || f->type == AGG_REAL) *AT(obj, f, const char *) = NULL;
        if (f->type == AGG_ID || f->type == AGG_INT) *AT(obj, f, int64_t) = 0;
        if (f->type == AGG_BOOL) *AT(obj, f, bool) = false;
        return NULL;
    }
    switch (f->type) {
    case AGG_TEXT:
        if (!json_is_string(v)) return agg_bad_type(a, f);
        *AT(obj, f, const char *) = arena_strdup(a, json_string_value(v));
        return NULL;
    case AGG_REAL:
        if (!json_is_number(v)) return agg_bad_type(a, f);
        *AT(obj, f, const char *) = arena_printf(a, "%.7f", json_number_value(v));
        return NULL;
    case AGG_INT:
    case AGG_ID:
        if (!json_is_integer(v)) return agg_bad_type(a, f);
        *AT(obj, f, int64_t) = json_integer_value(v);
        return NULL;
    default:
        if (!json_is_boolean(v)) return agg_bad_type(a, f);
        *AT(obj, f, bool) = json_is_true(v);
        return NULL;
    }
}

err_t *agg_from_body(arena_t *a, const agg_t *g, const json_t *body, unsigned role, const char *const *extra,
                     void *obj) {
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v) {
        if (agg_is_extra(extra, key)) continue;
        const agg_field_t *f = agg_field(g, key);
        if (!f || !f->is_body || (f->flags & AGG_SVC))
            return err_newf(a, ERR_UNKNOWN_FIELD, key, "不支持的字段 %s", "unknown field %s", key, key);
        if (f->roles && !(f->roles & role))
            return err_newf(a, ERR_FORBIDDEN, key, "当前角色不能设置 %s", "your role may not set %s", f->label_zh,
                            f->label_en);
        err_t *e = agg_set(a, f, v, obj);
        if (e) return e;
    }
    return NULL;
}

static err_t *agg_check_field(arena_t *a, const agg_field_t *f, const void *obj) {
    if (f->type != AGG_TEXT && f->type != AGG_REAL) return NULL;
    const char *s = *AT_C(obj, f, const char *);
    if (!s || !*s)
        return (f->flags & AGG_REQUIRED)
                   ? err_newf(a, ERR_INVALID, f->name, "%s不能为空", "the %s is required", f->label_zh, f->label_en)
                   : NULL;
    if (f->max_len && strlen(s) > f->max_len)
        return err_newf(a, ERR_INVALID, f->name, "%s不能超过 %zu 字节", "the %s is longer than %zu bytes", f->label_zh,
                        f->max_len, f->label_en, f->max_len);
    if (f->check && !f->check->is_ok(s)) return err_new(a, ERR_INVALID, f->name, f->check->zh, f->check->en);
    return NULL;
}

err_t *agg_validate(arena_t *a, const agg_t *g, const void *obj) {
    for (size_t i = 0; i < g->n_fields; i++) {
        if (!g->fields[i].is_body) continue;
        err_t *e = agg_check_field(a, &g->fields[i], obj);
        if (e) return e;
    }
    return NULL;
}
