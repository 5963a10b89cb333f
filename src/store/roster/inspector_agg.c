#include "store/roster/inspector_agg.h"

static const agg_field_t inspector_fields[] = {
    INSPECTOR_READ_FIELDS(AGG_READ_FIELD, inspector_t, ) INSPECTOR_BODY_FIELDS(AGG_BODY_FIELD, inspector_t, )};

const agg_t inspector_agg = {"inspector", "inspector", "i", inspector_fields,
                             sizeof inspector_fields / sizeof inspector_fields[0], true};
