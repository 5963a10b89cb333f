#include "svc/roster/school_svc.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/roster/codes.h"
#include "core/roster/assign_rules.h"
#include "store/roster/assignment_store.h"
#include "store/platform/region_store.h"
#include "store/platform/setting_store.h"
#include "store/roster/zone_store.h"
#include "util/timeutil.h"

static json_t *school_sections_json(const school_t *s) {
    json_t *secs = json_array();
    for (size_t i = 0; i < s->n_sections; i++)
        json_array_append_new(secs, json_pack("{s:s, s:I, s:I}", "section", s->sections[i].section, "enrollment",
                                              (json_int_t)s->sections[i].enrollment, "n_classes",
                                              (json_int_t)s->sections[i].n_classes));
    return secs;
}

/* One writer (school_write_json); the jansson form is read back from it. */
json_t *school_to_json(const school_t *s) {
    return SVC_JSON_OF(school_write_json, s);
}

void school_write_json(jw_t *w, const school_t *s) {
    agg_write_json_open(w, &school_agg, s);
    jw_key(w, "type_label");
    jw_str(w, codes_school_type_label(s->type_code));
    jw_key(w, "organizer_label");
    jw_str(w, codes_organizer_label(s->organizer));
    jw_key(w, "sections");
    jw_arr(w);
    for (size_t i = 0; i < s->n_sections; i++) {
        jw_obj(w);
        jw_key(w, "section");
        jw_str(w, s->sections[i].section);
        jw_key(w, "enrollment");
        jw_int(w, s->sections[i].enrollment);
        jw_key(w, "n_classes");
        jw_int(w, s->sections[i].n_classes);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

/* The audit form: the stored fields only. */
static json_t *school_audit_json(const school_t *s) {
    json_t *j = agg_to_audit_json(&school_agg, s);
    json_object_set_new(j, "sections", school_sections_json(s));
    return j;
}

err_t *school_svc_validate(db_t *db, arena_t *a, const actor_t *who, school_t *s) {
    if (!s->status) s->status = "open";
    const char *problem = codes_school_id_problem(s->code);
    if (problem) return err_new_raw(a, ERR_INVALID, "code", problem);
    err_t *e = agg_validate(a, &school_agg, s);
    if (e) return e;
    region_t r;
    e = region_store_get(db, a, who->region_path, s->region_code ? s->region_code : "", &r);
    if (e) return e;
    if (strcmp(r.level, "town") != 0 && strcmp(r.level, "county") != 0)
        return err_new(a, ERR_INVALID, "region_code", "学校所在地应为乡镇/街道或县级区划",
                       "a school lies in a town or a county");
    if (!codes_school_id_matches_region(s->code, s->region_code))
        return err_new(a, ERR_INVALID, "code", "学校标识码的省级代码与所在地不符",
                       "the school code's province digits do not match its region");
    s->region_name = r.name;
    s->county_code = strcmp(r.level, "town") == 0 ? r.parent_code : r.code;
    unsigned allowed = codes_school_type_sections(s->type_code);
    for (size_t i = 0; i < s->n_sections; i++) {
        section_t sec = codes_section_parse(s->sections[i].section);
        if (!sec || !(allowed & sec))
            return err_newf(a, ERR_INVALID, "sections", "学段 %s 与办学类型不符", "section %s does not fit the school type",
                            s->sections[i].section, s->sections[i].section);
        if (s->sections[i].enrollment < 0 || s->sections[i].n_classes < 0 || s->sections[i].enrollment > 100000)
            return err_new(a, ERR_INVALID, "sections", "在校生数和班级数应为非负整数", "enrollment and classes must be >= 0");
        for (size_t k = 0; k < i; k++)
            if (strcmp(s->sections[k].section, s->sections[i].section) == 0)
                return err_new(a, ERR_INVALID, "sections", "学段重复", "a section appears twice");
    }
    if (s->zone_id) {
        zone_t z;
        if ((e = zone_store_get(db, a, who->region_path, s->zone_id, &z))) return e;
        if (strcmp(z.county_code, s->county_code) != 0)
            return err_new(a, ERR_INVALID, "zone_id", "责任区与学校不在同一县", "the zone is in another county");
        s->zone_name = z.name;
    }
    return NULL;
}

err_t *school_svc_list(svc_t *s, arena_t *a, const actor_t *who, const school_filter_t *f, school_t **out,
                       size_t *n_out, int64_t *total) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = svc_region_filter(db, a, who, f->region_code);
    if (e) return e;
    scope_t sc = scope_of(who);
    return school_store_list(db, a, &sc, f, out, n_out, total);
}

err_t *school_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, school_t *out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = scope_of(who);
    return school_store_get(db, a, &sc, id, out);
}

