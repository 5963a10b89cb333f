/* The 校历, 突发事件 and 双随机 part of the demo (demo/school_year.json): 德清县's calendar of
 * the school year (terms, holidays, exams) entered as the county office enters it, two incident
 * reports by the demo inspector at its own schools (one handled by the office), and one
 * 双随机一公开 plan committed and revealed by the office with the server's own seed, so the
 * public page shows a draw — all through the calendar, incidents and draws use cases. */
#include <string.h>

#include "svc/calendar/calendar_svc.h"
#include "svc/demo/demo_data.h"
#include "svc/draws/draws_svc.h"
#include "svc/incidents/incident_svc.h"
#include "util/timeutil.h"

static err_t *demo_calendar(svc_t *s, arena_t *a, const json_t *c) {
    actor_t office;
    err_t *e = demo_actor(s, a, "admin_dq", &office);
    const json_t *p;
    size_t i;
    json_array_foreach(json_object_get(c, "periods"), i, p) {
        if (e) break;
        cal_input_t in = {.county_code = demo_str(c, "county"),
                          .school_year = json_integer_value(json_object_get(c, "school_year")),
                          .kind = demo_str(p, "kind"),
                          .name = demo_str(p, "name"),
                          .starts_on = demo_str(p, "starts_on"),
                          .ends_on = demo_str(p, "ends_on")};
        json_t *out = NULL;
        e = cal_svc_create(s, a, &office, &in, &out);
        json_decref(out);
    }
    return e;
}

static err_t *demo_incident(svc_t *s, arena_t *a, const json_t *x) {
    actor_t by;
    int64_t school_id = 0;
    err_t *e = demo_actor(s, a, demo_str(x, "by"), &by);
    if (!e) e = demo_school_id(s, a, demo_str(x, "school"), &school_id, NULL);
    if (e) return e;
    incident_input_t in = {.school_id = school_id,
                           .title = demo_str(x, "title"),
                           .description = demo_str(x, "description"),
                           .category = demo_str(x, "category"),
                           .severity = demo_str(x, "severity"),
                           .told = demo_str(x, "told"),
                           .occurred_at =
                               time_now() - 3600 * json_integer_value(json_object_get(x, "occurred_hours_ago"))};
    json_t *out = NULL;
    if ((e = incident_svc_report(s, a, &by, &in, &out))) return e;
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    if (!demo_str(x, "handled_by")) return NULL;
    actor_t office;
    if ((e = demo_actor(s, a, demo_str(x, "handled_by"), &office))) return e;
    out = NULL;
    e = incident_svc_act(s, a, &office, id, IA_HANDLE, demo_str(x, "note"), &out);
    json_decref(out);
    return e;
}

/* The plan's pools by 学校标识码 and 督学证号; committed and revealed with the server's seed. */
static err_t *demo_draw(svc_t *s, arena_t *a, const json_t *d) {
    actor_t office;
    err_t *e = demo_actor(s, a, demo_str(d, "by"), &office);
    json_t *schools = json_array(), *inspectors = json_array(), *out = NULL;
    const json_t *x;
    size_t i;
    json_array_foreach(json_object_get(d, "schools"), i, x) {
        int64_t id = 0;
        if (!e) e = demo_school_id(s, a, json_string_value(x), &id, NULL);
        json_array_append_new(schools, json_integer(id));
    }
    json_array_foreach(json_object_get(d, "inspectors"), i, x) {
        int64_t id = 0;
        if (!e) e = demo_inspector_id(s, a, json_string_value(x), &id);
        json_array_append_new(inspectors, json_integer(id));
    }
    draws_plan_input_t in = {.title = demo_str(d, "title"),
                             .kind = "inspection",
                             .items = json_object_get(d, "items"),
                             .school_ids = schools,
                             .inspector_ids = inspectors,
                             .n_targets = json_integer_value(json_object_get(d, "n_targets")),
                             .has_n = true,
                             .inspectors_per_school = json_integer_value(json_object_get(d, "inspectors_per_school")),
                             .exclude_own = -1};
    if (!e) e = draws_svc_create(s, a, &office, &in, &out);
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    out = NULL;
    if (!e) e = draws_svc_commit(s, a, &office, id, NULL, &out);
    json_decref(out);
    out = NULL;
    if (!e) e = draws_svc_reveal(s, a, &office, id, NULL, &out);
    json_decref(out);
    json_decref(schools);
    json_decref(inspectors);
    return e;
}

err_t *demo_school_year_load(svc_t *s, arena_t *a) {
    json_t *doc;
    const json_t *x;
    size_t i;
    err_t *e = demo_json(a, "school_year.json", &doc);
    if (!e) e = demo_calendar(s, a, json_object_get(doc, "calendar"));
    json_array_foreach(json_object_get(doc, "incidents"), i, x) {
        if (!e) e = demo_incident(s, a, x);
    }
    if (!e) e = demo_draw(s, a, json_object_get(doc, "draw"));
    json_decref(doc);
    return e;
}
