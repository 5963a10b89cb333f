#include "core/balance/balance_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/roster/codes.h"

#define P BAL_PRIMARY
#define J BAL_JUNIOR
#define S BAL_SENIOR
#define W (-1)

/* The bounds are far above any real school (the largest Chinese schools have ~10,000
 * students and ~150 classes per section) so they only catch typos (an extra zero). */
const bal_field_t balance_fields[BF__COUNT] = {
    {"p_students", "小学在校生数", "primary students", "人", P, -1, true, 20000},
    {"p_classes", "小学班级数", "primary classes", "个", P, -1, true, 400},
    {"p_max_class", "小学最大班额", "largest primary class", "人", P, -1, true, 120},
    {"p_teachers", "小学专任教师数", "primary teachers", "人", P, BAL_TEACHERS, true, 2000},
    {"p_teachers_above_degree", "小学专科及以上学历专任教师数", "primary teachers with 专科 or higher", "人", P,
     BAL_TEACHERS_ABOVE_DEGREE, true, 2000},
    {"p_teachers_mid_title", "小学中级及以上职称教师数", "primary teachers with an intermediate+ title", "人", P,
     BAL_TEACHERS_MID_TITLE, true, 2000},
    {"p_backbone_teachers", "小学县级以上骨干教师数", "primary county-level+ backbone teachers", "人", P,
     BAL_BACKBONE_TEACHERS, true, 2000},
    {"p_pe_art_teachers", "小学体育、艺术专任教师数", "primary PE and art teachers", "人", P, BAL_PE_ART_TEACHERS, true,
     2000},
    {"j_students", "初中在校生数", "junior students", "人", J, -1, true, 20000},
    {"j_classes", "初中班级数", "junior classes", "个", J, -1, true, 400},
    {"j_max_class", "初中最大班额", "largest junior class", "人", J, -1, true, 120},
    {"j_teachers", "初中专任教师数", "junior teachers", "人", J, BAL_TEACHERS, true, 2000},
    {"j_teachers_above_degree", "初中本科及以上学历专任教师数", "junior teachers with 本科 or higher", "人", J,
     BAL_TEACHERS_ABOVE_DEGREE, true, 2000},
    {"j_teachers_mid_title", "初中中级及以上职称教师数", "junior teachers with an intermediate+ title", "人", J,
     BAL_TEACHERS_MID_TITLE, true, 2000},
    {"j_backbone_teachers", "初中县级以上骨干教师数", "junior county-level+ backbone teachers", "人", J,
     BAL_BACKBONE_TEACHERS, true, 2000},
    {"j_pe_art_teachers", "初中体育、艺术专任教师数", "junior PE and art teachers", "人", J, BAL_PE_ART_TEACHERS, true,
     2000},
    {"s_students", "高中在校生数（仅用于拆分）", "senior students (for splitting only)", "人", S, -1, true, 20000},
    {"room_area", "教学及辅助用房面积（不含室内体育用房）", "teaching and auxiliary rooms (without indoor PE)", "m²", W,
     BAL_ROOM_AREA, false, 1000000},
    {"sports_area", "体育运动场馆面积", "sports grounds and halls", "m²", W, BAL_SPORTS_AREA, false, 2000000},
    {"equipment_value", "教学仪器设备资产值", "teaching equipment value", "元", W, BAL_EQUIPMENT_VALUE, false, 2e9},
    {"multimedia_rooms", "网络多媒体教室数", "networked multimedia classrooms", "间", W, BAL_MULTIMEDIA_ROOMS, true,
     1000},
    {"computers", "教学用计算机台数", "computers for teaching", "台", W, BAL_COMPUTERS, true, 50000},
    {"books", "图书册数", "books", "册", W, BAL_BOOKS, true, 5000000},
    {"music_rooms", "音乐专用教室数", "music rooms", "间", W, -1, true, 200},
    {"art_rooms", "美术专用教室数", "art rooms", "间", W, -1, true, 200},
    {"certified_teachers", "持教师资格证专任教师数", "teachers holding a teaching certificate", "人", W, -1, true,
     4000},
    {"trained_teachers", "完成5年360学时培训的专任教师数", "teachers who completed 360 hours in 5 years", "人", W, -1,
     true, 4000},
};

int balance_field_parse(const char *name) {
    for (int i = 0; name && i < BF__COUNT; i++)
        if (strcmp(balance_fields[i].name, name) == 0) return i;
    return -1;
}

static const char *bad(const char **field, int f, const char *msg) {
    *field = balance_fields[f].name;
    return msg;
}

