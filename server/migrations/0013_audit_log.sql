-- The audit log of personal data (issue 23 point 6): who exported the register or a
-- resident's data, or erased it, and when (`shared::audit`). Supervisors read it
-- (`GET /api/v1/audit`). `user_name` is a username, not a users row: the log outlives the
-- account, and the command line has none ('cli'). It holds no personal value.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_by_site ON audit_log (site_id, at_ms, id);
