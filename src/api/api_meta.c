#include "api/handlers.h"
#include "store/platform/health_store.h"

#ifndef DUDAO_VERSION
#define DUDAO_VERSION "dev"
#endif

err_t *api_healthz(api_req_t *r) {
    db_t *db;
    err_t *e = svc_db(r->svc, r->a, &db);
    if (!e) e = health_store_ping(db, r->a);
    r->out = json_object();
    json_object_set_new(r->out, "status", json_string(e ? "degraded" : "ok"));
    json_object_set_new(r->out, "db", json_string(e ? "unreachable" : "ok"));
    json_object_set_new(r->out, "version", json_string(DUDAO_VERSION));
    if (e) r->status = 503;
    return NULL;
}

err_t *api_openapi_get(api_req_t *r) {
    r->out = api_openapi();
    return NULL;
}
