#include "svc/export_svc.h"

#include <stdio.h>
#include <string.h>

#include "core/codes.h"
#include "docs/xlsx_out.h"
#include "store/region_store.h"
#include "svc/school_svc.h"

enum { EXPORT_PAGE = 1000 };

static const char *yes_no(bool b) {
    return b ? "是" : "否";
}

err_t *export_svc_schools(svc_t *s, arena_t *a, const actor_t *who, const school_filter_t *f, const char *path) {
    static const char *headers[] = {"学校标识码", "学校名称", "所在地", "办学类型", "民办", "中心校", "责任区",
                                    "责任督学", "督学人数", "在校生", "校长", "电话", "地址", "状态"};
    static const xlsx_col_type_t types[] = {XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT,
                                            XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_NUMBER,
                                            XLSX_COL_NUMBER, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT, XLSX_COL_TEXT};
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
            const char *cells[N] = {x->code, x->name, x->region_name, codes_school_type_label(x->type_code),
                                    yes_no(x->is_private), yes_no(x->is_central), x->zone_name, x->inspector_name,
                                    arena_printf(&pa, "%lld", (long long)x->n_inspectors),
                                    arena_printf(&pa, "%lld", (long long)x->enrollment), x->principal, x->phone,
                                    x->address, strcmp(x->status, "open") == 0 ? "在办" : "已撤销"};
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

err_t *export_svc_inspectors(svc_t *s, arena_t *a, const actor_t *who, const inspector_filter_t *f,
                             const char *path) {
    static const char *headers[] = {"督学证号", "姓名", "类别", "聘任区划", "工作单位", "职务", "学历",
                                    "教育工作年限", "任期结束", "连续任期", "本年度培训学时", "挂牌学校数", "状态",
                                    "电话"};
    static const xlsx_col_type_t types[] = {XLSX_COL_TEXT,   XLSX_COL_TEXT,   XLSX_COL_TEXT,   XLSX_COL_TEXT,
                                            XLSX_COL_TEXT,   XLSX_COL_TEXT,   XLSX_COL_TEXT,   XLSX_COL_NUMBER,
                                            XLSX_COL_DATE,   XLSX_COL_NUMBER, XLSX_COL_NUMBER, XLSX_COL_NUMBER,
                                            XLSX_COL_TEXT,   XLSX_COL_TEXT};
    enum { N = sizeof headers / sizeof headers[0] };
    static const char *kinds[][2] = {{"full_time", "专职"}, {"part_time", "兼职"}, {"special", "特聘"}};
    static const char *degrees[][2] = {{"doctor", "博士"}, {"master", "硕士"}, {"bachelor", "本科"},
                                       {"associate", "专科"}, {"other", "其他"}};
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
            const char *cells[N] = {x->cert_no, x->name, kind, x->region_name, x->employer, x->post, degree,
                                    arena_printf(&pa, "%lld", (long long)x->years_in_education), x->term_end,
                                    arena_printf(&pa, "%lld", (long long)x->n_terms),
                                    arena_printf(&pa, "%lld", (long long)x->training_hours),
                                    arena_printf(&pa, "%lld", (long long)x->n_schools), status, x->phone};
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

err_t *export_svc_template(arena_t *a, import_kind_t kind, const char *path) {
    size_t n;
    const import_column_t *cols = import_columns(kind, &n);
    xlsx_template_col_t *t = arena_alloc(a, n * sizeof *t);
    for (size_t i = 0; i < n; i++) {
        bool is_number = strstr(cols[i].label, "在校生") || strstr(cols[i].label, "班级数") ||
                         strstr(cols[i].label, "年限") || strstr(cols[i].label, "学时") || strstr(cols[i].label, "任期数") ||
                         strcmp(cols[i].label, "纬度") == 0 || strcmp(cols[i].label, "经度") == 0;
        bool is_date = strstr(cols[i].label, "日期") || strstr(cols[i].label, "任期开始") || strstr(cols[i].label, "任期结束");
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

err_t *export_svc_plaque(svc_t *s, arena_t *a, const actor_t *who, int64_t school_id, plaque_size_t size,
                         buf_t *out, const char **school_code) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    school_t sch;
    school_scope_t sc = school_scope_of(who);
    if ((e = school_store_get(db, a, &sc, school_id, &sch))) return e;
    if (!sch.inspector_id)
        return err_new(a, ERR_INVALID, "inspector_id", "该校尚未挂牌责任督学", "the school has no responsible inspector yet");
    db_rows_t r;
    if ((e = db_query(db, a, "SELECT i.name, i.phone, i.photo_hash FROM inspector i WHERE i.id = $1",
                      DB_P(DBV_I(sch.inspector_id)), &r)))
        return e;
    region_t county;
    if ((e = region_store_get(db, a, "/", sch.county_code, &county))) return e;
    const char *photo = db_cell(&r, 0, 2);
    plaque_t p = {
        .size = size,
        .office_name = arena_printf(a, "%s人民政府教育督导室", county.name),
        .school_name = sch.name,
        .school_code = sch.code,
        .inspector_name = db_cell(&r, 0, 0),
        .inspector_phone = db_cell(&r, 0, 1),
        .photo_path = photo ? arena_printf(a, "%s/%s", s->cfg.data_dir, photo) : NULL,
        .complaint_url = arena_printf(a, "%s/complaint/%s", s->cfg.public_url, sch.code),
    };
    *school_code = sch.code;
    return plaque_pdf(a, &p, out);
}
