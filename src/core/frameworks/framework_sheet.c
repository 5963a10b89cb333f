#include "core/frameworks/framework_sheet.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

enum {
    C_LEVEL,
    C_CODE,
    C_PARENT,
    C_TEXT,
    C_TEXT_EN,
    C_GUIDANCE,
    C_KIND,
    C_MAX,
    C_WEIGHT,
    C_OPTIONS,
    C_UNIT,
    C_THRESHOLD,
    C_PHOTO,
    C_DOCUMENT,
    C_NOTE,
    C_VETO,
    C_TYPES,
    C_SECTIONS,
};

static const fw_sheet_column_t columns[FW_SHEET_N_COLS] = {
    {"层级", "level"},
    {"编码", "code"},
    {"上级编码", "parent"},
    {"指标内容", "text"},
    {"英文", "text_en"},
    {"检查方法", "guidance"},
    {"类型", "kind"},
    {"满分", "max_score"},
    {"权重", "weight"},
    {"等级或选项", "options"},
    {"单位", "unit"},
    {"阈值", "threshold"},
    {"需照片", "photo"},
    {"需文件", "document"},
    {"需说明", "note"},
    {"一票否决", "is_veto"},
    {"适用办学类型", "type_codes"},
    {"适用学段", "sections"},
};

const fw_sheet_column_t *fw_sheet_columns(void) {
    return columns;
}

static const struct {
    fw_kind_t kind;
    const char *label;
} kind_labels[] = {{FW_PASS_FAIL, "达标"}, {FW_SCORE, "评分"},  {FW_RATING, "评级"},
                   {FW_NUMBER, "数值"},    {FW_CHOICE, "选择"}, {FW_TEXT, "文本"}};

static const struct {
    const char *name, *label;
} section_labels[] = {{"kindergarten", "幼儿园"}, {"primary", "小学"},    {"junior", "初中"},
                      {"senior", "高中"},         {"vocational", "中职"}, {"special", "特教"}};

static const char *kind_label(fw_kind_t k) {
    for (size_t i = 0; i < sizeof kind_labels / sizeof kind_labels[0]; i++)
        if (kind_labels[i].kind == k) return kind_labels[i].label;
    return NULL;
}

static const char *num_text(arena_t *a, double v) {
    return arena_printf(a, "%.15g", v);
}

/* ---- export ---------------------------------------------------------------------------- */

