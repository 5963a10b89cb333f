-- 满意度调查 / 社会认可度: questionnaires, rounds, one-time codes and anonymous responses.
--   survey_form / survey_form_version: questionnaires as data, versioned like frameworks.
--       Built-ins (standards/surveys/) have region_code NULL; a published version is frozen
--       (rounds pin it), a draft is edited in place.
--   survey_round: one survey (which questionnaire version, which county/region, dates,
--       the suppression threshold min_n, who runs it).
--   survey_cell:  the quota cells of the sampling plan (group × school × stratum, a quota
--       and an optional stratum weight).
--   survey_code:  the one-time codes printed on the slips, per cell, with the used flag.
--   survey_response / survey_answer: what respondents answered.
-- Anonymity (why the database cannot link a response to a code): survey_code and
-- survey_response share no key and no time. The code row keeps only is_used (set in the same
-- transaction that inserts the response, with no time of use); the response keeps its cell
-- (a quota cell holds many codes) and the day (answered_on, no finer), no address, no session,
-- no user. No audit row is written per response (the audit chain's timestamps would order
-- them). survey_rate counts attempts in 10-minute windows under a BLAKE2b digest of the
-- address and is purged after the window.
-- Owner: the surveys capability.

CREATE TABLE survey_form (
    id           @ID@,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    source       TEXT,
    region_code  TEXT REFERENCES region (code), -- owner; NULL for the built-ins
    is_builtin   SMALLINT NOT NULL DEFAULT 0,
    created_at   BIGINT NOT NULL
);

CREATE TABLE survey_form_version (
    id           @ID@,
    form_id      BIGINT NOT NULL REFERENCES survey_form (id),
    version      INTEGER NOT NULL,
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    document     TEXT NOT NULL,
    digest       TEXT NOT NULL,              -- SM3 of the document text
    created_at   BIGINT NOT NULL,
    published_at BIGINT,
    UNIQUE (form_id, version)
);

CREATE TABLE survey_round (
    id              @ID@,
    form_version_id BIGINT NOT NULL REFERENCES survey_form_version (id),
    title           TEXT NOT NULL,
    region_code     TEXT NOT NULL REFERENCES region (code),
    opens_on        TEXT NOT NULL,           -- YYYY-MM-DD, Asia/Shanghai
    closes_on       TEXT NOT NULL,
    min_n           INTEGER NOT NULL DEFAULT 10,
    run_by          TEXT NOT NULL DEFAULT 'office',
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by      BIGINT REFERENCES app_user (id),
    created_at      BIGINT NOT NULL,
    closed_at       BIGINT
);
CREATE INDEX survey_round_region ON survey_round (region_code);

CREATE TABLE survey_cell (
    id          @ID@,
    round_id    BIGINT NOT NULL REFERENCES survey_round (id),
    position    INTEGER NOT NULL,
    group_code  TEXT NOT NULL,
    school_id   BIGINT REFERENCES school (id), -- NULL: a county-level cell
    stratum     TEXT,                          -- 城区/镇区/乡村, a grade band...
    quota       INTEGER NOT NULL,
    weight      DOUBLE PRECISION               -- NULL: 1
);
CREATE INDEX survey_cell_round ON survey_cell (round_id);

CREATE TABLE survey_code (
    code      TEXT PRIMARY KEY,
    round_id  BIGINT NOT NULL REFERENCES survey_round (id),
    cell_id   BIGINT NOT NULL REFERENCES survey_cell (id),
    is_used   SMALLINT NOT NULL DEFAULT 0
);
CREATE INDEX survey_code_round ON survey_code (round_id, cell_id);

CREATE TABLE survey_response (
    id          @ID@,
    round_id    BIGINT NOT NULL REFERENCES survey_round (id),
    cell_id     BIGINT NOT NULL REFERENCES survey_cell (id),
    answered_on TEXT NOT NULL                -- the day only
);
CREATE INDEX survey_response_round ON survey_response (round_id, cell_id);

CREATE TABLE survey_answer (
    response_id BIGINT NOT NULL REFERENCES survey_response (id),
    round_id    BIGINT NOT NULL,
    cell_id     BIGINT NOT NULL,
    item        TEXT NOT NULL,               -- question or matrix row code
    kind        TEXT NOT NULL,               -- l likert, c choice, n number, t text
    value       TEXT NOT NULL
);
CREATE INDEX survey_answer_round ON survey_answer (round_id, kind, cell_id, item);

CREATE TABLE survey_rate (
    bucket       TEXT NOT NULL,               -- BLAKE2b of "addr|..." or "code|..."
    window_start BIGINT NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
