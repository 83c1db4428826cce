//! The test transport: `shared::testing::ModelServer` — the real server's rules, with no
//! I/O — plus the knobs the engine's tests turn (offline, expired session, a server that
//! stops half-way, a forgotten cursor: `model.invalidate_cursors()`). The rules it applies
//! are described in docs/ARCHITECTURE.md, "Push rules".

use super::{BlobHead, Transport, TransportError};
use shared::blob::{UploadState, CHUNK_BYTES, MAX_BLOB_BYTES};
use shared::fields::read;
use shared::names::field;
use shared::protocol::{PullResponse, PushRequest, PushResponse, MAX_PUSH_BYTES, MAX_PUSH_CHANGES};
use shared::request::number::{NumberBlock, NumberBlockRequest, BLOCK_SIZE};
use shared::testing::{ModelServer, Rules};
use shared::{Change, Role};
use std::cell::RefCell;
use std::rc::Rc;

/// The signed-in butler every engine test uses (the model server judges as a butler too).
pub(crate) fn butler_session() -> crate::store::Session {
    crate::store::Session {
        token: "t0k3n".into(),
        me: shared::protocol::Me {
            staff_id: "0190f0a0-0000-7000-8000-0000000000aa".into(),
            username: "butler1".into(),
            display_name: "王管家".into(),
            role: Role::Butler,
            site_id: "0190f0a0-0000-7000-8000-0000000000bb".into(),
            site_name: "阳光花园".into(),
            area_id: None,
            department_id: None,
        },
    }
}

/// Wall-clock time of the model server when a test does not set it: the tests' device clocks
/// start here too, so nothing looks far ahead unless a test makes it so.
pub(crate) const START_MS: u64 = 1_700_000_000_000;

pub(crate) struct FakeState {
    /// The model server, judging every change as the real one would for a butler.
    pub model: ModelServer,
    /// The server's wall clock (ms); every server-side write advances it by one.
    pub now: u64,
    /// Every call fails as a network error.
    pub offline: bool,
    /// Every call answers 401.
    pub unauthorized: bool,
    /// Apply at most this many new batches per push (a server that stopped half-way).
    pub max_batches: Option<usize>,
    /// Answer every push with this HTTP status (a server refusing pushes), pulls still work.
    pub refuse_pushes: Option<u16>,
    /// Acknowledge this `last_seq` whatever was pushed (a lying or broken server).
    pub claim_last_seq: Option<u64>,
    pub pushes: usize,
    /// The site's request-number counter: the next block starts here. One per fake server,
    /// so engines sharing it never get overlapping blocks.
    pub next_number: u64,
    /// Blocks handed out.
    pub number_blocks: usize,
    /// Blob bytes held, whole or in part, by hash (`blob_head`/`blob_put`).
    pub blobs: std::collections::BTreeMap<String, Vec<u8>>,
    /// Blobs held whole, hash checked.
    pub complete: std::collections::BTreeSet<String>,
    /// The bytes of the whole blobs, for `GET`.
    pub served: std::collections::BTreeMap<String, Vec<u8>>,
    /// Chunks received, bytes received: what an interrupted upload re-sent is counted here.
    pub chunks: usize,
    pub chunk_bytes: u64,
    /// After this many more chunks the server "dies": it goes offline.
    pub die_after_chunks: Option<usize>,
    /// Answer the next `PUT` 409 (another upload of the same bytes moved the offset).
    pub conflict_next_put: bool,
    /// Every `PUT` waits for this lock before it is handled: a test that holds it has a
    /// slow upload on the wire for as long as it likes.
    pub put_gate: Rc<futures::lock::Mutex<()>>,
    /// A push's reply waits for this lock once the server applied it (`put_gate`'s kind).
    pub push_gate: Rc<futures::lock::Mutex<()>>,
    /// The next push is applied but its reply is lost (a network error).
    pub lose_push_reply: bool,
}

