-- Photo bytes by user (issue 27, point 4). One SQL for SQLite and PostgreSQL. Each user's
-- upload of a blob is kept apart in the blob store (`uploads/<sha256>/<key>`) and recorded
-- here: who uploads, the size they declared (unfinished uploads count against the user's
-- quota, `shared::blob::UPLOAD_QUOTA_BYTES`) and their last chunk's time (an upload idle
-- for `--blob-partial-days` is removed). A finished upload stays as `done = 1`: whoever
-- uploaded bytes that hashed to their name may read them. Uploads in progress before this
-- migration have no uploader: they are left to the cleanup, and devices start again from 0.
CREATE TABLE blob_uploads (
    sha256 TEXT NOT NULL,
    user_id TEXT NOT NULL,
    size BIGINT NOT NULL,
    done BIGINT NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL,
    last_chunk_ms BIGINT NOT NULL,
    PRIMARY KEY (sha256, user_id)
);
CREATE INDEX blob_uploads_by_user ON blob_uploads (user_id, done);
CREATE INDEX blob_uploads_idle ON blob_uploads (done, last_chunk_ms);
