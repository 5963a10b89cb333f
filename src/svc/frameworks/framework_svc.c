#include "svc/frameworks/framework_svc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docs/tabular.h"
#include "docs/xlsx_out.h"
#include "store/platform/region_store.h"
#include "store/roster/school_store.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/timeutil.h"

/* The reader's scope path: the system (NULL actor) reads everything. */
static const char *fw_scope_path(const actor_t *who) {
    return who && who->region_path ? who->region_path : "/";
}

static const char *id_text(arena_t *a, int64_t id) {
    return arena_printf(a, "%lld", (long long)id);
}

/* Validates a document completely; on a refusal the issues go to *issues and the answer is
 * the first issue as ERR_INVALID. */
static err_t *validate(arena_t *a, const json_t *doc, fw_t **tree, framework_issues_t *issues) {
    fw_issue_t *items;
    size_t n;
    fw_parse_all(a, doc, tree, &items, &n);
    if (issues) {
        issues->items = items;
        issues->n = n;
    }
    if (!n) return NULL;
    err_t *e = err_new_raw(a, ERR_INVALID, fw_issue_field(a, &items[0]), items[0].message);
    return e;
}

/* The stored text: the canonical document without version and status (they are columns). */
static const char *stored_text(arena_t *a, const fw_t *tree) {
    json_t *j = fw_to_json(tree);
    json_object_del(j, "version");
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    char *out = arena_strdup(a, s);
    free(s);
    return out;
}

/* May the actor change this framework? Built-ins never; otherwise its region must lie
 * inside the admin's scope. */
static err_t *check_editable(db_t *db, arena_t *a, const actor_t *who, const framework_row_t *f) {
    if (f->is_builtin || !f->region_code)
        return err_newf(a, ERR_FORBIDDEN, "framework_id", "%s 是国家内置指标体系，不能修改；可复制为本地指标体系后编辑",
                        "%s is a national built-in framework and cannot be changed; copy it into a local one", f->code,
                        f->code);
    if (!who) return NULL;
    region_t r;
    err_t *e = region_store_get(db, a, who->region_path, f->region_code, &r);
    if (e && e->code == ERR_NOT_FOUND)
        return err_newf(a, ERR_FORBIDDEN, "framework_id", "只能修改本辖区的指标体系（%s 属于 %s）",
                        "you can only change frameworks of your own region (%s belongs to %s)", f->code,
                        f->region_name ? f->region_name : f->region_code, f->code, f->region_code);
    return e;
}

static json_t *version_audit(const framework_row_t *f, int64_t version, const char *status, const fw_t *t,
                             const char *digest) {
    json_t *o = json_pack("{s:s, s:I, s:s, s:I}", "framework", f->code, "version", (json_int_t)version, "status",
                          status, "n_indicators", (json_int_t)(t ? t->n_leaves : 0));
    if (digest) json_object_set_new(o, "digest", json_string(digest));
    return o;
}

/* ---- API forms ---------------------------------------------------------------------- */

json_t *framework_to_json(const framework_row_t *f) {
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(f->id));
    json_object_set_new(j, "code", json_string(f->code));
    json_object_set_new(j, "name", json_string(f->name));
    json_object_set_new(j, "name_en", svc_jstr(f->name_en));
    json_object_set_new(j, "source", svc_jstr(f->source));
    json_t *uses = json_array();
    for (const char *p = f->uses; p && *p;) {
        const char *q = strchr(p + 1, ',');
        if (!q) break;
        if (q > p + 1) json_array_append_new(uses, json_stringn(p + 1, (size_t)(q - p - 1)));
        p = q;
    }
    json_object_set_new(j, "uses", uses);
    json_object_set_new(j, "region_code", svc_jstr(f->region_code));
    json_object_set_new(j, "region_name", svc_jstr(f->region_name));
    json_object_set_new(j, "is_builtin", json_boolean(f->is_builtin));
    json_object_set_new(j, "n_versions", json_integer(f->n_versions));
    json_object_set_new(j, "current_version_id", svc_jid(f->current_version_id));
    json_object_set_new(j, "current_version", svc_jid(f->current_version));
    json_object_set_new(j, "latest_version_id", svc_jid(f->latest_version_id));
    json_object_set_new(j, "latest_version", svc_jid(f->latest_version));
    json_object_set_new(j, "latest_status", svc_jstr(f->latest_status));
    json_object_set_new(j, "draft_version_id", svc_jid(f->draft_version_id));
    json_object_set_new(j, "n_indicators", json_integer(f->n_indicators));
    json_object_set_new(j, "created_at", svc_jtime(f->created_at));
    json_object_set_new(j, "updated_at", svc_jtime(f->updated_at));
    return j;
}

