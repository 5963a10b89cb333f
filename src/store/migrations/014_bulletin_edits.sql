-- Who changed a 通报 draft, one row per edit (the composer is bulletin.composed_by). The
-- two-person rule reads it: whoever composed or edited a draft cannot approve it.
CREATE TABLE bulletin_edit (
    id           @ID@,
    bulletin_id  BIGINT NOT NULL REFERENCES bulletin (id),
    edited_by    BIGINT NOT NULL REFERENCES app_user (id),
    changes      TEXT NOT NULL,             -- JSON array of the fields changed: title, body, redactions
    edited_at    BIGINT NOT NULL
);
CREATE INDEX bulletin_edit_bulletin ON bulletin_edit (bulletin_id, edited_by);