void fw_sheet_row(arena_t *a, const fw_node_t *n, const char **cells) {
    for (size_t i = 0; i < FW_SHEET_N_COLS; i++)
        cells[i] = NULL;
    cells[C_LEVEL] = arena_printf(a, "%d", n->level);
    cells[C_CODE] = n->code;
    cells[C_PARENT] = n->parent ? n->parent->code : NULL;
    cells[C_TEXT] = n->text;
    cells[C_TEXT_EN] = n->text_en;
    cells[C_GUIDANCE] = n->guidance;
    cells[C_WEIGHT] = num_text(a, n->weight);
    if (n->kind != FW_GROUP) {
        cells[C_KIND] = kind_label(n->kind);
        bool write_max = n->kind == FW_PASS_FAIL || n->kind == FW_SCORE || (n->kind == FW_NUMBER && n->has_max);
        if (n->kind == FW_RATING || n->kind == FW_CHOICE) {
            double best = 0;
            for (size_t i = 0; i < n->n_options; i++)
                if (n->options[i].score > best) best = n->options[i].score;
            write_max = n->has_max && n->max_score != best;
        }
        if (write_max) cells[C_MAX] = num_text(a, n->max_score);
    }
    if (n->n_options) {
        buf_t b;
        buf_init(&b);
        for (size_t i = 0; i < n->n_options; i++) {
            const fw_option_t *o = &n->options[i];
            if (i) buf_puts(&b, "; ");
            buf_printf(&b, "%s|%s", o->value, o->label);
            /* keep the positions: score, colour, fail */
            const char *score = o->has_score ? num_text(a, o->score) : "";
            bool more_en = o->label_en != NULL;
            bool more_fail = o->is_fail || more_en;
            bool more_color = o->color || more_fail;
            if (o->has_score || more_color) buf_printf(&b, "|%s", score);
            if (more_color) buf_printf(&b, "|%s", o->color ? o->color : "");
            if (more_fail) buf_puts(&b, o->is_fail ? "|不达标" : "|");
            if (more_en) buf_printf(&b, "|%s", o->label_en);
        }
        cells[C_OPTIONS] = arena_strdup(a, b.p);
        buf_free(&b);
    }
    cells[C_UNIT] = n->unit;
    static const char *const ops[] = {"", "<", "<=", ">=", ">", "="};
    if (n->threshold.op != FW_OP_NONE)
        cells[C_THRESHOLD] = arena_printf(a, "%s %s", ops[n->threshold.op], num_text(a, n->threshold.value));
    if (n->evidence.photo) cells[C_PHOTO] = "是";
    if (n->evidence.document) cells[C_DOCUMENT] = "是";
    if (n->evidence.note) cells[C_NOTE] = "是";
    if (n->is_veto) cells[C_VETO] = "是";
    if (n->applies_to.n_type_codes) {
        buf_t b;
        buf_init(&b);
        for (size_t i = 0; i < n->applies_to.n_type_codes; i++)
            buf_printf(&b, "%s%s", i ? "," : "", n->applies_to.type_codes[i]);
        cells[C_TYPES] = arena_strdup(a, b.p);
        buf_free(&b);
    }
    if (n->applies_to.n_sections) {
        buf_t b;
        buf_init(&b);
        for (size_t i = 0; i < n->applies_to.n_sections; i++) {
            const char *label = n->applies_to.sections[i];
            for (size_t k = 0; k < sizeof section_labels / sizeof section_labels[0]; k++)
                if (strcmp(section_labels[k].name, label) == 0) label = section_labels[k].label;
            buf_printf(&b, "%s%s", i ? "," : "", label);
        }
        cells[C_SECTIONS] = arena_strdup(a, b.p);
        buf_free(&b);
    }
}

/* ---- import ---------------------------------------------------------------------------- */

enum { FW_SHEET_MAX_ERRORS = 500 };

typedef struct sheet_node {
    const char *code;
    size_t row;
    int level;
    json_t *obj; /* borrowed from the tree */
} sheet_node_t;

struct fw_sheet_reader {
    arena_t *a;
    const json_t *base;
    int col_of[FW_SHEET_N_COLS];         /* file column of each field, -1 when absent */
    const char *header[FW_SHEET_N_COLS]; /* as written in the file */
    bool has_header;
    json_t *indicators;
    sheet_node_t *nodes;
    size_t n_nodes, cap_nodes;
    fw_sheet_error_t *errors;
    size_t n_errors;
    size_t n_rows;
};

fw_sheet_reader_t *fw_sheet_begin(arena_t *a, const json_t *base) {
    fw_sheet_reader_t *r = arena_alloc(a, sizeof *r);
    r->a = a;
    r->base = base;
    r->indicators = json_array();
    r->errors = arena_alloc(a, FW_SHEET_MAX_ERRORS * sizeof *r->errors);
    for (size_t i = 0; i < FW_SHEET_N_COLS; i++) {
        r->col_of[i] = -1;
        r->header[i] = columns[i].header;
    }
    return r;
}

/* message is already "中文 / English". */
static void sheet_error_raw(fw_sheet_reader_t *r, size_t row, int col, const char *indicator, const char *message) {
    if (r->n_errors++ >= FW_SHEET_MAX_ERRORS) return;
    fw_sheet_error_t *e = &r->errors[r->n_errors - 1];
    e->row = row;
    e->column = col >= 0 ? r->header[col] : NULL;
    e->indicator = indicator;
    e->message = message;
}

static void sheet_error(fw_sheet_reader_t *r, size_t row, int col, const char *indicator, const char *zh,
                        const char *en) {
    sheet_error_raw(r, row, col, indicator, arena_printf(r->a, "%s / %s", zh, en));
}

static char *trim(arena_t *a, const char *s) {
    if (!s) return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return n ? arena_strndup(a, s, n) : NULL;
}