json_t *framework_version_to_json(const framework_version_row_t *v) {
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(v->id));
    json_object_set_new(j, "framework_id", json_integer(v->framework_id));
    json_object_set_new(j, "framework_code", json_string(v->framework_code));
    json_object_set_new(j, "framework_name", json_string(v->framework_name));
    json_object_set_new(j, "region_code", svc_jstr(v->region_code));
    json_object_set_new(j, "is_builtin", json_boolean(v->is_builtin));
    json_object_set_new(j, "version", json_integer(v->version));
    json_object_set_new(j, "status", json_string(v->status));
    json_object_set_new(j, "digest", svc_jstr(v->digest));
    json_object_set_new(j, "n_indicators", json_integer(v->n_indicators));
    json_object_set_new(j, "created_at", svc_jtime(v->created_at));
    json_object_set_new(j, "updated_at", svc_jtime(v->updated_at));
    json_object_set_new(j, "published_at", svc_jtime(v->published_at));
    json_object_set_new(j, "published_by_name", svc_jstr(v->published_by_name));
    json_object_set_new(j, "retired_at", svc_jtime(v->retired_at));
    json_object_set_new(j, "is_editable", json_boolean(!v->is_builtin && strcmp(v->status, "draft") == 0));
    return j;
}

json_t *framework_issues_to_json(const framework_issues_t *is) {
    json_t *arr = json_array();
    for (size_t i = 0; is && i < is->n; i++)
        json_array_append_new(arr, json_pack("{s:o, s:s, s:s}", "indicator", svc_jstr(is->items[i].indicator), "field",
                                             is->items[i].field, "message", is->items[i].message));
    return arr;
}

/* ---- reading ---------------------------------------------------------------------------- */

err_t *framework_svc_list(svc_t *s, arena_t *a, const actor_t *who, const framework_filter_t *f, framework_row_t **out,
                          size_t *n_out, int64_t *total) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : framework_store_list(db, a, fw_scope_path(who), f, out, n_out, total);
}

err_t *framework_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, framework_row_t *out,
                         framework_version_row_t **versions, size_t *n_versions) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = framework_store_get(db, a, fw_scope_path(who), id, out);
    if (!e && versions) e = framework_store_versions(db, a, id, versions, n_versions);
    return e;
}

err_t *framework_svc_get_version(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id,
                                 framework_version_row_t *out, json_t **document) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = framework_store_get_version(db, a, version_id, fw_scope_path(who), out);
    if (!e && document) e = framework_store_document(a, out, document);
    return e;
}

/* ---- writing ---------------------------------------------------------------------------- */

static err_t *create_in_tx(db_t *db, arena_t *a, const actor_t *who, const fw_t *tree, int64_t *framework_id,
                           int64_t *version_id) {
    framework_row_t f = {.code = tree->code,
                         .name = tree->name,
                         .name_en = tree->name_en,
                         .source = tree->source,
                         .uses = framework_store_uses_text(a, tree),
                         .region_code = who->region_code};
    int64_t now = time_now();
    const char *text = stored_text(a, tree);
    err_t *e = framework_store_insert(db, a, &f, who->user_id, now);
    if (!e) e = framework_store_insert_version(db, a, f.id, 1, "draft", tree, text, who->user_id, now, version_id);
    if (!e) {
        json_t *after = version_audit(&f, 1, "draft", tree, NULL);
        json_object_set_new(after, "name", json_string(tree->name));
        json_object_set_new(after, "region_code", json_string(who->region_code));
        e = svc_audit(db, a, who, "create", "framework", id_text(a, f.id), who->region_code, NULL, after);
        json_decref(after);
    }
    if (!e) *framework_id = f.id;
    return e;
}

