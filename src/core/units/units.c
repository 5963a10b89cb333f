#include "core/units/units.h"

#include <math.h>
#include <string.h>

const unit_rules_t UNIT_RULES_DEFAULT = {.excellent = 90, .good = 80, .pass = 65};

static const char *const kind_names[] = {"", "town", "subdistrict", "department"};
static const char *const kind_zh[] = {"", "乡镇政府", "街道", "县直部门"};

unit_kind_t unit_kind_parse(const char *name) {
    if (!name) return UK_NONE;
    for (int k = UK_TOWN; k <= UK_DEPARTMENT; k++)
        if (strcmp(kind_names[k], name) == 0) return (unit_kind_t)k;
    return UK_NONE;
}

const char *unit_kind_name(unit_kind_t k) {
    return k >= UK_TOWN && k <= UK_DEPARTMENT ? kind_names[k] : "";
}

const char *unit_kind_label_zh(unit_kind_t k) {
    return k >= UK_TOWN && k <= UK_DEPARTMENT ? kind_zh[k] : "";
}

size_t unit_text_chars(const char *s) {
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
        if ((*p & 0xC0) != 0x80) n++;
    return n;
}

static const char *const grade_names[] = {"", "fail", "pass", "good", "excellent"};
static const char *const grade_zh[] = {"", "不合格", "合格", "良好", "优秀"};

const char *unit_grade_name(unit_grade_t g) {
    return g >= UG_NONE && g <= UG_EXCELLENT ? grade_names[g] : "";
}

const char *unit_grade_label_zh(unit_grade_t g) {
    return g >= UG_NONE && g <= UG_EXCELLENT ? grade_zh[g] : "";
}

static bool in_range(double v) {
    return isfinite(v) && v >= 0 && v <= 100;
}

unit_rules_check_t unit_rules_check(const unit_rules_t *r) {
    if (!in_range(r->excellent) || !in_range(r->good) || !in_range(r->pass)) return URC_RANGE;
    if (!(r->pass < r->good && r->good < r->excellent)) return URC_UNORDERED;
    return URC_OK;
}

unit_grade_result_t unit_grade(const unit_rules_t *r, const unit_grade_input_t *in) {
    unit_grade_result_t out = {UG_NONE, UG_NONE, 0};
    if (!in->has_score || !isfinite(in->score)) return out;
    unit_grade_t g = in->score >= r->excellent ? UG_EXCELLENT
                     : in->score >= r->good    ? UG_GOOD
                     : in->score >= r->pass    ? UG_PASS
                                               : UG_FAIL;
    out.by_score = g;
    int down = in->n_downgrades > 0 ? in->n_downgrades : 0;
    int lowered = 0;
    while (down-- > 0 && g > UG_FAIL) {
        g--;
        lowered++;
    }
    if (in->n_vetoes > 0 && g > UG_GOOD) {
        g = UG_GOOD;
        lowered++;
    }
    if (in->is_fail_vetoed && g > UG_FAIL) {
        lowered += (int)(g - UG_FAIL);
        g = UG_FAIL;
    }
    out.grade = g;
    out.n_lowered = lowered;
    return out;
}
