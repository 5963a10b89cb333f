-- The automatic 督办单 becomes a proposal (issue 14, next.md: a 督办单 is the office's decision):
-- the daily ladder proposes one for a finding past its deadline by finding.order_after_days;
-- the office confirms it (it then takes its number in the 督办单 series and is sent) or
-- dismisses it with a reason. Orders made before this migration were issued as they were.
--   state proposed | issued | dismissed; order_no is '' until issued.
ALTER TABLE supervision_order ADD COLUMN state TEXT NOT NULL DEFAULT 'issued';
ALTER TABLE supervision_order ADD COLUMN decided_by BIGINT REFERENCES app_user (id);
ALTER TABLE supervision_order ADD COLUMN decided_at BIGINT;
ALTER TABLE supervision_order ADD COLUMN dismiss_reason TEXT;
CREATE INDEX supervision_order_state ON supervision_order (state);