err_t *framework_svc_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *document,
                            framework_issues_t *issues, int64_t *framework_id, int64_t *version_id) {
    fw_t *tree;
    err_t *e = validate(a, document, &tree, issues);
    if (e) return e;
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    e = create_in_tx(db, a, who, tree, framework_id, version_id);
    return svc_end(db, a, e);
}

/* Loads a version with its framework for a change by who. */
static err_t *load_for_change(db_t *db, arena_t *a, const actor_t *who, int64_t version_id, framework_version_row_t *v,
                              framework_row_t *f) {
    err_t *e = framework_store_get_version(db, a, version_id, fw_scope_path(who), v);
    if (!e) e = framework_store_get(db, a, "/", v->framework_id, f);
    if (!e) e = check_editable(db, a, who, f);
    return e;
}

static err_t *frozen(arena_t *a, const framework_version_row_t *v) {
    err_t *e =
        err_newf(a, ERR_CONFLICT, "status", "第 %lld 版已%s，不能修改；请从它新建一个草稿版本",
                 "version %lld is %s and cannot be changed; make a new draft version from it", (long long)v->version,
                 strcmp(v->status, "published") == 0 ? "发布" : "停用", (long long)v->version, v->status);
    return e;
}

static err_t *update_draft_in_tx(db_t *db, arena_t *a, const actor_t *who, const framework_row_t *f,
                                 const framework_version_row_t *v, const fw_t *tree) {
    if (strcmp(v->status, "draft") != 0) return frozen(a, v);
    if (strcmp(tree->code, f->code) != 0)
        return err_newf(a, ERR_INVALID, "code", "文档编码 %s 与指标体系编码 %s 不一致（编码不能修改）",
                        "the document's code %s differs from the framework's %s (a code never changes)", tree->code,
                        f->code, tree->code, f->code);
    const char *text = stored_text(a, tree);
    err_t *e = framework_store_update_draft(db, a, v->id, tree, text, who ? who->user_id : 0, time_now());
    if (e) return e;
    framework_version_row_t after_row;
    if ((e = framework_store_get_version(db, a, v->id, "/", &after_row))) return e;
    if (strcmp(v->digest, after_row.digest) == 0) return NULL;
    json_t *before = version_audit(f, v->version, "draft", NULL, v->digest);
    json_object_set_new(before, "n_indicators", json_integer(v->n_indicators));
    json_t *after = version_audit(f, v->version, "draft", tree, after_row.digest);
    e = svc_audit(db, a, who, "update", "framework_version", id_text(a, v->id), f->region_code, before, after);
    json_decref(before);
    json_decref(after);
    return e;
}

err_t *framework_svc_update_draft(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, const json_t *document,
                                  const char *base_digest, framework_issues_t *issues) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    framework_version_row_t v;
    framework_row_t f;
    fw_t *tree;
    /* the state first: a frozen version answers 409 whatever the document */
    if (!(e = load_for_change(db, a, who, version_id, &v, &f))) {
        if (strcmp(v.status, "draft") != 0)
            e = frozen(a, &v);
        else if (base_digest && strcmp(base_digest, v.digest) != 0) {
            e = err_new(a, ERR_CONFLICT, "base_digest", "草稿已被他人修改并保存，请重新打开后再编辑",
                        "someone else saved this draft in the meantime; reopen it and edit again");
            e->extra_name = "digest";
            e->extra_value = v.digest;
        } else if (!(e = validate(a, document, &tree, issues)))
            e = update_draft_in_tx(db, a, who, &f, &v, tree);
    }
    return svc_end(db, a, e);
}

