/* framework: the 指标体系 — parsing, validation, applicability and scoring of one framework
 * version, exactly as docs/framework-format.md describes (that file is the contract; this
 * module implements it). Pure: no I/O, no SQL, no clock.
 *
 * A document (jansson object) is parsed into an fw_t tree:
 *   fw_t ─ indicators[] (level 1, the categories) ─ children[] (level 2) ─ children[] (level 3)
 * A node with children is a group (kind FW_GROUP); a node without is a leaf that a visit
 * answers. A level-1 leaf is its own category. Codes are unique in a version and stable across
 * versions (findings recur by code).
 *
 * Ownership: every fw_* structure and string lives in the arena passed in; nothing is freed
 * separately and nothing points into the json_t given (it may be released after parsing).
 * Errors: validation problems are collected (fw_parse_all) or the first is returned as an
 * err_t (fw_parse) with code ERR_INVALID, field "<indicator code>.<field>" (or the top-level
 * field, e.g. "grade_bands") and a "中文 / English" message that names the indicator.
 * Thread-safety: no shared state; a parsed fw_t is immutable and may be read by any number of
 * threads at once. */
#ifndef DUDAO_FRAMEWORK_H
#define DUDAO_FRAMEWORK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

enum {
    FW_MAX_DEPTH = 3,
    FW_MAX_NODES = 2000,
    FW_MAX_TEXT = 2000,  /* characters (bytes) of text / guidance */
    FW_MAX_ISSUES = 200, /* fw_parse_all stops collecting after this many */
};

typedef enum fw_kind {
    FW_GROUP = 0, /* has children; no answer of its own */
    FW_PASS_FAIL, /* 达标 / 不达标 */
    FW_SCORE,     /* 0..max_score */
    FW_RATING,    /* one of labelled, coloured levels */
    FW_NUMBER,    /* a measured number with a unit, met when it satisfies the threshold */
    FW_CHOICE,    /* one of listed choices */
    FW_TEXT,      /* free text; no points, never fails */
} fw_kind_t;

/* "pass_fail" → FW_PASS_FAIL; false when unknown ("group" is not a kind one can write). */
bool fw_kind_parse(const char *s, fw_kind_t *out);
/* FW_PASS_FAIL → "pass_fail"; FW_GROUP → "group". Static text. */
const char *fw_kind_name(fw_kind_t k);

typedef enum fw_op { FW_OP_NONE = 0, FW_OP_LT, FW_OP_LE, FW_OP_GE, FW_OP_GT, FW_OP_EQ } fw_op_t;

typedef struct fw_threshold {
    fw_op_t op; /* FW_OP_NONE: no threshold (the number is recorded, never scored or failed) */
    double value;
} fw_threshold_t;

/* A rating level or a choice. */
typedef struct fw_option {
    const char *value; /* what the answer holds */
    const char *label;
    const char *label_en; /* may be NULL */
    const char *color;    /* "#RRGGBB" or NULL (ratings) */
    bool has_score;
    double score;
    bool is_fail;
} fw_option_t;

typedef struct fw_evidence {
    bool photo, document, note; /* required when the item fails */
} fw_evidence_t;

/* Empty lists mean "no restriction". */
typedef struct fw_applies {
    const char **type_codes; /* 学校办学类型码, 3 digits */
    size_t n_type_codes;
    const char **sections; /* kindergarten | primary | junior | senior | vocational | special */
    size_t n_sections;
} fw_applies_t;

typedef struct fw_node fw_node_t;
struct fw_node {
    const char *code;
    const char *text;
    const char *text_en;  /* may be NULL */
    const char *guidance; /* 检查方法; may be NULL */
    int level;            /* 1..3 */
    size_t position;      /* depth-first index over all nodes, from 0 */
    fw_kind_t kind;
    double weight; /* > 0, default 1 */
    /* Points when fully met; has_max false when the leaf carries no points (text, a number
     * without threshold, options without scores, groups). */
    bool has_max;
    double max_score;
    fw_option_t *options; /* rating levels (best first) or choices */
    size_t n_options;
    const char *unit; /* number */
    fw_threshold_t threshold;
    fw_evidence_t evidence;
    bool is_veto; /* 一票否决 */
    fw_applies_t applies_to;
    const fw_node_t *parent;   /* NULL at level 1 */
    const fw_node_t *category; /* the level-1 ancestor (itself at level 1) */
    fw_node_t *children;
    size_t n_children;
};

