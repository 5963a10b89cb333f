#include "core/frameworks/framework.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* ---- names ------------------------------------------------------------------------------ */

static const char *const kind_names[] = {"group", "pass_fail", "score", "rating", "number", "choice", "text"};

bool fw_kind_parse(const char *s, fw_kind_t *out) {
    for (size_t i = 1; s && i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (strcmp(s, kind_names[i]) == 0) {
            *out = (fw_kind_t)i;
            return true;
        }
    return false;
}

const char *fw_kind_name(fw_kind_t k) {
    return (size_t)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "";
}

static const char *const op_names[] = {"", "<", "<=", ">=", ">", "="};

static bool op_parse(const char *s, fw_op_t *out) {
    for (size_t i = 1; s && i < sizeof op_names / sizeof op_names[0]; i++)
        if (strcmp(s, op_names[i]) == 0) {
            *out = (fw_op_t)i;
            return true;
        }
    return false;
}

static const char *const section_names[] = {"kindergarten", "primary", "junior", "senior", "vocational", "special"};
static const char *const use_names[] = {"routine", "special", "comprehensive", "self_evaluation", "government"};
static const char *const status_names[] = {"draft", "published", "retired"};

static bool in_list(const char *s, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0) return true;
    return false;
}
#define IN_LIST(s, arr) in_list((s), (arr), sizeof(arr) / sizeof(arr)[0])

/* ---- codes by hash ----------------------------------------------------------------------- */

enum { SEEN_CAP = 4096 }; /* a power of two above 2 × FW_MAX_NODES */

static uint32_t code_hash(const char *s) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot of code in a table of cap slots (cap a power of two): its node, or an empty slot. */
static size_t code_slot(const fw_node_t *const *t, size_t cap, const char *code) {
    size_t i = code_hash(code) & (cap - 1);
    while (t[i] && strcmp(t[i]->code, code) != 0)
        i = (i + 1) & (cap - 1);
    return i;
}

/* ---- the parse context: collects issues ----------------------------------------------- */

typedef struct fw_ctx {
    arena_t *a;
    fw_issue_t *issues;
    size_t n_issues;
    fw_node_t **all; /* nodes so far */
    size_t n_all, cap_all;
    const fw_node_t **seen; /* codes so far (open addressing, SEEN_CAP slots) */
    size_t n_leaves;
} fw_ctx_t;

static void issue(fw_ctx_t *c, const char *code, const char *field, const char *zh_fmt, const char *en_fmt, ...)
    __attribute__((format(printf, 4, 6), format(printf, 5, 6)));

/* Both formats take the same arguments. The message names the indicator first. */
static void issue(fw_ctx_t *c, const char *code, const char *field, const char *zh_fmt, const char *en_fmt, ...) {
    if (c->n_issues >= FW_MAX_ISSUES) return;
    va_list ap, ap2;
    va_start(ap, en_fmt);
    va_copy(ap2, ap);
    char *zh = arena_vprintf(c->a, zh_fmt, ap);
    char *en = arena_vprintf(c->a, en_fmt, ap2);
    va_end(ap2);
    va_end(ap);
    fw_issue_t *i = &c->issues[c->n_issues++];
    i->indicator = code;
    i->field = field;
    i->message = code ? arena_printf(c->a, "指标 %s：%s / indicator %s: %s", code, zh, code, en)
                      : arena_printf(c->a, "%s / %s", zh, en);
}

/* Unknown members are issues: a misspelt "is_veto" must not silently make an ordinary item. */
static void check_members(fw_ctx_t *c, const char *code, const char *where, const json_t *obj,
                          const char *const *allowed, size_t n_allowed) {
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        (void)v;
        if (!in_list(key, allowed, n_allowed))
            issue(c, code, arena_printf(c->a, "%s%s%s", where, *where ? "." : "", key), "未知字段 %s%s%s",
                  "unknown field %s%s%s", where, *where ? "." : "", key);
    }
}
#define CHECK_MEMBERS(c, code, where, obj, arr)                                                                        \
    check_members((c), (code), (where), (obj), (arr), sizeof(arr) / sizeof(arr)[0])

static bool is_code(const char *s, size_t max, bool allow_dot) {
    size_t n = strlen(s);
    if (n == 0 || n > max) return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                  (i > 0 && (ch == '-' || ch == '_' || (allow_dot && ch == '.')));
        if (!ok) return false;
    }
    return true;
}

static bool is_color(const char *s) {
    if (strlen(s) != 7 || s[0] != '#') return false;
    for (int i = 1; i < 7; i++) {
        char ch = s[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) return false;
    }
    return true;
}

/* An optional string member; issues a wrong type or length. Returns the arena copy or NULL. */
static const char *opt_str(fw_ctx_t *c, const char *code, const json_t *obj, const char *name, bool is_required,
                           size_t max) {
    const json_t *v = json_object_get(obj, name);
    if (!v || json_is_null(v)) {
        if (is_required) issue(c, code, name, "缺少 %s", "%s is required", name);
        return NULL;
    }
    if (!json_is_string(v)) {
        issue(c, code, name, "%s 应为字符串", "%s must be a string", name);
        return NULL;
    }
    const char *s = json_string_value(v);
    if (is_required && !*s) {
        issue(c, code, name, "%s 不能为空", "%s must not be empty", name);
        return NULL;
    }
    if (strlen(s) > max) {
        issue(c, code, name, "%s 过长（最多 %zu 字节）", "%s is too long (at most %zu bytes)", name, max);
        return NULL;
    }
    return *s ? arena_strdup(c->a, s) : NULL;
}

/* An optional number member; *has says whether it was there (and a number). */
static double opt_num(fw_ctx_t *c, const char *code, const json_t *obj, const char *name, bool *has) {
    const json_t *v = json_object_get(obj, name);
    *has = false;
    if (!v || json_is_null(v)) return 0;
    if (!json_is_number(v)) {
        issue(c, code, name, "%s 应为数字", "%s must be a number", name);
        return 0;
    }
    *has = true;
    return json_number_value(v);
}

static bool opt_bool(fw_ctx_t *c, const char *code, const json_t *obj, const char *name, const char *field) {
    const json_t *v = json_object_get(obj, name);
    if (!v || json_is_null(v)) return false;
    if (!json_is_boolean(v)) {
        issue(c, code, field, "%s 应为 true 或 false", "%s must be true or false", field);
        return false;
    }
    return json_is_true(v);
}

/* ---- applies_to ------------------------------------------------------------------------- */

/* The nearest restriction above, for the narrowing check. */
typedef struct fw_scope_chain {
    const fw_applies_t *types;    /* nearest non-empty type_codes above, or NULL */
    const fw_applies_t *sections; /* nearest non-empty sections above, or NULL */
} fw_scope_chain_t;

static bool list_has(const char *const *list, size_t n, const char *s) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0) return true;
    return false;
}

