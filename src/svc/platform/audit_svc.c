#include "svc/platform/audit_svc.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/timeutil.h"

/* before/after are stored as JSON text; they go out as JSON values. */
static json_t *json_parsed_or_null(const char *s) {
    if (!s) return json_null();
    json_t *j = json_loads(s, 0, NULL);
    return j ? j : json_string(s);
}

json_t *audit_row_to_json(const audit_row_t *r) {
    char at[32];
    time_format_iso(r->at, at, sizeof at);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(r->id));
    json_object_set_new(j, "at", json_string(at));
    json_object_set_new(j, "actor_id", r->actor_id ? json_integer(strtoll(r->actor_id, NULL, 10)) : json_null());
    json_object_set_new(j, "actor_name", svc_jstr(r->actor_name));
    json_object_set_new(j, "action", svc_jstr(r->action));
    json_object_set_new(j, "entity", svc_jstr(r->entity));
    json_object_set_new(j, "entity_id", svc_jstr(r->entity_id));
    json_object_set_new(j, "region_code", svc_jstr(r->region_code));
    json_object_set_new(j, "before", json_parsed_or_null(r->before_json));
    json_object_set_new(j, "after", json_parsed_or_null(r->after_json));
    json_object_set_new(j, "ip", svc_jstr(r->ip));
    json_object_set_new(j, "prev_hash", svc_jstr(r->prev_hash));
    json_object_set_new(j, "hash", svc_jstr(r->hash));
    return j;
}

err_t *audit_svc_list(svc_t *s, arena_t *a, const actor_t *who, const audit_filter_t *f, audit_row_t **out,
                      size_t *n_out, int64_t *total) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : audit_store_list(db, a, who->region_path, f, out, n_out, total);
}

err_t *audit_svc_verify(svc_t *s, arena_t *a, int64_t *n_checked, int64_t *broken_id) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : audit_store_verify(db, a, n_checked, broken_id);
}

/* ---- checkpoints ---- */

enum {
    SK_HEX = crypto_sign_SECRETKEYBYTES * 2,
    PK_HEX = crypto_sign_PUBLICKEYBYTES * 2,
    SIG_HEX = crypto_sign_BYTES * 2
};

static err_t *key_error(arena_t *a, const char *path) {
    return err_newf(a, ERR_INTERNAL, NULL, "无法读取或创建审计签名密钥 %s",
                    "cannot read or create the audit signing key %s", path, path);
}

static bool key_read(const char *path, unsigned char sk[crypto_sign_SECRETKEYBYTES]) {
    char hex[SK_HEX + 2] = "";
    FILE *f = fopen(path, "r");
    if (!f) return false;
    size_t n = fread(hex, 1, SK_HEX, f);
    fclose(f);
    size_t n_bin = 0;
    return n == SK_HEX && sodium_hex2bin(sk, crypto_sign_SECRETKEYBYTES, hex, SK_HEX, NULL, &n_bin, NULL) == 0 &&
           n_bin == crypto_sign_SECRETKEYBYTES;
}

/* A new key is written whole to a private file, then linked into place: a concurrent
 * instance either wins the link or reads the winner's key, never half a file. */