/* Zone capacity (≤ 20, configurable) for a school entering zone_id. */
static err_t *school_zone_room(db_t *db, arena_t *a, const school_t *s, int64_t zone_id) {
    if (!zone_id) return NULL;
    assign_limits_t l;
    int64_t n = 0;
    err_t *e = setting_store_limits(db, a, s->county_code, &l);
    if (!e) e = school_store_count_in_zone(db, a, zone_id, &n);
    if (e) return e;
    if (!assign_zone_has_room(&l, (int)n, 1))
        return err_newf(a, ERR_INVALID, "zone_id", "责任区已有 %lld 所学校，不能超过 20 所",
                        "the zone already has %lld schools; at most 20", (long long)n, (long long)n);
    return NULL;
}

err_t *school_svc_create_tx(db_t *db, arena_t *a, const actor_t *who, school_t *in, school_t *out) {
    err_t *e = NULL;
    /* a new school is exactly what was validated (validate fills the derived names), so it is
     * not read back: an import of 100,000 schools saves as many queries */
    if (!(e = school_svc_validate(db, a, who, in)) && !(e = school_zone_room(db, a, in, in->zone_id)) &&
        !(e = school_store_insert(db, a, in, time_now()))) {
        *out = *in;
        out->enrollment = 0;
        for (size_t i = 0; i < in->n_sections; i++) out->enrollment += in->sections[i].enrollment;
        json_t *after = school_audit_json(out);
        e = svc_audit(db, a, who, "create", "school", arena_printf(a, "%" PRId64, out->id), out->region_code, NULL,
                      after);
        json_decref(after);
    }
    return e;
}

err_t *school_svc_create(svc_t *s, arena_t *a, const actor_t *who, school_t *in, school_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    return e ? e : svc_end(db, a, school_svc_create_tx(db, a, who, in, out));
}

err_t *school_svc_update_tx(db_t *db, arena_t *a, const actor_t *who, int64_t id, school_t *in, school_t *out) {
    err_t *e = NULL;
    scope_t sc = scope_of(who), all = {.region_path = "/"};
    school_t cur;
    if ((e = school_store_get(db, a, &sc, id, &cur))) goto done;
    in->id = id;
    if (in->code && strcmp(in->code, cur.code) != 0) {
        e = err_new(a, ERR_INVALID, "code", "学校标识码不能修改（更名保留原码；撤销后重新赋码）",
                    "a school keeps its code (renaming keeps it; a closed school's code is void)");
        goto done;
    }
    in->code = cur.code;
    if ((e = school_svc_validate(db, a, who, in))) goto done;
    if (in->zone_id && in->zone_id != cur.zone_id && (e = school_zone_room(db, a, in, in->zone_id))) goto done;
    if ((e = school_store_update(db, a, in, time_now()))) goto done;
    /* closing voids the code and ends the school's assignments (挂牌) */
    if (strcmp(in->status, "closed") == 0 && strcmp(cur.status, "closed") != 0 &&
        (e = assignment_store_end_for_school(db, a, id, "school_closed")))
        goto done;
    if ((e = school_store_get(db, a, &all, id, out))) goto done;
    e = svc_audit_change(db, a, who, "school", arena_printf(a, "%" PRId64, id), out->region_code,
                         school_audit_json(&cur), school_audit_json(out));
done:
    return e;
}

err_t *school_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, school_t *in, school_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    return e ? e : svc_end(db, a, school_svc_update_tx(db, a, who, id, in, out));
}
