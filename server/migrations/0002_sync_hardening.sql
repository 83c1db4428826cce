-- The refusals of each applied batch, kept with (replica, seq) so that a resend after a lost
-- reply gets the same answer (and the same compensations) as the first send.
CREATE TABLE rejections (
    replica TEXT NOT NULL,
    seq BIGINT NOT NULL,
    idx BIGINT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    compensation TEXT,
    PRIMARY KEY (replica, seq, idx)
);