static bool parse_number(const char *s, double *out) {
    if (!s || !*s) return false;
    char *end = NULL;
    double v = strtod(s, &end);
    if (!end || *end) return false;
    *out = v;
    return true;
}

/* 是/否 and the usual spellings; empty is false. */
static int parse_yes(const char *s) {
    if (!s) return 0;
    static const char *const yes[] = {"是", "Y", "y", "yes", "Yes", "YES", "true", "TRUE", "1", "√", "✓"};
    static const char *const no[] = {"否", "N", "n", "no", "No", "NO", "false", "FALSE", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strcmp(s, yes[i]) == 0) return 1;
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strcmp(s, no[i]) == 0) return 0;
    return -1;
}

/* Splits s at any of the separators (ASCII and full-width), trimming the parts. */
static size_t split(arena_t *a, const char *s, const char *const *seps, size_t n_seps, char ***out) {
    size_t cap = 8, n = 0;
    char **parts = arena_alloc(a, cap * sizeof *parts);
    const char *p = s;
    for (;;) {
        const char *best = NULL;
        size_t best_len = 0;
        for (size_t i = 0; i < n_seps; i++) {
            const char *q = strstr(p, seps[i]);
            if (q && (!best || q < best)) best = q, best_len = strlen(seps[i]);
        }
        const char *end = best ? best : p + strlen(p);
        if (n == cap) {
            char **np = arena_alloc(a, 2 * cap * sizeof *np);
            memcpy(np, parts, n * sizeof *np);
            parts = np;
            cap *= 2;
        }
        parts[n++] = trim(a, arena_strndup(a, p, (size_t)(end - p)));
        if (!best) break;
        p = best + best_len;
    }
    *out = parts;
    return n;
}

static const char *cell(fw_sheet_reader_t *r, const char *const *cells, size_t n_cells, int field) {
    int c = r->col_of[field];
    if (c < 0 || (size_t)c >= n_cells) return NULL;
    return trim(r->a, cells[c]);
}

static void read_header(fw_sheet_reader_t *r, size_t row_no, const char *const *cells, size_t n_cells) {
    r->has_header = true;
    for (size_t i = 0; i < n_cells; i++) {
        const char *h = trim(r->a, cells[i]);
        if (!h) continue;
        size_t k = 0;
        while (k < FW_SHEET_N_COLS && strcmp(h, columns[k].header) != 0 && strcmp(h, columns[k].field) != 0)
            k++;
        if (k == FW_SHEET_N_COLS) {
            sheet_error(r, row_no, -1, NULL, arena_printf(r->a, "未知的列“%s”", h),
                        arena_printf(r->a, "unknown column \"%s\"", h));
            continue;
        }
        if (r->col_of[k] >= 0) {
            sheet_error(r, row_no, -1, NULL, arena_printf(r->a, "列“%s”出现了两次", h),
                        arena_printf(r->a, "column \"%s\" appears twice", h));
            continue;
        }
        r->col_of[k] = (int)i;
        r->header[k] = h;
    }
    if (r->col_of[C_CODE] < 0 || r->col_of[C_TEXT] < 0)
        sheet_error(r, row_no, -1, NULL, "缺少“编码”或“指标内容”列",
                    "the columns 编码 (code) and 指标内容 (text) are required");
}

static sheet_node_t *find_node(fw_sheet_reader_t *r, const char *code) {
    for (size_t i = 0; i < r->n_nodes; i++)
        if (strcmp(r->nodes[i].code, code) == 0) return &r->nodes[i];
    return NULL;
}

