/* 质量监测 整改方案: a weak dimension becomes findings in the ledger, re-measured next cycle. */
#include <stdio.h>
#include <string.h>

#include "core/monitoring/monitoring.h"
#include "store/monitoring/monitoring_store.h"
#include "store/platform/region_store.h"
#include "store/roster/school_store.h"
#include "svc/findings/finding_svc.h"
#include "svc/monitoring/monitoring_svc.h"
#include "util/timeutil.h"

static err_t *plan_county(db_t *db, arena_t *a, const actor_t *who, const char *code, region_t *out) {
    err_t *e = region_store_get(db, a, who->region_path, code ? code : (who->region_code ? who->region_code : ""), out);
    if (e) {
        e->field = "county_code";
        return e;
    }
    if (strcmp(out->level, "county") != 0)
        return err_newf(a, ERR_INVALID, "county_code", "%s 不是县级区划", "%s is not a county", out->name, out->code);
    return NULL;
}

static int source_rank(const char *s) {
    for (int i = 0; mon_sources[i]; i++)
        if (strcmp(s, mon_sources[i]) == 0) return i;
    return 9;
}

/* The figure a plan is measured by: same subject, grade, dimension and target in cycle; the
 * best source (national, provincial, city). NULL when absent. */
static const mon_row_t *measure_of(const mon_row_t *rows, size_t n, const char *county, int64_t cycle,
                                   const char *subject, int64_t grade, const char *dimension, int64_t school_id) {
    const mon_row_t *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const mon_row_t *r = &rows[i];
        if (r->cycle != cycle || r->grade != grade || strcmp(r->subject, subject) || strcmp(r->dimension, dimension) ||
            *r->factor || r->school_id != school_id || (school_id == 0 && strcmp(r->region_code, county)))
            continue;
        if (!best || source_rank(r->source) < source_rank(best->source)) best = r;
    }
    return best;
}

static bool has_results(const mon_row_t *rows, size_t n, const mon_plan_input_t *in, const char *subject) {
    for (size_t i = 0; i < n; i++)
        if (rows[i].cycle == in->cycle && rows[i].grade == in->grade && strcmp(rows[i].subject, subject) == 0)
            return true;
    return false;
}

static err_t *plan_check(arena_t *a, const mon_plan_input_t *in, const mon_subject_t **sub) {
    if (!(*sub = mon_subject_find(in->subject)))
        return err_newf(a, ERR_INVALID, "subject", "未知的学科“%s”", "unknown subject %s",
                        in->subject ? in->subject : "", in->subject ? in->subject : "");
    if (!mon_dimension_known(*sub, in->dimension))
        return err_newf(a, ERR_INVALID, "dimension", "%s没有维度“%s”", "%s has no dimension %s", (*sub)->name_zh,
                        in->dimension, (*sub)->name_en, in->dimension);
    if (in->grade != 4 && in->grade != 8)
        return err_new(a, ERR_INVALID, "grade", "年级应为 4 或 8", "grade must be 4 or 8");
    if (!in->measures || !*in->measures)
        return err_new(a, ERR_INVALID, "measures", "请填写整改措施", "give the rectification measures");
    if (strlen(in->measures) > 4000)
        return err_new(a, ERR_INVALID, "measures", "整改措施过长（≤ 4000 字节）", "measures too long (≤ 4000 bytes)");
    return NULL;
}

