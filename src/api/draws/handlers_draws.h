/* The draws capability's handlers (api_draws.c) and route table (routes_draws.c): 双随机一公开,
 * its public page, and risk grouping. */
#ifndef DUDAO_API_HANDLERS_DRAWS_H
#define DUDAO_API_HANDLERS_DRAWS_H

#include "api/api.h"

extern const api_route_table_t api_routes_draws;

err_t *api_draws_list(api_req_t *r);
err_t *api_draws_create(api_req_t *r);
err_t *api_draws_get(api_req_t *r);
err_t *api_draws_commit(api_req_t *r);
err_t *api_draws_reveal(api_req_t *r);
err_t *api_draws_replace(api_req_t *r);
err_t *api_draws_risk(api_req_t *r);
err_t *api_draws_followup_candidates(api_req_t *r);
err_t *api_draws_followup_tasks(api_req_t *r);
err_t *api_draws_recheck(api_req_t *r);
err_t *api_draws_settings(api_req_t *r);
err_t *api_draws_setting_put(api_req_t *r);
err_t *api_public_draws(api_req_t *r);
err_t *api_public_draw(api_req_t *r);

#endif
