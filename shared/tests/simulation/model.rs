//! The device of the simulation: a tablet's replica, outbox and clock with no I/O. The
//! server is `shared::testing::ModelServer`, the same model the app's tests sync against;
//! what the device does with edits, pulls and push replies is `shared::rebase`, the same
//! functions the app's engine calls.

use serde_json::Value;
use shared::protocol::{Batch, PullResponse, PushRequest, PushResponse};
use shared::rebase::{self, Shadows};
use shared::{Change, Hlc, HlcClock, Kind, RecordId, ReplicaId, ReplicaState};

/// One tablet: its own clock (with a skewed wall clock), local replica and outbox.
#[derive(Debug)]
pub struct Device {
    pub id: ReplicaId,
    pub clock: HlcClock,
    /// How far this device's wall clock is off the true time (ms, may be negative).
    pub skew_ms: i64,
    pub state: ReplicaState,
    /// What the server confirmed of each field the outbox holds an edit of.
    pub shadows: Shadows,
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
            shadows: Shadows::new(),
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
            self.shadows.before_edit(&self.state, std::slice::from_ref(&c));
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
            history: None,
            rebase_from: None,
            replica: self.id.clone(),
            schema: shared::schema::SCHEMA_VERSION,
            batches: self.outbox.iter().take(max).cloned().collect(),
        }
    }

    /// Handles the reply to a push that carried the batches `sent`, at true time `t`
    /// ([`rebase::settle`]): acknowledged batches leave the outbox, each pending field the
    /// reply answered shows what the server confirmed of it (its shadow, with any newer
    /// change pulled meantime), plus the edits still pending.
    pub fn on_push_reply(&mut self, r: &PushResponse, sent: &[u64], t: u64) {
        let wall = self.wall(t);
        let settled = rebase::settle(
            &mut self.state,
            &mut self.shadows,
            &self.outbox,
            sent,
            r,
            &mut self.clock,
            wall,
        );
        self.outbox = settled.outbox;
    }

    /// Handles the reply to a pull sent from cursor `from`. A device with several pulls in
    /// flight may get one sent before its cursor moved (a reset since put it elsewhere): its
    /// changes are merged, but the cursor stays, or the log between would be skipped.
    pub fn on_pull_reply_from(&mut self, from: Option<&str>, r: &PullResponse) {
        if r.reset || from == self.cursor.as_deref() {
            return self.on_pull_reply(r);
        }
        self.merge_pulled(&r.changes);
        self.clock.observe(r.server_hlc);
    }

    /// Merges pulled changes into the replica and the shadows of pending fields.
    fn merge_pulled(&mut self, changes: &[Change]) {
        for c in changes {
            self.clock.observe(c.hlc);
            self.state.apply(c);
        }
        self.shadows.pulled(changes);
    }

    /// Handles a pull reply; a reset replaces the replica by the snapshot plus the outbox
    /// ([`Shadows::reset`]).
    pub fn on_pull_reply(&mut self, r: &PullResponse) {
        if r.reset {
            r.changes.iter().for_each(|c| self.clock.observe(c.hlc));
            (self.state, self.shadows) = Shadows::reset(&r.changes, &self.outbox);
        } else {
            self.merge_pulled(&r.changes);
        }
        self.clock.observe(r.server_hlc);
        self.cursor = Some(r.cursor.clone());
    }

    /// The highest HLC this device has handed out or seen.
    pub fn last_hlc(&self) -> Hlc {
        self.clock.last()
    }
}
