#include "store/roster/zone_agg.h"

static const agg_field_t zone_fields[] = {ZONE_READ_FIELDS(AGG_READ_FIELD, zone_t, )
                                              ZONE_BODY_FIELDS(AGG_BODY_FIELD, zone_t, )};

const agg_t zone_agg = {"zone", "zone", "z", zone_fields, sizeof zone_fields / sizeof zone_fields[0], false};