static err_t *new_draft_in_tx(db_t *db, arena_t *a, const actor_t *who, const framework_row_t *f,
                              int64_t from_version_id, int64_t *version_id) {
    if (f->draft_version_id) {
        err_t *e = err_newf(a, ERR_CONFLICT, "framework_id", "%s 已有草稿版本，请先编辑或删除它",
                            "%s already has a draft version; edit or delete it first", f->code, f->code);
        e->extra_name = "draft_id";
        e->extra_value = id_text(a, f->draft_version_id);
        return e;
    }
    int64_t from =
        from_version_id ? from_version_id : (f->current_version_id ? f->current_version_id : f->latest_version_id);
    framework_version_row_t src;
    err_t *e = framework_store_get_version(db, a, from, "/", &src);
    if (e) return e;
    if (src.framework_id != f->id)
        return err_new(a, ERR_INVALID, "from_version_id", "来源版本不属于这个指标体系",
                       "the source version belongs to another framework");
    fw_t *tree;
    if ((e = framework_store_tree(a, &src, &tree))) return e;
    int64_t next = f->latest_version + 1;
    e = framework_store_insert_version(db, a, f->id, next, "draft", tree, stored_text(a, tree), who ? who->user_id : 0,
                                       time_now(), version_id);
    if (!e) {
        json_t *after = version_audit(f, next, "draft", tree, NULL);
        json_object_set_new(after, "from_version", json_integer(src.version));
        e = svc_audit(db, a, who, "create", "framework_version", id_text(a, *version_id), f->region_code, NULL, after);
        json_decref(after);
    }
    return e;
}

err_t *framework_svc_new_draft(svc_t *s, arena_t *a, const actor_t *who, int64_t framework_id, int64_t from_version_id,
                               int64_t *version_id) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    framework_row_t f;
    if (!(e = framework_store_get(db, a, fw_scope_path(who), framework_id, &f)) &&
        !(e = check_editable(db, a, who, &f)))
        e = new_draft_in_tx(db, a, who, &f, from_version_id, version_id);
    return svc_end(db, a, e);
}

static err_t *publish_in_tx(db_t *db, arena_t *a, const actor_t *who, const framework_row_t *f,
                            const framework_version_row_t *v) {
    if (strcmp(v->status, "draft") != 0) return frozen(a, v);
    fw_t *tree;
    err_t *e = framework_store_tree(a, v, &tree);
    int64_t now = time_now();
    if (!e) e = framework_store_publish(db, a, f->id, v->id, who ? who->user_id : 0, now);
    if (!e) e = framework_store_update_meta(db, a, f->id, tree, now);
    if (!e) {
        json_t *before =
            json_pack("{s:s, s:I}", "status", "draft", "superseded_version", (json_int_t)f->current_version);
        json_t *after = version_audit(f, v->version, "published", tree, v->digest);
        e = svc_audit(db, a, who, "publish", "framework_version", id_text(a, v->id), f->region_code, before, after);
        json_decref(before);
        json_decref(after);
    }
    return e;
}

err_t *framework_svc_publish(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    framework_version_row_t v;
    framework_row_t f;
    if (!(e = load_for_change(db, a, who, version_id, &v, &f))) e = publish_in_tx(db, a, who, &f, &v);
    return svc_end(db, a, e);
}

err_t *framework_svc_retire(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    framework_version_row_t v;
    framework_row_t f;
    if (!(e = load_for_change(db, a, who, version_id, &v, &f))) {
        if (strcmp(v.status, "published") != 0)
            e = err_new(a, ERR_CONFLICT, "status", "只有已发布的版本可以停用",
                        "only a published version can be retired");
        if (!e) e = framework_store_retire(db, a, v.id, time_now());
        if (!e) {
            json_t *before = json_pack("{s:s}", "status", "published");
            json_t *after = version_audit(&f, v.version, "retired", NULL, v.digest);
            e = svc_audit(db, a, who, "retire", "framework_version", id_text(a, v.id), f.region_code, before, after);
            json_decref(before);
            json_decref(after);
        }
    }
    return svc_end(db, a, e);
}

err_t *framework_svc_delete_draft(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    framework_version_row_t v;
    framework_row_t f;
    if (!(e = load_for_change(db, a, who, version_id, &v, &f))) {
        if (strcmp(v.status, "draft") != 0) e = frozen(a, &v);
        if (!e && f.n_versions == 1)
            e = err_new(a, ERR_CONFLICT, "version_id", "这是该指标体系唯一的版本，不能删除",
                        "this is the framework's only version and cannot be deleted");
        if (!e) e = framework_store_delete_draft(db, a, v.id);
        if (!e) {
            json_t *before = version_audit(&f, v.version, "draft", NULL, v.digest);
            e = svc_audit(db, a, who, "delete", "framework_version", id_text(a, v.id), f.region_code, before, NULL);
            json_decref(before);
        }
    }
    return svc_end(db, a, e);
}