static void parse_applies(fw_ctx_t *c, const char *code, const json_t *v, const fw_scope_chain_t *above,
                          fw_applies_t *out) {
    memset(out, 0, sizeof *out);
    if (!v || json_is_null(v)) return;
    if (!json_is_object(v)) {
        issue(c, code, "applies_to", "applies_to 应为对象", "applies_to must be an object");
        return;
    }
    static const char *const allowed[] = {"type_codes", "sections"};
    CHECK_MEMBERS(c, code, "applies_to", v, allowed);
    const json_t *t = json_object_get(v, "type_codes");
    if (t && !json_is_null(t)) {
        if (!json_is_array(t)) {
            issue(c, code, "applies_to.type_codes", "type_codes 应为数组", "type_codes must be an array");
        } else {
            out->type_codes = arena_alloc(c->a, json_array_size(t) * sizeof(char *));
            size_t i;
            const json_t *x;
            json_array_foreach(t, i, x) {
                const char *s = json_string_value(x);
                bool ok = s && strlen(s) == 3 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
                          s[2] >= '0' && s[2] <= '9';
                if (!ok) {
                    issue(c, code, "applies_to.type_codes", "办学类型码应为3位数字", "a school type code has 3 digits");
                    continue;
                }
                if (list_has(out->type_codes, out->n_type_codes, s)) {
                    issue(c, code, "applies_to.type_codes", "办学类型码 %s 重复", "school type code %s is listed twice",
                          s);
                    continue;
                }
                if (above && above->types && !list_has(above->types->type_codes, above->types->n_type_codes, s))
                    issue(c, code, "applies_to.type_codes", "办学类型码 %s 不在上级的适用范围内",
                          "school type code %s is outside its parent's applies_to", s);
                out->type_codes[out->n_type_codes++] = arena_strdup(c->a, s);
            }
        }
    }
    const json_t *sec = json_object_get(v, "sections");
    if (sec && !json_is_null(sec)) {
        if (!json_is_array(sec)) {
            issue(c, code, "applies_to.sections", "sections 应为数组", "sections must be an array");
        } else {
            out->sections = arena_alloc(c->a, json_array_size(sec) * sizeof(char *));
            size_t i;
            const json_t *x;
            json_array_foreach(sec, i, x) {
                const char *s = json_string_value(x);
                if (!s || !IN_LIST(s, section_names)) {
                    issue(c, code, "applies_to.sections",
                          "学段应为 kindergarten/primary/junior/senior/vocational/special 之一",
                          "a section is one of kindergarten, primary, junior, senior, vocational, special");
                    continue;
                }
                if (list_has(out->sections, out->n_sections, s)) {
                    issue(c, code, "applies_to.sections", "学段 %s 重复", "section %s is listed twice", s);
                    continue;
                }
                if (above && above->sections && !list_has(above->sections->sections, above->sections->n_sections, s))
                    issue(c, code, "applies_to.sections", "学段 %s 不在上级的适用范围内",
                          "section %s is outside its parent's applies_to", s);
                out->sections[out->n_sections++] = arena_strdup(c->a, s);
            }
        }
    }
}

/* ---- options (rating levels, choices) -------------------------------------------------- */

static void parse_options(fw_ctx_t *c, const char *code, const json_t *arr, const char *name, bool is_rating,
                          fw_node_t *n) {
    if (!json_is_array(arr)) {
        issue(c, code, name, "%s 应为数组", "%s must be an array", name);
        return;
    }
    size_t count = json_array_size(arr);
    if (count < 2) {
        issue(c, code, name, is_rating ? "评级至少需要2个等级" : "选择题至少需要2个选项",
              is_rating ? "a rating needs at least 2 levels" : "a choice needs at least 2 choices");
        return;
    }
    if (count > 20) {
        issue(c, code, name, "%s 最多20项", "%s has at most 20 entries", name);
        return;
    }
    n->options = arena_alloc(c->a, count * sizeof *n->options);
    size_t n_scored = 0, n_fail = 0;
    size_t i;
    const json_t *o;
    json_array_foreach(arr, i, o) {
        const char *field = arena_printf(c->a, "%s[%zu]", name, i);
        if (!json_is_object(o)) {
            issue(c, code, field, "%s 应为对象", "%s must be an object", field);
            continue;
        }
        static const char *const allowed[] = {"value", "label", "label_en", "color", "score", "is_fail"};
        check_members(c, code, field, o, allowed, sizeof allowed / sizeof allowed[0]);
        fw_option_t *op = &n->options[n->n_options];
        const json_t *v = json_object_get(o, "value");
        const char *value = json_string_value(v);
        if (!value || !*value || strlen(value) > 32) {
            issue(c, code, arena_printf(c->a, "%s.value", field), "%s.value 应为非空字符串（最多32字节）",
                  "%s.value must be a non-empty string (at most 32 bytes)", field);
            continue;
        }
        for (size_t k = 0; k < n->n_options; k++)
            if (strcmp(n->options[k].value, value) == 0)
                issue(c, code, arena_printf(c->a, "%s.value", field), "取值 %s 重复", "value %s is listed twice",
                      value);
        op->value = arena_strdup(c->a, value);
        const char *label = json_string_value(json_object_get(o, "label"));
        if (!label || !*label || strlen(label) > 100)
            issue(c, code, arena_printf(c->a, "%s.label", field), "%s 缺少名称", "%s needs a label", field);
        op->label = arena_strdup(c->a, label ? label : value);
        const char *label_en = json_string_value(json_object_get(o, "label_en"));
        op->label_en = label_en && *label_en ? arena_strdup(c->a, label_en) : NULL;
        const json_t *col = json_object_get(o, "color");
        if (col && !json_is_null(col)) {
            if (!is_rating)
                issue(c, code, arena_printf(c->a, "%s.color", field), "只有评级等级有颜色",
                      "only rating levels have a color");
            else if (!json_is_string(col) || !is_color(json_string_value(col)))
                issue(c, code, arena_printf(c->a, "%s.color", field), "颜色应为 #RRGGBB", "a color is #RRGGBB");
            else
                op->color = arena_strdup(c->a, json_string_value(col));
        }
        const json_t *sc = json_object_get(o, "score");
        if (sc && !json_is_null(sc)) {
            if (!json_is_number(sc) || json_number_value(sc) < 0 || json_number_value(sc) > 1000)
                issue(c, code, arena_printf(c->a, "%s.score", field), "分值应为0到1000之间的数字",
                      "a score is a number from 0 to 1000");
            else {
                op->has_score = true;
                op->score = json_number_value(sc);
                n_scored++;
            }
        }
        const json_t *f = json_object_get(o, "is_fail");
        if (f && !json_is_null(f) && !json_is_boolean(f))
            issue(c, code, arena_printf(c->a, "%s.is_fail", field), "is_fail 应为 true 或 false",
                  "is_fail must be true or false");
        op->is_fail = json_is_true(f);
        n_fail += op->is_fail;
        n->n_options++;
    }
    if (n->n_options != count) return;
    if (n_scored && n_scored != count)
        issue(c, code, name, "要么每项都有分值，要么都没有", "either every entry has a score or none has");
    if (n_fail == count) issue(c, code, name, "不能每项都不达标", "not every entry can be a failure");
}

