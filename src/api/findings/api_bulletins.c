/* 督导通报: composing from the data, editing, approval, publication, PDFs and the public pages. */
#include <string.h>

#include "api/findings/handlers_findings.h"
#include "svc/findings/bulletin_svc.h"

err_t *api_bulletins_list(api_req_t *r) {
    return bulletin_svc_list(r->svc, r->a, &r->who, &r->out);
}

err_t *api_bulletins_create(api_req_t *r) {
    return bulletin_svc_compose(r->svc, r->a, &r->who, api_body_str(r, "region_code"), api_body_str(r, "period_from"),
                                api_body_str(r, "period_to"), api_body_str(r, "title"), &r->out);
}

err_t *api_bulletins_get(api_req_t *r) {
    return api_with_id(r, bulletin_svc_get);
}

err_t *api_bulletins_update(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e
             : bulletin_svc_update(r->svc, r->a, &r->who, id, api_body_str(r, "title"), api_body_str(r, "body"),
                                   json_object_get(r->body, "redactions"), &r->out);
}

err_t *api_bulletins_approve(api_req_t *r) {
    return api_with_id(r, bulletin_svc_approve);
}

err_t *api_bulletins_publish(api_req_t *r) {
    return api_with_id(r, bulletin_svc_publish);
}

err_t *api_bulletins_pdf(api_req_t *r) {
    return api_send_pdf_of(r, &r->who, bulletin_svc_pdf);
}

err_t *api_public_bulletins_list(api_req_t *r) {
    return bulletin_svc_public_list(r->svc, r->a, &r->out);
}

err_t *api_public_bulletins_get(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : bulletin_svc_public_get(r->svc, r->a, id, &r->out);
}

err_t *api_public_bulletins_pdf(api_req_t *r) {
    return api_send_pdf_of(r, NULL, bulletin_svc_pdf);
}
