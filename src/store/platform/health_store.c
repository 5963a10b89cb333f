#include "store/platform/health_store.h"

err_t *health_store_ping(db_t *db, arena_t *a) {
    return db_query(db, a, "SELECT 1", DB_NOP, NULL);
}
