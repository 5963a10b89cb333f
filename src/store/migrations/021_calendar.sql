-- 校历 (school calendar) per county and school year (issue 15; core/calendar).
-- calendar_period: one term (学期), holiday (节假日, school closed) or exam week (考试周) of a
--   county's school year (school_year 2026 = 2026-09-01 … 2027-08-31). A county without rows
--   for a year uses the built-in default (core/calendar cal_default). Dates are YYYY-MM-DD.
CREATE TABLE calendar_period (
    id          @ID@,
    county_code TEXT NOT NULL REFERENCES region (code),
    school_year INTEGER NOT NULL CHECK (school_year BETWEEN 2000 AND 2100),
    kind        TEXT NOT NULL CHECK (kind IN ('term', 'holiday', 'exam')),
    name        TEXT NOT NULL,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    created_by  BIGINT REFERENCES app_user (id),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX calendar_period_year ON calendar_period (county_code, school_year);

-- visit_framework: the further checklists a visit carries beside its task's framework
--   (visit.framework_version_id stays the first). An office adds one to its routine visits with
--   the setting visit.routine_extra (e.g. 文登's 双减 check "每月至少开展1次" on the monthly
--   visit); it is attached when the visit is opened and scored on its own at submit.
CREATE TABLE visit_framework (
    visit_id             BIGINT NOT NULL REFERENCES visit (id),
    framework_version_id BIGINT NOT NULL REFERENCES framework_version (id),
    position             INTEGER NOT NULL,
    answers_json         TEXT NOT NULL DEFAULT '{}',
    score_total          DOUBLE PRECISION,
    grade                TEXT,
    is_veto_failed       SMALLINT NOT NULL DEFAULT 0,
    result_json          TEXT,
    PRIMARY KEY (visit_id, framework_version_id)
);