static json_t *parse_options_cell(fw_sheet_reader_t *r, size_t row, const char *code, const char *s) {
    static const char *const entry_seps[] = {";", "；", "\n"};
    static const char *const part_seps[] = {"|", "｜"};
    char **entries;
    size_t n = split(r->a, s, entry_seps, 3, &entries);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!entries[i]) continue;
        char **p;
        size_t np = split(r->a, entries[i], part_seps, 2, &p);
        if (np > 6 || !p[0]) {
            sheet_error(r, row, C_OPTIONS, code,
                        arena_printf(r->a, "第 %zu 项应写成“值|名称|分值|颜色|不达标|英文名称”", i + 1),
                        arena_printf(r->a, "entry %zu must read value|label|score|color|fail|label_en", i + 1));
            continue;
        }
        json_t *o = json_pack("{s:s}", "value", p[0]);
        json_object_set_new(o, "label", json_string(np > 1 && p[1] ? p[1] : p[0]));
        double score;
        if (np > 2 && p[2]) {
            if (parse_number(p[2], &score))
                json_object_set_new(o, "score", json_real(score));
            else
                sheet_error(r, row, C_OPTIONS, code, arena_printf(r->a, "第 %zu 项的分值“%s”不是数字", i + 1, p[2]),
                            arena_printf(r->a, "the score \"%s\" of entry %zu is not a number", p[2], i + 1));
        }
        if (np > 3 && p[3]) json_object_set_new(o, "color", json_string(p[3]));
        if (np > 4 && p[4]) {
            bool fail = strcmp(p[4], "不达标") == 0 || strcmp(p[4], "fail") == 0 || parse_yes(p[4]) == 1;
            if (!fail)
                sheet_error(r, row, C_OPTIONS, code, arena_printf(r->a, "第 %zu 项最后一段应为“不达标”", i + 1),
                            arena_printf(r->a, "the last part of entry %zu must be 不达标 (fail)", i + 1));
            else
                json_object_set_new(o, "is_fail", json_true());
        }
        if (np > 5 && p[5]) json_object_set_new(o, "label_en", json_string(p[5]));
        json_array_append_new(arr, o);
    }
    return arr;
}

