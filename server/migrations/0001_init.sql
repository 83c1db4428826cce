-- Guanjia schema v1, one SQL for SQLite and PostgreSQL. Append-only: never edit a released
-- migration. A later step that needs engine-specific SQL splits the folder per backend then.
CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    last_seq BIGINT NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL
);
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    site_id TEXT NOT NULL REFERENCES sites(id),
    area_id TEXT,
    created_ms BIGINT NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_ms BIGINT NOT NULL,
    revoked_ms BIGINT
);
CREATE TABLE login_failures (
    username TEXT NOT NULL,
    at_ms BIGINT NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (username, at_ms);
CREATE TABLE replicas (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    last_seq BIGINT NOT NULL
);
CREATE TABLE records (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    site_id TEXT NOT NULL,
    area_id TEXT,
    PRIMARY KEY (kind, id)
);
CREATE TABLE fields (
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    site_id TEXT NOT NULL,
    value TEXT NOT NULL,
    hlc BIGINT NOT NULL,
    replica TEXT NOT NULL,
    prev BIGINT,
    PRIMARY KEY (kind, record_id, field)
);
CREATE INDEX fields_by_site ON fields (site_id, kind, record_id);
CREATE TABLE changes (
    site_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    area_id TEXT,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    hlc BIGINT NOT NULL,
    replica TEXT NOT NULL,
    prev BIGINT,
    PRIMARY KEY (site_id, seq)
);
