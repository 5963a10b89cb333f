#include "svc/findings/finding_jobs.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/findings/finding_lifecycle.h"
#include "store/findings/finding_store.h"
#include "svc/findings/finding_svc.h"
#include "util/hash.h"
#include "util/timeutil.h"

#define OWED "state IN ('issued', 'rectifying')"

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

/* The events of one set-based step: every finding this run just raised to `level`. */
static err_t *step_events(db_t *db, arena_t *a, const char *region, int64_t run, int level, const char *kind,
                          const char *note_sql, int64_t now) {
    const char *sql =
        arena_printf(a,
                     "INSERT INTO finding_event (finding_id, kind, from_state, to_state, actor_name, "
                     "actor_role, note, at) SELECT id, '%s', state, state, '系统', 'system', %s, $4 "
                     "FROM finding WHERE region_code = $1 AND escalation_run = $2 AND escalation_level = $3",
                     kind, note_sql);
    return db_query(db, a, sql, DB_P(DBV_S(region), DBV_I(run), DBV_I(level), DBV_I(now)), NULL);
}

/* Raises the owed findings of a region (a town, or a county's own schools) whose deadline is in [lo, hi] (NULL = open)
 * and whose level is below `level`; returns how many. */
static err_t *step_raise(db_t *db, arena_t *a, const char *region, int64_t run, int level, const char *lo,
                         const char *hi, int64_t *n) {
    db_rows_t r;
    const char *sql =
        arena_printf(a,
                     "UPDATE finding SET escalation_level = $3, escalation_run = $2%s WHERE region_code = "
                     "$1 AND " OWED " AND escalation_level < $3 AND deadline IS NOT NULL%s%s",
                     level >= ESC_OVERDUE ? ", is_overdue = 1" : "", lo ? " AND deadline >= $4" : "",
                     hi ? (lo ? " AND deadline <= $5" : " AND deadline <= $4") : "");
    err_t *e;
    if (lo && hi)
        e = db_query(db, a, sql, DB_P(DBV_S(region), DBV_I(run), DBV_I(level), DBV_S(lo), DBV_S(hi)), &r);
    else if (lo)
        e = db_query(db, a, sql, DB_P(DBV_S(region), DBV_I(run), DBV_I(level), DBV_S(lo)), &r);
    else
        e = db_query(db, a, sql, DB_P(DBV_S(region), DBV_I(run), DBV_I(level), DBV_S(hi)), &r);
    if (!e) *n = r.n_changed;
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
    if ((e = step_raise(db, a, region, run, ESC_REMINDED, as_of, remind_to, &n))) return e;
    if (n && (e = step_events(db, a, region, run, ESC_REMINDED, "reminder", "'整改期限将至：' || deadline", now)))
        return e;
    json_object_set_new(counts, "reminded", json_integer(json_integer_value(json_object_get(counts, "reminded")) + n));
    /* 2. overdue: the deadline has passed */
    if ((e = step_raise(db, a, region, run, ESC_OVERDUE, NULL, yesterday, &n))) return e;
    if (n &&
        (e = step_events(db, a, region, run, ESC_OVERDUE, "overdue", "'已逾期（整改期限 ' || deadline || '）'", now)))
        return e;
    json_object_set_new(counts, "overdue", json_integer(json_integer_value(json_object_get(counts, "overdue")) + n));
    /* 3. 督办单: numbered in one block (the counter moves by the batch in one upsert, then the
     * orders take consecutive numbers in finding order), their events, one audit row for the
     * batch; a finding that has its order already keeps it (a retried run) */
    db_rows_t r;
    const char *due_cond = "f.region_code = $1 AND f." OWED " AND f.escalation_level < 3 AND f.deadline <= $2 AND NOT "
                           "EXISTS (SELECT 1 FROM supervision_order x WHERE x.finding_id = f.id)";
    if ((e = db_query(db, a, arena_printf(a, "SELECT COUNT(*) FROM finding f WHERE %s", due_cond),
                      DB_P(DBV_S(region), DBV_S(order_before)), &r)))
        return e;
    int64_t n_orders = db_scalar_int(&r, 0);
    int year = atoi(as_of);
    if (n_orders > 0) {
        if ((e = db_query(db, a,
                          "INSERT INTO doc_counter (county_code, year, kind, last_no) VALUES ($1, $2, 'order', $3) "
                          "ON CONFLICT (county_code, year, kind) DO UPDATE SET last_no = doc_counter.last_no + $3 "
                          "RETURNING last_no",
                          DB_P(DBV_S(county), DBV_I(year), DBV_I(n_orders)), &r)))
            return e;
        int64_t base = db_scalar_int(&r, 0) - n_orders;
        char due[16];
        finding_date_add(as_of, rules.order_after_days, due, sizeof due);
        /* "德督办〔2026〕" + number + "号", as finding_doc_no_text writes it */
        const char *full = finding_doc_no_text(a, county_name, "督办", year, 0);
        const char *prefix = arena_printf(a, "%.*s", (int)(strlen(full) - strlen("0号")), full);
        const char *sql = arena_printf(
            a,
            "INSERT INTO supervision_order (finding_id, region_code, school_id, county_code, order_no, to_department, "
            "deadline, is_automatic, issued_on, created_at) SELECT f.id, f.region_code, f.school_id, f.county_code, "
            "CAST($3 AS "
            "TEXT) || CAST(CAST($4 AS BIGINT) + ROW_NUMBER() OVER (ORDER BY f.id) AS TEXT) || '号', $5, $6, 1, $7, $8 "
            "FROM finding f WHERE %s ORDER BY f.id",
            due_cond);
        if ((e = db_query(db, a, sql,
                          DB_P(DBV_S(region), DBV_S(order_before), DBV_S(prefix), DBV_I(base),
                               DBV_S(arena_printf(a, "%s教育局", county_name)), DBV_S(due), DBV_S(as_of), DBV_I(now)),
                          NULL)))
            return e;
    }
    /* every owed finding past the order date is at level 3 now, with or without a new order */
    if ((e = db_query(
             db, a,
             "UPDATE finding SET escalation_level = 3, escalation_run = $2, is_overdue = 1 WHERE region_code = "
             "$1 AND " OWED " AND escalation_level < 3 AND deadline <= $3",
             DB_P(DBV_S(region), DBV_I(run), DBV_S(order_before)), NULL)))
        return e;
    if (n_orders > 0) {
        if ((e = db_query(db, a,
                          "INSERT INTO finding_event (finding_id, kind, from_state, to_state, actor_name, actor_role, "
                          "note, data_json, at) SELECT f.id, 'order', f.state, f.state, '系统', 'system', "
                          "'逾期未整改，发出督办单 ' || o.order_no, '{\"deadline\":\"' || o.deadline || "
                          "'\",\"order_id\":' || CAST(o.id AS TEXT) || ',\"order_no\":\"' || o.order_no || '\"}', $3 "
                          "FROM finding f JOIN supervision_order o ON o.finding_id = f.id WHERE f.region_code = $1 AND "
                          "f.escalation_run = $2 AND f.escalation_level = 3 AND o.created_at = $3",
                          DB_P(DBV_S(region), DBV_I(run), DBV_I(now)), NULL)))
            return e;
        json_t *data = json_pack("{s:s, s:I, s:s, s:s}", "as_of", as_of, "n_orders", (json_int_t)n_orders, "first_no",
                                 finding_doc_no_text(a, county_name, "督办", year, db_scalar_int(&r, 0) - n_orders + 1),
                                 "last_no", finding_doc_no_text(a, county_name, "督办", year, db_scalar_int(&r, 0)));
        e = svc_audit(db, a, NULL, "create", "supervision_order", arena_printf(a, "run:%" PRId64, run), county, NULL,
                      data);
        json_decref(data);
        if (e) return e;
    }
    json_object_set_new(counts, "orders",
                        json_integer(json_integer_value(json_object_get(counts, "orders")) + n_orders));
    /* 4. the 约谈 flag */
    if ((e = step_raise(db, a, region, run, ESC_INTERVIEW, NULL, interview_before, &n))) return e;
    if (n && (e = step_events(db, a, region, run, ESC_INTERVIEW, "interview", "'督办后仍未整改，列入约谈'", now)))
        return e;
    json_object_set_new(counts, "interviews",
                        json_integer(json_integer_value(json_object_get(counts, "interviews")) + n));
    /* 5. a school overdue repeatedly within a year: its open overdue findings → accountability */
    if ((e = db_query(
             db, a,
             "SELECT school_id FROM finding WHERE region_code = $1 AND school_id IS NOT NULL AND is_overdue = 1 "
             "AND issued_at >= $2 GROUP BY school_id HAVING COUNT(*) >= $3",
             DB_P(DBV_S(region), DBV_I(now - 365 * 86400), DBV_I(rules.overdue_for_accountability)), &r)))
        return e;
    int64_t n_flag = 0;
    for (size_t i = 0; i < r.n_rows; i++) {
        db_rows_t u;
        if ((e = db_query(db, a,
                          "UPDATE finding SET accountability_flag = 'school_repeatedly_overdue', escalation_run = $2 "
                          "WHERE school_id = $1 AND is_overdue = 1 AND " OWED " AND accountability_flag IS NULL",
                          DB_P(DBV_I(db_cell_int(&r, i, 0)), DBV_I(run)), &u)))
            return e;
        n_flag += u.n_changed;
        if (u.n_changed &&
            (e = db_query(
                 db, a,
                 "INSERT INTO finding_event (finding_id, kind, from_state, to_state, actor_name, actor_role, "
                 "note, at) SELECT id, 'accountability', state, state, '系统', 'system', "
                 "'学校一年内多次逾期，列入问责线索', $3 FROM finding WHERE school_id = $1 AND escalation_run = "
                 "$2 AND accountability_flag = 'school_repeatedly_overdue'",
                 DB_P(DBV_I(db_cell_int(&r, i, 0)), DBV_I(run), DBV_I(now)), NULL)))
            return e;
    }
    json_object_set_new(counts, "accountability",
                        json_integer(json_integer_value(json_object_get(counts, "accountability")) + n_flag));
    return NULL;
}

