-- Accounts hardening: disabled accounts, expiring sessions, login throttling per client
-- address, one-use tickets for the event stream. One SQL for SQLite and PostgreSQL.

-- Set by `guanjia user disable`: such an account cannot log in and has no live session.
ALTER TABLE users ADD COLUMN disabled_ms BIGINT;

-- Sessions expire when idle (last_seen_ms, refreshed at most once a minute) and at an
-- absolute age (created_ms). Existing sessions count as seen when they were created.
ALTER TABLE sessions ADD COLUMN last_seen_ms BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_ms = created_ms;
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Replaced by login_throttle: a lock per username let anyone lock out a real user.
DROP TABLE login_failures;

-- One row per throttled key: `user:<address>:<username>` and `addr:<address>`. An attempt
-- is claimed by one upsert that succeeds only when next_allowed_ms has passed.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    -- The wait imposed by the next failure beyond the free ones (doubles, capped).
    delay_ms BIGINT NOT NULL,
    next_allowed_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);
CREATE INDEX login_throttle_by_age ON login_throttle (updated_ms);

-- Tickets that open one event stream (EventSource cannot send headers, and a token in a URL
-- ends up in logs). Stored as SHA-256, taken by a DELETE … RETURNING: usable once.
CREATE TABLE event_tickets (
    ticket_hash TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    expires_ms BIGINT NOT NULL
);
CREATE INDEX event_tickets_by_expiry ON event_tickets (expires_ms);
