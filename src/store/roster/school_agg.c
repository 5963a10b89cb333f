#include "store/roster/school_agg.h"

#include <stdlib.h>
#include <string.h>

#include "core/roster/codes.h"

static bool is_school_type(const char *v) {
    return codes_school_type_label(v) != NULL;
}
static bool is_urban_rural(const char *v) {
    return codes_urban_rural_label(v) != NULL;
}
static bool is_organizer(const char *v) {
    return codes_organizer_label(v) != NULL;
}
static bool is_status(const char *v) {
    return strcmp(v, "open") == 0 || strcmp(v, "closed") == 0;
}
static bool is_in(const char *v, double lo, double hi) {
    char *end = NULL;
    double d = strtod(v, &end);
    return end && !*end && d >= lo && d <= hi;
}
static bool is_lat(const char *v) {
    return is_in(v, -90, 90);
}
static bool is_lng(const char *v) {
    return is_in(v, -180, 180);
}

static const char *const statuses[] = {"open", "closed", NULL};
static const char *const urban_rural[] = {"111", "112", "121", "122", "123", "210", "220", NULL};

const agg_check_t school_type_check = {is_school_type, "办学类型码无效", "unknown school type code", NULL};
const agg_check_t school_urban_rural_check = {is_urban_rural, "城乡分类代码无效（111/112/121/122/123/210/220）",
                                              "invalid urban-rural code (111/112/121/122/123/210/220)", urban_rural};
const agg_check_t school_organizer_check = {
    is_organizer, "举办者代码无效（edu_dept/other_dept/local_enterprise/public_institution/military/collective/private）",
    "unknown organizer (edu_dept/other_dept/local_enterprise/public_institution/military/collective/private)",
    codes_organizer_codes};
const agg_check_t school_status_check = {is_status, "状态应为 open 或 closed", "status must be open or closed", statuses};
const agg_check_t school_lat_check = {is_lat, "纬度无效", "invalid latitude", NULL};
const agg_check_t school_lng_check = {is_lng, "经度无效", "invalid longitude", NULL};

static const agg_field_t school_fields[] = {
    SCHOOL_READ_FIELDS(AGG_READ_FIELD, school_t, ) SCHOOL_BODY_FIELDS(AGG_BODY_FIELD, school_t, )};

const agg_t school_agg = {"school", "school", "s", school_fields, sizeof school_fields / sizeof school_fields[0], true};
