/* The balance capability's handlers (api_balance.c) and route table (routes_balance.c). */
#ifndef DUDAO_API_HANDLERS_BALANCE_H
#define DUDAO_API_HANDLERS_BALANCE_H

#include "api/api.h"

extern const api_route_table_t api_routes_balance;

err_t *api_balance_fields(api_req_t *r);
err_t *api_balance_stats_list(api_req_t *r);
err_t *api_balance_stat_get(api_req_t *r);
err_t *api_balance_stat_put(api_req_t *r);
err_t *api_balance_import(api_req_t *r);
err_t *api_balance_template(api_req_t *r);
err_t *api_balance_completeness(api_req_t *r);
err_t *api_balance_checks(api_req_t *r);
err_t *api_balance_check_confirm(api_req_t *r);
err_t *api_balance_evaluation(api_req_t *r);
err_t *api_balance_whatif(api_req_t *r);
err_t *api_balance_finalize(api_req_t *r);
err_t *api_balance_overview(api_req_t *r);
err_t *api_balance_trend(api_req_t *r);
err_t *api_balance_plan(api_req_t *r);
err_t *api_balance_school(api_req_t *r);
err_t *api_balance_export(api_req_t *r);
err_t *api_balance_report(api_req_t *r);
err_t *api_balance_rules(api_req_t *r);
err_t *api_balance_override_put(api_req_t *r);
err_t *api_balance_override_delete(api_req_t *r);
/* api_verdict.c */
err_t *api_balance_verdict(api_req_t *r);
err_t *api_balance_item_put(api_req_t *r);
err_t *api_balance_item_check(api_req_t *r);

#endif
