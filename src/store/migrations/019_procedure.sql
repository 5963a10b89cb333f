-- The procedure of 《教育督导条例》 for 专项 and 综合 alike, kept per target (issue 14).
--
-- task.kind gains 'inspection' (督查): an unannounced check (四不两直, 暗访) is its own kind,
-- not a 专项督导 that skips the written notice. SQLite cannot alter a CHECK constraint; the
-- documented writable_schema edit replaces the constraint's text in place (the on-disk format
-- is unchanged: only a CHECK is widened), and the ALTER TABLEs below bump the schema version.
-- @sqlite
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, '''comprehensive'', ''government'')', '''comprehensive'', ''government'', ''inspection'')')
 WHERE type = 'table' AND name = 'task';
PRAGMA writable_schema = OFF;
-- @pg
ALTER TABLE task DROP CONSTRAINT task_kind_check;
ALTER TABLE task ADD CONSTRAINT task_kind_check
    CHECK (kind IN ('routine', 'followup', 'special', 'comprehensive', 'government', 'inspection'));
-- @all

-- Steps per target: one school of a multi-school task never completes or reads another's steps.
-- Keyed on task_target.id, so school targets and unit targets (督政) work alike. task.step stays
-- the earliest step of the task's targets (the listing's summary).
ALTER TABLE task_target ADD COLUMN step TEXT;                       -- the target's current step
ALTER TABLE task_step ADD COLUMN target_id BIGINT REFERENCES task_target (id);
CREATE INDEX task_step_target ON task_step (target_id);
-- existing comprehensive tasks: every target stands where its task stood
UPDATE task_target SET step = (SELECT t.step FROM task t WHERE t.id = task_target.task_id)
 WHERE task_id IN (SELECT id FROM task WHERE kind = 'comprehensive' AND step IS NOT NULL);

-- 问责 time limits counted from RECEIPT (《教育督导问责办法》; core/findings/accountability_clock):
-- 复核 applied within 30 days of receiving the decision, decided within 30 days of receiving the
-- application, 申诉 within 15 days of receiving the 复核决定. The dates of receipt are recorded;
-- the older *_by columns (counted from the decision's date) stay for records without them.
ALTER TABLE accountability ADD COLUMN received_on TEXT;               -- 问责决定送达 the target
ALTER TABLE accountability ADD COLUMN review_applied_on TEXT;         -- the office received the 复核 application
ALTER TABLE accountability ADD COLUMN review_decided_on TEXT;         -- 复核决定 made
ALTER TABLE accountability ADD COLUMN review_result_received_on TEXT; -- 复核决定送达 the target
ALTER TABLE accountability ADD COLUMN appeal_applied_on TEXT;         -- 申诉 lodged

-- 督导报告 (条例第二十三条): composed from the data once every target's 意见书 is issued,
-- numbered like every document (doc_counter kind 'report'), sent to the 本级人民政府, 备案
-- with the next-higher office, and published (is_public). One per task; never deleted.
CREATE TABLE task_report (
    id           @ID@,
    task_id      BIGINT NOT NULL REFERENCES task (id),
    county_code  TEXT NOT NULL REFERENCES region (code),
    year         INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    doc_no       TEXT NOT NULL,
    body_json    TEXT NOT NULL,                       -- the composed report as issued
    composed_by  BIGINT REFERENCES app_user (id),
    composed_at  BIGINT NOT NULL,
    sent_to      TEXT,                                -- 本级人民政府
    sent_at      BIGINT,
    filed_with   TEXT,                                -- 备案: the next-higher office
    filed_at     BIGINT,
    is_public    SMALLINT NOT NULL DEFAULT 0,
    published_at BIGINT,
    UNIQUE (task_id),
    UNIQUE (county_code, year, seq)
);

-- 督办单 by decision: the office issues one by hand to a school, listing several 督办事项 each
-- with its deadline; a second person signs it off (never the issuer) and only a signed one is
-- sent, when it takes its number in the one 督办单 series (doc_counter kind 'order').
CREATE TABLE supervision_decision (
    id          @ID@,
    region_code TEXT NOT NULL REFERENCES region (code),  -- the school's region: scope
    county_code TEXT NOT NULL REFERENCES region (code),
    school_id   BIGINT NOT NULL REFERENCES school (id),
    title       TEXT NOT NULL,
    basis       TEXT,                                    -- 督办依据
    state       TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'signed', 'sent')),
    year        INTEGER,
    seq         INTEGER,
    order_no    TEXT,                                    -- given when sent
    issued_by   BIGINT NOT NULL REFERENCES app_user (id),
    created_at  BIGINT NOT NULL,
    signed_by   BIGINT REFERENCES app_user (id),
    signed_at   BIGINT,
    sent_at     BIGINT
);
CREATE INDEX supervision_decision_region ON supervision_decision (region_code);
CREATE TABLE supervision_item (                          -- 督办事项
    id          @ID@,
    decision_id BIGINT NOT NULL REFERENCES supervision_decision (id),
    n           INTEGER NOT NULL,
    text        TEXT NOT NULL,
    deadline    TEXT NOT NULL,                           -- YYYY-MM-DD
    UNIQUE (decision_id, n)
);

-- 听取公众意见 and 座谈会 with students, parents and teachers (条例第十九条), recorded per target.
CREATE TABLE task_hearing (
    id             @ID@,
    task_id        BIGINT NOT NULL REFERENCES task (id),
    target_id      BIGINT NOT NULL REFERENCES task_target (id),
    kind           TEXT NOT NULL CHECK (kind IN ('public', 'students', 'parents', 'teachers')),
    held_on        TEXT NOT NULL,
    n_participants INTEGER NOT NULL DEFAULT 0,
    summary        TEXT NOT NULL,
    recorded_by    BIGINT REFERENCES app_user (id),
    created_at     BIGINT NOT NULL
);
CREATE INDEX task_hearing_target ON task_hearing (target_id);
