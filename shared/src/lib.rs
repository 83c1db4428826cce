//! Guanjia's domain core: ids, the hybrid logical clock, field changes and their
//! last-writer-wins merge, the schema of synced kinds, request rules and the sync
//! protocol's wire types.
//!
//! This crate does no I/O and knows no clock of its own: the tablet (WebAssembly) and
//! the server call the very same functions, so they cannot disagree on a merge.

pub mod change;
pub mod hlc;
pub mod ids;
pub mod lww;
pub mod protocol;
pub mod replica;
pub mod request;
pub mod schema;

pub use change::{Change, Stamp};
pub use hlc::{Hlc, HlcClock};
pub use ids::{Kind, RecordId, ReplicaId};
pub use lww::{merge_field, FieldState, MergeOutcome};
pub use replica::ReplicaState;
