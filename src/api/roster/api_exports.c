/* Downloads: XLSX exports of the lists, import templates, and school plaques (PDF). */
#include <string.h>

#include "api/api_agg.h"
#include "api/handlers.h"
#include "svc/roster/export_svc.h"

err_t *api_exports_get(api_req_t *r) {
    const char *kind = r->n_path_params ? r->path_params[0] : "";
    char *path;
    err_t *e = api_temp_path(r, ".xlsx", &path);
    if (e) return e;
    if (strcmp(kind, "schools") == 0) {
        school_filter_t f = {.q = api_query(r, "q"),
                             .region_code = api_query(r, "region_code"),
                             .status = api_query(r, "status"),
                             .sort = api_query(r, "sort"),
                             .is_private = -1,
                             .has_inspector = -1};
        api_agg_filters(r, &school_agg, f.eq);
        if (!(e = api_query_int(r, "zone_id", 0, 0, INT64_MAX, &f.zone_id)) &&
            !(e = api_query_bool(r, "is_private", &f.is_private)) &&
            !(e = api_query_bool(r, "has_inspector", &f.has_inspector)))
            e = export_svc_schools(r->svc, r->a, &r->who, &f, path);
        return e ? e : api_send_temp_file(r, path, DOC_XLSX, "学校名册.xlsx");
    }
    if (strcmp(kind, "inspectors") == 0) {
        inspector_filter_t f = {.q = api_query(r, "q"),
                                .kind = api_query(r, "kind"),
                                .status = api_query(r, "status"),
                                .region_code = api_query(r, "region_code")};
        e = export_svc_inspectors(r->svc, r->a, &r->who, &f, path);
        return e ? e : api_send_temp_file(r, path, DOC_XLSX, "督学名册.xlsx");
    }
    if (strcmp(kind, "zones") == 0) {
        const char *county = api_query(r, "county_code");
        e = export_svc_zones(r->svc, r->a, &r->who, county && *county ? county : NULL, path);
        return e ? e : api_send_temp_file(r, path, DOC_XLSX, "督学责任区.xlsx");
    }
    if (strcmp(kind, "assignments") == 0) {
        assignment_filter_t f = {.status = api_query(r, "status"),
                                 .q = api_query(r, "q"),
                                 .region_code = api_query(r, "region_code"),
                                 .role = api_query(r, "role")};
        if (!(e = api_query_int(r, "zone_id", 0, 0, INT64_MAX, &f.zone_id)) &&
            !(e = api_query_int(r, "school_id", 0, 0, INT64_MAX, &f.school_id)) &&
            !(e = api_query_int(r, "inspector_id", 0, 0, INT64_MAX, &f.inspector_id)))
            e = export_svc_assignments(r->svc, r->a, &r->who, &f, path);
        return e ? e : api_send_temp_file(r, path, DOC_XLSX, "挂牌记录.xlsx");
    }
    if (strcmp(kind, "coverage") == 0) {
        e = export_svc_coverage(r->svc, r->a, &r->who, path);
        return e ? e : api_send_temp_file(r, path, DOC_XLSX, "挂牌覆盖情况.xlsx");
    }
    return err_new(r->a, ERR_NOT_FOUND, "kind", "导出类型应为 schools、inspectors、zones、assignments 或 coverage",
                   "export kind must be schools, inspectors, zones, assignments or coverage");
}

err_t *api_imports_template_xlsx(api_req_t *r) {
    import_kind_t kind;
    if (!import_kind_parse(r->n_path_params ? r->path_params[0] : NULL, &kind))
        return err_new(r->a, ERR_NOT_FOUND, "kind", "导入类型应为 schools/zones/inspectors/assignments",
                       "import kind must be schools, zones, inspectors or assignments");
    static const char *names[] = {"学校导入模板.xlsx", "责任区导入模板.xlsx", "督学导入模板.xlsx", "挂牌导入模板.xlsx"};
    char *path;
    err_t *e = api_temp_path(r, ".xlsx", &path);
    if (!e) e = export_svc_template(r->a, kind, path);
    return e ? e : api_send_temp_file(r, path, DOC_XLSX, names[kind]);
}

err_t *api_schools_plaque(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (e) return e;
    const char *size = api_query(r, "size");
    buf_t pdf;
    buf_init(&pdf);
    const char *code = NULL;
    e = export_svc_plaque(r->svc, r->a, &r->who, id,
                          size && strcmp(size, "60x40") == 0 ? PLAQUE_60x40 : PLAQUE_A4_LANDSCAPE, &pdf, &code);
    if (!e) api_send_document(r, DOC_PDF, arena_printf(r->a, "挂牌督导公示牌-%s.pdf", code), pdf.p, pdf.n);
    buf_free(&pdf);
    return e;
}
