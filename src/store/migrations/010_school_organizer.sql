-- The school's 举办者 (organiser), as the 教育事业统计 forms classify it (core/roster/codes.c:
-- edu_dept 教育部门, other_dept 其他部门, local_enterprise 地方企业, public_institution 事业单位,
-- military 部队, collective 集体, private 民办). is_private (公办/民办) stays as it was; NULL:
-- not recorded yet (the schools that exist before this migration).
ALTER TABLE school ADD COLUMN organizer TEXT CHECK (organizer IN ('edu_dept', 'other_dept', 'local_enterprise',
    'public_institution', 'military', 'collective', 'private'));
CREATE INDEX school_organizer ON school (organizer);
