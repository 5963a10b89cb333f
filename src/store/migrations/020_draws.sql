-- 双随机一公开 and 回头看 (next.md §3, issue 15). Owned by the draws capability (src/svc/draws/).
--
-- draw_plan: one draw an office plans. kind 'inspection' draws schools from school_pool and,
--   per drawn school, inspectors_per_school from inspector_pool ("一单两库": items is the
--   检查事项清单, a JSON array of text); kind 'followup' (回头看) draws closed findings from
--   school_pool (then ids of findings). Either n_targets or share_percent (1..100, drawn count
--   ceil(n * p / 100)). state planned → committed (seed_hash published, snapshot frozen:
--   candidates with their tickets and each school's eligible inspectors after 回避) → drawn
--   (seed revealed, result written, published). seed is the server-generated secret until
--   drawn (NULL when the office keeps its own seed and gives only its hash).
-- draw_replacement: every change after the draw, with its reason (also in the audit chain).
CREATE TABLE draw_plan (
    id                    @ID@,
    region_code           TEXT NOT NULL REFERENCES region (code),
    title                 TEXT NOT NULL,
    kind                  TEXT NOT NULL CHECK (kind IN ('inspection', 'followup')),
    items                 TEXT NOT NULL DEFAULT '[]',
    school_pool           TEXT NOT NULL DEFAULT '[]',
    inspector_pool        TEXT NOT NULL DEFAULT '[]',
    n_targets             INTEGER,
    share_percent         INTEGER CHECK (share_percent BETWEEN 1 AND 100),
    inspectors_per_school INTEGER NOT NULL DEFAULT 0 CHECK (inspectors_per_school BETWEEN 0 AND 10),
    is_weighted           INTEGER NOT NULL DEFAULT 0 CHECK (is_weighted IN (0, 1)),
    exclude_own           INTEGER NOT NULL DEFAULT 1 CHECK (exclude_own IN (0, 1)),
    state                 TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'committed', 'drawn')),
    seed_hash             TEXT,
    seed                  TEXT,
    seed_source           TEXT CHECK (seed_source IN ('server', 'office')),
    snapshot              TEXT,
    result                TEXT,
    created_by            BIGINT REFERENCES app_user (id),
    created_at            BIGINT NOT NULL,
    committed_at          BIGINT,
    drawn_at              BIGINT
);
CREATE INDEX draw_plan_region ON draw_plan (region_code, state);

CREATE TABLE draw_replacement (
    id          @ID@,
    plan_id     BIGINT NOT NULL REFERENCES draw_plan (id),
    kind        TEXT NOT NULL CHECK (kind IN ('school', 'inspector', 'finding')),
    school_id   BIGINT,
    old_id      BIGINT NOT NULL,
    new_id      BIGINT NOT NULL,
    reason      TEXT NOT NULL,
    created_by  BIGINT REFERENCES app_user (id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX draw_replacement_plan ON draw_replacement (plan_id, id);
