/* libFuzzer: any bytes as a balance CSV in the interchange format (`dudao balance eval --csv`,
 * docs/balance.md), read by cli_balance_read_csv, then the county evaluation of core/balance
 * over what was read (national rules): the CVs, the 6-of-7 verdicts and their margins must
 * hold for any numbers a file can carry (huge, zero enrollments, one school, thousands).
 * Seeds: fuzz/corpus/balance_csv. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cli/balance/cli_balance.h"
#include "core/balance/balance.h"
#include "fuzz_common.h"
#include "svc/balance/balance_svc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static balance_rules_t rules;
static bool has_rules;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n) {
    arena_t a;
    arena_init(&a);
    if (!has_rules) {
        static arena_t keep;
        arena_init(&keep);
        if (balance_svc_rules(NULL, &keep, "330521", &rules)) abort();
        has_rules = true;
    }
    const char *path = fuzz_scratch_path(".csv");
    fuzz_write(path, data, n);
    balance_unit_t *units = NULL;
    size_t nu = 0;
    err_t *e = cli_balance_read_csv(&a, path, &units, &nu);
    fuzz_check_err(e);
    /* county by county, as the command does (the harness keeps file order: adjacent rows of one county) */
    for (size_t i = 0; !e && i < nu;) {
        size_t j = i;
        while (j < nu && strcmp(units[j].county_code, units[i].county_code) == 0)
            j++;
        balance_result_t res;
        balance_eval(&a, &rules, units + i, j - i, &res);
        for (size_t g = 0; g < res.n_groups; g++)
            if (res.groups[g].n_schools > j - i) abort();
        i = j;
    }
    arena_free(&a);
    return 0;
}
