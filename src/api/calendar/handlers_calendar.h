/* The calendar capability's handlers (api_calendar.c) and route table (routes_calendar.c):
 * the 校历 per county and school year. */
#ifndef DUDAO_API_HANDLERS_CALENDAR_H
#define DUDAO_API_HANDLERS_CALENDAR_H

#include "api/api.h"

extern const api_route_table_t api_routes_calendar;

err_t *api_calendar_get(api_req_t *r);
err_t *api_calendar_create(api_req_t *r);
err_t *api_calendar_update(api_req_t *r);
err_t *api_calendar_delete(api_req_t *r);

#endif
