//! The model server and device of the simulation: the sync rules of DESIGN §4 with no I/O.

use serde_json::Value;
use shared::protocol::{Batch, PullResponse, PushRequest, PushResponse, Rejection};
use shared::{Change, Hlc, HlcClock, Kind, RecordId, ReplicaId, ReplicaState};
use std::collections::HashMap;

/// The server: merged state, last applied `seq` per replica and the append-only change log
/// that pulls read with cursors.
#[derive(Debug, Default)]
pub struct ModelServer {
    pub state: ReplicaState,
    pub last_seq: HashMap<ReplicaId, u64>,
    pub log: Vec<Change>,
    pub clock: HlcClock,
    /// Device clocks further ahead of the server's wall clock than this are not observed
    /// (the server clamps them, DESIGN §3).
    pub max_ahead_ms: u64,
}

/// Decides whether the server refuses a change (a business rule), given its current state.
pub type Rule = dyn Fn(&ReplicaState, &Change) -> bool;

impl ModelServer {
    /// A server that accepts clocks up to `max_ahead_ms` ahead of its own.
    pub fn new(max_ahead_ms: u64) -> Self {
        Self { max_ahead_ms, ..Self::default() }
    }

    /// `POST /sync/push`: batches already applied (`seq <= last_seq`) are skipped, so a
    /// resend is a no-op; the rest are applied whole and `last_seq` moves with them.
    pub fn push(&mut self, req: &PushRequest, wall_ms: u64, refuse: &Rule) -> PushResponse {
        let mut batches: Vec<&Batch> = req.batches.iter().collect();
        batches.sort_by_key(|b| b.seq);
        let mut rejections = Vec::new();
        for batch in batches {
            let last = self.last_seq.entry(req.replica.clone()).or_default();
            if batch.seq <= *last {
                continue;
            }
            *last = batch.seq;
            for (index, c) in batch.changes.iter().enumerate() {
                if c.hlc.millis() <= wall_ms + self.max_ahead_ms {
                    self.clock.observe(c.hlc);
                }
                if refuse(&self.state, c) {
                    let comp = self.compensation(c, wall_ms);
                    rejections.push(Rejection {
                        seq: batch.seq,
                        index,
                        code: "refused".into(),
                        message: "refused by the model server".into(),
                        compensation: Some(comp),
                    });
                    continue;
                }
                self.state.apply(c);
                self.log.push(c.clone());
            }
        }
        let last_seq = self.last_seq.get(&req.replica).copied().unwrap_or(0);
        PushResponse { last_seq, rejections, server_hlc: self.clock.now(wall_ms) }
    }

    /// The compensating change for a refused one: the server's current value, new HLC.
    fn compensation(&mut self, refused: &Change, wall_ms: u64) -> Change {
        let current = self.state.field(&refused.kind, &refused.id, &refused.field);
        let c = Change {
            kind: refused.kind.clone(),
            id: refused.id.clone(),
            field: refused.field.clone(),
            value: current.map_or(Value::Null, |f| f.value.clone()),
            hlc: self.clock.now(wall_ms),
            replica: ReplicaId::server(),
            prev: current.map(|f| f.hlc),
        };
        self.state.apply(&c);
        self.log.push(c.clone());
        c
    }

    /// `GET /sync/pull`: log entries after the cursor, or a full snapshot (`reset`) when the
    /// cursor is missing or unknown.
    pub fn pull(&mut self, cursor: Option<&str>, limit: usize, wall_ms: u64) -> PullResponse {
        let server_hlc = self.clock.now(wall_ms);
        let at = cursor
            .and_then(|c| c.strip_prefix('c'))
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n <= self.log.len());
        match at {
            None => PullResponse {
                reset: true,
                changes: self.state.to_changes(),
                cursor: format!("c{}", self.log.len()),
                more: false,
                server_hlc,
            },
            Some(from) => {
                let to = (from + limit).min(self.log.len());
                PullResponse {
                    reset: false,
                    changes: self.log[from..to].to_vec(),
                    cursor: format!("c{to}"),
                    more: to < self.log.len(),
                    server_hlc,
                }
            }
        }
    }
}

/// One tablet: its own clock (with a skewed wall clock), local replica and outbox.
#[derive(Debug)]
pub struct Device {
    pub id: ReplicaId,
    pub clock: HlcClock,
    /// How far this device's wall clock is off the true time (ms, may be negative).
    pub skew_ms: i64,
    pub state: ReplicaState,
    pub outbox: Vec<Batch>,
    pub next_seq: u64,
    pub cursor: Option<String>,
}

impl Device {
    /// A fresh installation.
    pub fn new(id: &str, skew_ms: i64) -> Self {
        Self {
            id: ReplicaId::from(id),
            clock: HlcClock::default(),
            skew_ms,
            state: ReplicaState::new(),
            outbox: Vec::new(),
            next_seq: 1,
            cursor: None,
        }
    }

    /// What this device's wall clock reads at true time `t`.
    pub fn wall(&self, t: u64) -> u64 {
        t.saturating_add_signed(self.skew_ms)
    }

    /// Makes a local edit of several fields as one batch: applied locally at once (offline
    /// first), queued in the outbox for push. `prev` is the HLC of the value seen.
    pub fn edit(&mut self, t: u64, edits: &[(&Kind, &RecordId, &str, Value)]) -> Vec<Change> {
        let wall = self.wall(t);
        let mut changes = Vec::new();
        for (kind, id, field, value) in edits {
            let prev = self.state.field(kind, id, field).map(|f| f.hlc);
            let c = Change {
                kind: (*kind).clone(),
                id: (*id).clone(),
                field: (*field).to_owned(),
                value: value.clone(),
                hlc: self.clock.now(wall),
                replica: self.id.clone(),
                prev,
            };
            self.state.apply(&c);
            changes.push(c);
        }
        self.outbox.push(Batch { seq: self.next_seq, changes: changes.clone() });
        self.next_seq += 1;
        changes
    }

    /// The push request for the oldest `max` batches of the outbox.
    pub fn push_request(&self, max: usize) -> PushRequest {
        PushRequest {
            replica: self.id.clone(),
            schema: shared::schema::SCHEMA_VERSION,
            batches: self.outbox.iter().take(max).cloned().collect(),
        }
    }

    /// Handles a push reply: acknowledged batches leave the outbox, compensations are set
    /// unconditionally.
    pub fn on_push_reply(&mut self, r: &PushResponse) {
        self.outbox.retain(|b| b.seq > r.last_seq);
        self.clock.observe(r.server_hlc);
        for rej in &r.rejections {
            if let Some(c) = &rej.compensation {
                self.state.force(c);
            }
        }
    }

    /// Handles a pull reply; a reset replaces the replica by the snapshot plus the outbox.
    pub fn on_pull_reply(&mut self, r: &PullResponse) {
        if r.reset {
            self.state = ReplicaState::new();
        }
        for c in &r.changes {
            self.clock.observe(c.hlc);
            self.state.apply(c);
        }
        if r.reset {
            for c in self.outbox.iter().flat_map(|b| &b.changes) {
                self.state.apply(c);
            }
        }
        self.clock.observe(r.server_hlc);
        self.cursor = Some(r.cursor.clone());
    }

    /// The highest HLC this device has handed out or seen.
    pub fn last_hlc(&self) -> Hlc {
        self.clock.last()
    }
}
