/* libFuzzer: any bytes as an uploaded import file (tabular_read picks CSV in UTF-8 or
 * GB18030, or XLSX, by content). Seeds: fuzz/corpus/tabular. */
#include <stddef.h>
#include <stdint.h>

#include "docs/tabular.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n) {
    const char *path = fuzz_scratch_path(".bin");
    fuzz_write(path, data, n);
    arena_t a;
    arena_init(&a);
    size_t sum = 0;
    fuzz_check_err(tabular_read(&a, path, fuzz_touch_row, &sum));
    arena_free(&a);
    return 0;
}
