#include "svc/frameworks/checklist.h"

#include <math.h>
#include <string.h>

#include "store/frameworks/framework_store.h"

typedef struct checklist_impl {
    fw_t *fw;
    fw_target_t target;
    bool has_target;
} checklist_impl_t;

err_t *checklist_current_version(db_t *db, arena_t *a, const char *code, int64_t *id) {
    framework_version_row_t v;
    bool found = false;
    err_t *e = framework_store_current_version(db, a, code, "/", &v, &found);
    if (e) return e;
    if (!found)
        return err_newf(a, ERR_NOT_FOUND, "framework_version_id", "指标体系 %s 没有已发布的版本",
                        "framework %s has no published version", code, code);
    *id = v.id;
    return NULL;
}

err_t *checklist_version_info(db_t *db, arena_t *a, int64_t id, const char **code, bool *is_published) {
    framework_version_row_t v;
    err_t *e = framework_store_get_version(db, a, id, "/", &v);
    if (e) {
        if (e->code == ERR_NOT_FOUND)
            e = err_newf(a, ERR_NOT_FOUND, "framework_version_id", "指标体系版本 %lld 不存在",
                         "framework version %lld not found", (long long)id, (long long)id);
        return e;
    }
    *code = v.framework_code;
    *is_published = strcmp(v.status, "published") == 0;
    return NULL;
}

err_t *checklist_version_usable(db_t *db, arena_t *a, int64_t id, const char *scope_path, bool *is_usable) {
    framework_version_row_t v;
    err_t *e = framework_store_get_version(db, a, id, scope_path, &v);
    *is_usable = !e;
    return e && e->code == ERR_NOT_FOUND ? NULL : e;
}

/* Removes from an indicators array the nodes that do not apply (and groups left empty). */
static void narrow(const fw_t *fw, const fw_target_t *t, json_t *arr) {
    for (size_t i = json_array_size(arr); i-- > 0;) {
        json_t *n = json_array_get(arr, i);
        const fw_node_t *node = fw_find(fw, json_string_value(json_object_get(n, "code")));
        if (!node || !fw_applies(fw, node, t)) {
            json_array_remove(arr, i);
            continue;
        }
        json_t *kids = json_object_get(n, "children");
        if (json_is_array(kids) && json_array_size(kids) > 0) {
            narrow(fw, t, kids);
            if (json_array_size(kids) == 0) json_array_remove(arr, i);
        }
    }
}

err_t *checklist_load(db_t *db, arena_t *a, int64_t id, const char *type_code, const char *const *sections,
                      size_t n_sections, checklist_t *out) {
    memset(out, 0, sizeof *out);
    framework_version_row_t v;
    err_t *e = framework_store_get_version(db, a, id, "/", &v);
    checklist_impl_t *im = arena_alloc(a, sizeof *im);
    if (!e) e = framework_store_tree(a, &v, &im->fw);
    json_t *doc = NULL;
    if (!e) e = framework_store_document(a, &v, &doc);
    if (e) return e;
    im->target = (fw_target_t){.type_code = type_code, .sections = sections, .n_sections = n_sections};
    im->has_target = type_code != NULL;
    const fw_target_t *t = im->has_target ? &im->target : NULL;
    narrow(im->fw, t, json_object_get(doc, "indicators"));
    const fw_node_t **leaves;
    size_t n = fw_leaves_for(a, im->fw, t, &leaves);
    out->leaves = arena_alloc(a, (n + 1) * sizeof *out->leaves);
    for (size_t i = 0; i < n; i++) {
        const fw_node_t *l = leaves[i];
        out->leaves[i] = (checklist_leaf_t){.code = l->code,
                                            .text = l->text,
                                            .kind = fw_kind_name(l->kind),
                                            .category_code = l->category->code,
                                            .category_text = l->category->text,
                                            .is_veto = l->is_veto,
                                            .needs_photo = l->evidence.photo,
                                            .needs_document = l->evidence.document,
                                            .needs_note = l->evidence.note,
                                            .node = l};
    }
    out->n_leaves = n;
    out->version_id = v.id;
    out->code = v.framework_code;
    out->name = im->fw->name ? im->fw->name : v.framework_name;
    out->version = v.version;
    out->source = im->fw->source;
    out->doc = doc;
    out->impl = im;
    return NULL;
}

void checklist_release(checklist_t *c) {
    json_decref(c->doc);
    c->doc = NULL;
}

const checklist_leaf_t *checklist_leaf(const checklist_t *c, const char *code) {
    for (size_t i = 0; code && i < c->n_leaves; i++)
        if (strcmp(c->leaves[i].code, code) == 0) return &c->leaves[i];
    return NULL;
}