/* ---- nodes ------------------------------------------------------------------------------ */

static void node_register(fw_ctx_t *c, fw_node_t *n) {
    if (c->n_all == c->cap_all) {
        size_t cap = c->cap_all ? c->cap_all * 2 : 64;
        fw_node_t **all = arena_alloc(c->a, cap * sizeof *all);
        if (c->n_all) memcpy(all, c->all, c->n_all * sizeof *all);
        c->all = all;
        c->cap_all = cap;
    }
    c->all[c->n_all++] = n;
}

static void parse_node(fw_ctx_t *c, const json_t *j, int level, const fw_node_t *parent, const fw_scope_chain_t *above,
                       const char *where, fw_node_t *n);

static void parse_children(fw_ctx_t *c, const json_t *arr, int level, const fw_node_t *parent,
                           const fw_scope_chain_t *above, const char *where, fw_node_t **out, size_t *n_out) {
    size_t count = json_array_size(arr);
    *out = arena_alloc(c->a, count * sizeof **out);
    *n_out = count;
    size_t i;
    const json_t *x;
    json_array_foreach(arr, i, x) {
        parse_node(c, x, level, parent, above, arena_printf(c->a, "%s[%zu]", where, i), &(*out)[i]);
    }
}

static void parse_node(fw_ctx_t *c, const json_t *j, int level, const fw_node_t *parent, const fw_scope_chain_t *above,
                       const char *where, fw_node_t *n) {
    memset(n, 0, sizeof *n);
    n->level = level;
    n->parent = parent;
    n->category = parent ? parent->category : n;
    n->weight = 1;
    n->code = where; /* until the real code is known, issues name the position */
    if (c->n_all >= FW_MAX_NODES) {
        if (c->n_all == FW_MAX_NODES)
            issue(c, NULL, "indicators", "指标不能超过 %d 个", "at most %d indicators", FW_MAX_NODES);
        c->n_all++;
        return;
    }
    n->position = c->n_all;
    node_register(c, n);
    if (!json_is_object(j)) {
        issue(c, NULL, where, "%s 应为对象", "%s must be an object", where);
        return;
    }
    const json_t *jc = json_object_get(j, "code");
    const char *code = json_string_value(jc);
    if (!code || !is_code(code, 32, true)) {
        issue(c, NULL, arena_printf(c->a, "%s.code", where),
              "%s 的编码应为1到32位字母、数字、点、- 或 _，以字母或数字开头",
              "the code of %s has 1 to 32 letters, digits, dots, - or _, starting with a letter or digit", where);
    } else {
        n->code = arena_strdup(c->a, code);
        size_t slot = code_slot(c->seen, SEEN_CAP, code);
        if (c->seen[slot])
            issue(c, n->code, "code", "编码重复", "the code is used twice");
        else
            c->seen[slot] = n;
    }
    const char *cd = n->code;
    static const char *const allowed[] = {"code",      "text",     "text_en", "guidance",   "kind",
                                          "max_score", "weight",   "levels",  "choices",    "unit",
                                          "threshold", "evidence", "is_veto", "applies_to", "children"};
    CHECK_MEMBERS(c, cd, "", j, allowed);
    n->text = opt_str(c, cd, j, "text", true, FW_MAX_TEXT);
    if (!n->text) n->text = "";
    n->text_en = opt_str(c, cd, j, "text_en", false, FW_MAX_TEXT);
    n->guidance = opt_str(c, cd, j, "guidance", false, FW_MAX_TEXT);
    bool has;
    double w = opt_num(c, cd, j, "weight", &has);
    if (has) {
        if (!(w > 0 && w <= 1000))
            issue(c, cd, "weight", "权重应大于0且不超过1000", "the weight must be above 0 and at most 1000");
        else
            n->weight = w;
    }
    parse_applies(c, cd, json_object_get(j, "applies_to"), above, &n->applies_to);
    fw_scope_chain_t below = *above;
    if (n->applies_to.n_type_codes) below.types = &n->applies_to;
    if (n->applies_to.n_sections) below.sections = &n->applies_to;

    const json_t *kids = json_object_get(j, "children");
    if (kids && !json_is_null(kids) && !json_is_array(kids)) {
        issue(c, cd, "children", "children 应为数组", "children must be an array");
        kids = NULL;
    }
    if (kids && json_array_size(kids) > 0) {
        n->kind = FW_GROUP;
        static const char *const leaf_only[] = {"kind", "max_score", "levels",   "choices",
                                                "unit", "threshold", "evidence", "is_veto"};
        for (size_t k = 0; k < sizeof leaf_only / sizeof leaf_only[0]; k++)
            if (json_object_get(j, leaf_only[k]))
                issue(c, cd, leaf_only[k], "有下级指标的分组不能设置 %s", "a group with children cannot have %s",
                      leaf_only[k]);
        if (level >= FW_MAX_DEPTH) {
            issue(c, cd, "children", "指标最多 %d 级", "indicators have at most %d levels", FW_MAX_DEPTH);
            return;
        }
        parse_children(c, kids, level + 1, n, &below, arena_printf(c->a, "%s.children", where), &n->children,
                       &n->n_children);
        return;
    }

    /* a leaf */
    c->n_leaves++;
    const json_t *jk = json_object_get(j, "kind");
    if (!jk) {
        issue(c, cd, "kind", "缺少类型（pass_fail/score/rating/number/choice/text）",
              "kind is required (pass_fail, score, rating, number, choice or text)");
        return;
    }
    if (!fw_kind_parse(json_string_value(jk), &n->kind)) {
        issue(c, cd, "kind", "类型应为 pass_fail/score/rating/number/choice/text 之一",
              "kind must be pass_fail, score, rating, number, choice or text");
        return;
    }
    double max = opt_num(c, cd, j, "max_score", &has);
    bool has_max_given = has;
    if (has && !(max > 0 && max <= 1000)) {
        issue(c, cd, "max_score", "满分应大于0且不超过1000", "max_score must be above 0 and at most 1000");
        has_max_given = false;
    }
    const json_t *levels = json_object_get(j, "levels");
    const json_t *choices = json_object_get(j, "choices");
    if (levels && n->kind != FW_RATING) issue(c, cd, "levels", "只有评级（rating）有等级", "only a rating has levels");
    if (choices && n->kind != FW_CHOICE)
        issue(c, cd, "choices", "只有选择题（choice）有选项", "only a choice has choices");
    if (n->kind != FW_NUMBER) {
        if (json_object_get(j, "unit")) issue(c, cd, "unit", "只有数值（number）有单位", "only a number has a unit");
        if (json_object_get(j, "threshold"))
            issue(c, cd, "threshold", "只有数值（number）有阈值", "only a number has a threshold");
    }
    switch (n->kind) {
    case FW_PASS_FAIL:
        n->has_max = true;
        n->max_score = has_max_given ? max : 1;
        break;
    case FW_SCORE:
        if (!has_max_given && !has) issue(c, cd, "max_score", "评分题需要满分 max_score", "a score needs max_score");
        n->has_max = has_max_given;
        n->max_score = max;
        break;
    case FW_RATING:
    case FW_CHOICE: {
        const char *name = n->kind == FW_RATING ? "levels" : "choices";
        const json_t *arr = n->kind == FW_RATING ? levels : choices;
        if (!arr) {
            issue(c, cd, name, n->kind == FW_RATING ? "评级需要等级 levels" : "选择题需要选项 choices",
                  n->kind == FW_RATING ? "a rating needs levels" : "a choice needs choices");
            break;
        }
        size_t before = c->n_issues;
        parse_options(c, cd, arr, name, n->kind == FW_RATING, n);
        if (c->n_issues != before || !n->n_options) break;
        double best = 0;
        bool scored = n->options[0].has_score;
        for (size_t k = 0; k < n->n_options; k++)
            if (n->options[k].score > best) best = n->options[k].score;
        if (!scored) {
            if (has_max_given)
                issue(c, cd, "max_score", "各项没有分值时不能设满分", "max_score needs scores on the entries");
            break;
        }
        if (has_max_given && max < best)
            issue(c, cd, "max_score", "满分不能低于最高一项的分值", "max_score cannot be below the best entry's score");
        n->max_score = has_max_given ? max : best;
        n->has_max = n->max_score > 0;
        break;
    }
    case FW_NUMBER: {
        n->unit = opt_str(c, cd, j, "unit", false, 20);
        const json_t *t = json_object_get(j, "threshold");
        if (t && !json_is_null(t)) {
            static const char *const allowed_t[] = {"op", "value"};
            if (!json_is_object(t)) {
                issue(c, cd, "threshold", "阈值应为 {op, value}", "a threshold is {op, value}");
                break;
            }
            CHECK_MEMBERS(c, cd, "threshold", t, allowed_t);
            fw_op_t op;
            if (!op_parse(json_string_value(json_object_get(t, "op")), &op)) {
                issue(c, cd, "threshold.op",
                      "阈值比较符应为 <、<=、>=、> 或 =", "threshold.op must be <, <=, >=, > or =");
                break;
            }
            const json_t *tv = json_object_get(t, "value");
            if (!json_is_number(tv)) {
                issue(c, cd, "threshold.value", "阈值应为数字", "threshold.value must be a number");
                break;
            }
            n->threshold.op = op;
            n->threshold.value = json_number_value(tv);
            n->has_max = true;
            n->max_score = has_max_given ? max : 1;
        } else if (has_max_given) {
            issue(c, cd, "max_score", "没有阈值的数值题不计分", "a number without a threshold carries no points");
        }
        break;
    }
    case FW_TEXT:
        if (has_max_given) issue(c, cd, "max_score", "文本题不计分", "a text item carries no points");
        break;
    case FW_GROUP:
        break;
    }
    const json_t *ev = json_object_get(j, "evidence");
    if (ev && !json_is_null(ev)) {
        if (!json_is_object(ev)) {
            issue(c, cd, "evidence", "evidence 应为 {photo, document, note}", "evidence is {photo, document, note}");
        } else {
            static const char *const allowed_e[] = {"photo", "document", "note"};
            CHECK_MEMBERS(c, cd, "evidence", ev, allowed_e);
            n->evidence.photo = opt_bool(c, cd, ev, "photo", "evidence.photo");
            n->evidence.document = opt_bool(c, cd, ev, "document", "evidence.document");
            n->evidence.note = opt_bool(c, cd, ev, "note", "evidence.note");
        }
    }
    n->is_veto = opt_bool(c, cd, j, "is_veto", "is_veto");
    if (n->is_veto) {
        bool can_fail =
            n->kind == FW_PASS_FAIL || n->kind == FW_SCORE || (n->kind == FW_NUMBER && n->threshold.op != FW_OP_NONE);
        for (size_t k = 0; k < n->n_options; k++)
            can_fail |= n->options[k].is_fail;
        if (!can_fail)
            issue(
                c, cd, "is_veto", "一票否决项必须可能不达标（文本题、无阈值的数值题、没有不达标选项的题不行）",
                "a veto item must be able to fail (not text, a number without threshold, or options without is_fail)");
    }
}

