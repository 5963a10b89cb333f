-- Import progress in the database, so whichever instance behind the load balancer a poll
-- reaches answers it (it lived in one process's memory before).

-- import_job: one import a user runs with ?job=ID, polled with GET /imports/jobs/{id}.
--   phase counting -> importing -> committing -> done | failed; result is the import's answer
--   (JSON text, as the POST returns it) once done or failed. Finished rows older than ten
--   minutes are treated as gone and removed when the next import starts.
CREATE TABLE import_job (
    user_id    BIGINT NOT NULL REFERENCES app_user (id),
    id         TEXT NOT NULL,
    phase      TEXT NOT NULL CHECK (phase IN ('counting', 'importing', 'committing', 'done', 'failed')),
    rows_done  BIGINT NOT NULL DEFAULT 0,
    rows_total BIGINT NOT NULL DEFAULT 0,
    result     TEXT,
    touched_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, id)
);
