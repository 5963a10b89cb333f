#include "svc/findings/bulletin_svc.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc_no.h"
#include "docs/official_doc.h"
#include "store/findings/bulletin_store.h"
#include "store/findings/finding_store.h"
#include "store/platform/doc_counter_store.h"
#include "store/platform/region_store.h"
#include "svc/findings/finding_svc.h"
#include "util/timeutil.h"

static json_t *jstr(const char *s) {
    return s ? json_string(s) : json_null();
}

static json_t *jtime(int64_t t) {
    if (!t) return json_null();
    char buf[32];
    time_format_iso(t, buf, sizeof buf);
    return json_string(buf);
}

static size_t utf8_first_len(const char *s) {
    unsigned char c = (unsigned char)s[0];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return strlen(s) < n ? strlen(s) : n;
}

const char *bulletin_redact(arena_t *a, const char *text, const json_t *names) {
    if (!text) return NULL;
    const char *cur = text;
    size_t i;
    json_t *v;
    json_array_foreach((json_t *)names, i, v) {
        const char *name = json_string_value(v);
        if (!name || strlen(name) < 2) continue;
        size_t n = strlen(name), first = utf8_first_len(name);
        buf_t b;
        buf_init(&b);
        const char *p = cur, *hit;
        while ((hit = strstr(p, name))) {
            buf_append(&b, p, (size_t)(hit - p));
            buf_append(&b, name, first);
            buf_puts(&b, "某");
            p = hit + n;
        }
        buf_puts(&b, p);
        cur = arena_strdup(a, b.p ? b.p : "");
        buf_free(&b);
    }
    return cur;
}

static json_t *redact_json(arena_t *a, const json_t *j, const json_t *names) {
    if (json_is_string(j)) return json_string(bulletin_redact(a, json_string_value(j), names));
    if (json_is_array(j)) {
        json_t *out = json_array();
        size_t i;
        json_t *v;
        json_array_foreach((json_t *)j, i, v) json_array_append_new(out, redact_json(a, v, names));
        return out;
    }
    if (json_is_object(j)) {
        json_t *out = json_object();
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)j, k, v) json_object_set_new(out, k, redact_json(a, v, names));
        return out;
    }
    return json_deep_copy(j);
}

/* ---- composing ---- */

static err_t *county_for(db_t *db, arena_t *a, const actor_t *who, const char *region_code, region_t *out) {
    const char *code = region_code ? region_code : who->region_code;
    err_t *e = region_store_get(db, a, who->region_path, code, out);
    if (e) return e;
    if (strcmp(out->level, "county") != 0)
        return err_new(a, ERR_INVALID, "region_code", "通报按县级区划编制", "a bulletin is composed for a county");
    return NULL;
}

/* The totals and their paragraph. */
static err_t *compose_totals(db_t *db, arena_t *a, const bulletin_period_t *p, const region_t *county, const char *from,
                             const char *to, const char *today, json_t *data, buf_t *body) {
    db_rows_t r;
    int64_t n_orders;
    err_t *e = bulletin_store_totals(db, a, p, today, &r);
    if (!e) e = bulletin_store_orders_count(db, a, p, p->to + 365 * 86400, &n_orders);
    if (e) return e;
    int64_t n_issued = db_cell_int(&r, 0, 0), n_schools = db_cell_int(&r, 0, 1), n_closed = db_cell_int(&r, 0, 2),
            n_overdue = db_cell_int(&r, 0, 3);
    json_object_set_new(data, "totals",
                        json_pack("{s:I, s:I, s:I, s:I, s:I}", "n_issued", (json_int_t)n_issued, "n_schools",
                                  (json_int_t)n_schools, "n_closed", (json_int_t)n_closed, "n_overdue",
                                  (json_int_t)n_overdue, "n_orders", (json_int_t)n_orders));
    buf_printf(body,
               "%s至%s，%s教育督导室共下发督导问题整改通知书%lld件，涉及学校%lld所；已整改销号%lld件，销号率%.1f%%；"
               "截至%s，逾期未整改%lld件，累计发出督办单%lld份。",
               official_doc_date_cn(a, from), official_doc_date_cn(a, to), county->name, (long long)n_issued,
               (long long)n_schools, (long long)n_closed, n_issued ? 100.0 * (double)n_closed / (double)n_issued : 0.0,
               official_doc_date_cn(a, today), (long long)n_overdue, (long long)n_orders);
    return NULL;
}

