#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"

const char *api_query(api_req_t *r, const char *name) {
    const char *v = r->query_get ? r->query_get(r->query_ctx, name) : NULL;
    return v && *v ? v : NULL;
}

err_t *api_query_int(api_req_t *r, const char *name, int64_t dflt, int64_t min, int64_t max, int64_t *out) {
    const char *v = api_query(r, name);
    if (!v) {
        *out = dflt;
        return NULL;
    }
    char *end = NULL;
    long long x = strtoll(v, &end, 10);
    if (!end || *end || x < min || x > max)
        return err_newf(r->a, ERR_INVALID, name, "参数 %s 应为 %lld 到 %lld 之间的整数",
                        "parameter %s must be an integer from %lld to %lld", name, (long long)min, (long long)max,
                        name, (long long)min, (long long)max);
    *out = x;
    return NULL;
}

err_t *api_query_bool(api_req_t *r, const char *name, int *out) {
    const char *v = api_query(r, name);
    if (!v) return NULL;
    if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
        return err_newf(r->a, ERR_INVALID, name, "参数 %s 应为 true 或 false", "parameter %s must be true or false", name,
                        name);
    *out = strcmp(v, "true") == 0;
    return NULL;
}

err_t *api_paging(api_req_t *r, int64_t *limit, int64_t *offset) {
    int64_t page, size;
    err_t *e = api_query_int(r, "page", 1, 1, 1000000, &page);
    if (!e) e = api_query_int(r, "page_size", 20, 1, 200, &size);
    if (e) return e;
    *limit = size;
    *offset = (page - 1) * size;
    return NULL;
}

err_t *api_path_id(api_req_t *r, size_t n, int64_t *out) {
    const char *v = n < r->n_path_params ? r->path_params[n] : NULL;
    /* canonical decimal only: no sign, spaces, leading zeros or overflow */
    size_t len = v ? strlen(v) : 0;
    bool is_canonical = len > 0 && len <= 18 && v[0] >= '1' && v[0] <= '9';
    for (size_t i = 0; is_canonical && i < len; i++) is_canonical = v[i] >= '0' && v[i] <= '9';
    if (!is_canonical) return err_new(r->a, ERR_NOT_FOUND, "id", "对象不存在", "no such object");
    *out = strtoll(v, NULL, 10);
    return NULL;
}

const char *api_body_str(api_req_t *r, const char *name) {
    json_t *v = r->body ? json_object_get(r->body, name) : NULL;
    return json_is_string(v) ? arena_strdup(r->a, json_string_value(v)) : NULL;
}

bool api_body_has(api_req_t *r, const char *name) {
    return r->body && json_object_get(r->body, name) != NULL;
}

json_t *api_list(json_t *items, int64_t total) {
    json_t *j = json_object();
    json_object_set_new(j, "items", items);
    json_object_set_new(j, "total", json_integer(total));
    return j;
}

static bool api_type_ok(const json_t *v, const api_field_t *f) {
    if (json_is_null(v)) return f->is_nullable;
    switch (f->type) {
    case FT_STRING: return json_is_string(v);
    case FT_INT: return json_is_integer(v);
    case FT_BOOL: return json_is_boolean(v);
    case FT_OBJECT: return json_is_object(v);
    case FT_ARRAY: return json_is_array(v);
    case FT_NUMBER: return json_is_number(v);
    }
    return false;
}

static const char *api_type_name(api_ftype_t t) {
    static const char *names[] = {"string", "integer", "boolean", "object", "array", "number"};
    return names[t];
}

err_t *api_check_fields(arena_t *a, const json_t *body, const api_field_t *fields) {
    if (!json_is_object(body)) return err_new(a, ERR_BAD_JSON, NULL, "请求体应为 JSON 对象", "body must be a JSON object");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v) {
        const api_field_t *f = fields;
        while (f->name && strcmp(f->name, key) != 0) f++;
        if (!f->name)
            return err_newf(a, ERR_UNKNOWN_FIELD, key, "不支持的字段 %s", "unknown field %s", key, key);
        if (!api_type_ok(v, f))
            return err_newf(a, ERR_INVALID, key, "字段 %s 应为 %s", "field %s must be %s", key,
                            api_type_name(f->type), key, api_type_name(f->type));
    }
    for (const api_field_t *f = fields; f->name; f++)
        if (f->is_required && !json_object_get(body, f->name))
            return err_newf(a, ERR_INVALID, f->name, "缺少字段 %s", "missing field %s", f->name, f->name);
    return NULL;
}

err_t *api_temp_path(api_req_t *r, const char *suffix, char **out) {
    char *path = arena_printf(r->a, "/tmp/dudao-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0) return err_new(r->a, ERR_INTERNAL, NULL, "无法创建临时文件", "cannot create a temporary file");
    close(fd);
    *out = path;
    return NULL;
}

err_t *api_send_temp_file(api_req_t *r, const char *path, const char *content_type, const char *filename) {
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        if (f) fclose(f);
        unlink(path);
        return err_new(r->a, ERR_INTERNAL, NULL, "无法读取生成的文件", "cannot read the generated file");
    }
    char *data = arena_alloc(r->a, (size_t)st.st_size + 1);
    size_t n = fread(data, 1, (size_t)st.st_size, f);
    fclose(f);
    unlink(path);
    if (n != (size_t)st.st_size) return err_new(r->a, ERR_INTERNAL, NULL, "读取文件不完整", "short read");
    r->out_raw = data;
    r->n_out_raw = n;
    r->content_type = content_type;
    r->filename = filename;
    return NULL;
}
