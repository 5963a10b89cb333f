/* Questionnaires: built-ins synchronised from standards/surveys/, a region's own drafts,
 * publishing (frozen afterwards). */
#include <stdlib.h>
#include <string.h>

#include "core/surveys/survey_form.h"
#include "store/surveys/survey_store.h"
#include "svc/surveys/survey_svc.h"
#include "util/hash.h"
#include "util/timeutil.h"

err_t *survey_svc_sync_builtins(db_t *db, arena_t *a) {
    for (size_t i = 0; survey_standard_files[i].name; i++) {
        const char *text = survey_standard_files[i].text;
        json_error_t je;
        json_t *doc = json_loads(text, 0, &je);
        survey_form_t *f;
        err_t *e = survey_form_parse(a, doc, &f);
        json_decref(doc);
        if (e)
            return err_newf(a, ERR_INTERNAL, NULL, "内置问卷 %s 无效", "built-in %s invalid",
                            survey_standard_files[i].name);
        char digest[HASH_HEX_LEN + 1];
        hash_sm3_hex(text, strlen(text), digest);
        if ((e = survey_store_builtin_sync(db, a, f->code, f->name, f->source, text, digest, time_now()))) return e;
    }
    return NULL;
}

static json_t *version_json(const survey_version_row_t *v) {
    return json_pack("{s:I, s:I, s:s, s:s, s:o, s:I, s:s, s:b, s:o, s:o}", "id", (json_int_t)v->id, "form_id",
                     (json_int_t)v->form_id, "code", v->code, "name", v->name, "source", svc_jstr(v->source), "version",
                     (json_int_t)v->version, "status", v->status, "is_builtin", v->is_builtin, "region_code",
                     svc_jstr(v->region_code), "published_at",
                     v->published_at ? json_integer(v->published_at) : json_null());
}

err_t *survey_svc_forms(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_version_row_t *v;
    size_t n;
    scope_t sc = scope_region(who->region_path);
    if (!(e = survey_svc_sync_builtins(db, a)) && !(e = survey_store_versions(db, a, &sc, &v, &n))) {
        json_t *items = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(items, version_json(&v[i]));
        *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
    }
    return svc_end(db, a, e);
}

static err_t *load_version(db_t *db, arena_t *a, const actor_t *who, int64_t id, survey_version_row_t *v) {
    bool found;
    scope_t sc = scope_region(who->region_path);
    err_t *e = survey_store_version_get(db, a, &sc, id, v, &found);
    if (!e && !found)
        e = err_newf(a, ERR_NOT_FOUND, "id", "问卷版本 %lld 不存在", "questionnaire version %lld not found",
                     (long long)id);
    return e;
}

/* The document with its groups' question sets, as the office previews it. */
static json_t *version_detail(arena_t *a, const survey_version_row_t *v) {
    json_t *j = version_json(v);
    json_t *doc = json_loads(v->document, 0, NULL);
    survey_form_t *f;
    json_t *sets = json_array();
    if (doc && !survey_form_parse(a, doc, &f))
        for (size_t g = 0; g < f->n_groups; g++)
            json_array_append_new(sets, survey_form_for_group(f, f->groups[g].code));
    json_object_set_new(j, "document", doc ? doc : json_null());
    json_object_set_new(j, "groups", sets);
    return j;
}

err_t *survey_svc_version(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_version_row_t v;
    if (!(e = survey_svc_sync_builtins(db, a)) && !(e = load_version(db, a, who, id, &v))) *out = version_detail(a, &v);
    return svc_end(db, a, e);
}

static err_t *check_document(arena_t *a, const json_t *document, survey_form_t **f, char **text, char *digest) {
    err_t *e = survey_form_parse(a, document, f);
    if (e) return e;
    char *t = json_dumps(document, JSON_SORT_KEYS | JSON_COMPACT);
    *text = arena_strdup(a, t);
    free(t);
    hash_sm3_hex(*text, strlen(*text), digest);
    return NULL;
}

err_t *survey_svc_form_create(svc_t *s, arena_t *a, const actor_t *who, const json_t *document, json_t **out) {
    survey_form_t *f;
    char *text, digest[HASH_HEX_LEN + 1];
    err_t *e = check_document(a, document, &f, &text, digest);
    if (e) return e;
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    int64_t vid = 0;
    e = survey_store_form_create(db, a, f->code, f->name, f->source, who->region_code, text, digest, time_now(), &vid);
    if (e && e->code == ERR_CONFLICT)
        e = err_new(a, ERR_CONFLICT, "document", "问卷代码已被使用", "the questionnaire code is taken");
    survey_version_row_t v;
    if (!e) e = load_version(db, a, who, vid, &v);
    if (!e)
        e = svc_audit(db, a, who, "create", "survey_form_version", svc_id_text(a, vid), who->region_code, NULL, NULL);
    if (!e) *out = version_detail(a, &v);
    return svc_end(db, a, e);
}

