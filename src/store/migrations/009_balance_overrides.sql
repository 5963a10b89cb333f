-- Provincial and city overrides of the balance rules (set by their admins, audited).

-- balance_rule_override: a province's or city's override of the compiled-in national rules
--   (standards/balance/*.json), one document per jurisdiction and standard, in the same format
--   as the files: it names only what differs. Applied after the compiled-in documents of the
--   same jurisdiction; set and removed by an admin of that province or city (audited).
CREATE TABLE balance_rule_override (
    jurisdiction TEXT NOT NULL REFERENCES region (code),
    standard     TEXT NOT NULL CHECK (standard IN ('quality', 'basic', 'scope', 'prices')),
    body         TEXT NOT NULL,             -- the override document (JSON)
    updated_by   BIGINT REFERENCES app_user (id),
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction, standard)
);
