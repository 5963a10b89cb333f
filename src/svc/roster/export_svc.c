#include "svc/roster/export_svc.h"

#include <stdio.h>
#include <string.h>

#include "core/roster/codes.h"
#include "docs/xlsx_out.h"
#include "store/platform/region_store.h"
#include "store/platform/setting_store.h"
#include "svc/roster/roster_svc.h"
#include "svc/roster/school_svc.h"

enum { EXPORT_PAGE = 1000 };

static const char *yes_no(bool b) {
    return b ? "是" : "否";
}

err_t *export_svc_schools(svc_t *s, arena_t *a, const actor_t *who, const school_filter_t *f, const char *path) {
    static const char *headers[] = {"学校标识码", "学校名称", "所在地", "办学类型", "民办", "中心校", "责任区",
                                    "责任督学",   "督学人数", "在校生", "校长",     "电话", "地址",   "状态", "举办者"};
    static const xlsx_col_type_t types[] = {
        XLSX_COL_TEXT, XLSX_COL_TEXT,   XLSX_COL_TEXT,   XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT,
        XLSX_COL_TEXT, XLSX_COL_NUMBER, XLSX_COL_NUMBER, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT,
        XLSX_COL_TEXT};
    enum { N = sizeof headers / sizeof headers[0] };
    xlsx_out_t *w;
    err_t *e = xlsx_out_open(a, path, "学校", headers, N, types, &w);
    if (e) return e;
    school_filter_t page = *f;
    page.limit = EXPORT_PAGE;
    for (page.offset = 0;; page.offset += EXPORT_PAGE) {
        arena_t pa; /* one arena per page keeps memory flat */
        arena_init(&pa);
        school_t *items;
        size_t n;
        int64_t total;
        if ((e = school_svc_list(s, &pa, who, &page, &items, &n, &total))) {
            e = err_new_raw(a, e->code, e->field ? arena_strdup(a, e->field) : NULL, arena_strdup(a, e->message));
            arena_free(&pa);
            break;
        }
        for (size_t i = 0; !e && i < n; i++) {
            const school_t *x = &items[i];
            const char *cells[N] = {x->code,
                                    x->name,
                                    x->region_name,
                                    codes_school_type_label(x->type_code),
                                    yes_no(x->is_private),
                                    yes_no(x->is_central),
                                    x->zone_name,
                                    x->inspector_name,
                                    arena_printf(&pa, "%lld", (long long)x->n_inspectors),
                                    arena_printf(&pa, "%lld", (long long)x->enrollment),
                                    x->principal,
                                    x->phone,
                                    x->address,
                                    strcmp(x->status, "open") == 0 ? "在办" : "已撤销",
                                    codes_organizer_label(x->organizer)};
            e = xlsx_out_row(w, cells);
        }
        arena_free(&pa);
        if (e || n < EXPORT_PAGE) break;
    }
    if (e) {
        xlsx_out_discard(w);
        return e;
    }
    return xlsx_out_close(w);
}

err_t *export_svc_inspectors(svc_t *s, arena_t *a, const actor_t *who, const inspector_filter_t *f, const char *path) {
    static const char *headers[] = {"督学证号",       "姓名",       "类别",         "聘任区划", "工作单位",
                                    "职务",           "学历",       "教育工作年限", "任期结束", "连续任期",
                                    "本年度培训学时", "挂牌学校数", "状态",         "电话"};
    static const xlsx_col_type_t types[] = {XLSX_COL_TEXT, XLSX_COL_TEXT,   XLSX_COL_TEXT,   XLSX_COL_TEXT,
                                            XLSX_COL_TEXT, XLSX_COL_TEXT,   XLSX_COL_TEXT,   XLSX_COL_NUMBER,
                                            XLSX_COL_DATE, XLSX_COL_NUMBER, XLSX_COL_NUMBER, XLSX_COL_NUMBER,
                                            XLSX_COL_TEXT, XLSX_COL_TEXT};
    enum { N = sizeof headers / sizeof headers[0] };
    static const char *kinds[][2] = {{"full_time", "专职"}, {"part_time", "兼职"}, {"special", "特聘"}};
    static const char *degrees[][2] = {
        {"doctor", "博士"}, {"master", "硕士"}, {"bachelor", "本科"}, {"associate", "专科"}, {"other", "其他"}};
    static const char *statuses[][2] = {{"active", "在岗"}, {"suspended", "暂停"}, {"retired", "离任"}};
    xlsx_out_t *w;
    err_t *e = xlsx_out_open(a, path, "督学", headers, N, types, &w);
    if (e) return e;
    db_t *db;
    if ((e = svc_db(s, a, &db))) {
        xlsx_out_discard(w);
        return e;
    }
    inspector_filter_t page = *f;
    page.limit = EXPORT_PAGE;
    for (page.offset = 0;; page.offset += EXPORT_PAGE) {
        arena_t pa;
        arena_init(&pa);
        inspector_t *items;
        size_t n;
        int64_t total;
        if ((e = inspector_store_list(db, &pa, who->region_path, &page, &items, &n, &total))) {
            e = err_new_raw(a, e->code, NULL, arena_strdup(a, e->message));
            arena_free(&pa);
            break;
        }
        for (size_t i = 0; !e && i < n; i++) {
            const inspector_t *x = &items[i];
            const char *kind = x->kind, *degree = x->degree, *status = x->status;
            for (int k = 0; k < 3; k++)
                if (kind && strcmp(kind, kinds[k][0]) == 0) kind = kinds[k][1];
            for (int k = 0; k < 5; k++)
                if (degree && strcmp(degree, degrees[k][0]) == 0) degree = degrees[k][1];
            for (int k = 0; k < 3; k++)
                if (status && strcmp(status, statuses[k][0]) == 0) status = statuses[k][1];
            const char *cells[N] = {x->cert_no,
                                    x->name,
                                    kind,
                                    x->region_name,
                                    x->employer,
                                    x->post,
                                    degree,
                                    arena_printf(&pa, "%lld", (long long)x->years_in_education),
                                    x->term_end,
                                    arena_printf(&pa, "%lld", (long long)x->n_terms),
                                    arena_printf(&pa, "%lld", (long long)x->training_hours),
                                    arena_printf(&pa, "%lld", (long long)x->n_schools),
                                    status,
                                    x->phone};
            e = xlsx_out_row(w, cells);
        }
        arena_free(&pa);
        if (e || n < EXPORT_PAGE) break;
    }
    if (e) {
        xlsx_out_discard(w);
        return e;
    }
    return xlsx_out_close(w);
}

