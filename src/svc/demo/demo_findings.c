/* The rectification loop of the demo (demo/findings.json): findings in every state at the demo
 * inspector's schools, some overdue with their 督办单 and a 约谈 flag, a pending extension,
 * complaints, a 约谈 and a 问责 record, and a published 通报 — made through the same use
 * cases the API calls, so every row has its events and audit trail.
 *
 * History without rewriting rows: a case with issued_days_ago is created and issued with the
 * thread's clock set back that far (util/timeutil time_override_set), and a closed case is
 * answered and closed at its own past times; issuing refuses a deadline before its day, so the
 * overdue cases are real ones once the clock is back to now and today's ladder runs. */
#include <string.h>

#include "core/findings/finding_lifecycle.h"
#include "svc/demo/demo_data.h"
#include "svc/findings/accountability_case_svc.h"
#include "svc/findings/accountability_svc.h"
#include "svc/findings/bulletin_svc.h"
#include "svc/findings/complaint_svc.h"
#include "svc/findings/finding_jobs.h"
#include "svc/findings/finding_svc.h"
#include "util/timeutil.h"

typedef struct demo_cast {
    actor_t admin, inspector, school, leader;
} demo_cast_t;

static err_t *act(svc_t *s, arena_t *a, const actor_t *who, finding_t *f, finding_action_t action, const char *note,
                  const char *reason, const char *deadline) {
    finding_input_t in = {.note = note, .reason = reason, .deadline = deadline};
    return finding_svc_act(s, a, who, f->id, action, &in, f);
}

/* The school office answering for school_id: the demo school account for its own school,
 * otherwise the school's office without an account. */
static actor_t school_office(arena_t *a, const demo_cast_t *c, int64_t school_id, const char *school_name) {
    if (school_id == c->school.school_id) return c->school;
    return (actor_t){.username = arena_printf(a, "%s校办", school_name),
                     .role = ROLE_SCHOOL,
                     .region_code = c->school.region_code,
                     .region_path = "/",
                     .school_id = school_id};
}

/* After issue: the school's and the inspector's steps up to the case's end state. */
static err_t *demo_answer(svc_t *s, arena_t *a, const demo_cast_t *c, const json_t *steps, const json_t *x,
                          const actor_t *sch, finding_t *f, int64_t closed_at) {
    const char *end = demo_str(x, "end"), *reason = demo_str(x, "reason");
    err_t *e = NULL;
    if (strcmp(end, "voided") == 0) return act(s, a, &c->admin, f, FA_VOID, NULL, reason, NULL);
    if (strcmp(end, "acknowledged") == 0) return act(s, a, sch, f, FA_ACKNOWLEDGE, demo_str(x, "note"), NULL, NULL);
    if (strcmp(end, "issued") == 0 || strcmp(end, "late") == 0) return NULL;
    if (strcmp(end, "extension") == 0) {
        char later[16];
        finding_date_add(f->deadline, (int)json_integer_value(json_object_get(x, "extension_days")), later,
                         sizeof later);
        return act(s, a, sch, f, FA_REQUEST_EXTENSION, NULL, reason, later);
    }
    if ((e = act(s, a, sch, f, FA_ACKNOWLEDGE, demo_str(steps, "acknowledge"), NULL, NULL)) ||
        (e = act(s, a, sch, f, FA_PROGRESS, demo_str(steps, "progress"), NULL, NULL)) || strcmp(end, "rectifying") == 0)
        return e;
    if (closed_at) time_override_set(closed_at - 86400);
    if ((e = act(s, a, sch, f, FA_SUBMIT, demo_str(steps, "submit"), NULL, NULL)) || strcmp(end, "submitted") == 0)
        return e;
    if (strcmp(end, "returned") == 0) return act(s, a, &c->inspector, f, FA_RETURN, NULL, reason, NULL);
    if (closed_at) time_override_set(closed_at);
    return act(s, a, &c->inspector, f, FA_CLOSE, demo_str(steps, "close"), NULL, NULL);
}