const char *balance_stat_validate(arena_t *a, const bal_stat_t *s, unsigned sections, const char **field) {
    for (int f = 0; f < BF__COUNT; f++) {
        const bal_field_t *d = &balance_fields[f];
        double v = s->v[f];
        if (!isfinite(v) || v < 0)
            return bad(field, f, arena_printf(a, "%s 不能为负数 / %s cannot be negative", d->label_zh, d->label_en));
        if (d->is_count && v != floor(v))
            return bad(field, f, arena_printf(a, "%s 应为整数 / %s must be a whole number", d->label_zh, d->label_en));
        if (v > d->max)
            return bad(field, f,
                       arena_printf(a,
                                    "%s 为 %.0f，超出合理范围（≤ %.0f），请检查是否多输了位数 / %s is %.0f, above %.0f",
                                    d->label_zh, v, d->max, d->label_en, v, d->max));
    }
    static const struct {
        int students, classes, max_class, teachers, subs[4];
        unsigned bit;
        const char *zh, *en;
    } secs[] = {
        {BF_P_STUDENTS,
         BF_P_CLASSES,
         BF_P_MAX_CLASS,
         BF_P_TEACHERS,
         {BF_P_ABOVE_DEGREE, BF_P_MID_TITLE, BF_P_BACKBONE, BF_P_PE_ART},
         SECTION_PRIMARY,
         "小学",
         "primary"},
        {BF_J_STUDENTS,
         BF_J_CLASSES,
         BF_J_MAX_CLASS,
         BF_J_TEACHERS,
         {BF_J_ABOVE_DEGREE, BF_J_MID_TITLE, BF_J_BACKBONE, BF_J_PE_ART},
         SECTION_JUNIOR,
         "初中",
         "junior"},
    };
    double all_teachers = 0;
    for (size_t k = 0; k < 2; k++) {
        double st = s->v[secs[k].students], cl = s->v[secs[k].classes], mx = s->v[secs[k].max_class];
        double te = s->v[secs[k].teachers];
        all_teachers += te;
        if (!(sections & secs[k].bit)) {
            bool has_any = st > 0 || cl > 0 || te > 0;
            for (int m = 0; m < 4; m++)
                has_any |= s->v[secs[k].subs[m]] > 0;
            if (has_any)
                return bad(field, secs[k].students,
                           arena_printf(a, "该校办学类型没有%s学段 / the school type has no %s section", secs[k].zh,
                                        secs[k].en));
            continue;
        }
        if (st > 0 && cl <= 0)
            return bad(
                field, secs[k].classes,
                arena_printf(a, "%s有在校生，班级数不能为 0 / %s students need classes", secs[k].zh, secs[k].en));
        if (cl > st)
            return bad(field, secs[k].classes,
                       arena_printf(a, "%s班级数多于在校生数 / more %s classes than students", secs[k].zh, secs[k].en));
        if (mx > 0 && cl > 0 && mx * cl < st)
            return bad(field, secs[k].max_class,
                       arena_printf(a, "%s最大班额 × 班级数小于在校生数 / %s largest class × classes < students",
                                    secs[k].zh, secs[k].en));
        if (mx > st)
            return bad(field, secs[k].max_class,
                       arena_printf(a, "%s最大班额大于在校生数 / %s largest class above the students", secs[k].zh,
                                    secs[k].en));
        if (st > 0 && te <= 0)
            return bad(
                field, secs[k].teachers,
                arena_printf(a, "%s有在校生，专任教师数不能为 0 / %s students need teachers", secs[k].zh, secs[k].en));
        for (int m = 0; m < 4; m++)
            if (s->v[secs[k].subs[m]] > te) {
                const bal_field_t *d = &balance_fields[secs[k].subs[m]];
                return bad(field, secs[k].subs[m],
                           arena_printf(a, "%s不能多于%s专任教师数 / %s cannot exceed the %s teachers", d->label_zh,
                                        secs[k].zh, d->label_en, secs[k].en));
            }
    }
    if (!(sections & SECTION_SENIOR) && s->v[BF_S_STUDENTS] > 0)
        return bad(field, BF_S_STUDENTS, "该校办学类型没有高中学段 / the school type has no senior section");
    if (s->v[BF_CERTIFIED_TEACHERS] > all_teachers)
        return bad(field, BF_CERTIFIED_TEACHERS,
                   "持证教师数不能多于义务教育专任教师总数 / certified teachers cannot exceed the teachers");
    if (s->v[BF_TRAINED_TEACHERS] > all_teachers)
        return bad(field, BF_TRAINED_TEACHERS,
                   "完成培训的教师数不能多于专任教师总数 / trained teachers cannot exceed the teachers");
    return NULL;
}

