-- A low-scoring question at a school, turned into a finding in the ledger with one action
-- (issue 12 "use of the results"): one finding per round, school and question, so a second
-- click is refused rather than opening the same problem twice.
CREATE TABLE survey_finding (
    round_id   BIGINT NOT NULL REFERENCES survey_round (id),
    school_id  BIGINT NOT NULL REFERENCES school (id),
    item       TEXT NOT NULL,                  -- the question's code in the round's questionnaire
    finding_id BIGINT NOT NULL REFERENCES finding (id),
    PRIMARY KEY (round_id, school_id, item)
);
