-- Limits on cheap writes (server/src/limits.rs), counted per user: the number blocks a user
-- took within the hour, and the event-stream tickets a user holds unused.
CREATE INDEX number_blocks_by_user ON number_blocks (user_id, created_ms);

-- Tickets name their user (until now only their session's token hash). Tickets stored
-- before this live a minute at most; the empty user is never a real one.
ALTER TABLE event_tickets ADD COLUMN user_id TEXT NOT NULL DEFAULT '';
CREATE INDEX event_tickets_by_user ON event_tickets (user_id, expires_ms);
