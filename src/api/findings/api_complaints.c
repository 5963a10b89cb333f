/* 受理举报投诉: the public form's school lookup, filing and receipt lookup (no session), and
 * the staff's inbox, verification (→ a finding) and rejection. */
#include <string.h>

#include "api/findings/handlers_findings.h"
#include "svc/findings/complaint_svc.h"

err_t *api_public_school(api_req_t *r) {
    return complaint_svc_school(r->svc, r->a, r->path_params[0], &r->out);
}

err_t *api_public_complaint_create(api_req_t *r) {
    complaint_in_t in = {
        .school_code = api_body_str(r, "school_code"),
        .category = api_body_str(r, "category"),
        .content = api_body_str(r, "content"),
        .contact_name = api_body_str(r, "contact_name"),
        .contact_phone = api_body_str(r, "contact_phone"),
        .ip = r->ip,
    };
    return complaint_svc_create(r->svc, r->a, &in, &r->out);
}

err_t *api_public_complaint_get(api_req_t *r) {
    const char *code = r->path_params[0];
    if (!code || strlen(code) != 14)
        return err_new(r->a, ERR_NOT_FOUND, "receipt_code", "回执码不存在", "no such receipt code");
    return complaint_svc_lookup(r->svc, r->a, code, &r->out);
}

err_t *api_complaints_list(api_req_t *r) {
    int64_t limit, offset;
    api_page(r, &limit, &offset);
    return complaint_svc_list(r->svc, r->a, &r->who, api_query(r, "state"), limit, offset, &r->out);
}

err_t *api_complaints_verify(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    if (e) return e;
    finding_input_t in = {
        .severity = api_body_str(r, "severity"),
        .category = api_body_str(r, "category"),
        .description = api_body_str(r, "description"),
        .requirement = api_body_str(r, "requirement"),
        .deadline = api_body_str(r, "deadline"),
    };
    return complaint_svc_verify(r->svc, r->a, &r->who, id, &in, json_is_true(json_object_get(r->body, "issue")),
                                api_body_str(r, "outcome"), &r->out);
}

err_t *api_complaints_reject(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : complaint_svc_reject(r->svc, r->a, &r->who, id, api_body_str(r, "outcome"), &r->out);
}
