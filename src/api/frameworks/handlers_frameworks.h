/* The 指标体系 handlers (api_frameworks.c) and their route table (routes_frameworks.c). */
#ifndef DUDAO_API_HANDLERS_FRAMEWORKS_H
#define DUDAO_API_HANDLERS_FRAMEWORKS_H

#include "api/api.h"

extern const api_route_table_t api_routes_frameworks;

err_t *api_frameworks_list(api_req_t *r);
err_t *api_frameworks_get(api_req_t *r);
err_t *api_frameworks_create(api_req_t *r);
err_t *api_frameworks_new_version(api_req_t *r);
err_t *api_frameworks_validate(api_req_t *r);
err_t *api_frameworks_import(api_req_t *r);
err_t *api_frameworks_import_into(api_req_t *r);
err_t *api_framework_versions_get(api_req_t *r);
err_t *api_framework_versions_update(api_req_t *r);
err_t *api_framework_versions_delete(api_req_t *r);
err_t *api_framework_versions_publish(api_req_t *r);
err_t *api_framework_versions_retire(api_req_t *r);
err_t *api_framework_versions_copy(api_req_t *r);
err_t *api_framework_versions_score(api_req_t *r);
err_t *api_framework_versions_export(api_req_t *r);
err_t *api_framework_versions_diff(api_req_t *r);

#endif
