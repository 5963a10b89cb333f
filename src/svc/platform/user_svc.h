/* user_svc: account management by admins within their region scope, and the JSON form of an
 * account (shared by the API answers and the audit rows, which never carry password data). */
#ifndef DUDAO_USER_SVC_H
#define DUDAO_USER_SVC_H

#include <jansson.h>

#include "store/platform/user_store.h"
#include "svc/svc.h"

/* What a create or an update carries; NULL / -1 fields are "not given" on update. */
typedef struct user_input {
    const char *username;
    const char *display_name;
    const char *role;
    const char *region_code;
    int64_t school_id; /* 0 none; -1 not given */
    bool has_school_id;
    int64_t unit_id; /* 被督导单位 accounts: the unit; 0 none */
    bool has_unit_id;
    int64_t org_id; /* 第三方评估机构 accounts: the survey_org; 0 none */
    bool has_org_id;
    const char *expires_on; /* YYYY-MM-DD: access ends with that day (Beijing time); "" clears */
    bool has_expires_on;
    const char *phone;
    bool has_phone;
    int is_disabled; /* -1 not given */
    const char *password;
} user_input_t;

/* New reference to the account as the API shows it. */
json_t *user_to_json(const user_t *u);
/* The same object written by w (byte-equal to user_to_json dumped). */
void user_write_json(jw_t *w, const user_t *u);

/* Checks the password policy; ERR_WEAK_PASSWORD naming field. */
err_t *user_check_password(arena_t *a, const char *password, const char *field);

err_t *user_svc_list(svc_t *s, arena_t *a, const actor_t *who, const user_filter_t *f, user_t **out, size_t *n_out,
                     int64_t *total);
err_t *user_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, user_t *out);
err_t *user_svc_create(svc_t *s, arena_t *a, const actor_t *who, const user_input_t *in, user_t *out);
err_t *user_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const user_input_t *in, user_t *out);
err_t *user_svc_reset_password(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *password);
err_t *user_svc_unlock(svc_t *s, arena_t *a, const actor_t *who, int64_t id);

/* For the command line (no session): creates an account with full scope checks skipped but
 * every validation kept; the audit row names the system as actor. */
err_t *user_svc_create_system(svc_t *s, arena_t *a, const user_input_t *in, user_t *out);
/* For the command line: set a password / disable by username. */
err_t *user_svc_set_password_system(svc_t *s, arena_t *a, const char *username, const char *password);
err_t *user_svc_disable_system(svc_t *s, arena_t *a, const char *username);

#endif
