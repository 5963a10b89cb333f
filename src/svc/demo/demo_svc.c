#include "svc/demo/demo_svc.h"
#include "svc/demo/demo_findings.h"

#include <stdio.h>
#include <string.h>

#include "store/platform/region_store.h"
#include "store/platform/user_store.h"
#include "svc/demo/demo_frameworks.h"
#include "svc/demo/demo_balance.h"
#include "svc/platform/region_svc.h"
#include "svc/demo/demo_visits.h"
#include "svc/roster/roster_svc.h"
#include "svc/roster/school_svc.h"
#include "svc/platform/user_svc.h"
#include "util/timeutil.h"

/* 浙江省 › 湖州市 › 德清县 / 长兴县 and their towns: real GB/T 2260 codes for the province,
 * city and counties; town codes follow the 9-digit GB/T 10114 pattern. */
static const struct {
    const char *code, *name, *level, *parent;
} demo_regions[] = {
    {"330000", "浙江省", "province", NULL},   {"330500", "湖州市", "city", "330000"},
    {"330521", "德清县", "county", "330500"}, {"330522", "长兴县", "county", "330500"},
    {"330521001", "武康街道", "town", "330521"}, {"330521002", "舞阳街道", "town", "330521"},
    {"330521003", "阜溪街道", "town", "330521"}, {"330521101", "乾元镇", "town", "330521"},
    {"330521102", "新市镇", "town", "330521"},   {"330521103", "钟管镇", "town", "330521"},
    {"330521104", "禹越镇", "town", "330521"},   {"330521105", "莫干山镇", "town", "330521"},
    {"330522001", "雉城街道", "town", "330522"}, {"330522002", "画溪街道", "town", "330522"},
    {"330522003", "太湖街道", "town", "330522"}, {"330522101", "泗安镇", "town", "330522"},
    {"330522102", "和平镇", "town", "330522"},   {"330522103", "李家巷镇", "town", "330522"},
    {"330522104", "洪桥镇", "town", "330522"},   {"330522105", "林城镇", "town", "330522"},
};

/* The schools every town has, and the county-level ones; with the towns above this makes
 * 118 schools of all types (幼儿园 to 特教, 公办 and 民办). */
typedef struct demo_school_kind {
    const char *suffix;  /* appended to the town's name */
    const char *type;    /* 办学类型码 */
    const char *section; /* its main section */
    int enrollment, n_classes;
    bool is_private, is_central, is_rural_only, is_urban_only;
} demo_school_kind_t;

static const demo_school_kind_t town_kinds[] = {
    {"中心小学", "211", "primary", 1200, 30, false, true, false, false},
    {"第二小学", "211", "primary", 650, 18, false, false, false, false},
    {"初级中学", "311", "junior", 900, 21, false, false, false, false},
    {"中心幼儿园", "111", "kindergarten", 360, 12, false, false, false, false},
    {"阳光幼儿园", "111", "kindergarten", 180, 6, true, false, false, false},
    {"小学村校教学点", "218", "primary", 46, 4, false, false, true, false},
    {"九年一贯制学校", "312", "primary", 820, 22, false, false, true, false},
    {"育才小学", "211", "primary", 540, 15, true, false, false, true},
};

static const demo_school_kind_t county_kinds[] = {
    {"高级中学", "342", "senior", 2400, 48, false, false, false, false},
    {"第一中学", "341", "senior", 2100, 45, false, false, false, false},
    {"职业中等专业学校", "365", "vocational", 1800, 40, false, false, false, false},
    {"培智学校", "513", "special", 120, 12, false, false, false, false},
    {"实验学校", "312", "primary", 1500, 36, false, false, false, false},
    {"英才外国语学校", "345", "primary", 1300, 36, true, false, false, false},
};

static const char *surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                 "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
static const char *given[] = {"建国", "丽华", "志强", "秀英", "海涛", "静", "文博", "晓燕", "国平", "慧敏",
                              "永强", "红梅", "明", "雪芳", "俊杰"};

static int category_of(const char *type) {
    if (type[0] == '1') return 11;
    if (strcmp(type, "211") == 0 || strcmp(type, "218") == 0) return 21;
    if (strcmp(type, "311") == 0 || strcmp(type, "312") == 0) return 31;
    if (strcmp(type, "341") == 0 || strcmp(type, "342") == 0 || strcmp(type, "345") == 0) return 34;
    if (type[0] == '3' && type[1] == '6') return 36;
    return 51;
}

