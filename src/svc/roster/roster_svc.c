#include "svc/roster/roster_svc.h"

#include <inttypes.h>
#include <string.h>

#include "store/platform/files.h"
#include "store/platform/region_store.h"
#include "store/roster/coverage_store.h"
#include "store/roster/school_store.h"
#include "store/platform/setting_store.h"
#include "store/platform/user_store.h"
#include "svc/roster/school_svc.h"
#include "util/timeutil.h"

/* ---------------- zones ---------------- */

json_t *zone_to_json(const zone_t *z) {
    return SVC_JSON_OF(zone_write_json, z);
}

void zone_write_json(jw_t *w, const zone_t *z) {
    agg_write_json_open(w, &zone_agg, z);
    jw_obj_end(w);
}

err_t *zone_svc_list(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, zone_t **out, size_t *n) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : zone_store_list(db, a, who->region_path, county_code, out, n);
}

static err_t *zone_check_name(arena_t *a, const char *name) {
    if (!name || !*name || strlen(name) > 100)
        return err_new(a, ERR_INVALID, "name", "责任区名称不能为空", "the zone name is required");
    return NULL;
}

err_t *zone_svc_create_tx(db_t *db, arena_t *a, const actor_t *who, const char *county_code, const char *name,
                          const char *district_name, zone_t *out) {
    err_t *e = zone_check_name(a, name);
    if (e) return e;
    region_t county;
    zone_t z = {.county_code = county_code, .name = name};
    if ((e = region_store_get(db, a, who->region_path, county_code ? county_code : "", &county))) goto done;
    if (strcmp(county.level, "county") != 0) {
        e = err_new(a, ERR_INVALID, "county_code", "责任区应属于县级区划", "a zone belongs to a county");
        goto done;
    }
    if (district_name && *district_name && (e = zone_store_district(db, a, county_code, district_name, &z.district_id)))
        goto done;
    if ((e = zone_store_insert(db, a, &z, time_now())) || (e = zone_store_get(db, a, "/", z.id, out))) goto done;
    json_t *after = zone_to_json(out);
    e = svc_audit(db, a, who, "create", "zone", svc_id_text(a, out->id), county_code, NULL, after);
    json_decref(after);
done:
    return e;
}

err_t *zone_svc_create(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, const char *name,
                       const char *district_name, zone_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    return e ? e : svc_end(db, a, zone_svc_create_tx(db, a, who, county_code, name, district_name, out));
}

err_t *zone_svc_update_tx(db_t *db, arena_t *a, const actor_t *who, int64_t id, const char *name,
                          const char *district_name, bool has_district, zone_t *out) {
    zone_t cur, z;
    err_t *e = zone_store_get(db, a, who->region_path, id, &cur);
    if (e) return e;
    z = cur;
    if (name) z.name = name;
    if ((e = zone_check_name(a, z.name))) return e;
    if (has_district) {
        z.district_id = 0;
        if (district_name && *district_name &&
            (e = zone_store_district(db, a, cur.county_code, district_name, &z.district_id)))
            return e;
    }
    if ((e = zone_store_update(db, a, &z)) || (e = zone_store_get(db, a, "/", id, out))) return e;
    return svc_audit_change(db, a, who, "zone", svc_id_text(a, id), cur.county_code, zone_to_json(&cur),
                            zone_to_json(out));
}

err_t *zone_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *name,
                       const char *district_name, bool has_district, zone_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    return e ? e : svc_end(db, a, zone_svc_update_tx(db, a, who, id, name, district_name, has_district, out));
}

