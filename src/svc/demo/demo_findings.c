/* Demo data of the rectification loop, on top of the platform demo (demo_svc.c calls this
 * once its accounts exist): findings in every state at the demo inspector's schools, some
 * overdue with their 督办单 and a 约谈 flag, a pending extension, complaints, a 问责 record and
 * a 约谈, and a published 通报 — made through the same use cases the API calls, so every row
 * has its events and audit trail. Overdue cases are backdated after issue (issuing refuses a
 * deadline in the past), then the day's ladder runs. */
#include "svc/demo/demo_findings.h"

#include <string.h>

#include "svc/findings/accountability_svc.h"
#include "svc/findings/bulletin_svc.h"
#include "svc/findings/complaint_svc.h"
#include "svc/findings/finding_jobs.h"
#include "svc/findings/finding_svc.h"
#include "util/timeutil.h"

static err_t *demo_actor(db_t *db, arena_t *a, const char *username, actor_t *out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT u.id, u.role, u.region_code, g.path, u.school_id FROM app_user u JOIN region g ON "
                        "g.code = u.region_code WHERE u.username = $1",
                        DB_P(DBV_S(username)), &r);
    if (e) return e;
    if (!r.n_rows)
        return err_newf(a, ERR_INTERNAL, NULL, "演示账号 %s 不存在", "demo account %s missing", username, username);
    *out = (actor_t){.user_id = db_cell_int(&r, 0, 0),
                     .username = username,
                     .role = role_parse(db_cell(&r, 0, 1)),
                     .region_code = db_cell(&r, 0, 2),
                     .region_path = db_cell(&r, 0, 3),
                     .school_id = db_cell_int(&r, 0, 4),
                     .ip = "127.0.0.1"};
    return NULL;
}

typedef struct demo_case {
    int school; /* index into the inspector's schools */
    const char *severity, *category, *indicator_code, *indicator_text, *description, *requirement;
    const char *end; /* draft issued rectifying returned submitted closed voided extension late2 late10 late25 */
} demo_case_t;

static const demo_case_t cases[] = {
    {0, "serious", "安全", "B2.1", "校园安全管理", "消防通道被自行车、杂物堵塞，应急照明灯 2 处损坏", NULL, "closed"},
    {0, "general", "五项管理", "C3.2", "作业管理", "三年级语文书面作业量超出规定，家长反映每日超过 1 小时", NULL,
     "submitted"},
    {0, "red_line", "食品安全", "B4.1", "食堂管理", "食堂留样不足 48 小时，留样记录缺失", NULL, "late10"},
    {1, "severe", "双减", "C1.1", "课后服务", "课后服务收费未经备案，存在按学科分班教学", NULL, "late25"},
    {1, "general", "办学行为", "A2.3", "招生管理", "招生简章未在县教育局网站公示", NULL, "closed"},
    {1, "serious", "安全", "B2.3", "校舍安全", "教学楼三楼走廊栏杆高度不足 1.1 米", NULL, "returned"},
    {2, "general", "五项管理", "C3.4", "睡眠管理", "早读时间早于 7:30，与睡眠管理要求不符", NULL, "rectifying"},
    {2, "serious", "收费", "A3.1", "收费管理", "代收校服费未公示收费标准和依据", NULL, "late2"},
    {2, "general", "安全", "B2.1", "校园安全管理", "门卫值班记录不完整，外来人员登记不全", NULL, "closed"},
    {3, "severe", "安全", "B2.4", "设施设备", "实验室危化品未双人双锁管理", NULL, "extension"},
    {3, "general", "五项管理", "C3.5", "读物管理", "图书室存有未经审核的课外读物", NULL, "issued"},
    {3, "serious", "安全", "B2.1", "校园安全管理", "校园监控存在 3 处盲区", NULL, "issued"},
    {4, "general", "办学行为", "A2.1", "课程设置", "体育与健康课时不足，每周少于 3 课时", NULL, "draft"},
    {4, "serious", "食品安全", "B4.2", "食堂管理", "食堂从业人员 2 人健康证过期", NULL, "draft"},
    {5, "general", "安全", "B2.1", "校园安全管理", "安全教育台账未按月更新", NULL, "voided"},
    {5, "general", "双减", "C1.2", "作业公示", "作业公示制度未落实", NULL, "submitted"},
};

/* Moves an issued finding into the past: its deadline, its issue time, and the history that
 * says so (so the page's timeline agrees with the finding). */