/* By category, and the towns ranked by closure rate. */
static err_t *compose_groups(db_t *db, arena_t *a, const bulletin_period_t *p, json_t *data, buf_t *body) {
    db_rows_t r;
    err_t *e = bulletin_store_by_category(db, a, p, &r);
    if (e) return e;
    json_t *cats = json_array();
    if (r.n_rows) buf_puts(body, "\n\n从问题类别看：");
    for (size_t i = 0; i < r.n_rows; i++) {
        json_array_append_new(
            cats, json_pack("{s:s, s:I}", "category", db_cell(&r, i, 0), "n", (json_int_t)db_cell_int(&r, i, 1)));
        buf_printf(body, "%s%s%lld件", i ? "，" : "", db_cell(&r, i, 0), (long long)db_cell_int(&r, i, 1));
    }
    if (r.n_rows) buf_puts(body, "。");
    json_object_set_new(data, "by_category", cats);
    if ((e = bulletin_store_towns(db, a, p, &r))) return e;
    json_t *towns = json_array();
    for (size_t i = 0; i < r.n_rows; i++) {
        int64_t n = db_cell_int(&r, i, 1), c = db_cell_int(&r, i, 2);
        json_array_append_new(towns, json_pack("{s:i, s:s, s:I, s:I, s:f}", "rank", (int)i + 1, "name",
                                               db_cell(&r, i, 0), "n", (json_int_t)n, "n_closed", (json_int_t)c,
                                               "closure_rate", n ? (double)c / (double)n : 0.0));
    }
    if (r.n_rows > 1) {
        buf_printf(body, "\n\n从乡镇（街道）看，整改销号率最高的是%s（%lld/%lld），最低的是%s（%lld/%lld）。",
                   db_cell(&r, 0, 0), (long long)db_cell_int(&r, 0, 2), (long long)db_cell_int(&r, 0, 1),
                   db_cell(&r, r.n_rows - 1, 0), (long long)db_cell_int(&r, r.n_rows - 1, 2),
                   (long long)db_cell_int(&r, r.n_rows - 1, 1));
    }
    json_object_set_new(data, "towns", towns);
    return NULL;
}

/* The schools with the most findings; their principals go to names. */
static err_t *compose_schools(db_t *db, arena_t *a, const bulletin_period_t *p, json_t *data, buf_t *body,
                              json_t *names) {
    db_rows_t r;
    err_t *e = bulletin_store_top_schools(db, a, p, &r);
    if (e) return e;
    json_t *schools = json_array();
    if (r.n_rows) buf_puts(body, "\n\n问题较多的学校：");
    for (size_t i = 0; i < r.n_rows; i++) {
        json_array_append_new(schools, json_pack("{s:i, s:s, s:I, s:I}", "rank", (int)i + 1, "name", db_cell(&r, i, 0),
                                                 "n", (json_int_t)db_cell_int(&r, i, 1), "n_closed",
                                                 (json_int_t)db_cell_int(&r, i, 2)));
        buf_printf(body, "%s%s（%lld件）", i ? "、" : "", db_cell(&r, i, 0), (long long)db_cell_int(&r, i, 1));
        if (db_cell(&r, i, 3)) json_array_append_new(names, json_string(db_cell(&r, i, 3)));
    }
    if (r.n_rows) buf_puts(body, "。");
    json_object_set_new(data, "schools", schools);
    return NULL;
}