err_t *zone_svc_add_schools(svc_t *s, arena_t *a, const actor_t *who, int64_t zone_id, const int64_t *school_ids,
                            size_t n, zone_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    zone_t z;
    assign_limits_t l;
    if ((e = zone_store_get(db, a, who->region_path, zone_id, &z)) ||
        (e = setting_store_limits(db, a, z.county_code, &l)))
        goto done;
    scope_t sc = {.region_path = who->region_path};
    int n_new = 0;
    for (size_t i = 0; i < n; i++) {
        school_t sch;
        if ((e = school_store_get(db, a, &sc, school_ids[i], &sch))) goto done;
        if (strcmp(sch.county_code, z.county_code) != 0) {
            e = err_newf(a, ERR_INVALID, "school_ids", "%s 不在该责任区所属县", "%s is not in the zone's county",
                         sch.name, sch.name);
            goto done;
        }
        if (sch.zone_id == zone_id) continue;
        n_new++;
        json_t *before = json_pack("{s:o}", "zone_id", sch.zone_id ? json_integer(sch.zone_id) : json_null());
        json_t *after = json_pack("{s:I}", "zone_id", (json_int_t)zone_id);
        sch.zone_id = zone_id;
        e = school_store_update(db, a, &sch, time_now());
        if (!e) e = svc_audit(db, a, who, "update", "school", svc_id_text(a, sch.id), sch.region_code, before, after);
        json_decref(before);
        json_decref(after);
        if (e) goto done;
    }
    if (!assign_zone_has_room(&l, (int)z.n_schools, n_new)) {
        e = err_newf(a, ERR_INVALID, "school_ids", "责任区最多 %d 所学校（现有 %lld，新增 %d）",
                     "a zone holds at most %d schools (has %lld, adding %d)", l.zone_max, (long long)z.n_schools, n_new,
                     l.zone_max, (long long)z.n_schools, n_new);
        goto done;
    }
    e = zone_store_get(db, a, "/", zone_id, out);
done:
    return svc_end(db, a, e);
}

/* ---------------- inspectors ---------------- */

/* One writer (inspector_write_json); the jansson form is read back from it. */
json_t *inspector_to_json(const inspector_t *i, const assign_limits_t *l, const char *today) {
    return SVC_JSON_OF(inspector_write_json, i, l, today);
}

void inspector_write_json(jw_t *w, const inspector_t *i, const assign_limits_t *l, const char *today) {
    agg_write_json_open(w, &inspector_agg, i);
    if (l) {
        inspector_facts_t f = {.kind = i->kind,
                               .degree = i->degree,
                               .years_in_education = (int)i->years_in_education,
                               .term_end = i->term_end,
                               .n_terms = (int)i->n_terms,
                               .training_hours = (int)i->training_hours,
                               .n_schools = (int)i->n_schools};
        assign_reason_t r[8];
        size_t n = assign_inspector_warnings(l, &f, today, r, 8);
        jw_key(w, "warnings");
        jw_arr(w);
        for (size_t k = 0; k < n; k++) {
            jw_obj(w);
            jw_key(w, "code");
            jw_str(w, r[k].code);
            jw_key(w, "message");
            jw_str(w, r[k].message);
            jw_obj_end(w);
        }
        jw_arr_end(w);
    }
    jw_obj_end(w);
}

static bool one_of(const char *v, const char *const *list) {
    for (; v && *list; list++)
        if (strcmp(v, *list) == 0) return true;
    return false;
}

/* The linked account must be a 督学 account in the caller's scope, linked to no other inspector:
 * the link is what scopes an inspector's sessions to his schools and tasks. */
static err_t *inspector_check_account(db_t *db, arena_t *a, const actor_t *who, const inspector_t *in) {
    user_t u;
    inspector_t other;
    bool found = false;
    err_t *e = user_store_get(db, a, who->region_path, in->user_id, &u);
    if (e) {
        e->field = "user_id";
        return e;
    }
    if (strcmp(u.role, "inspector") != 0)
        return err_newf(a, ERR_INVALID, "user_id", "账号 %s 不是督学账号", "account %s is not an inspector account",
                        u.username, u.username);
    if ((e = inspector_store_find_user(db, a, in->user_id, &other, &found))) return e;
    if (found && other.id != in->id)
        return err_newf(a, ERR_CONFLICT, "user_id", "账号 %s 已关联督学 %s", "account %s is already linked to %s",
                        u.username, other.name, u.username, other.name);
    return NULL;
}