static void read_row(fw_sheet_reader_t *r, size_t row, const char *const *cells, size_t n_cells) {
    const char *code = cell(r, cells, n_cells, C_CODE);
    r->n_rows++;
    if (!code) {
        sheet_error(r, row, C_CODE, NULL, "缺少编码", "the code is missing");
        return;
    }
    if (find_node(r, code)) {
        sheet_error(r, row, C_CODE, code, arena_printf(r->a, "编码 %s 与第 %zu 行重复", code, find_node(r, code)->row),
                    arena_printf(r->a, "code %s repeats row %zu", code, find_node(r, code)->row));
        return;
    }
    json_t *o = json_pack("{s:s}", "code", code);
    int level = 1;
    const char *parent = cell(r, cells, n_cells, C_PARENT);
    sheet_node_t *p = NULL;
    if (parent) {
        p = find_node(r, parent);
        if (!p) {
            sheet_error(r, row, C_PARENT, code, arena_printf(r->a, "上级编码 %s 不存在（上级须写在下级之前）", parent),
                        arena_printf(r->a, "parent %s not found (a parent's row comes before its children)", parent));
            json_decref(o);
            return;
        }
        level = p->level + 1;
    }
    const char *lv = cell(r, cells, n_cells, C_LEVEL);
    double lvn;
    if (lv && (!parse_number(lv, &lvn) || lvn != level))
        sheet_error(r, row, C_LEVEL, code, arena_printf(r->a, "层级应为 %d（由上级编码推出）", level),
                    arena_printf(r->a, "the level must be %d (from the parent code)", level));
    const char *s;
    if ((s = cell(r, cells, n_cells, C_TEXT))) json_object_set_new(o, "text", json_string(s));
    if ((s = cell(r, cells, n_cells, C_TEXT_EN))) json_object_set_new(o, "text_en", json_string(s));
    if ((s = cell(r, cells, n_cells, C_GUIDANCE))) json_object_set_new(o, "guidance", json_string(s));
    const char *kind = cell(r, cells, n_cells, C_KIND);
    bool is_rating = false;
    if (kind) {
        const char *k = NULL;
        for (size_t i = 0; i < sizeof kind_labels / sizeof kind_labels[0] && !k; i++)
            if (strcmp(kind, kind_labels[i].label) == 0) k = fw_kind_name(kind_labels[i].kind);
        fw_kind_t fk;
        if (!k && fw_kind_parse(kind, &fk)) k = fw_kind_name(fk);
        if (!k)
            sheet_error(
                r, row, C_KIND, code, arena_printf(r->a, "类型“%s”应为 达标/评分/评级/数值/选择/文本", kind),
                arena_printf(r->a, "kind \"%s\" must be pass_fail, score, rating, number, choice or text", kind));
        else
            json_object_set_new(o, "kind", json_string(k));
        is_rating = k && strcmp(k, "rating") == 0;
    }
    static const struct {
        int col;
        const char *key;
    } nums[] = {{C_MAX, "max_score"}, {C_WEIGHT, "weight"}};
    for (size_t i = 0; i < 2; i++) {
        double v;
        if (!(s = cell(r, cells, n_cells, nums[i].col))) continue;
        if (!parse_number(s, &v))
            sheet_error(r, row, nums[i].col, code, arena_printf(r->a, "“%s”不是数字", s),
                        arena_printf(r->a, "\"%s\" is not a number", s));
        else
            json_object_set_new(o, nums[i].key, json_real(v));
    }
    if ((s = cell(r, cells, n_cells, C_OPTIONS)))
        json_object_set_new(o, is_rating ? "levels" : "choices", parse_options_cell(r, row, code, s));
    if ((s = cell(r, cells, n_cells, C_UNIT))) json_object_set_new(o, "unit", json_string(s));
    if ((s = cell(r, cells, n_cells, C_THRESHOLD))) {
        static const struct {
            const char *text, *op;
        } ops[] = {{"<=", "<="}, {">=", ">="}, {"≤", "<="}, {"≥", ">="}, {"<", "<"}, {">", ">"}, {"=", "="}};
        const char *op = NULL;
        const char *rest = s;
        for (size_t i = 0; i < sizeof ops / sizeof ops[0] && !op; i++)
            if (strncmp(s, ops[i].text, strlen(ops[i].text)) == 0) op = ops[i].op, rest = s + strlen(ops[i].text);
        double v;
        char *num = trim(r->a, rest);
        if (!op || !parse_number(num, &v))
            sheet_error(r, row, C_THRESHOLD, code, arena_printf(r->a, "阈值“%s”应写成“<= 60”的形式", s),
                        arena_printf(r->a, "the threshold \"%s\" must read like \"<= 60\"", s));
        else
            json_object_set_new(o, "threshold", json_pack("{s:s, s:f}", "op", op, "value", v));
    }
    static const struct {
        int col;
        const char *key;
    } ev[] = {{C_PHOTO, "photo"}, {C_DOCUMENT, "document"}, {C_NOTE, "note"}};
    json_t *evidence = NULL;
    for (size_t i = 0; i < 3; i++) {
        if (!(s = cell(r, cells, n_cells, ev[i].col))) continue;
        int y = parse_yes(s);
        if (y < 0) {
            sheet_error(r, row, ev[i].col, code, arena_printf(r->a, "“%s”应为 是 或 否", s),
                        arena_printf(r->a, "\"%s\" must be 是 (yes) or 否 (no)", s));
            continue;
        }
        if (!y) continue;
        if (!evidence) evidence = json_object();
        json_object_set_new(evidence, ev[i].key, json_true());
    }
    if (evidence) json_object_set_new(o, "evidence", evidence);
    if ((s = cell(r, cells, n_cells, C_VETO))) {
        int y = parse_yes(s);
        if (y < 0)
            sheet_error(r, row, C_VETO, code, arena_printf(r->a, "“%s”应为 是 或 否", s),
                        arena_printf(r->a, "\"%s\" must be 是 (yes) or 否 (no)", s));
        else if (y)
            json_object_set_new(o, "is_veto", json_true());
    }
    static const char *const list_seps[] = {",", "，", "、", ";", "；", " "};
    json_t *applies = NULL;
    if ((s = cell(r, cells, n_cells, C_TYPES))) {
        char **parts;
        size_t n = split(r->a, s, list_seps, 6, &parts);
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            if (parts[i]) json_array_append_new(arr, json_string(parts[i]));
        applies = json_object();
        json_object_set_new(applies, "type_codes", arr);
    }
    if ((s = cell(r, cells, n_cells, C_SECTIONS))) {
        char **parts;
        size_t n = split(r->a, s, list_seps, 6, &parts);
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            if (!parts[i]) continue;
            const char *name = parts[i];
            for (size_t k = 0; k < sizeof section_labels / sizeof section_labels[0]; k++)
                if (strcmp(section_labels[k].label, parts[i]) == 0) name = section_labels[k].name;
            json_array_append_new(arr, json_string(name));
        }
        if (!applies) applies = json_object();
        json_object_set_new(applies, "sections", arr);
    }
    if (applies) json_object_set_new(o, "applies_to", applies);

    if (p) {
        json_t *kids = json_object_get(p->obj, "children");
        if (!kids) {
            kids = json_array();
            json_object_set_new(p->obj, "children", kids);
        }
        json_array_append_new(kids, o);
    } else {
        json_array_append_new(r->indicators, o);
    }
    if (r->n_nodes == r->cap_nodes) {
        size_t cap = r->cap_nodes ? 2 * r->cap_nodes : 64;
        sheet_node_t *nn = arena_alloc(r->a, cap * sizeof *nn);
        if (r->n_nodes) memcpy(nn, r->nodes, r->n_nodes * sizeof *nn);
        r->nodes = nn;
        r->cap_nodes = cap;
    }
    r->nodes[r->n_nodes++] = (sheet_node_t){.code = code, .row = row, .level = level, .obj = o};
}

