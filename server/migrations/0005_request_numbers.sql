-- Request numbers (工单编号, issue 8): a per-site counter handed out in blocks, each block to
-- one replica, never twice. One SQL for SQLite and PostgreSQL. The counter is taken inside
-- the site's write transaction (its `sites` row is locked first), so blocks never overlap.
ALTER TABLE sites ADD COLUMN next_number BIGINT NOT NULL DEFAULT 1;
-- Every block given out: which replica of which user asked, and when (the demo's own
-- numbers are a block of replica 'demo').
CREATE TABLE number_blocks (
    site_id TEXT NOT NULL,
    replica_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    start BIGINT NOT NULL,
    count BIGINT NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (site_id, start)
);
CREATE INDEX number_blocks_by_replica ON number_blocks (replica_id);
