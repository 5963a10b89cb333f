#include "svc/findings/complaint_svc.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/findings/complaint_store.h"
#include "store/platform/files.h"
#include "util/hash.h"
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

static const char *const categories[] = {"乱收费",   "安全隐患", "课业负担", "师德师风",
                                         "食品安全", "招生入学", "其他",     NULL};

err_t *complaint_svc_school(svc_t *s, arena_t *a, const char *code, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    db_rows_t r;
    if ((e = complaint_store_school_card(db, a, code, &r))) return e;
    if (!r.n_rows) return err_new(a, ERR_NOT_FOUND, "school_code", "学校不存在", "no such school");
    json_t *cats = json_array();
    for (size_t i = 0; categories[i]; i++)
        json_array_append_new(cats, json_string(categories[i]));
    /* every 责任督学 of the school, the lead first (a 中心校 has two or more) */
    json_t *names = json_array();
    for (size_t i = 0; i < r.n_rows; i++)
        if (db_cell(&r, i, 3)) json_array_append_new(names, json_string(db_cell(&r, i, 3)));
    *out = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "code", db_cell(&r, 0, 0), "name", db_cell(&r, 0, 1),
                     "county_name", db_cell(&r, 0, 2), "inspector_name", jstr(db_cell(&r, 0, 3)), "inspector_names",
                     names, "categories", cats);
    return NULL;
}

static bool is_blank(const char *s) {
    if (!s) return true;
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return false;
    return true;
}

/* "TS" and 12 characters a person can read out on the phone (no 0/O, 1/I). */
static const char *receipt_code(arena_t *a) {
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    char token[48], hex[HASH_HEX_LEN + 1];
    hash_random_token(16, token, sizeof token);
    hash_blake2b_hex(token, strlen(token), hex);
    char out[16] = "TS";
    for (int i = 0; i < 12; i++) {
        char pair[3] = {hex[2 * i], hex[2 * i + 1], 0};
        out[2 + i] = alphabet[strtol(pair, NULL, 16) % 32];
    }
    out[14] = '\0';
    return arena_strdup(a, out);
}

/* The unit a flood is counted by: an IPv4 address, or an IPv6 /64 (what one subscriber is
 * given, so rotating inside it does not pass); an IPv4-mapped IPv6 address is its IPv4. */