/* One case, from creation to its end state; *id is the finding's. */
static err_t *demo_case(svc_t *s, arena_t *a, const demo_cast_t *c, const json_t *steps, const json_t *x, int64_t *id) {
    int64_t school_id = 0, now = time_now();
    const char *school_name = NULL;
    err_t *e = demo_school_id(s, a, demo_str(x, "school"), &school_id, &school_name);
    if (e) return e;
    int64_t issued_ago = json_integer_value(json_object_get(x, "issued_days_ago"));
    const json_t *closed_ago = json_object_get(x, "closed_days_ago");
    const json_t *in_days = json_object_get(x, "deadline_in_days");
    const char *deadline = in_days ? demo_date_in(a, json_integer_value(in_days)) : NULL; /* before the clock moves */
    int64_t issued_at = now - issued_ago * 86400;
    int64_t closed_at = closed_ago ? now - json_integer_value(closed_ago) * 86400 : 0;
    finding_input_t in = {.school_id = school_id,
                          .severity = demo_str(x, "severity"),
                          .category = demo_str(x, "category"),
                          .indicator_code = demo_str(x, "indicator_code"),
                          .indicator_text = demo_str(x, "indicator_text"),
                          .description = demo_str(x, "description"),
                          .source = "visit"};
    finding_t f;
    if (issued_ago) time_override_set(issued_at - 86400); /* recorded the day before it was issued */
    e = finding_svc_create(s, a, &c->admin, &in, &f);
    *id = f.id;
    if (!e && strcmp(demo_str(x, "end"), "draft") != 0) {
        if (issued_ago) time_override_set(issued_at);
        e = act(s, a, &c->inspector, &f, FA_ISSUE, NULL, NULL, deadline);
        if (!e && closed_at)
            time_override_set(issued_at + 86400); /* answered the next day */
        else
            time_override_clear(); /* an open case is answered now */
        actor_t sch = school_office(a, c, school_id, school_name);
        if (!e) e = demo_answer(s, a, c, steps, x, &sch, &f, closed_at);
    }
    time_override_clear();
    return e;
}

/* Complaints from the plaque: filed by the public, the ones with "verify" verified into a
 * finding by the inspector. */
static err_t *demo_complaints(svc_t *s, arena_t *a, const demo_cast_t *c, const json_t *list) {
    const json_t *x;
    size_t i;
    json_array_foreach(list, i, x) {
        complaint_in_t in = {.school_code = demo_str(x, "school"),
                             .category = demo_str(x, "category"),
                             .content = demo_str(x, "content"),
                             .contact_phone = demo_str(x, "contact_phone"),
                             .ip = demo_str(x, "ip")};
        json_t *out = NULL, *newest = NULL;
        err_t *e = complaint_svc_create(s, a, &in, &out);
        json_decref(out);
        const json_t *v = json_object_get(x, "verify");
        if (e || !v) {
            if (e) return e;
            continue;
        }
        if ((e = complaint_svc_list(s, a, &c->inspector, NULL, 1, 0, &newest))) return e;
        int64_t id = json_integer_value(json_object_get(json_array_get(json_object_get(newest, "items"), 0), "id"));
        json_decref(newest);
        finding_input_t fin = {.severity = demo_str(v, "severity"), .requirement = demo_str(v, "requirement")};
        if ((e = complaint_svc_verify(s, a, &c->inspector, id, &fin, true, demo_str(v, "reply"), &out))) return e;
        json_decref(out);
    }
    return NULL;
}

/* The 约谈 and the 问责 decision for the case that reached the 约谈 flag. */
static err_t *demo_accountability(svc_t *s, arena_t *a, const demo_cast_t *c, const json_t *doc, int64_t finding_id,
                                  const char *school_name) {
    const json_t *iv = json_object_get(doc, "interview"), *acc = json_object_get(doc, "accountability");
    const char *decided = demo_date_in(a, -json_integer_value(json_object_get(iv, "decided_days_ago")));
    interview_in_t in = {.finding_id = finding_id,
                         .target_name = arena_printf(a, "%s%s", school_name, demo_str(iv, "target_suffix")),
                         .held_on = decided,
                         .place = demo_str(iv, "place"),
                         .summary = demo_str(iv, "summary")};
    json_t *out = NULL;
    err_t *e = interview_svc_create(s, a, &c->admin, &in, &out);
    json_decref(out);
    if (e) return e;
    /* the procedure before the decision (问责办法): the case, its group, notice, hearing,
     * consultation and approval, each some days before the decision */
    const json_t *k = json_object_get(acc, "case");
#define DAYS_AGO(key) demo_date_in(a, -json_integer_value(json_object_get(k, key)))
    accountability_case_t kc = {.finding_id = finding_id,
                                .target_kind = demo_str(acc, "target_kind"),
                                .target_name = school_name,
                                .ground_category = json_integer_value(json_object_get(k, "ground_category")),
                                .work_ended_on = DAYS_AGO("work_ended_days_ago")};
    if ((e = accountability_case_svc_open(s, a, &c->admin, &kc, &out))) return e;
    int64_t case_id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    const acc_case_step_in_t steps[] = {
        {.step = "group", .on = DAYS_AGO("group_days_ago"), .members = demo_str(k, "members")},
        {.step = "notify",
         .on = DAYS_AGO("notified_days_ago"),
         .facts = demo_str(k, "facts"),
         .opinion = demo_str(k, "opinion"),
         .measure = demo_str(acc, "measure")},
        {.step = "hear", .on = DAYS_AGO("heard_days_ago"), .statement = demo_str(k, "statement")},
        {.step = "consult", .on = DAYS_AGO("consult_days_ago"), .note = demo_str(k, "consult_note")},
        {.step = "approve",
         .on = DAYS_AGO("approved_days_ago"),
         .approver_name = demo_str(k, "approver_name"),
         .approver_title = demo_str(k, "approver_title")},
    };
#undef DAYS_AGO
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if ((e = accountability_case_svc_step(s, a, &c->admin, case_id, &steps[i], &out))) return e;
        json_decref(out);
    }
    accountability_in_t ai = {.case_id = case_id,
                              .measure = demo_str(acc, "measure"),
                              .grounds = demo_str(acc, "grounds"),
                              .basis = demo_str(acc, "basis"),
                              .decided_on = decided};
    e = accountability_svc_create(s, a, &c->admin, &ai, &out);
    json_decref(out);
    if (e) return e;
    /* a case whose investigation group is due within days: the office's inbox reminds it */
    const json_t *oc = json_object_get(acc, "open_case");
    accountability_case_t open = {.finding_id = finding_id,
                                  .target_kind = demo_str(oc, "target_kind"),
                                  .target_name = arena_printf(a, "%s%s", school_name, demo_str(oc, "target_suffix")),
                                  .ground_category = json_integer_value(json_object_get(oc, "ground_category")),
                                  .ground_note = demo_str(oc, "note"),
                                  .work_ended_on =
                                      demo_date_in(a, -json_integer_value(json_object_get(oc, "work_ended_days_ago")))};
    e = accountability_case_svc_open(s, a, &c->admin, &open, &out);
    json_decref(out);
    return e;
}