/* ---- the document ----------------------------------------------------------------------- */

static void parse_bands(fw_ctx_t *c, const json_t *arr, fw_t *f) {
    if (!arr || json_is_null(arr)) return;
    if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 10) {
        issue(c, NULL, "grade_bands", "等级段应为1到10项的数组", "grade_bands is an array of 1 to 10 bands");
        return;
    }
    f->bands = arena_alloc(c->a, json_array_size(arr) * sizeof *f->bands);
    size_t i;
    const json_t *b;
    json_array_foreach(arr, i, b) {
        const char *field = arena_printf(c->a, "grade_bands[%zu]", i);
        if (!json_is_object(b)) {
            issue(c, NULL, field, "%s 应为 {label, min}", "%s is {label, min}", field);
            return;
        }
        static const char *const allowed[] = {"label", "label_en", "min"};
        check_members(c, NULL, field, b, allowed, sizeof allowed / sizeof allowed[0]);
        const char *label = json_string_value(json_object_get(b, "label"));
        const json_t *min = json_object_get(b, "min");
        if (!label || !*label || strlen(label) > 50) {
            issue(c, NULL, field, "%s 缺少名称", "%s needs a label", field);
            return;
        }
        if (!json_is_number(min) || json_number_value(min) < 0 || json_number_value(min) > 100) {
            issue(c, NULL, field, "等级“%s”的下限应为0到100之间的数字",
                  "the min of band %s must be a number from 0 to 100", label);
            return;
        }
        fw_band_t *fb = &f->bands[f->n_bands];
        fb->label = arena_strdup(c->a, label);
        const char *en = json_string_value(json_object_get(b, "label_en"));
        fb->label_en = en && *en ? arena_strdup(c->a, en) : NULL;
        fb->min = json_number_value(min);
        for (size_t k = 0; k < f->n_bands; k++)
            if (strcmp(f->bands[k].label, label) == 0)
                issue(c, NULL, field, "等级“%s”重复", "band %s is listed twice", label);
        if (f->n_bands && !(fb->min < f->bands[f->n_bands - 1].min))
            issue(c, NULL, field, "等级段应按下限从高到低排列，且下限互不相同",
                  "grade bands go from the highest min down, each min below the one before");
        f->n_bands++;
    }
    if (f->n_bands && f->bands[f->n_bands - 1].min != 0)
        issue(c, NULL, "grade_bands", "最低一档的下限应为0，每个总分都要有等级",
              "the lowest band's min must be 0 so that every total has a grade");
}

static void collect(const fw_node_t *n, fw_t *f) {
    f->nodes[f->n_nodes++] = n;
    if (n->kind != FW_GROUP) f->leaves[f->n_leaves++] = n;
    for (size_t i = 0; i < n->n_children; i++)
        collect(&n->children[i], f);
}

