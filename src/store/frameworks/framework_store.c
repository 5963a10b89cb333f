#include "store/frameworks/framework_store.h"

#include "store/rows.h"

#include <string.h>

#include "store/sqlb.h"
#include "util/hash.h"

/* The scope condition on framework f: national, or owned by a region inside or above the
 * reader's. $scope is bound by the caller as the reader's region path. */
static void fw_scope_where(sqlb_t *q, const char *scope_path) {
    if (!scope_path || strcmp(scope_path, "/") == 0) return;
    sqlb_addv(q,
              " AND (f.region_code IS NULL OR EXISTS (SELECT 1 FROM region fr WHERE fr.code = f.region_code AND "
              "(fr.path LIKE CAST(",
              DBV_S(scope_path));
    sqlb_addv(q, " AS TEXT) || '%' OR CAST(", DBV_S(scope_path));
    sqlb_add(q, " AS TEXT) LIKE fr.path || '%')))");
}

#define FW_SELECT                                                                                                      \
    "SELECT f.id, f.code, f.name, f.name_en, f.source, f.region_code, rg.name, f.is_builtin, "                         \
    "(SELECT COUNT(*) FROM framework_version v WHERE v.framework_id = f.id), "                                         \
    "(SELECT MAX(v.id) FROM framework_version v WHERE v.framework_id = f.id AND v.status = 'published'), "             \
    "(SELECT MAX(v.version) FROM framework_version v WHERE v.framework_id = f.id AND v.status = 'published'), "        \
    "(SELECT v.id FROM framework_version v WHERE v.framework_id = f.id ORDER BY v.version DESC LIMIT 1), "             \
    "(SELECT v.version FROM framework_version v WHERE v.framework_id = f.id ORDER BY v.version DESC LIMIT 1), "        \
    "(SELECT v.status FROM framework_version v WHERE v.framework_id = f.id ORDER BY v.version DESC LIMIT 1), "         \
    "(SELECT MAX(v.id) FROM framework_version v WHERE v.framework_id = f.id AND v.status = 'draft'), "                 \
    "(SELECT v.n_indicators FROM framework_version v WHERE v.framework_id = f.id ORDER BY v.version DESC LIMIT 1), "   \
    "f.created_at, f.updated_at, f.uses FROM framework f LEFT JOIN region rg ON rg.code = f.region_code "

static const store_col_t fw_cols[] = {
    SC_I(framework_row_t, id), SC_T(framework_row_t, code), SC_T(framework_row_t, name),
    SC_T(framework_row_t, name_en), SC_T(framework_row_t, source), SC_T(framework_row_t, region_code),
    SC_T(framework_row_t, region_name), SC_B(framework_row_t, is_builtin), SC_I(framework_row_t, n_versions),
    SC_I(framework_row_t, current_version_id), SC_I(framework_row_t, current_version),
    SC_I(framework_row_t, latest_version_id), SC_I(framework_row_t, latest_version),
    SC_T(framework_row_t, latest_status), SC_I(framework_row_t, draft_version_id),
    SC_I(framework_row_t, n_indicators), SC_I(framework_row_t, created_at), SC_I(framework_row_t, updated_at),
    SC_T(framework_row_t, uses),
};
static const store_map_t fw_map = STORE_MAP_ZEROED(framework_row_t, fw_cols, NULL);

static err_t *fw_get_where(db_t *db, arena_t *a, const char *scope_path, const char *col, db_val_t v,
                           framework_row_t *out, bool *found) {
    sqlb_t q;
    sqlb_init(&q, a, FW_SELECT "WHERE ");
    sqlb_addv(&q, col, v);
    fw_scope_where(&q, scope_path);
    return store_find_q(db, a, &q, &fw_map, out, found);
}

err_t *framework_store_get(db_t *db, arena_t *a, const char *scope_path, int64_t id, framework_row_t *out) {
    bool found;
    err_t *e = fw_get_where(db, a, scope_path, "f.id = ", DBV_I(id), out, &found);
    if (e) return e;
    if (!found)
        return err_newf(a, ERR_NOT_FOUND, "framework_id", "指标体系 %lld 不存在或不在权限范围内",
                        "framework %lld not found or outside your scope", (long long)id, (long long)id);
    return NULL;
}

err_t *framework_store_find_code(db_t *db, arena_t *a, const char *scope_path, const char *code, framework_row_t *out,
                                 bool *found) {
    return fw_get_where(db, a, scope_path, "f.code = ", DBV_S(code), out, found);
}