err_t *framework_svc_copy(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, const char *code,
                          const char *name, int64_t *framework_id, int64_t *new_version_id) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    framework_version_row_t v;
    json_t *doc = NULL;
    fw_t *tree = NULL;
    if (!(e = framework_store_get_version(db, a, version_id, fw_scope_path(who), &v)) &&
        !(e = framework_store_document(a, &v, &doc))) {
        json_object_set_new(doc, "code", json_string(code ? code : ""));
        if (name) {
            json_object_set_new(doc, "name", json_string(name));
            json_object_del(doc, "name_en"); /* it named the original */
        }
        json_object_del(doc, "version");
        json_object_del(doc, "status");
        e = validate(a, doc, &tree, NULL);
        if (!e) e = create_in_tx(db, a, who, tree, framework_id, new_version_id);
    }
    json_decref(doc);
    return svc_end(db, a, e);
}

/* ---- versions compared ---------------------------------------------------------------- */

static json_t *version_ref(const framework_version_row_t *v) {
    return json_pack("{s:I, s:I, s:s, s:s}", "id", (json_int_t)v->id, "version", (json_int_t)v->version, "code",
                     v->framework_code, "status", v->status);
}

err_t *framework_svc_diff(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, int64_t against_id,
                          json_t **out) {
    db_t *db;
    framework_version_row_t to, from;
    fw_t *tt, *ft;
    err_t *e = svc_db(s, a, &db);
    if (e || (e = framework_store_get_version(db, a, version_id, fw_scope_path(who), &to)) ||
        (e = framework_store_tree(a, &to, &tt)))
        return e;
    if (!against_id) {
        framework_version_row_t *vs;
        size_t n;
        if ((e = framework_store_versions(db, a, to.framework_id, &vs, &n))) return e;
        for (size_t i = 0; i < n && !against_id; i++) /* newest first */
            if (vs[i].version < to.version) against_id = vs[i].id;
        if (!against_id) {
            fw_change_t *c;
            size_t nc = fw_diff(a, tt, tt, &c);
            *out = fw_diff_to_json(c, nc);
            json_object_set_new(*out, "from", json_null());
            json_object_set_new(*out, "to", version_ref(&to));
            return NULL;
        }
    }
    if ((e = framework_store_get_version(db, a, against_id, fw_scope_path(who), &from)) ||
        (e = framework_store_tree(a, &from, &ft))) {
        if (e->code == ERR_NOT_FOUND) e->field = "against";
        return e;
    }
    fw_change_t *c;
    size_t nc = fw_diff(a, ft, tt, &c);
    *out = fw_diff_to_json(c, nc);
    json_object_set_new(*out, "from", version_ref(&from));
    json_object_set_new(*out, "to", version_ref(&to));
    return NULL;
}

/* ---- scoring ---------------------------------------------------------------------------- */

err_t *framework_svc_score(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, int64_t school_id,
                           const json_t *answers, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    framework_version_row_t v;
    fw_t *tree;
    if (e || (e = framework_store_get_version(db, a, version_id, fw_scope_path(who), &v)) ||
        (e = framework_store_tree(a, &v, &tree)))
        return e;
    fw_target_t target = {0}, *tp = NULL;
    if (school_id > 0) {
        school_t sch;
        scope_t sc = {.region_path = fw_scope_path(who),
                      .inspector_user_id = who && who->role == ROLE_INSPECTOR ? who->user_id : 0,
                      .school_id = who && who->role == ROLE_SCHOOL ? who->school_id : 0};
        if ((e = school_store_get(db, a, &sc, school_id, &sch))) return e;
        const char **secs = arena_alloc(a, (sch.n_sections + 1) * sizeof *secs);
        for (size_t i = 0; i < sch.n_sections; i++)
            secs[i] = sch.sections[i].section;
        target.type_code = sch.type_code;
        target.sections = secs;
        target.n_sections = sch.n_sections;
        tp = &target;
    }
    fw_result_t r;
    if ((e = fw_score(a, tree, tp, answers, &r))) return e;
    *out = fw_result_to_json(&r);
    return NULL;
}

/* ---- import ----------------------------------------------------------------------------- */

