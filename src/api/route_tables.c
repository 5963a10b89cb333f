/* The list of route tables, one per capability, in the order the dispatcher tries them and
 * the OpenAPI document lists them. A capability adds its table's line here. */
#include "api/api.h"
#include "api/balance/handlers_balance.h"
#include "api/draws/handlers_draws.h"
#include "api/calendar/handlers_calendar.h"
#include "api/findings/handlers_findings.h"
#include "api/frameworks/handlers_frameworks.h"
#include "api/incidents/handlers_incidents.h"
#include "api/monitoring/handlers_monitoring.h"
#include "api/visits/handlers_visits.h"
#include "api/surveys/handlers_surveys.h"
#include "api/units/handlers_units.h"

const api_route_table_t *const api_route_tables[] = {
    &api_routes_platform,
    &api_routes_frameworks,
    &api_routes_visit_frameworks,
    &api_routes_visits,
    &api_routes_findings,
    &api_routes_balance,
    &api_routes_surveys,
    &api_routes_monitoring,
    &api_routes_draws,
    &api_routes_units,
    &api_routes_incidents,
    &api_routes_calendar,
    NULL,
};
