/* password_policy: the account password rule: at least 10 characters (Unicode code points)
 * and at least three of the four classes lower case, upper case, digit, other. At most 128
 * bytes so argon2 input stays bounded. Pure; thread-safe. */
#ifndef DUDAO_PASSWORD_POLICY_H
#define DUDAO_PASSWORD_POLICY_H

#include <stdbool.h>

enum { PASSWORD_MIN_CHARS = 10, PASSWORD_MAX_BYTES = 128, PASSWORD_MIN_CLASSES = 3 };

typedef enum password_verdict {
    PASSWORD_OK,
    PASSWORD_TOO_SHORT,
    PASSWORD_TOO_LONG,
    PASSWORD_FEW_CLASSES,
} password_verdict_t;

password_verdict_t password_policy_check(const char *pw);

#endif
