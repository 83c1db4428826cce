//! The maps a site transaction consults several times per pushed change (what it knows of
//! each record, what it holds back): keyed by record and read with borrowed `&str`s, so a
//! lookup allocates nothing, and hashed with foldhash instead of SipHash — together they
//! were the largest share of the writer's own time. foldhash is seeded per process, so
//! record ids chosen by a device cannot be aimed at one bucket ahead of time.

use std::collections::{HashMap, HashSet};

/// The hasher of the transaction's maps.
pub(super) type Hasher = foldhash::fast::RandomState;
/// A `HashMap` with [`Hasher`].
pub(super) type FastMap<K, V> = HashMap<K, V, Hasher>;
/// A `HashSet` with [`Hasher`].
pub(super) type FastSet<K> = HashSet<K, Hasher>;

/// Values by record: `(kind, id)`, as two levels (a handful of kinds, then ids), so both
/// parts are looked up as `&str` — a `(String, String)` key needs two new strings for every
/// lookup.
#[derive(Debug, Clone)]
pub(super) struct ByRecord<V> {
    kinds: FastMap<String, FastMap<String, V>>,
}

impl<V> Default for ByRecord<V> {
    fn default() -> Self {
        ByRecord { kinds: FastMap::default() }
    }
}

impl<V> ByRecord<V> {
    pub(super) fn get(&self, kind: &str, id: &str) -> Option<&V> {
        self.kinds.get(kind)?.get(id)
    }

    pub(super) fn get_mut(&mut self, kind: &str, id: &str) -> Option<&mut V> {
        self.kinds.get_mut(kind)?.get_mut(id)
    }

    pub(super) fn contains(&self, kind: &str, id: &str) -> bool {
        self.get(kind, id).is_some()
    }

    /// The value of a record, made by `make` when there is none yet (the only case that
    /// allocates).
    pub(super) fn get_or_insert_with(
        &mut self,
        kind: &str,
        id: &str,
        make: impl FnOnce() -> V,
    ) -> &mut V {
        if !self.kinds.contains_key(kind) {
            self.kinds.insert(kind.to_owned(), FastMap::default());
        }
        let ids = self.kinds.get_mut(kind).expect("inserted above");
        if !ids.contains_key(id) {
            ids.insert(id.to_owned(), make());
        }
        ids.get_mut(id).expect("inserted above")
    }

    /// Sets a record's value, returning the one it replaces.
    pub(super) fn insert(&mut self, kind: &str, id: &str, value: V) -> Option<V> {
        if let Some(slot) = self.get_mut(kind, id) {
            return Some(std::mem::replace(slot, value));
        }
        self.get_or_insert_with(kind, id, || value);
        None
    }

    pub(super) fn remove(&mut self, kind: &str, id: &str) -> Option<V> {
        self.kinds.get_mut(kind)?.remove(id)
    }

    pub(super) fn clear(&mut self) {
        self.kinds.clear();
    }

    pub(super) fn len(&self) -> usize {
        self.kinds.values().map(FastMap::len).sum()
    }

    pub(super) fn values(&self) -> impl Iterator<Item = &V> {
        self.kinds.values().flat_map(FastMap::values)
    }

    /// Moves every entry of `other` into this map (an entry of both takes `other`'s value).
    pub(super) fn append(&mut self, other: &mut ByRecord<V>) {
        for (kind, mut ids) in other.kinds.drain() {
            match self.kinds.get_mut(&kind) {
                Some(mine) => mine.extend(ids.drain()),
                None => {
                    self.kinds.insert(kind, ids);
                }
            }
        }
    }
}
