/* The tasks and visits of the demo (demo/visits.json). Last month's routine visits are made
 * with the thread's clock set to each visit's day and time (util/timeutil), so the visit
 * date, check-in and submission are what the use cases record, not rows rewritten later;
 * the clock is back to now for this month's tasks and the 督导意见书. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/scope.h"
#include "store/visits/task_store.h"
#include "svc/demo/demo_data.h"
#include "svc/frameworks/checklist.h"
#include "svc/platform/attachment_svc.h"
#include "svc/visits/task_svc.h"
#include "svc/visits/visit_svc.h"
#include "util/timeutil.h"

/* The answers of visit i: every item at levels[(k + i) % n], then the file's extra answers. */
static json_t *demo_answers(const json_t *lm, size_t i, size_t n_items) {
    const json_t *levels = json_object_get(lm, "levels");
    json_t *ans = json_object(), *x;
    size_t k;
    for (k = 0; k < n_items && json_array_size(levels); k++) {
        char code[8];
        snprintf(code, sizeof code, "R%zu", k + 1);
        json_object_set_new(ans, code, json_pack("{s:O}", "value", json_array_get(levels, (k + i) % json_array_size(levels))));
    }
    json_array_foreach(json_object_get(lm, "extra_answers"), k, x) {
        if ((size_t)json_integer_value(json_object_get(x, "visit")) == i)
            json_object_set(ans, demo_str(x, "code"), json_object_get(x, "answer"));
    }
    return ans;
}

/* "YYYY-MM" of the month before this one (Asia/Shanghai). */
static void previous_month(char *month, size_t n) {
    char today[16];
    time_today_cn(today, sizeof today);
    int y = atoi(today), m = atoi(today + 5);
    if (--m == 0) m = 12, y--;
    if (y < 2000 || y > 9999 || m < 1 || m > 12) y = 2000, m = 1;
    snprintf(month, n, "%04d-%02d", y % 10000, m % 100);
}

/* Visit i of last month, from opening to submission, on its day. */
static err_t *demo_visit(svc_t *s, arena_t *a, const actor_t *insp, const json_t *lm, const char *month, size_t i,
                         const task_target_row_t *g, int64_t *visit_id) {
    const json_t *pos = json_object_get(lm, "position");
    const json_t *days = json_object_get(lm, "days");
    char date[32];
    int64_t day = 0;
    snprintf(date, sizeof date, "%.7s-%02d", month, (int)json_integer_value(json_array_get(days, i % json_array_size(days))));
    if (!time_parse_date(date, &day)) return err_new(a, ERR_INTERNAL, NULL, "演示日期有误", "bad demo date");
    int hh = atoi(demo_str(lm, "first_at_cn")), mm = atoi(demo_str(lm, "first_at_cn") + 3);
    int64_t at = day + (hh - 8) * 3600 + mm * 60 + (int64_t)i * 60 * json_integer_value(json_object_get(lm, "minutes_apart"));
    double lat = g->school_lat ? strtod(g->school_lat, NULL) : json_real_value(json_object_get(pos, "lat")),
           lng = g->school_lng ? strtod(g->school_lng, NULL) : json_real_value(json_object_get(pos, "lng"));
    lat += json_real_value(json_object_get(pos, "step")) * (double)(i + 1);
    time_override_set(at);
    json_t *ans = demo_answers(lm, i, 8);
    err_t *e = visit_svc_open(s, a, insp, g->id, visit_id);
    if (!e) e = visit_svc_checkin(s, a, insp, *visit_id, lat, lng, json_number_value(json_object_get(pos, "accuracy_m")));
    if (!e) e = visit_svc_save(s, a, insp, *visit_id, ans, demo_str(lm, "notes"), true, -1);
    json_decref(ans);
    time_override_set(at + 3600 * json_integer_value(json_object_get(lm, "hours_on_site")));
    if (!e) e = visit_svc_submit(s, a, insp, *visit_id);
    time_override_clear();
    return e;
}