void balance_stat_to_school(const bal_stat_t *s, const char *id, const char *code, const char *name,
                            const char *county_code, const char *type_code, balance_school_t *out) {
    memset(out, 0, sizeof *out);
    *out = (balance_school_t){.id = id, .code = code, .name = name, .county_code = county_code, .type_code = type_code};
    out->students[P] = s->v[BF_P_STUDENTS];
    out->students[J] = s->v[BF_J_STUDENTS];
    out->students[S] = s->v[BF_S_STUDENTS];
    for (int f = 0; f < BF__COUNT; f++) {
        const bal_field_t *d = &balance_fields[f];
        if (d->res < 0) continue;
        if (d->section == W)
            out->shared[d->res] += s->v[f];
        else
            out->sec[d->section][d->res] += s->v[f];
    }
}

/* ---------------------------------------------------------------- checks */

static int cmp_double(const void *x, const void *y) {
    double p = *(const double *)x, q = *(const double *)y;
    return p < q ? -1 : p > q;
}

static double median(double *v, size_t n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The per-student ratio a field is compared on: section fields per section student, school
 * fields per student of the whole school; -1 when it has no meaning (no students, or the
 * field is a student count itself). */
static double ratio_of(const bal_stat_t *s, int f) {
    const bal_field_t *d = &balance_fields[f];
    if (d->res < 0) return -1;
    double st = d->section == W ? s->v[BF_P_STUDENTS] + s->v[BF_J_STUDENTS] + s->v[BF_S_STUDENTS]
                                : s->v[d->section == P ? BF_P_STUDENTS : BF_J_STUDENTS];
    /* a school under 100 students has per-student ratios dominated by whole teachers and
     * rooms (one PE teacher for 46 pupils is 2.2 per 100): comparing it with the county says
     * nothing, so small schools are not tested for outliers */
    return st >= 100 ? s->v[f] / st : -1;
}

/* A value as people read it: whole numbers above 100, three decimals below. */
static const char *num(arena_t *a, double v) {
    return fabs(v) >= 100 ? arena_printf(a, "%.0f", v) : arena_printf(a, "%.3f", v);
}

static void push(arena_t *a, bal_check_t **out, size_t *n, size_t *cap, bal_check_t c) {
    if (*n == *cap) {
        size_t nc = *cap ? 2 * *cap : 16;
        bal_check_t *g = arena_alloc(a, nc * sizeof *g);
        if (*n) memcpy(g, *out, *n * sizeof *g);
        *out = g;
        *cap = nc;
    }
    (*out)[(*n)++] = c;
}

void balance_checks(arena_t *a, const bal_check_input_t *in, size_t n, bal_check_t **out, size_t *n_out) {
    *out = NULL;
    size_t nc = 0, cap = 0;
    double *v = arena_alloc(a, (n + 1) * sizeof *v), *dev = arena_alloc(a, (n + 1) * sizeof *dev);
    /* outliers against the county: robust z = 0.6745 (x − median) / MAD on the per-student
     * ratio; needs 5 schools with a value, and a MAD above 0 */
    for (int f = 0; f < BF__COUNT; f++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            double r = ratio_of(in[i].now, f);
            if (r >= 0) v[m++] = r;
        }
        if (m < 5) continue;
        double med = median(v, m);
        for (size_t i = 0; i < m; i++)
            dev[i] = fabs(v[i] - med);
        double mad = median(dev, m);
        if (mad <= 1e-12 * (med > 0 ? med : 1)) continue;
        for (size_t i = 0; i < n; i++) {
            double r = ratio_of(in[i].now, f);
            if (r < 0) continue;
            double z = 0.6745 * (r - med) / mad;
            if (fabs(z) <= 3.5) continue;
            const bal_field_t *d = &balance_fields[f];
            push(a, out, &nc, &cap,
                 (bal_check_t){
                     i, "outlier", f, r, med, z,
                     arena_printf(a,
                                  "生均%s %s 与全县中位数 %s 相差很大（稳健 z = %.1f） / %s per student %s is "
                                  "far from the county median %s (robust z %.1f)",
                                  d->label_zh, num(a, r), num(a, med), z, d->label_en, num(a, r), num(a, med), z)});
        }
    }
    /* big jumps from last year (> 50 % either way) on values large enough to matter */
    for (size_t i = 0; i < n; i++) {
        if (!in[i].last) continue;
        for (int f = 0; f < BF__COUNT; f++) {
            const bal_field_t *d = &balance_fields[f];
            double now = in[i].now->v[f], last = in[i].last->v[f];
            if (last < (d->is_count ? 10 : 100)) continue;
            double change = (now - last) / last;
            if (fabs(change) <= 0.5) continue;
            push(a, out, &nc, &cap,
                 (bal_check_t){
                     i, "jump", f, now, last, change,
                     arena_printf(a,
                                  "%s 从上一学年的 %.10g 变为 %.10g（%+.0f%%） / %s changed from %.10g to %.10g "
                                  "(%+.0f%%)",
                                  d->label_zh, last, now, change * 100, d->label_en, last, now, change * 100)});
        }
    }
    /* implausible ratios */
    for (size_t i = 0; i < n; i++) {
        const bal_stat_t *s = in[i].now;
        static const int st[] = {BF_P_STUDENTS, BF_J_STUDENTS}, te[] = {BF_P_TEACHERS, BF_J_TEACHERS};
        for (int k = 0; k < 2; k++)
            if (s->v[te[k]] > 0 && s->v[st[k]] / s->v[te[k]] > 60)
                push(a, out, &nc, &cap,
                     (bal_check_t){i, "implausible", te[k], s->v[st[k]] / s->v[te[k]], 60, 0,
                                   arena_printf(a, "%s生师比 %.0f : 1，高于 60 : 1 / %.0f students per teacher",
                                                k ? "初中" : "小学", s->v[st[k]] / s->v[te[k]],
                                                s->v[st[k]] / s->v[te[k]])});
        double r = ratio_of(s, BF_ROOM_AREA);
        if (r > 60)
            push(a, out, &nc, &cap,
                 (bal_check_t){
                     i, "implausible", BF_ROOM_AREA, r, 60, 0,
                     arena_printf(a, "生均教学及辅助用房 %.0f m²，高于 60 m² / %.0f m² of rooms per student", r, r)});
    }
    *n_out = nc;
}

