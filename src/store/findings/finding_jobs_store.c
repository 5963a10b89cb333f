#include "store/findings/finding_jobs_store.h"

#include "core/doc_no.h"
#include "core/findings/finding_lifecycle.h"
#include "store/findings/finding_sql.h"

err_t *finding_jobs_fill_county(db_t *db, arena_t *a) {
    return db_query(
        db, a,
        "UPDATE finding SET county_code = (SELECT CASE WHEN r.level = 'town' THEN r.parent_code ELSE r.code "
        "END FROM region r WHERE r.code = finding.region_code) WHERE county_code IS NULL",
        DB_NOP, NULL);
}

err_t *finding_jobs_regions(db_t *db, arena_t *a, db_rows_t *out) {
    return db_query(db, a,
                    arena_printf(a,
                                 "SELECT DISTINCT f.region_code, f.county_code, c.name FROM finding f JOIN region c ON "
                                 "c.code = f.county_code WHERE %s AND f.escalation_level < 4 ORDER BY f.region_code",
                                 finding_sql_owed(a, "f")),
                    DB_NOP, out);
}

err_t *finding_jobs_raise(db_t *db, arena_t *a, const char *region, int64_t run, int level, const char *lo,
                          const char *hi, int64_t *n) {
    db_rows_t r;
    const char *sql =
        arena_printf(a,
                     "UPDATE finding SET escalation_level = $3, escalation_run = $2%s WHERE region_code = "
                     "$1 AND %s AND escalation_level < $3 AND deadline IS NOT NULL%s%s",
                     level >= ESC_OVERDUE ? ", is_overdue = 1" : "", finding_sql_owed(a, NULL),
                     lo ? " AND deadline >= $4" : "", hi ? (lo ? " AND deadline <= $5" : " AND deadline <= $4") : "");
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

err_t *finding_jobs_step_events(db_t *db, arena_t *a, const char *region, int64_t run, int level,
                                finding_jobs_step_t step, int64_t now) {
    static const char *const kinds[] = {"reminder", "overdue", "interview"};
    static const char *const notes[] = {"'整改期限将至：' || deadline", "'已逾期（整改期限 ' || deadline || '）'",
                                        "'督办后仍未整改，列入约谈'"};
    const char *sql =
        arena_printf(a,
                     "INSERT INTO finding_event (finding_id, kind, from_state, to_state, actor_name, "
                     "actor_role, note, at) SELECT id, '%s', state, state, '系统', 'system', %s, $4 "
                     "FROM finding WHERE region_code = $1 AND escalation_run = $2 AND escalation_level = $3",
                     kinds[step], notes[step]);
    return db_query(db, a, sql, DB_P(DBV_S(region), DBV_I(run), DBV_I(level), DBV_I(now)), NULL);
}

/* the findings of a region that get a 督办单 now: $1 region, $2 the last deadline */
static const char *orders_due_cond(arena_t *a) {
    return arena_printf(a,
                        "f.region_code = $1 AND %s AND f.escalation_level < 3 AND f.deadline <= $2 AND NOT EXISTS "
                        "(SELECT 1 FROM supervision_order x WHERE x.finding_id = f.id)",
                        finding_sql_owed(a, "f"));
}

err_t *finding_jobs_orders_due(db_t *db, arena_t *a, const char *region, const char *order_before, int64_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a, arena_printf(a, "SELECT COUNT(*) FROM finding f WHERE %s", orders_due_cond(a)),
                        DB_P(DBV_S(region), DBV_S(order_before)), &r);
    if (!e) *n = db_scalar_int(&r, 0);
    return e;
}

err_t *finding_jobs_issue_orders(db_t *db, arena_t *a, const finding_jobs_orders_t *o, int64_t *last_no) {
    /* a proposal: no number yet (the office's confirmation gives it one) */
    *last_no = 0;
    const char *sql = arena_printf(
        a,
        "INSERT INTO supervision_order (finding_id, region_code, school_id, county_code, order_no, to_department, "
        "deadline, is_automatic, issued_on, created_at, state) SELECT f.id, f.region_code, f.school_id, f.county_code, "
        "'', $3, $4, 1, $5, $6, 'proposed' FROM finding f WHERE %s ORDER BY f.id",
        orders_due_cond(a));
    return db_query(db, a, sql,
                    DB_P(DBV_S(o->region), DBV_S(o->order_before), DBV_S(o->to_department), DBV_S(o->deadline),
                         DBV_S(o->issued_on), DBV_I(o->now)),
                    NULL);
}

