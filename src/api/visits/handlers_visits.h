/* Handlers of the tasks and visits capability (api_visits.c) and its route table
 * (routes_visits.c). */
#ifndef DUDAO_API_HANDLERS_VISITS_H
#define DUDAO_API_HANDLERS_VISITS_H

#include "api/api.h"

extern const api_route_table_t api_routes_visits;

err_t *api_tasks_list(api_req_t *r);
err_t *api_tasks_create(api_req_t *r);
err_t *api_tasks_get(api_req_t *r);
err_t *api_tasks_update(api_req_t *r);
err_t *api_tasks_step(api_req_t *r);
err_t *api_tasks_generate(api_req_t *r);
err_t *api_tasks_frameworks(api_req_t *r);
err_t *api_visits_agenda(api_req_t *r);
err_t *api_visits_coverage(api_req_t *r);
err_t *api_visits_calendar(api_req_t *r);
err_t *api_visits_list(api_req_t *r);
err_t *api_visits_open(api_req_t *r);
err_t *api_visits_get(api_req_t *r);
err_t *api_visits_save(api_req_t *r);
err_t *api_visits_checkin(api_req_t *r);
err_t *api_visits_photo(api_req_t *r);
err_t *api_visits_submit(api_req_t *r);
err_t *api_visits_amend(api_req_t *r);
err_t *api_visits_opinion(api_req_t *r);
err_t *api_visits_record_pdf(api_req_t *r);
err_t *api_visits_opinion_pdf(api_req_t *r);
err_t *api_tasks_report_compose(api_req_t *r);
err_t *api_tasks_report_get(api_req_t *r);
err_t *api_tasks_report_act(api_req_t *r);
err_t *api_tasks_report_pdf(api_req_t *r);
err_t *api_public_reports(api_req_t *r);
err_t *api_public_report_pdf(api_req_t *r);
err_t *api_visits_cycles(api_req_t *r);
err_t *api_tasks_hearing(api_req_t *r);
err_t *api_tasks_expert_add(api_req_t *r);
err_t *api_tasks_expert_remove(api_req_t *r);
err_t *api_tasks_expert_note(api_req_t *r);
err_t *api_agency_code_get(api_req_t *r);
err_t *api_agency_code_set(api_req_t *r);

extern const api_route_table_t api_routes_visit_frameworks; /* api_visit_frameworks.c */

#endif