/* The named overdue cases; their responsible persons go to names. */
static err_t *compose_overdue(db_t *db, arena_t *a, const region_t *county, const char *today, json_t *data,
                              buf_t *body, json_t *names) {
    db_rows_t r;
    err_t *e = bulletin_store_overdue_cases(db, a, county->path, today, &r);
    if (e) return e;
    json_t *cases = json_array();
    if (r.n_rows) buf_puts(body, "\n\n逾期未整改的问题：");
    int today_d = 0;
    finding_date_to_days(today, &today_d);
    for (size_t i = 0; i < r.n_rows; i++) {
        int dl = today_d;
        finding_date_to_days(db_cell(&r, i, 2), &dl);
        json_array_append_new(cases, json_pack("{s:s, s:s, s:s, s:i, s:o}", "unit", db_cell(&r, i, 0), "description",
                                               db_cell(&r, i, 1), "deadline", db_cell(&r, i, 2), "days_overdue",
                                               today_d - dl, "order_no", jstr(db_cell(&r, i, 4))));
        buf_printf(body, "%s%zu. %s：%s（整改期限%s，已逾期%d天%s%s）", "\n", i + 1, db_cell(&r, i, 0),
                   db_cell(&r, i, 1), official_doc_date_cn(a, db_cell(&r, i, 2)), today_d - dl,
                   db_cell(&r, i, 4) ? "，已发督办单" : "", db_cell(&r, i, 4) ? db_cell(&r, i, 4) : "");
        if (db_cell(&r, i, 3)) json_array_append_new(names, json_string(db_cell(&r, i, 3)));
    }
    json_object_set_new(data, "overdue_cases", cases);
    return NULL;
}

/* Every person the county's data knows, added to names, then unique (a new array). */
static err_t *compose_names(db_t *db, arena_t *a, const region_t *county, json_t **names) {
    db_rows_t r;
    err_t *e = bulletin_store_person_names(db, a, county->path, &r);
    if (e) return e;
    for (size_t i = 0; i < r.n_rows; i++)
        json_array_append_new(*names, json_string(db_cell(&r, i, 0)));
    json_t *uniq = json_array();
    size_t k;
    json_t *v;
    json_array_foreach(*names, k, v) {
        bool is_dup = false;
        for (size_t m = 0; m < json_array_size(uniq) && !is_dup; m++)
            is_dup = json_equal(json_array_get(uniq, m), v);
        if (!is_dup) json_array_append(uniq, v);
    }
    json_decref(*names);
    *names = uniq;
    return NULL;
}

/* Stores the composed draft and audits it. */
static err_t *compose_save(db_t *db, arena_t *a, const actor_t *who, const region_t *county, const char *from,
                           const char *to, const char *title, const buf_t *body, json_t *data, json_t *names,
                           int64_t *id) {
    const char *t = title ? title
                          : arena_printf(a, "关于%s至%s督导问题整改情况的通报", official_doc_date_cn(a, from),
                                         official_doc_date_cn(a, to));
    char *data_text = json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS);
    char *names_text = json_dumps(names, JSON_COMPACT);
    bulletin_new_t b = {.county_code = county->code,
                        .title = t,
                        .period_from = from,
                        .period_to = to,
                        .body = body->p,
                        .data_json = data_text,
                        .redactions_json = names_text,
                        .composed_by = who->user_id,
                        .now = time_now()};
    err_t *e = bulletin_store_insert(db, a, &b, id);
    free(data_text);
    free(names_text);
    if (e) return e;
    json_t *after = json_pack("{s:s, s:s, s:s}", "title", t, "period_from", from, "period_to", to);
    e = svc_audit(db, a, who, "create", "bulletin", arena_printf(a, "%" PRId64, *id), county->code, NULL, after);
    json_decref(after);
    return e;
}

