-- Signed checkpoints of the audit chain head, so that removing the newest rows shows.

-- audit_checkpoint: "the chain had last_id rows ending in last_hash at time at", signed with
--   the server's Ed25519 key (public_key, hex; the secret key is a file in the data
--   directory). The chain alone cannot show that its last rows were cut off; a checkpoint
--   the auditor exported earlier (`dudao audit checkpoints`) and kept elsewhere can:
--   `dudao audit verify --checkpoints FILE` finds every checkpointed row still in place.
CREATE TABLE audit_checkpoint (
    id         @ID@,
    at         BIGINT NOT NULL,
    last_id    BIGINT NOT NULL,
    last_hash  TEXT NOT NULL,
    public_key TEXT NOT NULL,
    signature  TEXT NOT NULL
);
CREATE INDEX audit_checkpoint_last ON audit_checkpoint (last_id);
