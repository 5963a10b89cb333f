-- Two tables that several capabilities share, laid down before them so each can build on a
-- fixed shape:
--   attachment: every uploaded file (visit photos, school self-evaluations, rectification
--     evidence, complaint pictures), content-addressed under the data directory;
--   finding:    the 问题台账. Visits create findings in state 'draft' from failed or flagged
--     checklist items; the findings capability owns the lifecycle from there (issued →
--     rectifying → submitted → closed, returns, extensions, voiding) and may add columns.
-- Neither is ever deleted: a wrong finding is voided with a reason.

CREATE TABLE attachment (
    id           @ID@,
    hash         TEXT NOT NULL,             -- SM3 hex; the file is files_put's "ab/abcd..." path
    mime         TEXT NOT NULL,             -- image/jpeg, image/png, application/pdf, ...
    size_bytes   BIGINT NOT NULL,
    name         TEXT,                      -- the uploader's file name, for display only
    region_code  TEXT NOT NULL REFERENCES region (code), -- scope: the region of what it belongs to
    school_id    BIGINT REFERENCES school (id),
    owner_kind   TEXT NOT NULL,             -- 'visit', 'finding', 'finding_event', 'complaint', 'task', ...
    owner_id     BIGINT,                    -- id in the owner's table (NULL until linked)
    taken_at     BIGINT,                    -- when the photo was taken (client clock, UTC epoch)
    lat          DOUBLE PRECISION,          -- where (the phone's position at capture)
    lng          DOUBLE PRECISION,
    uploaded_by  BIGINT REFERENCES app_user (id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX attachment_owner ON attachment (owner_kind, owner_id);
CREATE INDEX attachment_hash ON attachment (hash);

CREATE TABLE finding (                      -- 问题台账
    id                 @ID@,
    region_code        TEXT NOT NULL REFERENCES region (code), -- scope: the school's region, or the government's
    school_id          BIGINT REFERENCES school (id),          -- NULL when the target is a government (督政)
    source             TEXT NOT NULL CHECK (source IN ('visit', 'complaint', 'manual', 'reinspection')),
    task_id            BIGINT,                                  -- the 督导任务 (visits capability), when from a visit
    visit_id           BIGINT,                                  -- the 督导记录 it came from
    indicator_code     TEXT,                                    -- stable across framework versions: recurrence is by code
    indicator_text     TEXT,
    framework_code     TEXT,
    category           TEXT,                                    -- e.g. 安全, 双减, 五项管理 (top-level indicator name)
    severity           TEXT NOT NULL DEFAULT 'general'
                       CHECK (severity IN ('general', 'serious', 'severe', 'red_line')), -- 一般/较重/严重/红线
    description        TEXT NOT NULL,
    requirement        TEXT,                                    -- 整改要求
    responsible_unit   TEXT,
    responsible_person TEXT,
    deadline           TEXT,                                    -- YYYY-MM-DD (Asia/Shanghai)
    state              TEXT NOT NULL DEFAULT 'draft',           -- 'draft' from visits; the lifecycle owns the rest
    created_by         BIGINT REFERENCES app_user (id),
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX finding_region ON finding (region_code);
CREATE INDEX finding_school ON finding (school_id);
CREATE INDEX finding_visit ON finding (visit_id);
CREATE INDEX finding_state ON finding (state);