typedef struct fw_band {
    const char *label; /* 优秀 / 良好 / 合格 / 不合格 */
    const char *label_en;
    double min; /* percent; bands are ordered highest min first, the last has min 0 */
} fw_band_t;

typedef struct fw {
    const char *code;
    const char *name;
    const char *name_en;
    const char *source;      /* the official document and its version */
    const char *description; /* may be NULL */
    int version;             /* as written in the document (0 when absent); the store's row is the truth */
    const char **uses;       /* where it is used: routine | special | comprehensive | self_evaluation | government */
    size_t n_uses;
    fw_applies_t applies_to;
    fw_band_t *bands;
    size_t n_bands;
    fw_node_t *indicators; /* level 1 */
    size_t n_indicators;
    const fw_node_t **nodes; /* every node, depth-first */
    size_t n_nodes;
    const fw_node_t **leaves; /* every leaf, depth-first */
    size_t n_leaves;
    const fw_node_t **index; /* open-addressing table of nodes by code (fw_find), index_cap slots */
    size_t index_cap;
} fw_t;

typedef struct fw_issue {
    const char *indicator; /* the indicator code, or NULL for a top-level field */
    const char *field;     /* "max_score", "levels[2].color", "grade_bands", ... */
    const char *message;   /* "中文 / English", names the indicator */
} fw_issue_t;

/* Parses and validates a whole document. Returns the tree when there is no issue (*out) and
 * NULL issues; otherwise *out is NULL and *issues and *n_issues list what is wrong (up to
 * FW_MAX_ISSUES). The top-level "version" and "status" members are accepted and not checked
 * (the store sets them). Unknown members anywhere are issues (typos are not lost silently). */
void fw_parse_all(arena_t *a, const json_t *doc, fw_t **out, fw_issue_t **issues, size_t *n_issues);
/* The same, answering the first issue as an ERR_INVALID err_t (field "<code>.<field>"). */
err_t *fw_parse(arena_t *a, const json_t *doc, fw_t **out);
/* The issue's err_t field: "A1.2.max_score", or "grade_bands" for a top-level one. */
const char *fw_issue_field(arena_t *a, const fw_issue_t *i);

/* The canonical document of a tree (new reference): members in a fixed order, defaults
 * written out only where they carry meaning. fw_parse(fw_to_json(f)) gives the same tree. */
json_t *fw_to_json(const fw_t *f);

/* The node with that code, or NULL. Constant time (a hash table built by the parse). */
const fw_node_t *fw_find(const fw_t *f, const char *code);

/* --- versions compared ----------------------------------------------------------------- */

typedef enum fw_change_kind { FW_ADDED, FW_REMOVED, FW_CHANGED } fw_change_kind_t;

typedef struct fw_change {
    fw_change_kind_t kind;
    const char *code;    /* the indicator's code; NULL for the framework's own members */
    const char *text;    /* its text (the newer one when both exist) */
    const char **fields; /* FW_CHANGED: the members that differ ("text", "max_score", "levels", "parent", ...) */
    size_t n_fields;
} fw_change_t;

/* What changed from one version to another, matching indicators by code (codes are stable
 * across versions): added and removed indicators, and for each kept one the members that
 * differ — "parent" when it moved under another parent; order among siblings is not a change.
 * Changes of the framework's own members (name, source, grade_bands, ...) come first with a
 * NULL code. Returns the count; *out in the arena, in the newer version's order, removed last. */
size_t fw_diff(arena_t *a, const fw_t *from, const fw_t *to, fw_change_t **out);
/* {"framework":[fields], "added":[{code,text}], "removed":[...], "changed":[{code,text,fields}]}
 * (new reference). */
