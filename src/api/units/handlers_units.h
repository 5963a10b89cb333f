/* The units capability's handlers (api_units.c) and route table (routes_units.c): 督政, the
 * supervised units (乡镇政府/街道, 县直部门), their assessment, grade, ranking and 年终考核 export. */
#ifndef DUDAO_API_HANDLERS_UNITS_H
#define DUDAO_API_HANDLERS_UNITS_H

#include "api/api.h"

extern const api_route_table_t api_routes_units;

err_t *api_units_list(api_req_t *r);
err_t *api_units_create(api_req_t *r);
err_t *api_units_get(api_req_t *r);
err_t *api_units_update(api_req_t *r);
err_t *api_units_assessment(api_req_t *r);
err_t *api_units_self_report(api_req_t *r);
err_t *api_units_check(api_req_t *r);
err_t *api_units_rules(api_req_t *r);
err_t *api_units_rules_put(api_req_t *r);
err_t *api_units_ranking(api_req_t *r);
err_t *api_units_export(api_req_t *r);

#endif
