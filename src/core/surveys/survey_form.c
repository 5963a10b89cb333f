#include "core/surveys/survey_form.h"

#include <math.h>
#include <string.h>

static const char *const LIKERT5[] = {"5", "满意", "4", "比较满意", "3", "一般", "2", "不太满意", "1", "不满意", NULL};
static const char *const LIKERT3[] = {"3", "满意", "2", "基本满意", "1", "不满意", NULL};

static const struct {
    const char *name;
    sq_kind_t kind;
} KINDS[] = {{"single", SQ_SINGLE}, {"multiple", SQ_MULTIPLE}, {"likert5", SQ_LIKERT5}, {"likert3", SQ_LIKERT3},
             {"matrix", SQ_MATRIX}, {"number", SQ_NUMBER},     {"text", SQ_TEXT}};

const char *survey_likert_label(sq_kind_t scale, const char *value) {
    if (!value) return NULL;
    if (strcmp(value, "dk") == 0) return "不了解";
    const char *const *t = scale == SQ_LIKERT3 ? LIKERT3 : LIKERT5;
    for (size_t i = 0; t[i]; i += 2)
        if (strcmp(t[i], value) == 0) return t[i + 1];
    return NULL;
}

static err_t *doc_err(arena_t *a, const char *code, const char *zh, const char *en) {
    return err_newf(a, ERR_INVALID, "document", "问卷第 %s 题：%s", "question %s: %s", code ? code : "?", zh, en);
}

static const char *jtext(arena_t *a, const json_t *o, const char *name) {
    const char *s = json_string_value(json_object_get(o, name));
    return s && *s ? arena_strdup(a, s) : NULL;
}

static bool jbool(const json_t *o, const char *name, bool dflt) {
    const json_t *v = json_object_get(o, name);
    return json_is_boolean(v) ? json_is_true(v) : dflt;
}

static err_t *parse_choices(arena_t *a, const json_t *arr, const char *key, const char *qcode, sq_choice_t **out,
                            size_t *n) {
    size_t m = json_array_size(arr);
    if (!json_is_array(arr) || m == 0 || m > SURVEY_MAX_OPTIONS)
        return doc_err(a, qcode, "缺少选项或选项过多", "options or rows missing or too many");
    *out = arena_alloc(a, m * sizeof **out);
    for (size_t i = 0; i < m; i++) {
        const json_t *o = json_array_get(arr, i);
        (*out)[i].value = jtext(a, o, key);
        (*out)[i].text = jtext(a, o, "text");
        if (!(*out)[i].value || !(*out)[i].text)
            return doc_err(a, qcode, "选项须有值和文字", "each option needs a value and a text");
        for (size_t j = 0; j < i; j++)
            if (strcmp((*out)[j].value, (*out)[i].value) == 0)
                return doc_err(a, qcode, "选项值重复", "repeated option value");
    }
    *n = m;
    return NULL;
}

static err_t *parse_groups(arena_t *a, const json_t *arr, const survey_form_t *f, const char *qcode, const char ***out,
                           size_t *n) {
    *out = NULL;
    *n = 0;
    if (!arr) return NULL;
    size_t m = json_array_size(arr);
    if (!json_is_array(arr) || !m) return doc_err(a, qcode, "适用群体须为非空数组", "groups must be a non-empty array");
    *out = arena_alloc(a, m * sizeof **out);
    for (size_t i = 0; i < m; i++) {
        const char *g = json_string_value(json_array_get(arr, i));
        if (!g || !survey_form_group(f, g)) return doc_err(a, qcode, "适用群体不存在", "unknown group");
        (*out)[i] = arena_strdup(a, g);
    }
    *n = m;
    return NULL;
}

static err_t *parse_kind_details(arena_t *a, const json_t *o, survey_question_t *q) {
    err_t *e = NULL;
    switch (q->kind) {
    case SQ_SINGLE:
    case SQ_MULTIPLE:
        e = parse_choices(a, json_object_get(o, "options"), "value", q->code, &q->options, &q->n_options);
        q->max_choices = (int)json_integer_value(json_object_get(o, "max"));
        break;
    case SQ_MATRIX: {
        const char *scale = json_string_value(json_object_get(o, "scale"));
        q->scale = scale && strcmp(scale, "likert3") == 0 ? SQ_LIKERT3 : SQ_LIKERT5;
        if (scale && strcmp(scale, "likert3") != 0 && strcmp(scale, "likert5") != 0)
            return doc_err(a, q->code, "矩阵量表应为 likert5 或 likert3", "matrix scale: likert5 or likert3");
        e = parse_choices(a, json_object_get(o, "rows"), "code", q->code, &q->rows, &q->n_rows);
        break;
    }
    case SQ_NUMBER:
        q->min = json_is_number(json_object_get(o, "min")) ? json_number_value(json_object_get(o, "min")) : -1e15;
        q->max = json_is_number(json_object_get(o, "max")) ? json_number_value(json_object_get(o, "max")) : 1e15;
        if (q->min > q->max) return doc_err(a, q->code, "最小值大于最大值", "min above max");
        break;
    case SQ_TEXT: {
        json_int_t m = json_integer_value(json_object_get(o, "max_len"));
        q->max_len = m > 0 && m <= SURVEY_MAX_TEXT ? (int)m : SURVEY_MAX_TEXT;
        break;
    }
    default:
        q->scale = q->kind;
    }
    return e;
}

