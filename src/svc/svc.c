#include "svc/svc.h"

#include <inttypes.h>
#include <stdlib.h>

#include "store/platform/audit_store.h"
#include "store/platform/region_store.h"
#include "store/platform/setting_store.h"
#include "core/doc_no.h"
#include "util/timeutil.h"

void svc_config_defaults(svc_config_t *cfg) {
    cfg->session_idle_seconds = 30 * 60;
    cfg->session_max_seconds = 12 * 3600;
    cfg->max_login_failures = 5;
    cfg->lock_seconds = 15 * 60;
    cfg->data_dir = "var/data";
    cfg->public_url = "http://localhost:8080";
}

err_t *svc_db(svc_t *s, arena_t *a, db_t **db) {
    return db_pool_conn(s->pool, db, a);
}

err_t *svc_begin(svc_t *s, arena_t *a, db_t **db) {
    err_t *e = db_pool_conn(s->pool, db, a);
    return e ? e : db_begin(*db, a);
}

err_t *svc_end(db_t *db, arena_t *a, err_t *e) {
    if (e) {
        db_rollback(db);
        return e;
    }
    return db_commit(db, a);
}

static char *svc_json_text(arena_t *a, const json_t *j) {
    if (!j) return NULL;
    char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
    if (!s) return NULL;
    char *out = arena_strdup(a, s);
    free(s);
    return out;
}

err_t *svc_audit(db_t *db, arena_t *a, const actor_t *actor, const char *action, const char *entity,
                 const char *entity_id, const char *region_code, const json_t *before, const json_t *after) {
    audit_row_t r = {
        .at = time_now(),
        .actor_id = actor && actor->user_id ? arena_printf(a, "%" PRId64, actor->user_id) : NULL,
        .actor_name = actor ? actor->username : "system",
        .action = action,
        .entity = entity,
        .entity_id = entity_id,
        .region_code = region_code,
        .before_json = svc_json_text(a, before),
        .after_json = svc_json_text(a, after),
        .ip = actor ? actor->ip : NULL,
    };
    return audit_store_append(db, a, &r);
}

err_t *svc_audit_change(db_t *db, arena_t *a, const actor_t *actor, const char *entity, const char *entity_id,
                        const char *region_code, json_t *before, json_t *after) {
    err_t *e = NULL;
    if (!json_equal(before, after))
        e = svc_audit(db, a, actor, "update", entity, entity_id, region_code, before, after);
    json_decref(before);
    json_decref(after);
    return e;
}

err_t *svc_region_filter(db_t *db, arena_t *a, const actor_t *who, const char *region_code) {
    region_t r;
    return region_code ? region_store_get(db, a, who->region_path, region_code, &r) : NULL;
}

json_t *svc_jstr(const char *s) {
    return s ? json_string(s) : json_null();
}

json_t *svc_jtime(int64_t t) {
    if (!t) return json_null();
    char buf[32];
    time_format_iso(t, buf, sizeof buf);
    return json_string(buf);
}

json_t *svc_json_read(buf_t *b) {
    json_t *j = json_loadb(b->p ? b->p : "null", b->p ? b->n : 4, 0, NULL);
    buf_free(b);
    return j;
}

json_t *svc_jid(int64_t id) {
    return id ? json_integer(id) : json_null();
}

const char *svc_id_text(arena_t *a, int64_t id) {
    return arena_printf(a, "%lld", (long long)id);
}

static const char *agency_code(db_t *db, arena_t *a, const char *county_code) {
    const char *code = NULL;
    if (county_code && setting_store_text(db, a, county_code, "doc.agency_code", &code)) code = NULL;
    return code && doc_no_agency_code_ok(code) ? code : NULL;
}

const char *svc_doc_no(db_t *db, arena_t *a, const char *county_code, const char *county_name, const char *word,
                       int year, int64_t seq) {
    return doc_no_text_agency(a, agency_code(db, a, county_code), county_name, word, year, seq);
}

const char *svc_doc_prefix(db_t *db, arena_t *a, const char *county_code, const char *county_name, const char *word) {
    char p[96];
    doc_no_prefix_agency(p, sizeof p, agency_code(db, a, county_code), county_name, word);
    return arena_strdup(a, p);
}
