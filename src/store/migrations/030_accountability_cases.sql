-- The procedure before a 问责决定 (issue 14; 《教育督导问责办法》第十三—十八条,
-- core/findings/accountability_case): a case (问责调查) is opened against a target after the
-- 督导 work ended, the 调查认定工作组 is formed within 60 days, the target is notified of the
-- facts and the proposed accountability (mainly in writing) and heard (陈述申辩, or it waives),
-- member units may be consulted, the 督导委员会主任/副主任 approves (审定); only then is the
-- decision made (accountability.case_id). A case may end without 问责 (dropped, with a reason).
-- The grounds are the 办法's six categories (ground_category 1 … 6) and, for a government
-- target, its situation (gov_situation: one of the four texts dudao has, or other + the note).
CREATE TABLE accountability_case (
    id                  @ID@,
    region_code         TEXT NOT NULL REFERENCES region (code),
    school_id           BIGINT REFERENCES school (id),
    unit_id             BIGINT REFERENCES unit (id),
    finding_id          BIGINT REFERENCES finding (id),
    task_id             BIGINT REFERENCES task (id),
    target_kind         TEXT NOT NULL CHECK (target_kind IN ('unit', 'person', 'private_person')),
    target_name         TEXT NOT NULL,
    ground_category     INTEGER NOT NULL CHECK (ground_category BETWEEN 1 AND 6),
    gov_situation       TEXT CHECK (gov_situation IN ('law', 'task', 'mass_incident', 'safety', 'other')),
    ground_note         TEXT,
    work_ended_on       TEXT NOT NULL,            -- the 督导 work ended: the 60-day clock starts
    state               TEXT NOT NULL DEFAULT 'investigating'
        CHECK (state IN ('investigating', 'notified', 'heard', 'approved', 'decided', 'dropped')),
    group_formed_on     TEXT,                     -- 调查认定工作组
    group_members       TEXT,
    facts               TEXT,                     -- 认定事实
    opinion             TEXT,                     -- 问责意见
    proposed_measure    TEXT,
    notified_on         TEXT,
    notice_form         TEXT CHECK (notice_form IN ('written', 'oral')),
    heard_on            TEXT,
    statement           TEXT,                     -- 陈述申辩 as heard
    is_statement_waived SMALLINT NOT NULL DEFAULT 0,
    consulted_on        TEXT,                     -- 征求成员单位意见
    consult_note        TEXT,
    approved_on         TEXT,                     -- 审定
    approver_name       TEXT,
    approver_title      TEXT CHECK (approver_title IN ('主任', '副主任')),
    dropped_on          TEXT,
    drop_reason         TEXT,
    accountability_id   BIGINT REFERENCES accountability (id),
    created_by          BIGINT REFERENCES app_user (id),
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX accountability_case_region ON accountability_case (region_code);
CREATE INDEX accountability_case_state ON accountability_case (state);

-- The decision: its case, or the archive number of a procedure run outside dudao (a decision
-- taken before the county used dudao); the category of its grounds; the 问责依据 and 生效时间
-- the 办法 requires a decision to state.
ALTER TABLE accountability ADD COLUMN case_id BIGINT REFERENCES accountability_case (id);
ALTER TABLE accountability ADD COLUMN archive_no TEXT;
ALTER TABLE accountability ADD COLUMN ground_category INTEGER;
ALTER TABLE accountability ADD COLUMN basis TEXT;
ALTER TABLE accountability ADD COLUMN effective_on TEXT;