err_t *inspector_svc_validate(db_t *db, arena_t *a, const actor_t *who, inspector_t *in) {
    static const char *const kinds[] = {"full_time", "part_time", "special", NULL};
    static const char *const degrees[] = {"doctor", "master", "bachelor", "associate", "other", NULL};
    static const char *const statuses[] = {"active", "suspended", "retired", NULL};
    if (!in->cert_no || !*in->cert_no || strlen(in->cert_no) > 40)
        return err_new(a, ERR_INVALID, "cert_no", "督学证号不能为空", "the certificate number is required");
    if (!in->name || !*in->name || strlen(in->name) > 60)
        return err_new(a, ERR_INVALID, "name", "姓名不能为空", "the name is required");
    if (!one_of(in->kind, kinds))
        return err_new(a, ERR_INVALID, "kind", "类别应为 full_time(专职)/part_time(兼职)/special(特聘)",
                       "kind must be full_time, part_time or special");
    if (in->degree && !one_of(in->degree, degrees))
        return err_new(a, ERR_INVALID, "degree", "学历应为 doctor/master/bachelor/associate/other",
                       "degree must be doctor, master, bachelor, associate or other");
    if (!in->status) in->status = "active";
    if (!one_of(in->status, statuses))
        return err_new(a, ERR_INVALID, "status", "状态应为 active/suspended/retired",
                       "status must be active, suspended or retired");
    if (in->years_in_education < 0 || in->years_in_education > 60)
        return err_new(a, ERR_INVALID, "years_in_education", "教育工作年限应在 0–60 之间",
                       "years in education: 0 to 60");
    if (in->training_hours < 0 || in->training_hours > 2000)
        return err_new(a, ERR_INVALID, "training_hours", "培训学时无效", "invalid training hours");
    if (in->n_terms < 1 || in->n_terms > 20)
        return err_new(a, ERR_INVALID, "n_terms", "任期数应为正整数", "n_terms must be a positive number");
    const char *dates[] = {in->appointed_on, in->term_start, in->term_end};
    const char *names[] = {"appointed_on", "term_start", "term_end"};
    for (int k = 0; k < 3; k++)
        if (dates[k] && !time_is_date(dates[k]))
            return err_newf(a, ERR_INVALID, names[k], "%s 应为 YYYY-MM-DD 日期", "%s must be a date YYYY-MM-DD",
                            names[k], names[k]);
    if (in->term_start && in->term_end && strcmp(in->term_start, in->term_end) > 0)
        return err_new(a, ERR_INVALID, "term_end", "任期结束早于开始", "the term ends before it starts");
    region_t r;
    err_t *e = region_store_get(db, a, who->region_path, in->region_code ? in->region_code : "", &r);
    if (e) return e;
    if (strcmp(r.level, "town") == 0)
        return err_new(a, ERR_INVALID, "region_code", "督学由县级以上督导机构聘任",
                       "inspectors are appointed by a county or above");
    in->region_name = r.name;
    return in->user_id ? inspector_check_account(db, a, who, in) : NULL;
}

err_t *inspector_svc_list(svc_t *s, arena_t *a, const actor_t *who, const inspector_filter_t *f, inspector_t **out,
                          size_t *n, int64_t *total, assign_limits_t *limits) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = svc_region_filter(db, a, who, f->region_code);
    if (!e) e = setting_store_limits(db, a, who->region_code, limits);
    return e ? e : inspector_store_list(db, a, who->region_path, f, out, n, total);
}

err_t *inspector_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, inspector_t *out,
                         assign_limits_t *limits) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = inspector_store_get(db, a, who->region_path, id, out);
    return e ? e : setting_store_limits(db, a, out->region_code, limits);
}

err_t *inspector_svc_create_tx(db_t *db, arena_t *a, const actor_t *who, inspector_t *in, inspector_t *out) {
    err_t *e = NULL;
    if (!(e = inspector_svc_validate(db, a, who, in)) && !(e = inspector_store_insert(db, a, in, time_now())) &&
        !(e = inspector_store_get(db, a, "/", in->id, out))) {
        json_t *after = inspector_to_json(out, NULL, NULL);
        e = svc_audit(db, a, who, "create", "inspector", svc_id_text(a, out->id), out->region_code, NULL, after);
        json_decref(after);
    }
    return e;
}

err_t *inspector_svc_create(svc_t *s, arena_t *a, const actor_t *who, inspector_t *in, inspector_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    return e ? e : svc_end(db, a, inspector_svc_create_tx(db, a, who, in, out));
}

err_t *inspector_svc_update_tx(db_t *db, arena_t *a, const actor_t *who, int64_t id, inspector_t *in,
                               inspector_t *out) {
    err_t *e = NULL;
    inspector_t cur;
    if ((e = inspector_store_get(db, a, who->region_path, id, &cur))) goto done;
    in->id = id;
    if ((e = inspector_svc_validate(db, a, who, in)) || (e = inspector_store_update(db, a, in, time_now()))) goto done;
    if ((e = inspector_store_get(db, a, "/", id, out))) goto done;
    e = svc_audit_change(db, a, who, "inspector", svc_id_text(a, id), out->region_code,
                         inspector_to_json(&cur, NULL, NULL), inspector_to_json(out, NULL, NULL));
done:
    return e;
}

