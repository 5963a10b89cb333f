/* 问责 and 约谈 records. */
#include "api/findings/handlers_findings.h"
#include "svc/findings/accountability_case_svc.h"
#include "svc/findings/accountability_svc.h"

err_t *api_accountability_list(api_req_t *r) {
    return accountability_svc_list(r->svc, r->a, &r->who, &r->out);
}

err_t *api_accountability_create(api_req_t *r) {
    accountability_in_t in = {
        .target_kind = api_body_str(r, "target_kind"),
        .target_name = api_body_str(r, "target_name"),
        .measure = api_body_str(r, "measure"),
        .grounds = api_body_str(r, "grounds"),
        .decided_on = api_body_str(r, "decided_on"),
        .school_id = api_body_int(r, "school_id"),
        .finding_id = api_body_int(r, "finding_id"),
        .region_code = api_body_str(r, "region_code"),
        .case_id = api_body_int(r, "case_id"),
        .archive_no = api_body_str(r, "archive_no"),
        .basis = api_body_str(r, "basis"),
        .effective_on = api_body_str(r, "effective_on"),
        .ground_category = api_body_int(r, "ground_category"),
    };
    return accountability_svc_create(r->svc, r->a, &r->who, &in, &r->out);
}

err_t *api_accountability_review(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e
             : accountability_svc_review(r->svc, r->a, &r->who, id, api_body_str(r, "step"), api_body_str(r, "state"),
                                         api_body_str(r, "on"), api_body_str(r, "received_on"), &r->out);
}

err_t *api_accountability_cases_list(api_req_t *r) {
    return accountability_case_svc_list(r->svc, r->a, &r->who, api_query(r, "state"), &r->out);
}

err_t *api_accountability_cases_open(api_req_t *r) {
    accountability_case_t in = {0};
    err_t *e = agg_from_body(r->a, &accountability_case_agg, r->body, r->who.role, NULL, &in);
    return e ? e : accountability_case_svc_open(r->svc, r->a, &r->who, &in, &r->out);
}

err_t *api_accountability_cases_get(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : accountability_case_svc_get(r->svc, r->a, &r->who, id, &r->out);
}

err_t *api_accountability_cases_step(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (e) return e;
    acc_case_step_in_t in = {
        .step = api_body_str(r, "step"),
        .on = api_body_str(r, "on"),
        .members = api_body_str(r, "members"),
        .facts = api_body_str(r, "facts"),
        .opinion = api_body_str(r, "opinion"),
        .measure = api_body_str(r, "measure"),
        .notice_form = api_body_str(r, "notice_form"),
        .statement = api_body_str(r, "statement"),
        .note = api_body_str(r, "note"),
        .approver_name = api_body_str(r, "approver_name"),
        .approver_title = api_body_str(r, "approver_title"),
        .is_waived = api_body_bool(r, "is_waived", 0) != 0,
    };
    return accountability_case_svc_step(r->svc, r->a, &r->who, id, &in, &r->out);
}

err_t *api_interviews_list(api_req_t *r) {
    return interview_svc_list(r->svc, r->a, &r->who, &r->out);
}

err_t *api_interviews_create(api_req_t *r) {
    interview_in_t in = {
        .school_id = api_body_int(r, "school_id"),
        .finding_id = api_body_int(r, "finding_id"),
        .target_name = api_body_str(r, "target_name"),
        .held_on = api_body_str(r, "held_on"),
        .place = api_body_str(r, "place"),
        .summary = api_body_str(r, "summary"),
        .region_code = api_body_str(r, "region_code"),
    };
    return interview_svc_create(r->svc, r->a, &r->who, &in, &r->out);
}
