-- 质量监测 (national compulsory-education quality monitoring, next.md §2): the results a county
-- receives from the national, provincial or city rounds, and the rectification plans made from
-- weak dimensions. Owned by the monitoring capability (src/svc/monitoring/).
--
-- monitoring_result: one figure of one round. county_code is the county whose office holds it
--   (the scope); region_code the region it describes (the county or a town below it); school_id
--   the school when the round reports schools. dimension '' is the subject as a whole; factor
--   <> '' is a related-factor indicator (学业负担, 睡眠时间, ...) with factor_value, and then
--   subject may be '' (not tied to one subject). Shares are percent at 水平Ⅰ..Ⅳ; school_diff
--   is the 校际差异 the source printed (NULL when not given); is_unreliable marks what the source
--   flags as not reportable. Never holds test items (the instruments are confidential).
-- monitoring_plan: a 整改方案 for one weak dimension at one school (school_id) or the whole
--   county (school_id NULL), with the finding it opened in the ledger.
CREATE TABLE monitoring_result (
    id            @ID@,
    county_code   TEXT NOT NULL REFERENCES region (code),
    region_code   TEXT NOT NULL REFERENCES region (code),
    school_id     BIGINT REFERENCES school (id),
    cycle         INTEGER NOT NULL CHECK (cycle BETWEEN 2000 AND 2100),
    source        TEXT NOT NULL CHECK (source IN ('national', 'provincial', 'city')),
    subject       TEXT NOT NULL,
    grade         INTEGER NOT NULL CHECK (grade IN (4, 8)),
    dimension     TEXT NOT NULL DEFAULT '',
    factor        TEXT NOT NULL DEFAULT '',
    n_students    INTEGER CHECK (n_students >= 0),
    mean_score    DOUBLE PRECISION,
    level1        DOUBLE PRECISION,
    level2        DOUBLE PRECISION,
    level3        DOUBLE PRECISION,
    level4        DOUBLE PRECISION,
    school_diff   DOUBLE PRECISION,
    factor_value  DOUBLE PRECISION,
    is_unreliable INTEGER NOT NULL DEFAULT 0 CHECK (is_unreliable IN (0, 1)),
    imported_by   BIGINT REFERENCES app_user (id),
    imported_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX monitoring_result_key ON monitoring_result
    (county_code, cycle, source, subject, grade, region_code, COALESCE(school_id, 0), dimension, factor);

CREATE TABLE monitoring_plan (
    id          @ID@,
    county_code TEXT NOT NULL REFERENCES region (code),
    cycle       INTEGER NOT NULL,
    subject     TEXT NOT NULL,
    grade       INTEGER NOT NULL CHECK (grade IN (4, 8)),
    dimension   TEXT NOT NULL DEFAULT '',
    school_id   BIGINT REFERENCES school (id),
    measures    TEXT NOT NULL,
    finding_id  BIGINT NOT NULL REFERENCES finding (id),
    created_by  BIGINT REFERENCES app_user (id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX monitoring_plan_county ON monitoring_plan (county_code, cycle);