void fw_parse_all(arena_t *a, const json_t *doc, fw_t **out, fw_issue_t **issues, size_t *n_issues) {
    fw_ctx_t c = {.a = a};
    c.issues = arena_alloc(a, FW_MAX_ISSUES * sizeof *c.issues);
    c.seen = arena_alloc(a, SEEN_CAP * sizeof *c.seen);
    fw_t *f = arena_alloc(a, sizeof *f);
    *out = NULL;
    if (!json_is_object(doc)) {
        issue(&c, NULL, "document", "指标体系文档应为 JSON 对象", "a framework document is a JSON object");
        goto done;
    }
    static const char *const allowed[] = {"code",        "name", "name_en",    "version",     "status",    "source",
                                          "description", "uses", "applies_to", "grade_bands", "indicators"};
    CHECK_MEMBERS(&c, NULL, "", doc, allowed);
    const char *code = json_string_value(json_object_get(doc, "code"));
    if (!code || !is_code(code, 64, false))
        issue(&c, NULL, "code", "指标体系编码应为1到64位字母、数字、- 或 _",
              "a framework code has 1 to 64 letters, digits, - or _");
    else
        f->code = arena_strdup(a, code);
    f->name = opt_str(&c, NULL, doc, "name", true, 200);
    f->name_en = opt_str(&c, NULL, doc, "name_en", false, 200);
    f->source = opt_str(&c, NULL, doc, "source", false, FW_MAX_TEXT);
    f->description = opt_str(&c, NULL, doc, "description", false, FW_MAX_TEXT);
    const json_t *ver = json_object_get(doc, "version");
    if (ver && !json_is_null(ver)) {
        if (!json_is_integer(ver) || json_integer_value(ver) < 1 || json_integer_value(ver) > 100000)
            issue(&c, NULL, "version", "版本号应为正整数", "version must be a positive integer");
        else
            f->version = (int)json_integer_value(ver);
    }
    const json_t *st = json_object_get(doc, "status");
    if (st && !json_is_null(st) && !(json_is_string(st) && IN_LIST(json_string_value(st), status_names)))
        issue(&c, NULL, "status", "状态应为 draft/published/retired", "status is draft, published or retired");
    const json_t *uses = json_object_get(doc, "uses");
    if (uses && !json_is_null(uses)) {
        if (!json_is_array(uses)) {
            issue(&c, NULL, "uses", "uses 应为数组", "uses must be an array");
        } else {
            f->uses = arena_alloc(a, json_array_size(uses) * sizeof(char *));
            size_t i;
            const json_t *x;
            json_array_foreach(uses, i, x) {
                const char *s = json_string_value(x);
                if (!s || !IN_LIST(s, use_names))
                    issue(&c, NULL, "uses", "用途应为 routine/special/comprehensive/self_evaluation/government",
                          "a use is routine, special, comprehensive, self_evaluation or government");
                else if (!list_has(f->uses, f->n_uses, s))
                    f->uses[f->n_uses++] = arena_strdup(a, s);
            }
        }
    }
    fw_scope_chain_t top = {0};
    parse_applies(&c, NULL, json_object_get(doc, "applies_to"), &top, &f->applies_to);
    if (f->applies_to.n_type_codes) top.types = &f->applies_to;
    if (f->applies_to.n_sections) top.sections = &f->applies_to;
    parse_bands(&c, json_object_get(doc, "grade_bands"), f);
    const json_t *inds = json_object_get(doc, "indicators");
    if (!json_is_array(inds) || json_array_size(inds) == 0) {
        issue(&c, NULL, "indicators", "至少需要一个指标", "at least one indicator is required");
        goto done;
    }
    parse_children(&c, inds, 1, NULL, &top, "indicators", &f->indicators, &f->n_indicators);
    if (!c.n_issues && c.n_leaves == 0)
        issue(&c, NULL, "indicators", "至少需要一个可作答的指标", "at least one answerable indicator is required");
done:
    if (c.n_issues) {
        *issues = c.issues;
        *n_issues = c.n_issues;
        return;
    }
    f->nodes = arena_alloc(a, c.n_all * sizeof *f->nodes);
    f->leaves = arena_alloc(a, c.n_leaves * sizeof *f->leaves);
    for (size_t i = 0; i < f->n_indicators; i++)
        collect(&f->indicators[i], f);
    *issues = NULL;
    *n_issues = 0;
    *out = f;
}

const char *fw_issue_field(arena_t *a, const fw_issue_t *i) {
    return i->indicator ? arena_printf(a, "%s.%s", i->indicator, i->field) : i->field;
}

err_t *fw_parse(arena_t *a, const json_t *doc, fw_t **out) {
    fw_issue_t *issues;
    size_t n;
    fw_parse_all(a, doc, out, &issues, &n);
    if (!n) return NULL;
    return err_new_raw(a, ERR_INVALID, fw_issue_field(a, &issues[0]), issues[0].message);
}

const fw_node_t *fw_find(const fw_t *f, const char *code) {
    if (!code) return NULL;
    if (!f->index) { /* a tree built by hand */
        for (size_t i = 0; i < f->n_nodes; i++)
            if (strcmp(f->nodes[i]->code, code) == 0) return f->nodes[i];
        return NULL;
    }
    return f->index[code_slot(f->index, f->index_cap, code)];
}

/* ---- the canonical document ------------------------------------------------------------- */

/* Integral values as JSON integers, so 10 stays 10 rather than 10.0. */
static json_t *jnum(double v) {
    if (v >= -1e15 && v <= 1e15 && (double)(int64_t)v == v) return json_integer((json_int_t)v);
    return json_real(v);
}

static void set_str(json_t *o, const char *k, const char *v) {
    if (v) json_object_set_new(o, k, json_string(v));
}

static json_t *applies_json(const fw_applies_t *ap) {
    if (!ap->n_type_codes && !ap->n_sections) return NULL;
    json_t *o = json_object();
    if (ap->n_type_codes) {
        json_t *t = json_array();
        for (size_t i = 0; i < ap->n_type_codes; i++)
            json_array_append_new(t, json_string(ap->type_codes[i]));
        json_object_set_new(o, "type_codes", t);
    }
    if (ap->n_sections) {
        json_t *s = json_array();
        for (size_t i = 0; i < ap->n_sections; i++)
            json_array_append_new(s, json_string(ap->sections[i]));
        json_object_set_new(o, "sections", s);
    }
    return o;
}

