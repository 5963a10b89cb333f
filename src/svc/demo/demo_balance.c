#include "svc/demo/demo_balance.h"

#include <math.h>
#include <string.h>

#include "core/balance/balance_data.h"
#include "store/balance/balance_store.h"
#include "store/roster/school_store.h"
#include "svc/balance/balance_svc.h"

/* A deterministic value in [lo, hi) from a seed. */
static double vary(unsigned seed, double lo, double hi) {
    seed = seed * 2654435761u + 0x9e3779b9u;
    seed ^= seed >> 15;
    seed *= 2246822519u;
    seed ^= seed >> 13;
    return lo + (hi - lo) * (double)(seed % 10000) / 10000.0;
}

/* Factors against the thresholds, per 优质均衡 indicator, for the schools that fall short. */
typedef struct demo_weak {
    const char *name_part; /* inside the school name */
    double f[7];           /* 0 = as the others */
} demo_weak_t;

static const demo_weak_t weak[] = {
    {"长兴县泗安镇九年一贯制", {0, 0, 0.78, 0, 0.70, 0, 0}}, /* PE teachers and sports ground short */
    {"长兴县和平镇初级中学", {0, 0, 0, 0, 0, 0.78, 0}},      /* equipment at 78 % */
    {"长兴县林城镇中心小学", {0, 0.88, 0, 0, 0, 0, 0.90}},   /* backbone teachers and multimedia rooms */
    {"长兴县第一中学", {0, 0, 0, 0, 0, 4.2, 0}},             /* a well-funded school: equipment ×4.2 */
};

static void fill_section(bal_stat_t *st, const balance_rules_t *r, int sec, double students, double classes,
                         const double *f, double shared[6], unsigned seed) {
    static const int base_p[] = {BF_P_STUDENTS,     BF_P_CLASSES,   BF_P_MAX_CLASS, BF_P_TEACHERS,
                                 BF_P_ABOVE_DEGREE, BF_P_MID_TITLE, BF_P_BACKBONE,  BF_P_PE_ART};
    static const int base_j[] = {BF_J_STUDENTS,     BF_J_CLASSES,   BF_J_MAX_CLASS, BF_J_TEACHERS,
                                 BF_J_ABOVE_DEGREE, BF_J_MID_TITLE, BF_J_BACKBONE,  BF_J_PE_ART};
    const int *b = sec == BAL_PRIMARY ? base_p : base_j;
    st->v[b[0]] = students;
    st->v[b[1]] = classes;
    st->v[b[2]] = ceil(students / classes) + (seed % 4);
    double teachers = ceil(students / (sec == BAL_PRIMARY ? vary(seed + 1, 15.5, 17.5) : vary(seed + 1, 11.5, 13)));
    st->v[b[3]] = teachers;
    double t[7];
    for (int k = 0; k < 7; k++)
        t[k] = r->quality[k].threshold[sec];
    st->v[b[4]] = fmin(teachers, ceil(t[0] * f[0] * students / 100));
    st->v[b[5]] = ceil(teachers * vary(seed + 2, 0.42, 0.62));
    st->v[b[6]] = ceil(t[1] * f[1] * students / 100);
    st->v[b[7]] = ceil(t[2] * f[2] * students / 100);
    shared[0] += t[3] * f[3] * students;
    shared[1] += t[4] * f[4] * students;
    shared[2] += t[5] * f[5] * students;
    shared[3] += t[6] * f[6] * students / 100;
    shared[4] += students * vary(seed + 3, 0.11, 0.16);
    shared[5] += students * (sec == BAL_PRIMARY ? vary(seed + 4, 28, 40) : vary(seed + 4, 38, 52));
}

