/* The OpenAPI 3 document, generated from the route table so it always lists every route
 * with its roles, body fields and query parameters. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/api_agg.h"
#include "core/roles.h"

static const char *openapi_type(api_ftype_t t) {
    static const char *names[] = {"string", "integer", "boolean", "object", "array", "number"};
    return names[t];
}

static json_t *openapi_error_response(const char *desc) {
    return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", desc, "content", "application/json", "schema", "$ref",
                     "#/components/schemas/Error");
}

static json_t *openapi_roles(unsigned roles) {
    json_t *arr = json_array();
    for (unsigned bit = 1; bit <= ROLE_AUDITOR; bit <<= 1)
        if (roles & bit) json_array_append_new(arr, json_string(role_name((role_t)bit)));
    return arr;
}

/* A declared query parameter with the schema the dispatcher enforces. */
static json_t *openapi_query_param(const api_param_t *q) {
    json_t *schema = json_object();
    switch (q->type) {
    case PT_STRING: json_object_set_new(schema, "type", json_string("string")); break;
    case PT_INT:
        json_object_set_new(schema, "type", json_string("integer"));
        json_object_set_new(schema, "minimum", json_integer(q->min));
        json_object_set_new(schema, "maximum", json_integer(q->max));
        break;
    case PT_NUMBER: json_object_set_new(schema, "type", json_string("number")); break;
    case PT_BOOL: json_object_set_new(schema, "type", json_string("boolean")); break;
    case PT_DATE:
        json_object_set_new(schema, "type", json_string("string"));
        json_object_set_new(schema, "format", json_string("date"));
        break;
    case PT_ENUM: {
        json_t *values = json_array();
        for (const char *p = q->values; p && *p;) {
            const char *bar = strchr(p, '|');
            size_t n = bar ? (size_t)(bar - p) : strlen(p);
            json_array_append_new(values, json_stringn(p, n));
            p = bar ? bar + 1 : NULL;
        }
        json_object_set_new(schema, "type", json_string("string"));
        json_object_set_new(schema, "enum", values);
        break;
    }
    }
    return json_pack("{s:s, s:s, s:s, s:b, s:o}", "name", q->name, "in", "query", "description", q->doc, "required",
                     q->is_required, "schema", schema);
}

