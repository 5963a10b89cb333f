-- 督政 (next.md §5, issue 14): the supervised units of a county (乡镇政府/街道 and 县直部门),
-- the 被督导单位 accounts, unit targets of tasks and findings, and the yearly assessment of a
-- unit (自评报告, 实地检查 score, grade). Owned by the units capability (src/svc/units/).
--
-- unit: region_code is the county the unit belongs to for a department, the town's (or
--   subdistrict's) own region code for a 乡镇/街道; county_code is always the county (the
--   office's scope). kind town | subdistrict | department; dept_code a short code of the
--   department (czj 财政, rsj 人社, ...), '' for towns. status active | closed.
-- unit_assessment: one unit in one year: the self-assessment report (≤ 5000 字, published_at
--   when it was published), the on-site check score (百分制), the events that lower or bar a
--   grade (downgrades, vetoes: counts the office records or the ledger gives), and the grade
--   computed by core/units/unit_grade from the county's rules in force.
-- unit_grade_rules: the grade bands of a county (优秀/良好/合格 thresholds), newest wins.
CREATE TABLE unit (
    id           @ID@,
    county_code  TEXT NOT NULL REFERENCES region (code),
    region_code  TEXT NOT NULL REFERENCES region (code),
    kind         TEXT NOT NULL CHECK (kind IN ('town', 'subdistrict', 'department')),
    name         TEXT NOT NULL,
    dept_code    TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX unit_name ON unit (county_code, name);
CREATE INDEX unit_region ON unit (region_code);

ALTER TABLE app_user ADD COLUMN unit_id BIGINT REFERENCES unit (id);
ALTER TABLE finding ADD COLUMN unit_id BIGINT REFERENCES unit (id);
ALTER TABLE task_target ADD COLUMN unit_id BIGINT REFERENCES unit (id);
CREATE INDEX finding_unit ON finding (unit_id);

CREATE TABLE unit_assessment (
    id                  @ID@,
    unit_id             BIGINT NOT NULL REFERENCES unit (id),
    year                INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    self_report         TEXT,
    self_report_at      BIGINT,
    published_at        BIGINT,
    framework_code      TEXT,
    score               DOUBLE PRECISION,
    n_downgrades        INTEGER NOT NULL DEFAULT 0,
    n_vetoes            INTEGER NOT NULL DEFAULT 0,
    note                TEXT,
    grade               TEXT,
    graded_at           BIGINT,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE UNIQUE INDEX unit_assessment_key ON unit_assessment (unit_id, year);

CREATE TABLE unit_grade_rules (
    id           @ID@,
    county_code  TEXT NOT NULL REFERENCES region (code),
    excellent    DOUBLE PRECISION NOT NULL,
    good         DOUBLE PRECISION NOT NULL,
    pass         DOUBLE PRECISION NOT NULL,
    created_by   BIGINT REFERENCES app_user (id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX unit_grade_rules_county ON unit_grade_rules (county_code, id);

-- The role 'unit' (被督导单位) joins the roles app_user admits. PostgreSQL names the column
-- CHECK app_user_role_check; SQLite keeps CHECKs only in the table's text, which is edited in
-- place (the documented writable_schema procedure; RESET reloads the schema, and the tables
-- created above have already bumped the schema cookie other connections watch).
-- @pg
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
    CHECK (role IN ('admin', 'inspector', 'school', 'leader', 'auditor', 'unit'));
-- @sqlite
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''auditor''))', '''auditor'', ''unit''))')
    WHERE type = 'table' AND name = 'app_user';
PRAGMA writable_schema = RESET;
CREATE TABLE unit_schema_bump (id INTEGER);
DROP TABLE unit_schema_bump;
-- @all