err_t *inspector_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, inspector_t *in, inspector_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    return e ? e : svc_end(db, a, inspector_svc_update_tx(db, a, who, id, in, out));
}

err_t *inspector_svc_add_relation(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t school_id,
                                  const char *kind, const char *note) {
    static const char *const kinds[] = {"relative_of_principal", "employed", "formerly_employed", "other", NULL};
    if (!one_of(kind, kinds))
        return err_new(a, ERR_INVALID, "kind", "关系应为 relative_of_principal/employed/formerly_employed/other",
                       "kind must be relative_of_principal, employed, formerly_employed or other");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    inspector_t ins;
    school_t sch;
    scope_t sc = {.region_path = who->region_path};
    int64_t rel_id = 0;
    if (!(e = inspector_store_get(db, a, who->region_path, id, &ins)) &&
        !(e = school_store_get(db, a, &sc, school_id, &sch)) &&
        !(e = inspector_store_add_relation(db, a, id, school_id, kind, note, time_now(), &rel_id))) {
        json_t *after = json_pack("{s:I, s:I, s:s, s:s?}", "inspector_id", (json_int_t)id, "school_id",
                                  (json_int_t)school_id, "kind", kind, "note", note);
        e = svc_audit(db, a, who, "create", "inspector_relation", svc_id_text(a, rel_id), ins.region_code, NULL, after);
        json_decref(after);
    }
    return svc_end(db, a, e);
}

err_t *inspector_svc_relations(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    inspector_t ins;
    inspector_relation_t *rel;
    size_t n;
    if (!e) e = inspector_store_get(db, a, who->region_path, id, &ins);
    if (!e) e = inspector_store_relations(db, a, id, &rel, &n);
    if (e) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:s, s:o}", "id", (json_int_t)rel[i].id, "school_id",
                                             (json_int_t)rel[i].school_id, "school_name", rel[i].school_name, "kind",
                                             rel[i].kind, "note", svc_jstr(rel[i].note)));
    *out = arr;
    return NULL;
}

static const char *image_type(const char *data, size_t n) {
    if (n >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) return "image/png";
    if (n >= 3 && memcmp(data, "\xff\xd8\xff", 3) == 0) return "image/jpeg";
    return NULL;
}

err_t *inspector_svc_set_photo(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *data, size_t n) {
    if (!image_type(data, n))
        return err_new(a, ERR_INVALID, "photo", "照片应为 PNG 或 JPEG 图片", "the photo must be a PNG or JPEG image");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    inspector_t ins;
    const char *rel = NULL;
    if (!(e = inspector_store_get(db, a, who->region_path, id, &ins)) &&
        !(e = files_put(a, s->cfg.data_dir, data, n, &rel)) &&
        !(e = inspector_store_set_photo(db, a, id, rel))) {
        json_t *after = json_pack("{s:s, s:I}", "photo_hash", rel + 3, "bytes", (json_int_t)n);
        e = svc_audit(db, a, who, "update", "inspector_photo", svc_id_text(a, id), ins.region_code, NULL, after);
        json_decref(after);
    }
    return svc_end(db, a, e);
}

err_t *inspector_svc_photo(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char **data, size_t *n,
                           const char **content_type) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    inspector_t ins;
    const char *rel = NULL;
    if (!e) e = inspector_store_get(db, a, who->region_path, id, &ins);
    if (!e) e = inspector_store_photo(db, a, id, &rel);
    if (e) return e;
    if (!rel) return err_new(a, ERR_NOT_FOUND, "photo", "尚未上传照片", "no photo uploaded");
    if ((e = files_get(a, s->cfg.data_dir, rel, data, n))) return e;
    *content_type = image_type(*data, *n);
    return NULL;
}

/* ---------------- assignments ---------------- */

json_t *assignment_to_json(const assignment_t *x) {
    return agg_to_json(&assignment_agg, x);
}