static const char *complaint_source_unit(arena_t *a, const char *ip) {
    unsigned char b[16];
    if (!ip) return "";
    if (inet_pton(AF_INET6, ip, b) == 1) {
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (memcmp(b, mapped, sizeof mapped) == 0) return arena_printf(a, "%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
        memset(b + 8, 0, 8);
        char text[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, b, text, sizeof text);
        return arena_printf(a, "%s/64", text);
    }
    return ip;
}

/* The stored hash of the source: keyed with the server's secret (a file in the data
 * directory, not in the database), so a copy of the database cannot be hashed against
 * candidate addresses to find who complained. */
static err_t *complaint_source_hash(svc_t *s, arena_t *a, const char *ip, char out[HASH_HEX_LEN + 1]) {
    const unsigned char *key;
    err_t *e = files_secret(a, s->cfg.data_dir, COMPLAINT_KEY_FILE, &key);
    if (e) return e;
    const char *unit = complaint_source_unit(a, ip);
    hash_blake2b_keyed_hex(key, FILES_SECRET_LEN, unit, strlen(unit), out);
    return NULL;
}

err_t *complaint_svc_create(svc_t *s, arena_t *a, const complaint_in_t *in, json_t **out) {
    if (is_blank(in->school_code))
        return err_new(a, ERR_INVALID, "school_code", "缺少学校标识码", "the school code is missing");
    bool is_cat = false;
    for (size_t i = 0; in->category && categories[i]; i++)
        is_cat = is_cat || strcmp(categories[i], in->category) == 0;
    if (!is_cat) return err_new(a, ERR_INVALID, "category", "请选择反映的问题类别", "choose a category");
    if (is_blank(in->content) || strlen(in->content) < 10)
        return err_new(a, ERR_INVALID, "content", "请具体描述反映的问题（至少 10 个字节）",
                       "describe the problem (at least 10 bytes)");
    if (strlen(in->content) > 6000)
        return err_new(a, ERR_INVALID, "content", "内容过长（最多约 2000 字）",
                       "too long (about 2000 characters at most)");
    if (in->contact_name && strlen(in->contact_name) > 60)
        return err_new(a, ERR_INVALID, "contact_name", "姓名过长", "name too long");
    if (in->contact_phone && *in->contact_phone) {
        size_t n = strlen(in->contact_phone);
        bool is_ok = n >= 5 && n <= 20;
        for (size_t i = 0; is_ok && i < n; i++)
            is_ok = isdigit((unsigned char)in->contact_phone[i]) || in->contact_phone[i] == '-' ||
                    in->contact_phone[i] == '+' || in->contact_phone[i] == ' ';
        if (!is_ok) return err_new(a, ERR_INVALID, "contact_phone", "联系电话格式不正确", "not a phone number");
    }
    char ip_hash[HASH_HEX_LEN + 1];
    err_t *e = complaint_source_hash(s, a, in->ip, ip_hash);
    if (e) return e;
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    int64_t now = time_now();
    db_rows_t r;
    /* the counts and the insert are one transaction, serialised per address (SQLite's write
     * lock; an advisory lock on PostgreSQL), so parallel requests cannot all slip under */
    int64_t n_burst, n_hour;
    if ((e = complaint_store_lock_address(db, a, ip_hash)) ||
        (e = complaint_store_recent(db, a, ip_hash, now - 600, now - 3600, &n_burst, &n_hour)))
        goto done;
    if (n_burst >= COMPLAINT_BURST || n_hour >= COMPLAINT_HOURLY) {
        e = err_new(a, ERR_RATE_LIMITED, NULL, "提交过于频繁，请稍后再试",
                    "too many complaints from your address; try later");
        goto done;
    }
    if ((e = complaint_store_school_by_code(db, a, in->school_code, &r))) goto done;
    if (!r.n_rows) {
        e = err_new(a, ERR_NOT_FOUND, "school_code", "学校不存在", "no such school");
        goto done;
    }
    int64_t school_id = db_cell_int(&r, 0, 0);
    const char *school_name = db_cell(&r, 0, 1), *region = db_cell(&r, 0, 2);
    const char *code = receipt_code(a);
    complaint_new_t c = {.receipt_code = code,
                         .school_id = school_id,
                         .region_code = region,
                         .category = in->category,
                         .content = in->content,
                         .contact_name = is_blank(in->contact_name) ? NULL : in->contact_name,
                         .contact_phone = is_blank(in->contact_phone) ? NULL : in->contact_phone,
                         .ip_hash = ip_hash,
                         .now = now};
    int64_t id;
    if ((e = complaint_store_insert(db, a, &c, &id))) goto done;
    {
        /* the audit keeps that a complaint came in, not who sent it */
        json_t *after = json_pack("{s:s, s:I, s:s}", "receipt_code", code, "school_id", (json_int_t)school_id,
                                  "category", in->category);
        e = svc_audit(db, a, NULL, "create", "complaint", arena_printf(a, "%" PRId64, id), region, NULL, after);
        json_decref(after);
    }
    if (!e)
        *out = json_pack("{s:s, s:s, s:o}", "receipt_code", code, "school_name", school_name, "created_at", jtime(now));
done:
    return svc_end(db, a, e);
}

err_t *complaint_svc_lookup(svc_t *s, arena_t *a, const char *receipt, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    db_rows_t r;
    if ((e = complaint_store_by_receipt(db, a, receipt, &r))) return e;
    if (!r.n_rows) return err_new(a, ERR_NOT_FOUND, "receipt_code", "回执码不存在", "no such receipt code");
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "receipt_code", db_cell(&r, 0, 0), "school_name",
                          db_cell(&r, 0, 1), "category", db_cell(&r, 0, 2), "state", db_cell(&r, 0, 3), "created_at",
                          jtime(db_cell_int(&r, 0, 4)), "handled_at", jtime(db_cell_int(&r, 0, 5)), "outcome",
                          jstr(db_cell(&r, 0, 6)));
    if (db_cell(&r, 0, 7)) {
        const char *fs = db_cell(&r, 0, 7);
        /* the public sees whether it is being fixed and whether it is done, not the office's drafts */
        const char *stage = strcmp(fs, "closed") == 0 ? "closed" : strcmp(fs, "voided") == 0 ? "voided" : "rectifying";
        json_object_set_new(j, "rectification",
                            json_pack("{s:s, s:o, s:o}", "stage", stage, "deadline",
                                      strcmp(fs, "draft") == 0 ? json_null() : jstr(db_cell(&r, 0, 8)), "closed_at",
                                      jtime(db_cell_int(&r, 0, 9))));
    }
    *out = j;
    return NULL;
}

