/* The incidents capability's handlers (api_incidents.c) and route table (routes_incidents.c):
 * 突发事件 reports (挂牌督导办法第五条). */
#ifndef DUDAO_API_HANDLERS_INCIDENTS_H
#define DUDAO_API_HANDLERS_INCIDENTS_H

#include "api/api.h"

extern const api_route_table_t api_routes_incidents;

err_t *api_incidents_list(api_req_t *r);
err_t *api_incidents_report(api_req_t *r);
err_t *api_incidents_get(api_req_t *r);
err_t *api_incidents_handle(api_req_t *r);
err_t *api_incidents_close(api_req_t *r);
err_t *api_incidents_to_finding(api_req_t *r);

#endif