err_t *framework_store_list(db_t *db, arena_t *a, const char *scope_path, const framework_filter_t *f,
                            framework_row_t **out, size_t *n_out, int64_t *total) {
    sqlb_t w;
    sqlb_init(&w, a, "WHERE 1 = 1");
    fw_scope_where(&w, scope_path);
    if (f->q && *f->q) {
        const char *like = sqlb_like_contains(a, f->q);
        sqlb_addv(&w, " AND (f.name LIKE ", DBV_S(like));
        sqlb_addv(&w, " ESCAPE '\\' OR f.code LIKE ", DBV_S(like));
        sqlb_add(&w, " ESCAPE '\\')");
    }
    if (f->status)
        sqlb_addv(&w, " AND EXISTS (SELECT 1 FROM framework_version s WHERE s.framework_id = f.id AND s.status = ",
                  DBV_S(f->status)),
            sqlb_add(&w, ")");
    if (f->is_builtin >= 0) sqlb_addv(&w, " AND f.is_builtin = ", DBV_I(f->is_builtin));
    if (f->use && *f->use)
        sqlb_addv(&w, " AND f.uses LIKE ", DBV_S(sqlb_like_contains(a, arena_printf(a, ",%s,", f->use)))),
            sqlb_add(&w, " ESCAPE '\\'");
    db_rows_t r;
    err_t *e = sqlb_page(db, a, "SELECT COUNT(*) FROM framework f ", FW_SELECT, &w, NULL, "f.is_builtin DESC, f.code",
                         f->limit, f->offset, &r, total);
    if (!e) store_map_rows(a, &r, &fw_map, out, n_out);
    return e;
}

#define VER_SELECT                                                                                                     \
    "SELECT v.id, v.framework_id, f.code, f.name, f.region_code, f.is_builtin, v.version, v.status, %s, "              \
    "v.digest, v.n_indicators, v.created_by, v.created_at, v.updated_by, v.updated_at, v.published_by, "               \
    "v.published_at, pu.display_name, v.retired_at FROM framework_version v JOIN framework f ON f.id = "               \
    "v.framework_id LEFT JOIN app_user pu ON pu.id = v.published_by "

static const store_col_t ver_cols[] = {
    SC_I(framework_version_row_t, id), SC_I(framework_version_row_t, framework_id),
    SC_T(framework_version_row_t, framework_code), SC_T(framework_version_row_t, framework_name),
    SC_T(framework_version_row_t, region_code), SC_B(framework_version_row_t, is_builtin),
    SC_I(framework_version_row_t, version), SC_T(framework_version_row_t, status),
    SC_T(framework_version_row_t, document), SC_T(framework_version_row_t, digest),
    SC_I(framework_version_row_t, n_indicators), SC_I(framework_version_row_t, created_by),
    SC_I(framework_version_row_t, created_at), SC_I(framework_version_row_t, updated_by),
    SC_I(framework_version_row_t, updated_at), SC_I(framework_version_row_t, published_by),
    SC_I(framework_version_row_t, published_at), SC_T(framework_version_row_t, published_by_name),
    SC_I(framework_version_row_t, retired_at),
};
static const store_map_t ver_map = STORE_MAP_ZEROED(framework_version_row_t, ver_cols, NULL);

err_t *framework_store_get_version(db_t *db, arena_t *a, int64_t version_id, const char *scope_path,
                                   framework_version_row_t *out) {
    sqlb_t q;
    sqlb_init(&q, a, arena_printf(a, VER_SELECT, "v.document"));
    sqlb_addv(&q, "WHERE v.id = ", DBV_I(version_id));
    fw_scope_where(&q, scope_path);
    return store_get_q(db, a, &q, &ver_map, out, 
                       &(store_missing_t){"version_id", "指标体系版本", "framework version", version_id, true});
}

err_t *framework_store_current_version(db_t *db, arena_t *a, const char *code, const char *scope_path,
                                       framework_version_row_t *out, bool *found) {
    sqlb_t q;
    sqlb_init(&q, a, arena_printf(a, VER_SELECT, "v.document"));
    sqlb_addv(&q, "WHERE f.code = ", DBV_S(code));
    sqlb_add(&q, " AND v.status = 'published'");
    fw_scope_where(&q, scope_path);
    sqlb_add(&q, " ORDER BY v.version DESC LIMIT 1");
    return store_find_q(db, a, &q, &ver_map, out, found);
}

err_t *framework_store_versions(db_t *db, arena_t *a, int64_t framework_id, framework_version_row_t **out,
                                size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(db, a, arena_printf(a, VER_SELECT "WHERE v.framework_id = $1 ORDER BY v.version DESC", "NULL"),
                        DB_P(DBV_I(framework_id)), &r);
    if (!e) store_map_rows(a, &r, &ver_map, out, n_out);
    return e;
}

