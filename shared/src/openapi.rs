//! The OpenAPI schemas of the wire types whose constraints the derive cannot state: each is
//! built from the constant the code checks, so the published document
//! (`GET /api/v1/openapi.json`) says exactly what the server refuses — and a client or a
//! contract tester (schemathesis, `scripts/test.sh`) can rely on it.
//!
//! Only a constraint the server answers with a 4xx belongs here: a record id is checked per
//! change (a malformed one is refused in the push reply's `rejections`, never with a 4xx), so
//! its format is described, not constrained.

use crate::ids::{Kind, RecordId, ReplicaId};
use crate::protocol::bounds::{
    FIRST_BATCH_SEQ, FIRST_SCHEMA_VERSION, MAX_PASSWORD_CHARS, MAX_USERNAME_CHARS,
};
use crate::schema::version::SCHEMA_VERSION;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// `^[0-9A-Za-z_-]{1,MAX}$`: what [`ReplicaId::is_valid`] accepts.
pub fn replica_id_pattern() -> String {
    format!("^[0-9A-Za-z_-]{{1,{}}}$", ReplicaId::MAX_LEN)
}

impl PartialSchema for ReplicaId {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(ReplicaId::MAX_LEN))
            .pattern(Some(replica_id_pattern()))
            .description(Some(format!(
                "One installation of the app: 1 to {} of [0-9A-Za-z_-]. Any other id is \
                 refused (400); `server` is the server's own (409 `replica_taken`).",
                ReplicaId::MAX_LEN
            )))
            .into()
    }
}
impl ToSchema for ReplicaId {}

impl PartialSchema for RecordId {
    fn schema() -> RefOr<Schema> {
        described_text(
            "A record id: a UUID (made on the device, version 7), 36 characters; upper case is \
             read as the same id and stored in lower case. A change naming any other id is \
             refused in the push reply's `rejections` (`invalid`).",
        )
        .into()
    }
}
impl ToSchema for RecordId {}

impl PartialSchema for Kind {
    fn schema() -> RefOr<Schema> {
        described_text(
            "The record's kind (`request`, `unit`…); a change to an unknown kind is refused in \
             the push reply's `rejections`.",
        )
        .into()
    }
}
impl ToSchema for Kind {}

/// An integer schema from `min` to `max`.
pub fn integer(min: u64, max: Option<u64>, description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(min as f64))
        .maximum(max.map(|m| m as f64))
        .description(Some(description))
}

/// `PushRequest.schema`: [`FIRST_SCHEMA_VERSION`] up to this build's [`SCHEMA_VERSION`]
/// (a newer one is refused, 400: the device is ahead of the server).
pub fn schema_version() -> ObjectBuilder {
    integer(
        FIRST_SCHEMA_VERSION.into(),
        Some(SCHEMA_VERSION.into()),
        &format!(
            "The schema version the device was built with: {FIRST_SCHEMA_VERSION} up to the \
             server's, {SCHEMA_VERSION} (any other is refused, 400)"
        ),
    )
}

/// `Batch.seq`: batches are numbered from 1 on each replica (0 is refused, 400).
pub fn batch_seq() -> ObjectBuilder {
    integer(
        FIRST_BATCH_SEQ,
        None,
        &format!(
            "The batch's number on its replica, from {FIRST_BATCH_SEQ}, one more per batch \
             (0 is refused, 400)"
        ),
    )
}

/// `Change.replica`: any replica id; on a push, one that is not the pusher's is refused in
/// the reply's `rejections`, not with a 4xx, so the pattern of [`ReplicaId`] is not imposed.
pub fn change_replica() -> ObjectBuilder {
    described_text(
        "The replica that wrote the change (`server` for the server's own writes); in a push, \
         a change naming another replica than the push's is refused in `rejections`",
    )
}

/// A string the server takes whatever it holds, as far as a 4xx goes: what it should hold
/// is said in words, and checked per change.
fn described_text(description: &str) -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String).description(Some(description))
}

/// A string of at most `max` characters.
fn bounded_text(max: usize, description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(max))
        .description(Some(description))
}

/// `LoginRequest.username`.
pub fn username() -> ObjectBuilder {
    bounded_text(
        MAX_USERNAME_CHARS,
        &format!("At most {MAX_USERNAME_CHARS} characters (longer: 400)"),
    )
}

/// `LoginRequest.password`.
pub fn password() -> ObjectBuilder {
    bounded_text(
        MAX_PASSWORD_CHARS,
        &format!("At most {MAX_PASSWORD_CHARS} characters (longer: 400)"),
    )
}
