-- 督导任务 (tasks) and 督导记录 (visits), and the numbered documents they produce.
--
-- A task is planned work of one kind:
--   routine        经常性督导: one task per responsible inspector per month, generated; its targets
--                  are the schools the inspector holds (挂牌), one visit each;
--   followup       随访: ad hoc, any schools, one or more inspectors;
--   special        专项督导: a chosen framework version and schools;
--   comprehensive  综合督导: a team of ≥ 3 inspectors with one leader (条例第十六条), announced,
--                  with the step workflow of 条例第十七–二十一条 (core/task_flow);
--   government     督政: the targets are town or county governments (regions), not schools.
-- notice_mode 'unannounced' is 四不两直: a school account sees neither the task nor any of its
-- visits until a visit of that school is submitted (enforced in task_store/visit_store SQL).
-- Nothing here is deleted: a task is cancelled, a visit is amended with a recorded reason.

CREATE TABLE task (
    id                   @ID@,
    kind                 TEXT NOT NULL CHECK (kind IN ('routine', 'followup', 'special', 'comprehensive', 'government')),
    title                TEXT NOT NULL,
    region_code          TEXT NOT NULL REFERENCES region (code), -- the office's county (or city): scope
    framework_version_id BIGINT REFERENCES framework_version (id), -- pinned for every visit under it
    framework_code       TEXT,
    notice_mode          TEXT NOT NULL DEFAULT 'announced' CHECK (notice_mode IN ('announced', 'unannounced')),
    month                TEXT,                                   -- YYYY-MM, routine tasks
    owner_inspector_id   BIGINT REFERENCES inspector (id),       -- routine: the responsible inspector
    starts_on            TEXT,                                   -- YYYY-MM-DD
    due_on               TEXT,
    status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    step                 TEXT,                                   -- comprehensive: current workflow step
    description          TEXT,
    notice_text          TEXT,                                   -- 书面督导通知 (comprehensive)
    created_by           BIGINT REFERENCES app_user (id),
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX task_region ON task (region_code);
CREATE INDEX task_due ON task (due_on);
-- one routine task per inspector per month: generation is idempotent even across instances
CREATE UNIQUE INDEX task_routine_once ON task (owner_inspector_id, month) WHERE kind = 'routine';

CREATE TABLE task_member (                  -- the inspectors on a task; comprehensive: one leader
    task_id      BIGINT NOT NULL REFERENCES task (id),
    inspector_id BIGINT NOT NULL REFERENCES inspector (id),
    role         TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('leader', 'member')),
    PRIMARY KEY (task_id, inspector_id)
);
CREATE INDEX task_member_inspector ON task_member (inspector_id);

CREATE TABLE task_target (                  -- a school, or (督政) a government's region
    id           @ID@,
    task_id      BIGINT NOT NULL REFERENCES task (id),
    school_id    BIGINT REFERENCES school (id),
    region_code  TEXT NOT NULL REFERENCES region (code),       -- the school's region, or the government's
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'visited')),
    visit_id     BIGINT,                                       -- the submitted visit
    created_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX task_target_school ON task_target (task_id, school_id) WHERE school_id IS NOT NULL;
CREATE UNIQUE INDEX task_target_gov ON task_target (task_id, region_code) WHERE school_id IS NULL;
CREATE INDEX task_target_school_id ON task_target (school_id);

CREATE TABLE task_step (                    -- the comprehensive workflow's history, one row per step done
    id            @ID@,
    task_id       BIGINT NOT NULL REFERENCES task (id),
    step          TEXT NOT NULL,
    note          TEXT,
    attachment_id BIGINT REFERENCES attachment (id),           -- 自评报告, 申辩材料 ...
    done_by       BIGINT REFERENCES app_user (id),
    done_at       BIGINT NOT NULL
);
CREATE INDEX task_step_task ON task_step (task_id);

CREATE TABLE visit (                        -- 督导记录
    id                   @ID@,
    task_id              BIGINT NOT NULL REFERENCES task (id),
    target_id            BIGINT NOT NULL REFERENCES task_target (id),
    school_id            BIGINT REFERENCES school (id),
    region_code          TEXT NOT NULL REFERENCES region (code),
    inspector_id         BIGINT NOT NULL REFERENCES inspector (id), -- who opened it (the recorder)
    framework_version_id BIGINT REFERENCES framework_version (id), -- pinned when opened
    status               TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    visit_date           TEXT NOT NULL,                             -- YYYY-MM-DD, Asia/Shanghai
    checkin_at           BIGINT,                                    -- server time
    checkin_lat          DOUBLE PRECISION,
    checkin_lng          DOUBLE PRECISION,
    checkin_accuracy_m   DOUBLE PRECISION,
    checkin_distance_m   DOUBLE PRECISION,                          -- from the school's location (haversine)
    answers_json         TEXT NOT NULL DEFAULT '{}',                -- docs/framework-format.md "Answers"
    notes                TEXT,
    score_total          DOUBLE PRECISION,
    grade                TEXT,
    is_veto_failed       SMALLINT NOT NULL DEFAULT 0,
    result_json          TEXT,                                      -- categories and failed items at submit
    n_revision           INTEGER NOT NULL DEFAULT 0,                -- bumped by every save: lost-update check
    submitted_at         BIGINT,
    submitted_by         BIGINT REFERENCES app_user (id),
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX visit_task ON visit (task_id);
CREATE INDEX visit_school ON visit (school_id, visit_date);
CREATE INDEX visit_inspector ON visit (inspector_id, visit_date);
-- one visit per target: reopening today's visit returns the same draft
CREATE UNIQUE INDEX visit_one_per_target ON visit (target_id);

CREATE TABLE visit_amendment (              -- corrections after submit, never silent
    id           @ID@,
    visit_id     BIGINT NOT NULL REFERENCES visit (id),
    reason       TEXT NOT NULL,
    before_json  TEXT NOT NULL,                                     -- the changed answers as they were
    after_json   TEXT NOT NULL,
    score_before DOUBLE PRECISION,
    score_after  DOUBLE PRECISION,
    created_by   BIGINT REFERENCES app_user (id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX visit_amendment_visit ON visit_amendment (visit_id);

-- 文号 counters: the doc_counter table of 006_findings_loop.sql (one table for every kind of document).

CREATE TABLE visit_document (               -- issued documents: the 督导意见书 of a visit
    id           @ID@,
    kind         TEXT NOT NULL CHECK (kind IN ('opinion')),
    visit_id     BIGINT NOT NULL REFERENCES visit (id),
    county_code  TEXT NOT NULL REFERENCES region (code),
    year         INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    doc_no       TEXT NOT NULL,                                     -- 德督〔2026〕12号
    deadline     TEXT,                                              -- 整改期限 YYYY-MM-DD
    body_json    TEXT NOT NULL,                                     -- evaluation and requirements as issued
    issued_by    BIGINT REFERENCES app_user (id),
    issued_at    BIGINT NOT NULL,
    UNIQUE (county_code, year, kind, seq),
    UNIQUE (visit_id, kind)
);