static err_t *parse_question(arena_t *a, const json_t *o, const survey_form_t *f, const char *section,
                             survey_question_t *q) {
    q->code = jtext(a, o, "code");
    q->text = jtext(a, o, "text");
    q->section_code = section;
    if (!q->code || !q->text) return doc_err(a, q->code, "题目须有代码和题干", "a question needs a code and a text");
    const char *kind = json_string_value(json_object_get(o, "kind"));
    size_t k = 0;
    while (k < sizeof KINDS / sizeof KINDS[0] && !(kind && strcmp(KINDS[k].name, kind) == 0))
        k++;
    if (k == sizeof KINDS / sizeof KINDS[0])
        return doc_err(a, q->code, "题型应为 single/multiple/likert5/likert3/matrix/number/text",
                       "kind: single, multiple, likert5, likert3, matrix, number or text");
    q->kind = KINDS[k].kind;
    bool is_scale = q->kind == SQ_LIKERT5 || q->kind == SQ_LIKERT3 || q->kind == SQ_MATRIX;
    q->is_required = jbool(o, "required", true);
    q->has_dont_know = jbool(o, "dont_know", false);
    q->is_counted = is_scale && jbool(o, "counts", true);
    const json_t *vis = json_object_get(o, "visible_if");
    if (vis) {
        q->vis_question = jtext(a, vis, "question");
        q->vis_equals = jtext(a, vis, "equals");
        q->vis_includes = jtext(a, vis, "includes");
        if (!q->vis_question || (!q->vis_equals == !q->vis_includes))
            return doc_err(a, q->code, "显示条件须有 question 及 equals 或 includes",
                           "visible_if needs question and one of equals, includes");
    }
    err_t *e = parse_groups(a, json_object_get(o, "groups"), f, q->code, &q->groups, &q->n_groups);
    return e ? e : parse_kind_details(a, o, q);
}

static bool code_taken(const survey_form_t *f, size_t n, const char *code) {
    for (size_t i = 0; i < n; i++) {
        const survey_question_t *q = &f->questions[i];
        if (strcmp(q->code, code) == 0) return true;
        for (size_t r = 0; r < q->n_rows; r++)
            if (strcmp(q->rows[r].value, code) == 0) return true;
    }
    return false;
}

/* Section groups narrow to the question's own list (intersection is the question's list,
 * which must lie inside the section's). */
static err_t *apply_section_groups(arena_t *a, survey_question_t *q, const char **sg, size_t n_sg) {
    if (!sg) return NULL;
    if (!q->groups) {
        q->groups = sg;
        q->n_groups = n_sg;
        return NULL;
    }
    for (size_t i = 0; i < q->n_groups; i++) {
        bool is_in = false;
        for (size_t j = 0; j < n_sg; j++)
            is_in = is_in || strcmp(q->groups[i], sg[j]) == 0;
        if (!is_in) return doc_err(a, q->code, "题目的适用群体不在本部分内", "question groups outside the section's");
    }
    return NULL;
}

static err_t *parse_groups_top(arena_t *a, const json_t *doc, survey_form_t *f) {
    const json_t *groups = json_object_get(doc, "groups");
    f->n_groups = json_array_size(groups);
    if (!f->n_groups || f->n_groups > 20)
        return err_new(a, ERR_INVALID, "document", "问卷须列出调查对象（groups）", "the document needs groups");
    f->groups = arena_alloc(a, f->n_groups * sizeof *f->groups);
    for (size_t i = 0; i < f->n_groups; i++) {
        const json_t *g = json_array_get(groups, i);
        f->groups[i].code = jtext(a, g, "code");
        f->groups[i].name = jtext(a, g, "name");
        if (!f->groups[i].code || !f->groups[i].name)
            return err_new(a, ERR_INVALID, "document", "调查对象须有代码和名称", "each group needs a code and a name");
        for (size_t j = 0; j < i; j++)
            if (strcmp(f->groups[j].code, f->groups[i].code) == 0)
                return err_new(a, ERR_INVALID, "document", "调查对象代码重复", "repeated group code");
    }
    return NULL;
}

