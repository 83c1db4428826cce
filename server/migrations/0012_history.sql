-- The server's history (issue 23): a name that changes only when the database is restored
-- from a backup (`guanjia restore`). Pull cursors carry it, so cursors of the old history
-- reset; pushes name it, so a device's batches numbered against the lost log are refused
-- (`history_changed`) instead of `seq_gap` for ever; and a push naming the history a restore
-- replaced (`replaced`) restates what the device held, judged as a recovery until 30 days
-- after `restored_ms`. One row; created at the first start.
CREATE TABLE server_history (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    id TEXT NOT NULL,
    replaced TEXT,
    restored_ms BIGINT
);
