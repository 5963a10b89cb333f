/* 满意度调查: questionnaires, rounds, slips, results and the public answering page. Thin:
 * decode, one svc call, encode. */
#include <string.h>
#include <unistd.h>

#include "api/surveys/handlers_surveys.h"
#include "svc/surveys/survey_svc.h"

err_t *api_surveys_forms(api_req_t *r) {
    return survey_svc_forms(r->svc, r->a, &r->who, &r->out);
}

err_t *api_surveys_form_create(api_req_t *r) {
    return survey_svc_form_create(r->svc, r->a, &r->who, json_object_get(r->body, "document"), &r->out);
}

err_t *api_surveys_version(api_req_t *r) {
    return api_with_id(r, survey_svc_version);
}

err_t *api_surveys_version_update(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : survey_svc_version_update(r->svc, r->a, &r->who, id, json_object_get(r->body, "document"), &r->out);
}

err_t *api_surveys_version_publish(api_req_t *r) {
    return api_with_id(r, survey_svc_version_publish);
}

err_t *api_surveys_rounds(api_req_t *r) {
    return survey_svc_rounds(r->svc, r->a, &r->who, &r->out);
}

err_t *api_surveys_round_create(api_req_t *r) {
    return survey_svc_round_create(r->svc, r->a, &r->who, r->body, &r->out);
}

err_t *api_surveys_round(api_req_t *r) {
    return api_with_id(r, survey_svc_round_get);
}

err_t *api_surveys_round_close(api_req_t *r) {
    return api_with_id(r, survey_svc_round_close);
}

err_t *api_surveys_slips(api_req_t *r) {
    return api_send_pdf_of(r, &r->who, survey_svc_slips_pdf);
}

err_t *api_surveys_report(api_req_t *r) {
    return api_send_pdf_of(r, &r->who, survey_svc_report_pdf);
}

typedef err_t *(*xlsx_fn)(svc_t *, arena_t *, const actor_t *, int64_t, const char *);

static err_t *send_xlsx(api_req_t *r, xlsx_fn fn, const char *filename) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    char *path;
    if (e || (e = api_temp_path(r, ".xlsx", &path))) return e;
    if ((e = fn(r->svc, r->a, &r->who, id, path))) {
        unlink(path);
        return e;
    }
    return api_send_temp_file(r, path, DOC_XLSX, filename);
}

err_t *api_surveys_codes(api_req_t *r) {
    return send_xlsx(r, survey_svc_codes_xlsx, "调查码清单.xlsx");
}

err_t *api_surveys_results_xlsx(api_req_t *r) {
    return send_xlsx(r, survey_svc_results_xlsx, "调查结果.xlsx");
}

err_t *api_surveys_results(api_req_t *r) {
    return api_with_id(r, survey_svc_results);
}

err_t *api_surveys_texts(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : survey_svc_texts(r->svc, r->a, &r->who, id, api_query_flag(r, "flagged", 0) == 1, &r->out);
}

err_t *api_surveys_text_flag(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (!e)
        e = survey_svc_text_flag(r->svc, r->a, &r->who, id, api_body_int(r, "response_id"), api_body_str(r, "item"),
                                 api_body_bool(r, "flagged", 1) == 1, api_body_str(r, "note"));
    if (!e) e = survey_svc_texts(r->svc, r->a, &r->who, id, false, &r->out);
    return e;
}

err_t *api_surveys_trends(api_req_t *r) {
    return survey_svc_trends(r->svc, r->a, &r->who, api_query(r, "form_code"), &r->out);
}

err_t *api_surveys_sample(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : survey_svc_sample(r->svc, r->a, &r->who, id, api_query_i64(r, "population", 0), &r->out);
}

err_t *api_surveys_orgs(api_req_t *r) {
    return survey_svc_orgs(r->svc, r->a, &r->who, &r->out);
}

err_t *api_surveys_org(api_req_t *r) {
    return api_with_id(r, survey_svc_org_get);
}

err_t *api_surveys_org_create(api_req_t *r) {
    return survey_svc_org_create(r->svc, r->a, &r->who, r->body, &r->out);
}

err_t *api_surveys_org_update(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : survey_svc_org_update(r->svc, r->a, &r->who, id, r->body, &r->out);
}

err_t *api_surveys_round_submit(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : survey_svc_round_submit(r->svc, r->a, &r->who, id, api_body_str(r, "report"), &r->out);
}

err_t *api_surveys_round_review(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e
             : survey_svc_round_review(r->svc, r->a, &r->who, id, api_body_str(r, "decision"), api_body_str(r, "note"),
                                       &r->out);
}

err_t *api_public_survey(api_req_t *r) {
    return survey_public_get(r->svc, r->a, r->path_params[0], &r->out);
}

err_t *api_public_survey_submit(api_req_t *r) {
    return survey_public_submit(r->svc, r->a, r->path_params[0], json_object_get(r->body, "answers"), r->ip, &r->out);
}

err_t *api_surveys_item_finding(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e
             : survey_svc_item_finding(r->svc, r->a, &r->who, id,
                                       json_integer_value(json_object_get(r->body, "school_id")),
                                       api_body_str(r, "item"), &r->out);
}

err_t *api_surveys_officials(api_req_t *r) {
    return survey_svc_officials(r->svc, r->a, &r->who, &r->out);
}

err_t *api_surveys_official(api_req_t *r) {
    return api_with_id(r, survey_svc_official_get);
}

err_t *api_surveys_official_create(api_req_t *r) {
    return survey_svc_official_create(r->svc, r->a, &r->who, r->body, &r->out);
}

err_t *api_surveys_official_progress(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : survey_svc_official_progress(r->svc, r->a, &r->who, id, json_object_get(r->body, "cells"), &r->out);
}

err_t *api_surveys_official_close(api_req_t *r) {
    return api_with_id(r, survey_svc_official_close);
}

err_t *api_surveys_official_posters(api_req_t *r) {
    return api_send_pdf_of(r, &r->who, survey_svc_official_posters);
}
