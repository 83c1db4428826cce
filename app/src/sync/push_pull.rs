//! One sync cycle: push the outbox, then pull until the server has nothing more.
//!
//! The engine lock is never held across a network call, so the user can keep editing while a
//! slow request is in flight; each answer is applied in one store transaction.

use super::engine::Loading;
use super::merge::{apply_all, rows_after, Staged};
use super::notices::{merge_notices, notices_from};
use super::{Engine, SyncError, Transport, PULL_LIMIT, SNAPSHOT_NOTIFY_MS};
use crate::store::{self, LocalStore, WriteSet};
use shared::batches::first_push;
use shared::protocol::{Batch, PullResponse, PushRequest, PushResponse};
use shared::replica::ReplicaState;
use shared::schema::SCHEMA_VERSION;
use shared::{Change, HlcClock, ReplicaId};

impl<S: LocalStore, T: Transport> Engine<S, T> {
    /// Pushes the outbox, then pulls until `more` is false; records the time of success. A
    /// push the server refuses (a 4xx) does not stop the pull — the device still receives
    /// everyone else's work — and is reported after it.
    ///
    /// A 401 forgets the session that got it (the records and the outbox stay, see
    /// `session.rs`), so the login page shows.
    pub async fn sync_once(&self) -> Result<(), SyncError> {
        let _cycle = self.cycle.lock().await;
        // Handed over to another tab: that tab's engine pushes this outbox now.
        if !self.store.is_writer() {
            return Err(crate::store::StoreError::elsewhere().into());
        }
        let (token, replica) = {
            let g = self.inner.lock().await;
            (g.session.as_ref().map(|s| s.token.clone()), g.replica.clone())
        };
        let result = self.cycle_once(&replica).await;
        if let (Err(e), Some(token)) = (&result, token) {
            if e.is_unauthorized() {
                self.expire_session(&token).await?;
            }
        }
        result
    }

    async fn cycle_once(&self, replica: &ReplicaId) -> Result<(), SyncError> {
        let pushed = self.push().await;
        match &pushed {
            Err(e) if !e.is_refusal() => return pushed,
            _ => {}
        }
        self.pull().await?;
        self.top_up_numbers(replica).await?;
        if pushed.is_ok() {
            let mut g = self.inner.lock().await;
            if g.replica != *replica {
                return Err(SyncError::NotSignedIn);
            }
            let now = (self.now)();
            self.store.set_meta(store::META_LAST_SYNC, &now).await?;
            g.last_sync = Some(now);
            self.notify(&g);
        }
        pushed
    }

    fn token(session: &Option<store::Session>) -> Result<String, SyncError> {
        session.as_ref().map(|s| s.token.clone()).ok_or(SyncError::NotSignedIn)
    }

    /// Sends the outbox in order, in pushes of at most
    /// [`shared::batches::MAX_BATCH_CHANGES`] changes and
    /// [`shared::batches::MAX_BATCH_BYTES`] bytes ([`first_push`]), until it is empty or the
    /// server stops short of a chunk.
    /// On each reply, batches up to `last_seq` leave the outbox and each rejection's
    /// compensation is applied.
    pub async fn push(&self) -> Result<(), SyncError> {
        loop {
            let (token, req) = {
                let g = self.inner.lock().await;
                let batches = first_push(&g.outbox);
                if batches.is_empty() {
                    return Ok(());
                }
                let req =
                    PushRequest { replica: g.replica.clone(), schema: SCHEMA_VERSION, batches };
                (Self::token(&g.session)?, req)
            };
            let chunk_end = req.batches.last().map_or(0, |b| b.seq);
            let resp = self.transport.push(&token, &req).await?;
            let whole = resp.last_seq >= chunk_end;
            self.apply_push(&req.replica, resp).await?;
            if !whole {
                return Ok(()); // the server stopped half-way: try again on the next cycle
            }
        }
    }

    /// Applies a push reply. Compensations are forced; but an edit the butler made to the same
    /// field while the push was in flight (a batch after `last_seq`) is their latest word, so
    /// it is re-stamped after the compensation and stays in the outbox: the server judges it
    /// on the next push instead of it silently losing to the compensation's newer stamp.
    /// A reply for `replica` arriving after a sign-out made a new one is dropped.
    pub(crate) async fn apply_push(
        &self,
        replica: &ReplicaId,
        resp: PushResponse,
    ) -> Result<(), SyncError> {
        let mut g = self.inner.lock().await;
        if g.replica != *replica {
            return Err(SyncError::NotSignedIn);
        }
        if resp.last_seq >= g.next_seq {
            return Err(SyncError::BadReply(format!(
                "the server acknowledged batch {} but this device has made only {}",
                resp.last_seq,
                g.next_seq - 1
            )));
        }
        let mut clock = g.clock;
        clock.observe(resp.server_hlc);
        let refused = notices_from(&g.outbox, &resp.rejections, &g.state, (self.now)());
        let notices = (!refused.is_empty()).then(|| merge_notices(&g.notices, refused));
        let compensations: Vec<Change> = resp
            .rejections
            .into_iter()
            .filter_map(|r| r.compensation)
            .inspect(|c| clock.observe(c.hlc))
            .collect();
        let wall = self.wall(g.skew);
        let restamped = restamp_after(&g.outbox, resp.last_seq, &compensations, &mut clock, wall);
        let staged: Vec<Staged> = compensations
            .into_iter()
            .map(Staged::force)
            .chain(restamped.iter().flat_map(|b| b.changes.iter().cloned()).map(Staged::merge))
            .collect();
        let mut w = WriteSet {
            records: rows_after(&g.state, &staged),
            remove_outbox_up_to: Some(resp.last_seq),
            append_outbox: restamped.clone(),
            ..WriteSet::default()
        };
        let skew = self.skew_from(resp.server_hlc);
        w.set_meta(store::META_CLOCK, &clock.last())?.set_meta(store::META_SKEW, &skew)?;
        if let Some(n) = &notices {
            w.set_meta(store::META_NOTICES, n)?;
        }
        self.store.commit(w).await?;
        g.clock = clock;
        g.skew = skew;
        if let Some(n) = notices {
            g.notices = n;
        }
        g.outbox.retain(|b| b.seq > resp.last_seq);
        for b in restamped {
            if let Some(slot) = g.outbox.iter_mut().find(|o| o.seq == b.seq) {
                *slot = b;
            }
        }
        if !staged.is_empty() {
            apply_all(&mut g.state, &staged);
            g.revision += 1;
        }
        self.notify(&g);
        self.compact_if_needed(&g).await;
        Ok(())
    }

