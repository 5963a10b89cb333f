/* The monitoring capability's handlers (api_monitoring.c) and route table (routes_monitoring.c):
 * 质量监测 import, analysis and 整改方案. */
#ifndef DUDAO_API_HANDLERS_MONITORING_H
#define DUDAO_API_HANDLERS_MONITORING_H

#include "api/api.h"

extern const api_route_table_t api_routes_monitoring;

err_t *api_monitoring_catalog(api_req_t *r);
err_t *api_monitoring_import(api_req_t *r);
err_t *api_monitoring_template(api_req_t *r);
err_t *api_monitoring_analysis(api_req_t *r);
err_t *api_monitoring_plans(api_req_t *r);
err_t *api_monitoring_plan_create(api_req_t *r);
err_t *api_monitoring_settings(api_req_t *r);
err_t *api_monitoring_item_39(api_req_t *r);
err_t *api_monitoring_setting_put(api_req_t *r);

#endif
