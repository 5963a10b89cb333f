-- Third-party survey organisations (第三方评估机构, issue 12 "who runs it"), the office's review
-- of their results, the sampling plan's inputs, and the office's flags on free-text answers.
-- Owned by the surveys capability (src/svc/surveys/).
--
-- survey_org: an evaluation organisation a county office commissions (name, 统一社会信用代码,
--   contract reference, contact); status active | closed.
-- app_user.org_id: the org of an account of role 'evaluator' (one org each). An evaluator
--   sees only the rounds of its org (store/scope.c), no school, finding or person, and never
--   a respondent-level answer; app_user.expires_at ends its access (the contract's end):
--   login and every session check refuse an expired account.
-- survey_round: org_id (NULL: run by the office itself); review: none (office-run, used as
--   is) | pending (the org is collecting) | submitted (the org handed in its results) |
--   accepted | returned. Only rounds with review none or accepted feed trends and the balance
--   pre-assessment. population and sample_rule: the 常住人口 and the rule
--   (core/surveys/survey_sample) the quotas were checked against.
-- survey_text_flag: an office reader's flag on one free-text answer (the response's id and the
--   question's code; the response carries no code, person or time finer than the day, so the
--   flag does not weaken anonymity). Texts are never published; flags are for follow-up.
CREATE TABLE survey_org (
    id           @ID@,
    county_code  TEXT NOT NULL REFERENCES region (code),
    name         TEXT NOT NULL,
    credit_code  TEXT NOT NULL DEFAULT '',
    contract_no  TEXT NOT NULL DEFAULT '',
    contact      TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX survey_org_name ON survey_org (county_code, name);

ALTER TABLE app_user ADD COLUMN expires_at BIGINT;
ALTER TABLE app_user ADD COLUMN org_id BIGINT REFERENCES survey_org (id);

ALTER TABLE survey_round ADD COLUMN org_id BIGINT REFERENCES survey_org (id);
ALTER TABLE survey_round ADD COLUMN review TEXT NOT NULL DEFAULT 'none';
ALTER TABLE survey_round ADD COLUMN review_note TEXT;
ALTER TABLE survey_round ADD COLUMN org_report TEXT;
ALTER TABLE survey_round ADD COLUMN reviewed_by BIGINT REFERENCES app_user (id);
ALTER TABLE survey_round ADD COLUMN reviewed_at BIGINT;
ALTER TABLE survey_round ADD COLUMN population BIGINT;
ALTER TABLE survey_round ADD COLUMN sample_rule TEXT;
CREATE INDEX survey_round_org ON survey_round (org_id);

CREATE TABLE survey_text_flag (
    response_id  BIGINT NOT NULL REFERENCES survey_response (id),
    item         TEXT NOT NULL,
    round_id     BIGINT NOT NULL REFERENCES survey_round (id),
    note         TEXT NOT NULL DEFAULT '',
    flagged_by   BIGINT NOT NULL REFERENCES app_user (id),
    flagged_at   BIGINT NOT NULL,
    PRIMARY KEY (response_id, item)
);
CREATE INDEX survey_text_flag_round ON survey_text_flag (round_id);

-- The role 'evaluator' joins the roles app_user admits (the procedure of migration 018).
-- @pg
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
    CHECK (role IN ('admin', 'inspector', 'school', 'leader', 'auditor', 'unit', 'evaluator'));
-- @sqlite
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''auditor'', ''unit''))', '''auditor'', ''unit'', ''evaluator''))')
    WHERE type = 'table' AND name = 'app_user';
PRAGMA writable_schema = RESET;
CREATE TABLE survey_org_schema_bump (id INTEGER);
DROP TABLE survey_org_schema_bump;
-- @all