/* One target: its finding, then its plan row. */
static err_t *plan_one(db_t *db, arena_t *a, const actor_t *who, const mon_plan_input_t *in, const mon_subject_t *sub,
                       const region_t *county, int64_t school_id, const mon_row_t *base, json_t *items) {
    const char *dim = in->dimension && *in->dimension ? in->dimension : "";
    const char *what = *dim ? arena_printf(a, "%s·%s", sub->name_zh, dim) : sub->name_zh;
    const char *figure =
        base && base->has_levels ? arena_printf(a, "，水平Ⅲ及以上 %.1f%%", mon_share_iii_up(base->levels)) : "";
    finding_input_t fi = {
        .school_id = school_id,
        .region_code = school_id ? NULL : county->code,
        .severity = in->severity,
        .category = "质量监测",
        .indicator_code = arena_printf(a, "monitoring/%s/%lld/%s", sub->code, (long long)in->grade, dim),
        .indicator_text =
            arena_printf(a, "%lld 年质量监测 %s（%lld 年级）", (long long)in->cycle, what, (long long)in->grade),
        .description = arena_printf(a, "%lld 年质量监测 %lld 年级%s薄弱%s", (long long)in->cycle, (long long)in->grade,
                                    what, figure),
        .requirement = in->measures,
        .deadline = in->deadline,
        .source = "manual"};
    finding_t f;
    err_t *e = finding_svc_create_tx(db, a, who, &fi, &f);
    if (e) return e;
    mon_plan_t p = {.county_code = county->code,
                    .cycle = in->cycle,
                    .subject = sub->code,
                    .grade = in->grade,
                    .dimension = dim,
                    .school_id = school_id,
                    .measures = in->measures,
                    .finding_id = f.id};
    int64_t id;
    if ((e = mon_store_plan_insert(db, a, &p, who->user_id, time_now(), &id))) return e;
    json_t *after =
        json_pack("{s:I, s:s, s:I, s:s, s:I, s:s, s:I, s:I}", "id", (json_int_t)id, "county_code", county->code,
                  "cycle", (json_int_t)in->cycle, "subject", sub->code, "grade", (json_int_t)in->grade, "dimension",
                  dim, "school_id", (json_int_t)school_id, "finding_id", (json_int_t)f.id);
    e = svc_audit(db, a, who, "create", "monitoring_plan", svc_id_text(a, id), county->code, NULL, after);
    if (!e) json_array_append(items, after);
    json_decref(after);
    return e;
}

static err_t *plan_targets(db_t *db, arena_t *a, const actor_t *who, const mon_plan_input_t *in,
                           const mon_subject_t *sub, const region_t *county, json_t *items) {
    mon_row_t *rows;
    size_t n;
    mon_filter_t f = {.county_code = county->code, .cycle = in->cycle, .subject = sub->code, .grade = in->grade};
    err_t *e = mon_store_list(db, a, who->region_path, &f, &rows, &n);
    if (e) return e;
    if (!has_results(rows, n, in, sub->code))
        return err_newf(a, ERR_INVALID, "cycle", "%s 没有 %lld 年%s %lld 年级的监测结果",
                        "%s has no results of %lld for %s grade %lld", county->name, (long long)in->cycle, sub->name_zh,
                        (long long)in->grade, county->code, (long long)in->cycle, sub->name_en, (long long)in->grade);
    const char *dim = in->dimension ? in->dimension : "";
    scope_t in_county = scope_region(county->path);
    for (size_t i = 0; i < in->n_schools; i++) {
        school_t sch;
        if ((e = school_store_get(db, a, &in_county, in->school_ids[i], &sch))) {
            e->field = "school_ids";
            return e;
        }
        const mon_row_t *base = measure_of(rows, n, county->code, in->cycle, sub->code, in->grade, dim, sch.id);
        if ((e = plan_one(db, a, who, in, sub, county, sch.id, base, items))) return e;
    }
    if (!in->n_schools) {
        const mon_row_t *base = measure_of(rows, n, county->code, in->cycle, sub->code, in->grade, dim, 0);
        e = plan_one(db, a, who, in, sub, county, 0, base, items);
    }
    return e;
}

err_t *mon_svc_plan_create(svc_t *s, arena_t *a, const actor_t *who, const mon_plan_input_t *in, json_t **out) {
    const mon_subject_t *sub;
    region_t county;
    db_t *db;
    err_t *e = plan_check(a, in, &sub);
    if (e) return e;
    if ((e = svc_begin(s, a, &db))) return e;
    json_t *items = json_array();
    e = plan_county(db, a, who, in->county_code, &county);
    if (!e) e = plan_targets(db, a, who, in, sub, &county, items);
    if ((e = svc_end(db, a, e))) {
        json_decref(items);
        return e;
    }
    *out = json_pack("{s:o}", "items", items);
    return NULL;
}

