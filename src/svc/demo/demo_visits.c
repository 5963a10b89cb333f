#include "svc/demo/demo_visits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/platform/region_store.h"
#include "store/visits/task_store.h"
#include "store/platform/user_store.h"
#include "svc/platform/attachment_svc.h"
#include "svc/frameworks/checklist.h"
#include "svc/visits/task_svc.h"
#include "svc/visits/visit_svc.h"
#include "util/timeutil.h"

/* The actor of a demo account, as a login would make it. */
static err_t *demo_actor(db_t *db, arena_t *a, const char *username, actor_t *out) {
    user_t u;
    bool found = false;
    err_t *e = user_store_find_login(db, a, username, &u, &found);
    if (e) return e;
    if (!found)
        return err_newf(a, ERR_NOT_FOUND, NULL, "演示账号 %s 不存在", "demo account %s missing", username, username);
    region_t r;
    if ((e = region_store_get(db, a, "/", u.region_code, &r))) return e;
    *out = (actor_t){.user_id = u.id,
                     .username = u.username,
                     .role = role_parse(u.role),
                     .region_code = u.region_code,
                     .region_path = r.path,
                     .school_id = u.school_id};
    return NULL;
}

/* Last month's answers for school i of the demo inspector: mostly good, one problem found
 * (campus safety, with its note) and one item flagged for follow-up. */
static json_t *demo_answers(int i) {
    static const char *const levels[] = {"good", "good", "fair", "good", "fair", "good", "good", "fair"};
    json_t *ans = json_object();
    for (int k = 0; k < 8; k++) {
        char code[8];
        snprintf(code, sizeof code, "R%d", k + 1);
        json_object_set_new(ans, code, json_pack("{s:s}", "value", levels[(k + i) % 8]));
    }
    if (i == 1)
        json_object_set_new(
            ans, "R6",
            json_pack("{s:s, s:s}", "value", "problem", "note", "放学时段校门口护学岗无人值守，家长车辆占用消防通道"));
    if (i == 2)
        json_object_set_new(
            ans, "R7",
            json_pack("{s:s, s:b, s:s}", "value", "fair", "flag", 1, "note", "食堂留样记录缺 11 月 18 日午餐，需复查"));
    if (i == 3)
        json_object_set_new(
            ans, "R4",
            json_pack("{s:s, s:s}", "value", "problem", "note", "五年级书面作业抽查平均 85 分钟，超过 60 分钟上限"));
    return ans;
}

/* "YYYY-MM" of the month before today's (Asia/Shanghai), and a day in it. */
static void previous_month(const char *today, char *month, size_t n) {
    int y = atoi(today), m = atoi(today + 5);
    if (--m == 0) m = 12, y--;
    if (y < 2000 || y > 9999 || m < 1 || m > 12) y = 2000, m = 1;
    snprintf(month, n, "%04d-%02d", y % 10000, m % 100);
}

static err_t *demo_last_month(svc_t *s, arena_t *a, db_t *db, const actor_t *insp, const actor_t *office,
                              const char *month, int64_t inspector_id) {
    task_gen_stats_t st;
    actor_t sys = {.username = "system", .role = ROLE_ADMIN, .region_code = "", .region_path = "/"};
    err_t *e = task_svc_generate_routine_in(s, a, &sys, month, &st);
    int64_t task_id = 0;
    if (!e) e = task_store_find_routine(db, a, inspector_id, month, &task_id);
    task_t t;
    if (!e) e = task_store_get(db, a, &(task_scope_t){.region_path = "/"}, task_id, &t);
    if (e) return e;
    int64_t first_problem = 0;
    for (size_t i = 0; i < t.n_targets_loaded; i++) {
        const task_target_row_t *g = &t.targets[i];
        int64_t vid;
        if ((e = visit_svc_open(s, a, insp, g->id, &vid))) return e;
        double lat = g->school_lat ? strtod(g->school_lat, NULL) : 30.54,
               lng = g->school_lng ? strtod(g->school_lng, NULL) : 119.96;
        json_t *ans = demo_answers((int)i);
        if (!(e = visit_svc_checkin(s, a, insp, vid, lat + 0.0002 * (double)(i + 1), lng, 15)))
            e = visit_svc_save(s, a, insp, vid, ans, "学校管理总体规范，师生精神面貌良好。", true, -1);
        json_decref(ans);
        if (!e) e = visit_svc_submit(s, a, insp, vid);
        if (e) return e;
        /* the visit happened on a working day of last month, not today */
        int64_t day;
        char date[32];
        snprintf(date, sizeof date, "%.7s-%02d", month, (3 + (int)i * 3) % 28 + 1);
        if (!time_parse_date(date, &day)) continue;
        int64_t at = day + 1 * 3600 + (int64_t)i * 600; /* 09:00 Beijing time and on */
        if ((e = db_query(db, a,
                          "UPDATE visit SET visit_date = $2, checkin_at = $3, submitted_at = $4, created_at = $3, "
                          "updated_at = $4 WHERE id = $1",
                          DB_P(DBV_I(vid), DBV_S(date), DBV_I(at), DBV_I(at + 2 * 3600)), NULL)))
            return e;
        if (i == 1) first_problem = vid;
    }
    if (first_problem) {
        char today[16], deadline[16];
        time_today_cn(today, sizeof today);
        int64_t t0;
        time_parse_date(today, &t0);
        time_format_iso(t0 + 30 * 86400, deadline, sizeof deadline);
        deadline[10] = '\0';
        visit_document_t d;
        e = visit_svc_issue_opinion(s, a, office, first_problem,
                                    "该校办学行为总体规范，制度健全，校务公开到位。校园安全管理存在薄弱环节，"
                                    "上下学时段护学岗落实不到位，须立即整改。",
                                    deadline, NULL, &d);
    }
    return e;
}

