-- Summaries on the school row (issue 16): the number of open 挂牌 (assignments not ended) and
-- the enrollment over its sections, which every school list, the office's coverage tile and the
-- exports read per row. They are kept by triggers in the statement's own transaction, recomputed
-- from the child rows of the school concerned, so they are exact by construction whatever path
-- writes (the API, an import, the demo, a restore into a migrated database).
ALTER TABLE school ADD COLUMN n_open_assignments INTEGER NOT NULL DEFAULT 0;
ALTER TABLE school ADD COLUMN enrollment_total INTEGER NOT NULL DEFAULT 0;
UPDATE school SET n_open_assignments = (SELECT COUNT(*) FROM assignment x WHERE x.school_id = school.id AND x.ends_on IS NULL),
    enrollment_total = (SELECT COALESCE(SUM(e.enrollment), 0) FROM school_section e WHERE e.school_id = school.id);

-- @sqlite
CREATE TRIGGER assignment_summary_insert AFTER INSERT ON assignment BEGIN
    UPDATE school SET n_open_assignments = (SELECT COUNT(*) FROM assignment x WHERE x.school_id = NEW.school_id AND x.ends_on IS NULL) WHERE id = NEW.school_id;
END;
CREATE TRIGGER assignment_summary_update AFTER UPDATE ON assignment BEGIN
    UPDATE school SET n_open_assignments = (SELECT COUNT(*) FROM assignment x WHERE x.school_id = school.id AND x.ends_on IS NULL) WHERE id IN (NEW.school_id, OLD.school_id);
END;
CREATE TRIGGER assignment_summary_delete AFTER DELETE ON assignment BEGIN
    UPDATE school SET n_open_assignments = (SELECT COUNT(*) FROM assignment x WHERE x.school_id = OLD.school_id AND x.ends_on IS NULL) WHERE id = OLD.school_id;
END;
CREATE TRIGGER section_summary_insert AFTER INSERT ON school_section BEGIN
    UPDATE school SET enrollment_total = (SELECT COALESCE(SUM(e.enrollment), 0) FROM school_section e WHERE e.school_id = NEW.school_id) WHERE id = NEW.school_id;
END;
CREATE TRIGGER section_summary_update AFTER UPDATE ON school_section BEGIN
    UPDATE school SET enrollment_total = (SELECT COALESCE(SUM(e.enrollment), 0) FROM school_section e WHERE e.school_id = school.id) WHERE id IN (NEW.school_id, OLD.school_id);
END;
CREATE TRIGGER section_summary_delete AFTER DELETE ON school_section BEGIN
    UPDATE school SET enrollment_total = (SELECT COALESCE(SUM(e.enrollment), 0) FROM school_section e WHERE e.school_id = OLD.school_id) WHERE id = OLD.school_id;
END;
-- @pg
CREATE FUNCTION school_assignment_summary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE school SET n_open_assignments = (SELECT COUNT(*) FROM assignment x WHERE x.school_id = OLD.school_id AND x.ends_on IS NULL) WHERE id = OLD.school_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE school SET n_open_assignments = (SELECT COUNT(*) FROM assignment x WHERE x.school_id = NEW.school_id AND x.ends_on IS NULL) WHERE id = NEW.school_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER assignment_summary AFTER INSERT OR UPDATE OR DELETE ON assignment
    FOR EACH ROW EXECUTE FUNCTION school_assignment_summary();
CREATE FUNCTION school_section_summary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE school SET enrollment_total = (SELECT COALESCE(SUM(e.enrollment), 0) FROM school_section e WHERE e.school_id = OLD.school_id) WHERE id = OLD.school_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE school SET enrollment_total = (SELECT COALESCE(SUM(e.enrollment), 0) FROM school_section e WHERE e.school_id = NEW.school_id) WHERE id = NEW.school_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER section_summary AFTER INSERT OR UPDATE OR DELETE ON school_section
    FOR EACH ROW EXECUTE FUNCTION school_section_summary();
-- @all
