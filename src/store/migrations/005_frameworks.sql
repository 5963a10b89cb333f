-- 指标体系: versioned indicator frameworks (docs/framework-format.md is the document format).
--   framework:           one checklist family, by a stable code ("gpdd-routine"). National
--                        built-ins (standards/frameworks/*.json, loaded by `dudao migrate`) have
--                        region_code NULL and are readable by every account; a framework a region
--                        owns is readable inside and above that region and edited by its admins.
--   framework_version:   the versions of a framework; the document JSON is the truth. A draft
--                        is edited in place; publishing freezes it (and retires the version it
--                        supersedes); editing a published version makes a new draft, version + 1.
--                        Visits and tasks reference framework_version (id) and stay pinned to it.
--                        Versions are never deleted once published.
--   framework_indicator: every node of a version's tree, written with the document, for queries
--                        (findings by indicator code across versions, reports per category).
-- Owner: the frameworks capability.

CREATE TABLE framework (
    id           @ID@,
    code         TEXT NOT NULL UNIQUE,          -- letters, digits, - and _; stable
    name         TEXT NOT NULL,                 -- of the latest published version (or the first draft)
    name_en      TEXT,
    source       TEXT,                          -- the official document it follows, with version
    uses         TEXT NOT NULL DEFAULT ',',     -- ",routine,special," from the document: list filter
    region_code  TEXT REFERENCES region (code), -- owner; NULL for the national built-ins
    is_builtin   SMALLINT NOT NULL DEFAULT 0,   -- shipped in standards/; not editable in the app
    created_by   BIGINT REFERENCES app_user (id),
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX framework_region ON framework (region_code);

CREATE TABLE framework_version (
    id            @ID@,
    framework_id  BIGINT NOT NULL REFERENCES framework (id),
    version       INTEGER NOT NULL,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
    document      TEXT NOT NULL,               -- the framework document (JSON); version/status come from the row
    digest        TEXT NOT NULL,               -- SM3 of the document text as stored
    n_indicators  INTEGER NOT NULL DEFAULT 0,  -- leaves (the items a visit answers)
    created_by    BIGINT REFERENCES app_user (id),
    created_at    BIGINT NOT NULL,
    updated_by    BIGINT REFERENCES app_user (id),
    updated_at    BIGINT NOT NULL,
    published_by  BIGINT REFERENCES app_user (id),
    published_at  BIGINT,
    retired_at    BIGINT,
    UNIQUE (framework_id, version)
);
CREATE INDEX framework_version_status ON framework_version (framework_id, status);

CREATE TABLE framework_indicator (
    version_id    BIGINT NOT NULL REFERENCES framework_version (id),
    code          TEXT NOT NULL,
    parent_code   TEXT,                        -- NULL at level 1
    category_code TEXT NOT NULL,               -- the level-1 ancestor (itself at level 1)
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    position      INTEGER NOT NULL,            -- depth-first order in the document
    text          TEXT NOT NULL,
    kind          TEXT,                        -- NULL for a group; pass_fail | score | rating | number | choice | text
    weight        DOUBLE PRECISION NOT NULL DEFAULT 1,
    max_score     DOUBLE PRECISION,            -- NULL when the leaf carries no points
    is_veto       SMALLINT NOT NULL DEFAULT 0,
    PRIMARY KEY (version_id, code)
);
CREATE INDEX framework_indicator_code ON framework_indicator (code);
