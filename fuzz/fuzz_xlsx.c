/* libFuzzer: the XML inside a workbook. Random bytes almost never make a zip, so the harness
 * builds one: the input, split at each "\0\0", is the first worksheet, the shared strings,
 * the styles, the workbook and its relationships (stored uncompressed, for speed). The XML
 * readers, the DOCTYPE scan, the limits and the cell formatting all see fuzzed text.
 * Seeds: fuzz/corpus/xlsx. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zip.h>

#include "docs/tabular.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static const char *const PARTS[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                                    "xl/workbook.xml", "xl/_rels/workbook.xml.rels"};

static void add_part(zip_t *z, const char *name, const uint8_t *p, size_t n) {
    zip_source_t *src = zip_source_buffer(z, p, n, 0);
    if (!src) abort();
    zip_int64_t idx = zip_file_add(z, name, src, ZIP_FL_OVERWRITE);
    if (idx < 0) abort();
    zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n) {
    const char *path = fuzz_scratch_path(".xlsx");
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!z) abort();
    size_t start = 0, part = 0;
    for (size_t i = 0; part < sizeof PARTS / sizeof *PARTS; i++) {
        bool is_end = i >= n;
        if (is_end || (i + 1 < n && data[i] == 0 && data[i + 1] == 0)) {
            add_part(z, PARTS[part++], data + start, (is_end ? n : i) - start);
            if (is_end) break;
            start = i + 2;
            i++;
        }
    }
    if (zip_close(z) != 0) abort(); /* the sources are read here, while data is alive */
    arena_t a;
    arena_init(&a);
    size_t sum = 0;
    fuzz_check_err(tabular_read(&a, path, fuzz_touch_row, &sum));
    arena_free(&a);
    return 0;
}