    /// Pulls pages until the server says there is no more. The next page is asked for as
    /// soon as a page arrives, and fetched while this one is stored: a first replica of 100
    /// pages takes the longer of the server's and the device's work, not their sum. A page
    /// that fails to apply stops the loop before the cursor moves, so the page fetched ahead
    /// is dropped and asked for again next time.
    pub async fn pull(&self) -> Result<(), SyncError> {
        let (token, cursor, replica) = {
            let g = self.inner.lock().await;
            (Self::token(&g.session)?, g.cursor.clone(), g.replica.clone())
        };
        let mut page = self.transport.pull(&token, cursor.as_deref(), PULL_LIMIT).await?;
        loop {
            if !page.more {
                return self.apply_pull(&replica, page).await;
            }
            let cursor = page.cursor.clone();
            let (applied, next) = futures::join!(
                self.apply_pull(&replica, page),
                self.transport.pull(&token, Some(&cursor), PULL_LIMIT)
            );
            applied?;
            page = next?;
        }
    }

    /// Applies one pull page. On `reset` the local records are replaced by the snapshot and
    /// the outbox's changes are merged again on top, so unsent edits stay visible. A page
    /// for `replica` arriving after a sign-out is dropped: the last user's records stay gone.
    async fn apply_pull(&self, replica: &ReplicaId, page: PullResponse) -> Result<(), SyncError> {
        let mut g = self.inner.lock().await;
        if g.replica != *replica {
            return Err(SyncError::NotSignedIn);
        }
        let mut clock = g.clock;
        clock.observe(page.server_hlc);
        for c in &page.changes {
            clock.observe(c.hlc);
        }
        let received = page.changes.len() as u64;
        let staged: Vec<Staged> = page.changes.into_iter().map(Staged::merge).collect();
        let mut w = WriteSet::default();
        let mut fresh = None;
        if page.reset {
            let mut state = ReplicaState::new();
            apply_all(&mut state, &staged);
            let local: Vec<Staged> = g
                .outbox
                .iter()
                .flat_map(|b| b.changes.iter().cloned())
                .map(Staged::merge)
                .collect();
            apply_all(&mut state, &local);
            w.clear_records = true;
            let all: Vec<Staged> = state.to_changes().into_iter().map(Staged::force).collect();
            w.records = rows_after(&ReplicaState::new(), &all);
            fresh = Some(state);
        } else {
            w.records = rows_after(&g.state, &staged);
        }
        let skew = self.skew_from(page.server_hlc);
        w.set_meta(store::META_CURSOR, &page.cursor)?
            .set_meta(store::META_CLOCK, &clock.last())?
            .set_meta(store::META_SKEW, &skew)?;
        self.store.commit(w).await?;
        g.clock = clock;
        g.skew = skew;
        g.cursor = Some(page.cursor);
        if page.reset {
            g.loading = page.snapshot_total.map(Loading::start);
        }
        g.loading = match g.loading {
            Some(l) if page.more => Some(l.page(received)),
            _ => None,
        };
        let changed = fresh.is_some() || !staged.is_empty();
        match fresh {
            Some(state) => g.state = state,
            None => apply_all(&mut g.state, &staged),
        }
        if changed {
            g.revision += 1;
        }
        // Each notification hands the UI a copy of the whole replica: while a snapshot is
        // still coming in, at most one a second (the first page and the last always).
        let now = (self.now)();
        let mid_snapshot = g.loading.is_some() && !page.reset;
        if !mid_snapshot || now.saturating_sub(g.notified_ms) >= SNAPSHOT_NOTIFY_MS {
            g.notified_ms = now;
            self.notify(&g);
        }
        self.compact_if_needed(&g).await;
        Ok(())
    }
}

/// The outbox batches after `last_seq` that touch a compensated field, with those changes
/// stamped anew (after the compensation, which the clock has observed) and `prev` set to it.
fn restamp_after(
    outbox: &[Batch],
    last_seq: u64,
    compensations: &[Change],
    clock: &mut HlcClock,
    wall: u64,
) -> Vec<Batch> {
    let comp_of = |c: &Change| {
        compensations.iter().rev().find(|k| k.kind == c.kind && k.id == c.id && k.field == c.field)
    };
    let mut out = Vec::new();
    for b in outbox.iter().filter(|b| b.seq > last_seq) {
        if !b.changes.iter().any(|c| comp_of(c).is_some()) {
            continue;
        }
        let mut b = b.clone();
        for c in &mut b.changes {
            if let Some(k) = comp_of(c) {
                c.prev = Some(k.hlc);
                c.hlc = clock.now(wall);
            }
        }
        out.push(b);
    }
    out
}
