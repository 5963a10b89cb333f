#include "svc/findings/decision_svc.h"

#include <stdlib.h>
#include <string.h>

#include "core/doc_no.h"
#include "store/findings/decision_store.h"
#include "store/platform/doc_counter_store.h"
#include "store/platform/region_store.h"
#include "store/roster/school_store.h"
#include "store/units/unit_store.h"
#include "util/timeutil.h"

#define MAX_ITEMS 50

static json_t *time_or_null(int64_t t) {
    if (!t) return json_null();
    char buf[32];
    time_format_iso(t, buf, sizeof buf);
    return json_string(buf);
}

static json_t *decision_json(const decision_t *d) {
    json_t *items = json_array();
    for (size_t i = 0; i < d->n_items; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s}", "n", (json_int_t)d->items[i].n, "text",
                                               d->items[i].text, "deadline", d->items[i].deadline));
    json_t *j = json_pack(
        "{s:I, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:o, s:s, s:o, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
        (json_int_t)d->id, "region_code", d->region_code, "school_id", svc_jid(d->school_id), "school_name",
        svc_jstr(d->school_name), "unit_id", svc_jid(d->unit_id), "unit_name", svc_jstr(d->unit_name), "target_name",
        d->unit_id ? d->unit_name : d->school_name, "title", d->title, "basis", svc_jstr(d->basis), "state", d->state,
        "order_no", svc_jstr(d->order_no), "issued_by", (json_int_t)d->issued_by, "issued_by_name",
        svc_jstr(d->issued_by_name), "created_at", time_or_null(d->created_at), "signed_by",
        d->signed_by ? json_integer(d->signed_by) : json_null(), "signed_by_name", svc_jstr(d->signed_by_name),
        "signed_at", time_or_null(d->signed_at), "sent_at", time_or_null(d->sent_at), "items", items);
    return j;
}

err_t *decision_svc_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *body, json_t **out) {
    json_t *sid = json_object_get(body, "school_id"), *uid = json_object_get(body, "unit_id"),
           *items = json_object_get(body, "items");
    const char *title = json_string_value(json_object_get(body, "title"));
    const char *basis = json_string_value(json_object_get(body, "basis"));
    bool is_school = json_is_integer(sid), is_unit = json_is_integer(uid);
    if (is_school == is_unit)
        return err_new(a, ERR_INVALID, is_unit ? "unit_id" : "school_id", "请选择一个督办对象：学校或被督导单位",
                       "address one school or one supervised unit");
    if (!title || !*title || strlen(title) > 200)
        return err_new(a, ERR_INVALID, "title", "请填写督办单标题", "the title is required");
    if (basis && strlen(basis) > 4000) return err_new(a, ERR_INVALID, "basis", "督办依据过长", "the basis is too long");
    size_t n = json_array_size(items);
    if (!json_is_array(items) || n == 0 || n > MAX_ITEMS)
        return err_new(a, ERR_INVALID, "items", "请列出督办事项（1–50 项），每项有期限",
                       "list the items (1-50), each with its deadline");
    char today[16];
    time_today_cn(today, sizeof today);
    decision_item_t *its = arena_alloc(a, n * sizeof *its);
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(items, i);
        const char *text = json_string_value(json_object_get(x, "text"));
        const char *dl = json_string_value(json_object_get(x, "deadline"));
        if (!text || !*text || strlen(text) > 4000)
            return err_newf(a, ERR_INVALID, "items", "第 %zu 项督办事项内容为空", "item %zu has no text", i + 1, i + 1);
        if (!dl || !time_is_date(dl) || strcmp(dl, today) < 0)
            return err_newf(a, ERR_INVALID, "items", "第 %zu 项的期限应为今天以后的 YYYY-MM-DD",
                            "item %zu: the deadline must be a date YYYY-MM-DD from today", i + 1, i + 1);
        its[i] = (decision_item_t){(int64_t)i + 1, text, dl};
    }
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    school_t sch = {0};
    unit_t unit = {0};
    region_t county;
    scope_t office = {.region_path = who->region_path};
    if ((e = is_school ? school_store_get(db, a, &office, json_integer_value(sid), &sch)
                       : unit_store_get(db, a, &office, json_integer_value(uid), &unit)) ||
        (e = region_store_get(db, a, who->region_path, who->region_code, &county)))
        goto done;
    if (is_unit && strcmp(unit.status, "active") != 0) {
        e = err_new(a, ERR_INVALID, "unit_id", "该单位已撤销", "the unit is closed");
        goto done;
    }
    decision_t d = {.region_code = is_school ? sch.region_code : unit.region_code,
                    .county_code = county.code,
                    .school_id = sch.id,
                    .unit_id = unit.id,
                    .title = title,
                    .basis = basis,
                    .issued_by = who->user_id,
                    .items = its,
                    .n_items = n};
    if ((e = decision_store_insert(db, a, &d, time_now()))) goto done;
    decision_t got;
    if ((e = decision_store_get(db, a, &(scope_t){.region_path = "/"}, d.id, &got))) goto done;
    *out = decision_json(&got);
    e = svc_audit(db, a, who, "create", "supervision_decision", svc_id_text(a, d.id), d.region_code, NULL, *out);
    if (e) json_decref(*out);
