#include "core/findings/finding_sort.h"

#include <stddef.h>
#include <string.h>

#define FINDING_SORT_STR_(k) #k,
static const char *const names[] = {FINDING_SORT_KEYS(FINDING_SORT_STR_, )};

int finding_sort_parse(const char *sort, int *is_desc) {
    if (!sort) return -1;
    int desc = sort[0] == '-';
    if (is_desc) *is_desc = desc;
    for (size_t i = 0; i < FSORT__COUNT; i++)
        if (strcmp(names[i], sort + desc) == 0) return (int)i;
    return -1;
}

const char *finding_sort_name(finding_sort_t k) {
    return (unsigned)k < FSORT__COUNT ? names[k] : NULL;
}