err_t *demo_visits_load(svc_t *s, arena_t *a) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    actor_t insp, office, school;
    if (e || (e = demo_actor(db, a, "inspector", &insp)) || (e = demo_actor(db, a, "admin_dq", &office)) ||
        (e = demo_actor(db, a, "school", &school)))
        return e;
    db_rows_t r;
    if ((e = db_query(db, a, "SELECT id FROM inspector WHERE user_id = $1", DB_P(DBV_I(insp.user_id)), &r))) return e;
    int64_t me = db_scalar_int(&r, 0);
    if ((e = db_query(db, a,
                      "SELECT id FROM inspector WHERE region_code = '330521' AND id <> $1 AND status = 'active' "
                      "ORDER BY id LIMIT 3",
                      DB_P(DBV_I(me)), &r)))
        return e;
    if (r.n_rows < 3) return err_new(a, ERR_INTERNAL, NULL, "演示督学不足", "too few demo inspectors");
    int64_t others[3] = {db_cell_int(&r, 0, 0), db_cell_int(&r, 1, 0), db_cell_int(&r, 2, 0)};

    char today[16], month[16], last[16];
    time_today_cn(today, sizeof today);
    snprintf(month, sizeof month, "%.7s", today);
    previous_month(today, last, sizeof last);
    if ((e = demo_last_month(s, a, db, &insp, &office, last, me))) return e;
    if ((e = task_svc_generate_routine(s, a, month))) return e;

    /* the inspector's primary and junior schools (双减 concerns 义务教育) */
    if ((e = db_query(db, a,
                      "SELECT x.school_id FROM assignment x JOIN school s ON s.id = x.school_id WHERE x.inspector_id = "
                      "$1 AND x.ends_on IS NULL AND x.role = 'lead' AND s.type_code IN ('211', '218', '311', '312') "
                      "ORDER BY x.school_id",
                      DB_P(DBV_I(me)), &r)))
        return e;
    int64_t mine[8];
    size_t n_mine = r.n_rows < 8 ? r.n_rows : 8;
    for (size_t i = 0; i < n_mine; i++)
        mine[i] = db_cell_int(&r, i, 0);
    if (n_mine < 3)
        return err_new(a, ERR_INTERNAL, NULL, "演示督学挂牌学校不足", "the demo inspector holds too few schools");

    char due[16];
    int64_t t0;
    time_parse_date(today, &t0);
    time_format_iso(t0 + 14 * 86400, due, sizeof due);
    due[10] = '\0';
    int64_t fv = 0;
    if (checklist_current_version(db, a, "shuangjian", &fv)) fv = 0; /* the 双减 checklist, else the routine one */
    task_member_in_t sj_team[] = {{me, "leader"}, {others[0], "member"}};
    task_input_t sj = {.kind = "special",
                       .title = "“双减”及五项管理专项督导（四不两直）",
                       .notice_mode = "unannounced",
                       .framework_version_id = fv,
                       .starts_on = today,
                       .due_on = due,
                       .description =
                           "按《关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见》（中办发〔2021〕40号）"
                           "检查作业总量、课后服务、睡眠、手机、体质管理；不发通知、不打招呼、直奔现场。",
                       .members = sj_team,
                       .n_members = 2,
                       .school_ids = mine,
                       .n_schools = n_mine < 3 ? n_mine : 3};
    task_t out;
    if ((e = task_svc_create(s, a, &office, &sj, &out))) return e;

    /* 综合督导 of the demo school: notice sent, self-evaluation uploaded, now on site */
    time_format_iso(t0 + 30 * 86400, due, sizeof due);
    due[10] = '\0';
    task_member_in_t team[] = {{me, "leader"}, {others[1], "member"}, {others[2], "member"}};
    int64_t target = school.school_id;
    task_input_t zh = {.kind = "comprehensive",
                       .title = "武康街道中心小学综合督导（办学水平评估）",
                       .due_on = due,
                       .starts_on = today,
                       .description = "依据《义务教育学校管理标准》对学校办学行为和管理水平进行综合督导。",
                       .members = team,
                       .n_members = 3,
                       .school_ids = &target,
                       .n_schools = 1};
    if ((e = task_svc_create(s, a, &office, &zh, &out)) ||
        (e = task_svc_complete_step(s, a, &office, out.id, "notice",
                                    "定于本月下旬对你校开展综合督导，请于一周内完成自评并上传自评报告。", 0, &out)))
        return e;
    static const char pdf[] =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
        "endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    attachment_in_t in = {.school_id = target,
                          .owner_kind = "self_evaluation",
                          .name = "学校自评报告.pdf",
                          .data = pdf,
                          .n = sizeof pdf - 1};
    attachment_t att;
    if ((e = attachment_svc_put(s, a, &school, &in, &att))) return e;
    return task_svc_complete_step(s, a, &school, out.id, "self_eval", "学校已完成自评：自评等级良好，存在问题 3 项。",
                                  att.id, &out);
}
