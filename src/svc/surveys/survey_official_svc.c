/* The official survey the county only distributes (next.md §0.1): the 社会认可度 survey of the
 * national assessment is run by an institution the ministry commissions, and "省、县(市、区)及
 * 学校相关人员不会接触到任何作答数据". The office records the institution's answering URL and the
 * targets per school and group, prints posters with its QR code, and keeps progress by the
 * counts the institution publishes. dudao stores no answer of it. */
#include <string.h>

#include "docs/surveys/survey_docs.h"
#include "store/surveys/survey_official_store.h"
#include "store/surveys/survey_store.h"
#include "svc/surveys/survey_svc.h"
#include "util/timeutil.h"

enum { OFFICIAL_MAX_CELLS = 500, OFFICIAL_MAX_TARGET = 100000 };

static json_t *official_json(const survey_official_row_t *o) {
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:I, s:I, s:o}", "id", (json_int_t)o->id,
                     "region_code", o->region_code, "region_name", o->region_name, "title", o->title, "institution",
                     o->institution, "url", o->url, "opens_on", o->opens_on, "closes_on", o->closes_on, "status",
                     o->status, "created_at", svc_jtime(o->created_at), "target", (json_int_t)o->target, "collected",
                     (json_int_t)o->collected, "rate",
                     o->target ? json_real((double)o->collected / (double)o->target) : json_null());
}

static json_t *cell_json(const survey_official_cell_row_t *c) {
    return json_pack("{s:I, s:I, s:s, s:o, s:o, s:I, s:I, s:o, s:o}", "id", (json_int_t)c->id, "position",
                     (json_int_t)c->position, "group_name", c->group_name, "school_id", svc_jid(c->school_id),
                     "school_name", svc_jstr(c->school_name), "target", (json_int_t)c->target, "collected",
                     (json_int_t)c->collected, "reported_on", svc_jstr(c->reported_on), "updated_at",
                     svc_jtime(c->updated_at));
}

err_t *survey_svc_officials(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_official_row_t *rows;
    size_t n;
    scope_t sc = scope_region(who->region_path);
    if ((e = survey_official_store_list(db, a, &sc, &rows, &n))) return e;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, official_json(&rows[i]));
    *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
    return NULL;
}

static err_t *get_official(db_t *db, arena_t *a, const actor_t *who, int64_t id, survey_official_row_t *o) {
    bool found = false;
    scope_t sc = scope_region(who->region_path);
    err_t *e = survey_official_store_get(db, a, &sc, id, o, &found);
    if (!e && !found)
        e = err_newf(a, ERR_NOT_FOUND, "id", "正式调查 %lld 不存在", "official survey %lld not found", (long long)id);
    return e;
}

err_t *survey_svc_official_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_official_row_t o;
    survey_official_cell_row_t *cells;
    size_t n;
    if ((e = get_official(db, a, who, id, &o)) || (e = survey_official_store_cells(db, a, id, &cells, &n))) return e;
    json_t *j = official_json(&o), *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, cell_json(&cells[i]));
    json_object_set_new(j, "cells", arr);
    json_object_set_new(j, "note",
                        json_string("作答数据由实施机构管理，本系统只记录发放对象和机构公布的回收数。 / "
                                    "The institution holds the answers; dudao keeps only targets and the "
                                    "counts it publishes."));
    *out = j;
    return NULL;
}

static bool is_http_url(const char *u) {
    return u && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0) && strlen(u) <= 500 &&
           !strpbrk(u, " \t\r\n\"<>");
}

static err_t *official_in(arena_t *a, const actor_t *who, const json_t *body, survey_official_row_t *o) {
    o->title = json_string_value(json_object_get(body, "title"));
    o->institution = json_string_value(json_object_get(body, "institution"));
    o->url = json_string_value(json_object_get(body, "url"));
    o->opens_on = json_string_value(json_object_get(body, "opens_on"));
    o->closes_on = json_string_value(json_object_get(body, "closes_on"));
    o->region_code = json_string_value(json_object_get(body, "region_code"));
    if (!o->region_code) o->region_code = who->region_code;
    if (!o->title || !*o->title || strlen(o->title) > 200)
        return err_new(a, ERR_INVALID, "title", "请填写调查名称（200 字节以内）", "a title is required");
    if (!o->institution || !*o->institution || strlen(o->institution) > 200)
        return err_new(a, ERR_INVALID, "institution", "请填写实施机构", "the institution is required");
    if (!is_http_url(o->url))
        return err_new(a, ERR_INVALID, "url", "请填写实施机构提供的作答链接（http 或 https）",
                       "the institution's answering URL (http or https) is required");
    if (!time_is_date(o->opens_on)) return err_new(a, ERR_INVALID, "opens_on", "开始日期无效", "invalid opens_on");
    if (!time_is_date(o->closes_on) || strcmp(o->closes_on, o->opens_on) < 0)
        return err_new(a, ERR_INVALID, "closes_on", "结束日期无效或早于开始日期",
                       "closes_on invalid or before opens_on");
    return NULL;
}

