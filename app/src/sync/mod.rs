//! Background synchronisation: the engine (generic over the store and the transport, so it
//! is tested natively), the HTTP transport and the browser loop that drives it. The wire
//! protocol is described in docs/ARCHITECTURE.md, "Sync protocol".

mod engine;
mod export;
#[cfg(test)]
pub(crate) mod fake;
#[cfg(target_arch = "wasm32")]
pub mod http;
mod merge;
mod notices;
mod numbers;
mod opening;
mod push_pull;
mod restored;
#[cfg(target_arch = "wasm32")]
pub mod runner;
mod session;
mod snapshot;
#[cfg(target_arch = "wasm32")]
pub mod tabs;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
mod upload_loop;
mod uploads;

pub use engine::{Engine, FieldEdit};
pub use export::{UnsyncedExport, EXPORT_FORMAT};
pub use notices::{grouped, is_refusal, Notice, NoticeGroup};
pub use numbers::TakenNumber;
pub use session::SessionError;
pub use snapshot::{corrected_now, Loading, Snapshot, CLOCK_CORRECTION_MS};
pub use upload_loop::{run_uploads, Round, UPLOAD_PERIOD_MS};
pub use uploads::{BlobHead, PhotoError, MAX_THUMB_BYTES};

use crate::store::StoreError;
use futures::future::LocalBoxFuture;
use shared::protocol::{PullResponse, PushRequest, PushResponse};
use shared::request::number::{NumberBlock, NumberBlockRequest};

/// How many changes one pull asks for: the server's largest page. Each page costs the UI a
/// new snapshot of the replica, so a first replica comes in few, large pages.
pub const PULL_LIMIT: u32 = 5000;

/// While a snapshot loads, the UI gets a new copy of the replica at most this often (ms):
/// each copy costs the whole replica, so 50,000 records in 100 pages would otherwise pay it
/// 100 times.
pub const SNAPSHOT_NOTIFY_MS: u64 = 1000;

/// Why a call to the server did not give an answer the engine can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// No network, or the server is down: keep everything and retry later.
    #[error("offline: {0}")]
    Offline(String),
    /// The session is no longer valid: sign in again (the outbox is kept).
    #[error("session expired")]
    Unauthorized,
    /// The server answered with an error.
    #[error("server error {status}: {message}")]
    Server {
        /// The HTTP status (4xx: the request was refused; it is not retried as is).
        status: u16,
        /// The error code of the body, or the status text.
        message: String,
    },
}

/// The head of a pull's answer ([`Transport::pull_head`]).
pub struct PullHead {
    /// Where the next page starts, when the head said so (only when there is more).
    pub next: Option<String>,
    /// The page itself, read and parsed when awaited.
    pub page: LocalBoxFuture<'static, Result<PullResponse, TransportError>>,
}

/// The two sync calls of the API. Implemented over HTTP in the browser and by a fake
/// server in the tests.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// `POST /api/v1/sync/push`.
    async fn push(&self, token: &str, req: &PushRequest) -> Result<PushResponse, TransportError>;
    /// `GET /api/v1/sync/pull?cursor=C&limit=N`.
    async fn pull(
        &self,
        token: &str,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<PullResponse, TransportError>;
    /// Sends `GET /api/v1/sync/pull` at once — when called, not when the future is first
    /// polled — and returns once the answer's head is in: where the page after it starts,
    /// when the server said so ([`shared::protocol::NEXT_CURSOR_HEADER`]), and the page,
    /// read and parsed when awaited. The engine asks for the next page as soon as it knows
    /// where it starts, so the server works on it while this one is parsed and stored. A
    /// transport without heads reads the whole page and names no next one.
    fn pull_head<'a>(
        &'a self,
        token: &'a str,
        cursor: Option<String>,
        limit: u32,
    ) -> LocalBoxFuture<'a, Result<PullHead, TransportError>> {
        Box::pin(async move {
            let page = self.pull(token, cursor.as_deref(), limit).await?;
            Ok(PullHead { next: None, page: Box::pin(async move { Ok(page) }) })
        })
    }
    /// `POST /api/v1/sync/numbers`: a block of request numbers for this replica. A transport
    /// without it (the tests' special-purpose ones) answers 404, which only means new
    /// requests get provisional numbers.
    async fn numbers(
        &self,
        token: &str,
        req: &NumberBlockRequest,
    ) -> Result<NumberBlock, TransportError> {
        let _ = (token, req);
        Err(TransportError::Server { status: 404, message: "not_found".into() })
    }
    /// `HEAD /api/v1/blobs/{sha256}`: whether the server holds the blob whole, or how many
    /// bytes of it. A transport without blobs answers 404, so photos simply wait.
    async fn blob_head(&self, token: &str, sha256: &str) -> Result<BlobHead, TransportError> {
        let _ = (token, sha256);
        Err(TransportError::Server { status: 404, message: "not_found".into() })
    }
    /// `PUT /api/v1/blobs/{sha256}?offset=N&size=S` with one chunk. 409: wrong offset;
    /// 413/415/422: refused for good; 404: the photo record is not on the server yet.
    async fn blob_put(
        &self,
        token: &str,
        sha256: &str,
        offset: u64,
        size: u64,
        chunk: &[u8],
    ) -> Result<shared::blob::UploadState, TransportError> {
        let _ = (token, sha256, offset, size, chunk);
        Err(TransportError::Server { status: 404, message: "not_found".into() })
    }
    /// `GET /api/v1/blobs/{sha256}`: a photo taken on another device, for viewing.
    async fn blob_get(&self, token: &str, sha256: &str) -> Result<Vec<u8>, TransportError> {
        let _ = (token, sha256);
        Err(TransportError::Server { status: 404, message: "not_found".into() })
    }
}

/// What stopped a sync or an edit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// The server could not be asked, or refused.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The device's store failed: nothing of the step was kept.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// There is no session to sync with.
    #[error("not signed in")]
    NotSignedIn,
    /// The server's answer cannot be true (it acknowledges a batch this device never made):
    /// nothing is removed from the outbox on its word.
    #[error("implausible server reply: {0}")]
    BadReply(String),
}

impl SyncError {
    /// True when the user must sign in again.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, SyncError::Transport(TransportError::Unauthorized))
    }

    /// True when the server answered but refused the request (a 4xx other than 401): the
    /// outbox is kept, and pulling goes on regardless.
    pub fn is_refusal(&self) -> bool {
        matches!(self, SyncError::Transport(TransportError::Server { .. }) | SyncError::BadReply(_))
    }
}
