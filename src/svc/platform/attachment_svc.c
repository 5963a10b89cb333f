#include "svc/platform/attachment_svc.h"

#include <math.h>
#include <string.h>

#include "store/findings/finding_store.h"
#include "store/platform/files.h"
#include "store/scope.h"
#include "store/roster/school_store.h"
#include "svc/roster/school_svc.h"
#include "util/timeutil.h"

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

const char *attachment_sniff_mime(const char *data, size_t n, const char *name) {
    if (n >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) return "image/png";
    if (n >= 3 && memcmp(data, "\xff\xd8\xff", 3) == 0) return "image/jpeg";
    if (n >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0) return "image/webp";
    if (n >= 5 && memcmp(data, "%PDF-", 5) == 0) return "application/pdf";
    if (n >= 4 && memcmp(data, "PK\x03\x04", 4) == 0 && name) {
        if (ends_with(name, ".docx")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (ends_with(name, ".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    return NULL;
}

/* Owners whose files a school account may read although someone else uploaded them. */
static bool is_shared_with_school(const char *owner_kind) {
    static const char *const shared[] = {"finding", "finding_event", "task", "bulletin", "self_evaluation"};
    for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++)
        if (strcmp(owner_kind, shared[i]) == 0) return true;
    return false;
}

static scope_t attachment_scope_of(const actor_t *who) {
    return (scope_t){.region_path = who ? who->region_path : "/",
                                .inspector_user_id = who && who->role == ROLE_INSPECTOR ? who->user_id : 0};
}

static bool may_read(const actor_t *who, const attachment_t *x) {
    if (who->role == ROLE_AUDITOR) return false;
    if (who->role == ROLE_UNIT) return x->uploaded_by == who->user_id; /* no school's files */
    if (who->role != ROLE_SCHOOL) return true; /* the region (and an inspector's schools) in SQL */
    if (x->school_id != who->school_id) return false;
    return x->uploaded_by == who->user_id || is_shared_with_school(x->owner_kind);
}

static bool is_owner_kind(const char *k) {
    size_t n = k ? strlen(k) : 0;
    if (n == 0 || n > 32) return false;
    for (size_t i = 0; i < n; i++)
        if (!((k[i] >= 'a' && k[i] <= 'z') || k[i] == '_')) return false;
    return true;
}

static err_t *check_input(arena_t *a, const attachment_in_t *in, const char **mime) {
    if (in->n == 0) return err_new(a, ERR_INVALID, "file", "文件为空", "the file is empty");
    if (!(*mime = attachment_sniff_mime(in->data, in->n, in->name)))
        return err_new(a, ERR_INVALID, "file", "只接受 JPEG、PNG、WebP 图片和 PDF、DOCX、XLSX 文件",
                       "only JPEG, PNG and WebP images and PDF, DOCX and XLSX files are accepted");
    if (!is_owner_kind(in->owner_kind))
        return err_new(a, ERR_INVALID, "owner_kind", "附件归属类型应为 1–32 位小写字母或下划线",
                       "owner_kind must be 1 to 32 lower-case letters or underscores");
    if (in->name && strlen(in->name) > 200)
        return err_new(a, ERR_INVALID, "name", "文件名过长（≤ 200 字节）", "the file name is too long (200 bytes)");
    if (in->has_position && (!isfinite(in->lat) || !isfinite(in->lng) || fabs(in->lat) > 90 || fabs(in->lng) > 180))
        return err_new(a, ERR_INVALID, "lat", "位置应为有效的经纬度",
                       "the position must be a valid latitude/longitude");
    /* a device clock far in the future is a wrong clock, not a time a photo was taken */
    if (in->taken_at < 0 || in->taken_at > time_now() + 86400)
        return err_new(a, ERR_INVALID, "taken_at", "拍摄时间不合理", "taken_at is not a plausible time");
    return NULL;
}

err_t *attachment_svc_put_tx(svc_t *s, db_t *db, arena_t *a, const actor_t *who, const attachment_in_t *in,
                             attachment_t *out) {
    const char *mime = NULL;
    err_t *e = check_input(a, in, &mime);
    if (e) return e;
    const char *region_code = in->region_code;
    if (in->school_id > 0) {
        school_t sch;
        scope_t sc = who ? attachment_scope_of(who) : (scope_t){.region_path = "/"};
        if ((e = school_store_get(db, a, &sc, in->school_id, &sch))) return e;
        region_code = sch.region_code;
    } else if (!who) {
        return err_new(a, ERR_INVALID, "school_id", "须指明学校", "a school is required");
    } else if (!region_code || !*region_code) {
        region_code = who->region_code;
    } else if ((e = svc_region_filter(db, a, who, region_code))) {
        return e;
    }
    const char *rel;
    if ((e = files_put(a, s->cfg.data_dir, in->data, in->n, &rel))) return e;
    *out = (attachment_t){
        .hash = rel,
        .mime = mime,
        .size_bytes = (int64_t)in->n,
        .name = in->name,
        .region_code = region_code,
        .school_id = in->school_id > 0 ? in->school_id : 0,
        .owner_kind = in->owner_kind,
        .owner_id = in->owner_id,
        .taken_at = in->taken_at,
        .has_position = in->has_position,
        .lat = in->lat,
        .lng = in->lng,
        .uploaded_by = who ? who->user_id : 0,
        .created_at = time_now(),
    };
    if ((e = attachment_store_insert(db, a, out))) return e;
    json_t *after = attachment_to_json(out);
    json_object_del(after, "url");
    json_object_del(after, "uploaded_by_name");
    e = svc_audit(db, a, who, "create", "attachment", arena_printf(a, "%lld", (long long)out->id), region_code, NULL,
                  after);
    json_decref(after);
    return e;
}

/* The owner named by the client must exist and belong to the attachment's school (or, for
 * an owner without a school, to a region in the caller's scope). */
static err_t *check_owner(db_t *db, arena_t *a, const actor_t *who, attachment_in_t *in) {
    if (who && who->role == ROLE_UNIT) {
        /* a 被督导单位 account uploads only the evidence of its own unit's findings */
        finding_t f;
        char today[16];
        time_today_cn(today, sizeof today);
        scope_t sc = scope_of(who);
        if (in->school_id > 0 || !in->owner_kind || strcmp(in->owner_kind, "finding") != 0 || in->owner_id <= 0 ||
            finding_store_get(db, a, &sc, today, in->owner_id, &f))
            return err_new(a, ERR_NOT_FOUND, "owner_id", "单位账号只能为本单位的问题上传佐证材料",
                           "a unit account uploads evidence for its own unit's findings only");
    }
    if (in->owner_id <= 0) return NULL;
    /* any owner a client may not name is linked by its own capability (attachment_svc_link_tx
     * or attachment_svc_put_tx after its own checks) */
    bool is_namable, is_found;
    int64_t school_id = 0;
    const char *region_code = NULL;
    err_t *e = attachment_store_owner_place(db, a, in->owner_kind, in->owner_id, &is_namable, &is_found, &school_id,
                                            &region_code);
    if (e) return e;
    if (!is_namable)
        return err_newf(a, ERR_INVALID, "owner_id", "「%s」类附件须经所属记录上传，不能直接指定 owner_id",
                        "attachments of kind %s are linked by their record, not by owner_id", in->owner_kind,
                        in->owner_kind);
    if (!is_found)
        return err_newf(a, ERR_INVALID, "owner_id", "所属记录 %lld 不存在", "owner %lld not found",
                        (long long)in->owner_id, (long long)in->owner_id);
    if (school_id && in->school_id && school_id != in->school_id)
        return err_new(a, ERR_INVALID, "owner_id", "所属记录不属于该学校", "the owner belongs to another school");
    if (school_id)
        in->school_id = school_id;
    else if (!in->school_id) {
        in->region_code = region_code;
        if ((e = svc_region_filter(db, a, who, in->region_code)))
            return err_newf(a, ERR_INVALID, "owner_id", "所属记录 %lld 不存在", "owner %lld not found",
                            (long long)in->owner_id, (long long)in->owner_id);
    }
    return NULL;
}

err_t *attachment_svc_put(svc_t *s, arena_t *a, const actor_t *who, const attachment_in_t *in, attachment_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    attachment_in_t checked = *in;
    if (!(e = check_input(a, in, &(const char *){NULL}))) e = check_owner(db, a, who, &checked);
    if (!e) e = attachment_svc_put_tx(s, db, a, who, &checked, out);
    return svc_end(db, a, e);
}

err_t *attachment_svc_link_tx(db_t *db, arena_t *a, const actor_t *who, int64_t id, const char *owner_kind,
                              int64_t owner_id) {
    attachment_t x;
    scope_t sc = attachment_scope_of(who);
    err_t *e = attachment_store_get(db, a, &sc, id, &x);
    bool is_linked = false;
    if (!e && who && who->role != ROLE_ADMIN && x.uploaded_by != who->user_id)
        e = err_newf(a, ERR_INVALID, "attachment_ids", "附件 %lld 不是本人上传的",
                     "attachment %lld was uploaded by someone else", (long long)id);
    if (!e) e = attachment_store_link(db, a, id, owner_kind, owner_id, &is_linked);
    if (!e && !is_linked)
        e = err_newf(a, ERR_INVALID, "attachment_ids", "附件 %lld 已属于其他记录",
                     "attachment %lld already belongs elsewhere", (long long)id);
    if (e && e->code == ERR_NOT_FOUND)
        e = err_newf(a, ERR_INVALID, "attachment_ids", "附件 %lld 不存在", "attachment %lld not found", (long long)id);
    if (!e) {
        json_t *after = json_pack("{s:s, s:I}", "owner_kind", owner_kind, "owner_id", (json_int_t)owner_id);
        e = svc_audit(db, a, who, "update", "attachment", svc_id_text(a, id), x.region_code, NULL, after);
        json_decref(after);
    }
    return e;
}

err_t *attachment_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, attachment_t *meta, const char **data,
                          size_t *n) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    scope_t sc = attachment_scope_of(who);
    if (!e) e = attachment_store_get(db, a, &sc, id, meta);
    if (!e && !may_read(who, meta))
        e = err_newf(a, ERR_NOT_FOUND, "attachment_id", "附件 %lld 不存在", "attachment %lld not found", (long long)id);
    if (!e) e = files_get(a, s->cfg.data_dir, meta->hash, data, n);
    return e;
}

json_t *attachment_list_json(const actor_t *who, const attachment_t *xs, size_t n) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        if (may_read(who, &xs[i])) json_array_append_new(arr, attachment_to_json(&xs[i]));
    return arr;
}