err_t *framework_store_has_version(db_t *db, arena_t *a, int64_t framework_id, int64_t version, bool *has) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT 1 FROM framework_version WHERE framework_id = $1 AND version = $2",
                        DB_P(DBV_I(framework_id), DBV_I(version)), &r);
    if (!e) *has = r.n_rows > 0;
    return e;
}

err_t *framework_store_document(arena_t *a, const framework_version_row_t *v, json_t **out) {
    json_error_t je;
    json_t *doc = v->document ? json_loads(v->document, 0, &je) : NULL;
    if (!json_is_object(doc)) {
        json_decref(doc);
        return err_newf(a, ERR_INTERNAL, NULL, "指标体系版本 %lld 的文档已损坏",
                        "the document of framework version %lld is damaged", (long long)v->id, (long long)v->id);
    }
    json_object_set_new(doc, "version", json_integer(v->version));
    json_object_set_new(doc, "status", json_string(v->status));
    *out = doc;
    return NULL;
}

err_t *framework_store_tree(arena_t *a, const framework_version_row_t *v, fw_t **out) {
    json_t *doc;
    err_t *e = framework_store_document(a, v, &doc);
    if (e) return e;
    e = fw_parse(a, doc, out);
    json_decref(doc);
    return e;
}

err_t *framework_store_insert(db_t *db, arena_t *a, framework_row_t *f, int64_t actor_id, int64_t now) {
    db_rows_t r;
    err_t *e = db_query(
        db, a,
        "INSERT INTO framework (code, name, name_en, source, uses, region_code, is_builtin, created_by, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        DB_P(DBV_S(f->code), DBV_S(f->name), DBV_S(f->name_en), DBV_S(f->source), DBV_S(f->uses ? f->uses : ","),
             DBV_S(f->region_code), DBV_I(f->is_builtin), actor_id > 0 ? DBV_I(actor_id) : DBV_NUL, DBV_I(now)),
        &r);
    if (e && e->code == ERR_CONFLICT)
        return err_newf(a, ERR_CONFLICT, "code", "指标体系编码 %s 已存在", "framework code %s already exists", f->code,
                        f->code);
    if (e) return e;
    f->id = db_scalar_int(&r, 0);
    f->created_at = f->updated_at = now;
    return NULL;
}

const char *framework_store_uses_text(arena_t *a, const fw_t *doc) {
    buf_t b;
    buf_init(&b);
    buf_putc(&b, ',');
    for (size_t i = 0; i < doc->n_uses; i++)
        buf_printf(&b, "%s,", doc->uses[i]);
    const char *out = arena_strdup(a, b.p);
    buf_free(&b);
    return out;
}

err_t *framework_store_update_meta(db_t *db, arena_t *a, int64_t id, const fw_t *doc, int64_t now) {
    return db_query(
        db, a, "UPDATE framework SET name = $2, name_en = $3, source = $4, uses = $5, updated_at = $6 WHERE id = $1",
        DB_P(DBV_I(id), DBV_S(doc->name), DBV_S(doc->name_en), DBV_S(doc->source),
             DBV_S(framework_store_uses_text(a, doc)), DBV_I(now)),
        NULL);
}

static err_t *write_indicators(db_t *db, arena_t *a, int64_t version_id, const fw_t *t) {
    err_t *e = db_query(db, a, "DELETE FROM framework_indicator WHERE version_id = $1", DB_P(DBV_I(version_id)), NULL);
    for (size_t i = 0; !e && i < t->n_nodes; i++) {
        const fw_node_t *n = t->nodes[i];
        e = db_query(db, a,
                     "INSERT INTO framework_indicator (version_id, code, parent_code, category_code, level, position, "
                     "text, kind, weight, max_score, is_veto) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                     "CAST($9 AS DOUBLE PRECISION), CAST($10 AS DOUBLE PRECISION), $11)",
                     DB_P(DBV_I(version_id), DBV_S(n->code), DBV_S(n->parent ? n->parent->code : NULL),
                          DBV_S(n->category->code), DBV_I(n->level), DBV_I(n->position), DBV_S(n->text),
                          DBV_S(n->kind == FW_GROUP ? NULL : fw_kind_name(n->kind)),
                          DBV_S(arena_printf(a, "%.17g", n->weight)),
                          DBV_S(n->has_max ? arena_printf(a, "%.17g", n->max_score) : NULL), DBV_I(n->is_veto)),
                     NULL);
    }
    return e;
}

static const char *digest_of(arena_t *a, const char *document) {
    char *hex = arena_alloc(a, HASH_HEX_LEN + 1);
    hash_sm3_hex(document, strlen(document), hex);
    return hex;
}

