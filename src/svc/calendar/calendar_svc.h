/* calendar_svc: the 校历 of a county and school year — read (with the built-in default when the
 * county has entered none), and create / update / delete of its periods by the county office,
 * each one transaction with an audit row. Also the loader the routine rules use
 * (svc/visits: routine generation and coverage). */
#ifndef DUDAO_CALENDAR_SVC_H
#define DUDAO_CALENDAR_SVC_H

#include "core/calendar/calendar.h"
#include "svc/svc.h"

typedef struct cal_input {
    const char *county_code; /* create only; default the actor's region */
    int64_t school_year;     /* create only; 0 = the school year of starts_on */
    const char *kind, *name, *starts_on, *ends_on;
} cal_input_t;

/* {county_code, county_name, school_year, is_default, periods:[...], months:[{month, school_days,
 * in_session}]} for school_year (0 = the current one). */
err_t *cal_svc_get(svc_t *s, arena_t *a, const actor_t *who, const char *county_code, int64_t school_year,
                   json_t **out);
err_t *cal_svc_create(svc_t *s, arena_t *a, const actor_t *who, const cal_input_t *in, json_t **out);
err_t *cal_svc_update(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const cal_input_t *in, json_t **out);
err_t *cal_svc_delete(svc_t *s, arena_t *a, const actor_t *who, int64_t id);

/* Inside a caller's transaction: the calendar in force for the county a region lies in, for the
 * school year of date (YYYY-MM-DD) and the one before (so a date in the summer or before the
 * autumn term starts finds the term just ended). Each year the county has not entered comes
 * from the default. */
err_t *cal_svc_load(db_t *db, arena_t *a, const char *region_code, const char *date, cal_t *out);

#endif
