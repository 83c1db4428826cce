//! A model sync server with no I/O (feature `testing`): the app's fake transport and the
//! multi-replica simulation run against it, so every test server shares the real server's
//! rules ([`crate::push_rules::judge`]) instead of re-stating them.
//!
//! It keeps what the real server keeps: the merged state, each replica's owner and last
//! applied `seq`, admitted by the same functions ([`crate::protocol::admit`]: a resend is a
//! no-op, another user's replica id, a gap or a reused `seq` refused), the refusals and
//! digest of each batch, and an append-only change log read by cursor; an unknown cursor
//! answers a `reset` snapshot. A replica given a scope ([`ModelServer::scopes`]) is judged
//! by the real server's scope rules (`crate::scope`, on placement derived from the model's
//! state: [`scoped`]) and sees `out_of_scope` refusals; any other pushes as the whole model,
//! where nothing is foreign. Its answers go
//! through the real server's reader filter ([`crate::scope::Reader`]) for the role it judges
//! as: department staff read phones masked in push replies and pulls alike.

use crate::change::Change;
use crate::hlc::{Hlc, HlcClock};
use crate::ids::ReplicaId;
use crate::protocol::admit::{self, Admission, PushRefusal, ReplicaFacts};
use crate::protocol::{PullResponse, PushRequest, PushResponse, Rejection};
use crate::push_rules::{judge, BatchView, Pusher, Recovery, Refused, ServerTime, Target};
use crate::replica::ReplicaState;
use crate::request::number::NumberBlock;
use crate::role::Role;
use crate::scope::{Reader, Scope};
use crate::{Kind, RecordId};
use std::collections::BTreeMap;

mod scoped;

/// The one area and department of the model: every record is in it.
const MODEL_PLACE: &str = "model";

/// The user [`ModelServer::push`] pushes as; [`ModelServer::push_as`] names another.
pub const MODEL_USER: &str = "model-user";

/// Which rules a [`ModelServer`] applies to pushed changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    /// Every rule of the real server, judged as a user of this role.
    Server(Role),
    /// Plain last-writer-wins merge, nothing refused: for checking the merge laws alone
    /// with arbitrary values.
    MergeOnly,
}

/// The model server.
#[derive(Debug)]
pub struct ModelServer {
    pub state: ReplicaState,
    /// Every change stored, in the order pulls see them.
    pub log: Vec<Change>,
    /// Each replica id's owner (the user who first pushed under it) and last applied `seq`.
    pub replicas: BTreeMap<ReplicaId, (String, u64)>,
    /// The refusals of each applied batch, answered again on a resend (as the real server).
    pub refusals: BTreeMap<(ReplicaId, u64), Vec<Rejection>>,
    /// The digest of each applied batch: the same `seq` with other changes is `seq_reused`.
    pub digests: BTreeMap<(ReplicaId, u64), String>,
    pub clock: HlcClock,
    pub rules: Rules,
    /// Device stamps further ahead of the wall clock than this are re-stamped.
    pub max_ahead_ms: u64,
    /// The scope each replica pushes under, as the real server derives it from the session;
    /// a replica not listed pushes as the whole model (nothing is foreign to it).
    pub scopes: BTreeMap<ReplicaId, Scope>,
    /// The replica that first wrote each record (the real server's `records.owner_id`).
    creators: BTreeMap<(Kind, RecordId), ReplicaId>,
    /// Bumping it invalidates every cursor handed out (the next pull resets).
    epoch: u32,
    /// The number blocks given to each replica ([`ModelServer::grant`]).
    pub number_blocks: BTreeMap<ReplicaId, Vec<NumberBlock>>,
    /// The server's history ([`PullResponse::history`]); a restore names a new one.
    pub history: String,
    /// After [`ModelServer::restore`]: the history it replaced and when.
    pub restored: Option<(String, u64)>,
}

impl ModelServer {
    /// A server with the given rules and the real server's default clock tolerance (5 min).
    pub fn new(rules: Rules) -> Self {
        Self {
            state: ReplicaState::new(),
            log: Vec::new(),
            replicas: BTreeMap::new(),
            refusals: BTreeMap::new(),
            digests: BTreeMap::new(),
            clock: HlcClock::default(),
            rules,
            max_ahead_ms: 5 * 60_000,
            scopes: BTreeMap::new(),
            creators: BTreeMap::new(),
            epoch: 0,
            number_blocks: BTreeMap::new(),
            history: "h0".into(),
            restored: None,
        }
    }

    /// A copy of the server as it is now, as `guanjia backup` takes one.
    pub fn backup(&self) -> ModelServer {
        self.clone_parts()
    }