err_t *demo_balance_load(svc_t *s, arena_t *a) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    actor_t sys = {.username = "system", .role = ROLE_ADMIN, .region_code = "330000", .region_path = "/"};
    balance_school_row_t *rows;
    size_t n;
    if ((e = balance_store_schools(db, a, "/", "330500", NULL, 0, 2025, &rows, &n))) return e;
    balance_rules_t r;
    if ((e = balance_svc_rules(NULL, a, "330521", &r))) return e;
    for (size_t i = 0; i < n; i++) {
        const balance_school_row_t *x = &rows[i];
        bool is_included = false;
        for (size_t k = 0; k < r.n_include_types; k++)
            is_included |= strcmp(r.include_types[k], x->type_code) == 0;
        if (!is_included) continue;
        school_t sch;
        school_scope_t all = {.region_path = "/"};
        if ((e = school_store_get(db, a, &all, x->school_id, &sch))) return e;
        bool is_cx = strcmp(x->county_code, "330522") == 0;
        for (int year = 2024; year <= 2025; year++) {
            if (year == 2025 && strstr(x->name, "长兴县洪桥镇第二小学")) continue; /* has not reported yet */
            bal_stat_t st;
            memset(&st, 0, sizeof st);
            double need[2][6] = {{0}};
            double grow = year == 2025 ? 1.0 : (is_cx ? 0.93 : 0.96), roll = year == 2025 ? 1.0 : 0.98;
            for (size_t k = 0; k < sch.n_sections; k++) {
                int sec = strcmp(sch.sections[k].section, "primary") == 0  ? BAL_PRIMARY
                          : strcmp(sch.sections[k].section, "junior") == 0 ? BAL_JUNIOR
                                                                           : -1;
                double students = round((double)sch.sections[k].enrollment * roll);
                double classes = (double)sch.sections[k].n_classes;
                if (sec < 0) {
                    if (strcmp(sch.sections[k].section, "senior") == 0) st.v[BF_S_STUDENTS] = students;
                    continue;
                }
                if (classes <= 0) classes = ceil(students / 40);
                unsigned seed = (unsigned)(x->school_id * 131 + (unsigned)sec * 17);
                double f[7];
                for (int q = 0; q < 7; q++)
                    f[q] = vary(seed + 10 + (unsigned)q, 1.12, 1.55) * grow;
                f[0] = vary(seed + 9, 1.03, 1.25); /* degrees are capped by the number of teachers */
                for (size_t w = 0; w < sizeof weak / sizeof weak[0]; w++)
                    if (strstr(x->name, weak[w].name_part))
                        for (int q = 0; q < 7; q++)
                            if (weak[w].f[q] > 0) f[q] = weak[w].f[q] * (q == 5 && weak[w].f[q] > 2 ? 1 : grow);
                fill_section(&st, &r, sec, students, classes, f, need[sec], seed);
            }
            /* one building serves every section: the school has what its neediest section's
             * share requires (as split by weighted enrollment, core/balance/balance.c) */
            balance_school_t bs = {.type_code = x->type_code,
                                   .students = {st.v[BF_P_STUDENTS], st.v[BF_J_STUDENTS], st.v[BF_S_STUDENTS]}};
            double shared[6] = {0};
            for (int sec = 0; sec < 2; sec++) {
                double share = balance_split_share(&r, &bs, (bal_section_t)sec);
                for (int k = 0; share > 0 && k < 6; k++)
                    if (need[sec][k] / share > shared[k]) shared[k] = need[sec][k] / share;
            }
            st.v[BF_ROOM_AREA] = round(shared[0]);
            st.v[BF_SPORTS_AREA] = round(shared[1]);
            st.v[BF_EQUIPMENT_VALUE] = round(shared[2] / 1000) * 1000;
            st.v[BF_MULTIMEDIA_ROOMS] = ceil(shared[3]);
            st.v[BF_COMPUTERS] = ceil(shared[4]);
            st.v[BF_BOOKS] = round(shared[5]);
            if (year == 2024 && strstr(x->name, "德清县乾元镇中心小学")) st.v[BF_BOOKS] = round(st.v[BF_BOOKS] / 1.8);
            double classes = st.v[BF_P_CLASSES] + st.v[BF_J_CLASSES];
            st.v[BF_MUSIC_ROOMS] = ceil(classes / 12);
            st.v[BF_ART_ROOMS] = ceil(classes / 12);
            double teachers = st.v[BF_P_TEACHERS] + st.v[BF_J_TEACHERS];
            st.v[BF_CERTIFIED_TEACHERS] = teachers;
            st.v[BF_TRAINED_TEACHERS] = teachers - (double)(x->school_id % 3);
            json_t *values = json_object();
            for (int f = 0; f < BF__COUNT; f++)
                json_object_set_new(values, balance_fields[f].name, json_real(st.v[f]));
            json_t *out = NULL;
            e = balance_svc_stat_put(s, a, &sys, x->school_id, year, values, &out);
            json_decref(values);
            json_decref(out);
            if (e)
                return err_newf(a, e->code, e->field, "演示数据 %s：%s", "demo data %s: %s", x->name, e->message,
                                x->name, e->message);
        }
    }
    return NULL;
}
