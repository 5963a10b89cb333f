-- The county-level items of the whole 均衡 verdict (core/balance/verdict, standards/balance/
-- verdict-2017-national.json): what a county enters for the 政府保障程度, 教育质量, 社会认可度,
-- 申报条件, 不予认定 and 2012 items, with the documents attached (attachment owner_kind
-- 'balance_item', owner_id = id), and the city's check. Owned by the balance capability
-- (svc/balance/verdict_svc.c).
--
-- balance_county_item: one row per county, school year and item key. value: the entered
--   values as a JSON object, check key → number or boolean. status: submitted (awaiting the
--   city), approved, returned (with check_note). A new entry makes it submitted again.
CREATE TABLE balance_county_item (
    id          @ID@,
    county_code TEXT NOT NULL REFERENCES region (code),
    school_year INTEGER NOT NULL CHECK (school_year BETWEEN 2000 AND 2100),
    item_key    TEXT NOT NULL,
    value       TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'returned')),
    entered_by  BIGINT REFERENCES app_user (id),
    entered_at  BIGINT NOT NULL,
    checked_by  BIGINT REFERENCES app_user (id),
    checked_at  BIGINT,
    check_note  TEXT NOT NULL DEFAULT '',
    UNIQUE (county_code, school_year, item_key)
);
