-- 突发事件 (《中小学校责任督学挂牌督导办法》第五条: "对各种突发事件或重大事故，责任督学应第一时间
-- 赶赴现场，及时了解并上报有关情况"; a major 隐患 is pressed with the school and departments).
-- Owned by the incidents capability (src/svc/incidents/).
--
-- incident: one report from an inspector (or the office) about one school: what happened
--   (title, description), when (occurred_at, UTC epoch), the category and the severity of the
--   national emergency classes (一般/较大/重大/特别重大), whom the reporter already told
--   (told, free text), the photos (attachment rows with owner_kind 'incident'). state runs
--   received → handled → closed (core/incidents/incident_lifecycle); handled_* and closed_*
--   record who moved it and the note; finding_id the draft finding it became in the ledger.
--   region_code is the school's region (the office's scope). Never deleted.
CREATE TABLE incident (
    id           @ID@,
    school_id    BIGINT NOT NULL REFERENCES school (id),
    region_code  TEXT NOT NULL REFERENCES region (code),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    category     TEXT NOT NULL CHECK (category IN ('accident', 'hazard', 'public_health', 'violence',
                                                   'disaster', 'other')),
    severity     TEXT NOT NULL CHECK (severity IN ('general', 'large', 'major', 'extreme')),
    occurred_at  BIGINT NOT NULL,
    told         TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'handled', 'closed')),
    reported_by  BIGINT NOT NULL REFERENCES app_user (id),
    reported_at  BIGINT NOT NULL,
    handled_by   BIGINT REFERENCES app_user (id),
    handled_at   BIGINT,
    handled_note TEXT,
    closed_by    BIGINT REFERENCES app_user (id),
    closed_at    BIGINT,
    closed_note  TEXT,
    finding_id   BIGINT REFERENCES finding (id)
);
CREATE INDEX incident_region ON incident (region_code, state);
CREATE INDEX incident_school ON incident (school_id);
CREATE INDEX incident_reporter ON incident (reported_by);

-- The 核查 clock of the 问题台账 (finding.verify_days, findings capability): the day the daily
-- job found a submitted report (or a 销号 waiting for the office's review) unverified past its
-- 核查 deadline and wrote the reminder; cleared when the finding leaves verification.
ALTER TABLE finding ADD COLUMN verify_overdue_on TEXT;
