-- Photo bytes (issue 9, DESIGN §4 "Blobs"). One SQL for SQLite and PostgreSQL. The bytes live
-- in the blob store (a directory by default); this table remembers each upload: the size the
-- uploader declared, every chunk byte accepted (re-sent ones included: what a dropped network
-- cost), and whether the bytes are stored whole with their hash checked. Blobs are named by
-- their SHA-256 and shared by every photo naming them: the same bytes are stored once.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    bytes_received_total BIGINT NOT NULL DEFAULT 0,
    complete BIGINT NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL,
    completed_ms BIGINT
);
-- Who may read a blob: the photos naming it (`photo.sha256`, `photo.thumb_sha256`).
CREATE INDEX fields_photo_hashes ON fields (value)
    WHERE kind = 'photo' AND field IN ('sha256', 'thumb_sha256');