static json_t *measure_json(const mon_row_t *r, int64_t min_n) {
    if (!r) return json_null();
    bool ok = mon_is_reportable(r->n_students, r->is_unreliable, min_n);
    return json_pack("{s:I, s:s, s:o, s:o, s:o}", "cycle", (json_int_t)r->cycle, "source", r->source, "share_iii_up",
                     ok && r->has_levels ? json_real(mon_share_iii_up(r->levels)) : json_null(), "mean_score",
                     ok && r->has_mean ? json_real(r->mean_score) : json_null(), "suppressed",
                     ok ? json_null() : json_string(r->is_unreliable ? "unreliable" : "few_students"));
}

/* The next cycle's figure of a plan: the earliest cycle after the plan's with one. */
static const mon_row_t *next_measure(const mon_row_t *rows, size_t n, const mon_plan_t *p) {
    const mon_row_t *next = NULL;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].cycle <= p->cycle || (next && rows[i].cycle >= next->cycle)) continue;
        const mon_row_t *r =
            measure_of(rows, n, p->county_code, rows[i].cycle, p->subject, p->grade, p->dimension, p->school_id);
        if (r) next = r;
    }
    return next;
}

static const char *plan_status(const mon_row_t *base, const mon_row_t *next, int64_t min_n) {
    if (!next || !mon_is_reportable(next->n_students, next->is_unreliable, min_n) || !next->has_levels)
        return "not_remeasured";
    if (base && base->has_levels && mon_share_iii_up(next->levels) <= mon_share_iii_up(base->levels))
        return "not_improved";
    return mon_level_passes(mon_share_iii_up(next->levels)) || (base && base->has_levels) ? "improved" : "not_improved";
}

err_t *mon_svc_plans(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t min_students,
                     json_t **out) {
    db_t *db;
    region_t county;
    mon_plan_t *plans;
    mon_row_t *rows;
    size_t n_plans, n_rows;
    int64_t min_n = MON_MIN_STUDENTS, min_schools = MON_MIN_SCHOOLS;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = plan_county(db, a, who, county_code, &county);
    if (!e) e = mon_store_settings(db, a, county.code, &min_n, &min_schools);
    if (min_students > 0) min_n = min_students;
    if (!e) e = mon_store_plans(db, a, who->region_path, county.code, &plans, &n_plans);
    mon_filter_t f = {.county_code = county.code};
    if (!e) e = mon_store_list(db, a, who->region_path, &f, &rows, &n_rows);
    if (e) return e;
    json_t *items = json_array();
    for (size_t i = 0; i < n_plans; i++) {
        const mon_plan_t *p = &plans[i];
        const mon_subject_t *sub = mon_subject_find(p->subject);
        const mon_row_t *base =
            measure_of(rows, n_rows, county.code, p->cycle, p->subject, p->grade, p->dimension, p->school_id);
        const mon_row_t *next = next_measure(rows, n_rows, p);
        json_array_append_new(
            items,
            json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:o, s:s?, s:s, s:I, s:s?, s:s?, s:o, s:o, s:s}", "id",
                      (json_int_t)p->id, "cycle", (json_int_t)p->cycle, "subject", p->subject, "subject_name",
                      sub ? sub->name_zh : p->subject, "grade", (json_int_t)p->grade, "dimension", p->dimension,
                      "school_id", p->school_id ? json_integer(p->school_id) : json_null(), "school_name",
                      p->school_name, "measures", p->measures, "finding_id", (json_int_t)p->finding_id, "finding_state",
                      p->finding_state, "finding_deadline", p->finding_deadline, "baseline", measure_json(base, min_n),
                      "next", measure_json(next, min_n), "status", plan_status(base, next, min_n)));
    }
    *out = json_pack("{s:s, s:s, s:o}", "county_code", county.code, "county_name", county.name, "items", items);
    return NULL;
}
