/* geo: positions on the earth, for the check-in of a visit: how far the phone was from the
 * school when the inspector checked in. Pure and thread-safe. */
#ifndef DUDAO_GEO_H
#define DUDAO_GEO_H

#include <stdbool.h>

/* WGS-84 / GCJ-02 degrees are both fine here: the distance is a plausibility check (tens of
 * metres), and a phone and a school located in the same datum agree. */
bool geo_is_valid(double lat, double lng);

/* Great-circle (haversine) distance in metres on a sphere of the mean earth radius
 * (6,371,008.8 m); error < 0.5 % against the ellipsoid, far below a phone's accuracy. */
double geo_distance_m(double lat1, double lng1, double lat2, double lng2);

/* How the check-in position relates to the school, for display:
 *   GEO_ON_SITE  within limit_m (plus the phone's reported accuracy, capped at limit_m);
 *   GEO_NEAR     within 5 × limit_m;
 *   GEO_FAR      beyond.  */
typedef enum geo_verdict { GEO_ON_SITE, GEO_NEAR, GEO_FAR } geo_verdict_t;
geo_verdict_t geo_checkin_verdict(double distance_m, double accuracy_m, double limit_m);
const char *geo_verdict_name(geo_verdict_t v);

#endif