/* A 通报 of the period, composed by the office, approved by the leader, published. */
static err_t *demo_bulletin(svc_t *s, arena_t *a, const demo_cast_t *c, const json_t *b) {
    const char *from = demo_date_in(a, -json_integer_value(json_object_get(b, "from_days_ago")));
    json_t *out;
    err_t *e = bulletin_svc_compose(s, a, &c->admin, demo_str(b, "region"), from, demo_date_in(a, 0), NULL, &out);
    if (e) return e;
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    if ((e = bulletin_svc_approve(s, a, &c->leader, id, &out))) return e;
    json_decref(out);
    if ((e = bulletin_svc_publish(s, a, &c->admin, id, &out))) return e;
    json_decref(out);
    return NULL;
}

/* The ladder proposes the 督办单; the office confirms them all but the newest, which waits on
 * the 督办单 page for the office's decision. */
static err_t *demo_confirm_orders(svc_t *s, arena_t *a, const demo_cast_t *c) {
    json_t *list = NULL;
    err_t *e = finding_svc_orders(s, a, &c->admin, 200, 0, &list);
    size_t i, n_proposed = 0;
    json_t *o;
    json_array_foreach(json_object_get(list, "items"), i, o) { /* newest first */
        if (e || strcmp(json_string_value(json_object_get(o, "state")), "proposed") != 0) continue;
        if (n_proposed++ == 0) continue;
        json_t *out = NULL;
        e = finding_svc_order_decide(s, a, &c->admin, json_integer_value(json_object_get(o, "id")), true, NULL, &out);
        json_decref(out);
    }
    json_decref(list);
    return e;
}

static err_t *demo_findings_run(svc_t *s, arena_t *a, const json_t *doc) {
    demo_cast_t c;
    err_t *e;
    if ((e = demo_actor(s, a, "admin_dq", &c.admin)) || (e = demo_actor(s, a, "inspector", &c.inspector)) ||
        (e = demo_actor(s, a, "school", &c.school)) || (e = demo_actor(s, a, "leader", &c.leader)))
        return e;
    const json_t *x, *flagged = NULL;
    int64_t flagged_id = 0;
    size_t i;
    json_array_foreach(json_object_get(doc, "cases"), i, x) {
        int64_t id = 0;
        if ((e = demo_case(s, a, &c, json_object_get(doc, "steps"), x, &id))) return e;
        if (json_is_true(json_object_get(x, "interview"))) flagged = x, flagged_id = id;
    }
    /* today's ladder: overdue, the 督办单, the 约谈 flag */
    json_t *report = json_object();
    e = finding_job_escalate(s, a, finding_today(a), report, NULL);
    json_decref(report);
    if (!e) e = demo_confirm_orders(s, a, &c);
    if (!e) e = demo_complaints(s, a, &c, json_object_get(doc, "complaints"));
    if (!e && flagged) {
        int64_t school_id;
        const char *name = NULL;
        if (!(e = demo_school_id(s, a, demo_str(flagged, "school"), &school_id, &name)))
            e = demo_accountability(s, a, &c, doc, flagged_id, name);
    }
    if (!e) e = demo_bulletin(s, a, &c, json_object_get(doc, "bulletin"));
    return e;
}

err_t *demo_findings_load(svc_t *s, arena_t *a) {
    json_t *doc;
    err_t *e = demo_json(a, "findings.json", &doc);
    if (!e) e = demo_findings_run(s, a, doc);
    json_decref(doc);
    return e;
}