impl Default for FakeState {
    fn default() -> Self {
        Self {
            model: ModelServer::new(Rules::Server(Role::Butler)),
            now: START_MS,
            offline: false,
            unauthorized: false,
            max_batches: None,
            refuse_pushes: None,
            claim_last_seq: None,
            pushes: 0,
            next_number: 1,
            number_blocks: 0,
            blobs: Default::default(),
            complete: Default::default(),
            served: Default::default(),
            chunks: 0,
            chunk_bytes: 0,
            die_after_chunks: None,
            conflict_next_put: false,
            put_gate: Default::default(),
            push_gate: Default::default(),
            lose_push_reply: false,
        }
    }
}

/// Shared handle: the test keeps one, the engine another.
#[derive(Clone, Default)]
pub(crate) struct FakeServer(pub Rc<RefCell<FakeState>>);

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
impl FakeServer {
    pub fn with(&self, f: impl FnOnce(&mut FakeState)) {
        f(&mut self.0.borrow_mut());
    }

    /// Writes a change as the server itself (another device's edit, demo data...).
    pub fn write(&self, c: Change) {
        let mut s = self.0.borrow_mut();
        s.now += 1;
        let now = s.now;
        s.model.write(c, now);
    }

    /// Whether some pushed photo names the blob (the real server's scope rule, for a butler
    /// who sees everything the model holds).
    fn named(s: &FakeState, sha256: &str) -> bool {
        s.model.state.records_of(shared::blob::PHOTO).any(|(_, f)| {
            [f.get(field::SHA256), f.get(field::THUMB_SHA256)]
                .into_iter()
                .flatten()
                .any(|v| read::text(&v.value) == Some(sha256))
        })
    }

    fn check(s: &FakeState) -> Result<(), TransportError> {
        if s.offline {
            return Err(TransportError::Offline("connection refused".into()));
        }
        if s.unauthorized {
            return Err(TransportError::Unauthorized);
        }
        Ok(())
    }

    /// `POST /sync/push` as the real server answers it, the knobs above applied.
    fn apply_push(&self, req: &PushRequest) -> Result<PushResponse, TransportError> {
        let mut s = self.0.borrow_mut();
        Self::check(&s)?;
        s.pushes += 1;
        // The real server's limits: a body over 4 MiB or too many changes is refused whole.
        let bytes = serde_json::to_vec(req).map_or(usize::MAX, |v| v.len());
        let changes: usize = req.batches.iter().map(|b| b.changes.len()).sum();
        if bytes > MAX_PUSH_BYTES || changes > MAX_PUSH_CHANGES {
            let message = format!("{changes} changes, {bytes} bytes");
            return Err(TransportError::Server { status: 413, message });
        }
        if let Some(status) = s.refuse_pushes {
            return Err(TransportError::Server { status, message: "refused".into() });
        }
        let (now, max) = (s.now, s.max_batches);
        // Refused whole as the real server does (409 `replica_taken`, `seq_gap`, `seq_reused`).
        let mut reply = s
            .model
            .push(req, now, max)
            .map_err(|e| TransportError::Server { status: 409, message: e.code().into() })?;
        if let Some(claimed) = s.claim_last_seq {
            reply.last_seq = claimed;
        }
        if std::mem::take(&mut s.lose_push_reply) {
            return Err(TransportError::Offline("connection reset".into()));
        }
        Ok(reply)
    }
}

impl Transport for FakeServer {
    async fn push(&self, _token: &str, req: &PushRequest) -> Result<PushResponse, TransportError> {
        let (reply, gate) = (self.apply_push(req), self.0.borrow().push_gate.clone());
        let _passed = gate.lock().await;
        reply
    }

