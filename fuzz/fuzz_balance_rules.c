/* libFuzzer: any bytes as a provincial or city override of the balance rules (a JSON document
 * a provincial admin uploads, checked by balance_override_validate against the national rules
 * before it is stored); a document that validates is then applied to a copy of the rules, as
 * the evaluation of a county under it would. Seeds: fuzz/corpus/balance_rules. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/balance/balance.h"
#include "fuzz_common.h"
#include "svc/balance/balance_svc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static balance_rules_t base;
static bool has_base;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n) {
    if (!has_base) {
        static arena_t keep;
        arena_init(&keep);
        if (balance_svc_rules(NULL, &keep, "330521", &base)) abort();
        has_base = true;
    }
    arena_t a;
    arena_init(&a);
    char *text = arena_alloc(&a, n + 1);
    memcpy(text, data, n);
    text[n] = '\0';
    const char *standard = NULL, *jurisdiction = NULL;
    err_t *e = balance_override_validate(&a, &base, text, &standard, &jurisdiction);
    fuzz_check_err(e);
    if (!e) {
        balance_rules_t r = base;
        fuzz_check_err(balance_rules_apply(&a, &r, text));
    }
    arena_free(&a);
    return 0;
}
