/* The 校历 use cases (see calendar_svc.h). */
#include "svc/calendar/calendar_svc.h"

#include <stdio.h>
#include <string.h>

#include "store/calendar/calendar_store.h"
#include "store/platform/region_store.h"
#include "util/timeutil.h"

/* The periods of one county's year: its own rows, or the default (*is_default). */
static err_t *load_year(db_t *db, arena_t *a, const char *county, int y, cal_period_t **out, size_t *n,
                        bool *is_default, cal_row_t **rows_out) {
    cal_row_t *rows = NULL;
    size_t nr = 0;
    err_t *e = *county ? cal_store_list(db, a, county, y, &rows, &nr) : NULL;
    if (e) return e;
    if (rows_out) *rows_out = rows;
    if (!nr) {
        cal_period_t *p = arena_alloc(a, 4 * sizeof *p);
        char *buf = arena_alloc(a, 4 * 22);
        *n = cal_default(y, p, buf);
        *out = p;
        *is_default = true;
        return NULL;
    }
    cal_period_t *p = arena_alloc(a, nr * sizeof *p);
    for (size_t i = 0; i < nr; i++) {
        cal_kind_t k = CAL_TERM;
        cal_kind_parse(rows[i].kind, &k);
        p[i] = (cal_period_t){k, rows[i].name, rows[i].starts_on, rows[i].ends_on};
    }
    *out = p;
    *n = nr;
    *is_default = false;
    return NULL;
}

err_t *cal_svc_load(db_t *db, arena_t *a, const char *region_code, const char *date, cal_t *out) {
    const char *county;
    err_t *e = cal_store_county_of(db, a, region_code, &county);
    if (e) return e;
    int y = cal_school_year_of(date);
    if (y < 0) return err_new(a, ERR_INVALID, "date", "日期应为 YYYY-MM-DD", "date must be YYYY-MM-DD");
    cal_period_t *p1, *p0;
    size_t n1, n0;
    bool d;
    if ((e = load_year(db, a, county, y, &p1, &n1, &d, NULL)) ||
        (e = load_year(db, a, county, y - 1, &p0, &n0, &d, NULL)))
        return e;
    cal_period_t *all = arena_alloc(a, (n0 + n1) * sizeof *all);
    memcpy(all, p0, n0 * sizeof *all);
    memcpy(all + n0, p1, n1 * sizeof *all);
    *out = (cal_t){all, n0 + n1};
    return NULL;
}

static err_t *county_of(db_t *db, arena_t *a, const actor_t *who, const char *code, region_t *out) {
    if (!code || !*code) code = who->region_code;
    err_t *e = region_store_get(db, a, who->region_path, code ? code : "", out);
    if (e) {
        e->field = "county_code";
        return e;
    }
    if (strcmp(out->level, "county") != 0)
        return err_newf(a, ERR_INVALID, "county_code", "%s 不是县级区划：校历按县设置",
                        "%s is not a county: a 校历 is per county", out->name, code);
    return NULL;
}

static json_t *row_json(const cal_row_t *r) {
    cal_kind_t k = CAL_TERM;
    cal_kind_parse(r->kind, &k);
    return json_pack("{s:o, s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "id", svc_jid(r->id), "county_code", r->county_code,
                     "school_year", (json_int_t)r->school_year, "kind", r->kind, "kind_label", cal_kind_label(k),
                     "name", r->name, "starts_on", r->starts_on, "ends_on", r->ends_on);
}

err_t *cal_svc_get(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                   json_t **out) {
    db_t *db;
    region_t county;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = county_of(db, a, who, county_code, &county);
    if (e) return e;
    char today[16];
    time_today_cn(today, sizeof today);
    int y = school_year > 0 ? (int)school_year : cal_school_year_of(today);
    cal_period_t *p;
    size_t n;
    bool is_default;
    cal_row_t *rows = NULL;
    if ((e = load_year(db, a, county.code, y, &p, &n, &is_default, &rows))) return e;
    json_t *periods = json_array(), *months = json_array();
    for (size_t i = 0; i < n; i++) {
        if (is_default) {
            cal_row_t r = {0, county.code, y, cal_kind_name(p[i].kind), p[i].name, p[i].starts_on, p[i].ends_on};
            json_array_append_new(periods, row_json(&r));
        } else {
            json_array_append_new(periods, row_json(&rows[i]));
        }
    }
    cal_t c = {p, n};
    for (int i = 0; i < 12; i++) {
        int mm = (8 + i) % 12 + 1, yy = mm >= 9 ? y : y + 1;
        char month[16];
        snprintf(month, sizeof month, "%04d-%02d", yy % 10000, mm);
        json_array_append_new(months, json_pack("{s:s, s:i, s:b}", "month", month, "school_days",
                                                cal_school_days_in_month(&c, month), "in_session",
                                                cal_month_in_session(&c, month)));
    }
    *out = json_pack("{s:s, s:s, s:i, s:b, s:i, s:o, s:o}", "county_code", county.code, "county_name", county.name,
                     "school_year", y, "is_default", is_default, "min_school_days", CAL_MIN_SCHOOL_DAYS, "periods",
                     periods, "months", months);
    return NULL;
}

