-- Balanced-development evaluation (义务教育均衡发展, standards.md §1–§2): the statistics each
-- compulsory-education school reports per school year, the confirmations of data checks, and
-- finalised evaluations. Owned by the balance capability (src/svc/balance_svc.c).
--
-- balance_stat: one row per school and school year (2025 = the 2025–2026 学年). Per-section
--   teacher counts are where the teachers teach (p_ 小学, j_ 初中); areas, equipment, rooms,
--   computers and books are the whole school's and are split between sections by weighted
--   enrollment when evaluated (core/balance.c). The columns follow core/balance_data.c.
-- balance_check_ack: a data check (outlier, jump, implausible) that the office confirmed as
--   correct, for the value it saw; a changed value makes the check open again.
-- balance_evaluation: an evaluation declared final (all schools filled in, every check
--   confirmed or fixed), kept as the JSON the office saw.

CREATE TABLE balance_stat (
    school_id    BIGINT NOT NULL REFERENCES school (id),
    school_year  INTEGER NOT NULL CHECK (school_year BETWEEN 2000 AND 2100),
    p_students               INTEGER          NOT NULL DEFAULT 0 CHECK (p_students >= 0), -- 小学在校生数
    p_classes                INTEGER          NOT NULL DEFAULT 0 CHECK (p_classes >= 0), -- 小学班级数
    p_max_class              INTEGER          NOT NULL DEFAULT 0 CHECK (p_max_class >= 0), -- 小学最大班额
    p_teachers               INTEGER          NOT NULL DEFAULT 0 CHECK (p_teachers >= 0), -- 小学专任教师数
    p_teachers_above_degree  INTEGER          NOT NULL DEFAULT 0 CHECK (p_teachers_above_degree >= 0), -- 小学专科及以上学历专任教师数
    p_teachers_mid_title     INTEGER          NOT NULL DEFAULT 0 CHECK (p_teachers_mid_title >= 0), -- 小学中级及以上职称教师数
    p_backbone_teachers      INTEGER          NOT NULL DEFAULT 0 CHECK (p_backbone_teachers >= 0), -- 小学县级以上骨干教师数
    p_pe_art_teachers        INTEGER          NOT NULL DEFAULT 0 CHECK (p_pe_art_teachers >= 0), -- 小学体育、艺术专任教师数
    j_students               INTEGER          NOT NULL DEFAULT 0 CHECK (j_students >= 0), -- 初中在校生数
    j_classes                INTEGER          NOT NULL DEFAULT 0 CHECK (j_classes >= 0), -- 初中班级数
    j_max_class              INTEGER          NOT NULL DEFAULT 0 CHECK (j_max_class >= 0), -- 初中最大班额
    j_teachers               INTEGER          NOT NULL DEFAULT 0 CHECK (j_teachers >= 0), -- 初中专任教师数
    j_teachers_above_degree  INTEGER          NOT NULL DEFAULT 0 CHECK (j_teachers_above_degree >= 0), -- 初中本科及以上学历专任教师数
    j_teachers_mid_title     INTEGER          NOT NULL DEFAULT 0 CHECK (j_teachers_mid_title >= 0), -- 初中中级及以上职称教师数
    j_backbone_teachers      INTEGER          NOT NULL DEFAULT 0 CHECK (j_backbone_teachers >= 0), -- 初中县级以上骨干教师数
    j_pe_art_teachers        INTEGER          NOT NULL DEFAULT 0 CHECK (j_pe_art_teachers >= 0), -- 初中体育、艺术专任教师数
    s_students               INTEGER          NOT NULL DEFAULT 0 CHECK (s_students >= 0), -- 高中在校生数（仅用于拆分）
    room_area                DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (room_area >= 0), -- 教学及辅助用房面积（不含室内体育用房）
    sports_area              DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (sports_area >= 0), -- 体育运动场馆面积
    equipment_value          DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (equipment_value >= 0), -- 教学仪器设备资产值
    multimedia_rooms         INTEGER          NOT NULL DEFAULT 0 CHECK (multimedia_rooms >= 0), -- 网络多媒体教室数
    computers                INTEGER          NOT NULL DEFAULT 0 CHECK (computers >= 0), -- 教学用计算机台数
    books                    INTEGER          NOT NULL DEFAULT 0 CHECK (books >= 0), -- 图书册数
    music_rooms              INTEGER          NOT NULL DEFAULT 0 CHECK (music_rooms >= 0), -- 音乐专用教室数
    art_rooms                INTEGER          NOT NULL DEFAULT 0 CHECK (art_rooms >= 0), -- 美术专用教室数
    certified_teachers       INTEGER          NOT NULL DEFAULT 0 CHECK (certified_teachers >= 0), -- 持教师资格证专任教师数
    trained_teachers         INTEGER          NOT NULL DEFAULT 0 CHECK (trained_teachers >= 0), -- 完成5年360学时培训的专任教师数
    entered_by   BIGINT REFERENCES app_user (id),
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (school_id, school_year)
);
CREATE INDEX balance_stat_year ON balance_stat (school_year);

CREATE TABLE balance_check_ack (
    school_id    BIGINT NOT NULL REFERENCES school (id),
    school_year  INTEGER NOT NULL,
    code         TEXT NOT NULL CHECK (code IN ('outlier', 'jump', 'implausible')),
    field        TEXT NOT NULL,
    value        TEXT NOT NULL,             -- the value confirmed, as text (%.10g)
    note         TEXT NOT NULL,             -- why it is right (e.g. 新建校舍投入使用)
    confirmed_by BIGINT REFERENCES app_user (id),
    confirmed_at BIGINT NOT NULL,
    PRIMARY KEY (school_id, school_year, code, field)
);

CREATE TABLE balance_evaluation (
    id           @ID@,
    county_code  TEXT NOT NULL REFERENCES region (code),
    school_year  INTEGER NOT NULL,
    result       TEXT NOT NULL,             -- the evaluation JSON
    is_quality_passed SMALLINT NOT NULL,
    is_basic_passed   SMALLINT NOT NULL,
    finalized_by BIGINT REFERENCES app_user (id),
    finalized_at BIGINT NOT NULL,
    UNIQUE (county_code, school_year)
);
