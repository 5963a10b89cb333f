#include "svc/findings/finding_jobs.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc_no.h"
#include "core/findings/finding_lifecycle.h"
#include "store/findings/finding_jobs_store.h"
#include "store/findings/finding_store.h"
#include "svc/findings/finding_svc.h"
#include "util/hash.h"
#include "util/timeutil.h"

/* A run marker unique across instances and jobs (seconds, then 20 random bits): the
 * set-based steps tag the rows they raise with it and write events for exactly those. */
static err_t *next_run_id(db_t *db, arena_t *a, int64_t *out) {
    (void)db, (void)a;
    char token[16], hex[HASH_HEX_LEN + 1];
    hash_random_token(8, token, sizeof token);
    hash_blake2b_hex(token, strlen(token), hex);
    hex[5] = '\0';
    *out = (time_now() << 20) | (strtoll(hex, NULL, 16) & 0xFFFFF);
    return NULL;
}

static void count_add(json_t *counts, const char *key, int64_t n) {
    json_object_set_new(counts, key, json_integer(json_integer_value(json_object_get(counts, key)) + n));
}

/* One raise step of the ladder and its events. */
static err_t *ladder_step(db_t *db, arena_t *a, const char *region, int64_t run, int level, finding_jobs_step_t step,
                          const char *lo, const char *hi, int64_t now, int64_t *n) {
    err_t *e = finding_jobs_raise(db, a, region, run, level, lo, hi, n);
    if (!e && *n) e = finding_jobs_step_events(db, a, region, run, level, step, now);
    return e;
}

/* 督办单 proposals: one per finding past its deadline by order_after_days, with their events and
 * one audit row for the batch; the office confirms each (finding_svc_order_confirm: it is then
 * numbered and sent) or dismisses it. A finding that has its order (proposed or not) keeps it (a
 * retried run). */
static err_t *ladder_orders(db_t *db, arena_t *a, const char *region, const char *county, const char *county_name,
                            const finding_rules_t *rules, const char *as_of, const char *order_before, int64_t run,
                            int64_t now, int64_t *n_orders) {
    err_t *e = finding_jobs_orders_due(db, a, region, order_before, n_orders);
    if (e) return e;
    int64_t last = 0;
    char due[16];
    if (*n_orders > 0) {
        finding_date_add(as_of, rules->order_after_days, due, sizeof due);
        finding_jobs_orders_t o = {.region = region,
                                   .county = county,
                                   .order_before = order_before,
                                   .year = atoi(as_of),
                                   .n = *n_orders,
                                   .to_department = arena_printf(a, "%s教育局", county_name),
                                   .deadline = due,
                                   .issued_on = as_of,
                                   .now = now};
        if ((e = finding_jobs_issue_orders(db, a, &o, &last))) return e;
    }
    /* every owed finding past the order date is at level 3 now, with or without a new order */
    if ((e = finding_jobs_raise_to_order(db, a, region, run, order_before))) return e;
    if (*n_orders <= 0) return NULL;
    if ((e = finding_jobs_order_events(db, a, region, run, now))) return e;
    json_t *data =
        json_pack("{s:s, s:I, s:s}", "as_of", as_of, "n_proposed", (json_int_t)*n_orders, "state", "proposed");
    e = svc_audit(db, a, NULL, "propose", "supervision_order", arena_printf(a, "run:%" PRId64, run), county, NULL,
                  data);
    json_decref(data);
    return e;
}

/* A school overdue repeatedly within a year: its open overdue findings → accountability. */
static err_t *ladder_accountability(db_t *db, arena_t *a, const char *region, const finding_rules_t *rules, int64_t run,
                                    int64_t now, int64_t *n_flag) {
    db_rows_t r;
    err_t *e = finding_jobs_repeatedly_overdue(db, a, region, now - 365 * 86400, rules->overdue_for_accountability, &r);
    *n_flag = 0;
    for (size_t i = 0; !e && i < r.n_rows; i++) {
        int64_t n = 0;
        e = finding_jobs_flag_overdue_school(db, a, db_cell_int(&r, i, 0), run, now, &n);
        *n_flag += n;
    }
    return e;
}