err_t *finding_job_escalate(svc_t *s, arena_t *a, const char *as_of, json_t *report, const sched_ctl_t *ctl) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    /* drafts from other capabilities may not carry the county yet */
    e = db_query(db, a,
                 "UPDATE finding SET county_code = (SELECT CASE WHEN r.level = 'town' THEN r.parent_code ELSE r.code "
                 "END FROM region r WHERE r.code = finding.region_code) WHERE county_code IS NULL",
                 DB_NOP, NULL);
    db_rows_t r;
    if (!e)
        e = db_query(db, a,
                     "SELECT DISTINCT f.region_code, f.county_code, c.name FROM finding f JOIN region c ON c.code = "
                     "f.county_code WHERE f." OWED " AND f.escalation_level < 4 ORDER BY f.region_code",
                     DB_NOP, &r);
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

err_t *finding_job_recurrence(svc_t *s, arena_t *a, const char *as_of, json_t *report, const sched_ctl_t *ctl) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    int64_t as_of_t = 0;
    time_parse_date(as_of, &as_of_t);
    as_of_t += 16 * 3600; /* the end of that day in Asia/Shanghai */
    db_rows_t counties;
    int64_t n_school = 0, n_county = 0;
    if ((e = db_query(db, a, "SELECT DISTINCT county_code FROM finding WHERE county_code IS NOT NULL ORDER BY 1",
                      DB_NOP, &counties)))
        return e;
    /* short transactions (a school, or an indicator of a county, each): the first run over a
     * large backlog must not hold the write lock for everyone else */
    for (size_t c = 0; !e && c < counties.n_rows; c++) {
        const char *county = db_cell(&counties, c, 0);
        finding_rules_t rules;
        if ((e = finding_rules_for(db, a, county, &rules))) break;
        int64_t window = (int64_t)rules.recurrence_window_days * 86400;
        db_rows_t schools;
        if ((e = db_query(db, a,
                          "SELECT DISTINCT school_id FROM finding WHERE county_code = $1 AND school_id IS NOT NULL AND "
                          "recurrence_flag IS NULL AND indicator_code IS NOT NULL AND state NOT IN ('draft', 'voided') "
                          "ORDER BY 1",
                          DB_P(DBV_S(county)), &schools)))
            break;
        for (size_t k = 0; !e && k < schools.n_rows; k++) {
            if (sched_should_stop(ctl)) {
                e = sched_stopping(a);
                break;
            }
            int64_t run;
            db_rows_t u;
            if ((e = next_run_id(db, a, &run)) || (e = svc_begin(s, a, &db))) break;
            /* the same indicator again at the same school within the window: the gap to the
             * previous finding of that indicator (one sort of the school's findings) */
            e = db_query(db, a,
                         "UPDATE finding SET recurrence_flag = 'school', escalation_run = $2 WHERE recurrence_flag IS "
                         "NULL AND id IN (SELECT id FROM (SELECT id, created_at - LAG(created_at) OVER (PARTITION BY "
                         "indicator_code ORDER BY created_at, id) AS gap FROM finding WHERE school_id = $1 AND state "
                         "NOT IN ('draft', 'voided') AND indicator_code IS NOT NULL AND created_at <= $4) t WHERE gap "
                         "<= $3)",
                         DB_P(DBV_I(db_cell_int(&schools, k, 0)), DBV_I(run), DBV_I(window), DBV_I(as_of_t)), &u);
            if (!e && u.n_changed) {
                n_school += u.n_changed;
                e = db_query(
                    db, a,
                    "INSERT INTO finding_event (finding_id, kind, from_state, to_state, actor_name, actor_role, "
                    "note, at) SELECT id, 'recurrence', state, state, '系统', 'system', "
                    "'同一学校同一指标问题复发', $3 FROM finding WHERE school_id = $1 AND escalation_run = $2 AND "
                    "recurrence_flag = 'school'",
                    DB_P(DBV_I(db_cell_int(&schools, k, 0)), DBV_I(run), DBV_I(time_now())), NULL);
            }
            e = svc_end(db, a, e);
        }
        /* the same indicator at many schools of the county within the window */
        db_rows_t g;
        if (!e)
            e = db_query(
                db, a,
                "SELECT indicator_code FROM finding WHERE county_code = $1 AND indicator_code IS NOT NULL AND "
                "state NOT IN ('draft', 'voided') AND created_at >= $2 AND created_at <= $3 GROUP BY "
                "indicator_code HAVING COUNT(DISTINCT school_id) >= $4",
                DB_P(DBV_S(county), DBV_I(as_of_t - window), DBV_I(as_of_t), DBV_I(rules.recurrence_county_schools)),
                &g);
        for (size_t i = 0; !e && i < g.n_rows; i++) {
            int64_t run;
            db_rows_t u;
            if ((e = next_run_id(db, a, &run)) || (e = svc_begin(s, a, &db))) break;
            e = db_query(
                db, a,
                "UPDATE finding SET recurrence_flag = CASE WHEN recurrence_flag = 'school' THEN "
                "'school_county' ELSE 'county' END, escalation_run = $3 WHERE county_code = $1 AND "
                "indicator_code = $2 AND state NOT IN ('draft', 'voided') AND created_at >= $4 AND created_at "
                "<= $5 AND (recurrence_flag IS NULL OR recurrence_flag = 'school')",
                DB_P(DBV_S(county), DBV_S(db_cell(&g, i, 0)), DBV_I(run), DBV_I(as_of_t - window), DBV_I(as_of_t)), &u);
            if (!e && u.n_changed) {
                n_county += u.n_changed;
                e = db_query(db, a,
                             "INSERT INTO finding_event (finding_id, kind, from_state, to_state, actor_name, "
                             "actor_role, note, at) SELECT id, 'recurrence', state, state, '系统', 'system', "
                             "'本县多所学校同一指标出现问题（共性问题）', $3 FROM finding WHERE county_code = $1 AND "
                             "escalation_run = $2",
                             DB_P(DBV_S(county), DBV_I(run), DBV_I(time_now())), NULL);
            }
            e = svc_end(db, a, e);
        }
    }
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
