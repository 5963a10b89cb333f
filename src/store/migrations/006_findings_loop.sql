-- The rectification closed loop around `finding` (004): the lifecycle's columns, the event
-- history, extension requests (延期), numbered documents (整改通知书, 督办单, 通报) with their
-- race-free counters, the scheduler's job leases, public complaints (受理举报投诉),
-- accountability (问责) and 约谈 records, and bulletins (通报). Owned by the findings capability.
-- Nothing here is ever deleted: a wrong finding is voided, a wrong record superseded.

ALTER TABLE finding ADD COLUMN county_code TEXT;            -- the county whose office numbers its documents
ALTER TABLE finding ADD COLUMN notice_no TEXT;              -- 整改通知书文号, e.g. 德督改〔2026〕3号
ALTER TABLE finding ADD COLUMN issued_at BIGINT;
ALTER TABLE finding ADD COLUMN issued_by BIGINT;
ALTER TABLE finding ADD COLUMN submitted_at BIGINT;
ALTER TABLE finding ADD COLUMN closed_at BIGINT;
ALTER TABLE finding ADD COLUMN closed_by BIGINT;
ALTER TABLE finding ADD COLUMN void_reason TEXT;
ALTER TABLE finding ADD COLUMN original_deadline TEXT;      -- the deadline first issued (before 延期)
ALTER TABLE finding ADD COLUMN n_returns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE finding ADD COLUMN n_reopens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE finding ADD COLUMN is_overdue SMALLINT NOT NULL DEFAULT 0;   -- ever went past its deadline
ALTER TABLE finding ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0; -- 0 none, 1 reminded, 2 overdue, 3 督办单, 4 约谈
ALTER TABLE finding ADD COLUMN escalation_run BIGINT;        -- the job run that last raised it (set-based events)
ALTER TABLE finding ADD COLUMN accountability_flag TEXT;     -- NULL | returned_repeatedly | school_repeatedly_overdue
ALTER TABLE finding ADD COLUMN recurrence_flag TEXT;         -- NULL | school | county | school_county
ALTER TABLE finding ADD COLUMN complaint_id BIGINT;          -- when it came from a complaint
ALTER TABLE finding ADD COLUMN is_reinspected SMALLINT NOT NULL DEFAULT 0; -- picked for 回头看
CREATE INDEX finding_county_state ON finding (county_code, state, deadline);
CREATE INDEX finding_school_indicator ON finding (school_id, indicator_code);
CREATE INDEX finding_county_indicator ON finding (county_code, indicator_code, created_at); -- recurrence across a county
CREATE INDEX finding_escalation_run ON finding (escalation_run); -- the jobs' events for exactly the rows a step raised
CREATE INDEX finding_state_deadline ON finding (state, deadline);
-- the ledger's counts by state and overdue, and the dashboard's groups by school and category,
-- in a region scope read this index alone
CREATE INDEX finding_scope_counts ON finding (region_code, state, deadline, escalation_level, school_id, category);
-- the ledger sorted by deadline, drafts (no deadline) last on both engines
CREATE INDEX finding_deadline_order ON finding ((COALESCE(deadline, '9999-12-31')), id);

CREATE TABLE finding_event (                -- the finding's history, newest last
    id          @ID@,
    finding_id  BIGINT NOT NULL REFERENCES finding (id),
    kind        TEXT NOT NULL,              -- created issued acknowledged progress submitted returned closed voided reopened
                                            -- extension_requested extension_approved extension_refused edited
                                            -- reminder overdue order interview accountability recurrence reinspection
    from_state  TEXT,
    to_state    TEXT,
    actor_id    BIGINT REFERENCES app_user (id),
    actor_name  TEXT NOT NULL,              -- display name at the time, or 'system' for the scheduler
    actor_role  TEXT,
    note        TEXT,
    data_json   TEXT,                       -- e.g. {"deadline":"2026-12-31"} or {"attachment_ids":[..]}
    at          BIGINT NOT NULL
);
CREATE INDEX finding_event_finding ON finding_event (finding_id, id);

CREATE TABLE finding_extension (            -- 延期申请
    id                 @ID@,
    finding_id         BIGINT NOT NULL REFERENCES finding (id),
    requested_deadline TEXT NOT NULL,
    previous_deadline  TEXT,
    reason             TEXT NOT NULL,
    state              TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'refused')),
    requested_by       BIGINT REFERENCES app_user (id),
    requested_at       BIGINT NOT NULL,
    decided_by         BIGINT REFERENCES app_user (id),
    decided_at         BIGINT,
    decision_note      TEXT,
    new_deadline       TEXT
);
CREATE INDEX finding_extension_finding ON finding_extension (finding_id);
CREATE INDEX finding_extension_state ON finding_extension (state);

-- Document numbers (文号) per issuing county, year and kind. Allocation is one statement,
-- INSERT ... ON CONFLICT DO UPDATE ... RETURNING, so two requests never get the same number.
CREATE TABLE doc_counter (
    county_code TEXT NOT NULL,
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL,              -- notice 整改通知书 | order 督办单 | bulletin 通报
    last_no     INTEGER NOT NULL,
    PRIMARY KEY (county_code, year, kind)
);

