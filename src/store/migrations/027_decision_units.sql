-- 督办单 by decision to a 被督导单位 (issue 14): a decision addresses a school or a unit
-- (乡镇政府/街道, 县直部门), never both. unit_id joins; school_id may now be NULL. The unit's
-- account reads the decisions sent to it, as a school reads its own. Owned by the findings
-- capability (src/svc/findings/decision_svc.c).
ALTER TABLE supervision_decision ADD COLUMN unit_id BIGINT REFERENCES unit (id);
CREATE INDEX supervision_decision_unit ON supervision_decision (unit_id);
-- @pg
ALTER TABLE supervision_decision ALTER COLUMN school_id DROP NOT NULL;
-- @sqlite
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'school_id   BIGINT NOT NULL REFERENCES school (id),',
                                       'school_id   BIGINT REFERENCES school (id),')
    WHERE type = 'table' AND name = 'supervision_decision';
PRAGMA writable_schema = RESET;
CREATE TABLE decision_units_schema_bump (id INTEGER);
DROP TABLE decision_units_schema_bump;
-- @all
