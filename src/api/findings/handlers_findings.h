/* The findings capability's handlers (api_findings.c, api_complaints.c, api_accountability.c,
 * api_bulletins.c) and its route table (routes_findings.c). */
#ifndef DUDAO_API_HANDLERS_FINDINGS_H
#define DUDAO_API_HANDLERS_FINDINGS_H

#include "api/api.h"

extern const api_route_table_t api_routes_findings;

/* api_findings.c */
err_t *api_findings_list(api_req_t *r);
err_t *api_findings_get(api_req_t *r);
err_t *api_findings_create(api_req_t *r);
err_t *api_findings_edit(api_req_t *r);
err_t *api_findings_issue(api_req_t *r);
err_t *api_findings_acknowledge(api_req_t *r);
err_t *api_findings_progress(api_req_t *r);
err_t *api_findings_submit(api_req_t *r);
err_t *api_findings_close(api_req_t *r);
err_t *api_findings_return(api_req_t *r);
err_t *api_findings_void(api_req_t *r);
err_t *api_findings_reopen(api_req_t *r);
err_t *api_findings_approve_close(api_req_t *r);
err_t *api_findings_send_back(api_req_t *r);
err_t *api_findings_request_extension(api_req_t *r);
err_t *api_findings_decide_extension(api_req_t *r);
err_t *api_findings_notice(api_req_t *r);
err_t *api_findings_export(api_req_t *r);
err_t *api_findings_reinspection(api_req_t *r);
err_t *api_findings_inbox(api_req_t *r);
err_t *api_findings_stats(api_req_t *r);
err_t *api_findings_settings_get(api_req_t *r);
err_t *api_findings_settings_set(api_req_t *r);
err_t *api_extensions_list(api_req_t *r);
err_t *api_orders_list(api_req_t *r);
err_t *api_orders_confirm(api_req_t *r);
err_t *api_orders_dismiss(api_req_t *r);
err_t *api_decisions_list(api_req_t *r);
err_t *api_decisions_create(api_req_t *r);
err_t *api_decisions_get(api_req_t *r);
err_t *api_decisions_sign(api_req_t *r);
err_t *api_decisions_send(api_req_t *r);
err_t *api_orders_pdf(api_req_t *r);
err_t *api_jobs_list(api_req_t *r);
err_t *api_jobs_run(api_req_t *r);

/* api_complaints.c */
err_t *api_public_school(api_req_t *r);
err_t *api_public_complaint_create(api_req_t *r);
err_t *api_public_complaint_get(api_req_t *r);
err_t *api_complaints_list(api_req_t *r);
err_t *api_complaints_verify(api_req_t *r);
err_t *api_complaints_reject(api_req_t *r);

/* api_accountability.c */
err_t *api_accountability_list(api_req_t *r);
err_t *api_accountability_create(api_req_t *r);
err_t *api_accountability_review(api_req_t *r);
err_t *api_accountability_cases_list(api_req_t *r);
err_t *api_accountability_cases_open(api_req_t *r);
err_t *api_accountability_cases_get(api_req_t *r);
err_t *api_accountability_cases_step(api_req_t *r);
err_t *api_interviews_list(api_req_t *r);
err_t *api_interviews_create(api_req_t *r);

/* api_bulletins.c */
err_t *api_bulletins_list(api_req_t *r);
err_t *api_bulletins_create(api_req_t *r);
err_t *api_bulletins_get(api_req_t *r);
err_t *api_bulletins_update(api_req_t *r);
err_t *api_bulletins_approve(api_req_t *r);
err_t *api_bulletins_publish(api_req_t *r);
err_t *api_bulletins_pdf(api_req_t *r);
err_t *api_public_bulletins_list(api_req_t *r);
err_t *api_public_bulletins_get(api_req_t *r);
err_t *api_public_bulletins_pdf(api_req_t *r);

#endif