void fw_sheet_add_row(fw_sheet_reader_t *r, size_t row_no, const char *const *cells, size_t n_cells) {
    if (!r->has_header) {
        read_header(r, row_no, cells, n_cells);
        return;
    }
    if (r->col_of[C_CODE] < 0) return;
    read_row(r, row_no, cells, n_cells);
}

/* The column a validation issue's field belongs to. */
static int column_of_field(const char *field) {
    static const struct {
        const char *prefix;
        int col;
    } map[] = {{"levels", C_OPTIONS},
               {"choices", C_OPTIONS},
               {"threshold", C_THRESHOLD},
               {"evidence.photo", C_PHOTO},
               {"evidence.document", C_DOCUMENT},
               {"evidence.note", C_NOTE},
               {"evidence", C_PHOTO},
               {"applies_to.type_codes", C_TYPES},
               {"applies_to.sections", C_SECTIONS},
               {"applies_to", C_TYPES},
               {"max_score", C_MAX},
               {"weight", C_WEIGHT},
               {"kind", C_KIND},
               {"text_en", C_TEXT_EN},
               {"text", C_TEXT},
               {"guidance", C_GUIDANCE},
               {"code", C_CODE},
               {"children", C_LEVEL},
               {"is_veto", C_VETO},
               {"unit", C_UNIT}};
    for (size_t i = 0; field && i < sizeof map / sizeof map[0]; i++)
        if (strncmp(field, map[i].prefix, strlen(map[i].prefix)) == 0) return map[i].col;
    return -1;
}

void fw_sheet_end(fw_sheet_reader_t *r, json_t **doc, fw_sheet_error_t **errors, size_t *n_errors, size_t *n_rows) {
    *doc = NULL;
    *n_rows = r->n_rows;
    if (!r->has_header)
        sheet_error(r, 0, -1, NULL, "文件是空的", "the file is empty");
    else if (r->col_of[C_CODE] >= 0 && r->n_rows == 0)
        sheet_error(r, 0, -1, NULL, "没有指标行", "the file has no indicator rows");
    json_t *d = json_is_object(r->base) ? json_deep_copy(r->base) : json_object();
    json_object_set(d, "indicators", r->indicators);
    json_decref(r->indicators);
    if (!r->n_errors) {
        fw_t *f;
        fw_issue_t *issues;
        size_t n;
        fw_parse_all(r->a, d, &f, &issues, &n);
        for (size_t i = 0; i < n; i++) {
            const sheet_node_t *sn = issues[i].indicator ? find_node(r, issues[i].indicator) : NULL;
            sheet_error_raw(r, sn ? sn->row : 0, sn ? column_of_field(issues[i].field) : -1, issues[i].indicator,
                            issues[i].message);
        }
    }
    *errors = r->errors;
    *n_errors = r->n_errors;
    if (r->n_errors) {
        json_decref(d);
        return;
    }
    *doc = d;
}
