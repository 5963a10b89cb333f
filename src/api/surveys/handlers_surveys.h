/* The surveys capability's handlers (api_surveys.c) and its route table (routes_surveys.c). */
#ifndef DUDAO_API_HANDLERS_SURVEYS_H
#define DUDAO_API_HANDLERS_SURVEYS_H

#include "api/api.h"

extern const api_route_table_t api_routes_surveys;

err_t *api_surveys_forms(api_req_t *r);
err_t *api_surveys_form_create(api_req_t *r);
err_t *api_surveys_version(api_req_t *r);
err_t *api_surveys_version_update(api_req_t *r);
err_t *api_surveys_version_publish(api_req_t *r);
err_t *api_surveys_rounds(api_req_t *r);
err_t *api_surveys_round_create(api_req_t *r);
err_t *api_surveys_round(api_req_t *r);
err_t *api_surveys_round_close(api_req_t *r);
err_t *api_surveys_slips(api_req_t *r);
err_t *api_surveys_codes(api_req_t *r);
err_t *api_surveys_results(api_req_t *r);
err_t *api_surveys_results_xlsx(api_req_t *r);
err_t *api_surveys_report(api_req_t *r);
err_t *api_surveys_texts(api_req_t *r);
err_t *api_surveys_text_flag(api_req_t *r);
err_t *api_surveys_trends(api_req_t *r);
err_t *api_surveys_sample(api_req_t *r);
err_t *api_surveys_orgs(api_req_t *r);
err_t *api_surveys_org(api_req_t *r);
err_t *api_surveys_org_create(api_req_t *r);
err_t *api_surveys_org_update(api_req_t *r);
err_t *api_surveys_round_submit(api_req_t *r);
err_t *api_surveys_round_review(api_req_t *r);
err_t *api_surveys_item_finding(api_req_t *r);
err_t *api_surveys_officials(api_req_t *r);
err_t *api_surveys_official(api_req_t *r);
err_t *api_surveys_official_create(api_req_t *r);
err_t *api_surveys_official_progress(api_req_t *r);
err_t *api_surveys_official_close(api_req_t *r);
err_t *api_surveys_official_posters(api_req_t *r);
err_t *api_public_survey(api_req_t *r);
err_t *api_public_survey_submit(api_req_t *r);

#endif