    /// Puts `backup` in place at wall time `restored_ms`, as `guanjia restore` does: its
    /// state and log, a new history (every cursor resets, pushes of the old one are refused
    /// `history_changed`), and the server clock kept (it never runs backwards).
    pub fn restore(&mut self, backup: ModelServer, restored_ms: u64) {
        let replaced = self.history.clone();
        let next = format!("{replaced}r");
        let clock = self.clock;
        *self = backup;
        self.clock = clock;
        self.clock.observe(Hlc::new(restored_ms, 0));
        self.history = next;
        self.restored = Some((replaced, restored_ms));
        self.epoch += 1;
    }

    fn clone_parts(&self) -> ModelServer {
        ModelServer {
            state: self.state.clone(),
            log: self.log.clone(),
            replicas: self.replicas.clone(),
            refusals: self.refusals.clone(),
            digests: self.digests.clone(),
            clock: self.clock,
            rules: self.rules,
            max_ahead_ms: self.max_ahead_ms,
            scopes: self.scopes.clone(),
            creators: self.creators.clone(),
            epoch: self.epoch,
            number_blocks: self.number_blocks.clone(),
            history: self.history.clone(),
            restored: self.restored.clone(),
        }
    }

    /// The recovery a push naming `rebase_from` earns at `wall_ms` (the real server's rule).
    fn recovery(&self, rebase_from: Option<&str>, wall_ms: u64) -> Option<Recovery> {
        let (replaced, at) = self.restored.as_ref()?;
        (rebase_from == Some(replaced.as_str())).then(|| Recovery::granted(*at, wall_ms))?
    }

    /// Records that `replica` was given number block `block` (`POST /sync/numbers`): its new
    /// requests may take numbers from it.
    pub fn grant(&mut self, replica: &ReplicaId, block: NumberBlock) {
        self.number_blocks.entry(replica.clone()).or_default().push(block);
    }

    /// `POST /sync/push` from the model's one user ([`MODEL_USER`]): see [`Self::push_as`].
    pub fn push(
        &mut self,
        req: &PushRequest,
        wall_ms: u64,
        max_batches: Option<usize>,
    ) -> Result<PushResponse, PushRefusal> {
        self.push_as(MODEL_USER, req, wall_ms, max_batches)
    }

    /// `POST /sync/push` from `user` at wall time `wall_ms`, applying at most `max_batches`
    /// new batches (a server that stopped half-way) when given. Admitted batch by batch as
    /// the real server does ([`crate::protocol::admit`]): a refusal (409 `replica_taken`,
    /// `seq_gap`, `seq_reused`) leaves the batches before it applied.
    pub fn push_as(
        &mut self,
        user: &str,
        req: &PushRequest,
        wall_ms: u64,
        max_batches: Option<usize>,
    ) -> Result<PushResponse, PushRefusal> {
        let replica = &req.replica;
        admit::claimable(replica)?;
        admit::same_history(req.history.as_deref(), &self.history)?;
        let recovery = self.recovery(req.rebase_from.as_deref(), wall_ms);
        let mut rejections = Vec::new();
        let mut applied = 0;
        for batch in admit::in_order(req.batches.clone())? {
            let key = (replica.clone(), batch.seq);
            let known = self.replicas.get(replica);
            let facts = known.map(|(owner, last_seq)| ReplicaFacts { owner, last_seq: *last_seq });
            if admit::admit(facts, user, batch.seq)? == Admission::Applied {
                admit::resend(
                    batch.seq,
                    self.digests.get(&key).map(String::as_str),
                    &batch.digest(),
                )?;
                rejections.extend(self.refusals.get(&key).into_iter().flatten().cloned());
                continue;
            }
            if max_batches.is_some_and(|m| applied >= m) {
                break;
            }
            let mut refused = Vec::new();
            let view = self.view(&req.replica, &batch.changes, recovery);
            for (index, c) in batch.changes.iter().enumerate() {
                if let Some(r) = self.apply(replica, c, wall_ms, view.as_ref(), recovery) {
                    refused.push(Rejection::of(batch.seq, index, r));
                }
            }
            rejections.extend(refused.iter().cloned());
            self.refusals.insert(key.clone(), refused);
            self.digests.insert(key, batch.digest());
            self.replicas.insert(replica.clone(), (user.to_owned(), batch.seq));
            applied += 1;
        }
        let last_seq = self.replicas.get(replica).map_or(0, |(_, seq)| *seq);
        let rejections = match self.reader() {
            Some(reader) => rejections.into_iter().map(|r| reader.rejection(r)).collect(),
            None => rejections,
        };
        let server_hlc = self.clock.now(wall_ms);
        Ok(PushResponse { last_seq, rejections, server_hlc, history: Some(self.history.clone()) })
    }

