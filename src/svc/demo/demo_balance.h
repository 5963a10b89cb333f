/* demo_balance: school statistics for the demo city's compulsory-education schools, for the
 * 2024 and 2025 school years, so the balance pages have content: 德清县 passes both standards,
 * 长兴县 fails the 优质均衡 resource part (a few rural schools below the thresholds, and one
 * well-funded county school that puts the 初中 equipment CV over 0.45), one 长兴 school has not
 * reported for 2025, and one 德清 school's books jump (a new library) so a data check waits
 * for confirmation. Deterministic. */
#ifndef DUDAO_DEMO_BALANCE_H
#define DUDAO_DEMO_BALANCE_H

#include "svc/svc.h"

err_t *demo_balance_load(svc_t *s, arena_t *a);

#endif