done:
    return svc_end(db, a, e);
}

err_t *decision_svc_list(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    decision_t *rows;
    size_t n;
    scope_t sc = scope_of(who);
    if (!e) e = decision_store_list(db, a, &sc, &rows, &n);
    if (e) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, decision_json(&rows[i]));
    *out = json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)n);
    return NULL;
}

err_t *decision_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    decision_t d;
    scope_t sc = scope_of(who);
    if (!e) e = decision_store_get(db, a, &sc, id, &d);
    if (!e) *out = decision_json(&d);
    return e;
}

err_t *decision_svc_sign(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    decision_t d;
    scope_t sc = scope_of(who);
    if ((e = decision_store_get(db, a, &sc, id, &d))) goto done;
    if (strcmp(d.state, "draft") != 0) {
        e = err_new(a, ERR_CONFLICT, "state", "督办单已签批", "the 督办单 is signed already");
        goto done;
    }
    if (d.issued_by == who->user_id) {
        e = err_new(a, ERR_FORBIDDEN, "signed_by", "督办单须由拟稿人以外的另一人签批",
                    "a second person signs off: not the issuer");
        goto done;
    }
    int64_t now = time_now();
    if ((e = decision_store_sign(db, a, id, who->user_id, now)) || (e = decision_store_get(db, a, &sc, id, &d)))
        goto done;
    *out = decision_json(&d);
    json_t *after = json_pack("{s:s, s:I}", "state", "signed", "signed_by", (json_int_t)who->user_id);
    e = svc_audit(db, a, who, "sign", "supervision_decision", svc_id_text(a, id), d.region_code, NULL, after);
    json_decref(after);
    if (e) json_decref(*out);
done:
    return svc_end(db, a, e);
}

err_t *decision_svc_send(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    decision_t d;
    region_t county;
    scope_t sc = scope_of(who);
    if ((e = decision_store_get(db, a, &sc, id, &d))) goto done;
    if (strcmp(d.state, "sent") == 0) {
        e = err_new(a, ERR_CONFLICT, "state", "督办单已发出", "the 督办单 was sent already");
        goto done;
    }
    if (strcmp(d.state, "signed") != 0) {
        e = err_new(a, ERR_CONFLICT, "state", "督办单未经签批，不能发出", "an unsigned 督办单 cannot be sent");
        goto done;
    }
    if ((e = region_store_get(db, a, "/", d.county_code, &county))) goto done;
    char today[16];
    time_today_cn(today, sizeof today);
    int year = atoi(today);
    int64_t seq;
    if ((e = doc_counter_next(db, a, county.code, year, "order", &seq))) goto done;
    const char *no = svc_doc_no(db, a, county.code, county.name, "督办", year, seq);
    int64_t now = time_now();
    if ((e = decision_store_send(db, a, id, year, seq, no, now)) || (e = decision_store_get(db, a, &sc, id, &d)))
        goto done;
    *out = decision_json(&d);
    json_t *after = json_pack("{s:s, s:s}", "state", "sent", "order_no", no);
    e = svc_audit(db, a, who, "send", "supervision_decision", svc_id_text(a, id), d.region_code, NULL, after);
    json_decref(after);
    if (e) json_decref(*out);
done:
    return svc_end(db, a, e);
}
