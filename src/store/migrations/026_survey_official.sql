-- The official survey (issue 12 "use of the results", next.md §0.1): for the national 社会认可度
-- survey a professional institution commissioned by the ministry collects the answers, and the
-- county never sees them. dudao helps the county distribute: posters with the institution's QR
-- code per school and group, and progress kept by the counts the institution publishes. No
-- answer of the official survey is ever stored here.
--   survey_official: one official survey the county distributes (the institution, its
--       answering URL, dates); status open | closed.
--   survey_official_cell: a distribution target (group, school or county-level, the number the
--       institution asks for) and the latest count it published (collected, as of reported_on).
-- Owned by the surveys capability.
CREATE TABLE survey_official (
    id           @ID@,
    region_code  TEXT NOT NULL REFERENCES region (code),
    title        TEXT NOT NULL,
    institution  TEXT NOT NULL,
    url          TEXT NOT NULL,
    opens_on     TEXT NOT NULL,
    closes_on    TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by   BIGINT REFERENCES app_user (id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX survey_official_region ON survey_official (region_code);

CREATE TABLE survey_official_cell (
    id           @ID@,
    official_id  BIGINT NOT NULL REFERENCES survey_official (id),
    position     INTEGER NOT NULL,
    group_name   TEXT NOT NULL,
    school_id    BIGINT REFERENCES school (id),
    target       INTEGER NOT NULL,
    collected    INTEGER NOT NULL DEFAULT 0,
    reported_on  TEXT,
    updated_at   BIGINT
);
CREATE INDEX survey_official_cell_of ON survey_official_cell (official_id);