static json_t *node_json(const fw_node_t *n) {
    json_t *o = json_object();
    set_str(o, "code", n->code);
    set_str(o, "text", n->text);
    set_str(o, "text_en", n->text_en);
    set_str(o, "guidance", n->guidance);
    if (n->kind != FW_GROUP) json_object_set_new(o, "kind", json_string(fw_kind_name(n->kind)));
    bool write_max = false;
    if (n->kind == FW_PASS_FAIL || n->kind == FW_SCORE || (n->kind == FW_NUMBER && n->has_max)) write_max = true;
    if (n->kind == FW_RATING || n->kind == FW_CHOICE) {
        double best = 0;
        for (size_t i = 0; i < n->n_options; i++)
            if (n->options[i].score > best) best = n->options[i].score;
        write_max = n->has_max && n->max_score != best;
    }
    if (write_max) json_object_set_new(o, "max_score", jnum(n->max_score));
    if (n->weight != 1) json_object_set_new(o, "weight", jnum(n->weight));
    if (n->n_options) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n->n_options; i++) {
            const fw_option_t *op = &n->options[i];
            json_t *x = json_object();
            set_str(x, "value", op->value);
            set_str(x, "label", op->label);
            set_str(x, "label_en", op->label_en);
            set_str(x, "color", op->color);
            if (op->has_score) json_object_set_new(x, "score", jnum(op->score));
            if (op->is_fail) json_object_set_new(x, "is_fail", json_true());
            json_array_append_new(arr, x);
        }
        json_object_set_new(o, n->kind == FW_RATING ? "levels" : "choices", arr);
    }
    set_str(o, "unit", n->unit);
    if (n->threshold.op != FW_OP_NONE)
        json_object_set_new(
            o, "threshold",
            json_pack("{s:s, s:o}", "op", op_names[n->threshold.op], "value", jnum(n->threshold.value)));
    if (n->evidence.photo || n->evidence.document || n->evidence.note)
        json_object_set_new(o, "evidence",
                            json_pack("{s:b, s:b, s:b}", "photo", n->evidence.photo, "document", n->evidence.document,
                                      "note", n->evidence.note));
    if (n->is_veto) json_object_set_new(o, "is_veto", json_true());
    json_t *ap = applies_json(&n->applies_to);
    if (ap) json_object_set_new(o, "applies_to", ap);
    if (n->n_children) {
        json_t *kids = json_array();
        for (size_t i = 0; i < n->n_children; i++)
            json_array_append_new(kids, node_json(&n->children[i]));
        json_object_set_new(o, "children", kids);
    }
    return o;
}

json_t *fw_to_json(const fw_t *f) {
    json_t *o = json_object();
    set_str(o, "code", f->code);
    set_str(o, "name", f->name);
    set_str(o, "name_en", f->name_en);
    if (f->version > 0) json_object_set_new(o, "version", json_integer(f->version));
    set_str(o, "source", f->source);
    set_str(o, "description", f->description);
    if (f->n_uses) {
        json_t *u = json_array();
        for (size_t i = 0; i < f->n_uses; i++)
            json_array_append_new(u, json_string(f->uses[i]));
        json_object_set_new(o, "uses", u);
    }
    json_t *ap = applies_json(&f->applies_to);
    if (ap) json_object_set_new(o, "applies_to", ap);
    if (f->n_bands) {
        json_t *b = json_array();
        for (size_t i = 0; i < f->n_bands; i++) {
            json_t *x = json_pack("{s:s}", "label", f->bands[i].label);
            set_str(x, "label_en", f->bands[i].label_en);
            json_object_set_new(x, "min", jnum(f->bands[i].min));
            json_array_append_new(b, x);
        }
        json_object_set_new(o, "grade_bands", b);
    }
    json_t *inds = json_array();
    for (size_t i = 0; i < f->n_indicators; i++)
        json_array_append_new(inds, node_json(&f->indicators[i]));
    json_object_set_new(o, "indicators", inds);
    return o;
}

/* ---- versions compared ---------------------------------------------------------------- */

/* The members of two JSON objects that differ (keys of either), skipping "skip". */
static size_t differing(arena_t *a, const json_t *x, const json_t *y, const char *skip, const char ***out) {
    size_t cap = json_object_size(x) + json_object_size(y) + 1, n = 0;
    const char **v = arena_alloc(a, cap * sizeof *v);
    const char *key;
    const json_t *val;
    json_object_foreach((json_t *)x, key, val) {
        if (skip && strcmp(key, skip) == 0) continue;
        if (!json_equal(val, json_object_get(y, key))) v[n++] = arena_strdup(a, key);
    }
    json_object_foreach((json_t *)y, key, val) {
        if (skip && strcmp(key, skip) == 0) continue;
        if (!json_object_get(x, key)) v[n++] = arena_strdup(a, key);
    }
    *out = v;
    return n;
}

size_t fw_diff(arena_t *a, const fw_t *from, const fw_t *to, fw_change_t **out) {
    fw_change_t *v = arena_alloc(a, (from->n_nodes + to->n_nodes + 1) * sizeof *v);
    size_t n = 0;
    json_t *fx = fw_to_json(from), *fy = fw_to_json(to);
    json_object_del(fx, "version");
    json_object_del(fy, "version");
    const char **fields;
    size_t nf = differing(a, fx, fy, "indicators", &fields);
    json_decref(fx);
    json_decref(fy);
    if (nf) v[n++] = (fw_change_t){.kind = FW_CHANGED, .fields = fields, .n_fields = nf};
    for (size_t i = 0; i < to->n_nodes; i++) {
        const fw_node_t *y = to->nodes[i];
        const fw_node_t *x = fw_find(from, y->code);
        if (!x) {
            v[n++] = (fw_change_t){.kind = FW_ADDED, .code = y->code, .text = y->text};
            continue;
        }
        json_t *jx = node_json(x), *jy = node_json(y);
        nf = differing(a, jx, jy, "children", &fields);
        json_decref(jx);
        json_decref(jy);
        const char *px = x->parent ? x->parent->code : "", *py = y->parent ? y->parent->code : "";
        if (strcmp(px, py) != 0) fields[nf++] = "parent";
        if (nf)
            v[n++] =
                (fw_change_t){.kind = FW_CHANGED, .code = y->code, .text = y->text, .fields = fields, .n_fields = nf};
    }
    for (size_t i = 0; i < from->n_nodes; i++)
        if (!fw_find(to, from->nodes[i]->code))
            v[n++] = (fw_change_t){.kind = FW_REMOVED, .code = from->nodes[i]->code, .text = from->nodes[i]->text};
    *out = v;
    return n;
}

json_t *fw_diff_to_json(const fw_change_t *c, size_t n) {
    json_t *fw = json_array(), *added = json_array(), *removed = json_array(), *changed = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *fields = json_array();
        for (size_t k = 0; k < c[i].n_fields; k++)
            json_array_append_new(fields, json_string(c[i].fields[k]));
        if (!c[i].code) {
            json_array_extend(fw, fields);
            json_decref(fields);
            continue;
        }
        json_t *o = json_pack("{s:s, s:s}", "code", c[i].code, "text", c[i].text ? c[i].text : "");
        if (c[i].kind == FW_CHANGED)
            json_object_set_new(o, "fields", fields);
        else
            json_decref(fields);
        json_array_append_new(c[i].kind == FW_ADDED ? added : c[i].kind == FW_REMOVED ? removed : changed, o);
    }
    return json_pack("{s:o, s:o, s:o, s:o}", "framework", fw, "added", added, "removed", removed, "changed", changed);
}

/* ---- applicability ---------------------------------------------------------------------- */