static bool key_create(const char *path, arena_t *a) {
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    char hex[SK_HEX + 1];
    sodium_bin2hex(hex, sizeof hex, sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    const char *tmp = arena_printf(a, "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    bool is_ok = write(fd, hex, SK_HEX) == SK_HEX && write(fd, "\n", 1) == 1 && fsync(fd) == 0;
    sodium_memzero(hex, sizeof hex);
    is_ok = close(fd) == 0 && is_ok;
    if (is_ok && link(tmp, path) != 0 && errno != EEXIST) is_ok = false;
    unlink(tmp);
    return is_ok;
}

static err_t *checkpoint_key(svc_t *s, arena_t *a, unsigned char sk[crypto_sign_SECRETKEYBYTES]) {
    const char *dir = s->cfg.data_dir ? s->cfg.data_dir : ".";
    const char *path = arena_printf(a, "%s/audit-checkpoint.key", dir);
    if (key_read(path, sk)) return NULL;
    mkdir(dir, 0750);
    if (!key_create(path, a) || !key_read(path, sk)) return key_error(a, path);
    return NULL;
}

static bool checkpoint_sig_ok(const audit_checkpoint_t *c) {
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
    size_t n_pk = 0, n_sig = 0;
    if (!c->public_key || !c->signature || !c->last_hash) return false;
    if (sodium_hex2bin(pk, sizeof pk, c->public_key, strlen(c->public_key), NULL, &n_pk, NULL) != 0 ||
        n_pk != sizeof pk)
        return false;
    if (sodium_hex2bin(sig, sizeof sig, c->signature, strlen(c->signature), NULL, &n_sig, NULL) != 0 ||
        n_sig != sizeof sig)
        return false;
    char msg[256];
    int n = audit_checkpoint_message(c->last_id, c->last_hash, c->at, msg, sizeof msg);
    if (n < 0 || (size_t)n >= sizeof msg) return false;
    return crypto_sign_verify_detached(sig, (const unsigned char *)msg, (unsigned long long)n, pk) == 0;
}

static err_t *checkpoint_sign(svc_t *s, arena_t *a, audit_checkpoint_t *c) {
    unsigned char sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
    err_t *e = checkpoint_key(s, a, sk);
    if (e) return e;
    char msg[256];
    int n = audit_checkpoint_message(c->last_id, c->last_hash, c->at, msg, sizeof msg);
    crypto_sign_detached(sig, NULL, (const unsigned char *)msg, (unsigned long long)n, sk);
    crypto_sign_ed25519_sk_to_pk(pk, sk);
    sodium_memzero(sk, sizeof sk);
    char *pk_hex = arena_alloc(a, PK_HEX + 1), *sig_hex = arena_alloc(a, SIG_HEX + 1);
    sodium_bin2hex(pk_hex, PK_HEX + 1, pk, sizeof pk);
    sodium_bin2hex(sig_hex, SIG_HEX + 1, sig, sizeof sig);
    c->public_key = pk_hex;
    c->signature = sig_hex;
    return NULL;
}

err_t *audit_svc_checkpoint(svc_t *s, arena_t *a, bool *is_made, audit_checkpoint_t *out) {
    *is_made = false;
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    audit_checkpoint_t c = {.at = time_now()};
    if ((e = audit_store_head(db, a, &c.last_id, &c.last_hash))) return e;
    audit_checkpoint_t *all;
    size_t n = 0;
    if ((e = audit_store_checkpoint_list(db, a, &all, &n))) return e;
    if (c.last_id == 0 || (n && all[n - 1].last_id == c.last_id)) return NULL;
    if ((e = checkpoint_sign(s, a, &c))) return e;
    if ((e = svc_begin(s, a, &db))) return e;
    if ((e = svc_end(db, a, audit_store_checkpoint_insert(db, a, &c)))) return e;
    *is_made = true;
    if (out) *out = c;
    return NULL;
}

err_t *audit_job_checkpoint(svc_t *s, arena_t *a, const char *as_of, json_t *report, const sched_ctl_t *ctl) {
    (void)as_of, (void)ctl;
    bool is_made = false;
    audit_checkpoint_t c = {0};
    err_t *e = audit_svc_checkpoint(s, a, &is_made, &c);
    if (e) return e;
    json_object_set_new(report, "made", json_boolean(is_made));
    if (is_made) json_object_set_new(report, "last_id", json_integer(c.last_id));
    return NULL;
}

err_t *audit_svc_checkpoints_export(svc_t *s, arena_t *a, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    audit_checkpoint_t *all;
    size_t n = 0;
    if ((e = audit_store_checkpoint_list(db, a, &all, &n))) return e;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        char at[32];
        time_format_iso(all[i].at, at, sizeof at);
        json_array_append_new(items, json_pack("{sI sI ss sI ss ss ss}", "id", (json_int_t)all[i].id, "at",
                                               (json_int_t)all[i].at, "at_text", at, "last_id",
                                               (json_int_t)all[i].last_id, "last_hash", all[i].last_hash, "public_key",
                                               all[i].public_key, "signature", all[i].signature));
    }
    *out = json_pack("{ss so}", "format", "dudao-audit-checkpoints/1", "checkpoints", items);
    return NULL;
}

static err_t *cp_bad_doc(arena_t *a) {
    return err_new(a, ERR_INVALID, "checkpoints", "不是 dudao 审计检查点文件（dudao audit checkpoints 的输出）",
                   "not a dudao audit checkpoint file (the output of dudao audit checkpoints)");
}

static bool cp_from_json(const json_t *j, audit_checkpoint_t *c) {
    json_int_t id = 0, at = 0, last_id = 0;
    const char *hash = NULL, *pk = NULL, *sig = NULL;
    if (json_unpack((json_t *)j, "{sI sI sI ss ss ss}", "id", &id, "at", &at, "last_id", &last_id, "last_hash", &hash,
                    "public_key", &pk, "signature", &sig) != 0)
        return false;
    *c = (audit_checkpoint_t){id, at, last_id, hash, pk, sig};
    return true;
}

/* One checkpoint against the database: NULL when it holds, else why not. */
static const char *cp_problem(db_t *db, arena_t *a, const audit_checkpoint_t *c, const char *key, int64_t head,
                              err_t **e) {
    if (!checkpoint_sig_ok(c) || strcmp(c->public_key, key) != 0)
        return "签名无效或签名密钥不同 / the signature is invalid or made by another key";
    const char *hash = NULL;
    bool found = false;
    if ((*e = audit_store_hash_of(db, a, c->last_id, &hash, &found))) return NULL;
    if (!found)
        return arena_printf(a,
                            "第 %" PRId64 " 条已不存在（审计链现止于第 %" PRId64 " 条）：末尾的记录被删除 / "
                            "row %" PRId64 " is gone (the chain now ends at row %" PRId64 "): rows were removed "
                            "from the tail",
                            c->last_id, head, c->last_id, head);
    if (strcmp(hash, c->last_hash) != 0)
        return arena_printf(a,
                            "第 %" PRId64 " 条的哈希与检查点不符：记录被改写 / row %" PRId64
                            " no longer has the checkpointed hash: rows were rewritten",
                            c->last_id, c->last_id);
    return NULL;
}

err_t *audit_svc_verify_checkpoints(svc_t *s, arena_t *a, const json_t *doc, audit_cp_report_t *rep) {
    memset(rep, 0, sizeof *rep);
    const json_t *items = json_object_get(doc, "checkpoints");
    const char *format = json_string_value(json_object_get(doc, "format"));
    if (!format || strcmp(format, "dudao-audit-checkpoints/1") != 0 || !json_is_array(items)) return cp_bad_doc(a);
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    int64_t head = 0;
    const char *head_hash;
    if ((e = audit_store_head(db, a, &head, &head_hash))) return e;
    const char *key = NULL;
    size_t i;
    const json_t *j;
    json_array_foreach(items, i, j) {
        audit_checkpoint_t c;
        if (!cp_from_json(j, &c)) return cp_bad_doc(a);
        if (!key) key = c.public_key;
        const char *why = cp_problem(db, a, &c, key, head, &e);
        if (e) return e;
        if (why) {
            rep->bad_id = c.id;
            rep->problem = why;
            return NULL;
        }
        rep->n_checked++;
    }
    return NULL;
}
