//! Request numbers without the network (`shared::request::number`): the engine keeps a
//! [`NumberPool`] of blocks the server gave this replica (meta [`store::META_NUMBERS`]), tops
//! it up after a sync while it runs low, and hands out one number per request INSIDE the
//! request's own edit ([`Engine::edit_numbered`]): the pool without the number and the
//! request with it land in one transaction, so a number is never used twice — not by two
//! requests, not after a reload, not after a crash between the two.

use super::engine::Inner;
use super::{Engine, FieldEdit, SyncError, Transport, TransportError};
use crate::store::{self, LocalStore, WriteSet};
use shared::request::number::NumberBlockRequest;
use shared::{Change, ReplicaId};

/// The number a new request gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakenNumber {
    /// The next number of this replica's pool.
    Pooled(u64),
    /// The pool was empty (offline too long): this replica's `k`-th provisional number,
    /// made unique by the replica id (`number::provisional`).
    Provisional { replica: ReplicaId, k: u64 },
}

impl<S: LocalStore, T: Transport> Engine<S, T> {
    /// Takes a request number and records the edit `make` builds with it, in ONE transaction
    /// with the pool (or provisional counter) without that number. On failure neither the
    /// edit nor the taking happened. Returns the changes and the number taken.
    pub async fn edit_numbered(
        &self,
        make: impl FnOnce(&TakenNumber) -> Vec<FieldEdit>,
    ) -> Result<(Vec<Change>, TakenNumber), SyncError> {
        let (changes, mut taken) = self.edit_numbered_n(1, |t| make(&t[0])).await?;
        Ok((changes, taken.remove(0)))
    }

    /// [`Engine::edit_numbered`] for an edit that files `count` new requests at once (a
    /// patrol's findings, a renovation's rectification): `count` numbers taken in order, all
    /// in the edit's one transaction.
    pub async fn edit_numbered_n(
        &self,
        count: usize,
        make: impl FnOnce(&[TakenNumber]) -> Vec<FieldEdit>,
    ) -> Result<(Vec<Change>, Vec<TakenNumber>), SyncError> {
        let mut g = self.lock().await?;
        let mut pool = g.numbers.clone();
        let mut provisional = g.provisional;
        let mut w = WriteSet::default();
        let mut taken = Vec::with_capacity(count);
        for _ in 0..count {
            taken.push(match pool.take() {
                Some(n) => TakenNumber::Pooled(n),
                None => {
                    provisional += 1;
                    TakenNumber::Provisional { replica: g.replica.clone(), k: provisional }
                }
            });
        }
        if pool != g.numbers {
            w.set_meta(store::META_NUMBERS, &pool)?;
        }
        if provisional != g.provisional {
            w.set_meta(store::META_PROVISIONAL, &provisional)?;
        }
        let changes = self.edit_locked(&mut g, make(&taken), w).await?;
        g.numbers = pool;
        g.provisional = provisional;
        Ok((changes, taken))
    }

    /// Asks the server for a block when the pool runs low ([`NumberPool::wants_more`]) and
    /// keeps it. Only a refused session is an error (the cycle reports it like any 401);
    /// being offline or a server without numbers leaves the pool as it is until next time.
    ///
    /// [`NumberPool::wants_more`]: shared::request::number::NumberPool::wants_more
    pub(crate) async fn top_up_numbers(&self, replica: &ReplicaId) -> Result<(), SyncError> {
        let token = {
            let g = self.lock().await?;
            if !g.numbers.wants_more() || g.replica != *replica {
                return Ok(());
            }
            Self::token_of(&g)?
        };
        let req = NumberBlockRequest { replica: replica.clone() };
        let block = match self.transport.numbers(&token, &req).await {
            Ok(b) => b,
            Err(TransportError::Unauthorized) => return Err(TransportError::Unauthorized.into()),
            Err(_) => return Ok(()),
        };
        let mut g = self.lock().await?;
        if g.replica != *replica {
            return Err(SyncError::NotSignedIn);
        }
        let mut pool = g.numbers.clone();
        pool.add(block);
        self.store.set_meta(store::META_NUMBERS, &pool).await?;
        g.numbers = pool;
        self.notify(&g);
        Ok(())
    }

    fn token_of(g: &Inner) -> Result<String, SyncError> {
        g.session.as_ref().map(|s| s.token.clone()).ok_or(SyncError::NotSignedIn)
    }
}