err_t *framework_svc_import_json(svc_t *s, arena_t *a, const actor_t *who, const json_t *document,
                                 framework_issues_t *issues, int64_t *framework_id, int64_t *version_id) {
    fw_t *tree;
    err_t *e = validate(a, document, &tree, issues);
    if (e) return e;
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    framework_row_t f;
    bool found;
    if ((e = framework_store_find_code(db, a, "/", tree->code, &f, &found))) return svc_end(db, a, e);
    if (!found) {
        e = create_in_tx(db, a, who, tree, framework_id, version_id);
        return svc_end(db, a, e);
    }
    /* the code is taken: it must be a framework this admin may change (404 when unreadable) */
    framework_row_t readable;
    if ((e = framework_store_get(db, a, fw_scope_path(who), f.id, &readable))) {
        e = err_newf(a, ERR_CONFLICT, "code", "指标体系编码 %s 已被其他地区使用",
                     "framework code %s is used by another region", tree->code, tree->code);
        return svc_end(db, a, e);
    }
    if ((e = check_editable(db, a, who, &f))) return svc_end(db, a, e);
    *framework_id = f.id;
    if (!f.draft_version_id && !(e = new_draft_in_tx(db, a, who, &f, 0, version_id))) {
        if (!(e = framework_store_get(db, a, "/", f.id, &f))) f.draft_version_id = *version_id;
    }
    framework_version_row_t v;
    if (!e && !(e = framework_store_get_version(db, a, f.draft_version_id, "/", &v))) {
        *version_id = v.id;
        e = update_draft_in_tx(db, a, who, &f, &v, tree);
    }
    return svc_end(db, a, e);
}

/* ---- XLSX ---------------------------------------------------------------------------- */

err_t *framework_svc_export_xlsx(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, const char *path) {
    db_t *db;
    framework_version_row_t v;
    fw_t *tree;
    err_t *e = svc_db(s, a, &db);
    if (e || (e = framework_store_get_version(db, a, version_id, fw_scope_path(who), &v)) ||
        (e = framework_store_tree(a, &v, &tree)))
        return e;
    const fw_sheet_column_t *cols = fw_sheet_columns();
    const char *headers[FW_SHEET_N_COLS];
    xlsx_col_type_t types[FW_SHEET_N_COLS];
    for (size_t i = 0; i < FW_SHEET_N_COLS; i++) {
        headers[i] = cols[i].header;
        types[i] = XLSX_COL_TEXT;
    }
    types[0] = types[7] = types[8] = XLSX_COL_NUMBER; /* 层级, 满分, 权重 */
    xlsx_out_t *w;
    if ((e = xlsx_out_open(a, path, "指标", headers, FW_SHEET_N_COLS, types, &w))) return e;
    for (size_t i = 0; !e && i < tree->n_nodes; i++) {
        const char *cells[FW_SHEET_N_COLS];
        fw_sheet_row(a, tree->nodes[i], cells);
        e = xlsx_out_row(w, cells);
    }
    if (e) {
        xlsx_out_discard(w);
        return e;
    }
    return xlsx_out_close(w);
}

static err_t *sheet_row_cb(void *ctx, size_t row_no, const char *const *cells, size_t n_cells) {
    fw_sheet_add_row(ctx, row_no, cells, n_cells);
    return NULL;
}

