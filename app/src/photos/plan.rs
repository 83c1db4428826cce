//! The upload plan: which bytes go next, and how long to wait after a failure. The server
//! says how many bytes it holds (`HEAD`, or a `PUT`'s answer); the next chunk starts there,
//! so a dropped connection costs at most one chunk again.

use shared::blob::CHUNK_BYTES;
use std::ops::Range;

/// The byte range of the next chunk of a blob of `size` bytes when the server holds
/// `offset`: at most [`CHUNK_BYTES`] long; `None` when nothing is left to send. An offset
/// past the end (a server that cannot be right) sends nothing either.
pub fn next_chunk(size: u64, offset: u64) -> Option<Range<u64>> {
    (offset < size).then(|| offset..size.min(offset.saturating_add(CHUNK_BYTES)))
}

/// First wait after a failed attempt (ms).
pub const FIRST_BACKOFF_MS: u64 = 2_000;
/// Longest wait between attempts (ms): a photo is tried at least this often while online.
pub const MAX_BACKOFF_MS: u64 = 5 * 60_000;

/// How long to wait before the next attempt after `failures` failures in a row: doubling from
/// [`FIRST_BACKOFF_MS`], capped at [`MAX_BACKOFF_MS`]; no wait before the first attempt.
pub fn backoff_ms(failures: u32) -> u64 {
    match failures {
        0 => 0,
        n => FIRST_BACKOFF_MS.saturating_mul(1u64 << (n - 1).min(20)).min(MAX_BACKOFF_MS),
    }
}