err_t *finding_jobs_raise_to_order(db_t *db, arena_t *a, const char *region, int64_t run, const char *order_before) {
    return db_query(db, a,
                    arena_printf(a,
                                 "UPDATE finding SET escalation_level = 3, escalation_run = $2, is_overdue = 1 WHERE "
                                 "region_code = $1 AND %s AND escalation_level < 3 AND deadline <= $3",
                                 finding_sql_owed(a, NULL)),
                    DB_P(DBV_S(region), DBV_I(run), DBV_S(order_before)), NULL);
}

err_t *finding_jobs_order_events(db_t *db, arena_t *a, const char *region, int64_t run, int64_t now) {
    return db_query(db, a,
                    "INSERT INTO finding_event (finding_id, kind, from_state, to_state, actor_name, actor_role, "
                    "note, data_json, at) SELECT f.id, 'order_proposed', f.state, f.state, '系统', 'system', "
                    "'逾期未整改，拟发督办单（待督导室确认）', '{\"deadline\":\"' || o.deadline || "
                    "'\",\"order_id\":' || CAST(o.id AS TEXT) || '}', $3 "
                    "FROM finding f JOIN supervision_order o ON o.finding_id = f.id WHERE f.region_code = $1 AND "
                    "f.escalation_run = $2 AND f.escalation_level = 3 AND o.created_at = $3",
                    DB_P(DBV_S(region), DBV_I(run), DBV_I(now)), NULL);
}

/* A flag step: the update tags the rows it changes with the run; when it changed any, the
 * events statement writes their history. *n how many. */
static err_t *flag_with_events(db_t *db, arena_t *a, const char *update_sql, const db_val_t *up, size_t n_up,
                               const char *events_sql, const db_val_t *ev, size_t n_ev, int64_t *n) {
    db_rows_t u;
    err_t *e = db_query(db, a, update_sql, up, n_up, &u);
    if (e) return e;
    *n = u.n_changed;
    return u.n_changed ? db_query(db, a, events_sql, ev, n_ev, NULL) : NULL;
}

err_t *finding_jobs_repeatedly_overdue(db_t *db, arena_t *a, const char *region, int64_t since, int64_t min_count,
                                       db_rows_t *out) {
    return db_query(db, a,
                    "SELECT school_id FROM finding WHERE region_code = $1 AND school_id IS NOT NULL AND is_overdue = 1 "
                    "AND issued_at >= $2 GROUP BY school_id HAVING COUNT(*) >= $3",
                    DB_P(DBV_S(region), DBV_I(since), DBV_I(min_count)), out);
}

err_t *finding_jobs_flag_overdue_school(db_t *db, arena_t *a, int64_t school_id, int64_t run, int64_t now, int64_t *n) {
    return flag_with_events(
        db, a,
        arena_printf(a,
                     "UPDATE finding SET accountability_flag = 'school_repeatedly_overdue', "
                     "escalation_run = $2 WHERE school_id = $1 AND is_overdue = 1 AND %s AND "
                     "accountability_flag IS NULL",
                     finding_sql_owed(a, NULL)),
        DB_P(DBV_I(school_id), DBV_I(run)),
        "INSERT INTO finding_event (finding_id, kind, from_state, to_state, actor_name, actor_role, "
        "note, at) SELECT id, 'accountability', state, state, '系统', 'system', "
        "'学校一年内多次逾期，列入问责线索', $3 FROM finding WHERE school_id = $1 AND escalation_run = "
        "$2 AND accountability_flag = 'school_repeatedly_overdue'",
        DB_P(DBV_I(school_id), DBV_I(run), DBV_I(now)), n);
}

err_t *finding_jobs_counties(db_t *db, arena_t *a, db_rows_t *out) {
    return db_query(db, a, "SELECT DISTINCT county_code FROM finding WHERE county_code IS NOT NULL ORDER BY 1", DB_NOP,
                    out);
}

err_t *finding_jobs_recurrence_schools(db_t *db, arena_t *a, const char *county, db_rows_t *out) {
    return db_query(db, a,
                    "SELECT DISTINCT school_id FROM finding WHERE county_code = $1 AND school_id IS NOT NULL AND "
                    "recurrence_flag IS NULL AND indicator_code IS NOT NULL AND state NOT IN ('draft', 'voided') "
                    "ORDER BY 1",
                    DB_P(DBV_S(county)), out);
}

