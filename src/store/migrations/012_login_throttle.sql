-- Failed-login throttling that holds across server instances (they share the database).

-- login_throttle: failed logins per key, where a key is either a source address
--   ('a:' + the IPv4 address or the IPv6 /64 prefix) or a login name that matches no account
--   ('n:' + BLAKE2b of the lower-cased name, so a password typed into the name field is not
--   kept). An account that exists is locked on its own row (app_user.locked_until); a name
--   that does not is locked here the same way, so the answers cannot tell the two apart.
CREATE TABLE login_throttle (
    throttle_key TEXT PRIMARY KEY,
    n_failures   INTEGER NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0, -- 0: not locked
    updated_at   BIGINT NOT NULL            -- the last failure
);
CREATE INDEX login_throttle_updated ON login_throttle (updated_at);
