-- 双随机 of 被督导单位 (issue 15: "a random draw of schools (and units)"): a plan draws from a pool
-- of schools (target_kind 'school', the default and every earlier plan) or of supervised units
-- (乡镇政府/街道, 县直部门: target_kind 'unit', their ids in school_pool). Owned by the draws
-- capability (src/svc/draws/).
ALTER TABLE draw_plan ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'school';
-- a drawn unit can be replaced (with its reason) like a drawn school
-- @pg
ALTER TABLE draw_replacement DROP CONSTRAINT draw_replacement_kind_check;
ALTER TABLE draw_replacement ADD CONSTRAINT draw_replacement_kind_check
    CHECK (kind IN ('school', 'unit', 'inspector', 'finding'));
-- @sqlite
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'kind IN (''school'', ''inspector'', ''finding'')',
                                       'kind IN (''school'', ''unit'', ''inspector'', ''finding'')')
    WHERE type = 'table' AND name = 'draw_replacement';
PRAGMA writable_schema = RESET;
CREATE TABLE draw_units_schema_bump (id INTEGER);
DROP TABLE draw_units_schema_bump;
-- @all
