/* The whole 均衡 verdict: the county page's parts and items, the county office's entries and the
 * city's checks. Thin: decode, one svc call, encode. */
#include <string.h>

#include "api/balance/handlers_balance.h"
#include "svc/balance/balance_svc.h"
#include "svc/balance/verdict_svc.h"

static int64_t body_year(api_req_t *r) {
    json_t *y = json_object_get(r->body, "school_year");
    return json_is_integer(y) ? json_integer_value(y) : 0;
}

static const char *path_key(api_req_t *r) {
    return r->n_path_params > 0 ? r->path_params[0] : "";
}

err_t *api_balance_verdict(api_req_t *r) {
    const char *mode = api_query(r, "mode");
    bool is_simulated = mode && strcmp(mode, "simulated") == 0;
    return balance_svc_verdict(r->svc, r->a, &r->who, api_query(r, "county_code"), api_query_i64(r, "school_year", 0),
                               is_simulated, &r->out);
}

err_t *api_balance_item_put(api_req_t *r) {
    return verdict_svc_item_put(r->svc, r->a, &r->who, api_body_str(r, "county_code"), body_year(r), path_key(r),
                                json_object_get(r->body, "values"), api_body_str(r, "note"),
                                json_object_get(r->body, "attachment_ids"), &r->out);
}

err_t *api_balance_item_check(api_req_t *r) {
    return verdict_svc_item_check(r->svc, r->a, &r->who, api_body_str(r, "county_code"), body_year(r), path_key(r),
                                  api_body_str(r, "decision"), api_body_str(r, "note"), &r->out);
}
