//! Opening the engine from the store in two steps, so a tablet shows its first page before
//! it has read the whole replica (issue 26: a cold start of 10,000 units read 20 MB first).
//! [`Engine::open_first`] reads [`Part::First`]'s records; the rest ([`Part::Later`]: the
//! register's people, visits, answers) come in with [`Engine::load_rest`], or with the first
//! call that takes the state lock to change anything ([`Engine::lock`]): no edit, pull,
//! compaction or sign-out ever works on a state that lacks stored records.

use super::engine::{Engine, Inner};
use super::SyncError;
use crate::store::{self, LocalStore, Part, RecordRow, Session};
use futures::lock::MutexGuard;
use shared::protocol::Me;
use shared::rebase::Shadows;
use shared::replica::ReplicaState;
use shared::{Hlc, HlcClock, ReplicaId};

impl<S: LocalStore, T: super::Transport> Engine<S, T> {
    /// Loads the whole replica from the store (creating a replica id on first start): what
    /// [`Engine::open_first`] and [`Engine::load_rest`] do together.
    pub async fn open(
        store: S,
        transport: T,
        now: Box<dyn Fn() -> u64>,
    ) -> Result<Self, SyncError> {
        let engine = Self::open_first(store, transport, now).await?;
        engine.load_rest().await?;
        Ok(engine)
    }

    /// Loads the replica from the store (creating a replica id on first start) with only
    /// [`Part::First`]'s records in memory: the app shows its first page from them, then
    /// calls [`Engine::load_rest`]. Needs no network: this is how the app starts offline.
    /// `now` gives wall-clock milliseconds.
    pub async fn open_first(
        store: S,
        transport: T,
        now: Box<dyn Fn() -> u64>,
    ) -> Result<Self, SyncError> {
        let replica = match store.get_meta::<ReplicaId>(store::META_REPLICA).await? {
            Some(r) if r.is_valid() => r,
            _ => {
                let r = ReplicaId::new_random();
                store.set_meta(store::META_REPLICA, &r).await?;
                r
            }
        };
        let mut clock = HlcClock::starting_at(
            store.get_meta::<Hlc>(store::META_CLOCK).await?.unwrap_or_default(),
        );
        let mut state = ReplicaState::new();
        put_rows(&mut state, &mut clock, store.records(Part::First).await?);
        let outbox = store.outbox().await?;
        let stored = store.get_meta(store::META_SHADOWS).await?.unwrap_or_default();
        let shadows = Shadows::restore(stored, &outbox);
        let max_seq = outbox.last().map_or(0, |b| b.seq);
        let next_seq =
            store.get_meta::<u64>(store::META_NEXT_SEQ).await?.unwrap_or(1).max(max_seq + 1);
        let session: Option<Session> = store.get_meta(store::META_SESSION).await?;
        let owner = match store.get_meta::<Me>(store::META_OWNER).await? {
            Some(me) => Some(me),
            None => session.as_ref().map(|s| s.me.clone()),
        };
        let rebasing: Option<super::restored::RebaseMeta> =
            store.get_meta(store::META_REBASE).await?;
        let rebasing = rebasing.map(|m| super::restored::Rebasing::new(&m.from, &m.to));
        // A rebase interrupted by a reload starts its snapshot again.
        let cursor = match rebasing {
            Some(_) => None,
            None => store.get_meta(store::META_CURSOR).await?,
        };
        let inner = Inner {
            replica,
            state,
            whole: false,
            revision: 0,
            clock,
            next_seq,
            outbox,
            cursor,
            session,
            last_sync: store.get_meta(store::META_LAST_SYNC).await?,
            skew: store.get_meta(store::META_SKEW).await?.unwrap_or(0),
            owner,
            exported: store.get_meta(store::META_EXPORTED).await?,
            exported_photos: store.get_meta(store::META_EXPORTED_PHOTOS).await?.unwrap_or_default(),
            loading: None,
            notified_ms: 0,
            load_began_ms: 0,
            shown_ms: 0,
            numbers: store.get_meta(store::META_NUMBERS).await?.unwrap_or_default(),
            provisional: store.get_meta(store::META_PROVISIONAL).await?.unwrap_or(0),
            notices: store.get_meta(store::META_NOTICES).await?.unwrap_or_default(),
            shadows,
            uploads: store.get_meta(store::META_UPLOADS).await?.unwrap_or_default(),
            history: store.get_meta(store::META_HISTORY).await?,
            rebasing,
            restating: store.get_meta(store::META_RESTATING).await?,
        };
        Ok(Self::assemble(store, transport, inner, now))
    }

    /// Reads the records [`Engine::open_first`] left in the store, if it has not been done:
    /// the UI is handed the whole replica then.
    pub async fn load_rest(&self) -> Result<(), SyncError> {
        self.lock().await.map(drop)
    }

    /// The state lock, with every stored record in memory: whoever takes it first after
    /// [`Engine::open_first`] reads [`Part::Later`]'s records while holding it, so every
    /// step that changes the state or the store waits for them. A read that fails leaves the
    /// state as it was, and the step that asked fails with it (nothing is written).
    pub(crate) async fn lock(&self) -> Result<MutexGuard<'_, Inner>, SyncError> {
        let mut g = self.peek().await;
        if !g.whole {
            let rows = self.store.records(Part::Later).await?;
            let Inner { state, clock, .. } = &mut *g;
            put_rows(state, clock, rows);
            g.whole = true;
            g.revision += 1;
            self.notify(&g);
        }
        Ok(g)
    }
}

/// Puts stored rows into `state` in their order (a later row of a record replaces an
/// earlier one), the clock observing every stamp.
fn put_rows(state: &mut ReplicaState, clock: &mut HlcClock, rows: Vec<RecordRow>) {
    for row in rows {
        for f in row.fields.values() {
            clock.observe(f.hlc);
        }
        state.put_record(row.kind, row.id, row.fields);
    }
}
