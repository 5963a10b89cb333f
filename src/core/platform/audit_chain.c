#include "core/platform/audit_chain.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"

static void canon_field(buf_t *b, const char *s) {
    if (!s) {
        buf_puts(b, "-\n");
        return;
    }
    buf_printf(b, "%zu:", strlen(s));
    buf_puts(b, s);
    buf_putc(b, '\n');
}

void audit_chain_hash(const audit_row_t *r, char out[HASH_HEX_LEN + 1]) {
    buf_t b;
    buf_init(&b);
    buf_printf(&b, "dudao-audit-v1\n%" PRId64 "\n%" PRId64 "\n", r->id, r->at);
    canon_field(&b, r->actor_id);
    canon_field(&b, r->actor_name);
    canon_field(&b, r->action);
    canon_field(&b, r->entity);
    canon_field(&b, r->entity_id);
    canon_field(&b, r->region_code);
    canon_field(&b, r->before_json);
    canon_field(&b, r->after_json);
    canon_field(&b, r->ip);
    canon_field(&b, r->prev_hash);
    hash_sm3_hex(b.p, b.n, out);
    buf_free(&b);
}

bool audit_chain_verify_row(const audit_row_t *r, const char *prev_hash, int64_t expected_id) {
    if (r->id != expected_id || !r->prev_hash || !r->hash) return false;
    if (strcmp(r->prev_hash, prev_hash) != 0) return false;
    char h[HASH_HEX_LEN + 1];
    audit_chain_hash(r, h);
    return strcmp(h, r->hash) == 0;
}

int audit_checkpoint_message(int64_t last_id, const char *last_hash, int64_t at, char *out, size_t n) {
    return snprintf(out, n, "dudao-audit-checkpoint/1\n%" PRId64 "\n%s\n%" PRId64 "\n", last_id, last_hash, at);
}