err_t *framework_svc_import_xlsx(svc_t *s, arena_t *a, const actor_t *who, const char *path, int64_t framework_id,
                                 const char *code, const char *name, const char *source,
                                 framework_import_result_t *out) {
    memset(out, 0, sizeof *out);
    json_t *base = NULL;
    err_t *e = NULL;
    if (framework_id > 0) {
        db_t *db;
        framework_row_t f;
        framework_version_row_t v;
        if ((e = svc_db(s, a, &db)) || (e = framework_store_get(db, a, fw_scope_path(who), framework_id, &f)) ||
            (e = check_editable(db, a, who, &f)))
            return e;
        int64_t from = f.draft_version_id ? f.draft_version_id
                                          : (f.current_version_id ? f.current_version_id : f.latest_version_id);
        if ((e = framework_store_get_version(db, a, from, "/", &v)) || (e = framework_store_document(a, &v, &base)))
            return e;
        json_object_del(base, "version");
        json_object_del(base, "status");
    } else {
        if (!code || !*code)
            return err_new(a, ERR_INVALID, "code", "新建指标体系需要编码 code", "a new framework needs a code");
        if (!name || !*name)
            return err_new(a, ERR_INVALID, "name", "新建指标体系需要名称 name", "a new framework needs a name");
        base = json_pack("{s:s, s:s}", "code", code, "name", name);
        if (source && *source) json_object_set_new(base, "source", json_string(source));
    }
    fw_sheet_reader_t *rd = fw_sheet_begin(a, base);
    e = tabular_read(a, path, sheet_row_cb, rd);
    json_t *doc = NULL;
    fw_sheet_end(rd, &doc, &out->errors, &out->n_errors, &out->n_rows);
    json_decref(base);
    if (e || out->n_errors) {
        json_decref(doc);
        return e;
    }
    e = framework_svc_import_json(s, a, who, doc, NULL, &out->framework_id, &out->version_id);
    json_decref(doc);
    out->is_written = e == NULL;
    return e;
}

json_t *framework_import_result_to_json(const framework_import_result_t *r) {
    json_t *errs = json_array();
    size_t n = r->n_errors < 500 ? r->n_errors : 500;
    for (size_t i = 0; i < n; i++) {
        const fw_sheet_error_t *x = &r->errors[i];
        json_t *o = json_pack("{s:I, s:o, s:s}", "row", (json_int_t)x->row, "column",
                              x->column ? json_string(x->column) : json_null(), "message", x->message);
        if (x->indicator) json_object_set_new(o, "indicator", json_string(x->indicator));
        json_array_append_new(errs, o);
    }
    json_t *o = json_pack("{s:b, s:I, s:I, s:o}", "is_written", r->is_written, "n_rows", (json_int_t)r->n_rows,
                          "n_errors", (json_int_t)r->n_errors, "errors", errs);
    if (r->is_written) {
        json_object_set_new(o, "framework_id", json_integer(r->framework_id));
        json_object_set_new(o, "version_id", json_integer(r->version_id));
    }
    return o;
}

/* ---- built-ins -------------------------------------------------------------------------- */

/* The file's bytes, NUL-terminated, in a buffer of its own size (the server's start-up arena
 * lives as long as the server: a buffer of the maximum per file kept 4 MiB resident each). */
static char *read_file(arena_t *a, const char *path, size_t max) {
    FILE *fp = fopen(path, "rb");
    struct stat st;
    if (!fp || fstat(fileno(fp), &st) != 0 || st.st_size < 0 || (size_t)st.st_size > max) {
        if (fp) fclose(fp);
        return NULL;
    }
    size_t size = (size_t)st.st_size;
    char *buf = arena_alloc(a, size + 1);
    size_t n = fread(buf, 1, size, fp);
    fclose(fp);
    if (n != size) return NULL;
    buf[n] = '\0';
    return buf;
}