static err_t *demo_backdate(db_t *db, arena_t *a, int64_t id, const char *deadline, int64_t issued_at) {
    err_t *e = db_query(db, a, "UPDATE finding SET deadline = $2, original_deadline = $2, issued_at = $3, created_at = "
                               "$4 WHERE id = $1",
                        DB_P(DBV_I(id), DBV_S(deadline), DBV_I(issued_at), DBV_I(issued_at - 86400)), NULL);
    db_rows_t r;
    if (!e) e = db_query(db, a, "SELECT notice_no FROM finding WHERE id = $1", DB_P(DBV_I(id)), &r);
    if (!e)
        e = db_query(db, a,
                     "UPDATE finding_event SET at = $2, data_json = $3 WHERE finding_id = $1 AND kind = 'issued'",
                     DB_P(DBV_I(id), DBV_I(issued_at),
                          DBV_S(arena_printf(a, "{\"deadline\":\"%s\",\"notice_no\":\"%s\"}", deadline,
                                             db_cell(&r, 0, 0)))),
                     NULL);
    if (!e)
        e = db_query(db, a, "UPDATE finding_event SET at = $2 WHERE finding_id = $1 AND kind = 'created'",
                     DB_P(DBV_I(id), DBV_I(issued_at - 86400)), NULL);
    return e;
}