json_t *fw_diff_to_json(const fw_change_t *c, size_t n);

/* --- applicability ---------------------------------------------------------------------- */

/* The school a visit is at. type_code NULL or n_sections 0 means "unknown": a restriction on
 * an unknown attribute then does not exclude (an office preview sees every item). */
typedef struct fw_target {
    const char *type_code;
    const char *const *sections;
    size_t n_sections;
} fw_target_t;

/* Whether the node applies to the target: the framework's applies_to, every ancestor's and
 * its own must all hold (a child narrows its parent). target NULL: everything applies. A
 * type_codes list holds when it contains the school's type; a sections list when the school
 * has at least one of the sections. */
bool fw_applies(const fw_t *f, const fw_node_t *n, const fw_target_t *target);
/* The leaves that apply, depth-first, in *out (arena); returns the count. */
size_t fw_leaves_for(arena_t *a, const fw_t *f, const fw_target_t *target, const fw_node_t ***out);

/* --- scoring ---------------------------------------------------------------------------- */

typedef struct fw_leaf_result {
    const fw_node_t *node;
    bool is_applicable; /* by applies_to */
    bool is_answered;   /* has a value, or is marked N/A */
    bool is_na;         /* 不适用: excluded from the maximum */
    bool has_points;    /* counts in its category (answered, applicable, not N/A, carries points) */
    double points;      /* unweighted */
    double max;         /* unweighted */
    double weight;      /* effective: the leaf's weight × its level-2 group's weight (if any) */
    bool is_failed;
    bool is_flagged;        /* the inspector asked for a follow-up */
    bool is_evidence_short; /* failed, and the required photo/document (attachments) or note is missing */
    const char *label;      /* the chosen level's / choice's label, or NULL */
} fw_leaf_result_t;

typedef struct fw_category_result {
    const fw_node_t *node;
    bool has_score; /* some answered leaf with points */
    double points;  /* Σ weight × points */
    double max;     /* Σ weight × max */
    double percent; /* 100 × points / max, when has_score */
    size_t n_leaves, n_answered, n_failed, n_flagged;
} fw_category_result_t;

typedef struct fw_result {
    fw_leaf_result_t *leaves; /* one per leaf of the framework, depth-first */
    size_t n_leaves;
    fw_category_result_t *categories; /* one per level-1 indicator */
    size_t n_categories;
    bool has_total;
    double total; /* Σ category weight × percent / Σ category weight, over categories with a score */
    size_t n_applicable, n_answered, n_unanswered, n_failed, n_flagged, n_evidence_short;
    bool is_vetoed;           /* a failed veto item: the verdict is 不合格 whatever the total */
    const fw_node_t **vetoes; /* the failed veto items */
    size_t n_vetoes;
    const char *grade;    /* the band's label (or 不合格 when vetoed); NULL without bands and veto */
    const char *grade_en; /* "Fail" when vetoed */
    bool is_complete;     /* every applicable leaf answered */
} fw_result_t;

/* Checks one answer object ({"value":..., "na":..., "note":..., "flag":..., "attachments":[...]})
 * against its leaf: the value's type and range for the kind, a known level/choice. Other
 * members are left to the caller (visits may add its own). ERR_INVALID, field "<code>.value". */
err_t *fw_check_answer(arena_t *a, const fw_node_t *leaf, const json_t *answer);

/* Scores an answers object (code → answer; docs/framework-format.md) for the target school
 * (NULL: every item applies). Every answer is checked (fw_check_answer); an answer for an
 * unknown code or a group is ERR_INVALID (field "<code>"). Answers for items that do not
 * apply are ignored. answers may be NULL (nothing answered). Memory in the arena. */
err_t *fw_score(arena_t *a, const fw_t *f, const fw_target_t *target, const json_t *answers, fw_result_t *out);

/* The result as the API answers it (new reference): total, grade, is_vetoed, vetoes, counts,
 * categories [{code, text, percent, ...}], items {code: {points, max, is_failed, ...}}. */
json_t *fw_result_to_json(const fw_result_t *r);

#endif
