#include "svc/demo_svc.h"

#include "store/region_store.h"
#include "store/school_store.h"
#include "store/user_store.h"
#include "svc/user_svc.h"
#include "util/timeutil.h"

/* 浙江省 › 湖州市 › 德清县 / 长兴县 with some of their towns: real GB/T 2260 codes for the
 * province, city and counties; town codes follow the 9-digit pattern. */
static const struct {
    const char *code, *name, *level, *parent;
} demo_regions[] = {
    {"330000", "浙江省", "province", NULL},
    {"330500", "湖州市", "city", "330000"},
    {"330521", "德清县", "county", "330500"},
    {"330522", "长兴县", "county", "330500"},
    {"330521001", "武康街道", "town", "330521"},
    {"330521002", "舞阳街道", "town", "330521"},
    {"330521101", "乾元镇", "town", "330521"},
    {"330521102", "新市镇", "town", "330521"},
    {"330522001", "雉城街道", "town", "330522"},
    {"330522002", "画溪街道", "town", "330522"},
    {"330522101", "泗安镇", "town", "330522"},
    {"330522102", "和平镇", "town", "330522"},
};

static const struct {
    const char *code, *name, *region;
} demo_schools[] = {
    {"2133000101", "德清县武康第一小学", "330521001"},
    {"3133000102", "德清县舞阳中学", "330521002"},
    {"2133000103", "德清县乾元镇中心小学", "330521101"},
    {"3133000104", "德清县新市镇初级中学", "330521102"},
    {"2133000201", "长兴县雉城中心小学", "330522001"},
    {"3133000202", "长兴县画溪中学", "330522002"},
    {"1133000203", "长兴县泗安镇中心幼儿园", "330522101"},
};

static const struct {
    const char *username, *display_name, *role, *region;
    int school; /* index+1 into demo_schools, 0 none */
} demo_users[] = {
    {"admin", "王督导（市督导室）", "admin", "330500", 0},
    {"admin_dq", "李管理（德清县督导室）", "admin", "330521", 0},
    {"inspector", "陈督学", "inspector", "330521", 0},
    {"school", "武康第一小学校办", "school", "330521001", 1},
    {"leader", "赵局长", "leader", "330500", 0},
    {"auditor", "孙审计", "auditor", "330500", 0},
};

err_t *demo_svc_load(svc_t *s, arena_t *a) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    int64_t n_users = 0;
    if ((e = user_store_count(db, a, &n_users))) return e;
    if (n_users > 0)
        return err_new(a, ERR_CONFLICT, NULL, "数据库已有账号，演示数据只能载入空数据库",
                       "the database already has accounts; demo data goes into an empty database");
    if ((e = db_begin(db, a))) return e;
    int64_t now = time_now();
    int64_t school_ids[sizeof demo_schools / sizeof demo_schools[0]];
    for (size_t i = 0; !e && i < sizeof demo_regions / sizeof demo_regions[0]; i++)
        e = region_store_insert(db, a, demo_regions[i].code, demo_regions[i].name, demo_regions[i].level,
                                demo_regions[i].parent);
    for (size_t i = 0; !e && i < sizeof demo_schools / sizeof demo_schools[0]; i++)
        e = school_store_insert_min(db, a, demo_schools[i].code, demo_schools[i].name, demo_schools[i].region, now,
                                &school_ids[i]);
    if (!e) e = svc_audit(db, a, NULL, "create", "demo", NULL, "330000", NULL, NULL);
    if ((e = svc_end(db, a, e))) return e;
    for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
        user_input_t in = {
            .username = demo_users[i].username,
            .display_name = demo_users[i].display_name,
            .role = demo_users[i].role,
            .region_code = demo_users[i].region,
            .has_school_id = true,
            .school_id = demo_users[i].school ? school_ids[demo_users[i].school - 1] : 0,
            .is_disabled = 0,
            .password = DEMO_PASSWORD,
        };
        user_t u;
        if ((e = user_svc_create_system(s, a, &in, &u))) return e;
    }
    return NULL;
}
