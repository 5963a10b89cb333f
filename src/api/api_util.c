#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "util/timeutil.h"

const char *api_query(api_req_t *r, const char *name) {
    const char *v = r->query_get ? r->query_get(r->query_ctx, name) : NULL;
    return v && *v ? v : NULL;
}

/* Integer in [min, max], canonical enough for strtoll; false otherwise. */
static bool api_parse_int(const char *v, int64_t min, int64_t max, int64_t *out) {
    char *end = NULL;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno || !end || end == v || *end || x < min || x > max) return false;
    *out = x;
    return true;
}

static bool api_parse_number(const char *v, double *out) {
    char *end = NULL;
    errno = 0;
    *out = strtod(v, &end);
    return !errno && end && end != v && !*end;
}

/* v is one of "a|b|c". */
static bool api_enum_has(const char *values, const char *v) {
    size_t n = strlen(v);
    for (const char *p = values; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && memcmp(p, v, n) == 0) return true;
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

static err_t *api_check_param(arena_t *a, const api_param_t *q, const char *v) {
    int64_t i;
    double d;
    switch (q->type) {
    case PT_STRING: return NULL;
    case PT_INT:
        if (api_parse_int(v, q->min, q->max, &i)) return NULL;
        return err_newf(a, ERR_INVALID, q->name, "参数 %s 应为 %lld 到 %lld 之间的整数",
                        "parameter %s must be an integer from %lld to %lld", q->name, (long long)q->min,
                        (long long)q->max, q->name, (long long)q->min, (long long)q->max);
    case PT_NUMBER:
        if (api_parse_number(v, &d)) return NULL;
        return err_newf(a, ERR_INVALID, q->name, "参数 %s 应为数字", "parameter %s must be a number", q->name, q->name);
    case PT_BOOL:
        if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0) return NULL;
        return err_newf(a, ERR_INVALID, q->name, "参数 %s 应为 true 或 false", "parameter %s must be true or false",
                        q->name, q->name);
    case PT_DATE:
        if (time_parse_date(v, &i)) return NULL;
        return err_newf(a, ERR_INVALID, q->name, "%s 应为 YYYY-MM-DD 日期", "%s must be a date YYYY-MM-DD", q->name,
                        q->name);
    case PT_ENUM:
        if (api_enum_has(q->values, v)) return NULL;
        return err_newf(a, ERR_INVALID, q->name, "参数 %s 应为 %s 之一", "parameter %s must be one of %s", q->name,
                        q->values, q->name, q->values);
    }
    return NULL;
}

err_t *api_check_query(arena_t *a, const api_param_t *params, const char *(*get)(void *ctx, const char *name),
                       void *ctx) {
    for (const api_param_t *q = params; q && q->name; q++) {
        const char *v = get ? get(ctx, q->name) : NULL;
        if (!v || !*v) {
            if (q->is_required)
                return err_newf(a, ERR_INVALID, q->name, "缺少参数 %s", "missing parameter %s", q->name, q->name);
            continue;
        }
        err_t *e = api_check_param(a, q, v);
        if (e) return e;
    }
    return NULL;
}

int64_t api_query_i64(api_req_t *r, const char *name, int64_t dflt) {
    const char *v = api_query(r, name);
    int64_t x;
    return v && api_parse_int(v, INT64_MIN, INT64_MAX, &x) ? x : dflt;
}

int api_query_flag(api_req_t *r, const char *name, int dflt) {
    const char *v = api_query(r, name);
    if (!v) return dflt;
    return strcmp(v, "true") == 0 ? 1 : strcmp(v, "false") == 0 ? 0 : dflt;
}

bool api_query_number(api_req_t *r, const char *name, double *out) {
    const char *v = api_query(r, name);
    return v && api_parse_number(v, out);
}

int64_t api_query_day(api_req_t *r, const char *name, int64_t plus) {
    const char *v = api_query(r, name);
    int64_t t;
    if (!v || !time_parse_date(v, &t)) return 0;
    /* dates are days in Asia/Shanghai (UTC+8, no DST) */
    return t + plus - 8 * 3600;
}

void api_page(api_req_t *r, int64_t *limit, int64_t *offset) {
    int64_t page = api_query_i64(r, "page", 1), size = api_query_i64(r, "page_size", 20);
    *limit = size;
    *offset = (page - 1) * size;
}

err_t *api_paging(api_req_t *r, int64_t *limit, int64_t *offset) {
    int64_t page, size;
    err_t *e = api_query_int(r, "page", 1, 1, 1000000, &page);
    if (!e) e = api_query_int(r, "page_size", 20, 1, 200, &size);
    if (!e) api_page(r, limit, offset);
    return e;
}

err_t *api_query_int(api_req_t *r, const char *name, int64_t dflt, int64_t min, int64_t max, int64_t *out) {
    const api_param_t q = API_Q_INT(name, NULL, min, max);
    const char *v = api_query(r, name);
    err_t *e = v ? api_check_param(r->a, &q, v) : NULL;
    if (!e) *out = v ? api_query_i64(r, name, dflt) : dflt;
    return e;
}