static err_t *load_one(svc_t *s, arena_t *a, const char *path, int *n_loaded) {
    char *text = read_file(a, path, 4 * 1024 * 1024);
    if (!text)
        return err_newf(a, ERR_INTERNAL, "standards", "无法读取内置指标体系 %s",
                        "cannot read the built-in framework %s", path, path);
    json_error_t je;
    json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, &je);
    if (!doc)
        return err_newf(a, ERR_INVALID, "standards", "内置指标体系 %s 第 %d 行不是合法 JSON：%s",
                        "the built-in framework %s is not valid JSON at line %d: %s", path, je.line, je.text, path,
                        je.line, je.text);
    fw_t *tree;
    err_t *e = fw_parse(a, doc, &tree);
    json_decref(doc);
    if (e)
        return err_newf(a, ERR_INVALID, "standards", "内置指标体系 %s：%s", "built-in framework %s: %s", path,
                        e->message, path, e->message);
    if (tree->version < 1)
        return err_newf(a, ERR_INVALID, "standards", "内置指标体系 %s 需要版本号 version",
                        "the built-in framework %s needs a version", path, path);
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    framework_row_t f;
    bool found;
    int64_t now = time_now();
    e = framework_store_find_code(db, a, "/", tree->code, &f, &found);
    if (!e && found && !f.is_builtin)
        e = err_newf(a, ERR_CONFLICT, "standards", "编码 %s 已被一个地区指标体系使用，内置指标体系 %s 无法载入",
                     "code %s is taken by a regional framework; the built-in %s cannot be loaded", tree->code, path,
                     tree->code, path);
    if (!e && !found) {
        f = (framework_row_t){.code = tree->code,
                              .name = tree->name,
                              .name_en = tree->name_en,
                              .source = tree->source,
                              .is_builtin = true};
        e = framework_store_insert(db, a, &f, 0, now);
        if (!e) {
            json_t *after = json_pack("{s:s, s:s, s:b}", "code", tree->code, "name", tree->name, "is_builtin", 1);
            e = svc_audit(db, a, NULL, "create", "framework", id_text(a, f.id), NULL, NULL, after);
            json_decref(after);
        }
        if (!e) e = framework_store_get(db, a, "/", f.id, &f);
    }
    bool has = false;
    if (!e) e = framework_store_has_version(db, a, f.id, tree->version, &has);
    if (!e && has) {
        /* a file edited without a new version number would be silently ignored: say so */
        char digest[HASH_HEX_LEN + 1];
        const char *canon = stored_text(a, tree), *stored = NULL;
        hash_sm3_hex(canon, strlen(canon), digest);
        e = framework_store_version_digest(db, a, f.id, tree->version, &stored);
        if (!e && stored && strcmp(stored, digest) != 0)
            log_warn("%s differs from the stored %s version %d; give it a new version number to load it", path,
                     tree->code, tree->version);
    }
    if (!e && !has) {
        /* an older file than what the database has is kept as history, not made current */
        bool is_current = tree->version > f.latest_version;
        int64_t vid;
        e = framework_store_insert_version(db, a, f.id, tree->version, is_current ? "draft" : "retired", tree,
                                           stored_text(a, tree), 0, now, &vid);
        if (!e && is_current) e = framework_store_publish(db, a, f.id, vid, 0, now);
        if (!e && is_current) e = framework_store_update_meta(db, a, f.id, tree, now);
        if (!e) {
            json_t *after = version_audit(&f, tree->version, is_current ? "published" : "retired", tree, NULL);
            json_object_set_new(after, "file", json_string(strrchr(path, '/') ? strrchr(path, '/') + 1 : path));
            e = svc_audit(db, a, NULL, "load_builtin", "framework_version", id_text(a, vid), NULL, NULL, after);
            json_decref(after);
        }
        if (!e && n_loaded) (*n_loaded)++;
    }
    return svc_end(db, a, e);
}

static int json_file(const struct dirent *d) {
    size_t n = strlen(d->d_name);
    return d->d_name[0] != '.' && n > 5 && strcmp(d->d_name + n - 5, ".json") == 0;
}

err_t *framework_svc_load_builtin(svc_t *s, arena_t *a, const char *dir, int *n_loaded) {
    if (n_loaded) *n_loaded = 0;
    const char *fdir = arena_printf(a, "%s/frameworks", dir);
    struct dirent **list = NULL;
    int n = scandir(fdir, &list, json_file, alphasort);
    if (n < 0)
        return err_newf(a, ERR_INTERNAL, "standards", "无法读取目录 %s", "cannot read the directory %s", fdir, fdir);
    err_t *e = NULL;
    for (int i = 0; i < n; i++) {
        const char *path = arena_printf(a, "%s/%s", fdir, list[i]->d_name);
        if (!e) e = load_one(s, a, path, n_loaded);
        /* another server starting at the same moment loaded it first (a unique key): read again */
        if (e && e->code == ERR_CONFLICT) e = load_one(s, a, path, n_loaded);
        free(list[i]);
    }
    free(list);
    return e;
}

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *framework_svc_standards_dir(arena_t *a) {
    const char *env = getenv("DUDAO_STANDARDS");
    if (env && *env) return env;
    if (is_dir("standards/frameworks")) return "standards";
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            const char *p = arena_printf(a, "%s/../standards", exe);
            if (is_dir(arena_printf(a, "%s/frameworks", p))) return p;
        }
    }
    if (is_dir("/usr/share/dudao/standards/frameworks")) return "/usr/share/dudao/standards";
    return NULL;
}
