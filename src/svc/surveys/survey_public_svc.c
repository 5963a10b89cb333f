/* The answering page: a one-time code opens the question set of its group; the answers are
 * checked in full, the code is marked used and the response stored in one transaction, so a
 * failed submission stores nothing and a code cannot be used twice, even by two phones at
 * once (the conditional UPDATE lets exactly one of them through).
 *
 * Rate limits: attempts are counted per code and per address in 10-minute windows under a
 * BLAKE2b digest ("addr|<address>", "code|<code>"); the counter is committed on its own
 * before the answers are looked at (a refused attempt must still count) and purged when its
 * window has passed. The address itself is never written. */
#include <ctype.h>
#include <string.h>

#include "core/surveys/survey_form.h"
#include "store/surveys/survey_store.h"
#include "svc/surveys/survey_svc.h"
#include "util/hash.h"
#include "util/timeutil.h"

static bool is_code_shape(const char *code) {
    size_t n = code ? strlen(code) : 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)code[i])) return false;
    return n == 10;
}

static err_t *unknown_code(arena_t *a) {
    return err_new(a, ERR_NOT_FOUND, "code", "调查码不存在，请核对后重新输入", "no such survey code");
}

/* The round must be open today (Asia/Shanghai). */
static err_t *check_open(arena_t *a, const survey_code_info_t *ci) {
    char today[11];
    time_today_cn(today, sizeof today);
    if (strcmp(ci->round_status, "open") != 0 || strcmp(today, ci->closes_on) > 0)
        return err_new(a, ERR_CONFLICT, "code", "本次调查已结束", "this survey has closed");
    if (strcmp(today, ci->opens_on) < 0)
        return err_newf(a, ERR_CONFLICT, "code", "本次调查将于 %s 开始", "this survey opens on %s", ci->opens_on);
    return NULL;
}

static err_t *load_code(db_t *db, arena_t *a, const char *code, survey_code_info_t *ci, survey_form_t **f) {
    bool found = false;
    err_t *e = is_code_shape(code) ? survey_store_code_info(db, a, code, ci, &found) : NULL;
    if (e) return e;
    if (!found) return unknown_code(a);
    if (ci->is_used) return err_new(a, ERR_CONFLICT, "code", "该调查码已使用，每个码只能作答一次", "this code has been used");
    if ((e = check_open(a, ci))) return e;
    json_t *doc = json_loads(ci->document, 0, NULL);
    e = survey_form_parse(a, doc, f);
    json_decref(doc);
    return e;
}

err_t *survey_public_get(svc_t *s, arena_t *a, const char *code, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_code_info_t ci;
    survey_form_t *f;
    if ((e = load_code(db, a, code, &ci, &f))) return e;
    json_t *j = survey_form_for_group(f, ci.group_code);
    json_object_set_new(j, "title", json_string(ci.round_title));
    json_object_set_new(j, "region_name", json_string(ci.region_name));
    json_object_set_new(j, "school_name", svc_jstr(ci.school_name));
    json_object_set_new(j, "closes_on", json_string(ci.closes_on));
    json_object_set_new(j, "anonymity",
                        json_string("本调查匿名：不记录姓名、手机号、网络地址和作答时间（只记日期），调查码与答卷分开保存。"
                                    " / Anonymous: no name, phone, address or time of day is kept; the code is stored "
                                    "apart from the answers."));
    *out = j;
    return NULL;
}

/* Counts this attempt; ERR_RATE_LIMITED past either limit. Its own transaction. */
static err_t *rate_check(svc_t *s, arena_t *a, const char *code, const char *ip) {
    int64_t now = time_now(), window = now - now % SURVEY_RATE_WINDOW, n_addr = 0, n_code = 0;
    char h_addr[HASH_HEX_LEN + 1], h_code[HASH_HEX_LEN + 1];
    const char *ka = arena_printf(a, "addr|%s", ip ? ip : ""), *kc = arena_printf(a, "code|%s", code ? code : "");
    hash_blake2b_hex(ka, strlen(ka), h_addr);
    hash_blake2b_hex(kc, strlen(kc), h_code);
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    if (!(e = survey_store_rate_hit(db, a, h_addr, window, window - SURVEY_RATE_WINDOW, &n_addr)))
        e = survey_store_rate_hit(db, a, h_code, window, window - SURVEY_RATE_WINDOW, &n_code);
    if ((e = svc_end(db, a, e))) return e;
    if (n_addr > SURVEY_ADDR_PER_WINDOW || n_code > SURVEY_CODE_PER_WINDOW)
        return err_new(a, ERR_RATE_LIMITED, NULL, "提交过于频繁，请稍后再试", "too many attempts; try again later");
    return NULL;
}

err_t *survey_public_submit(svc_t *s, arena_t *a, const char *code, const json_t *answers, const char *ip,
                            json_t **out) {
    err_t *e = rate_check(s, a, code, ip);
    if (e) return e;
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    survey_code_info_t ci;
    survey_form_t *f;
    survey_value_t *vals = NULL;
    size_t n = 0;
    bool changed = false;
    if (!(e = load_code(db, a, code, &ci, &f)) &&
        !(e = survey_answers_check(a, f, ci.group_code, answers, &vals, &n)) &&
        !(e = survey_store_code_use(db, a, code, &changed)) && !changed)
        e = err_new(a, ERR_CONFLICT, "code", "该调查码已使用，每个码只能作答一次", "this code has been used");
    char today[11];
    time_today_cn(today, sizeof today);
    if (!e) e = survey_store_response_insert(db, a, ci.round_id, ci.cell_id, today, vals, n);
    if (!e) *out = json_pack("{s:b, s:s}", "ok", 1, "message", "提交成功，感谢您的参与！ / Thank you for taking part.");
    return svc_end(db, a, e);
}