static err_t *assignment_evaluate(db_t *db, arena_t *a, const actor_t *who, int64_t inspector_id, int64_t school_id,
                                  const char *role, inspector_t *ins, school_t *sch, assign_result_t *out) {
    if (!role || (strcmp(role, "lead") != 0 && strcmp(role, "member") != 0))
        return err_new(a, ERR_INVALID, "role", "角色应为 lead（责任督学）或 member", "role must be lead or member");
    scope_t sc = {.region_path = who->region_path};
    err_t *e = inspector_store_get(db, a, who->region_path, inspector_id, ins);
    if (!e) e = school_store_get(db, a, &sc, school_id, sch);
    if (e) return e;
    assign_limits_t l;
    const char **relations = NULL;
    assignment_t open;
    bool is_open = false;
    if ((e = setting_store_limits(db, a, sch->county_code, &l)) ||
        (e = assignment_store_relations(db, a, inspector_id, school_id, &relations)) ||
        (e = assignment_store_open_pair(db, a, inspector_id, school_id, &open, &is_open)))
        return e;
    /* 回避 of the current employer without a declaration: the inspector's 工作单位 is this
     * school of the county (exact name). */
    if (ins->employer && sch->name && strcmp(ins->employer, sch->name) == 0) {
        size_t k = 0;
        bool has = false;
        for (; relations && relations[k]; k++)
            has = has || strcmp(relations[k], "employed") == 0;
        if (!has) {
            const char **more = arena_alloc(a, (k + 2) * sizeof *more);
            for (size_t j = 0; j < k; j++)
                more[j] = relations[j];
            more[k] = "employed";
            relations = more;
        }
    }
    assign_facts_t f = {.n_schools_now = (int)ins->n_schools - (is_open ? 1 : 0),
                        .is_inspector_active = strcmp(ins->status, "active") == 0,
                        .is_school_open = strcmp(sch->status, "open") == 0,
                        .relations = relations};
    assign_check(&l, &f, out);
    if (is_open && out->n_reasons < ASSIGN_MAX_REASONS) {
        out->reasons[out->n_reasons++] =
            (assign_reason_t){"already_assigned", "该督学已挂牌此校 / the inspector already holds this school", true};
        out->verdict = ASSIGN_REFUSE;
    }
    return NULL;
}

err_t *assignment_svc_check(svc_t *s, arena_t *a, const actor_t *who, int64_t inspector_id, int64_t school_id,
                            const char *role, assign_result_t *out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    inspector_t ins;
    school_t sch;
    return e ? e : assignment_evaluate(db, a, who, inspector_id, school_id, role, &ins, &sch, out);
}

err_t *assignment_svc_create_tx(db_t *db, arena_t *a, const actor_t *who, int64_t inspector_id, int64_t school_id,
                                const char *role, const char *starts_on, assignment_t *out, assign_result_t *result) {
    char today[16];
    time_today_cn(today, sizeof today);
    if (!starts_on) starts_on = arena_strdup(a, today);
    if (!time_is_date(starts_on))
        return err_new(a, ERR_INVALID, "starts_on", "开始日期应为 YYYY-MM-DD", "starts_on must be a date YYYY-MM-DD");
    err_t *e = NULL;
    inspector_t ins;
    school_t sch;
    if ((e = assignment_evaluate(db, a, who, inspector_id, school_id, role, &ins, &sch, result))) goto done;
    if (result->verdict == ASSIGN_REFUSE) {
        for (size_t i = 0; i < result->n_reasons; i++)
            if (result->reasons[i].is_blocking) {
                e = err_new_raw(a, ERR_INVALID, "inspector_id", result->reasons[i].message);
                break;
            }
        goto done;
    }
    bool is_open = false;
    assignment_t cur;
    if ((e = assignment_store_open_pair(db, a, inspector_id, school_id, &cur, &is_open))) goto done;
    if (is_open) {
        e = err_new(a, ERR_CONFLICT, "inspector_id", "该督学已挂牌此校", "the inspector already holds this school");
        goto done;
    }
    if (strcmp(role, "lead") == 0) {
        /* a new responsible inspector replaces the old one; the old assignment stays as history */
        bool has_lead = false;
        if ((e = assignment_store_open_lead(db, a, school_id, &cur, &has_lead))) goto done;
        if (has_lead && (e = assignment_store_end(db, a, cur.id, "replaced"))) goto done;
    }
    assignment_t x = {.inspector_id = inspector_id, .school_id = school_id, .role = role, .starts_on = starts_on};
    if ((e = assignment_store_insert(db, a, &x, time_now())) || (e = assignment_store_get(db, a, x.id, out))) goto done;
    json_t *after = assignment_to_json(out);
    e = svc_audit(db, a, who, "create", "assignment", svc_id_text(a, x.id), sch.region_code, NULL, after);
    json_decref(after);
done:
    return e;
}