static err_t *demo_add_school(svc_t *s, arena_t *a, const actor_t *sys, const char *town_code, const char *name,
                              const demo_school_kind_t *k, int seq, int64_t zone_id, int64_t *id_out) {
    school_section_row_t *secs = arena_alloc(a, 2 * sizeof *secs);
    size_t n_secs = 1;
    secs[0] = (school_section_row_t){k->section, k->enrollment, k->n_classes};
    if (strcmp(k->type, "312") == 0 || strcmp(k->type, "345") == 0) { /* 一贯制: a junior section too */
        secs[1] = (school_section_row_t){"junior", k->enrollment / 2, k->n_classes / 2};
        n_secs = 2;
    }
    if (strcmp(k->type, "341") == 0) {
        secs[0] = (school_section_row_t){"junior", k->enrollment / 2, k->n_classes / 2};
        secs[1] = (school_section_row_t){"senior", k->enrollment / 2, k->n_classes / 2};
        n_secs = 2;
    }
    school_t in = {
        .code = arena_printf(a, "%d33%06d", category_of(k->type), seq),
        .name = name,
        .region_code = town_code,
        .type_code = k->type,
        .is_private = k->is_private,
        .is_central = k->is_central,
        .urban_rural_code = town_code[6] == '0' ? "111" : (k->is_rural_only ? "220" : "121"),
        .principal = arena_printf(a, "%s%s", surnames[seq % 20], given[(seq * 7) % 15]),
        .phone = arena_printf(a, "0572-8%06d", 100000 + seq * 37),
        .lat = arena_printf(a, "%.5f", 30.45 + (seq % 17) * 0.021),
        .lng = arena_printf(a, "%.5f", 119.85 + (seq % 13) * 0.027),
        .address = arena_printf(a, "%s学府路 %d 号", name, seq % 90 + 1),
        .status = "open",
        .zone_id = zone_id,
        .sections = secs,
        .n_sections = n_secs,
    };
    school_t out;
    err_t *e = school_svc_create(s, a, sys, &in, &out);
    if (!e) *id_out = out.id;
    return e;
}

