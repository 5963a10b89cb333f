-- Platform foundation: regions, a minimal school list (extended by the schools capability),
-- accounts, sessions and the hash-chained audit log.
-- Dialect notes: @ID@ is an auto-generated 64-bit primary key; lines between "-- @sqlite"
-- or "-- @pg" and "-- @all" apply to that engine only. Times are UTC epoch seconds.

CREATE TABLE region (
    code        TEXT PRIMARY KEY,          -- GB/T 2260: 6 digits, 9 for towns (乡镇/街道)
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'town')),
    parent_code TEXT REFERENCES region (code),
    path        TEXT NOT NULL              -- '/330000/330500/330521/': scope = path prefix
);
CREATE INDEX region_parent ON region (parent_code);
CREATE INDEX region_path ON region (path);

CREATE TABLE school (
    id          @ID@,
    code        TEXT NOT NULL UNIQUE,      -- 学校标识码
    name        TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES region (code),
    created_at  BIGINT NOT NULL
);
CREATE INDEX school_region ON school (region_code);

CREATE TABLE app_user (
    id             @ID@,
    username       TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'inspector', 'school', 'leader', 'auditor')),
    region_code    TEXT NOT NULL REFERENCES region (code),
    school_id      BIGINT REFERENCES school (id),
    phone          TEXT,
    password_hash  TEXT NOT NULL,          -- argon2id, libsodium's encoded string
    is_disabled    SMALLINT NOT NULL DEFAULT 0,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   BIGINT,
    last_login_at  BIGINT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX app_user_region ON app_user (region_code);

CREATE TABLE user_session (
    token_hash  TEXT PRIMARY KEY,          -- BLAKE2b of the cookie token; the token itself is never stored
    user_id     BIGINT NOT NULL REFERENCES app_user (id),
    csrf_token  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL,
    ip          TEXT
);
CREATE INDEX user_session_user ON user_session (user_id);
CREATE INDEX user_session_last_seen ON user_session (last_seen);

-- Append-only; row N's hash = SM3(row N's fields, row N-1's hash). Ids are dense and
-- assigned under a lock so the chain order is the id order.
CREATE TABLE audit_log (
    id          BIGINT PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor_id    BIGINT,
    actor_name  TEXT,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT,
    region_code TEXT,
    before_json TEXT,
    after_json  TEXT,
    ip          TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_at ON audit_log (at);

-- @sqlite
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- @pg
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
-- @all