err_t *assignment_svc_create(svc_t *s, arena_t *a, const actor_t *who, int64_t inspector_id, int64_t school_id,
                             const char *role, const char *starts_on, assignment_t *out, assign_result_t *result) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    return e ? e
             : svc_end(db, a,
                       assignment_svc_create_tx(db, a, who, inspector_id, school_id, role, starts_on, out, result));
}

err_t *assignment_svc_history(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, int64_t inspector_id,
                              json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    if (school_id > 0) {
        school_t sch;
        scope_t sc = scope_of(who);
        if ((e = school_store_get(db, a, &sc, school_id, &sch))) return e;
    } else {
        inspector_t ins;
        if ((e = inspector_store_get(db, a, who->region_path, inspector_id, &ins))) return e;
    }
    assignment_t *items;
    size_t n;
    if ((e = assignment_store_list(db, a, school_id, inspector_id, &items, &n))) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, assignment_to_json(&items[i]));
    *out = arr;
    return NULL;
}

err_t *assignment_svc_end(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *reason) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    assignment_t x, after_x;
    school_t sch;
    scope_t sc = {.region_path = who->region_path};
    if ((e = assignment_store_get(db, a, id, &x)) || (e = school_store_get(db, a, &sc, x.school_id, &sch))) {
        if (e->code == ERR_NOT_FOUND) e = err_new(a, ERR_NOT_FOUND, "id", "挂牌记录不存在", "assignment not found");
        goto done;
    }
    if (x.ends_on) {
        e = err_new(a, ERR_INVALID, "id", "该挂牌已结束", "the assignment has already ended");
        goto done;
    }
    if ((e = assignment_store_end(db, a, id, reason ? reason : "ended")) ||
        (e = assignment_store_get(db, a, id, &after_x)))
        goto done;
    json_t *before = assignment_to_json(&x), *after = assignment_to_json(&after_x);
    e = svc_audit(db, a, who, "update", "assignment", svc_id_text(a, id), sch.region_code, before, after);
    json_decref(before);
    json_decref(after);
done:
    return svc_end(db, a, e);
}

/* ---------------- settings ---------------- */

err_t *settings_svc_get(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, assign_limits_t *out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = svc_region_filter(db, a, who, region_code ? region_code : who->region_code);
    return e ? e : setting_store_limits(db, a, region_code ? region_code : who->region_code, out);
}

err_t *settings_svc_set(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *name,
                        int64_t value) {
    static const char *const names[] = {"assign.warn_above", "assign.hard_limit", "assign.central_min",
                                        "zone.max_schools",  "training.hours",    "visit.per_month",
                                        NULL};
    if (!one_of(name, names))
        return err_new(a, ERR_INVALID, "name",
                       "设置项应为 assign.warn_above/assign.hard_limit/assign.central_min/zone.max_schools/training.hours/"
                       "visit.per_month",
                       "name must be assign.warn_above, assign.hard_limit, assign.central_min, zone.max_schools, "
                       "training.hours or visit.per_month");
    if (value < 1 || value > 1000) return err_new(a, ERR_INVALID, "value", "取值应为 1–1000", "value: 1 to 1000");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    assign_limits_t before;
    if (!(e = svc_region_filter(db, a, who, region_code)) && !(e = setting_store_limits(db, a, region_code, &before)) &&
        !(e = setting_store_set(db, a, region_code, name, arena_printf(a, "%lld", (long long)value)))) {
        json_t *after = json_pack("{s:s, s:I}", "name", name, "value", (json_int_t)value);
        e = svc_audit(db, a, who, "update", "setting", name, region_code, NULL, after);
        json_decref(after);
    }
    return svc_end(db, a, e);
}

/* ---------------- coverage ---------------- */

static json_t *coverage_school_json(const coverage_school_t *x, bool has_county) {
    json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)x->id, "code", x->code, "name", x->name,
                          "region_name", x->region_name, "type_code", x->type_code);
    if (has_county) json_object_set_new(j, "county_code", json_string(x->county_code));
    return j;
}

/* by county: schools, covered (with a lead), in no zone */
static err_t *coverage_counties(db_t *db, arena_t *a, const scope_t *sc, json_t *j) {
    coverage_county_t *c;
    size_t n;
    err_t *e = coverage_store_counties(db, a, sc, &c, &n);
    json_t *arr = json_array();
    for (size_t i = 0; !e && i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:I, s:I}", "code", c[i].code, "name", c[i].name,
                                             "n_schools", (json_int_t)c[i].n_schools, "n_covered",
                                             (json_int_t)c[i].n_covered, "n_without_zone",
                                             (json_int_t)c[i].n_without_zone));
    json_object_set_new(j, "counties", arr);
    return e;
}