static bool applies_one(const fw_applies_t *ap, const fw_target_t *t) {
    if (ap->n_type_codes && t->type_code && !list_has(ap->type_codes, ap->n_type_codes, t->type_code)) return false;
    if (ap->n_sections && t->n_sections) {
        bool any = false;
        for (size_t i = 0; i < t->n_sections && !any; i++)
            any = t->sections[i] && list_has(ap->sections, ap->n_sections, t->sections[i]);
        if (!any) return false;
    }
    return true;
}

bool fw_applies(const fw_t *f, const fw_node_t *n, const fw_target_t *target) {
    if (!target) return true;
    if (!applies_one(&f->applies_to, target)) return false;
    for (const fw_node_t *x = n; x; x = x->parent)
        if (!applies_one(&x->applies_to, target)) return false;
    return true;
}

size_t fw_leaves_for(arena_t *a, const fw_t *f, const fw_target_t *target, const fw_node_t ***out) {
    const fw_node_t **v = arena_alloc(a, f->n_leaves * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < f->n_leaves; i++)
        if (fw_applies(f, f->leaves[i], target)) v[n++] = f->leaves[i];
    *out = v;
    return n;
}

/* ---- answers and scoring ---------------------------------------------------------------- */

static const fw_option_t *option_find(const fw_node_t *n, const char *value) {
    for (size_t i = 0; value && i < n->n_options; i++)
        if (strcmp(n->options[i].value, value) == 0) return &n->options[i];
    return NULL;
}

err_t *fw_check_answer(arena_t *a, const fw_node_t *leaf, const json_t *ans) {
    const char *code = leaf->code;
    const char *field = arena_printf(a, "%s.value", code);
    if (!json_is_object(ans))
        return err_newf(a, ERR_INVALID, code, "指标 %s 的答案应为对象", "the answer to indicator %s must be an object",
                        code, code);
    const json_t *na = json_object_get(ans, "na");
    if (na && !json_is_null(na) && !json_is_boolean(na))
        return err_newf(a, ERR_INVALID, arena_printf(a, "%s.na", code), "指标 %s：na 应为 true 或 false",
                        "indicator %s: na must be true or false", code, code);
    const json_t *flag = json_object_get(ans, "flag");
    if (flag && !json_is_null(flag) && !json_is_boolean(flag))
        return err_newf(a, ERR_INVALID, arena_printf(a, "%s.flag", code), "指标 %s：flag 应为 true 或 false",
                        "indicator %s: flag must be true or false", code, code);
    const json_t *note = json_object_get(ans, "note");
    if (note && !json_is_null(note) && !json_is_string(note))
        return err_newf(a, ERR_INVALID, arena_printf(a, "%s.note", code), "指标 %s：说明应为字符串",
                        "indicator %s: note must be a string", code, code);
    const json_t *att = json_object_get(ans, "attachments");
    if (att && !json_is_null(att)) {
        bool ok = json_is_array(att);
        size_t i;
        const json_t *x;
        if (ok) json_array_foreach(att, i, x) ok = ok && json_is_integer(x) && json_integer_value(x) > 0;
        if (!ok)
            return err_newf(a, ERR_INVALID, arena_printf(a, "%s.attachments", code), "指标 %s：附件应为附件编号的数组",
                            "indicator %s: attachments is an array of attachment ids", code, code);
    }
    const json_t *v = json_object_get(ans, "value");
    if (!v || json_is_null(v) || json_is_true(na)) return NULL;
    switch (leaf->kind) {
    case FW_PASS_FAIL:
        if (!json_is_boolean(v))
            return err_newf(a, ERR_INVALID, field, "指标 %s 应回答 true（达标）或 false（不达标）",
                            "indicator %s takes true (met) or false (not met)", code, code);
        break;
    case FW_SCORE:
        if (!json_is_number(v) || json_number_value(v) < 0 || json_number_value(v) > leaf->max_score)
            return err_newf(a, ERR_INVALID, field, "指标 %s 的得分应在0到%g之间",
                            "the score of indicator %s must be from 0 to %g", code, leaf->max_score, code,
                            leaf->max_score);
        break;
    case FW_RATING:
    case FW_CHOICE:
        if (!option_find(leaf, json_string_value(v)))
            return err_newf(a, ERR_INVALID, field, "指标 %s 的答案不是它的等级或选项之一",
                            "the answer to indicator %s is not one of its levels or choices", code, code);
        break;
    case FW_NUMBER:
        if (!json_is_number(v))
            return err_newf(a, ERR_INVALID, field, "指标 %s 应回答一个数", "indicator %s takes a number", code, code);
        break;
    case FW_TEXT:
        if (!json_is_string(v) || strlen(json_string_value(v)) > 10000)
            return err_newf(a, ERR_INVALID, field, "指标 %s 应回答文字（最多10000字节）",
                            "indicator %s takes a text (at most 10000 bytes)", code, code);
        break;
    case FW_GROUP:
        return err_newf(a, ERR_INVALID, code, "%s 是分组，不能作答", "%s is a group and takes no answer", code, code);
    }
    return NULL;
}

static bool threshold_holds(const fw_threshold_t *t, double x) {
    switch (t->op) {
    case FW_OP_LT:
        return x < t->value;
    case FW_OP_LE:
        return x <= t->value;
    case FW_OP_GE:
        return x >= t->value;
    case FW_OP_GT:
        return x > t->value;
    case FW_OP_EQ:
        return x == t->value;
    case FW_OP_NONE:
        return true;
    }
    return true;
}

/* Percentages to two decimals, so 89.999999 from binary fractions grades as 90. */
static double round2(double x) {
    double y = x * 100.0 + (x >= 0 ? 0.5 : -0.5);
    return (double)(int64_t)y / 100.0;
}

/* A score fails below 60 % of its maximum (docs/framework-format.md). */
#define FW_SCORE_FAIL_RATIO 0.6

static void score_leaf(const fw_node_t *n, const json_t *ans, fw_leaf_result_t *r) {
    const json_t *v = json_object_get(ans, "value");
    r->is_flagged = json_is_true(json_object_get(ans, "flag"));
    if (json_is_true(json_object_get(ans, "na"))) {
        r->is_answered = r->is_na = true;
        return;
    }
    if (!v || json_is_null(v)) return;
    r->is_answered = true;
    r->max = n->has_max ? n->max_score : 0;
    switch (n->kind) {
    case FW_PASS_FAIL:
        r->points = json_is_true(v) ? n->max_score : 0;
        r->is_failed = !json_is_true(v);
        break;
    case FW_SCORE:
        r->points = json_number_value(v);
        r->is_failed = r->points < FW_SCORE_FAIL_RATIO * n->max_score;
        break;
    case FW_RATING:
    case FW_CHOICE: {
        const fw_option_t *op = option_find(n, json_string_value(v));
        r->points = op && op->has_score ? op->score : 0;
        r->is_failed = op && op->is_fail;
        r->label = op ? op->label : NULL;
        break;
    }
    case FW_NUMBER:
        if (n->threshold.op != FW_OP_NONE) {
            bool met = threshold_holds(&n->threshold, json_number_value(v));
            r->points = met ? n->max_score : 0;
            r->is_failed = !met;
        }
        break;
    case FW_TEXT:
    case FW_GROUP:
        break;
    }
    r->has_points = n->has_max;
    if (r->is_failed) {
        const json_t *att = json_object_get(ans, "attachments");
        const char *note = json_string_value(json_object_get(ans, "note"));
        bool has_att = json_is_array(att) && json_array_size(att) > 0;
        bool has_note = note && *note;
        r->is_evidence_short =
            ((n->evidence.photo || n->evidence.document) && !has_att) || (n->evidence.note && !has_note);
    }
}

