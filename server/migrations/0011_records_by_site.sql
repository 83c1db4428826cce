-- Records are keyed by site (issue 27, point 5): a record id names a record within its site,
-- so the fixed ids of the defaults (the settings record, classifier and checklist defaults)
-- are one record per site, and no site can take an id another site uses. `records` and
-- `fields` are rebuilt with `site_id` in their primary keys (SQLite cannot alter a key);
-- `site_id` comes last, so lookups by (kind, id) keep using the key's prefix. The indexes of
-- the old tables go with them and are made again.
CREATE TABLE records_v2 (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    site_id TEXT NOT NULL,
    area_id TEXT,
    dept_id TEXT,
    parent_id TEXT,
    owner_id TEXT,
    PRIMARY KEY (kind, id, site_id)
);
INSERT INTO records_v2 (kind, id, site_id, area_id, dept_id, parent_id, owner_id)
    SELECT kind, id, site_id, area_id, dept_id, parent_id, owner_id FROM records;
DROP TABLE records;
ALTER TABLE records_v2 RENAME TO records;
CREATE INDEX records_by_parent ON records (parent_id);

CREATE TABLE fields_v2 (
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    site_id TEXT NOT NULL,
    value TEXT NOT NULL,
    hlc BIGINT NOT NULL,
    replica TEXT NOT NULL,
    prev BIGINT,
    PRIMARY KEY (kind, record_id, field, site_id)
);
INSERT INTO fields_v2 (kind, record_id, field, site_id, value, hlc, replica, prev)
    SELECT kind, record_id, field, site_id, value, hlc, replica, prev FROM fields;
DROP TABLE fields;
ALTER TABLE fields_v2 RENAME TO fields;
CREATE INDEX fields_by_site ON fields (site_id, kind, record_id);
CREATE INDEX fields_photo_hashes ON fields (value)
    WHERE kind = 'photo' AND field IN ('sha256', 'thumb_sha256');

-- A `unit_person` link is a record too: its row in `person_links` is keyed by site as well.
CREATE TABLE person_links_v2 (
    link_id TEXT NOT NULL,
    site_id TEXT NOT NULL,
    person_id TEXT,
    unit_id TEXT,
    area_id TEXT,
    live BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (link_id, site_id)
);
INSERT INTO person_links_v2 (link_id, site_id, person_id, unit_id, area_id, live)
    SELECT link_id, site_id, person_id, unit_id, area_id, live FROM person_links;
DROP TABLE person_links;
ALTER TABLE person_links_v2 RENAME TO person_links;
CREATE INDEX person_links_by_person ON person_links (person_id, area_id);
CREATE INDEX person_links_by_unit ON person_links (unit_id);