static err_t *coverage_zones(db_t *db, arena_t *a, const actor_t *who, const assign_limits_t *l, json_t *j) {
    zone_t *zones;
    size_t nz;
    err_t *e = zone_store_list(db, a, who->region_path, NULL, &zones, &nz);
    json_t *arr = json_array();
    for (size_t i = 0; !e && i < nz; i++) {
        json_t *z = zone_to_json(&zones[i]);
        json_object_set_new(z, "is_over_limit", json_boolean(zones[i].n_schools > l->zone_max));
        json_array_append_new(arr, z);
    }
    json_object_set_new(j, "zones", arr);
    return e;
}

/* schools without a lead, and (every school belongs to exactly one zone) those in no zone */
static err_t *coverage_gaps(db_t *db, arena_t *a, const scope_t *sc, json_t *j) {
    coverage_school_t *g, *z;
    size_t ng = 0, nz = 0;
    err_t *e = coverage_store_gaps(db, a, sc, 500, &g, &ng);
    if (!e) e = coverage_store_without_zone(db, a, sc, 500, &z, &nz);
    json_t *gaps = json_array(), *nozone = json_array();
    for (size_t i = 0; !e && i < ng; i++) json_array_append_new(gaps, coverage_school_json(&g[i], false));
    for (size_t i = 0; !e && i < nz; i++) json_array_append_new(nozone, coverage_school_json(&z[i], true));
    json_object_set_new(j, "gaps", gaps);
    json_object_set_new(j, "schools_without_zone", nozone);
    return e;
}

static err_t *coverage_over(db_t *db, arena_t *a, const scope_t *sc, const assign_limits_t *l, json_t *j) {
    coverage_inspector_t *x;
    size_t n;
    err_t *e = coverage_store_over_capacity(db, a, sc, l->warn_above, &x, &n);
    json_t *over = json_array();
    for (size_t i = 0; !e && i < n; i++)
        json_array_append_new(over, json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)x[i].id, "name", x[i].name,
                                              "kind", x[i].kind, "n_schools", (json_int_t)x[i].n_schools));
    json_object_set_new(j, "inspectors_over_capacity", over);
    return e;
}

/* central schools short of inspectors, each county by its own assign.central_min (a county
 * may require more than the city) */
static err_t *coverage_central(db_t *db, arena_t *a, const scope_t *sc, json_t *j) {
    json_t *central = json_array(), *cty;
    size_t ci;
    err_t *e = NULL;
    json_array_foreach(json_object_get(j, "counties"), ci, cty) {
        const char *code = json_string_value(json_object_get(cty, "code"));
        assign_limits_t lc;
        coverage_school_t *x;
        size_t n;
        if ((e = setting_store_limits(db, a, code, &lc)) ||
            (e = coverage_store_central_short(db, a, sc, code, lc.central_min, &x, &n)))
            break;
        for (size_t i = 0; i < n; i++)
            json_array_append_new(central, json_pack("{s:I, s:s, s:I, s:s, s:i}", "id", (json_int_t)x[i].id, "name",
                                                     x[i].name, "n_inspectors", (json_int_t)x[i].n_inspectors,
                                                     "county_code", code, "central_min", lc.central_min));
    }
    json_object_set_new(j, "central_schools_short", central);
    return e;
}

err_t *coverage_svc(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    assign_limits_t l;
    if ((e = setting_store_limits(db, a, who->region_code, &l))) return e;
    scope_t sc = scope_region(who->region_path);
    json_t *j = json_object();
    json_object_set_new(j, "limits",
                        json_pack("{s:i, s:i, s:i, s:i}", "warn_above", l.warn_above, "hard_limit", l.hard_limit,
                                  "central_min", l.central_min, "zone_max", l.zone_max));
    if (!(e = coverage_counties(db, a, &sc, j)) && !(e = coverage_zones(db, a, who, &l, j)) &&
        !(e = coverage_gaps(db, a, &sc, j)) && !(e = coverage_over(db, a, &sc, &l, j)))
        e = coverage_central(db, a, &sc, j);
    if (e) {
        json_decref(j);
        return e;
    }
    *out = j;
    return NULL;
}
