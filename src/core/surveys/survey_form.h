/* survey_form: a questionnaire (问卷) as data — parsing and validation of one version's
 * document, the question set of a respondent group, the satisfaction items it scores, and the
 * check of one respondent's answers. Pure: no I/O, no SQL, no clock.
 *
 * The document (the files in standards/surveys/ are the built-ins) is a JSON object:
 *   code, name, name_en?, source, uncertain[]? (wording not certain, stated in the file),
 *   standard? ("quality-2017" | "basic-2012" | null), threshold? (0.85),
 *   sampling? the sample size rule (core/surveys/survey_sample.h),
 *   groups[]   {code, name}: the respondent groups (学生、家长、教师、校长、人大代表……)
 *   sections[] {code, title, groups[]? (default: all), questions[]}
 *   question   {code, kind, text, required?, dont_know? (offers 不了解), groups[]? (narrows
 *               the section's), counts? (scored for satisfaction; default true for likert and
 *               matrix kinds, false otherwise), options[] {value, text} (single, multiple),
 *               max? (multiple: most choices), rows[] {code, text} and scale (matrix),
 *               min?/max? (number), max_len? (text), visible_if? {question, equals|includes}}
 *   kinds: single, multiple, likert5 (满意/比较满意/一般/不太满意/不满意), likert3
 *   (满意/基本满意/不满意), matrix (rows on a likert scale), number, text.
 * Codes of questions and matrix rows are unique in the document (they name the stored
 * answers and the reported items).
 *
 * Answers: {"<question code>": value}. likert: "5".."1" (5 = 满意) or "dk" (不了解) for a
 * likert5 question, "3".."1" or "dk" for likert3; matrix: {"<row code>": likert value};
 * single: an option value; multiple: an array of option values; number: a JSON number;
 * text: a string. A question hidden by visible_if must not be answered; a required one that
 * is shown must be.
 *
 * Ownership: every structure and string lives in the arena given; nothing points into the
 * json_t (it may be released). Errors are ERR_INVALID with a "中文 / English" message and the
 * field ("document" / "answers.<code>"). Thread-safety: a parsed form is immutable. */
#ifndef DUDAO_SURVEY_FORM_H
#define DUDAO_SURVEY_FORM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/surveys/survey_sample.h"
#include "util/arena.h"
#include "util/err.h"

enum { SURVEY_MAX_QUESTIONS = 300, SURVEY_MAX_OPTIONS = 50, SURVEY_MAX_TEXT = 4000 };

typedef enum sq_kind { SQ_SINGLE, SQ_MULTIPLE, SQ_LIKERT5, SQ_LIKERT3, SQ_MATRIX, SQ_NUMBER, SQ_TEXT } sq_kind_t;

typedef struct sq_choice {
    const char *value; /* option value, or a matrix row's code */
    const char *text;
} sq_choice_t;

typedef struct survey_question {
    const char *code, *text, *section_code;
    sq_kind_t kind;
    sq_kind_t scale; /* matrix rows: SQ_LIKERT5 or SQ_LIKERT3; the kind itself for likert */
    bool is_required, has_dont_know, is_counted;
    const char **groups; /* NULL: every group of the form */
    size_t n_groups;
    sq_choice_t *options; /* single, multiple */
    size_t n_options;
    sq_choice_t *rows; /* matrix */
    size_t n_rows;
    double min, max;                                      /* number */
    int max_choices;                                      /* multiple; 0 = any */
    int max_len;                                          /* text, bytes */
    const char *vis_question, *vis_equals, *vis_includes; /* visible_if */
} survey_question_t;

typedef struct survey_group {
    const char *code, *name;
} survey_group_t;

typedef struct survey_section {
    const char *code, *title;
} survey_section_t;

typedef struct survey_form {
    const char *code, *name, *source, *standard;
    double threshold;          /* 0.85 unless the document says otherwise */
    sv_sample_rule_t sampling; /* the sample a round needs (core/surveys/survey_sample.h) */
    bool has_sampling;
    survey_group_t *groups;
    size_t n_groups;
    survey_section_t *sections;
    size_t n_sections;
    survey_question_t *questions; /* document order */
    size_t n_questions;
} survey_form_t;

/* One scored satisfaction item: a counted likert question, or a row of a counted matrix. */
typedef struct survey_item {
    const char *code, *text;
    const survey_question_t *q;
    sq_kind_t scale;
} survey_item_t;

/* One stored answer value (a multiple choice gives one row per chosen option; a matrix one
 * per row). */
typedef struct survey_value {
    const char *item; /* question or matrix row code */
    const char *value;
    const char *kind; /* "l" likert (scored or not), "c" choice, "n" number, "t" text */
} survey_value_t;

/* Parses and validates a document; *out in the arena. */
err_t *survey_form_parse(arena_t *a, const json_t *doc, survey_form_t **out);
/* The group with that code, or NULL. */
const survey_group_t *survey_form_group(const survey_form_t *f, const char *code);
/* true when q is asked of group. */
bool survey_question_for(const survey_question_t *q, const char *group);
/* The scored items in document order (arena). */
void survey_form_items(arena_t *a, const survey_form_t *f, survey_item_t **out, size_t *n);

/* Checks one respondent's answers for group; on success the values to store (arena). Errors
 * name the question: missing required answer, unknown question, a question not asked of the
 * group or hidden, a value outside the options or range, a wrong JSON type. */
err_t *survey_answers_check(arena_t *a, const survey_form_t *f, const char *group, const json_t *answers,
                            survey_value_t **out, size_t *n_out);

/* The question set of group as JSON for the answering page (new reference): {code, name,
 * group, group_name, sections:[{code, title, questions:[...]}]} with each question's kind,
 * text, required, dont_know, options/rows, bounds and visible_if, and the scale labels. */
json_t *survey_form_for_group(const survey_form_t *f, const char *group);

/* The label of a likert value ("5" → 满意, "dk" → 不了解) on scale; NULL when not one. */
const char *survey_likert_label(sq_kind_t scale, const char *value);

#endif