    /// Who receives this server's answers: a user of the role it judges as, in the one area
    /// and department of the model. `None` under [`Rules::MergeOnly`] (nothing is filtered).
    fn reader(&self) -> Option<Reader> {
        let Rules::Server(role) = self.rules else { return None };
        Some(Reader::new(role, Scope::of(role, Some(MODEL_PLACE), Some(MODEL_PLACE))))
    }

    /// What the reader may see of a page of changes.
    fn filtered(&self, changes: Vec<Change>) -> Vec<Change> {
        match self.reader() {
            Some(reader) => reader.changes(changes),
            None => changes,
        }
    }

    /// The records the whole-record rules read for `batch`: all of them, before and after it.
    fn view(
        &self,
        replica: &ReplicaId,
        batch: &[Change],
        recovery: Option<Recovery>,
    ) -> Option<BatchView> {
        let Rules::Server(role) = self.rules else { return None };
        let pusher = Pusher { role, replica, staff: None, blocks: &[], recovery };
        Some(BatchView::new(self.state.clone(), pusher, batch))
    }

    fn apply(
        &mut self,
        replica: &ReplicaId,
        c: &Change,
        wall_ms: u64,
        view: Option<&BatchView>,
        recovery: Option<Recovery>,
    ) -> Option<Refused> {
        let Rules::Server(role) = self.rules else {
            if c.hlc.millis() <= wall_ms.saturating_add(self.max_ahead_ms) {
                self.clock.observe(c.hlc);
            }
            self.state.apply(c);
            self.log.push(c.clone());
            return None;
        };
        let foreign = self.scopes.get(replica).is_some_and(|scope| {
            let facts = scoped::Facts { state: &self.state, creators: &self.creators };
            !facts.in_scope(scope, replica, c)
        });
        let stored = self.state.field(&c.kind, &c.id, &c.field).cloned();
        let new_record = self.state.record(&c.kind, &c.id).is_none();
        let blocks = self.number_blocks.get(replica).map_or(&[][..], Vec::as_slice);
        let verdict = judge(
            Pusher { role, replica, staff: None, blocks, recovery },
            Target { foreign, stored: stored.as_ref(), new_record, records: view, stored_by: None },
            c,
            &mut self.clock,
            ServerTime { now_ms: wall_ms, max_ahead_ms: self.max_ahead_ms },
        );
        if new_record && verdict.writes.iter().any(|w| (&w.kind, &w.id) == (&c.kind, &c.id)) {
            self.creators.insert((c.kind.clone(), c.id.clone()), replica.clone());
        }
        for w in verdict.writes {
            self.state.force(&w);
            self.log.push(w);
        }
        verdict.refused
    }

    /// Writes a change as the server itself would (another device's edit arriving by another
    /// route, demo data): stamped now by the server clock, merged and logged.
    pub fn write(&mut self, mut c: Change, wall_ms: u64) -> Change {
        c.hlc = self.clock.now(wall_ms);
        if self.state.apply(&c).wins {
            self.log.push(c.clone());
        }
        c
    }

    /// Makes every cursor handed out so far unknown (the database was replaced).
    pub fn invalidate_cursors(&mut self) {
        self.epoch += 1;
    }

    /// The cursor of a device that has read the whole log.
    pub fn cursor_at_end(&self) -> String {
        self.cursor(self.log.len())
    }

    fn cursor(&self, pos: usize) -> String {
        format!("e{}.{pos}", self.epoch)
    }

    /// `GET /sync/pull`: log entries after the cursor (at most `limit`), or the whole state
    /// as one `reset` page when the cursor is missing or unknown.
    pub fn pull(&mut self, cursor: Option<&str>, limit: usize, wall_ms: u64) -> PullResponse {
        let server_hlc = self.clock.now(wall_ms);
        let prefix = format!("e{}.", self.epoch);
        let pos = cursor
            .and_then(|c| c.strip_prefix(&prefix))
            .and_then(|p| p.parse::<usize>().ok())
            .filter(|p| *p <= self.log.len());
        let Some(from) = pos else {
            let changes = self.filtered(self.state.to_changes());
            return PullResponse {
                reset: true,
                snapshot_total: Some(changes.len() as u64),
                changes,
                cursor: self.cursor_at_end(),
                more: false,
                server_hlc,
                history: Some(self.history.clone()),
            };
        };
        let to = from.saturating_add(limit).min(self.log.len());
        PullResponse {
            reset: false,
            changes: self.filtered(self.log[from..to].to_vec()),
            cursor: self.cursor(to),
            more: to < self.log.len(),
            server_hlc,
            snapshot_total: None,
            history: Some(self.history.clone()),
        }
    }
}
