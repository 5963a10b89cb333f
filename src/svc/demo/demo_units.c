/* 督政 in the demo (demo/units.json): the supervised units of 德清县 (its towns and streets,
 * four county departments), one 被督导单位 account per town, this year's assessment of every
 * unit (the self-report where the file has one, the on-site check and its grade), and a 督政
 * task of one town with findings against the town, issued by the office and one acknowledged
 * by the town's own account — all through the units, users, tasks and findings use cases. */
#include <stdlib.h>
#include <string.h>

#include "svc/demo/demo_data.h"
#include "svc/demo/demo_svc.h"
#include "svc/findings/finding_svc.h"
#include "svc/frameworks/checklist.h"
#include "svc/platform/user_svc.h"
#include "svc/units/unit_svc.h"
#include "svc/visits/task_svc.h"

#define DEMO_MAX_UNITS 32

typedef struct demo_unit {
    const char *key;
    int64_t id;
    const char *account;
} demo_unit_t;

static const demo_unit_t *unit_by_key(const demo_unit_t *u, size_t n, const char *key) {
    for (size_t i = 0; key && i < n; i++)
        if (strcmp(u[i].key, key) == 0) return &u[i];
    return NULL;
}

static err_t *missing_unit(arena_t *a, const char *key) {
    return err_newf(a, ERR_INTERNAL, NULL, "演示单位 %s 不存在", "demo unit %s missing", key ? key : "",
                    key ? key : "");
}

/* One unit of the file: created, its account, its year's self-report and check. */
static err_t *demo_unit(svc_t *s, arena_t *a, const actor_t *office, const json_t *x, int64_t year, demo_unit_t *out) {
    unit_input_t in = {.region_code = demo_str(x, "region"),
                       .kind = demo_str(x, "kind"),
                       .name = demo_str(x, "name"),
                       .dept_code = demo_str(x, "dept_code")};
    json_t *u = NULL, *r = NULL;
    err_t *e = unit_svc_create(s, a, office, &in, &u);
    if (e) return e;
    *out = (demo_unit_t){.key = demo_str(x, "key"),
                         .id = json_integer_value(json_object_get(u, "id")),
                         .account = demo_str(x, "account")};
    json_decref(u);
    if (out->account) {
        user_input_t ui = {.username = out->account,
                           .display_name = demo_str(x, "display_name"),
                           .role = "unit",
                           .region_code = in.region_code,
                           .has_school_id = true,
                           .school_id = 0,
                           .has_unit_id = true,
                           .unit_id = out->id,
                           .password = DEMO_PASSWORD};
        user_t created;
        if ((e = user_svc_create_system(s, a, &ui, &created))) return e;
    }
    if (demo_str(x, "self_report")) {
        actor_t by = *office;
        if (out->account && (e = demo_actor(s, a, out->account, &by))) return e;
        e = unit_svc_self_report(s, a, &by, out->id, year, demo_str(x, "self_report"),
                                 json_is_true(json_object_get(x, "publish")), &r);
        json_decref(r);
        if (e) return e;
    }
    if (!json_object_get(x, "score")) return NULL;
    unit_check_input_t ck = {.score = json_number_value(json_object_get(x, "score")),
                             .n_downgrades = json_integer_value(json_object_get(x, "n_downgrades")),
                             .n_vetoes = json_integer_value(json_object_get(x, "n_vetoes")),
                             .note = demo_str(x, "note")};
    e = unit_svc_check(s, a, office, out->id, year, &ck, &r);
    json_decref(r);
    return e;
}