static err_t *demo_last_month(svc_t *s, arena_t *a, const json_t *lm, const actor_t *insp, const actor_t *office) {
    char month[16];
    previous_month(month, sizeof month);
    db_t *db;
    task_gen_stats_t st;
    actor_t sys = {.username = "system", .role = ROLE_ADMIN, .region_code = "", .region_path = "/"};
    int64_t inspector_id = 0, task_id = 0, opinion_visit = 0;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = demo_inspector_id(s, a, demo_str(lm, "inspector"), &inspector_id);
    if (!e) e = task_svc_generate_routine_in(s, a, &sys, month, &st);
    if (!e) e = task_store_find_routine(db, a, inspector_id, month, &task_id);
    task_t t;
    if (!e) e = task_store_get(db, a, &SCOPE_ALL, task_id, &t);
    const json_t *op = json_object_get(lm, "opinion");
    for (size_t i = 0; !e && i < t.n_targets_loaded; i++) {
        int64_t vid = 0;
        e = demo_visit(s, a, insp, lm, month, i, &t.targets[i], &vid);
        if ((int64_t)i == json_integer_value(json_object_get(op, "visit"))) opinion_visit = vid;
    }
    if (e || !opinion_visit) return e;
    visit_document_t d;
    return visit_svc_issue_opinion(s, a, office, opinion_visit, demo_str(op, "text"),
                                   demo_date_in(a, json_integer_value(json_object_get(op, "deadline_in_days"))), NULL,
                                   &d);
}

/* A task of the file: its team by 督学证号, its schools by 学校标识码, then its steps. */
static err_t *demo_task(svc_t *s, arena_t *a, const json_t *x, const actor_t *office) {
    const json_t *members = json_object_get(x, "members"), *schools = json_object_get(x, "schools"), *m;
    size_t n_members = json_array_size(members), n_schools = json_array_size(schools), i;
    task_member_in_t *team = arena_alloc(a, (n_members + 1) * sizeof *team);
    int64_t *ids = arena_alloc(a, (n_schools + 1) * sizeof *ids);
    err_t *e = NULL;
    json_array_foreach(members, i, m) {
        team[i].role = demo_str(m, "role");
        if (!e) e = demo_inspector_id(s, a, demo_str(m, "inspector"), &team[i].inspector_id);
    }
    json_array_foreach(schools, i, m) {
        if (!e) e = demo_school_id(s, a, json_string_value(m), &ids[i], NULL);
    }
    db_t *db;
    int64_t fv = 0;
    if (!e) e = svc_db(s, a, &db);
    if (!e && demo_str(x, "framework") && checklist_current_version(db, a, demo_str(x, "framework"), &fv))
        fv = 0; /* not there: the routine checklist */
    if (e) return e;
    task_input_t in = {.kind = demo_str(x, "kind"),
                       .title = demo_str(x, "title"),
                       .notice_mode = demo_str(x, "notice_mode"),
                       .framework_version_id = fv,
                       .starts_on = demo_date_in(a, 0),
                       .due_on = demo_date_in(a, json_integer_value(json_object_get(x, "due_in_days"))),
                       .description = demo_str(x, "description"),
                       .members = team,
                       .n_members = n_members,
                       .school_ids = ids,
                       .n_schools = n_schools};
    task_t out;
    if ((e = task_svc_create(s, a, office, &in, &out))) return e;
    json_array_foreach(json_object_get(x, "steps"), i, m) {
        actor_t by;
        attachment_t att = {0};
        const char *file = demo_str(m, "attachment");
        if ((e = demo_actor(s, a, demo_str(m, "by"), &by))) return e;
        if (file) {
            size_t n = 0;
            const char *data = demo_text(file, &n);
            attachment_in_t ai = {.school_id = ids[0],
                                  .owner_kind = "self_evaluation",
                                  .name = demo_str(m, "attachment_name"),
                                  .data = data,
                                  .n = n};
            if (!data) return err_new(a, ERR_INTERNAL, NULL, "演示附件缺失", "demo attachment missing");
            if ((e = attachment_svc_put(s, a, &by, &ai, &att))) return e;
        }
        if ((e = task_svc_complete_step(s, a, &by, out.id, 0, demo_str(m, "step"), demo_str(m, "text"), att.id, &out)))
            return e;
    }
    return NULL;
}

err_t *demo_visits_load(svc_t *s, arena_t *a) {
    actor_t insp, office;
    json_t *doc, *x;
    size_t i;
    err_t *e = demo_json(a, "visits.json", &doc);
    if (!e) e = demo_actor(s, a, "inspector", &insp);
    if (!e) e = demo_actor(s, a, "admin_dq", &office);
    if (!e) e = demo_last_month(s, a, json_object_get(doc, "last_month"), &insp, &office);
    char month[16];
    snprintf(month, sizeof month, "%.7s", demo_date_in(a, 0));
    if (!e) e = task_svc_generate_routine(s, a, month);
    json_array_foreach(json_object_get(doc, "tasks"), i, x) {
        if (!e) e = demo_task(s, a, x, &office);
    }
    json_decref(doc);
    return e;
}