err_t *attachment_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *owner_kind, int64_t owner_id,
                           json_t **out) {
    if (!is_owner_kind(owner_kind))
        return err_new(a, ERR_INVALID, "owner_kind", "附件归属类型应为 1–32 位小写字母或下划线",
                       "owner_kind must be 1 to 32 lower-case letters or underscores");
    db_t *db;
    attachment_t *xs;
    size_t n;
    err_t *e = svc_db(s, a, &db);
    scope_t sc = attachment_scope_of(who);
    if (!e) e = attachment_store_list_owner(db, a, &sc, owner_kind, owner_id, &xs, &n);
    if (e) return e;
    *out = attachment_list_json(who, xs, n);
    return NULL;
}

json_t *attachment_to_json(const attachment_t *x) {
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(x->id));
    json_object_set_new(j, "mime", json_string(x->mime));
    json_object_set_new(j, "size_bytes", json_integer(x->size_bytes));
    json_object_set_new(j, "name", x->name ? json_string(x->name) : json_null());
    json_object_set_new(j, "school_id", x->school_id ? json_integer(x->school_id) : json_null());
    json_object_set_new(j, "owner_kind", json_string(x->owner_kind));
    json_object_set_new(j, "owner_id", x->owner_id ? json_integer(x->owner_id) : json_null());
    json_object_set_new(j, "taken_at", x->taken_at ? json_integer(x->taken_at) : json_null());
    json_object_set_new(j, "lat", x->has_position ? json_real(x->lat) : json_null());
    json_object_set_new(j, "lng", x->has_position ? json_real(x->lng) : json_null());
    json_object_set_new(j, "uploaded_by", x->uploaded_by ? json_integer(x->uploaded_by) : json_null());
    json_object_set_new(j, "uploaded_by_name", x->uploaded_by_name ? json_string(x->uploaded_by_name) : json_null());
    json_object_set_new(j, "created_at", json_integer(x->created_at));
    /* the SM3 hex without the fan-out directory */
    const char *slash = strchr(x->hash, '/');
    json_object_set_new(j, "sm3", json_string(slash ? slash + 1 : x->hash));
    char url[64];
    snprintf(url, sizeof url, "/api/v1/attachments/%lld", (long long)x->id);
    json_object_set_new(j, "url", json_string(url));
    return j;
}