err_t *bulletin_svc_compose(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *from,
                            const char *to, const char *title, json_t **out) {
    if (!from || !time_is_date(from) || !to || !time_is_date(to) || strcmp(from, to) > 0)
        return err_new(a, ERR_INVALID, "period_from", "请给出起止日期（YYYY-MM-DD，起不晚于止）",
                       "give period_from ≤ period_to as YYYY-MM-DD");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    region_t county;
    json_t *data = json_object(), *names = json_array();
    buf_t body;
    buf_init(&body);
    int64_t id = 0;
    if ((e = county_for(db, a, who, region_code, &county))) goto done;
    int64_t t0 = 0, t1 = 0;
    time_parse_date(from, &t0);
    time_parse_date(to, &t1);
    bulletin_period_t p = {.county_path = county.path,
                           .from = t0 - 8 * 3600,        /* Asia/Shanghai midnight */
                           .to = t1 + 86400 - 8 * 3600}; /* through the end of the last day */
    const char *today = finding_today(a);
    if ((e = compose_totals(db, a, &p, &county, from, to, today, data, &body)) ||
        (e = compose_groups(db, a, &p, data, &body)) || (e = compose_schools(db, a, &p, data, &body, names)) ||
        (e = compose_overdue(db, a, &county, today, data, &body, names)))
        goto done;
    buf_puts(&body, "\n\n请各学校对照问题清单，举一反三，切实整改到位；对逾期仍未整改的，将依据《教育督导问责办法》"
                    "严肃问责。");
    /* unique, in the order met: principals and responsible persons, then the county's people */
    if ((e = compose_names(db, a, &county, &names)) ||
        (e = compose_save(db, a, who, &county, from, to, title, &body, data, names, &id)))
        goto done;
    e = svc_end(db, a, NULL), db = NULL;
    if (!e) e = bulletin_svc_get(s, a, who, id, out);
done:
    json_decref(data);
    json_decref(names);
    buf_free(&body);
    return db ? svc_end(db, a, e) : e;
}

static json_t *bulletin_json(const db_rows_t *r, size_t i, bool is_public) {
    json_t *data = json_loads(db_cell(r, i, 7), 0, NULL), *names = json_loads(db_cell(r, i, 8), 0, NULL);
    if (!names) names = json_array();
    json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)db_cell_int(r, i, 0),
                          "region_code", db_cell(r, i, 1), "county_name", db_cell(r, i, 2), "title", db_cell(r, i, 3),
                          "period_from", db_cell(r, i, 4), "period_to", db_cell(r, i, 5), "state", db_cell(r, i, 9),
                          "bulletin_no", jstr(db_cell(r, i, 10)), "published_at", jtime(db_cell_int(r, i, 14)),
                          "office", json_string(""));
    json_object_set_new(j, "office", json_pack("s+", db_cell(r, i, 2), "人民政府教育督导室"));
    if (is_public) {
        arena_t tmp;
        arena_init(&tmp);
        json_object_set_new(j, "title", json_string(bulletin_redact(&tmp, db_cell(r, i, 3), names)));
        json_object_set_new(j, "body", json_string(bulletin_redact(&tmp, db_cell(r, i, 6), names)));
        json_object_set_new(j, "data", data ? redact_json(&tmp, data, names) : json_object());
        arena_free(&tmp);
        json_decref(data);
        json_decref(names);
    } else {
        json_object_set_new(j, "body", json_string(db_cell(r, i, 6)));
        json_object_set_new(j, "data", data ? data : json_object());
        json_object_set_new(j, "redactions", names);
        json_object_set_new(j, "composed_by", jstr(db_cell(r, i, 17)));
        json_object_set_new(j, "composed_by_id", json_integer(db_cell_int(r, i, 11)));
        json_object_set_new(j, "approved_by", jstr(db_cell(r, i, 18)));
        json_object_set_new(j, "approved_at", jtime(db_cell_int(r, i, 13)));
        json_object_set_new(j, "created_at", jtime(db_cell_int(r, i, 15)));
        json_object_set_new(j, "updated_at", jtime(db_cell_int(r, i, 16)));
    }
    return j;
}

static err_t *bulletin_load(db_t *db, arena_t *a, const actor_t *who, int64_t id, db_rows_t *r) {
    scope_t sc = who ? scope_region(who->region_path) : SCOPE_ALL;
    err_t *e = bulletin_store_get(db, a, who ? &sc : NULL, id, r);
    if (!e && !r->n_rows) e = err_new(a, ERR_NOT_FOUND, "id", "通报不存在", "no such bulletin");
    return e;
}

/* bulletin_load, then ERR_CONFLICT (field "state", the message given) unless it is in state. */
static err_t *bulletin_load_in(db_t *db, arena_t *a, const actor_t *who, int64_t id, const char *state,
                               const char *zh, const char *en, db_rows_t *r) {
    err_t *e = bulletin_load(db, a, who, id, r);
    if (!e && strcmp(db_cell(r, 0, 9), state) != 0) e = err_new(a, ERR_CONFLICT, "state", zh, en);
    return e;
}

