/* The balance part of the demo: the school statistics of the demo city's compulsory-education
 * schools for the 2024 and 2025 school years (demo/balance_YYYY.csv), through the statistics
 * import a county office uses. 德清县 passes both standards; 长兴县 fails the 优质均衡
 * resource part (a few rural schools below the thresholds, and one well-funded county school
 * that puts the 初中 equipment CV over 0.45); one 长兴 school has not reported for 2025; one
 * 德清 school's books jump (a new library) so a data check waits for confirmation. */
#include <unistd.h>

#include "svc/balance/balance_svc.h"
#include "svc/demo/demo_data.h"

err_t *demo_balance_load(svc_t *s, arena_t *a) {
    static const struct {
        int64_t year;
        const char *file;
    } years[] = {{2024, "balance_2024.csv"}, {2025, "balance_2025.csv"}};
    for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
        const char *path;
        err_t *e = demo_temp_file(a, years[i].file, &path);
        if (e) return e;
        import_result_t res;
        e = balance_svc_import(s, a, &demo_system, years[i].year, path, &res);
        unlink(path);
        if (e || (e = demo_import_errors(a, years[i].file, &res))) return e;
    }
    return NULL;
}