/* Copies a page-arena error into the request arena before the page is freed. */
static err_t *keep_err(arena_t *a, err_t *e) {
    return err_new_raw(a, e->code, e->field ? arena_strdup(a, e->field) : NULL, arena_strdup(a, e->message));
}

static err_t *finish(xlsx_out_t *w, err_t *e) {
    if (e) {
        xlsx_out_discard(w);
        return e;
    }
    return xlsx_out_close(w);
}

err_t *export_svc_zones(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, const char *path) {
    static const char *headers[] = {"县（市、区）", "片区", "责任区", "学校数", "是否超限"};
    static const xlsx_col_type_t types[] = {XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_NUMBER,
                                            XLSX_COL_TEXT};
    enum { N = sizeof headers / sizeof headers[0] };
    zone_t *zones;
    size_t n;
    err_t *e = zone_svc_list(s, a, who, county_code, &zones, &n);
    if (e) return e;
    db_t *db;
    assign_limits_t l;
    if ((e = svc_db(s, a, &db)) || (e = setting_store_limits(db, a, who->region_code, &l))) return e;
    xlsx_out_t *w;
    if ((e = xlsx_out_open(a, path, "责任区", headers, N, types, &w))) return e;
    for (size_t i = 0; !e && i < n; i++) {
        const zone_t *z = &zones[i];
        const char *cells[N] = {z->county_name, z->district_name, z->name,
                                arena_printf(a, "%lld", (long long)z->n_schools), yes_no(z->n_schools > l.zone_max)};
        e = xlsx_out_row(w, cells);
    }
    return finish(w, e);
}

err_t *export_svc_assignments(svc_t *s, arena_t *a, const actor_t *who, const assignment_filter_t *f,
                              const char *path) {
    static const char *headers[] = {"学校标识码", "学校名称", "所在地",   "责任区",   "督学姓名", "督学证号",
                                    "角色",       "开始日期", "结束日期", "结束原因", "状态"};
    static const xlsx_col_type_t types[] = {XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT,
                                            XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_DATE,
                                            XLSX_COL_DATE, XLSX_COL_TEXT, XLSX_COL_TEXT};
    enum { N = sizeof headers / sizeof headers[0] };
    const char *status = f->status && *f->status ? f->status : "current";
    if (strcmp(status, "current") != 0 && strcmp(status, "ended") != 0 && strcmp(status, "all") != 0)
        return err_new(a, ERR_INVALID, "status", "状态应为 current（在任）、ended（已结束）或 all（全部）",
                       "status must be current, ended or all");
    if (f->role && *f->role && strcmp(f->role, "lead") != 0 && strcmp(f->role, "member") != 0)
        return err_new(a, ERR_INVALID, "role", "角色应为 lead 或 member", "role must be lead or member");
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    if ((e = svc_region_filter(db, a, who, f->region_code && *f->region_code ? f->region_code : NULL))) return e;
    xlsx_out_t *w;
    if ((e = xlsx_out_open(a, path, "挂牌", headers, N, types, &w))) return e;
    scope_t sc = scope_region(who->region_path);
    int64_t after = 0;
    for (;;) {
        arena_t pa; /* one arena per page keeps memory flat */
        arena_init(&pa);
        assignment_export_row_t *r;
        size_t n = 0;
        if ((e = assignment_store_export_page(db, &pa, &sc, f, after, 1000, &r, &n))) e = keep_err(a, e);
        for (size_t i = 0; !e && i < n; i++) {
            after = r[i].id;
            const char *cells[N] = {r[i].school_code,
                                    r[i].school_name,
                                    r[i].region_name,
                                    r[i].zone_name,
                                    r[i].inspector_name,
                                    r[i].cert_no,
                                    r[i].role && strcmp(r[i].role, "lead") == 0 ? "责任督学" : "协助督学",
                                    r[i].starts_on,
                                    r[i].ends_on,
                                    r[i].end_reason,
                                    r[i].ends_on ? "已结束" : "在任"};
            e = xlsx_out_row(w, cells);
        }
        size_t got = e ? 0 : n;
        arena_free(&pa);
        if (e || got < 1000) break;
    }
    return finish(w, e);
}

