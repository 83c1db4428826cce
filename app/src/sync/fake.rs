//! A minimal in-process server implementing the sync rules the app relies on: idempotent
//! batches by `(replica, seq)`, the request status machine with compensations, and a change
//! log with cursors (an unknown cursor answers a `reset` snapshot).

use super::{Transport, TransportError};
use shared::protocol::{PullResponse, PushRequest, PushResponse, Rejection};
use shared::replica::ReplicaState;
use shared::request::RequestStatus;
use shared::{Change, HlcClock, ReplicaId};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Default)]
pub(crate) struct FakeState {
    pub state: ReplicaState,
    pub log: Vec<Change>,
    pub last_seq: BTreeMap<ReplicaId, u64>,
    pub clock: HlcClock,
    pub now: u64,
    /// Every call fails as a network error.
    pub offline: bool,
    /// Every call answers 401.
    pub unauthorized: bool,
    /// Apply at most this many new batches per push (a server that stopped half-way).
    pub max_batches: Option<usize>,
    /// Bumping it invalidates every cursor handed out (forces a reset on the next pull).
    pub epoch: u32,
    pub pushes: usize,
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
    pub fn write(&self, mut c: Change) {
        let mut s = self.0.borrow_mut();
        s.now += 1;
        let now = s.now;
        c.hlc = s.clock.now(now);
        s.state.apply(&c);
        s.log.push(c);
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
}

fn status_allowed(state: &ReplicaState, c: &Change) -> bool {
    if c.kind.as_str() != "request" || c.field != "status" {
        return true;
    }
    let next = c.value.as_str().and_then(RequestStatus::parse);
    let current = state
        .field(&c.kind, &c.id, "status")
        .and_then(|f| f.value.as_str().and_then(RequestStatus::parse));
    match (current, next) {
        (None, Some(n)) => n == RequestStatus::INITIAL,
        (Some(cur), Some(n)) => cur.can_become(n),
        _ => false,
    }
}

impl Transport for FakeServer {
    async fn push(&self, _token: &str, req: &PushRequest) -> Result<PushResponse, TransportError> {
        let mut s = self.0.borrow_mut();
        Self::check(&s)?;
        s.pushes += 1;
        let before = s.last_seq.get(&req.replica).copied().unwrap_or(0);
        let mut last = before;
        let mut rejections = Vec::new();
        let mut applied = 0;
        for b in req.batches.iter().filter(|b| b.seq > before) {
            if s.max_batches.is_some_and(|m| applied >= m) {
                break;
            }
            for (index, c) in b.changes.iter().enumerate() {
                s.clock.observe(c.hlc);
                if status_allowed(&s.state, c) {
                    s.state.apply(c);
                    s.log.push(c.clone());
                    continue;
                }
                s.now += 1;
                let now = s.now;
                let current = s.state.field(&c.kind, &c.id, &c.field).map(|f| f.value.clone());
                let comp = Change {
                    value: current.unwrap_or(serde_json::Value::Null),
                    hlc: s.clock.now(now),
                    replica: ReplicaId::server(),
                    prev: Some(c.hlc),
                    ..c.clone()
                };
                s.state.apply(&comp);
                s.log.push(comp.clone());
                rejections.push(Rejection {
                    seq: b.seq,
                    index,
                    code: "bad_transition".into(),
                    message: "not allowed".into(),
                    compensation: Some(comp),
                });
            }
            last = b.seq;
            applied += 1;
        }
        s.last_seq.insert(req.replica.clone(), last);
        let now = s.now;
        Ok(PushResponse { last_seq: last, rejections, server_hlc: s.clock.now(now) })
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
        let server_hlc = s.clock.now(now);
        let prefix = format!("e{}:", s.epoch);
        let pos =
            cursor.and_then(|c| c.strip_prefix(&prefix)).and_then(|p| p.parse::<usize>().ok());
        let Some(pos) = pos.filter(|p| *p <= s.log.len()) else {
            let cursor = format!("{prefix}{}", s.log.len());
            return Ok(PullResponse {
                reset: true,
                changes: s.state.to_changes(),
                cursor,
                more: false,
                server_hlc,
            });
        };
        let end = (pos + limit as usize).min(s.log.len());
        Ok(PullResponse {
            reset: false,
            changes: s.log[pos..end].to_vec(),
            cursor: format!("{prefix}{end}"),
            more: end < s.log.len(),
            server_hlc,
        })
    }
}