    async fn pull(
        &self,
        _token: &str,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<PullResponse, TransportError> {
        let mut s = self.0.borrow_mut();
        Self::check(&s)?;
        let now = s.now;
        Ok(s.model.pull(cursor, limit as usize, now))
    }

    async fn numbers(
        &self,
        _token: &str,
        req: &NumberBlockRequest,
    ) -> Result<NumberBlock, TransportError> {
        let mut s = self.0.borrow_mut();
        Self::check(&s)?;
        let block = NumberBlock { start: s.next_number, count: BLOCK_SIZE };
        s.next_number += u64::from(BLOCK_SIZE);
        s.number_blocks += 1;
        // The model server keeps whose block it is: a new request's number must come from it.
        s.model.grant(&req.replica, block);
        Ok(block)
    }

    async fn blob_head(&self, _token: &str, sha256: &str) -> Result<BlobHead, TransportError> {
        self.head(sha256)
    }

    async fn blob_put(
        &self,
        _token: &str,
        sha256: &str,
        offset: u64,
        size: u64,
        chunk: &[u8],
    ) -> Result<UploadState, TransportError> {
        let gate = self.0.borrow().put_gate.clone();
        let _passed = gate.lock().await;
        self.put(sha256, offset, size, chunk)
    }

    async fn blob_get(&self, _token: &str, sha256: &str) -> Result<Vec<u8>, TransportError> {
        let s = self.0.borrow();
        Self::check(&s)?;
        if !(s.complete.contains(sha256) && Self::named(&s, sha256)) {
            return Err(TransportError::Server { status: 404, message: "not_found".into() });
        }
        Ok(s.served.get(sha256).cloned().unwrap_or_default())
    }
}

/// The blob calls, as the real server answers them.
impl FakeServer {
    fn head(&self, sha256: &str) -> Result<BlobHead, TransportError> {
        let s = self.0.borrow();
        Self::check(&s)?;
        if s.complete.contains(sha256) && Self::named(&s, sha256) {
            return Ok(BlobHead::Complete);
        }
        let offset = s.blobs.get(sha256).map_or(0, |b| b.len() as u64);
        Ok(BlobHead::Partial { offset })
    }

    fn put(
        &self,
        sha256: &str,
        offset: u64,
        size: u64,
        chunk: &[u8],
    ) -> Result<UploadState, TransportError> {
        let mut s = self.0.borrow_mut();
        Self::check(&s)?;
        let refuse =
            |status: u16, m: &str| Err(TransportError::Server { status, message: m.into() });
        if !Self::named(&s, sha256) {
            return refuse(404, "not_found");
        }
        if size > MAX_BLOB_BYTES || chunk.len() as u64 > CHUNK_BYTES {
            return refuse(413, "too_large");
        }
        if s.complete.contains(sha256) {
            return Ok(UploadState { received: size, complete: true });
        }
        let held = s.blobs.get(sha256).map_or(0, |b| b.len() as u64);
        if offset != held || std::mem::take(&mut s.conflict_next_put) {
            return refuse(409, "wrong_offset");
        }
        if offset == 0 && shared::blob::ImageType::sniff(chunk).is_none() {
            return refuse(415, "not_an_image");
        }
        s.chunks += 1;
        s.chunk_bytes += chunk.len() as u64;
        let blob = s.blobs.entry(sha256.to_owned()).or_default();
        blob.extend_from_slice(chunk);
        let received = blob.len() as u64;
        if received >= size {
            let whole = s.blobs.remove(sha256).unwrap_or_default();
            if crate::photos::sha256_hex(&whole) != sha256 {
                return refuse(422, "hash_mismatch");
            }
            s.complete.insert(sha256.to_owned());
            s.served.insert(sha256.to_owned(), whole);
        }
        if let Some(n) = s.die_after_chunks {
            // The chunk was stored, but the answer never arrives.
            s.die_after_chunks = n.checked_sub(1);
            if n <= 1 {
                s.offline = true;
                s.die_after_chunks = None;
                return Err(TransportError::Offline("connection reset".into()));
            }
        }
        Ok(UploadState { received, complete: received >= size })
    }
}