static err_t *cells_in(db_t *db, arena_t *a, const json_t *cells, const char *region_code, int64_t id) {
    size_t n = json_array_size(cells);
    if (!n || n > OFFICIAL_MAX_CELLS)
        return err_newf(a, ERR_INVALID, "cells", "请设置发放对象（1–%d 项）", "cells: 1 to %d targets",
                        OFFICIAL_MAX_CELLS, OFFICIAL_MAX_CELLS);
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(cells, i);
        const char *field = arena_printf(a, "cells[%zu]", i);
        survey_official_cell_row_t c = {.position = (int64_t)i + 1,
                                        .group_name = json_string_value(json_object_get(o, "group_name")),
                                        .school_id = json_integer_value(json_object_get(o, "school_id")),
                                        .target = json_integer_value(json_object_get(o, "target"))};
        if (!c.group_name || !*c.group_name || strlen(c.group_name) > 60)
            return err_new(a, ERR_INVALID, field, "请填写调查对象（如 家长）", "group_name is required");
        if (c.target < 1 || c.target > OFFICIAL_MAX_TARGET)
            return err_newf(a, ERR_INVALID, field, "目标人数应为 1–%d", "target: 1 to %d", OFFICIAL_MAX_TARGET,
                            OFFICIAL_MAX_TARGET);
        const char *name = NULL;
        err_t *e = c.school_id ? survey_store_school_name(db, a, c.school_id, region_code, &name) : NULL;
        if (e) return e;
        if (c.school_id && !name)
            return err_new(a, ERR_INVALID, field, "学校不在本次调查的区域内",
                           "the school is not in the survey's region");
        if ((e = survey_official_store_cell_insert(db, a, id, &c))) return e;
    }
    return NULL;
}

err_t *survey_svc_official_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *body, json_t **out) {
    survey_official_row_t o = {0};
    err_t *e = official_in(a, who, body, &o);
    if (e) return e;
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    int64_t id = 0;
    o.created_at = time_now();
    if (!(e = svc_region_filter(db, a, who, o.region_code)) &&
        !(e = survey_official_store_insert(db, a, &o, who->user_id, &id)))
        e = cells_in(db, a, json_object_get(body, "cells"), o.region_code, id);
    if (!e) {
        json_t *after = json_pack("{s:s, s:s, s:s}", "title", o.title, "institution", o.institution, "url", o.url);
        e = svc_audit(db, a, who, "create", "survey_official", svc_id_text(a, id), o.region_code, NULL, after);
        json_decref(after);
    }
    e = svc_end(db, a, e);
    return e ? e : survey_svc_official_get(s, a, who, id, out);
}

err_t *survey_svc_official_progress(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const json_t *cells,
                                    json_t **out) {
    size_t n = json_array_size(cells);
    if (!n || n > OFFICIAL_MAX_CELLS)
        return err_new(a, ERR_INVALID, "cells", "请填写各发放对象的回收数", "cells: the counts per target");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_official_row_t o;
    char today[11];
    time_today_cn(today, sizeof today);
    int64_t now = time_now();
    if (!(e = get_official(db, a, who, id, &o)) && strcmp(o.status, "open") != 0)
        e = err_new(a, ERR_CONFLICT, "id", "调查已结束", "the survey is closed");
    for (size_t i = 0; i < n && !e; i++) {
        const json_t *c = json_array_get(cells, i);
        const char *field = arena_printf(a, "cells[%zu]", i);
        const json_t *col = json_object_get(c, "collected");
        const char *day = json_string_value(json_object_get(c, "reported_on"));
        if (!day) day = today;
        bool changed = false;
        if (!json_is_integer(col) || json_integer_value(col) < 0 || json_integer_value(col) > OFFICIAL_MAX_TARGET * 10)
            e = err_new(a, ERR_INVALID, field, "回收数应为非负整数", "collected must be a whole number ≥ 0");
        else if (!time_is_date(day) || strcmp(day, today) > 0)
            e = err_new(a, ERR_INVALID, field, "公布日期无效或在今天之后", "reported_on invalid or in the future");
        else if (!(e = survey_official_store_progress(db, a, id, json_integer_value(json_object_get(c, "id")),
                                                      json_integer_value(col), day, now, &changed)) &&
                 !changed)
            e = err_new(a, ERR_INVALID, field, "发放对象不属于本次调查", "no such target in this survey");
    }
    if (!e) {
        json_t *after = json_pack("{s:O}", "cells", cells);
        e = svc_audit(db, a, who, "progress", "survey_official", svc_id_text(a, id), o.region_code, NULL, after);
        json_decref(after);
    }
    e = svc_end(db, a, e);
    return e ? e : survey_svc_official_get(s, a, who, id, out);
}

err_t *survey_svc_official_close(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_official_row_t o;
    bool changed = false;
    if (!(e = get_official(db, a, who, id, &o)) && !(e = survey_official_store_close(db, a, id, &changed)) && !changed)
        e = err_new(a, ERR_CONFLICT, "id", "调查已结束", "the survey is already closed");
    if (!e) e = svc_audit(db, a, who, "close", "survey_official", svc_id_text(a, id), o.region_code, NULL, NULL);
    e = svc_end(db, a, e);
    return e ? e : survey_svc_official_get(s, a, who, id, out);
}

err_t *survey_svc_official_posters(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *pdf,
                                   const char **filename) {
    *filename = "调查二维码海报.pdf";
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_official_row_t o;
    survey_official_cell_row_t *cells;
    size_t n;
    if ((e = get_official(db, a, who, id, &o)) || (e = survey_official_store_cells(db, a, id, &cells, &n))) return e;
    survey_poster_t *p = arena_alloc(a, (n + 1) * sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = (survey_poster_t){cells[i].group_name, cells[i].school_name, (long long)cells[i].target};
    return survey_posters_pdf(a, o.title, o.institution, o.url, arena_printf(a, "%s教育督导部门", o.region_name), p, n,
                              pdf);
}
