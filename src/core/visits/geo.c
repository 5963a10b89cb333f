#include "core/visits/geo.h"

#include <math.h>

bool geo_is_valid(double lat, double lng) {
    return isfinite(lat) && isfinite(lng) && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180;
}

double geo_distance_m(double lat1, double lng1, double lat2, double lng2) {
    const double r = 6371008.8, rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad, dlng = (lng2 - lng1) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dlng / 2) * sin(dlng / 2);
    if (h > 1) h = 1; /* rounding near antipodes */
    return 2 * r * asin(sqrt(h));
}

geo_verdict_t geo_checkin_verdict(double distance_m, double accuracy_m, double limit_m) {
    double slack = accuracy_m > 0 ? (accuracy_m < limit_m ? accuracy_m : limit_m) : 0;
    if (distance_m <= limit_m + slack) return GEO_ON_SITE;
    if (distance_m <= 5 * limit_m) return GEO_NEAR;
    return GEO_FAR;
}

const char *geo_verdict_name(geo_verdict_t v) {
    static const char *names[] = {"on_site", "near", "far"};
    return names[v];
}