/* One region's ladder (a town, or the schools placed at county level) with its county's rules
 * and numbers: one short transaction each, so the sweep never holds the write lock long. */
static err_t *escalate_region(db_t *db, arena_t *a, const char *region, const char *county, const char *county_name,
                              const char *as_of, int64_t now, json_t *counts) {
    finding_rules_t rules;
    err_t *e = finding_rules_for(db, a, county, &rules);
    if (e) return e;
    int64_t run;
    if ((e = next_run_id(db, a, &run))) return e;
    char remind_to[16], yesterday[16], order_before[16], interview_before[16];
    finding_date_add(as_of, rules.remind_days, remind_to, sizeof remind_to);
    finding_date_add(as_of, -1, yesterday, sizeof yesterday);
    /* late > order_after_days ⇔ deadline < as_of - order_after_days ⇔ deadline ≤ as_of - order_after_days - 1 */
    finding_date_add(as_of, -rules.order_after_days - 1, order_before, sizeof order_before);
    finding_date_add(as_of, -rules.interview_after_days - 1, interview_before, sizeof interview_before);
    int64_t n;
    /* 1. reminders: the deadline is today or within remind_days */
    if ((e = ladder_step(db, a, region, run, ESC_REMINDED, FJ_REMIND, as_of, remind_to, now, &n))) return e;
    count_add(counts, "reminded", n);
    /* 2. overdue: the deadline has passed */
    if ((e = ladder_step(db, a, region, run, ESC_OVERDUE, FJ_OVERDUE, NULL, yesterday, now, &n))) return e;
    count_add(counts, "overdue", n);
    /* 3. 督办单 */
    if ((e = ladder_orders(db, a, region, county, county_name, &rules, as_of, order_before, run, now, &n))) return e;
    count_add(counts, "orders", n);
    /* 4. the 约谈 flag */
    if ((e = ladder_step(db, a, region, run, ESC_INTERVIEW, FJ_INTERVIEW, NULL, interview_before, now, &n))) return e;
    count_add(counts, "interviews", n);
    /* 5. accountability for a school overdue repeatedly */
    if ((e = ladder_accountability(db, a, region, &rules, run, now, &n))) return e;
    count_add(counts, "accountability", n);
    return NULL;
}

err_t *finding_job_escalate(svc_t *s, arena_t *a, const char *as_of, json_t *report, const sched_ctl_t *ctl) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    /* drafts from other capabilities may not carry the county yet */
    e = finding_jobs_fill_county(db, a);
    db_rows_t r;
    if (!e) e = finding_jobs_regions(db, a, &r);
    e = svc_end(db, a, e);
    if (e) return e;
    json_t *counts = json_pack("{s:I, s:I, s:I, s:I, s:I}", "reminded", (json_int_t)0, "overdue", (json_int_t)0,
                               "orders", (json_int_t)0, "interviews", (json_int_t)0, "accountability", (json_int_t)0);
    int64_t now = time_now();
    /* one transaction per region: a town's ladder is all or nothing, and the requests of
     * everyone else are not held up by the whole province's sweep */
    for (size_t i = 0; !e && i < r.n_rows; i++) {
        if (sched_should_stop(ctl)) {
            e = sched_stopping(a);
            break;
        }
        if ((e = svc_begin(s, a, &db))) break;
        e = escalate_region(db, a, db_cell(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2), as_of, now, counts);
        e = svc_end(db, a, e);
    }
    /* the 核查 clock: reports (and 销号 waiting for review) unverified past finding.verify_days */
    db_rows_t vc = {0};
    if (!e && (e = svc_begin(s, a, &db)) == NULL) e = svc_end(db, a, finding_jobs_verify_counties(db, a, &vc));
    json_object_set_new(counts, "verify_overdue", json_integer(0));
    for (size_t i = 0; !e && i < vc.n_rows; i++) {
        if ((e = svc_begin(s, a, &db))) break;
        finding_rules_t rules;
        int day;
        int64_t n = 0;
        const char *county = db_cell(&vc, i, 0);
        e = finding_rules_for(db, a, county, &rules);
        if (!e && finding_date_to_days(as_of, &day))
            e = finding_jobs_verify_overdue(db, a, county, (int64_t)(day - rules.verify_days) * 86400 - 8 * 3600, as_of,
                                            now, &n);
        e = svc_end(db, a, e);
        count_add(counts, "verify_overdue", n);
    }
    if (!e && (e = svc_begin(s, a, &db)) == NULL) {
        json_t *after = json_deep_copy(counts);
        json_object_set_new(after, "as_of", json_string(as_of));
        e = svc_end(db, a, svc_audit(db, a, NULL, "job_run", "job", "findings.escalate", NULL, NULL, after));
        json_decref(after);
    }
    json_object_update(report, counts);
    json_decref(counts);
    return e;
}