static json_t *openapi_operation(const api_route_t *rt) {
    json_t *op = json_object();
    json_object_set_new(op, "summary", json_string(rt->summary));
    json_object_set_new(op, "tags", json_pack("[s]", rt->tag));
    /* a stable identifier client generators can use: get_api_v1_users_id */
    char opid[160];
    size_t k = 0;
    for (const char *m = rt->method; *m && k < sizeof opid - 1; m++)
        opid[k++] = (char)(*m | 0x20);
    for (const char *p = rt->path; *p && k < sizeof opid - 1; p++) {
        char ch = *p;
        if (ch == '{' || ch == '}') continue;
        opid[k++] = (ch == '/' || ch == '.' || ch == '-') ? '_' : ch;
    }
    opid[k] = '\0';
    json_object_set_new(op, "operationId", json_string(opid));
    json_t *params = json_array();
    /* path parameters from {name} segments */
    for (const char *p = strchr(rt->path, '{'); p; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        if (!end) break;
        char name[64];
        size_t n = (size_t)(end - p - 1) < sizeof name - 1 ? (size_t)(end - p - 1) : sizeof name - 1;
        memcpy(name, p + 1, n);
        name[n] = '\0';
        bool is_id = n >= 2 && strcmp(name + n - 2, "id") == 0;
        json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name, "in", "path", "required", 1,
                                                "schema", "type", is_id ? "integer" : "string"));
    }
    for (const api_param_t *q = rt->query; q && q->name; q++)
        json_array_append_new(params, openapi_query_param(q));
    if (json_array_size(params))
        json_object_set_new(op, "parameters", params);
    else
        json_decref(params);
    if (rt->fields) {
        json_t *props = json_object(), *required = json_array();
        for (const api_field_t *f = rt->fields; f->name; f++) {
            json_t *prop = json_pack("{s:s, s:s}", "type", openapi_type(f->type), "description", f->doc);
            if (f->is_nullable) json_object_set_new(prop, "nullable", json_true());
            json_object_set_new(props, f->name, prop);
            if (f->is_required) json_array_append_new(required, json_string(f->name));
        }
        json_t *schema = json_pack("{s:s, s:o, s:b}", "type", "object", "properties", props, "additionalProperties", 0);
        if (json_array_size(required))
            json_object_set_new(schema, "required", required);
        else
            json_decref(required);
        json_object_set_new(
            op, "requestBody",
            json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", "application/json", "schema", schema));
    }
    json_t *responses = json_object();
    char status[8];
    snprintf(status, sizeof status, "%d", rt->ok_status);
    json_object_set_new(responses, status,
                        json_pack("{s:s}", "description", rt->ok_status == 204 ? "无内容 / no content" : "成功 / OK"));
    bool is_write = strcmp(rt->method, "GET") != 0;
    if (rt->fields || rt->query || (is_write && rt->body_limit))
        json_object_set_new(responses, "400", openapi_error_response("请求无效 / bad request"));
    if (is_write && rt->roles)
        json_object_set_new(responses, "409", openapi_error_response("冲突（如重复的代码或用户名）/ conflict"));
    if (strstr(rt->path, "/auth/login")) {
        json_object_set_new(responses, "401", openapi_error_response("用户名或密码错误 / wrong username or password"));
        json_object_set_new(responses, "423", openapi_error_response("账号已锁定 / account locked"));
    }
    if (rt->roles) {
        json_object_set_new(responses, "401", openapi_error_response("未登录 / not logged in"));
        json_object_set_new(responses, "403",
                            openapi_error_response("无权限或 CSRF 令牌错误 / forbidden or bad CSRF token"));
        json_object_set_new(op, "security", json_pack("[{s:[]}]", "session"));
        json_object_set_new(op, "x-roles", openapi_roles(rt->roles));
    }
    /* a path object, or a referenced one (region, school, zone) outside the caller's scope */
    if (strchr(rt->path, '{') || rt->fields || rt->query)
        json_object_set_new(responses, "404",
                            openapi_error_response("不存在或不在权限范围内 / not found or outside your scope"));
    if (strstr(rt->path, "/auth/password"))
        json_object_set_new(responses, "423",
                            openapi_error_response("原密码错误次数过多，账号已锁定 / locked after wrong guesses"));
    if (rt->body_limit) json_object_set_new(responses, "413", openapi_error_response("请求体过大 / body too large"));
    json_object_set_new(op, "responses", responses);
    return op;
}

json_t *api_openapi(void) {
    json_t *paths = json_object();
    for (const api_route_table_t *const *t = api_route_tables; *t; t++)
        for (size_t i = 0; i < (*t)->n_routes; i++) {
            const api_route_t *rt = &(*t)->routes[i];
            json_t *item = json_object_get(paths, rt->path);
            if (!item) {
                item = json_object();
                json_object_set_new(paths, rt->path, item);
            }
            char method[16];
            size_t n = strlen(rt->method);
            for (size_t k = 0; k <= n && k < sizeof method; k++)
                method[k] = (char)(rt->method[k] >= 'A' && rt->method[k] <= 'Z' ? rt->method[k] + 32 : rt->method[k]);
            json_object_set_new(item, method, openapi_operation(rt));
        }
    json_t *error = json_pack("{s:s, s:[s,s], s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}}}", "type", "object",
                              "required", "error", "message", "properties", "error", "type", "string", "description",
                              "机器码 / machine code", "message", "type", "string", "description", "中文 / English",
                              "field", "type", "string", "description", "出错的字段 / field at fault");
    json_t *doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:{s:o}, s:{s:{s:s, s:s, s:s}}}}", "openapi", "3.0.3", "info",
                     "title", "dudao 教育督导平台 API", "version", "1", "description",
                     "所有修改请求须携带 X-CSRF-Token 请求头 / every mutating request needs the X-CSRF-Token header",
                     "paths", paths, "components", "schemas", "Error", error, "securitySchemes", "session", "type",
                     "apiKey", "in", "cookie", "name", "dudao_session");
    /* the aggregates, from their descriptors (core/aggregate.h) */
    json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    for (const agg_t *const *g = api_aggregates; *g; g++) {
        char name[64];
        api_agg_schema_name(*g, name, sizeof name);
        json_object_set_new(schemas, name, api_agg_schema(*g));
    }
    return doc;
}
