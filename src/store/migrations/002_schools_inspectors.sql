-- 挂牌督导 set-up: schools in full, supervision districts (片区) and responsibility zones
-- (督学责任区), inspectors (督学) with their declared relations (回避), assignments (挂牌)
-- with history, and per-jurisdiction settings.

CREATE TABLE district (                     -- 片区: optional level above zones
    id          @ID@,
    county_code TEXT NOT NULL REFERENCES region (code),
    name        TEXT NOT NULL,
    UNIQUE (county_code, name)
);

CREATE TABLE zone (                         -- 督学责任区: ≤ 20 schools (教督〔2012〕7号)
    id          @ID@,
    county_code TEXT NOT NULL REFERENCES region (code),
    district_id BIGINT REFERENCES district (id),
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (county_code, name)
);

ALTER TABLE school ADD COLUMN type_code TEXT NOT NULL DEFAULT '211';     -- 办学类型码 (JY/T 1001)
ALTER TABLE school ADD COLUMN is_private SMALLINT NOT NULL DEFAULT 0;    -- 民办
ALTER TABLE school ADD COLUMN urban_rural_code TEXT;                     -- 城乡分类代码 111..220
ALTER TABLE school ADD COLUMN address TEXT;
ALTER TABLE school ADD COLUMN lat DOUBLE PRECISION;
ALTER TABLE school ADD COLUMN lng DOUBLE PRECISION;
ALTER TABLE school ADD COLUMN principal TEXT;
ALTER TABLE school ADD COLUMN phone TEXT;
ALTER TABLE school ADD COLUMN is_central SMALLINT NOT NULL DEFAULT 0;    -- 中心校
ALTER TABLE school ADD COLUMN status TEXT NOT NULL DEFAULT 'open';       -- open | closed (voided code)
ALTER TABLE school ADD COLUMN zone_id BIGINT REFERENCES zone (id);
ALTER TABLE school ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX school_zone ON school (zone_id);
CREATE INDEX school_type ON school (type_code);

CREATE TABLE school_section (
    school_id  BIGINT NOT NULL REFERENCES school (id),
    section    TEXT NOT NULL CHECK (section IN ('kindergarten', 'primary', 'junior', 'senior', 'vocational', 'special')),
    enrollment INTEGER NOT NULL DEFAULT 0 CHECK (enrollment >= 0),
    n_classes  INTEGER NOT NULL DEFAULT 0 CHECK (n_classes >= 0),
    PRIMARY KEY (school_id, section)
);

CREATE TABLE inspector (                    -- 督学
    id                 @ID@,
    cert_no            TEXT NOT NULL UNIQUE,          -- 督学证号
    name               TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('full_time', 'part_time', 'special')), -- 专职/兼职/特聘
    region_code        TEXT NOT NULL REFERENCES region (code), -- the appointing county (or city)
    employer           TEXT,
    post               TEXT,
    degree             TEXT,                          -- doctor | master | bachelor | associate | other
    years_in_education INTEGER,
    appointed_on       TEXT,                          -- YYYY-MM-DD
    term_start         TEXT,
    term_end           TEXT,
    n_terms            INTEGER NOT NULL DEFAULT 1,    -- consecutive terms, 兼职 ≤ 3 (条例第六条)
    training_hours     INTEGER NOT NULL DEFAULT 0,    -- this year; ≥ 40 required (督学管理暂行办法)
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'retired')),
    phone              TEXT,
    photo_hash         TEXT,
    user_id            BIGINT REFERENCES app_user (id),
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX inspector_region ON inspector (region_code);

CREATE TABLE inspector_relation (           -- declared relations for 回避 (条例第十条)
    id           @ID@,
    inspector_id BIGINT NOT NULL REFERENCES inspector (id),
    school_id    BIGINT NOT NULL REFERENCES school (id),
    kind         TEXT NOT NULL CHECK (kind IN ('relative_of_principal', 'employed', 'formerly_employed', 'other')),
    note         TEXT,
    created_at   BIGINT NOT NULL
);
CREATE INDEX inspector_relation_pair ON inspector_relation (inspector_id, school_id);

CREATE TABLE assignment (                   -- 挂牌: one open lead per school; history kept
    id           @ID@,
    inspector_id BIGINT NOT NULL REFERENCES inspector (id),
    school_id    BIGINT NOT NULL REFERENCES school (id),
    role         TEXT NOT NULL DEFAULT 'lead' CHECK (role IN ('lead', 'member')),
    starts_on    TEXT NOT NULL,
    ends_on      TEXT,
    end_reason   TEXT,
    created_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX assignment_one_lead ON assignment (school_id) WHERE ends_on IS NULL AND role = 'lead';
CREATE UNIQUE INDEX assignment_one_open_pair ON assignment (school_id, inspector_id) WHERE ends_on IS NULL;
CREATE INDEX assignment_inspector ON assignment (inspector_id);

CREATE TABLE jurisdiction_setting (         -- per region, inherited down the tree
    region_code TEXT NOT NULL REFERENCES region (code),
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (region_code, name)
);
