/* The answering side of survey_form.h: a respondent's answers checked against the question
 * set of the group, and that question set as JSON for the phone page. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/surveys/survey_form.h"

static err_t *ans_err(arena_t *a, const char *code, const char *zh, const char *en) {
    return err_newf(a, ERR_INVALID, arena_printf(a, "answers.%s", code), "第 %s 题：%s", "question %s: %s", code, zh,
                    en);
}

static bool has_choice(const sq_choice_t *c, size_t n, const char *v) {
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(c[i].value, v) == 0) return true;
    return false;
}

static bool is_visible(const survey_question_t *q, const json_t *answers) {
    if (!q->vis_question) return true;
    const json_t *v = json_object_get(answers, q->vis_question);
    if (q->vis_equals) return json_is_string(v) && strcmp(json_string_value(v), q->vis_equals) == 0;
    size_t i;
    const json_t *x;
    json_array_foreach(v, i, x) if (json_is_string(x) && strcmp(json_string_value(x), q->vis_includes) == 0) return true;
    return false;
}

typedef struct vals {
    survey_value_t *v;
    size_t n, cap;
} vals_t;

static void push(arena_t *a, vals_t *vs, const char *kind, const char *item, const char *value) {
    if (vs->n == vs->cap) {
        size_t cap = vs->cap ? vs->cap * 2 : 32;
        survey_value_t *nv = arena_alloc(a, cap * sizeof *nv);
        if (vs->n) memcpy(nv, vs->v, vs->n * sizeof *nv);
        vs->v = nv;
        vs->cap = cap;
    }
    vs->v[vs->n++] = (survey_value_t){item, arena_strdup(a, value), kind};
}

static err_t *check_likert(arena_t *a, const survey_question_t *q, const char *item, sq_kind_t scale, const json_t *v,
                           vals_t *vs) {
    const char *s = json_string_value(v);
    if (!s || !survey_likert_label(scale, s) || (strcmp(s, "dk") == 0 && !q->has_dont_know))
        return ans_err(a, item, "选项无效", "not one of the options");
    push(a, vs, "l", item, s);
    return NULL;
}

static err_t *check_multiple(arena_t *a, const survey_question_t *q, const json_t *v, vals_t *vs) {
    if (!json_is_array(v)) return ans_err(a, q->code, "应为选项数组", "an array of options expected");
    if (q->is_required && !json_array_size(v)) return ans_err(a, q->code, "请至少选择一项", "choose at least one");
    if (q->max_choices && json_array_size(v) > (size_t)q->max_choices)
        return ans_err(a, q->code, "选择过多", "too many choices");
    size_t i;
    const json_t *x;
    json_array_foreach(v, i, x) {
        const char *s = json_string_value(x);
        if (!has_choice(q->options, q->n_options, s)) return ans_err(a, q->code, "选项无效", "not one of the options");
        for (size_t j = 0; j < i; j++)
            if (strcmp(json_string_value(json_array_get(v, j)), s) == 0)
                return ans_err(a, q->code, "选项重复", "option repeated");
        push(a, vs, "c", q->code, s);
    }
    return NULL;
}

static err_t *check_matrix(arena_t *a, const survey_question_t *q, const json_t *v, vals_t *vs) {
    if (!json_is_object(v)) return ans_err(a, q->code, "应为按行的对象", "an object by row expected");
    const char *k;
    const json_t *x;
    json_object_foreach((json_t *)v, k, x) if (!has_choice(q->rows, q->n_rows, k))
        return ans_err(a, arena_printf(a, "%s.%s", q->code, k), "行不存在", "no such row");
    for (size_t r = 0; r < q->n_rows; r++) {
        const json_t *rv = json_object_get(v, q->rows[r].value);
        if (!rv || json_is_null(rv)) {
            if (q->is_required) return ans_err(a, q->rows[r].value, "请作答", "an answer is required");
            continue;
        }
        err_t *e = check_likert(a, q, q->rows[r].value, q->scale, rv, vs);
        if (e) return e;
    }
    return NULL;
}

static err_t *check_one(arena_t *a, const survey_question_t *q, const json_t *v, vals_t *vs) {
    switch (q->kind) {
    case SQ_LIKERT5:
    case SQ_LIKERT3:
        return check_likert(a, q, q->code, q->kind, v, vs);
    case SQ_SINGLE:
        if (!has_choice(q->options, q->n_options, json_string_value(v)))
            return ans_err(a, q->code, "选项无效", "not one of the options");
        push(a, vs, "c", q->code, json_string_value(v));
        return NULL;
    case SQ_MULTIPLE:
        return check_multiple(a, q, v, vs);
    case SQ_MATRIX:
        return check_matrix(a, q, v, vs);
    case SQ_NUMBER: {
        if (!json_is_number(v)) return ans_err(a, q->code, "应为数字", "a number expected");
        double d = json_number_value(v);
        if (!isfinite(d) || d < q->min || d > q->max)
            return ans_err(a, q->code, "数值超出范围", "number out of range");
        char buf[64];
        snprintf(buf, sizeof buf, "%.15g", d);
        push(a, vs, "n", q->code, buf);
        return NULL;
    }
    case SQ_TEXT: {
        const char *s = json_string_value(v);
        if (!s) return ans_err(a, q->code, "应为文字", "a text expected");
        if (strlen(s) > (size_t)q->max_len) return ans_err(a, q->code, "文字过长", "text too long");
        if (!*s && q->is_required) return ans_err(a, q->code, "请作答", "an answer is required");
        if (*s) push(a, vs, "t", q->code, s);
        return NULL;
    }
    }
    return NULL;
}

static const survey_question_t *by_code(const survey_form_t *f, const char *code) {
    for (size_t i = 0; i < f->n_questions; i++)
        if (strcmp(f->questions[i].code, code) == 0) return &f->questions[i];
    return NULL;
}

err_t *survey_answers_check(arena_t *a, const survey_form_t *f, const char *group, const json_t *answers,
                            survey_value_t **out, size_t *n_out) {
    if (!json_is_object(answers)) return err_new(a, ERR_INVALID, "answers", "答案应为对象", "answers: an object");
    const char *k;
    const json_t *x;
    json_object_foreach((json_t *)answers, k, x) {
        const survey_question_t *q = by_code(f, k);
        if (!q || !survey_question_for(q, group))
            return ans_err(a, k, "本问卷没有这道题", "no such question in this questionnaire");
        if (!json_is_null(x) && !is_visible(q, answers))
            return ans_err(a, k, "按前面的回答此题不应作答", "hidden by an earlier answer");
    }
    vals_t vs = {0};
    for (size_t i = 0; i < f->n_questions; i++) {
        const survey_question_t *q = &f->questions[i];
        if (!survey_question_for(q, group) || !is_visible(q, answers)) continue;
        const json_t *v = json_object_get(answers, q->code);
        if (!v || json_is_null(v)) {
            if (q->is_required) return ans_err(a, q->code, "请作答", "an answer is required");
            continue;
        }
        err_t *e = check_one(a, q, v, &vs);
        if (e) return e;
    }
    *out = vs.v;
    *n_out = vs.n;
    return NULL;
}

static json_t *choices_json(const sq_choice_t *c, size_t n, const char *key) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s}", key, c[i].value, "text", c[i].text));
    return arr;
}

static json_t *scale_json(sq_kind_t scale, bool has_dk) {
    json_t *arr = json_array();
    const char *vals5[] = {"5", "4", "3", "2", "1"}, *vals3[] = {"3", "2", "1"};
    const char **vals = scale == SQ_LIKERT3 ? vals3 : vals5;
    size_t n = scale == SQ_LIKERT3 ? 3 : 5;
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s}", "value", vals[i], "text", survey_likert_label(scale, vals[i])));
    if (has_dk) json_array_append_new(arr, json_pack("{s:s, s:s}", "value", "dk", "text", "不了解"));
    return arr;
}

static json_t *question_json(const survey_question_t *q) {
    static const char *names[] = {"single", "multiple", "likert5", "likert3", "matrix", "number", "text"};
    json_t *j = json_pack("{s:s, s:s, s:s, s:b, s:b, s:b}", "code", q->code, "kind", names[q->kind], "text", q->text,
                          "required", q->is_required, "dont_know", q->has_dont_know, "counts", q->is_counted);
    if (q->n_options) json_object_set_new(j, "options", choices_json(q->options, q->n_options, "value"));
    if (q->kind == SQ_MULTIPLE && q->max_choices) json_object_set_new(j, "max", json_integer(q->max_choices));
    if (q->n_rows) json_object_set_new(j, "rows", choices_json(q->rows, q->n_rows, "code"));
    if (q->kind == SQ_LIKERT5 || q->kind == SQ_LIKERT3 || q->kind == SQ_MATRIX)
        json_object_set_new(j, "scale", scale_json(q->scale, q->has_dont_know));
    if (q->kind == SQ_NUMBER) {
        if (q->min > -1e15) json_object_set_new(j, "min", json_real(q->min));
        if (q->max < 1e15) json_object_set_new(j, "max", json_real(q->max));
    }
    if (q->kind == SQ_TEXT) json_object_set_new(j, "max_len", json_integer(q->max_len));
    if (q->vis_question)
        json_object_set_new(j, "visible_if",
                            json_pack("{s:s, s:s}", "question", q->vis_question, q->vis_equals ? "equals" : "includes",
                                      q->vis_equals ? q->vis_equals : q->vis_includes));
    return j;
}

json_t *survey_form_for_group(const survey_form_t *f, const char *group) {
    const survey_group_t *g = survey_form_group(f, group);
    json_t *sections = json_array();
    for (size_t s = 0; s < f->n_sections; s++) {
        json_t *qs = json_array();
        for (size_t i = 0; i < f->n_questions; i++) {
            const survey_question_t *q = &f->questions[i];
            if (strcmp(q->section_code, f->sections[s].code) == 0 && survey_question_for(q, group))
                json_array_append_new(qs, question_json(q));
        }
        if (json_array_size(qs))
            json_array_append_new(sections, json_pack("{s:s, s:s, s:o}", "code", f->sections[s].code, "title",
                                                      f->sections[s].title, "questions", qs));
        else
            json_decref(qs);
    }
    return json_pack("{s:s, s:s, s:s, s:s, s:o}", "code", f->code, "name", f->name, "group", group, "group_name",
                     g ? g->name : group, "sections", sections);
}