/* One sheet of the coverage export from an array of objects: cols are the keys, headers
 * their titles; an integer member is written as a number. */
static err_t *coverage_sheet(xlsx_out_t *w, arena_t *a, bool first, const char *sheet, json_t *items,
                             const char *const *keys, const char *const *headers, size_t n) {
    xlsx_col_type_t types[16];
    for (size_t c = 0; c < n; c++)
        types[c] = strncmp(keys[c], "n_", 2) == 0 ? XLSX_COL_NUMBER : XLSX_COL_TEXT;
    err_t *e = first ? NULL : xlsx_out_sheet(w, sheet, headers, n, types);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        if (e) break;
        const char *cells[16] = {0};
        for (size_t c = 0; c < n; c++) {
            json_t *v = json_object_get(it, keys[c]);
            if (json_is_string(v))
                cells[c] = json_string_value(v);
            else if (json_is_integer(v))
                cells[c] = arena_printf(a, "%lld", (long long)json_integer_value(v));
            else if (json_is_boolean(v))
                cells[c] = yes_no(json_is_true(v));
        }
        e = xlsx_out_row(w, cells);
    }
    return e;
}

err_t *export_svc_coverage(svc_t *s, arena_t *a, const actor_t *who, const char *path) {
    json_t *c;
    err_t *e = coverage_svc(s, a, who, &c);
    if (e) return e;
    /* per county: what is left to do */
    json_t *counties = json_object_get(c, "counties");
    size_t i;
    json_t *it;
    json_array_foreach(counties, i, it) {
        json_object_set_new(it, "n_gaps",
                            json_integer(json_integer_value(json_object_get(it, "n_schools")) -
                                         json_integer_value(json_object_get(it, "n_covered"))));
    }
    static const char *k0[] = {"name", "n_schools", "n_covered", "n_gaps", "n_without_zone"};
    static const char *h0[] = {"县（市、区）", "在办学校数", "已挂牌", "未挂牌", "未划入责任区"};
    static const char *k1[] = {"code", "name", "region_name", "type_label"};
    static const char *h1[] = {"学校标识码", "学校名称", "所在地", "办学类型"};
    static const char *k2[] = {"name", "kind_label", "n_schools"};
    static const char *h2[] = {"督学姓名", "类别", "挂牌学校数"};
    static const char *k3[] = {"county_name", "district_name", "name", "n_schools"};
    static const char *h3[] = {"县（市、区）", "片区", "责任区", "学校数"};
    static const char *k4[] = {"name", "n_inspectors"};
    static const char *h4[] = {"学校名称", "督学人数"};
    /* labels for the codes */
    const char *lists[] = {"gaps", "schools_without_zone"};
    for (int L = 0; L < 2; L++)
        json_array_foreach(json_object_get(c, lists[L]), i, it) {
            const char *tc = json_string_value(json_object_get(it, "type_code"));
            json_object_set_new(it, "type_label", json_string(tc ? codes_school_type_label(tc) : ""));
        }
    json_array_foreach(json_object_get(c, "inspectors_over_capacity"), i, it) {
        const char *k = json_string_value(json_object_get(it, "kind"));
        json_object_set_new(it, "kind_label",
                            json_string(!k                            ? ""
                                        : strcmp(k, "full_time") == 0 ? "专职"
                                        : strcmp(k, "part_time") == 0 ? "兼职"
                                                                      : "特聘"));
    }
    json_t *over_zones = json_array();
    json_array_foreach(json_object_get(c, "zones"), i, it) {
        if (json_is_true(json_object_get(it, "is_over_limit"))) json_array_append(over_zones, it);
    }
    xlsx_out_t *w;
    if (!(e = xlsx_out_open(a, path, "覆盖概况", h0, 5,
                            (const xlsx_col_type_t[]){XLSX_COL_TEXT, XLSX_COL_NUMBER, XLSX_COL_NUMBER, XLSX_COL_NUMBER,
                                                      XLSX_COL_NUMBER},
                            &w))) {
        e = coverage_sheet(w, a, true, NULL, counties, k0, h0, 5);
        if (!e) e = coverage_sheet(w, a, false, "未挂牌学校", json_object_get(c, "gaps"), k1, h1, 4);
        if (!e)
            e = coverage_sheet(w, a, false, "超负荷督学", json_object_get(c, "inspectors_over_capacity"), k2, h2, 3);
        if (!e) e = coverage_sheet(w, a, false, "超限责任区", over_zones, k3, h3, 4);
        if (!e)
            e = coverage_sheet(w, a, false, "中心校督学不足", json_object_get(c, "central_schools_short"), k4, h4, 2);
        if (!e)
            e = coverage_sheet(w, a, false, "未划入责任区学校", json_object_get(c, "schools_without_zone"), k1, h1, 4);
        e = finish(w, e);
    }
    json_decref(over_zones);
    json_decref(c);
    return e;
}

