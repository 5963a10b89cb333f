#include "svc/findings/complaint_svc.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlb.h"
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
    if ((e = db_query(db, a,
                      "SELECT s.code, s.name, c.name, i.name FROM school s JOIN region t ON t.code = s.region_code "
                      "JOIN region c ON c.code = CASE WHEN t.level = 'town' THEN t.parent_code ELSE t.code END "
                      "LEFT JOIN assignment l ON l.school_id = s.id AND l.ends_on IS NULL AND l.role = 'lead' "
                      "LEFT JOIN inspector i ON i.id = l.inspector_id WHERE s.code = $1 AND s.status = 'open'",
                      DB_P(DBV_S(code)), &r)))
        return e;
    if (!r.n_rows) return err_new(a, ERR_NOT_FOUND, "school_code", "学校不存在", "no such school");
    json_t *cats = json_array();
    for (size_t i = 0; categories[i]; i++)
        json_array_append_new(cats, json_string(categories[i]));
    *out = json_pack("{s:s, s:s, s:s, s:o, s:o}", "code", db_cell(&r, 0, 0), "name", db_cell(&r, 0, 1), "county_name",
                     db_cell(&r, 0, 2), "inspector_name", jstr(db_cell(&r, 0, 3)), "categories", cats);
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
    const char *ip = in->ip ? in->ip : "";
    hash_blake2b_hex(ip, strlen(ip), ip_hash);
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    int64_t now = time_now();
    db_rows_t r;
    /* the counts and the insert are one transaction, serialised per address (SQLite's write
     * lock; an advisory lock on PostgreSQL), so parallel requests cannot all slip under */
    if (db_kind(db) == DB_PG &&
        (e = db_query(db, a, "SELECT pg_advisory_xact_lock(hashtext($1))", DB_P(DBV_S(ip_hash)), NULL)))
        goto done;
    if ((e = db_query(db, a,
                      "SELECT SUM(CASE WHEN created_at > $2 THEN 1 ELSE 0 END), COUNT(*) FROM complaint WHERE "
                      "ip_hash = $1 AND created_at > $3",
                      DB_P(DBV_S(ip_hash), DBV_I(now - 600), DBV_I(now - 3600)), &r)))
        goto done;
    if (db_cell_int(&r, 0, 0) >= COMPLAINT_BURST || db_cell_int(&r, 0, 1) >= COMPLAINT_HOURLY) {
        e = err_new(a, ERR_RATE_LIMITED, NULL, "提交过于频繁，请稍后再试",
                    "too many complaints from your address; try later");
        goto done;
    }
    if ((e = db_query(db, a, "SELECT id, name, region_code FROM school WHERE code = $1 AND status = 'open'",
                      DB_P(DBV_S(in->school_code)), &r)))
        goto done;
    if (!r.n_rows) {
        e = err_new(a, ERR_NOT_FOUND, "school_code", "学校不存在", "no such school");
        goto done;
    }
    int64_t school_id = db_cell_int(&r, 0, 0);
    const char *school_name = db_cell(&r, 0, 1), *region = db_cell(&r, 0, 2);
    const char *code = receipt_code(a);
    if ((e = db_query(db, a,
                      "INSERT INTO complaint (receipt_code, school_id, region_code, category, content, contact_name, "
                      "contact_phone, ip_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                      DB_P(DBV_S(code), DBV_I(school_id), DBV_S(region), DBV_S(in->category), DBV_S(in->content),
                           DBV_S(is_blank(in->contact_name) ? NULL : in->contact_name),
                           DBV_S(is_blank(in->contact_phone) ? NULL : in->contact_phone), DBV_S(ip_hash), DBV_I(now)),
                      &r)))
        goto done;
    {
        int64_t id = db_scalar_int(&r, 0);
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
    if ((e = db_query(db, a,
                      "SELECT c.receipt_code, s.name, c.category, c.state, c.created_at, c.handled_at, c.outcome, "
                      "f.state, f.deadline, f.closed_at FROM complaint c JOIN school s ON s.id = c.school_id "
                      "LEFT JOIN finding f ON f.id = c.finding_id WHERE c.receipt_code = $1",
                      DB_P(DBV_S(receipt)), &r)))
        return e;
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

#define C_COLS                                                                                                         \
    "SELECT c.id, c.receipt_code, c.school_id, s.name, c.category, c.content, c.contact_name, c.contact_phone, "       \
    "c.state, c.outcome, c.finding_id, c.created_at, (SELECT i.name FROM assignment l JOIN inspector i ON i.id = "     \
    "l.inspector_id WHERE l.school_id = c.school_id AND l.ends_on IS NULL AND l.role = 'lead') "                       \
    "FROM complaint c JOIN school s ON s.id = c.school_id WHERE 1=1"

err_t *complaint_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *state, int64_t limit, int64_t offset,
                          json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    finding_scope_t sc = finding_scope_of(who);
    sqlb_t c, q;
    sqlb_init(&c, a, "SELECT COUNT(*) FROM complaint c WHERE 1=1");
    sqlb_init(&q, a, C_COLS);
    finding_scope_where_alias(&c, a, &sc, "c");
    finding_scope_where_alias(&q, a, &sc, "c");
    if (state) {
        sqlb_addv(&c, " AND c.state = ", DBV_S(state));
        sqlb_addv(&q, " AND c.state = ", DBV_S(state));
    }
    sqlb_addv(&q, " ORDER BY c.id DESC LIMIT ", DBV_I(limit));
    sqlb_addv(&q, " OFFSET ", DBV_I(offset));
    db_rows_t r;
    if ((e = db_query(db, a, sqlb_sql(&c), c.params, c.n_params, &r))) return e;
    int64_t total = db_scalar_int(&r, 0);
    if ((e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r))) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < r.n_rows; i++)
        json_array_append_new(arr, complaint_row_json(&r, i));
    *out = json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)total);
    return NULL;
}

