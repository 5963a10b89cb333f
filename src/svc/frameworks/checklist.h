/* checklist: the indicator framework as a visit uses it — the version a task pins, narrowed
 * to what applies to the visited school, the answers checked against it, and the scoring and
 * grading of core/framework (the frameworks capability; docs/framework-format.md). This is
 * the one place visits touch the frameworks' API. */
#ifndef DUDAO_CHECKLIST_H
#define DUDAO_CHECKLIST_H

#include <jansson.h>
#include <stdbool.h>

#include "core/frameworks/framework.h"
#include "store/db.h"

/* The built-in routine framework (挂牌督导办法第四条, 8 items). */
#define CHECKLIST_ROUTINE_CODE "gpdd-routine"

typedef struct checklist_leaf {
    const char *code, *text, *kind;
    const char *category_code, *category_text; /* its level-1 indicator */
    bool is_veto;
    bool needs_photo, needs_document, needs_note; /* evidence required when it fails */
    const fw_node_t *node;                        /* the parsed leaf (levels, choices, unit ...) */
} checklist_leaf_t;

typedef struct checklist {
    int64_t version_id;
    const char *code;
    const char *name;
    int64_t version;
    const char *source;
    json_t *doc;              /* the version document narrowed to the school (borrowed from *owner) */
    checklist_leaf_t *leaves; /* applicable leaves, document order */
    size_t n_leaves;
    void *impl; /* the frameworks' parsed version; released by checklist_release */
} checklist_t;

/* The current published version's id of framework `code`; ERR_NOT_FOUND when none. */
err_t *checklist_current_version(db_t *db, arena_t *a, const char *code, int64_t *id);
/* Code and status of a version; ERR_NOT_FOUND (field framework_version_id). */
err_t *checklist_version_info(db_t *db, arena_t *a, int64_t id, const char **code, bool *is_published);
/* Whether version id belongs to a national framework or one owned inside or above scope_path
 * (what an account of that region may use); *is_usable false for another region's. */
err_t *checklist_version_usable(db_t *db, arena_t *a, int64_t id, const char *scope_path, bool *is_usable);

/* Loads version `id` narrowed to a school of type_code with sections (NULL/0 for a government
 * target: everything applies). Call checklist_release when done. */
err_t *checklist_load(db_t *db, arena_t *a, int64_t id, const char *type_code, const char *const *sections,
                      size_t n_sections, checklist_t *out);
void checklist_release(checklist_t *c);

const checklist_leaf_t *checklist_leaf(const checklist_t *c, const char *code);

/* One answer ({"value":..., "note", "flag", "na", "attachments"}) fits its leaf's kind;
 * ERR_INVALID naming "answers.CODE" otherwise, or an unknown code. */
err_t *checklist_check_answer(arena_t *a, const checklist_t *c, const char *code, const json_t *answer);

/* The answer as a person reads it: 达标/不达标, the level's or choice's label, "58 分钟",
 * "7.5 / 10", the text; "不适用" for na; "" when unanswered. Arena. */
const char *checklist_answer_text(arena_t *a, const checklist_leaf_t *leaf, const json_t *answer);

typedef struct checklist_item_result {
    const checklist_leaf_t *leaf;
    bool is_failed, is_flagged;
    bool is_evidence_short; /* failed without the photo/document/note it requires (core) */
    const char *note;
    size_t n_attachments;
} checklist_item_result_t;

typedef struct checklist_result {
    bool has_score;
    double total; /* 0..100 */
    const char *grade;
    bool is_veto_failed;
    size_t n_applicable, n_answered;
    const char **missing; /* applicable leaves not answered */
    size_t n_missing;
    checklist_item_result_t *items; /* failed or flagged leaves */
    size_t n_items;
    json_t *json; /* new reference: total, grade, categories, failed — stored as result_json */
} checklist_result_t;

/* Scores answers with core/framework. */
err_t *checklist_evaluate(arena_t *a, const checklist_t *c, const json_t *answers, checklist_result_t *out);

#endif