err_t *bulletin_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    db_rows_t r;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = bulletin_load(db, a, who, id, &r);
    if (!e) *out = bulletin_json(&r, 0, false);
    return e;
}

err_t *bulletin_svc_list(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    db_rows_t r;
    err_t *e = svc_db(s, a, &db);
    scope_t sc = scope_region(who->region_path);
    if (!e) e = bulletin_store_list(db, a, &sc, &r);
    if (e) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < r.n_rows; i++) {
        json_t *j = bulletin_json(&r, i, false);
        json_object_del(j, "body");
        json_object_del(j, "data");
        json_array_append_new(arr, j);
    }
    *out = json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)r.n_rows);
    return NULL;
}

/* Records who changed the draft and what, so the two-person rule can exclude them. */
static err_t *bulletin_record_edit(db_t *db, arena_t *a, const actor_t *who, int64_t id, const char *title,
                                   const char *body, const json_t *redactions) {
    json_t *changes = json_array();
    if (title) json_array_append_new(changes, json_string("title"));
    if (body) json_array_append_new(changes, json_string("body"));
    if (redactions) json_array_append_new(changes, json_string("redactions"));
    char *text = json_dumps(changes, JSON_COMPACT);
    json_decref(changes);
    err_t *e = bulletin_store_record_edit(db, a, id, who->user_id, text, time_now());
    free(text);
    return e;
}

err_t *bulletin_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *title, const char *body,
                           const json_t *redactions, json_t **out) {
    if (title && (!*title || strlen(title) > 300)) return err_new(a, ERR_INVALID, "title", "标题无效", "bad title");
    if (body && strlen(body) > 200000) return err_new(a, ERR_INVALID, "body", "正文过长", "the text is too long");
    size_t i;
    json_t *v;
    json_array_foreach((json_t *)redactions, i, v) if (!json_is_string(v)) return err_new(
        a, ERR_INVALID, "redactions", "隐去的姓名应为字符串", "names are strings");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    db_rows_t r;
    if ((e = bulletin_load_in(db, a, who, id, "draft", "已审核的通报不能修改",
                              "an approved bulletin cannot be edited", &r)))
        goto done;
    char *names = redactions ? json_dumps(redactions, JSON_COMPACT) : NULL;
    e = bulletin_store_update(db, a, id, title ? title : db_cell(&r, 0, 3), body ? body : db_cell(&r, 0, 6),
                              names ? names : db_cell(&r, 0, 8), time_now());
    free(names);
    if (!e) e = bulletin_record_edit(db, a, who, id, title, body, redactions);
    if (e) goto done;
    json_t *before = json_pack("{s:s}", "title", db_cell(&r, 0, 3));
    if ((e = bulletin_load(db, a, who, id, &r))) {
        json_decref(before);
        goto done;
    }
    json_t *after = json_pack("{s:s, s:b}", "title", db_cell(&r, 0, 3), "body_changed", body != NULL);
    json_object_set_new(before, "body_changed", json_false());
    e = svc_audit_change(db, a, who, "bulletin", arena_printf(a, "%" PRId64, id), db_cell(&r, 0, 1), before, after);
    if (!e) *out = bulletin_json(&r, 0, false);
done:
    return svc_end(db, a, e);
}

err_t *bulletin_svc_approve(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    db_rows_t r;
    if ((e = bulletin_load_in(db, a, who, id, "draft", "只有草稿可以审核",
                              "only a draft can be approved", &r)))
        goto done;
    /* two persons: whoever composed or edited the draft (and so could have cleared its
     * redactions) cannot approve it */
    bool has_changed = true;
    if ((e = bulletin_store_changed_by(db, a, id, who->user_id, &has_changed))) goto done;
    if (has_changed) {
        e = err_new(a, ERR_FORBIDDEN, "approved_by", "通报须由未编制、未修改该稿的管理员或领导审核",
                    "a bulletin is approved by someone who neither composed nor edited it");
        goto done;
    }
    int64_t now = time_now();
    if ((e = bulletin_store_approve(db, a, id, who->user_id, now)) || (e = bulletin_load(db, a, who, id, &r)))
        goto done;
    json_t *after = json_pack("{s:s}", "state", "approved");
    e = svc_audit(db, a, who, "approve", "bulletin", arena_printf(a, "%" PRId64, id), db_cell(&r, 0, 1), NULL, after);
    json_decref(after);
    if (!e) *out = bulletin_json(&r, 0, false);
done:
    return svc_end(db, a, e);
}

