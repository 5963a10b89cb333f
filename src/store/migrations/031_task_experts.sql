-- Team members who are not 督学 (issue 14; 《教育督导条例》第十六条: a 督导小组 may include staff
-- of the relevant departments and 专业人员): an account of role expert, with an end date, added
-- to the team of a task with its kind and organisation. It reads the tasks it is on (all their
-- targets) and records its professional opinions on a target (专业意见), which the team and
-- the office read on the task; it reaches no ledger, school list, unit or survey of its own.
CREATE TABLE task_expert (
    task_id  BIGINT NOT NULL REFERENCES task (id),
    user_id  BIGINT NOT NULL REFERENCES app_user (id),
    kind     TEXT NOT NULL CHECK (kind IN ('department', 'professional')),
    org      TEXT NOT NULL,                  -- 县财政局, 某建设工程质量检测公司 ...
    added_by BIGINT REFERENCES app_user (id),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (task_id, user_id)
);
CREATE INDEX task_expert_user ON task_expert (user_id);

CREATE TABLE task_expert_note (
    id         @ID@,
    task_id    BIGINT NOT NULL REFERENCES task (id),
    target_id  BIGINT NOT NULL REFERENCES task_target (id),
    user_id    BIGINT NOT NULL REFERENCES app_user (id),
    text       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX task_expert_note_task ON task_expert_note (task_id);

-- The role 'expert' joins the roles app_user admits (the procedure of migrations 018 and 025).
-- @pg
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
    CHECK (role IN ('admin', 'inspector', 'school', 'leader', 'auditor', 'unit', 'evaluator', 'expert'));
-- @sqlite
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''unit'', ''evaluator''))', '''unit'', ''evaluator'', ''expert''))')
    WHERE type = 'table' AND name = 'app_user';
PRAGMA writable_schema = RESET;
CREATE TABLE task_expert_schema_bump (id INTEGER);
DROP TABLE task_expert_schema_bump;
-- @all