err_t *demo_svc_load(svc_t *s, arena_t *a) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    int64_t n_users = 0;
    if ((e = user_store_count(db, a, &n_users))) return e;
    if (n_users > 0)
        return err_new(a, ERR_CONFLICT, NULL, "数据库已有账号，演示数据只能载入空数据库",
                       "the database already has accounts; demo data goes into an empty database");
    actor_t sys = {.username = "system", .role = ROLE_ADMIN, .region_code = "330000", .region_path = "/"};
    for (size_t i = 0; !e && i < sizeof demo_regions / sizeof demo_regions[0]; i++)
        e = region_svc_add_system(s, a, demo_regions[i].code, demo_regions[i].name, demo_regions[i].level,
                                  demo_regions[i].parent);
    if (e) return e;

    /* zones: four per county (城区 + three rural), each ≤ 20 schools */
    static const char *counties[] = {"330521", "330522"};
    static const char *county_names[] = {"德清县", "长兴县"};
    int64_t zones[2][4];
    for (int c = 0; c < 2; c++) {
        static const char *zone_names[] = {"城区责任区", "东部责任区", "西部责任区", "南部责任区"};
        static const char *districts[] = {"城区片", "东片", "西片", "西片"};
        for (int z = 0; z < 4; z++) {
            zone_t out;
            if ((e = zone_svc_create(s, a, &sys, counties[c], zone_names[z], districts[z], &out))) return e;
            zones[c][z] = out.id;
        }
    }

    /* schools: town schools into the town's zone, county schools into the 城区 zone */
    int64_t school_ids[200];
    int n_schools = 0, seq = 100;
    int64_t wukang_school = 0;
    for (size_t t = 0; t < sizeof demo_regions / sizeof demo_regions[0]; t++) {
        if (strcmp(demo_regions[t].level, "town") != 0) continue;
        int c = demo_regions[t].parent[5] == '1' ? 0 : 1;
        bool is_urban = demo_regions[t].code[6] == '0';
        int z = is_urban ? 0 : 1 + (demo_regions[t].code[8] - '0') % 3;
        for (size_t k = 0; k < sizeof town_kinds / sizeof town_kinds[0]; k++) {
            if ((town_kinds[k].is_rural_only && is_urban) || (town_kinds[k].is_urban_only && !is_urban)) continue;
            const char *name = arena_printf(a, "%s%s%s", county_names[c], demo_regions[t].name, town_kinds[k].suffix);
            if ((e = demo_add_school(s, a, &sys, demo_regions[t].code, name, &town_kinds[k], seq++, zones[c][z],
                                     &school_ids[n_schools])))
                return e;
            if (strcmp(demo_regions[t].code, "330521001") == 0 && k == 0) wukang_school = school_ids[n_schools];
            n_schools++;
        }
    }
    for (int c = 0; c < 2; c++)
        for (size_t k = 0; k < sizeof county_kinds / sizeof county_kinds[0]; k++) {
            const char *town = c == 0 ? "330521002" : "330522002";
            const char *name = arena_printf(a, "%s%s", county_names[c], county_kinds[k].suffix);
            if ((e = demo_add_school(s, a, &sys, town, name, &county_kinds[k], seq++, zones[c][1 + k % 3],
                                     &school_ids[n_schools++])))
                return e;
        }

    /* inspectors: 15 a county — 3 专职, 10 兼职, 2 特聘 — with a few roster warnings built in */
    int64_t inspector_ids[30];
    static const char *kinds[] = {"full_time", "full_time", "full_time", "part_time", "part_time",
                                  "part_time", "part_time", "part_time", "part_time", "part_time",
                                  "part_time", "part_time", "part_time", "special",   "special"};
    static const char *employers[] = {"县教育局督导室", "县教育局督导室", "县教研室", "县实验小学", "县第二中学",
                                      "县教师发展中心", "城关幼儿园", "县职业中专", "退休校长", "退休教师",
                                      "县第一中学", "县教育局", "县少年宫", "湖州师范学院", "县人大教科文卫工委"};
    for (int c = 0; c < 2; c++)
        for (int i = 0; i < 15; i++) {
            int n = c * 15 + i;
            inspector_t in = {
                .cert_no = arena_printf(a, "ZJ%s-%03d", counties[c], i + 1),
                .name = arena_printf(a, "%s%s", surnames[(n * 3 + 1) % 20], given[(n * 5 + 2) % 15]),
                .kind = kinds[i],
                .region_code = counties[c],
                .employer = employers[i],
                .post = i < 3 ? "专职督学" : "责任督学",
                .degree = n % 11 == 10 ? "associate" : (n % 4 == 0 ? "master" : "bachelor"),
                .years_in_education = 8 + (n * 7) % 25,
                .appointed_on = "2024-09-01",
                .term_start = "2024-09-01",
                .term_end = n % 9 == 4 ? "2026-12-31" : "2027-08-31",
                .n_terms = n % 13 == 7 ? 4 : 1 + n % 3,
                .training_hours = n % 6 == 5 ? 24 : 40 + n % 20,
                .status = "active",
                .phone = arena_printf(a, "13%09d", 705720000 + n * 1371),
            };
            inspector_t out;
            if ((e = inspector_svc_create(s, a, &sys, &in, &out))) return e;
            inspector_ids[n] = out.id;
        }

    /* 挂牌: round-robin within each county; the last schools of each county stay uncovered (the
     * coverage gaps), one inspector carries six schools (a warning), and one declared 回避
     * relation sits on a gap school. */
    int per_county = n_schools / 2;
    (void)per_county;
    int counts[30] = {0};
    for (int i = 0; i < n_schools; i++) {
        school_t sch;
        school_scope_t all = {.region_path = "/"};
        if ((e = school_store_get(db, a, &all, school_ids[i], &sch))) return e;
        int c = strcmp(sch.county_code, "330521") == 0 ? 0 : 1;
        int base = c * 15;
        /* gaps: every 29th school */
        if (i % 29 == 28) continue;
        int k = base + (counts[base] >= 6 ? 1 + i % 14 : 0);
        if (counts[base] < 6) k = base; /* the first inspector collects six */
        while (counts[k] >= 5 && k != base) k = base + 1 + (k - base) % 14;
        assignment_t x;
        assign_result_t res;
        if ((e = assignment_svc_create(s, a, &sys, inspector_ids[k], school_ids[i], "lead", "2024-09-01", &x, &res)))
            return e;
        counts[k]++;
        if (sch.is_central && i % 2 == 0) { /* most central schools get a second inspector */
            int m = base + 1 + (i + 5) % 14;
            if ((e = assignment_svc_create(s, a, &sys, inspector_ids[m], school_ids[i], "member", "2024-09-01", &x,
                                           &res)))
                return e;
        }
    }
    if ((e = inspector_svc_add_relation(s, a, &sys, inspector_ids[3], school_ids[28], "relative_of_principal",
                                        "配偶任该校校长")))
        return e;

    /* accounts: one per role; the inspector account is 督学 no. 1 of 德清县 (six schools) */
    static const struct {
        const char *username, *display_name, *role, *region;
    } demo_users[] = {
        {"admin", "王督导（市督导室）", "admin", "330500"},
        {"admin_dq", "李管理（德清县督导室）", "admin", "330521"},
        {"inspector", NULL, "inspector", "330521"},
        {"school", "武康街道中心小学校办", "school", "330521001"},
        {"leader", "赵局长", "leader", "330500"},
        {"auditor", "孙审计", "auditor", "330500"},
    };
    for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
        inspector_t ins;
        assign_limits_t l;
        bool is_inspector = strcmp(demo_users[i].role, "inspector") == 0;
        if (is_inspector && (e = inspector_svc_get(s, a, &sys, inspector_ids[0], &ins, &l))) return e;
        bool is_school = strcmp(demo_users[i].role, "school") == 0;
        user_input_t in = {
            .username = demo_users[i].username,
            .display_name = is_inspector ? arena_printf(a, "%s（督学）", ins.name) : demo_users[i].display_name,
            .role = demo_users[i].role,
            .region_code = demo_users[i].region,
            .has_school_id = true,
            .school_id = is_school ? wukang_school : 0,
            .is_disabled = 0,
            .password = DEMO_PASSWORD,
        };
        user_t u;
        if ((e = user_svc_create_system(s, a, &in, &u))) return e;
        if (is_inspector) {
            ins.user_id = u.id;
            inspector_t out;
            if ((e = inspector_svc_update(s, a, &sys, ins.id, &ins, &out))) return e;
        }
    }
    if ((e = demo_frameworks_load(s, a))) return e;
    if ((e = demo_visits_load(s, a))) return e;
    if ((e = demo_findings_load(s, a))) return e;
    if ((e = demo_balance_load(s, a))) return e;
    return NULL;
}