/* A region's questionnaire may be changed by that region's admins only; built-ins never. */
static err_t *check_owner(arena_t *a, const actor_t *who, const survey_version_row_t *v) {
    if (v->is_builtin)
        return err_new(a, ERR_CONFLICT, "id", "内置问卷不能修改，请另建问卷",
                       "a built-in cannot be changed; create one");
    if (!v->region_code || strcmp(v->region_code, who->region_code) != 0)
        return err_new(a, ERR_FORBIDDEN, "id", "只能修改本级的问卷", "only the owning region may change it");
    return NULL;
}

err_t *survey_svc_version_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const json_t *document,
                                 json_t **out) {
    survey_form_t *f;
    char *text, digest[HASH_HEX_LEN + 1];
    err_t *e = check_document(a, document, &f, &text, digest);
    if (e) return e;
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    survey_version_row_t v;
    bool changed = false;
    if (!(e = load_version(db, a, who, id, &v)) && !(e = check_owner(a, who, &v))) {
        if (strcmp(f->code, v.code) != 0)
            e = err_new(a, ERR_INVALID, "document", "不能修改问卷代码", "the code cannot change");
        else if (strcmp(v.status, "draft") != 0)
            e = survey_store_version_add(db, a, v.form_id, text, digest, time_now(), &id);
        else if (!(e = survey_store_version_update(db, a, id, f->name, text, digest, &changed)) && !changed)
            e = err_new(a, ERR_CONFLICT, "id", "已发布的版本不能修改", "a published version is frozen");
    }
    if (!e) e = load_version(db, a, who, id, &v);
    if (!e)
        e = svc_audit(db, a, who, "update", "survey_form_version", svc_id_text(a, id), who->region_code, NULL, NULL);
    if (!e) *out = version_detail(a, &v);
    return svc_end(db, a, e);
}

err_t *survey_svc_version_publish(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    survey_version_row_t v;
    bool changed = false;
    if (!(e = load_version(db, a, who, id, &v)) && !(e = check_owner(a, who, &v)) &&
        !(e = survey_store_version_publish(db, a, id, time_now(), &changed)) && !changed)
        e = err_new(a, ERR_CONFLICT, "id", "该版本已发布", "already published");
    if (!e) e = load_version(db, a, who, id, &v);
    if (!e)
        e = svc_audit(db, a, who, "publish", "survey_form_version", svc_id_text(a, id), who->region_code, NULL, NULL);
    if (!e) *out = version_detail(a, &v);
    return svc_end(db, a, e);
}

err_t *survey_svc_sample(svc_t *s, arena_t *a, const actor_t *who, int64_t version_id, int64_t population,
                         json_t **out) {
    if (population < 1 || population > 100000000)
        return err_new(a, ERR_INVALID, "population", "常住人口应为 1–1亿 的整数", "population: 1 to 100 000 000");
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    survey_version_row_t v;
    survey_form_t *f = NULL;
    if ((e = load_version(db, a, who, version_id, &v))) return e;
    json_t *doc = json_loads(v.document, 0, NULL);
    e = survey_form_parse(a, doc, &f);
    json_decref(doc);
    if (e) return e;
    if (!f->has_sampling)
        return err_new(a, ERR_INVALID, "id", "该问卷未规定抽样规则", "the questionnaire sets no sampling rule");
    sv_sample_need_t need = survey_sample_need(&f->sampling, population);
    long parent = -1;
    for (size_t g = 0; g < f->n_groups; g++)
        if (strcmp(f->groups[g].code, "parent") == 0) parent = (long)g;
    int64_t *quotas = arena_alloc(a, (f->n_groups + 1) * sizeof *quotas);
    survey_sample_propose(&need, f->n_groups, parent, quotas);
    json_t *groups = json_array();
    for (size_t g = 0; g < f->n_groups; g++)
        json_array_append_new(groups, json_pack("{s:s, s:s, s:I}", "group", f->groups[g].code, "name",
                                                f->groups[g].name, "quota", (json_int_t)quotas[g]));
    *out = json_pack("{s:s, s:I, s:{s:I, s:I, s:I}, s:o}", "rule", survey_sample_describe(a, &f->sampling),
                     "population", (json_int_t)population, "need", "total", (json_int_t)need.total, "parents",
                     (json_int_t)need.parents, "valid", (json_int_t)need.valid, "groups", groups);
    return NULL;
}
