-- Cleaning up photo bytes (issue 9): an upload abandoned half-way is removed after a while,
-- and so are the bytes that no photo needs any more. "Abandoned" is measured from the last
-- chunk accepted, not the first, so a slow upload over days is never cut off while it moves.
ALTER TABLE blobs ADD COLUMN last_chunk_ms BIGINT;
UPDATE blobs SET last_chunk_ms = COALESCE(completed_ms, created_ms);