err_t *bulletin_svc_publish(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    db_rows_t r;
    if ((e = bulletin_load_in(db, a, who, id, "approved", "通报须先审核再发布",
                              "a bulletin is approved before it is published", &r)))
        goto done;
    const char *today = finding_today(a);
    int64_t no;
    if ((e = doc_counter_next(db, a, db_cell(&r, 0, 1), atoi(today), "bulletin", &no))) goto done;
    const char *bno = svc_doc_no(db, a, db_cell(&r, 0, 1), db_cell(&r, 0, 2), "督通", atoi(today), no);
    if ((e = bulletin_store_publish(db, a, id, bno, time_now())) || (e = bulletin_load(db, a, who, id, &r))) goto done;
    json_t *after = json_pack("{s:s, s:s}", "state", "published", "bulletin_no", bno);
    e = svc_audit(db, a, who, "publish", "bulletin", arena_printf(a, "%" PRId64, id), db_cell(&r, 0, 1), NULL, after);
    json_decref(after);
    if (!e) *out = bulletin_json(&r, 0, false);
done:
    return svc_end(db, a, e);
}

err_t *bulletin_svc_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *out, const char **filename) {
    db_t *db;
    db_rows_t r;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = bulletin_load(db, a, who, id, &r);
    if (e) return e;
    json_t *j = bulletin_json(&r, 0, who == NULL);
    const char *body = arena_strdup(a, json_string_value(json_object_get(j, "body")));
    /* paragraphs: split at blank lines; single newlines stay inside a paragraph's layout */
    const char **paras = arena_alloc(a, 64 * sizeof *paras);
    size_t n = 0;
    char *p = (char *)body;
    while (p && *p && n < 64) {
        char *sep = strstr(p, "\n\n");
        if (sep) *sep = '\0';
        paras[n++] = p;
        p = sep ? sep + 2 : NULL;
    }
    const char *published = db_cell(&r, 0, 14);
    official_doc_t d = {
        .office = arena_strdup(a, json_string_value(json_object_get(j, "office"))),
        .doc_no = db_cell(&r, 0, 10),
        .title = arena_strdup(a, json_string_value(json_object_get(j, "title"))),
        .addressee = "各乡镇（街道）中心学校，各中小学、幼儿园：",
        .paragraphs = paras,
        .n_paragraphs = n,
        .date_text = official_doc_date_cn(a, published ? finding_today(a) : finding_today(a)),
    };
    if (published) {
        char iso[32];
        time_format_iso(db_cell_int(&r, 0, 14) + 8 * 3600, iso, sizeof iso);
        d.date_text = official_doc_date_cn(a, arena_printf(a, "%.10s", iso));
    }
    json_decref(j);
    *filename = arena_printf(a, "督导通报-%lld.pdf", (long long)id);
    return official_doc_pdf(a, &d, out);
}

err_t *bulletin_svc_public_list(svc_t *s, arena_t *a, json_t **out) {
    db_t *db;
    db_rows_t r;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = bulletin_store_public_list(db, a, &r);
    if (e) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < r.n_rows; i++) {
        json_t *j = bulletin_json(&r, i, true);
        json_object_del(j, "body");
        json_object_del(j, "data");
        json_array_append_new(arr, j);
    }
    *out = json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)r.n_rows);
    return NULL;
}

err_t *bulletin_svc_public_get(svc_t *s, arena_t *a, int64_t id, json_t **out) {
    db_t *db;
    db_rows_t r;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = bulletin_load(db, a, NULL, id, &r);
    if (!e) *out = bulletin_json(&r, 0, true);
    return e;
}