err_t *framework_store_insert_version(db_t *db, arena_t *a, int64_t framework_id, int64_t version, const char *status,
                                      const fw_t *tree, const char *document, int64_t actor_id, int64_t now,
                                      int64_t *id_out) {
    bool is_published = strcmp(status, "published") == 0;
    db_val_t actor = actor_id > 0 ? DBV_I(actor_id) : DBV_NUL;
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO framework_version (framework_id, version, status, document, digest, n_indicators, "
                        "created_by, created_at, updated_by, updated_at, published_by, published_at) "
                        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8, $9, $10) RETURNING id",
                        DB_P(DBV_I(framework_id), DBV_I(version), DBV_S(status), DBV_S(document),
                             DBV_S(digest_of(a, document)), DBV_I(tree->n_leaves), actor, DBV_I(now),
                             is_published ? actor : DBV_NUL, is_published ? DBV_I(now) : DBV_NUL),
                        &r);
    if (e && e->code == ERR_CONFLICT)
        return err_newf(a, ERR_CONFLICT, "version", "该指标体系已有第 %lld 版",
                        "the framework already has version %lld", (long long)version, (long long)version);
    if (e) return e;
    *id_out = db_scalar_int(&r, 0);
    return write_indicators(db, a, *id_out, tree);
}

err_t *framework_store_update_draft(db_t *db, arena_t *a, int64_t version_id, const fw_t *tree, const char *document,
                                    int64_t actor_id, int64_t now) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "UPDATE framework_version SET document = $2, digest = $3, n_indicators = $4, updated_by = $5, "
                        "updated_at = $6 WHERE id = $1 AND status = 'draft'",
                        DB_P(DBV_I(version_id), DBV_S(document), DBV_S(digest_of(a, document)), DBV_I(tree->n_leaves),
                             actor_id > 0 ? DBV_I(actor_id) : DBV_NUL, DBV_I(now)),
                        &r);
    if (e) return e;
    if (r.n_changed != 1)
        return err_new(a, ERR_CONFLICT, "status", "已发布的版本不能修改", "a published version cannot be changed");
    return write_indicators(db, a, version_id, tree);
}

err_t *framework_store_publish(db_t *db, arena_t *a, int64_t framework_id, int64_t version_id, int64_t actor_id,
                               int64_t now) {
    err_t *e = db_query(db, a,
                        "UPDATE framework_version SET status = 'retired', retired_at = $2 WHERE framework_id = $1 AND "
                        "status = 'published'",
                        DB_P(DBV_I(framework_id), DBV_I(now)), NULL);
    if (e) return e;
    db_rows_t r;
    e = db_query(db, a,
                 "UPDATE framework_version SET status = 'published', published_by = $2, published_at = $3, "
                 "updated_at = $3 WHERE id = $1 AND status = 'draft'",
                 DB_P(DBV_I(version_id), actor_id > 0 ? DBV_I(actor_id) : DBV_NUL, DBV_I(now)), &r);
    if (e) return e;
    if (r.n_changed != 1)
        return err_new(a, ERR_CONFLICT, "status", "只有草稿可以发布", "only a draft can be published");
    return NULL;
}

err_t *framework_store_retire(db_t *db, arena_t *a, int64_t version_id, int64_t now) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "UPDATE framework_version SET status = 'retired', retired_at = $2 WHERE id = $1 AND status = "
                        "'published'",
                        DB_P(DBV_I(version_id), DBV_I(now)), &r);
    if (e) return e;
    if (r.n_changed != 1)
        return err_new(a, ERR_CONFLICT, "status", "只有已发布的版本可以停用",
                       "only a published version can be retired");
    return NULL;
}

err_t *framework_store_delete_draft(db_t *db, arena_t *a, int64_t version_id) {
    err_t *e = db_query(db, a,
                        "DELETE FROM framework_indicator WHERE version_id = $1 AND EXISTS (SELECT 1 FROM "
                        "framework_version v WHERE v.id = $1 AND v.status = 'draft')",
                        DB_P(DBV_I(version_id)), NULL);
    if (e) return e;
    db_rows_t r;
    e = db_query(db, a, "DELETE FROM framework_version WHERE id = $1 AND status = 'draft'", DB_P(DBV_I(version_id)),
                 &r);
    if (e) return e;
    if (r.n_changed != 1) return err_new(a, ERR_CONFLICT, "status", "只有草稿可以删除", "only a draft can be deleted");
    return NULL;
}

err_t *framework_store_version_digest(db_t *db, arena_t *a, int64_t framework_id, int64_t version,
                                      const char **digest) {
    db_rows_t r;
    *digest = NULL;
    err_t *e = db_query(db, a, "SELECT digest FROM framework_version WHERE framework_id = $1 AND version = $2",
                        DB_P(DBV_I(framework_id), DBV_I(version)), &r);
    if (!e && r.n_rows) *digest = db_cell(&r, 0, 0);
    return e;
}