err_t *api_query_bool(api_req_t *r, const char *name, int *out) {
    const api_param_t q = API_Q_BOOL(name, NULL);
    const char *v = api_query(r, name);
    err_t *e = v ? api_check_param(r->a, &q, v) : NULL;
    if (!e) *out = api_query_flag(r, name, *out);
    return e;
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

int64_t api_body_int(api_req_t *r, const char *name) {
    json_t *v = r->body ? json_object_get(r->body, name) : NULL;
    return json_is_integer(v) ? json_integer_value(v) : 0;
}

int api_body_bool(api_req_t *r, const char *name, int dflt) {
    json_t *v = r->body ? json_object_get(r->body, name) : NULL;
    return json_is_boolean(v) ? json_is_true(v) : dflt;
}

double api_body_num(api_req_t *r, const char *name) {
    return json_number_value(r->body ? json_object_get(r->body, name) : NULL);
}

json_t *api_list(json_t *items, int64_t total) {
    json_t *j = json_object();
    json_object_set_new(j, "items", items);
    json_object_set_new(j, "total", json_integer(total));
    return j;
}

jw_t *api_json(api_req_t *r) {
    if (!r->has_json) {
        buf_init(&r->json);
        jw_init(&r->jw, &r->json);
        r->has_json = true;
    }
    return &r->jw;
}

jw_t *api_list_begin(api_req_t *r) {
    jw_t *w = api_json(r);
    jw_obj(w);
    jw_key(w, "items");
    jw_arr(w);
    return w;
}

void api_list_end(jw_t *w, int64_t total) {
    jw_arr_end(w);
    jw_key(w, "total");
    jw_int(w, total);
    jw_obj_end(w);
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

err_t *api_with_id(api_req_t *r, api_id_fn fn) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : fn(r->svc, r->a, &r->who, id, &r->out);
}

err_t *api_send_pdf_of(api_req_t *r, const actor_t *who, api_pdf_of_t make) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (e) return e;
    buf_t b;
    buf_init(&b);
    const char *filename;
    e = make(r->svc, r->a, who, id, &b, &filename);
    if (!e) api_send_document(r, DOC_PDF, filename, b.p, b.n);
    buf_free(&b);
    return e;
}

err_t *api_body_to_temp(api_req_t *r, const char *suffix, char **out) {
    err_t *e = api_temp_path(r, suffix, out);
    if (e) return e;
    FILE *f = fopen(*out, "wb");
    bool ok = f && fwrite(r->raw_body, 1, r->n_raw_body, f) == r->n_raw_body;
    if (f && fclose(f) != 0) ok = false;
    if (ok) return NULL;
    unlink(*out);
    return err_new(r->a, ERR_INTERNAL, NULL, "写临时文件失败", "cannot write a temporary file");
}

static const char *api_doc_type(api_doc_kind_t kind) {
    switch (kind) {
    case DOC_PDF: return "application/pdf";
    case DOC_XLSX: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case DOC_JSON: return "application/json; charset=utf-8";
    }
    return "application/octet-stream";
}

static bool api_route_declares(const api_req_t *r, const char *name) {
    for (const api_param_t *q = r->route ? r->route->query : NULL; q && q->name; q++)
        if (strcmp(q->name, name) == 0) return true;
    return false;
}

/* bytes already live in the arena */
static void api_set_document(api_req_t *r, api_doc_kind_t kind, const char *filename, const char *bytes, size_t n) {
    /* only a route that declares inline (API_Q_INLINE) offers the preview */
    const char *inl = api_route_declares(r, "inline") ? api_query(r, "inline") : NULL;
    r->out_raw = bytes;
    r->n_out_raw = n;
    r->content_type = api_doc_type(kind);
    r->filename = filename;
    r->is_inline = inl && strcmp(inl, "1") == 0;
}

void api_send_document(api_req_t *r, api_doc_kind_t kind, const char *filename, const char *bytes, size_t n) {
    api_set_document(r, kind, filename, arena_strndup(r->a, bytes ? bytes : "", n), n);
}

err_t *api_send_temp_file(api_req_t *r, const char *path, api_doc_kind_t kind, const char *filename) {
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
    api_set_document(r, kind, filename, data, n);
    return NULL;
}

void api_import_answer(api_req_t *r, json_t *result, bool is_written, size_t n_errors) {
    r->out = result;
    if (is_written) return;
    /* the uniform error shape, plus the row-level table */
    json_object_set_new(r->out, "error", json_string("invalid_rows"));
    json_object_set_new(
        r->out, "message",
        json_string(arena_printf(r->a, "发现 %zu 处错误，未写入任何数据 / %zu errors found; nothing was written",
                                 n_errors, n_errors)));
    json_object_set_new(r->out, "field", json_string("file"));
    r->status = 400;
}
