-- Scope by area and department (register, areas and access). One SQL for SQLite and
-- PostgreSQL. Placement of a record (`records.area_id`, copied to each log row):
--   NULL  reference data, held by every replica of the site;
--   '-'   held by office staff and supervisors only (conflict reviews, and records whose
--         area is not known yet);
--   else  the id of the area whose butlers hold it.
ALTER TABLE users ADD COLUMN department_id TEXT;
ALTER TABLE records ADD COLUMN dept_id TEXT;
ALTER TABLE records ADD COLUMN parent_id TEXT;
ALTER TABLE records ADD COLUMN owner_id TEXT;
ALTER TABLE changes ADD COLUMN dept_id TEXT;
CREATE INDEX records_by_parent ON records (parent_id);
-- A person's areas are the areas of the units they are linked to (live links only).
CREATE TABLE person_links (
    link_id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    person_id TEXT,
    unit_id TEXT,
    area_id TEXT,
    live BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX person_links_by_person ON person_links (person_id, area_id);
CREATE INDEX person_links_by_unit ON person_links (unit_id);
-- Bumped when records leave a scope (a building moved to another area, a request routed to
-- another department): a pull cursor names the epoch, so those replicas start again from a
-- snapshot that no longer holds what left.
CREATE TABLE scope_epochs (
    site_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    epoch BIGINT NOT NULL,
    PRIMARY KEY (site_id, scope)
);
UPDATE records SET area_id = NULL WHERE kind IN ('site', 'area', 'building', 'staff', 'department');
UPDATE records SET area_id = '-' WHERE area_id IS NULL
    AND kind NOT IN ('site', 'area', 'building', 'staff', 'department');
UPDATE records SET parent_id = (
    SELECT substr(f.value, 2, length(f.value) - 2) FROM fields f
    WHERE f.kind = records.kind AND f.record_id = records.id AND f.field = 'unit'
      AND f.value LIKE '"%"'
) WHERE kind = 'request';
UPDATE records SET parent_id = (
    SELECT substr(f.value, 2, length(f.value) - 2) FROM fields f
    WHERE f.kind = records.kind AND f.record_id = records.id AND f.field = 'building'
      AND f.value LIKE '"%"'
) WHERE kind = 'unit';
UPDATE changes SET area_id = (
    SELECT r.area_id FROM records r WHERE r.kind = changes.kind AND r.id = changes.record_id
);
