/* 督办单 by decision: issued by hand, signed off by a second person, then sent. */
#include "api/findings/handlers_findings.h"
#include "svc/findings/decision_svc.h"

err_t *api_decisions_list(api_req_t *r) {
    return decision_svc_list(r->svc, r->a, &r->who, &r->out);
}

err_t *api_decisions_create(api_req_t *r) {
    return decision_svc_create(r->svc, r->a, &r->who, r->body, &r->out);
}

err_t *api_decisions_get(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : decision_svc_get(r->svc, r->a, &r->who, id, &r->out);
}

err_t *api_decisions_sign(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : decision_svc_sign(r->svc, r->a, &r->who, id, &r->out);
}

err_t *api_decisions_send(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : decision_svc_send(r->svc, r->a, &r->who, id, &r->out);
}
