//! Guanjia's domain core: ids, the hybrid logical clock, field changes and their
//! last-writer-wins merge, the schema of synced kinds, the business rules a push is judged
//! by, and the sync protocol's wire types.
//!
//! This crate does no I/O and knows no clock of its own: the tablet (WebAssembly) and
//! the server call the very same functions, so they cannot disagree on a merge or a rule.
//! `docs/ARCHITECTURE.md` shows where each piece sits.

pub mod arrears;
pub mod audit;
pub mod batches;
pub mod blob;
pub mod calendar;
pub mod change;
pub mod conflict;
pub mod fields;
pub mod frontdesk;
pub mod hlc;
pub mod ids;
pub mod keys;
pub mod lww;
pub mod machine;
pub mod moving;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod patrol;
pub mod personal;
pub mod protocol;
pub mod push_rules;
pub mod rebase;
pub mod refusal;
pub mod register;
pub mod renovation;
pub mod replica;
pub mod report;
pub mod request;
pub mod restore;
pub mod role;
pub mod schema;
pub mod scope;
pub mod service;
pub mod survey;
#[cfg(feature = "testing")]
pub mod testing;
pub mod visit;
pub mod wire_enum;

pub use change::{Change, Stamp};
pub use hlc::{Hlc, HlcClock};
pub use ids::{Kind, RecordId, ReplicaId};
pub use lww::{merge_field, FieldState, MergeOutcome};
pub use refusal::{Refusal, RejectCode};
pub use replica::ReplicaState;
pub use role::Role;
/// Every kind and field name as a constant (`names::kind::REQUEST`, `names::field::STATUS`).
pub use schema::names;
