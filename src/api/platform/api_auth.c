#include <string.h>

#include "api/handlers.h"
#include "svc/platform/auth_svc.h"
#include "svc/platform/user_svc.h"

const char *api_session_cookie(api_req_t *r, const char *token) {
    /* Secure once the public address is https: the token then never travels in clear, even
     * when someone types the http:// address */
    const char *url = r->svc->cfg.public_url;
    const char *secure = url && strncmp(url, "https://", 8) == 0 ? "; Secure" : "";
    if (!token) return arena_printf(r->a, "dudao_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s", secure);
    return arena_printf(r->a, "dudao_session=%s; Path=/; HttpOnly; SameSite=Lax%s", token, secure);
}

static json_t *api_me_json(const user_t *u, const char *csrf) {
    json_t *j = json_object();
    json_object_set_new(j, "user", user_to_json(u));
    json_object_set_new(j, "csrf_token", json_string(csrf));
    return j;
}

err_t *api_auth_login(api_req_t *r) {
    auth_login_result_t res;
    err_t *e = auth_svc_login(r->svc, r->a, api_body_str(r, "username"), api_body_str(r, "password"), r->ip, &res);
    if (e) return e;
    r->set_cookie = api_session_cookie(r, res.token);
    r->out = api_me_json(&res.user, res.csrf_token);
    return NULL;
}

err_t *api_auth_logout(api_req_t *r) {
    err_t *e = auth_svc_logout(r->svc, r->a, &r->who, r->token);
    if (e) return e;
    r->set_cookie = api_session_cookie(r, NULL);
    return NULL;
}

err_t *api_auth_me(api_req_t *r) {
    r->out = api_me_json(&r->session.user, r->session.csrf_token);
    return NULL;
}

err_t *api_auth_password(api_req_t *r) {
    return auth_svc_change_password(r->svc, r->a, &r->who, r->token, api_body_str(r, "old_password"),
                                    api_body_str(r, "new_password"));
}
