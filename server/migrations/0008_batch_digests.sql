-- The digest of each applied batch's changes (`shared::protocol::Batch::digest`), kept with
-- (replica, seq): a later batch under an applied seq is a resend only when its digest is the
-- same; else it is new work under a reused number and is refused (409 `seq_reused`) instead
-- of being dropped as a resend. Batches applied before this migration have none and are taken
-- as resends, as before.
CREATE TABLE batch_digests (
    replica TEXT NOT NULL,
    seq BIGINT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (replica, seq)
);