/* The complaint in the caller's scope, still waiting. */
static err_t *complaint_load(db_t *db, arena_t *a, const actor_t *who, int64_t id, db_rows_t *r) {
    finding_scope_t sc = finding_scope_of(who);
    sqlb_t q;
    sqlb_init(&q, a, C_COLS);
    finding_scope_where_alias(&q, a, &sc, "c");
    sqlb_addv(&q, " AND c.id = ", DBV_I(id));
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, r);
    if (e) return e;
    if (!r->n_rows) return err_new(a, ERR_NOT_FOUND, "id", "举报投诉不存在或不在权限范围内", "complaint not found");
    if (strcmp(db_cell(r, 0, 8), "received") != 0)
        return err_new(a, ERR_CONFLICT, "state", "该举报投诉已处理", "this complaint has been handled already");
    return NULL;
}

static err_t *complaint_finish(db_t *db, arena_t *a, const actor_t *who, int64_t id, const char *state,
                               const char *outcome, int64_t finding_id, json_t **out) {
    err_t *e = db_query(db, a,
                        "UPDATE complaint SET state = $2, outcome = $3, finding_id = $4, handled_by = $5, handled_at = "
                        "$6 WHERE id = $1",
                        DB_P(DBV_I(id), DBV_S(state), DBV_S(outcome), finding_id ? DBV_I(finding_id) : DBV_NUL,
                             DBV_I(who->user_id), DBV_I(time_now())),
                        NULL);
    db_rows_t r;
    if (!e) e = db_query(db, a, C_COLS " AND c.id = $1", DB_P(DBV_I(id)), &r);
    if (e) return e;
    json_t *after =
        json_pack("{s:s, s:o}", "state", state, "finding_id", finding_id ? json_integer(finding_id) : json_null());
    e = svc_audit(db, a, who, strcmp(state, "verified") == 0 ? "verify" : "reject", "complaint",
                  arena_printf(a, "%" PRId64, id), NULL, NULL, after);
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