err_t *fw_score(arena_t *a, const fw_t *f, const fw_target_t *target, const json_t *answers, fw_result_t *out) {
    memset(out, 0, sizeof *out);
    if (answers && !json_is_null(answers)) {
        if (!json_is_object(answers))
            return err_new(a, ERR_INVALID, "answers", "答案应为以指标编码为键的对象",
                           "answers is an object keyed by indicator code");
        const char *key;
        const json_t *ans;
        json_object_foreach((json_t *)answers, key, ans) {
            const fw_node_t *n = fw_find(f, key);
            if (!n)
                return err_newf(a, ERR_INVALID, key, "指标 %s 不在本指标体系中",
                                "indicator %s is not in this framework", key, key);
            err_t *e = fw_check_answer(a, n, ans);
            if (e) return e;
        }
    } else {
        answers = NULL;
    }
    out->leaves = arena_alloc(a, f->n_leaves * sizeof *out->leaves);
    out->n_leaves = f->n_leaves;
    out->categories = arena_alloc(a, f->n_indicators * sizeof *out->categories);
    out->n_categories = f->n_indicators;
    out->vetoes = arena_alloc(a, f->n_leaves * sizeof *out->vetoes);
    for (size_t i = 0; i < f->n_indicators; i++)
        out->categories[i].node = &f->indicators[i];
    for (size_t i = 0; i < f->n_leaves; i++) {
        const fw_node_t *n = f->leaves[i];
        fw_leaf_result_t *r = &out->leaves[i];
        r->node = n;
        r->weight = n->level == 1 ? 1 : n->weight * (n->level == 3 ? n->parent->weight : 1);
        r->is_applicable = fw_applies(f, n, target);
        if (!r->is_applicable) continue;
        const json_t *ans = answers ? json_object_get(answers, n->code) : NULL;
        if (ans) score_leaf(n, ans, r);
        fw_category_result_t *cr = &out->categories[n->category - f->indicators];
        out->n_applicable++;
        cr->n_leaves++;
        if (r->is_answered)
            out->n_answered++, cr->n_answered++;
        else
            out->n_unanswered++;
        if (r->is_failed) out->n_failed++, cr->n_failed++;
        if (r->is_flagged) out->n_flagged++, cr->n_flagged++;
        if (r->is_evidence_short) out->n_evidence_short++;
        if (r->is_failed && n->is_veto) out->vetoes[out->n_vetoes++] = n;
        if (r->has_points && r->max > 0) {
            cr->has_score = true;
            cr->points += r->weight * r->points;
            cr->max += r->weight * r->max;
        }
    }
    double sum = 0, sum_w = 0;
    for (size_t k = 0; k < out->n_categories; k++) {
        fw_category_result_t *cr = &out->categories[k];
        if (!cr->has_score) continue;
        cr->percent = round2(100.0 * cr->points / cr->max);
        sum += cr->node->weight * (100.0 * cr->points / cr->max);
        sum_w += cr->node->weight;
    }
    if (sum_w > 0) {
        out->has_total = true;
        out->total = round2(sum / sum_w);
    }
    out->is_vetoed = out->n_vetoes > 0;
    out->is_complete = out->n_unanswered == 0;
    if (out->is_vetoed) {
        out->grade = "不合格";
        out->grade_en = "Fail";
    } else if (out->has_total) {
        for (size_t b = 0; b < f->n_bands; b++)
            if (f->bands[b].min <= out->total) {
                out->grade = f->bands[b].label;
                out->grade_en = f->bands[b].label_en;
                break;
            }
    }
    return NULL;
}

static json_t *jnum_or_null(bool has, double v) {
    return has ? jnum(v) : json_null();
}

json_t *fw_result_to_json(const fw_result_t *r) {
    json_t *vetoes = json_array();
    for (size_t i = 0; i < r->n_vetoes; i++)
        json_array_append_new(vetoes, json_string(r->vetoes[i]->code));
    json_t *cats = json_array();
    for (size_t i = 0; i < r->n_categories; i++) {
        const fw_category_result_t *c = &r->categories[i];
        json_array_append_new(cats, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:I, s:I, s:I, s:I}", "code",
                                              c->node->code, "text", c->node->text, "weight", jnum(c->node->weight),
                                              "percent", jnum_or_null(c->has_score, c->percent), "points",
                                              jnum_or_null(c->has_score, c->points), "max",
                                              jnum_or_null(c->has_score, c->max), "n_leaves", (json_int_t)c->n_leaves,
                                              "n_answered", (json_int_t)c->n_answered, "n_failed",
                                              (json_int_t)c->n_failed, "n_flagged", (json_int_t)c->n_flagged));
    }
    json_t *items = json_object();
    for (size_t i = 0; i < r->n_leaves; i++) {
        const fw_leaf_result_t *l = &r->leaves[i];
        json_t *x =
            json_pack("{s:b, s:b, s:b, s:o, s:o, s:o, s:b, s:b, s:b}", "is_applicable", l->is_applicable, "is_answered",
                      l->is_answered, "is_na", l->is_na, "points", jnum_or_null(l->has_points, l->points), "max",
                      jnum_or_null(l->has_points, l->max), "weight", jnum(l->weight), "is_failed", l->is_failed,
                      "is_flagged", l->is_flagged, "is_evidence_short", l->is_evidence_short);
        if (l->label) json_object_set_new(x, "label", json_string(l->label));
        json_object_set_new(items, l->node->code, x);
    }
    json_t *o = json_pack("{s:o, s:o, s:o, s:b, s:o, s:b, s:I, s:I, s:I, s:I, s:I, s:I}", "total",
                          jnum_or_null(r->has_total, r->total), "grade", r->grade ? json_string(r->grade) : json_null(),
                          "grade_en", r->grade_en ? json_string(r->grade_en) : json_null(), "is_vetoed", r->is_vetoed,
                          "vetoes", vetoes, "is_complete", r->is_complete, "n_applicable", (json_int_t)r->n_applicable,
                          "n_answered", (json_int_t)r->n_answered, "n_unanswered", (json_int_t)r->n_unanswered,
                          "n_failed", (json_int_t)r->n_failed, "n_flagged", (json_int_t)r->n_flagged,
                          "n_evidence_short", (json_int_t)r->n_evidence_short);
    json_object_set_new(o, "categories", cats);
    json_object_set_new(o, "items", items);
    return o;
}
