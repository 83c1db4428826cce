//! Wire types of the HTTP API (`/api/v1`). Frozen by the golden vectors in
//! `tests/golden/`: change these only with a new API version.

use crate::change::Change;
use crate::hlc::Hlc;
use crate::ids::ReplicaId;
use crate::refusal::RejectCode;
use crate::role::Role;
use serde::{Deserialize, Serialize};

pub mod admit;
pub(crate) mod bounds;
mod digest;
mod whole;

pub use bounds::{FIRST_BATCH_SEQ, FIRST_SCHEMA_VERSION, MAX_PASSWORD_CHARS, MAX_USERNAME_CHARS};

/// Most changes one push may carry: the server refuses more (413 `too_many_changes`). The
/// app never sends more than [`crate::batches::MAX_BATCH_CHANGES`], a quarter of it, in a
/// push or a batch: it splits a bigger edit, so no edit can jam its outbox.
pub const MAX_PUSH_CHANGES: usize = 2_000;

/// Largest push body the server accepts by default, in bytes (413 `payload_too_large`
/// beyond); the app stays under [`crate::batches::MAX_BATCH_BYTES`], a quarter of it.
pub const MAX_PUSH_BYTES: usize = 4 * 1024 * 1024;

/// Whether the server takes a push made with schema `version`: an older build's pushes are
/// read as they are, a newer build's are refused (its kinds and fields may be unknown here).
pub fn schema_accepted(version: u32) -> bool {
    (FIRST_SCHEMA_VERSION..=crate::schema::SCHEMA_VERSION).contains(&version)
}

/// `POST /api/v1/sync/push` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    pub replica: ReplicaId,
    /// The [`crate::schema::SCHEMA_VERSION`] the device was built with.
    #[serde(deserialize_with = "whole::deserialize")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::schema_version))]
    pub schema: u32,
    pub batches: Vec<Batch>,
    /// The server history ([`PullResponse::history`]) the device last saw, against which its
    /// `seq`s are counted; a push from another history is refused whole (409
    /// `history_changed`, [`admit::same_history`]). Absent from devices that saw none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<String>,
    /// On the pushes that restate what the device held when the server was restored
    /// ([`crate::restore`]): the history the device saw before. Naming the history the
    /// restore replaced earns the push a [`crate::push_rules::Recovery`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rebase_from: Option<String>,
}

/// Changes a device recorded together; `seq` increases by one per batch on each replica,
/// so the server can tell a resend from new work (and a reused `seq` by the batch's
/// [`Batch::digest`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Batch {
    #[serde(deserialize_with = "whole::deserialize")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::batch_seq))]
    pub seq: u64,
    pub changes: Vec<Change>,
}

/// `POST /api/v1/sync/push` reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// The highest batch `seq` of this replica the server has applied: everything up to it
    /// may leave the outbox.
    pub last_seq: u64,
    /// Changes the server refused, each with the change that undoes it on the device.
    pub rejections: Vec<Rejection>,
    /// The server's clock, for the device to observe.
    pub server_hlc: Hlc,
    /// The server's history ([`PullResponse::history`]); absent from older servers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<String>,
}

/// One refused change. The device takes `compensation` as what the server confirmed of the
/// field (`crate::rebase`), so it converges on the server's answer even if its own clock ran
/// ahead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rejection {
    pub seq: u64,
    /// Position of the change within its batch.
    pub index: usize,
    pub code: RejectCode,
    pub message: String,
    #[serde(default)]
    pub compensation: Option<Change>,
}

/// The header of a pull's answer that says where the next page starts, when `more`: the
/// page's own `cursor`, readable before the body is. A device asks for the next page as soon
/// as the head of this one is in, so the server works on it while this one is parsed and
/// stored; without the header it asks once the body is parsed. Absent on the last page.
pub const NEXT_CURSOR_HEADER: &str = "guanjia-next-cursor";

/// `GET /api/v1/sync/pull?cursor=C&limit=N` reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse {
    /// When true, `changes` is a full snapshot of the caller's scope: drop the local
    /// replica (keep the outbox), load the snapshot, then re-apply the outbox.
    pub reset: bool,
    pub changes: Vec<Change>,
    /// Opaque; send it back on the next pull.
    pub cursor: String,
    /// More changes are waiting: pull again at once.
    pub more: bool,
    pub server_hlc: Hlc,
    /// On the first page of a reset: how many fields the whole snapshot holds, so a device
    /// loading its first replica can show how far it is. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_total: Option<u64>,
    /// Names the server's history: it changes only when the server is restored from a backup
    /// (cursors of the old history reset, and its log may lack what devices received). A
    /// device that sees it change keeps what it holds while it reloads, then sends again
    /// what the server lacks ([`crate::restore`]). Absent from older servers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<String>,
}

/// Whether a login's username and password are within [`MAX_USERNAME_CHARS`] and
/// [`MAX_PASSWORD_CHARS`]: the one rule the server (400 beyond) and the app (before
/// sending) apply. Counts at most one character past each cap, so a huge input costs no
/// more than a small one.
pub fn login_within_limits(username: &str, password: &str) -> bool {
    let within = |s: &str, max: usize| s.chars().take(max + 1).count() <= max;
    within(username, MAX_USERNAME_CHARS) && within(password, MAX_PASSWORD_CHARS)
}

/// `POST /api/v1/auth/login` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::username))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::password))]
    pub password: String,
}

/// `POST /api/v1/auth/login` reply. The token goes in `Authorization: Bearer …`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    pub token: String,
    pub me: Me,
}

/// `GET /api/v1/me`: who the token belongs to, and the scope the server derives from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    /// The user's `staff` record id.
    pub staff_id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub site_id: String,
    pub site_name: String,
    pub area_id: Option<String>,
    /// Department staff's department (absent for other roles and from older servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_id: Option<String>,
}

/// `POST /api/v1/sync/events/ticket` reply: opens one event stream with
/// `GET /api/v1/sync/events?ticket=…`. An EventSource cannot send headers, and a session
/// token in a URL ends up in logs; a ticket is used once and expires within a minute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventsTicket {
    pub ticket: String,
    /// How long the ticket stays usable, in milliseconds.
    pub expires_in_ms: u64,
}

/// Every API error: `{"error": {"code", "message"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// `code` is stable for programs; `message` is for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
}