err_t *finding_jobs_flag_school_recurrence(db_t *db, arena_t *a, int64_t school_id, int64_t run, int64_t window,
                                           int64_t as_of_t, int64_t now, int64_t *n) {
    /* the gap to the previous finding of the same indicator (one sort of the school's findings) */
    return flag_with_events(
        db, a,
        "UPDATE finding SET recurrence_flag = 'school', escalation_run = $2 WHERE recurrence_flag IS "
        "NULL AND id IN (SELECT id FROM (SELECT id, created_at - LAG(created_at) OVER (PARTITION BY "
        "indicator_code ORDER BY created_at, id) AS gap FROM finding WHERE school_id = $1 AND state "
        "NOT IN ('draft', 'voided') AND indicator_code IS NOT NULL AND created_at <= $4) t WHERE gap "
        "<= $3)",
        DB_P(DBV_I(school_id), DBV_I(run), DBV_I(window), DBV_I(as_of_t)),
        "INSERT INTO finding_event (finding_id, kind, from_state, to_state, actor_name, actor_role, "
        "note, at) SELECT id, 'recurrence', state, state, '系统', 'system', "
        "'同一学校同一指标问题复发', $3 FROM finding WHERE school_id = $1 AND escalation_run = $2 AND "
        "recurrence_flag = 'school'",
        DB_P(DBV_I(school_id), DBV_I(run), DBV_I(now)), n);
}

err_t *finding_jobs_county_indicators(db_t *db, arena_t *a, const char *county, int64_t from, int64_t to,
                                      int64_t min_schools, db_rows_t *out) {
    return db_query(db, a,
                    "SELECT indicator_code FROM finding WHERE county_code = $1 AND indicator_code IS NOT NULL AND "
                    "state NOT IN ('draft', 'voided') AND created_at >= $2 AND created_at <= $3 GROUP BY "
                    "indicator_code HAVING COUNT(DISTINCT school_id) >= $4",
                    DB_P(DBV_S(county), DBV_I(from), DBV_I(to), DBV_I(min_schools)), out);
}

err_t *finding_jobs_flag_county_recurrence(db_t *db, arena_t *a, const char *county, const char *indicator, int64_t run,
                                           int64_t from, int64_t to, int64_t now, int64_t *n) {
    return flag_with_events(
        db, a,
        "UPDATE finding SET recurrence_flag = CASE WHEN recurrence_flag = 'school' THEN "
        "'school_county' ELSE 'county' END, escalation_run = $3 WHERE county_code = $1 AND "
        "indicator_code = $2 AND state NOT IN ('draft', 'voided') AND created_at >= $4 AND created_at "
        "<= $5 AND (recurrence_flag IS NULL OR recurrence_flag = 'school')",
        DB_P(DBV_S(county), DBV_S(indicator), DBV_I(run), DBV_I(from), DBV_I(to)),
        "INSERT INTO finding_event (finding_id, kind, from_state, to_state, actor_name, "
        "actor_role, note, at) SELECT id, 'recurrence', state, state, '系统', 'system', "
        "'本县多所学校同一指标出现问题（共性问题）', $3 FROM finding WHERE county_code = $1 AND "
        "escalation_run = $2",
        DB_P(DBV_S(county), DBV_I(run), DBV_I(now)), n);
}

#define VERIFY_DUE_COND                                                                                                \
    "county_code = $1 AND state IN ('submitted', 'review') AND verify_overdue_on IS NULL AND submitted_at "            \
    "IS NOT NULL AND submitted_at < $2"

err_t *finding_jobs_verify_counties(db_t *db, arena_t *a, db_rows_t *out) {
    return db_query(db, a,
                    "SELECT DISTINCT county_code FROM finding WHERE state IN ('submitted', 'review') AND "
                    "verify_overdue_on IS NULL AND county_code IS NOT NULL ORDER BY county_code",
                    DB_NOP, out);
}

err_t *finding_jobs_verify_overdue(db_t *db, arena_t *a, const char *county, int64_t before, const char *as_of,
                                   int64_t now, int64_t *n) {
    err_t *e = db_query(db, a,
                        "INSERT INTO finding_event (finding_id, kind, from_state, to_state, actor_name, actor_role, "
                        "note, at) SELECT id, 'verify_overdue', state, state, '系统', 'system', "
                        "'整改报告核查已逾期，请尽快核查', $3 FROM finding WHERE " VERIFY_DUE_COND,
                        DB_P(DBV_S(county), DBV_I(before), DBV_I(now)), NULL);
    db_rows_t r;
    if (!e)
        e = db_query(db, a, "UPDATE finding SET verify_overdue_on = $3 WHERE " VERIFY_DUE_COND,
                     DB_P(DBV_S(county), DBV_I(before), DBV_S(as_of)), &r);
    if (!e) *n = r.n_changed;
    return e;
}
