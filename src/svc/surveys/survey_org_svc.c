/* Third-party survey organisations (第三方评估机构) and the office's review of what they hand
 * in: an org is commissioned by a county office, runs the rounds assigned to it with its own
 * expiring accounts (svc/platform/user_svc: role evaluator), submits its results, and the
 * office accepts them (they then count in trends and the balance pre-assessment) or returns
 * them with a reason. */
#include <stddef.h>
#include <string.h>

#include "store/platform/region_store.h"
#include "store/surveys/survey_org_store.h"
#include "store/surveys/survey_store.h"
#include "svc/surveys/survey_svc.h"
#include "util/timeutil.h"

static json_t *org_json(const survey_org_row_t *o) {
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:I}", "id", (json_int_t)o->id,
                     "county_code", o->county_code, "county_name", o->county_name, "name", o->name, "credit_code",
                     o->credit_code, "contract_no", o->contract_no, "contact", o->contact, "status", o->status,
                     "created_at", svc_jtime(o->created_at), "updated_at", svc_jtime(o->updated_at), "n_accounts",
                     (json_int_t)o->n_accounts, "n_rounds", (json_int_t)o->n_rounds);
}

static json_t *accounts_json(const survey_org_account_row_t *rows, size_t n) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:b, s:o}", "id", (json_int_t)rows[i].user_id, "username",
                                             rows[i].username, "display_name", rows[i].display_name, "is_disabled",
                                             rows[i].is_disabled, "expires_at", svc_jtime(rows[i].expires_at)));
    return arr;
}

err_t *survey_svc_orgs(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_org_row_t *rows;
    size_t n;
    scope_t sc = survey_scope(who);
    if ((e = survey_org_store_list(db, a, &sc, &rows, &n))) return e;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, org_json(&rows[i]));
    *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
    return NULL;
}

static err_t *get_org(db_t *db, arena_t *a, const actor_t *who, int64_t id, survey_org_row_t *o) {
    bool found = false;
    scope_t sc = survey_scope(who);
    err_t *e = survey_org_store_get(db, a, &sc, id, o, &found);
    if (!e && !found)
        e = err_newf(a, ERR_NOT_FOUND, "id", "评估机构 %lld 不存在", "organisation %lld not found", (long long)id);
    return e;
}

err_t *survey_svc_org_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_org_row_t o;
    survey_org_account_row_t *acc;
    size_t n;
    if ((e = get_org(db, a, who, id, &o)) || (e = survey_org_store_accounts(db, a, id, &acc, &n))) return e;
    json_t *j = org_json(&o);
    json_object_set_new(j, "accounts", accounts_json(acc, n));
    *out = j;
    return NULL;
}

/* Applies the body's fields to o and checks them. */
static err_t *org_apply(arena_t *a, const json_t *body, survey_org_row_t *o) {
    static const struct {
        const char *key;
        size_t off, max;
    } fields[] = {
        {"name", offsetof(survey_org_row_t, name), 100},
        {"credit_code", offsetof(survey_org_row_t, credit_code), 18},
        {"contract_no", offsetof(survey_org_row_t, contract_no), 100},
        {"contact", offsetof(survey_org_row_t, contact), 200},
        {"status", offsetof(survey_org_row_t, status), 10},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = json_string_value(json_object_get(body, fields[i].key));
        if (!v) continue;
        if (strlen(v) > fields[i].max * 3) return err_new(a, ERR_INVALID, fields[i].key, "内容过长", "too long");
        *(const char **)((char *)o + fields[i].off) = v;
    }
    if (!o->name || !*o->name) return err_new(a, ERR_INVALID, "name", "请填写机构名称", "a name is required");
    if (*o->credit_code && strlen(o->credit_code) != 18)
        return err_new(a, ERR_INVALID, "credit_code", "统一社会信用代码应为 18 位",
                       "the credit code has 18 characters");
    if (strcmp(o->status, "active") != 0 && strcmp(o->status, "closed") != 0)
        return err_new(a, ERR_INVALID, "status", "状态应为 active 或 closed", "status: active | closed");
    return NULL;
}