/* One county's recurrence check in short transactions (a school, or an indicator of the county,
 * each): the first run over a large backlog must not hold the write lock for everyone else. */
static err_t *recurrence_county(svc_t *s, db_t *db, arena_t *a, const char *county, int64_t as_of_t,
                                const sched_ctl_t *ctl, int64_t *n_school, int64_t *n_county) {
    finding_rules_t rules;
    err_t *e = finding_rules_for(db, a, county, &rules);
    if (e) return e;
    int64_t window = (int64_t)rules.recurrence_window_days * 86400;
    db_rows_t schools, g;
    if ((e = finding_jobs_recurrence_schools(db, a, county, &schools))) return e;
    /* the same indicator again at the same school within the window */
    for (size_t k = 0; !e && k < schools.n_rows; k++) {
        if (sched_should_stop(ctl)) return sched_stopping(a);
        int64_t run, n = 0;
        if ((e = next_run_id(db, a, &run)) || (e = svc_begin(s, a, &db))) break;
        e = finding_jobs_flag_school_recurrence(db, a, db_cell_int(&schools, k, 0), run, window, as_of_t, time_now(),
                                                &n);
        *n_school += n;
        e = svc_end(db, a, e);
    }
    /* the same indicator at many schools of the county within the window */
    if (!e)
        e = finding_jobs_county_indicators(db, a, county, as_of_t - window, as_of_t, rules.recurrence_county_schools,
                                           &g);
    for (size_t i = 0; !e && i < g.n_rows; i++) {
        int64_t run, n = 0;
        if ((e = next_run_id(db, a, &run)) || (e = svc_begin(s, a, &db))) break;
        e = finding_jobs_flag_county_recurrence(db, a, county, db_cell(&g, i, 0), run, as_of_t - window, as_of_t,
                                                time_now(), &n);
        *n_county += n;
        e = svc_end(db, a, e);
    }
    return e;
}

err_t *finding_job_recurrence(svc_t *s, arena_t *a, const char *as_of, json_t *report, const sched_ctl_t *ctl) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    int64_t as_of_t = 0;
    time_parse_date(as_of, &as_of_t);
    as_of_t += 16 * 3600; /* the end of that day in Asia/Shanghai */
    db_rows_t counties;
    int64_t n_school = 0, n_county = 0;
    if ((e = finding_jobs_counties(db, a, &counties))) return e;
    for (size_t c = 0; !e && c < counties.n_rows; c++)
        e = recurrence_county(s, db, a, db_cell(&counties, c, 0), as_of_t, ctl, &n_school, &n_county);
    if (!e && !(e = svc_begin(s, a, &db))) {
        json_t *after = json_pack("{s:s, s:I, s:I}", "as_of", as_of, "school", (json_int_t)n_school, "county",
                                  (json_int_t)n_county);
        e = svc_end(db, a, svc_audit(db, a, NULL, "job_run", "job", "findings.recurrence", NULL, NULL, after));
        json_decref(after);
    }
    json_object_set_new(report, "school", json_integer(n_school));
    json_object_set_new(report, "county", json_integer(n_county));
    return e;
}
