//! The replicas reports are computed from, one per (site, scope, reader), kept between
//! requests: the few most recently used, so memory stays bounded however many scopes ask
//! (`docs/ARCHITECTURE.md`, "Reports"). Owned by the state; nothing here takes it.

use shared::report::Facts;
use shared::ReplicaState;
use std::sync::{Arc, Mutex};

/// How many scopes' replicas are kept: the office's and a few butlers'. An office replica
/// of a year's demo (10,000 units, 20,000 requests) is some tens of MB.
pub const CACHED_SCOPES: usize = 4;

/// One scope's replica, brought up to date from the log like a device's.
#[derive(Debug, Default)]
pub struct Scoped {
    /// The pull's scope tag it was read under: another tag (the scope's epoch moved, records
    /// left it) means read it again from a snapshot.
    pub tag: String,
    /// The log position it holds every change of the scope up to.
    pub seq: i64,
    /// The scope's records of the kinds the facts read, as the reader sees them.
    pub state: ReplicaState,
    /// The facts of `state`, while nothing changed since they were taken.
    pub facts: Option<Arc<Facts>>,
}

/// A slot: locked while it is read or brought up to date, so two requests of one scope
/// build it once.
pub type Slot = Arc<tokio::sync::Mutex<Option<Scoped>>>;

/// The slots, least recently used first.
#[derive(Debug, Default)]
pub struct ReportCache {
    slots: Mutex<Vec<(String, Slot)>>,
}

impl ReportCache {
    /// The slot of `key`, made empty when missing; the least recently used slot is dropped
    /// beyond [`CACHED_SCOPES`] (a request still holding it finishes with it).
    pub fn slot(&self, key: &str) -> Slot {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        let slot = match slots.iter().position(|(k, _)| k == key) {
            Some(i) => slots.remove(i).1,
            None => Slot::default(),
        };
        slots.push((key.to_owned(), slot.clone()));
        if slots.len() > CACHED_SCOPES {
            slots.remove(0);
        }
        slot
    }

    /// The keys held, least recently used first.
    pub fn keys(&self) -> Vec<String> {
        let slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        slots.iter().map(|(k, _)| k.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_scope_goes_first() {
        let cache = ReportCache::default();
        let first = cache.slot("a");
        for k in ["b", "c", "d"] {
            cache.slot(k);
        }
        assert!(Arc::ptr_eq(&first, &cache.slot("a")), "a kept, and used again");
        cache.slot("e");
        assert_eq!(cache.keys(), ["c", "d", "a", "e"]);
    }
}