err_t *export_svc_template(arena_t *a, import_kind_t kind, const char *path) {
    size_t n;
    const import_column_t *cols = import_columns(kind, &n);
    xlsx_template_col_t *t = arena_alloc(a, n * sizeof *t);
    for (size_t i = 0; i < n; i++) {
        bool is_number = strstr(cols[i].label, "在校生") || strstr(cols[i].label, "班级数") ||
                         strstr(cols[i].label, "年限") || strstr(cols[i].label, "学时") ||
                         strstr(cols[i].label, "任期数") || strcmp(cols[i].label, "纬度") == 0 ||
                         strcmp(cols[i].label, "经度") == 0;
        bool is_date =
            strstr(cols[i].label, "日期") || strstr(cols[i].label, "任期开始") || strstr(cols[i].label, "任期结束");
        t[i] = (xlsx_template_col_t){
            .name = cols[i].label,
            .is_required = cols[i].is_required,
            .type = is_date ? XLSX_COL_DATE : (is_number ? XLSX_COL_NUMBER : XLSX_COL_TEXT),
            .format = cols[i].note && *cols[i].note ? cols[i].note : NULL,
            .example = cols[i].example && *cols[i].example ? cols[i].example : NULL,
        };
    }
    static const char *sheets[] = {"学校", "责任区", "督学", "挂牌"};
    return xlsx_out_template(a, path, sheets[kind], t, n);
}

err_t *export_svc_plaque(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, plaque_size_t size, buf_t *out,
                         const char **school_code) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    school_t sch;
    scope_t sc = scope_of(who);
    if ((e = school_store_get(db, a, &sc, school_id, &sch))) return e;
    if (!sch.inspector_id)
        return err_new(a, ERR_INVALID, "inspector_id", "该校尚未挂牌责任督学",
                       "the school has no responsible inspector yet");
    const char *ins_name, *ins_phone, *photo;
    if ((e = inspector_store_contact(db, a, sch.inspector_id, &ins_name, &ins_phone, &photo))) return e;
    /* every 责任督学 of the school is named (a 中心校 has two or more): the lead first, with its
     * photo; the others' names and phones follow */
    assignment_t *hist;
    size_t n_hist;
    if ((e = assignment_store_list(db, a, school_id, 0, &hist, &n_hist))) return e;
    for (size_t i = n_hist; i-- > 0;) {
        if (hist[i].ends_on || hist[i].inspector_id == sch.inspector_id) continue;
        const char *nm, *ph, *pp;
        if ((e = inspector_store_contact(db, a, hist[i].inspector_id, &nm, &ph, &pp))) return e;
        ins_name = arena_printf(a, "%s、%s", ins_name, nm);
        if (ph && *ph) ins_phone = ins_phone && *ins_phone ? arena_printf(a, "%s，%s", ins_phone, ph) : ph;
    }
    region_t county;
    if ((e = region_store_get(db, a, "/", sch.county_code, &county))) return e;
    plaque_t p = {
        .size = size,
        .office_name = arena_printf(a, "%s人民政府教育督导室", county.name),
        .school_name = sch.name,
        .school_code = sch.code,
        .inspector_name = ins_name,
        .inspector_phone = ins_phone,
        .photo_path = photo ? arena_printf(a, "%s/%s", s->cfg.data_dir, photo) : NULL,
        .complaint_url = arena_printf(a, "%s/complaint/%s", s->cfg.public_url, sch.code),
    };
    *school_code = sch.code;
    return plaque_pdf(a, &p, out);
}