CREATE TABLE supervision_order (            -- 督办单
    id             @ID@,
    finding_id     BIGINT NOT NULL UNIQUE REFERENCES finding (id), -- one per finding: the ladder issues it once
    region_code    TEXT NOT NULL REFERENCES region (code),
    school_id      BIGINT REFERENCES school (id),
    county_code    TEXT NOT NULL,
    order_no       TEXT NOT NULL,
    to_department  TEXT NOT NULL,           -- the school's competent department (主管部门)
    deadline       TEXT NOT NULL,           -- the new date by which it must be done
    is_automatic   SMALLINT NOT NULL DEFAULT 1,
    issued_on      TEXT NOT NULL,           -- YYYY-MM-DD, the ladder's date
    created_at     BIGINT NOT NULL
);
CREATE INDEX supervision_order_region ON supervision_order (region_code);

-- The scheduler's jobs: a row per job; an instance claims a period with a conditional UPDATE
-- (done_period < period and no live lease), so each job runs once per period across instances.
CREATE TABLE scheduled_job (
    name         TEXT PRIMARY KEY,
    done_period  TEXT,                      -- the last period completed: '2026-12-01' (daily), '2026-12' (monthly)
    lease_owner  TEXT,
    lease_period TEXT,
    lease_until  BIGINT,
    last_run_at  BIGINT,
    last_result  TEXT                       -- JSON summary of the last run
);

CREATE TABLE complaint (                    -- 举报投诉, from the plaque's QR code
    id              @ID@,
    receipt_code    TEXT NOT NULL UNIQUE,   -- what the complainant keeps to look up the outcome
    school_id       BIGINT NOT NULL REFERENCES school (id),
    region_code     TEXT NOT NULL REFERENCES region (code),
    category        TEXT NOT NULL,
    content         TEXT NOT NULL,
    contact_name    TEXT,
    contact_phone   TEXT,
    ip_hash         TEXT NOT NULL,          -- BLAKE2b of the address: throttling without keeping it
    state           TEXT NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'verified', 'rejected')),
    handled_by      BIGINT REFERENCES app_user (id),
    handled_at      BIGINT,
    outcome         TEXT,                   -- what the complainant is told
    finding_id      BIGINT REFERENCES finding (id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX complaint_school ON complaint (school_id, state);
CREATE INDEX complaint_ip ON complaint (ip_hash, created_at);

CREATE TABLE accountability (               -- 问责 (《教育督导问责办法》)
    id               @ID@,
    region_code      TEXT NOT NULL REFERENCES region (code),
    school_id        BIGINT REFERENCES school (id),
    finding_id       BIGINT REFERENCES finding (id),
    target_kind      TEXT NOT NULL CHECK (target_kind IN ('unit', 'person', 'private_person')),
    target_name      TEXT NOT NULL,
    measure          TEXT NOT NULL,
    grounds          TEXT NOT NULL,
    decided_on       TEXT NOT NULL,
    review_apply_by  TEXT NOT NULL,         -- 复核: apply within 30 days ...
    review_decide_by TEXT NOT NULL,         -- ... decided within 30 more
    appeal_apply_by  TEXT NOT NULL,         -- 申诉: 15 days ...
    appeal_decide_by TEXT NOT NULL,         -- ... decided within 60
    review_state     TEXT NOT NULL DEFAULT 'none' CHECK (review_state IN ('none', 'applied', 'upheld', 'changed')),
    appeal_state     TEXT NOT NULL DEFAULT 'none' CHECK (appeal_state IN ('none', 'applied', 'upheld', 'changed')),
    is_aggravated    SMALLINT NOT NULL DEFAULT 0,
    aggravation      TEXT,                  -- why (e.g. 一年内被问责两次及以上)
    created_by       BIGINT REFERENCES app_user (id),
    created_at       BIGINT NOT NULL
);
CREATE INDEX accountability_region ON accountability (region_code);
CREATE INDEX accountability_target ON accountability (target_name, decided_on);

CREATE TABLE interview (                    -- 约谈
    id          @ID@,
    region_code TEXT NOT NULL REFERENCES region (code),
    school_id   BIGINT REFERENCES school (id),
    finding_id  BIGINT REFERENCES finding (id),
    target_name TEXT NOT NULL,              -- who is talked to (unit head)
    held_on     TEXT NOT NULL,
    place       TEXT,
    summary     TEXT,
    created_by  BIGINT REFERENCES app_user (id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX interview_region ON interview (region_code);

CREATE TABLE bulletin (                     -- 通报
    id           @ID@,
    region_code  TEXT NOT NULL REFERENCES region (code),
    county_code  TEXT NOT NULL,
    title        TEXT NOT NULL,
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    body         TEXT NOT NULL,             -- the text as edited
    data_json    TEXT NOT NULL,             -- the figures it was composed from
    redactions   TEXT,                      -- JSON array of names kept off the public page
    state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'approved', 'published')),
    bulletin_no  TEXT,
    composed_by  BIGINT REFERENCES app_user (id),
    approved_by  BIGINT REFERENCES app_user (id),
    approved_at  BIGINT,
    published_at BIGINT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX bulletin_region ON bulletin (region_code, state);