static json_t *complaint_row_json(const db_rows_t *r, size_t i) {
    return json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)db_cell_int(r, i, 0), "receipt_code", db_cell(r, i, 1), "school_id",
                     (json_int_t)db_cell_int(r, i, 2), "school_name", db_cell(r, i, 3), "category", db_cell(r, i, 4),
                     "content", db_cell(r, i, 5), "contact_name", jstr(db_cell(r, i, 6)), "contact_phone",
                     jstr(db_cell(r, i, 7)), "state", db_cell(r, i, 8), "outcome", jstr(db_cell(r, i, 9)), "finding_id",
                     db_cell(r, i, 10) ? json_integer(db_cell_int(r, i, 10)) : json_null(), "created_at",
                     jtime(db_cell_int(r, i, 11)), "inspector_name", jstr(db_cell(r, i, 12)));
}

err_t *complaint_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *state, int64_t limit, int64_t offset,
                          json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = scope_of(who);
    db_rows_t r;
    int64_t total;
    if ((e = complaint_store_list(db, a, &sc, state, limit, offset, &r, &total))) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < r.n_rows; i++)
        json_array_append_new(arr, complaint_row_json(&r, i));
    *out = json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)total);
    return NULL;
}

/* The complaint in the caller's scope, still waiting. */
static err_t *complaint_load(db_t *db, arena_t *a, const actor_t *who, int64_t id, db_rows_t *r) {
    scope_t sc = scope_of(who);
    err_t *e = complaint_store_get(db, a, &sc, id, r);
    if (e) return e;
    if (!r->n_rows) return err_new(a, ERR_NOT_FOUND, "id", "举报投诉不存在或不在权限范围内", "complaint not found");
    if (strcmp(db_cell(r, 0, 8), "received") != 0)
        return err_new(a, ERR_CONFLICT, "state", "该举报投诉已处理", "this complaint has been handled already");
    return NULL;
}

static err_t *complaint_finish(db_t *db, arena_t *a, const actor_t *who, int64_t id, const char *state,
                               const char *outcome, int64_t finding_id, json_t **out) {
    err_t *e = complaint_store_finish(db, a, id, state, outcome, finding_id, who->user_id, time_now());
    db_rows_t r;
    if (!e) e = complaint_store_get(db, a, NULL, id, &r);
    if (e) return e;
    json_t *after =
        json_pack("{s:s, s:o}", "state", state, "finding_id", finding_id ? json_integer(finding_id) : json_null());
    e = svc_audit(db, a, who, strcmp(state, "verified") == 0 ? "verify" : "reject", "complaint",
                  arena_printf(a, "%" PRId64, id), db_cell(&r, 0, 13), NULL, after);
    json_decref(after);
    if (!e) *out = complaint_row_json(&r, 0);
    return e;
}

err_t *complaint_svc_verify(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const finding_input_t *in,
                            bool is_issue, const char *outcome, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    db_rows_t r;
    finding_t f;
    if ((e = complaint_load(db, a, who, id, &r))) goto done;
    finding_input_t fin = *in;
    fin.school_id = db_cell_int(&r, 0, 2);
    fin.source = "complaint";
    fin.complaint_id = id;
    if (!fin.description)
        fin.description = arena_printf(a, "群众举报投诉（%s）：%s", db_cell(&r, 0, 4), db_cell(&r, 0, 5));
    if (!fin.category) fin.category = db_cell(&r, 0, 4);
    if ((e = finding_svc_create_tx(db, a, who, &fin, &f))) goto done;
    if (is_issue && (e = finding_svc_act_tx(db, a, who, f.id, FA_ISSUE, &fin, &f))) goto done;
    e = complaint_finish(db, a, who, id, "verified", outcome ? outcome : "经核实，反映的问题属实，已责令学校限期整改。",
                         f.id, out);
done:
    return svc_end(db, a, e);
}

err_t *complaint_svc_reject(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *outcome, json_t **out) {
    if (is_blank(outcome))
        return err_new(a, ERR_INVALID, "outcome", "请填写答复内容", "the reply to the complainant is required");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    db_rows_t r;
    if (!(e = complaint_load(db, a, who, id, &r))) e = complaint_finish(db, a, who, id, "rejected", outcome, 0, out);
    return svc_end(db, a, e);
}