static err_t *parse_sections(arena_t *a, const json_t *doc, survey_form_t *f) {
    const json_t *sections = json_object_get(doc, "sections");
    f->n_sections = json_array_size(sections);
    if (!f->n_sections) return err_new(a, ERR_INVALID, "document", "问卷须有部分（sections）", "no sections");
    f->sections = arena_alloc(a, f->n_sections * sizeof *f->sections);
    f->questions = arena_alloc(a, SURVEY_MAX_QUESTIONS * sizeof *f->questions);
    for (size_t s = 0; s < f->n_sections; s++) {
        const json_t *so = json_array_get(sections, s);
        f->sections[s].code = jtext(a, so, "code");
        f->sections[s].title = jtext(a, so, "title");
        if (!f->sections[s].code || !f->sections[s].title)
            return err_new(a, ERR_INVALID, "document", "部分须有代码和标题", "a section needs a code and a title");
        const char **sg;
        size_t n_sg;
        err_t *e = parse_groups(a, json_object_get(so, "groups"), f, f->sections[s].code, &sg, &n_sg);
        if (e) return e;
        const json_t *qs = json_object_get(so, "questions");
        for (size_t i = 0; i < json_array_size(qs); i++) {
            if (f->n_questions == SURVEY_MAX_QUESTIONS)
                return err_new(a, ERR_INVALID, "document", "题目过多", "too many questions");
            survey_question_t *q = &f->questions[f->n_questions];
            memset(q, 0, sizeof *q);
            if ((e = parse_question(a, json_array_get(qs, i), f, f->sections[s].code, q))) return e;
            if (code_taken(f, f->n_questions, q->code)) return doc_err(a, q->code, "代码重复", "repeated code");
            for (size_t r = 0; r < q->n_rows; r++)
                if (code_taken(f, f->n_questions, q->rows[r].value) || strcmp(q->rows[r].value, q->code) == 0)
                    return doc_err(a, q->rows[r].value, "代码重复", "repeated code");
            if ((e = apply_section_groups(a, q, sg, n_sg))) return e;
            f->n_questions++;
        }
    }
    return NULL;
}

static const survey_question_t *find_question(const survey_form_t *f, const char *code) {
    for (size_t i = 0; i < f->n_questions; i++)
        if (strcmp(f->questions[i].code, code) == 0) return &f->questions[i];
    return NULL;
}

err_t *survey_form_parse(arena_t *a, const json_t *doc, survey_form_t **out) {
    if (!json_is_object(doc)) return err_new(a, ERR_INVALID, "document", "问卷应为 JSON 对象", "not a JSON object");
    survey_form_t *f = arena_alloc(a, sizeof *f);
    f->code = jtext(a, doc, "code");
    f->name = jtext(a, doc, "name");
    f->source = jtext(a, doc, "source");
    f->standard = jtext(a, doc, "standard");
    const json_t *th = json_object_get(doc, "threshold");
    f->threshold = json_is_number(th) ? json_number_value(th) : 0.85;
    if (!f->code || !f->name) return err_new(a, ERR_INVALID, "document", "问卷须有代码和名称", "needs code and name");
    if (f->threshold <= 0 || f->threshold > 1)
        return err_new(a, ERR_INVALID, "document", "达标线应在 0 与 1 之间", "threshold must be in (0, 1]");
    err_t *e = survey_sample_parse(a, json_object_get(doc, "sampling"), &f->sampling, &f->has_sampling);
    if (!e) e = parse_groups_top(a, doc, f);
    if (!e) e = parse_sections(a, doc, f);
    if (e) return e;
    if (!f->n_questions) return err_new(a, ERR_INVALID, "document", "问卷没有题目", "no questions");
    for (size_t i = 0; i < f->n_questions; i++) {
        const survey_question_t *q = &f->questions[i];
        if (!q->vis_question) continue;
        const survey_question_t *c = find_question(f, q->vis_question);
        if (!c || c >= q || (c->kind != SQ_SINGLE && c->kind != SQ_MULTIPLE))
            return doc_err(a, q->code, "显示条件须指向前面的选择题", "visible_if must name an earlier choice question");
    }
    *out = f;
    return NULL;
}

const survey_group_t *survey_form_group(const survey_form_t *f, const char *code) {
    for (size_t i = 0; code && i < f->n_groups; i++)
        if (strcmp(f->groups[i].code, code) == 0) return &f->groups[i];
    return NULL;
}

bool survey_question_for(const survey_question_t *q, const char *group) {
    if (!q->groups) return true;
    for (size_t i = 0; i < q->n_groups; i++)
        if (strcmp(q->groups[i], group) == 0) return true;
    return false;
}

void survey_form_items(arena_t *a, const survey_form_t *f, survey_item_t **out, size_t *n) {
    size_t m = 0;
    for (size_t i = 0; i < f->n_questions; i++)
        if (f->questions[i].is_counted) m += f->questions[i].kind == SQ_MATRIX ? f->questions[i].n_rows : 1;
    *out = arena_alloc(a, (m ? m : 1) * sizeof **out);
    *n = 0;
    for (size_t i = 0; i < f->n_questions; i++) {
        const survey_question_t *q = &f->questions[i];
        if (!q->is_counted) continue;
        if (q->kind != SQ_MATRIX) {
            (*out)[(*n)++] = (survey_item_t){q->code, q->text, q, q->scale};
            continue;
        }
        for (size_t r = 0; r < q->n_rows; r++)
            (*out)[(*n)++] =
                (survey_item_t){q->rows[r].value, arena_printf(a, "%s：%s", q->text, q->rows[r].text), q, q->scale};
    }
}