err_t *demo_findings_load(svc_t *s, arena_t *a) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    actor_t admin, inspector, school, leader;
    if ((e = demo_actor(db, a, "admin_dq", &admin)) || (e = demo_actor(db, a, "inspector", &inspector)) ||
        (e = demo_actor(db, a, "school", &school)) || (e = demo_actor(db, a, "leader", &leader)))
        return e;
    db_rows_t held;
    if ((e = db_query(db, a,
                      "SELECT y.school_id, s.name FROM assignment y JOIN inspector yi ON yi.id = y.inspector_id JOIN "
                      "school s ON s.id = y.school_id WHERE "
                      "yi.user_id = $1 AND y.ends_on IS NULL ORDER BY CASE WHEN y.school_id = $2 THEN 0 ELSE 1 END, "
                      "y.school_id",
                      DB_P(DBV_I(inspector.user_id), DBV_I(school.school_id)), &held)))
        return e;
    if (held.n_rows < 6)
        return err_new(a, ERR_INTERNAL, NULL, "演示督学挂牌学校不足", "the demo inspector holds too few schools");
    const char *today = finding_today(a);
    int64_t now = time_now();
    int64_t late_ids[3] = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const demo_case_t *c = &cases[i];
        int64_t school_id = db_cell_int(&held, (size_t)c->school, 0);
        finding_input_t in = {.school_id = school_id,
                              .severity = c->severity,
                              .category = c->category,
                              .indicator_code = c->indicator_code,
                              .indicator_text = c->indicator_text,
                              .description = c->description,
                              .source = "visit"};
        finding_t f;
        if ((e = finding_svc_create(s, a, &admin, &in, &f))) return e;
        if (strcmp(c->end, "draft") == 0) continue;
        /* the demo school account acts for its own school; the other schools' steps are shown
         * as their school office's, without an account */
        actor_t sch = school;
        if (school_id != school.school_id)
            sch = (actor_t){.username = arena_printf(a, "%s校办", db_cell(&held, (size_t)c->school, 1)),
                            .role = ROLE_SCHOOL,
                            .region_code = school.region_code,
                            .region_path = "/",
                            .school_id = school_id};
        finding_input_t none = {0};
        if ((e = finding_svc_act(s, a, &inspector, f.id, FA_ISSUE, &none, &f))) return e;
        const char *end = c->end;
        if (strcmp(end, "voided") == 0) {
            finding_input_t v = {.reason = "与同期专项检查问题重复登记"};
            if ((e = finding_svc_act(s, a, &admin, f.id, FA_VOID, &v, &f))) return e;
            continue;
        }
        if (strncmp(end, "late", 4) == 0) {
            int days = atoi(end + 4);
            char dl[16];
            finding_date_add(today, -days, dl, sizeof dl);
            if ((e = svc_begin(s, a, &db))) return e;
            e = svc_end(db, a, demo_backdate(db, a, f.id, dl, now - (int64_t)(days + 20) * 86400));
            if (e) return e;
            late_ids[days == 2 ? 0 : days == 10 ? 1 : 2] = f.id;
            if (days == 25) {
                finding_input_t ack = {.note = "已收到，正在研究整改方案"};
                if ((e = finding_svc_act(s, a, &sch, f.id, FA_ACKNOWLEDGE, &ack, &f))) return e;
            }
            continue;
        }
        if (strcmp(end, "issued") == 0) continue;
        if (strcmp(end, "extension") == 0) {
            char later[16];
            finding_date_add(f.deadline, 30, later, sizeof later);
            finding_input_t x = {.deadline = later, .reason = "危化品柜需经政府采购，预计一个月后到货"};
            if ((e = finding_svc_act(s, a, &sch, f.id, FA_REQUEST_EXTENSION, &x, &f))) return e;
            continue;
        }
        finding_input_t ack = {.note = "已收到整改通知书，校长室牵头整改"};
        if ((e = finding_svc_act(s, a, &sch, f.id, FA_ACKNOWLEDGE, &ack, &f))) return e;
        finding_input_t prog = {.note = "已制定整改方案，明确责任人和完成时间"};
        if ((e = finding_svc_act(s, a, &sch, f.id, FA_PROGRESS, &prog, &f))) return e;
        if (strcmp(end, "rectifying") == 0) continue;
        finding_input_t sub = {.note = "已按要求完成整改，附整改前后照片和制度文件"};
        if ((e = finding_svc_act(s, a, &sch, f.id, FA_SUBMIT, &sub, &f))) return e;
        if (strcmp(end, "submitted") == 0) continue;
        if (strcmp(end, "returned") == 0) {
            finding_input_t ret = {.reason = "栏杆加高方案未经专业机构论证，请补充检测报告"};
            if ((e = finding_svc_act(s, a, &inspector, f.id, FA_RETURN, &ret, &f))) return e;
            continue;
        }
        finding_input_t close = {.note = "现场核查，整改到位，予以销号"};
        if ((e = finding_svc_act(s, a, &inspector, f.id, FA_CLOSE, &close, &f))) return e;
        /* spread the closures over past weeks, for the trend and the median */
        if ((e = svc_begin(s, a, &db))) return e;
        e = db_query(
            db, a, "UPDATE finding SET issued_at = $2, closed_at = $3 WHERE id = $1",
            DB_P(DBV_I(f.id), DBV_I(now - (int64_t)(40 + i * 3) * 86400), DBV_I(now - (int64_t)(i * 3) * 86400)), NULL);
        if ((e = svc_end(db, a, e))) return e;
    }
    /* today's ladder: overdue, the 督办单, the 约谈 flag */
    json_t *report = json_object();
    e = finding_job_escalate(s, a, today, report, NULL);
    json_decref(report);
    if (e) return e;
    /* complaints from the plaque: one waiting, one verified into a finding */
    db_rows_t r;
    if ((e = svc_db(s, a, &db)) ||
        (e = db_query(db, a, "SELECT code FROM school WHERE id = $1", DB_P(DBV_I(db_cell_int(&held, 1, 0))), &r)))
        return e;
    json_t *out;
    complaint_in_t ci = {.school_code = db_cell(&r, 0, 0),
                         .category = "课业负担",
                         .content = "孩子四年级，每天晚上作业要写到十点以后，老师还要求家长批改",
                         .ip = "demo-1"};
    if ((e = complaint_svc_create(s, a, &ci, &out))) return e;
    json_decref(out);
    complaint_in_t c2 = {.school_code = db_cell(&r, 0, 0),
                         .category = "乱收费",
                         .content = "学校要求每位学生购买指定教辅资料，每套 180 元",
                         .contact_phone = "13905720000",
                         .ip = "demo-2"};
    if ((e = complaint_svc_create(s, a, &c2, &out))) return e;
    json_decref(out);
    if ((e = db_query(db, a, "SELECT MAX(id) FROM complaint", DB_NOP, &r))) return e;
    finding_input_t vin = {.severity = "serious", .requirement = "立即停止统一征订教辅，已收费用全额退还"};
    if ((e = complaint_svc_verify(s, a, &inspector, db_scalar_int(&r, 0), &vin, true,
                                  "经核实，反映问题属实，已责令学校停止统一征订并退还费用。", &out)))
        return e;
    json_decref(out);
    /* 问责 and 约谈 for the case that reached the 约谈 flag */
    if (late_ids[2]) {
        char decided[16];
        finding_date_add(today, -3, decided, sizeof decided);
        if ((e = db_query(db, a, "SELECT s.name FROM finding f JOIN school s ON s.id = f.school_id WHERE f.id = $1",
                          DB_P(DBV_I(late_ids[2])), &r)))
            return e;
        interview_in_t iv = {.finding_id = late_ids[2],
                             .target_name = arena_printf(a, "%s主要负责人", db_cell(&r, 0, 0)),
                             .held_on = decided,
                             .place = "德清县教育督导室",
                             .summary = "督办后仍未整改到位，约谈学校主要负责人，要求一周内完成整改"};
        if ((e = interview_svc_create(s, a, &admin, &iv, &out))) return e;
        json_decref(out);
        accountability_in_t acc = {
            .target_kind = "unit",
            .target_name = db_cell(&r, 0, 0),
            .measure = "bulletin",
            .grounds = "课后服务违规收费问题经督办、约谈后仍未整改到位，依据《教育督导问责办法》第八条予以督导通报",
            .decided_on = decided,
            .finding_id = late_ids[2]};
        if ((e = accountability_svc_create(s, a, &admin, &acc, &out))) return e;
        json_decref(out);
    }
    /* a published bulletin of the last month */
    char from[16];
    finding_date_add(today, -60, from, sizeof from);
    json_t *b;
    if ((e = bulletin_svc_compose(s, a, &admin, "330521", from, today, NULL, &b))) return e;
    int64_t bid = json_integer_value(json_object_get(b, "id"));
    json_decref(b);
    if ((e = bulletin_svc_approve(s, a, &leader, bid, &b))) return e;
    json_decref(b);
    if ((e = bulletin_svc_publish(s, a, &admin, bid, &b))) return e;
    json_decref(b);
    return NULL;
}