static err_t *check_input(arena_t *a, const cal_input_t *in, int y, cal_period_t *p) {
    if (!cal_kind_parse(in->kind, &p->kind))
        return err_new(a, ERR_INVALID, "kind", "类型应为 term（学期）、holiday（节假日）或 exam（考试周）",
                       "kind must be term, holiday or exam");
    if (!in->name || !*in->name || strlen(in->name) > 100)
        return err_new(a, ERR_INVALID, "name", "请填写名称（≤ 100 字节）", "a name (at most 100 bytes) is required");
    p->name = in->name;
    p->starts_on = in->starts_on;
    p->ends_on = in->ends_on;
    const char *msg = NULL, *field = cal_period_check(p, y, &msg);
    if (field) {
        const char *sep = strstr(msg, " / ");
        return err_new(a, ERR_INVALID, field, sep ? arena_strndup(a, msg, (size_t)(sep - msg)) : msg,
                       sep ? sep + 3 : msg);
    }
    return NULL;
}

err_t *cal_svc_create(svc_t *s, arena_t *a, const actor_t *who, const cal_input_t *in, json_t **out) {
    int y = in->school_year > 0 ? (int)in->school_year : cal_school_year_of(in->starts_on);
    if (y < 2000 || y > 2100)
        return err_new(a, ERR_INVALID, in->school_year > 0 ? "school_year" : "starts_on",
                       "学年应在 2000–2100 之间（或给出有效的开始日期）",
                       "school_year must be 2000–2100 (or give a valid starts_on)");
    cal_period_t p;
    err_t *e = check_input(a, in, y, &p);
    if (e) return e;
    db_t *db;
    region_t county;
    if ((e = svc_begin(s, a, &db))) return e;
    if ((e = county_of(db, a, who, in->county_code, &county))) goto done;
    cal_row_t r = {0, county.code, y, cal_kind_name(p.kind), p.name, p.starts_on, p.ends_on};
    if ((e = cal_store_insert(db, a, &r, who->user_id, time_now()))) goto done;
    *out = row_json(&r);
    e = svc_audit(db, a, who, "create", "calendar_period", svc_id_text(a, r.id), county.code, NULL, *out);
done:
    return svc_end(db, a, e);
}

err_t *cal_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const cal_input_t *in, json_t **out) {
    db_t *db;
    region_t county;
    cal_row_t old;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    if ((e = cal_store_get(db, a, id, &old)) || (e = county_of(db, a, who, old.county_code, &county))) {
        if (e->code == ERR_NOT_FOUND || e->code == ERR_INVALID)
            e = err_new(a, ERR_NOT_FOUND, "id", "校历条目不存在", "no such calendar period");
        goto done;
    }
    cal_input_t m = {.kind = in->kind ? in->kind : old.kind,
                     .name = in->name ? in->name : old.name,
                     .starts_on = in->starts_on ? in->starts_on : old.starts_on,
                     .ends_on = in->ends_on ? in->ends_on : old.ends_on};
    cal_period_t p;
    if ((e = check_input(a, &m, (int)old.school_year, &p))) goto done;
    cal_row_t r = {id, old.county_code, old.school_year, cal_kind_name(p.kind), p.name, p.starts_on, p.ends_on};
    if ((e = cal_store_update(db, a, &r, time_now()))) goto done;
    *out = row_json(&r);
    e = svc_audit_change(db, a, who, "calendar_period", svc_id_text(a, id), old.county_code, row_json(&old),
                         json_incref(*out));
done:
    return svc_end(db, a, e);
}

err_t *cal_svc_delete(svc_t *s, arena_t *a, const actor_t *who, int64_t id) {
    db_t *db;
    region_t county;
    cal_row_t old;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    if ((e = cal_store_get(db, a, id, &old)) || (e = county_of(db, a, who, old.county_code, &county))) {
        if (e->code == ERR_NOT_FOUND || e->code == ERR_INVALID)
            e = err_new(a, ERR_NOT_FOUND, "id", "校历条目不存在", "no such calendar period");
        goto done;
    }
    if ((e = cal_store_delete(db, a, id))) goto done;
    json_t *before = row_json(&old);
    e = svc_audit(db, a, who, "delete", "calendar_period", svc_id_text(a, id), old.county_code, before, NULL);
    json_decref(before);
done:
    return svc_end(db, a, e);
}
