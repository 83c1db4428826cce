//! The schema's version: a leaf, read by the wire types' published schemas (`crate::openapi`)
//! without importing the kinds.

/// Bumped when a kind or field changes meaning; sent in every push.
pub const SCHEMA_VERSION: u32 = 4;
