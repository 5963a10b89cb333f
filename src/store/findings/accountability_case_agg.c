#include "store/findings/accountability_case_agg.h"

#include <string.h>

#include "core/findings/accountability_case.h"
#include "util/timeutil.h"

static bool is_target_kind(const char *v) {
    return strcmp(v, "unit") == 0 || strcmp(v, "person") == 0 || strcmp(v, "private_person") == 0;
}
static const char *const target_kinds[] = {"unit", "person", "private_person", NULL};
const agg_check_t acc_case_target_kind_check = {is_target_kind, "问责对象类别应为 unit / person / private_person",
                                                "target_kind: unit, person or private_person", target_kinds};

static bool is_gov_situation(const char *v) {
    return acc_gov_situation_label(v) != NULL;
}
const agg_check_t acc_case_gov_situation_check = {
    is_gov_situation, "政府问责情形应为 law / task / mass_incident / safety / other",
    "gov_situation: law, task, mass_incident, safety or other", acc_gov_situation_codes};

static bool is_date(const char *v) {
    return time_is_date(v);
}
const agg_check_t acc_case_date_check = {is_date, "日期应为 YYYY-MM-DD", "a date YYYY-MM-DD", NULL};

static const agg_field_t acc_case_fields[] = {ACC_CASE_READ_FIELDS(AGG_READ_FIELD, accountability_case_t, )
                                                  ACC_CASE_BODY_FIELDS(AGG_BODY_FIELD, accountability_case_t, )
                                                      ACC_CASE_STORED_FIELDS(AGG_BODY_FIELD, accountability_case_t, )};

const agg_t accountability_case_agg = {"accountability_case",
                                       "accountability_case",
                                       "k",
                                       acc_case_fields,
                                       sizeof acc_case_fields / sizeof acc_case_fields[0],
                                       true};