err_t *survey_svc_org_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *body, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_org_row_t o = {.county_code = json_string_value(json_object_get(body, "county_code")),
                          .credit_code = "",
                          .contract_no = "",
                          .contact = "",
                          .status = "active"};
    if (!o.county_code) o.county_code = who->region_code;
    int64_t id = 0;
    region_t county;
    if (!(e = org_apply(a, body, &o)) && !(e = svc_region_filter(db, a, who, o.county_code)) &&
        !(e = region_store_get(db, a, who->region_path, o.county_code, &county))) {
        if (strcmp(county.level, "county") != 0)
            e = err_new(a, ERR_INVALID, "county_code", "评估机构由区县委托，请选择区县", "choose a county");
        else if (strcmp(o.status, "active") != 0)
            e = err_new(a, ERR_INVALID, "status", "新建机构应为 active", "a new organisation is active");
    }
    if (!e) e = survey_org_store_insert(db, a, &o, time_now(), &id);
    if (!e) {
        json_t *after =
            json_pack("{s:s, s:s, s:s}", "name", o.name, "credit_code", o.credit_code, "contract_no", o.contract_no);
        e = svc_audit(db, a, who, "create", "survey_org", svc_id_text(a, id), o.county_code, NULL, after);
        json_decref(after);
    }
    e = svc_end(db, a, e);
    return e ? e : survey_svc_org_get(s, a, who, id, out);
}

err_t *survey_svc_org_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const json_t *body, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_org_row_t cur, o;
    if (!(e = get_org(db, a, who, id, &cur))) {
        o = cur;
        e = org_apply(a, body, &o);
    }
    int64_t now = time_now();
    if (!e) e = survey_org_store_update(db, a, &o, now);
    /* closing an org ends its commission: its accounts stop at once */
    bool is_closing = !e && strcmp(cur.status, "active") == 0 && strcmp(o.status, "closed") == 0;
    if (is_closing) e = survey_org_store_disable_accounts(db, a, id, now);
    if (!e) {
        json_t *before = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", cur.name, "credit_code", cur.credit_code,
                                   "contract_no", cur.contract_no, "contact", cur.contact, "status", cur.status);
        json_t *after = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", o.name, "credit_code", o.credit_code,
                                  "contract_no", o.contract_no, "contact", o.contact, "status", o.status);
        e = svc_audit_change(db, a, who, "survey_org", svc_id_text(a, id), cur.county_code, before, after);
    }
    e = svc_end(db, a, e);
    return e ? e : survey_svc_org_get(s, a, who, id, out);
}

/* ---------------------------------------------------------------- hand-in and review */

err_t *survey_svc_round_submit(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *report, json_t **out) {
    if (!report || !*report || strlen(report) > 20000)
        return err_new(a, ERR_INVALID, "report", "请填写结果说明（2 万字节以内）",
                       "a report (up to 20 000 bytes) is required");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_round_row_t r;
    bool changed = false;
    if (!(e = survey_get_round(db, a, who, id, &r))) {
        if (!r.org_id)
            e = err_new(a, ERR_CONFLICT, "id", "本次调查由督导室组织，无需提交审核",
                        "the office runs this round itself");
        else if (strcmp(r.status, "closed") != 0)
            e = err_new(a, ERR_CONFLICT, "id", "请先结束调查再提交结果", "close the round before handing in");
        else if (!(e = survey_store_round_submit(db, a, id, report, &changed)) && !changed)
            e = err_new(a, ERR_CONFLICT, "id", "结果已提交或已审核", "already handed in or reviewed");
    }
    if (!e) e = svc_audit(db, a, who, "submit", "survey_round", svc_id_text(a, id), r.region_code, NULL, NULL);
    e = svc_end(db, a, e);
    return e ? e : survey_svc_round_get(s, a, who, id, out);
}

err_t *survey_svc_round_review(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *decision,
                               const char *note, json_t **out) {
    bool is_accept = decision && strcmp(decision, "accepted") == 0;
    bool is_return = decision && strcmp(decision, "returned") == 0;
    if (!is_accept && !is_return)
        return err_new(a, ERR_INVALID, "decision", "审核结论应为 accepted 或 returned",
                       "decision: accepted | returned");
    if (is_return && (!note || !*note))
        return err_new(a, ERR_INVALID, "note", "退回须说明理由", "a return needs a reason");
    if (note && strlen(note) > 2000) return err_new(a, ERR_INVALID, "note", "说明过长", "note too long");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_round_row_t r;
    bool changed = false;
    if (!(e = survey_get_round(db, a, who, id, &r)) &&
        !(e = survey_store_round_review(db, a, id, decision, note ? note : "", who->user_id, time_now(), &changed)) &&
        !changed)
        e = err_new(a, ERR_CONFLICT, "id", "机构尚未提交结果，或已审核", "nothing handed in to review");
    if (!e) {
        json_t *after = json_pack("{s:s, s:s}", "review", decision, "note", note ? note : "");
        e = svc_audit(db, a, who, "review", "survey_round", svc_id_text(a, id), r.region_code, NULL, after);
        json_decref(after);
    }
    e = svc_end(db, a, e);
    return e ? e : survey_svc_round_get(s, a, who, id, out);
}
