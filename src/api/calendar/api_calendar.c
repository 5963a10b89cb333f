/* 校历: thin handlers (decode, one svc call, encode). */
#include "api/calendar/handlers_calendar.h"
#include "svc/calendar/calendar_svc.h"

static cal_input_t input_of(api_req_t *r) {
    json_t *y = json_object_get(r->body, "school_year");
    return (cal_input_t){.county_code = api_body_str(r, "county_code"),
                         .school_year = json_is_integer(y) ? json_integer_value(y) : 0,
                         .kind = api_body_str(r, "kind"),
                         .name = api_body_str(r, "name"),
                         .starts_on = api_body_str(r, "starts_on"),
                         .ends_on = api_body_str(r, "ends_on")};
}

err_t *api_calendar_get(api_req_t *r) {
    int64_t y;
    err_t *e = api_query_int(r, "school_year", 0, 2000, 2100, &y);
    return e ? e : cal_svc_get(r->svc, r->a, &r->who, api_query(r, "county_code"), y, &r->out);
}

err_t *api_calendar_create(api_req_t *r) {
    cal_input_t in = input_of(r);
    if (!in.starts_on || !in.ends_on)
        return err_new(r->a, ERR_INVALID, in.starts_on ? "ends_on" : "starts_on", "请填写开始和结束日期",
                       "starts_on and ends_on are required");
    err_t *e = cal_svc_create(r->svc, r->a, &r->who, &in, &r->out);
    if (!e) r->status = 201;
    return e;
}

err_t *api_calendar_update(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    cal_input_t in = input_of(r);
    return e ? e : cal_svc_update(r->svc, r->a, &r->who, id, &in, &r->out);
}

err_t *api_calendar_delete(api_req_t *r) {
    int64_t id;
    err_t *e = api_path_id(r, 0, &id);
    return e ? e : cal_svc_delete(r->svc, r->a, &r->who, id);
}