/* The 督政 task of one unit, its team by 督学证号, the framework by code. */
static err_t *demo_unit_task(svc_t *s, arena_t *a, const actor_t *office, const json_t *x, const demo_unit_t *unit) {
    const json_t *members = json_object_get(x, "members"), *m;
    size_t n = json_array_size(members), i;
    task_member_in_t *team = arena_alloc(a, (n + 1) * sizeof *team);
    err_t *e = NULL;
    json_array_foreach(members, i, m) {
        team[i].role = demo_str(m, "role");
        if (!e) e = demo_inspector_id(s, a, demo_str(m, "inspector"), &team[i].inspector_id);
    }
    db_t *db;
    int64_t fv = 0;
    if (!e) e = svc_db(s, a, &db);
    if (!e && checklist_current_version(db, a, demo_str(x, "framework"), &fv))
        e = err_new(a, ERR_INTERNAL, NULL, "演示督政指标缺失", "demo 督政 framework missing");
    if (e) return e;
    int64_t unit_id = unit->id;
    task_input_t in = {.kind = "government",
                       .title = demo_str(x, "title"),
                       .framework_version_id = fv,
                       .starts_on = demo_date_in(a, 0),
                       .due_on = demo_date_in(a, json_integer_value(json_object_get(x, "due_in_days"))),
                       .description = demo_str(x, "description"),
                       .members = team,
                       .n_members = n,
                       .unit_ids = &unit_id,
                       .n_units = 1};
    task_t out;
    return task_svc_create(s, a, office, &in, &out);
}

/* A finding against a unit: recorded and issued by the office, acknowledged by the unit's
 * own account when the file says so. */
static err_t *demo_unit_finding(svc_t *s, arena_t *a, const actor_t *office, const json_t *x, const demo_unit_t *unit) {
    finding_input_t in = {.unit_id = unit->id,
                          .severity = demo_str(x, "severity"),
                          .category = demo_str(x, "category"),
                          .description = demo_str(x, "description")};
    finding_t f;
    err_t *e = finding_svc_create(s, a, office, &in, &f);
    if (e) return e;
    finding_input_t issue = {.deadline = demo_date_in(a, json_integer_value(json_object_get(x, "deadline_in_days")))};
    if ((e = finding_svc_act(s, a, office, f.id, FA_ISSUE, &issue, &f))) return e;
    if (strcmp(demo_str(x, "end"), "acknowledged") != 0) return NULL;
    actor_t by;
    if (!unit->account) return err_new(a, ERR_INTERNAL, NULL, "演示单位无账号", "demo unit has no account");
    if ((e = demo_actor(s, a, unit->account, &by))) return e;
    finding_input_t ack = {.note = demo_str(x, "note")};
    return finding_svc_act(s, a, &by, f.id, FA_ACKNOWLEDGE, &ack, &f);
}

static err_t *demo_units_run(svc_t *s, arena_t *a, const json_t *doc) {
    actor_t office;
    err_t *e = demo_actor(s, a, "admin_dq", &office);
    if (e) return e;
    const json_t *y = json_object_get(doc, "year"), *x;
    int64_t year = json_is_integer(y) ? json_integer_value(y) : 0;
    if (!year) year = atoi(demo_date_in(a, 0)); /* "YYYY-MM-DD": this year */
    demo_unit_t units[DEMO_MAX_UNITS];
    size_t n = 0, i;
    json_array_foreach(json_object_get(doc, "units"), i, x) {
        if (n == DEMO_MAX_UNITS) return err_new(a, ERR_INTERNAL, NULL, "演示单位过多", "too many demo units");
        if ((e = demo_unit(s, a, &office, x, year, &units[n]))) return e;
        n++;
    }
    const json_t *task = json_object_get(doc, "task");
    if (task) {
        const demo_unit_t *u = unit_by_key(units, n, demo_str(task, "unit"));
        if (!u) return missing_unit(a, demo_str(task, "unit"));
        if ((e = demo_unit_task(s, a, &office, task, u))) return e;
    }
    json_array_foreach(json_object_get(doc, "findings"), i, x) {
        const demo_unit_t *u = unit_by_key(units, n, demo_str(x, "unit"));
        if (!u) return missing_unit(a, demo_str(x, "unit"));
        if ((e = demo_unit_finding(s, a, &office, x, u))) return e;
    }
    return NULL;
}

err_t *demo_units_load(svc_t *s, arena_t *a) {
    json_t *doc;
    err_t *e = demo_json(a, "units.json", &doc);
    if (!e) e = demo_units_run(s, a, doc);
    json_decref(doc);
    return e;
}
