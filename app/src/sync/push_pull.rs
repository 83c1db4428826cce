//! One sync cycle: push the outbox, then pull until the server has nothing more.
//!
//! The engine lock is never held across a network call, so the user can keep editing while a
//! slow request is in flight; each answer is applied in one store transaction.

use super::engine::Loading;
use super::merge::{all_rows, merged};
use super::notices::{merge_notices, notices_from};
use super::snapshot::state_due;
use super::{Engine, SyncError, Transport, PULL_LIMIT, SNAPSHOT_NOTIFY_MS};
use crate::store::{self, LocalStore, RecordRow, WriteSet};
use shared::batches::first_push;
use shared::protocol::{Batch, PullResponse, PushRequest, PushResponse};
use shared::rebase::{self, Shadows};
use shared::replica::ReplicaState;
use shared::schema::SCHEMA_VERSION;
use shared::ReplicaId;

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
            let g = self.lock().await?;
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

    /// Whether a rebase's snapshot is in and its restatements wait to be made.
    async fn rebase_ready(&self) -> bool {
        self.peek().await.rebasing.as_ref().is_some_and(|r| r.snapshot_done)
    }

    async fn cycle_once(&self, replica: &ReplicaId) -> Result<(), SyncError> {
        let pushed = self.push().await;
        match &pushed {
            Err(e) if !e.is_refusal() => return pushed,
            _ => {}
        }
        self.pull().await?;
        if self.rebase_ready().await {
            // The server was restored: restate what it lacks, then send it at once.
            self.finish_rebase(replica).await?;
            self.push().await?;
        }
        self.top_up_numbers(replica).await?;
        if pushed.is_ok() {
            let mut g = self.lock().await?;
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

    pub(crate) fn token(session: &Option<store::Session>) -> Result<String, SyncError> {
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
                let g = self.lock().await?;
                if g.rebasing.is_some() {
                    return Ok(()); // numbered in a history the server no longer has
                }
                let (batches, rebase_from) = push_of(&g.outbox, g.restating.as_ref());
                if batches.is_empty() {
                    return Ok(());
                }
                let req = PushRequest {
                    replica: g.replica.clone(),
                    schema: SCHEMA_VERSION,
                    batches,
                    history: g.history.clone(),
                    rebase_from,
                };
                (Self::token(&g.session)?, req)
            };
            let chunk_end = req.batches.last().map_or(0, |b| b.seq);
            let resp = self.transport.push(&token, &req).await?;
            let whole = resp.last_seq >= chunk_end;
            self.apply_push(&req, resp).await?;
            if !whole {
                return Ok(()); // the server stopped half-way: try again on the next cycle
            }
        }
    }

    /// Applies the reply to the push `req` ([`rebase::settle`], the device-side merge the
    /// simulation proves): batches up to `last_seq` leave the outbox, and each field they
    /// edited shows what the server confirmed of it (its shadow: the server's answer to the
    /// edit, with any newer change pulled meanwhile — not the device's own far-ahead stamp),
    /// plus the edits still pending. An edit the butler made to the same field while the push
    /// was in flight (a batch after `last_seq`) is their latest word, so it is re-stamped
    /// after the compensation and stays in the outbox: the server judges it on the next push
    /// instead of it silently losing to the compensation's newer stamp.
    /// A reply for a replica other than the current one (a sign-out made a new one) is dropped.
    pub(crate) async fn apply_push(
        &self,
        req: &PushRequest,
        resp: PushResponse,
    ) -> Result<(), SyncError> {
        let mut g = self.lock().await?;
        if g.replica != req.replica {
            return Err(SyncError::NotSignedIn);
        }
        if resp.last_seq >= g.next_seq {
            return Err(SyncError::BadReply(format!(
                "the server acknowledged batch {} but this device has made only {}",
                resp.last_seq,
                g.next_seq - 1
            )));
        }
        let refused = notices_from(&g.outbox, &resp.rejections, &g.state, (self.now)());
        let notices = (!refused.is_empty()).then(|| merge_notices(&g.notices, refused));
        let (mut state, mut shadows, mut clock) = (g.state.clone(), g.shadows.clone(), g.clock);
        let sent: Vec<u64> = req.batches.iter().map(|b| b.seq).collect();
        let wall = self.wall(g.skew);
        let settled =
            rebase::settle(&mut state, &mut shadows, &g.outbox, &sent, &resp, &mut clock, wall);
        let records = settled
            .touched
            .iter()
            .filter_map(|(kind, id)| {
                let fields = state.record(kind, id)?.clone();
                Some(RecordRow { kind: kind.clone(), id: id.clone(), fields })
            })
            .collect();
        let mut w = WriteSet {
            records,
            remove_outbox_up_to: Some(resp.last_seq),
            append_outbox: settled.restamped,
            ..WriteSet::default()
        };
        let skew = self.skew_from(resp.server_hlc);
        w.set_meta(store::META_CLOCK, &clock.last())?.set_meta(store::META_SKEW, &skew)?;
        if settled.shadows_moved {
            w.set_meta(store::META_SHADOWS, &shadows.stored())?;
        }
        if let Some(n) = &notices {
            w.set_meta(store::META_NOTICES, n)?;
        }
        // The restatements are all in: later pushes are judged as any.
        let restated = g.restating.as_ref().is_some_and(|r| r.through <= resp.last_seq);
        if restated {
            w.set_meta(store::META_RESTATING, &serde_json::Value::Null)?;
        }
        self.store.commit(w).await?;
        g.clock = clock;
        g.skew = skew;
        if let Some(n) = notices {
            g.notices = n;
        }
        g.outbox = settled.outbox;
        g.shadows = shadows;
        if restated {
            g.restating = None;
        }
        if !settled.touched.is_empty() {
            g.state = state;
            g.revision += 1;
        }
        self.notify(&g);
        self.compact_if_needed(&g).await;
        Ok(())
    }

    /// Pulls pages until the server says there is no more. The next page is asked for as
    /// soon as the head of a page says where it starts ([`Transport::pull_head`]), before
    /// that page is parsed, and it is fetched while the page is parsed and stored: a first
    /// replica of 60 pages takes the longer of the server's and the device's work, not their
    /// sum. A head that names no next page, or one the page's own cursor disagrees with, is
    /// followed by a request with the page's cursor once it is parsed. A page that fails to
    /// apply stops the loop before the cursor moves, so the page fetched ahead is dropped
    /// and asked for again next time.
    pub async fn pull(&self) -> Result<(), SyncError> {
        let (token, cursor, replica) = {
            let g = self.lock().await?;
            (Self::token(&g.session)?, g.cursor.clone(), g.replica.clone())
        };
        let mut head = self.transport.pull_head(&token, cursor, PULL_LIMIT).await?;
        loop {
            let ahead = head.next.take().map(|next| {
                (next.clone(), self.transport.pull_head(&token, Some(next), PULL_LIMIT))
            });
            let page = head.page.await?;
            if !page.more {
                return self.apply_pull(&replica, page).await;
            }
            let next = match ahead {
                Some((asked, next)) if asked == page.cursor => next,
                _ => self.transport.pull_head(&token, Some(page.cursor.clone()), PULL_LIMIT),
            };
            let (applied, next) = futures::join!(self.apply_pull(&replica, page), next);
            applied?;
            head = next?;
        }
    }

    /// Applies one pull page. On `reset` the local records are replaced by the snapshot and
    /// the outbox's changes are merged again on top, so unsent edits stay visible. A page
    /// for `replica` arriving after a sign-out is dropped: the last user's records stay gone.
    async fn apply_pull(&self, replica: &ReplicaId, page: PullResponse) -> Result<(), SyncError> {
        let mut g = self.lock().await?;
        if g.replica != *replica {
            return Err(SyncError::NotSignedIn);
        }
        let mut clock = g.clock;
        clock.observe(page.server_hlc);
        for c in &page.changes {
            clock.observe(c.hlc);
        }
        let received = page.changes.len() as u64;
        let mut shadows = g.shadows.clone();
        let mut shadows_moved = shadows.pulled(&page.changes);
        let mut w = WriteSet::default();
        let mut history = g.history.clone();
        let mut rebasing = g.rebasing.take();
        match (&page.history, &history) {
            // The server was restored from a backup: keep every record and rebase on it.
            (Some(theirs), Some(ours)) if theirs != ours && rebasing.is_none() => {
                let r = super::restored::Rebasing::new(ours, theirs);
                w.set_meta(store::META_REBASE, &r.meta())?;
                rebasing = Some(r);
            }
            (Some(theirs), None) => {
                w.set_meta(store::META_HISTORY, theirs)?;
                history = Some(theirs.clone());
            }
            _ => {}
        }
        // While rebasing, the snapshot is merged into the records, never replaces them.
        let rebase_page = match rebasing.as_mut() {
            Some(r) if page.history.as_ref() == Some(&r.rebase.history) => {
                r.rebase.observe(&g.state, &page.changes);
                r.snapshot_done |= !page.more;
                true
            }
            _ => false,
        };
        // The state after this page, and whether any record changed.
        let (next, changed) = if page.reset && !rebase_page {
            let mut state = ReplicaState::new();
            state.apply_all(page.changes);
            shadows = Shadows::of_snapshot(&state, &g.outbox);
            shadows_moved = true;
            for b in &g.outbox {
                state.apply_all(b.changes.iter().cloned());
            }
            w.clear_records = true;
            w.records = all_rows(&state);
            (state, true)
        } else {
            let (next, rows) = merged(&g.state, page.changes);
            let altered = !rows.is_empty();
            w.records = rows;
            (next, altered)
        };
        let skew = self.skew_from(page.server_hlc);
        w.set_meta(store::META_CURSOR, &page.cursor)?
            .set_meta(store::META_CLOCK, &clock.last())?
            .set_meta(store::META_SKEW, &skew)?;
        if shadows_moved {
            w.set_meta(store::META_SHADOWS, &shadows.stored())?;
        }
        self.store.commit(w).await?;
        g.history = history;
        g.rebasing = rebasing;
        g.clock = clock;
        g.skew = skew;
        g.shadows = shadows;
        g.cursor = Some(page.cursor);
        if page.reset {
            g.loading = page.snapshot_total.map(Loading::start);
        }
        g.loading = match g.loading {
            Some(l) if page.more => Some(l.page(received)),
            _ => None,
        };
        g.state = next;
        if changed {
            g.revision += 1;
        }
        // Each snapshot handed to the UI makes its pages work over the whole replica again:
        // while a snapshot is still coming in, the progress moves at most once a second and
        // the records only as `state_due` paces them (the first page and the last always).
        let now = (self.now)();
        if page.reset {
            (g.load_began_ms, g.shown_ms) = (now, now);
        }
        let mid_snapshot = g.loading.is_some() && !page.reset;
        if !mid_snapshot {
            g.notified_ms = now;
            self.notify(&g);
        } else if now.saturating_sub(g.notified_ms) >= SNAPSHOT_NOTIFY_MS {
            g.notified_ms = now;
            if state_due(g.load_began_ms, g.shown_ms, now) || !self.notify_progress(g.loading) {
                g.shown_ms = now;
                self.notify(&g);
            }
        }
        self.compact_if_needed(&g).await;
        Ok(())
    }
}

/// The batches of the next push ([`first_push`]) and the history it names as restating
/// (`restored.rs`): restatements and unsent edits never share a push, since only the former
/// are judged as a recovery.
fn push_of(
    outbox: &[Batch],
    restating: Option<&super::restored::Restating>,
) -> (Vec<Batch>, Option<String>) {
    let mut batches = first_push(outbox);
    match restating {
        Some(r) if batches.first().is_some_and(|b| b.seq <= r.through) => {
            batches.retain(|b| b.seq <= r.through);
            (batches, Some(r.from.clone()))
        }
        _ => (batches, None),
    }
}