err_t *checklist_check_answer(arena_t *a, const checklist_t *c, const char *code, const json_t *answer) {
    const char *field = arena_printf(a, "answers.%s", code);
    const checklist_leaf_t *l = checklist_leaf(c, code);
    if (!l)
        return err_newf(a, ERR_INVALID, field, "指标 %s 不在本清单中（或不适用于该校）",
                        "indicator %s is not on this checklist (or does not apply to the school)", code, code);
    if (!json_is_object(answer))
        return err_newf(a, ERR_INVALID, field, "指标 %s 的答案应为对象", "the answer of %s must be an object", code,
                        code);
    static const char *const members[] = {"value", "note", "flag", "na", "attachments", NULL};
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)answer, k, v) {
        const char *const *m = members;
        while (*m && strcmp(*m, k) != 0)
            m++;
        if (!*m)
            return err_newf(a, ERR_UNKNOWN_FIELD, arena_printf(a, "answers.%s.%s", code, k), "指标 %s：不支持的字段 %s",
                            "indicator %s: unknown member %s", code, k, code, k);
    }
    const json_t *note = json_object_get(answer, "note");
    if (json_is_string(note) && strlen(json_string_value(note)) > 4000)
        return err_newf(a, ERR_INVALID, field, "指标 %s 的说明过长", "the note of %s is too long", code, code);
    const json_t *atts = json_object_get(answer, "attachments");
    if (atts && !json_is_null(atts) && (!json_is_array(atts) || json_array_size(atts) > 20))
        return err_newf(a, ERR_INVALID, field, "指标 %s：attachments 应为附件编号数组（≤ 20）",
                        "indicator %s: attachments is an array of ids (at most 20)", code, code);
    err_t *e = fw_check_answer(a, l->node, answer);
    if (e) e->field = field;
    return e;
}

const char *checklist_answer_text(arena_t *a, const checklist_leaf_t *leaf, const json_t *answer) {
    if (!answer) return "";
    if (json_is_true(json_object_get(answer, "na"))) return "不适用";
    const json_t *v = json_object_get(answer, "value");
    if (!v || json_is_null(v)) return "";
    const fw_node_t *n = leaf->node;
    switch (n->kind) {
    case FW_PASS_FAIL:
        return json_is_true(v) ? "达标" : "不达标";
    case FW_SCORE:
        return n->has_max ? arena_printf(a, "%g / %g 分", json_number_value(v), n->max_score)
                          : arena_printf(a, "%g 分", json_number_value(v));
    case FW_RATING:
    case FW_CHOICE:
        for (size_t i = 0; i < n->n_options; i++)
            if (json_is_string(v) && strcmp(n->options[i].value, json_string_value(v)) == 0) return n->options[i].label;
        return arena_strdup(a, json_string_value(v));
    case FW_NUMBER:
        return arena_printf(a, "%g%s%s", json_number_value(v), n->unit ? " " : "", n->unit ? n->unit : "");
    case FW_TEXT:
        return arena_strdup(a, json_string_value(v));
    case FW_GROUP:
        break;
    }
    return "";
}

err_t *checklist_evaluate(arena_t *a, const checklist_t *c, const json_t *answers, checklist_result_t *out) {
    memset(out, 0, sizeof *out);
    const checklist_impl_t *im = c->impl;
    /* score only the answers the checklist holds (a stored answer for an item narrowed away
     * by applies_to is ignored by core; an unknown code is refused at save) */
    fw_result_t r;
    err_t *e = fw_score(a, im->fw, im->has_target ? &im->target : NULL, answers, &r);
    if (e) return e;
    out->has_score = r.has_total;
    out->total = r.has_total ? round(r.total * 10) / 10 : 0;
    out->grade = r.grade;
    out->is_veto_failed = r.is_vetoed;
    out->n_applicable = r.n_applicable;
    out->n_answered = r.n_answered;
    out->missing = arena_alloc(a, (r.n_leaves + 1) * sizeof *out->missing);
    out->items = arena_alloc(a, (r.n_leaves + 1) * sizeof *out->items);
    for (size_t i = 0; i < r.n_leaves; i++) {
        const fw_leaf_result_t *l = &r.leaves[i];
        if (!l->is_applicable) continue;
        if (!l->is_answered) out->missing[out->n_missing++] = l->node->code;
        if (!l->is_failed && !l->is_flagged) continue;
        const checklist_leaf_t *leaf = checklist_leaf(c, l->node->code);
        if (!leaf) continue;
        const json_t *ans = json_object_get(answers, l->node->code);
        out->items[out->n_items++] = (checklist_item_result_t){
            .leaf = leaf,
            .is_failed = l->is_failed,
            .is_flagged = l->is_flagged,
            .is_evidence_short = l->is_evidence_short,
            .note = json_string_value(json_object_get(ans, "note")),
            .n_attachments = json_array_size(json_object_get(ans, "attachments")),
        };
    }
    out->json = fw_result_to_json(&r);
    return NULL;
}
