/* The handlers the route table (routes.c) points at; one group per resource file. */
#ifndef DUDAO_API_HANDLERS_H
#define DUDAO_API_HANDLERS_H

#include "api/api.h"

/* api_meta.c */
err_t *api_healthz(api_req_t *r);
err_t *api_openapi_get(api_req_t *r);
/* api_auth.c */
err_t *api_auth_login(api_req_t *r);
err_t *api_auth_logout(api_req_t *r);
err_t *api_auth_me(api_req_t *r);
err_t *api_auth_password(api_req_t *r);
/* api_users.c */
err_t *api_users_list(api_req_t *r);
err_t *api_users_create(api_req_t *r);
err_t *api_users_get(api_req_t *r);
err_t *api_users_update(api_req_t *r);
err_t *api_users_reset_password(api_req_t *r);
err_t *api_users_unlock(api_req_t *r);
/* api_regions.c */
err_t *api_regions_list(api_req_t *r);
err_t *api_regions_create(api_req_t *r);
err_t *api_regions_update(api_req_t *r);
/* api_schools.c */
err_t *api_schools_list(api_req_t *r);
err_t *api_schools_get(api_req_t *r);
err_t *api_schools_create(api_req_t *r);
err_t *api_schools_update(api_req_t *r);
/* api_roster.c */
err_t *api_zones_list(api_req_t *r);
err_t *api_zones_create(api_req_t *r);
err_t *api_zones_update(api_req_t *r);
err_t *api_zones_add_schools(api_req_t *r);
err_t *api_inspectors_list(api_req_t *r);
err_t *api_inspectors_get(api_req_t *r);
err_t *api_inspectors_create(api_req_t *r);
err_t *api_inspectors_update(api_req_t *r);
err_t *api_inspectors_add_relation(api_req_t *r);
err_t *api_inspectors_set_photo(api_req_t *r);
err_t *api_inspectors_photo(api_req_t *r);
err_t *api_assignments_check(api_req_t *r);
err_t *api_assignments_create(api_req_t *r);
err_t *api_assignments_end(api_req_t *r);
err_t *api_coverage(api_req_t *r);
err_t *api_settings_get(api_req_t *r);
err_t *api_settings_set(api_req_t *r);
/* api_imports.c */
err_t *api_imports_job(api_req_t *r);
err_t *api_imports_run(api_req_t *r);
err_t *api_imports_template(api_req_t *r);
/* api_exports.c */
err_t *api_exports_get(api_req_t *r);
err_t *api_imports_template_xlsx(api_req_t *r);
err_t *api_schools_plaque(api_req_t *r);
/* api_attachments.c */
err_t *api_attachments_upload(api_req_t *r);
err_t *api_attachments_get(api_req_t *r);
err_t *api_attachments_list(api_req_t *r);
/* api_audit.c */
err_t *api_audit_list(api_req_t *r);
err_t *api_audit_verify(api_req_t *r);
err_t *api_audit_checkpoints(api_req_t *r);

/* The session cookie, as the login answer sets it and logout clears it (token NULL); Secure
 * when the public URL is https. */
const char *api_session_cookie(api_req_t *r, const char *token);

#endif
