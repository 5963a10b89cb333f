#include "core/platform/password_policy.h"

#include <string.h>

password_verdict_t password_policy_check(const char *pw) {
    if (!pw) return PASSWORD_TOO_SHORT;
    size_t n_bytes = strlen(pw);
    if (n_bytes > PASSWORD_MAX_BYTES) return PASSWORD_TOO_LONG;
    size_t n_chars = 0;
    bool has_lower = false, has_upper = false, has_digit = false, has_other = false;
    for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
        if ((*p & 0xC0) != 0x80) n_chars++; /* count UTF-8 lead bytes only */
        if (*p >= 'a' && *p <= 'z') has_lower = true;
        else if (*p >= 'A' && *p <= 'Z') has_upper = true;
        else if (*p >= '0' && *p <= '9') has_digit = true;
        else has_other = true;
    }
    if (n_chars < PASSWORD_MIN_CHARS) return PASSWORD_TOO_SHORT;
    int n_classes = has_lower + has_upper + has_digit + has_other;
    return n_classes >= PASSWORD_MIN_CLASSES ? PASSWORD_OK : PASSWORD_FEW_CLASSES;
}