/* ---------------------------------------------------------------- 政府保障程度, per school */

size_t balance_guarantee(const balance_rules_t *r, const bal_stat_t *s, const char *type_code,
                         bal_guarantee_t out[BAL_MAX_GUARANTEE]) {
    size_t n = 0;
    static const struct {
        int students, max_class, sec;
        const char *key, *zh, *en;
    } cls[] = {
        {BF_P_STUDENTS, BF_P_MAX_CLASS, P, "class_size_primary", "小学最大班额", "largest primary class"},
        {BF_J_STUDENTS, BF_J_MAX_CLASS, J, "class_size_junior", "初中最大班额", "largest junior class"},
    };
    for (int k = 0; k < 2; k++)
        if (s->v[cls[k].students] > 0 && s->v[cls[k].max_class] > 0 && r->g_max_class[cls[k].sec] > 0)
            out[n++] = (bal_guarantee_t){cls[k].key,
                                         cls[k].zh,
                                         cls[k].en,
                                         s->v[cls[k].max_class] <= r->g_max_class[cls[k].sec],
                                         s->v[cls[k].max_class],
                                         r->g_max_class[cls[k].sec]};
    double students = s->v[BF_P_STUDENTS] + s->v[BF_J_STUDENTS];
    bool is_multi = false;
    for (size_t i = 0; type_code && i < r->n_g_multi_types; i++)
        is_multi |= strcmp(r->g_multi_types[i], type_code) == 0;
    double cap = is_multi ? r->g_max_size_multi : r->g_max_size;
    if (students > 0 && cap > 0)
        out[n++] = (bal_guarantee_t){"school_size",   "义务教育阶段规模", "compulsory enrollment",
                                     students <= cap, students,           cap};
    double classes = s->v[BF_P_CLASSES] + s->v[BF_J_CLASSES];
    if (classes > 0 && r->g_classes_per_room > 0) {
        double need = ceil(classes / r->g_classes_per_room);
        out[n++] = (bal_guarantee_t){
            "music_rooms", "音乐专用教室", "music rooms", s->v[BF_MUSIC_ROOMS] >= need, s->v[BF_MUSIC_ROOMS], need};
        out[n++] = (bal_guarantee_t){
            "art_rooms", "美术专用教室", "art rooms", s->v[BF_ART_ROOMS] >= need, s->v[BF_ART_ROOMS], need};
    }
    double teachers = s->v[BF_P_TEACHERS] + s->v[BF_J_TEACHERS];
    if (teachers > 0 && r->g_certified_ratio > 0)
        out[n++] = (bal_guarantee_t){"certified",
                                     "专任教师持证上岗",
                                     "teachers certified",
                                     s->v[BF_CERTIFIED_TEACHERS] >= r->g_certified_ratio * teachers - 1e-9,
                                     s->v[BF_CERTIFIED_TEACHERS],
                                     r->g_certified_ratio * teachers};
    if (teachers > 0 && r->g_trained_ratio > 0)
        out[n++] = (bal_guarantee_t){"trained",
                                     "5年360学时培训完成",
                                     "360 hours in 5 years completed",
                                     s->v[BF_TRAINED_TEACHERS] >= r->g_trained_ratio * teachers - 1e-9,
                                     s->v[BF_TRAINED_TEACHERS],
                                     r->g_trained_ratio * teachers};
    return n;
}
