//! The bounds of the wire types that the server answers with a 400 and the published
//! document states (`crate::openapi`): a leaf, so the document's schemas and the wire types
//! both read it and neither imports the other.

/// The oldest schema version a push may name: versions count from 1, and the server
/// accepts every one up to its own [`crate::schema::SCHEMA_VERSION`] (400 otherwise).
pub const FIRST_SCHEMA_VERSION: u32 = 1;

/// The first batch `seq` of a replica: the server has applied up to 0 before it. A batch
/// numbered 0 could never be applied, only mistaken for a resend, so it is refused (400).
pub const FIRST_BATCH_SEQ: u64 = 1;

/// Longest username, in characters: the server refuses longer ones before anything else,
/// and the app before sending. Counted in characters, as the OpenAPI document's `maxLength`
/// counts, so the document states the rule exactly.
pub const MAX_USERNAME_CHARS: usize = 64;

/// Longest password, in characters (at most 4 KiB of UTF-8): argon2's cost grows with the
/// input, so longer ones are refused before hashing.
pub const MAX_PASSWORD_CHARS: usize = 1024;
