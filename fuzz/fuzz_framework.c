/* libFuzzer: any bytes as an indicator framework document (指标体系, docs/framework-format.md),
 * as an office uploads one: jansson, then fw_parse; a document that parses is scored with the
 * answers the input's tail carries (after a NUL byte), as a visit's submission would be, and
 * its result encoded. Seeds: fuzz/corpus/framework (the built-ins of standards/frameworks). */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/frameworks/framework.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n) {
    const uint8_t *nul = memchr(data, 0, n);
    size_t n_doc = nul ? (size_t)(nul - data) : n;
    json_t *doc = json_loadb((const char *)data, n_doc, JSON_REJECT_DUPLICATES, NULL);
    if (!doc) return 0;
    json_t *answers = nul ? json_loadb((const char *)nul + 1, n - n_doc - 1, JSON_REJECT_DUPLICATES, NULL) : NULL;
    arena_t a;
    arena_init(&a);
    fw_t *f = NULL;
    err_t *e = fw_parse(&a, doc, &f);
    fuzz_check_err(e);
    if (!e) {
        fw_result_t r;
        err_t *se = fw_score(&a, f, NULL, answers, &r);
        fuzz_check_err(se);
        if (!se) json_decref(fw_result_to_json(&r));
        json_decref(fw_to_json(f));
    }
    json_decref(answers);
    json_decref(doc);
    arena_free(&a);
    return 0;
}
