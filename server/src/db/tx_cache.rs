//! What a site transaction already knows of the records it touches: their placement and
//! their merged fields, read for a whole group in a few queries ([`super::prefetch`])
//! instead of one or two lookups per change, and kept current by the transaction's own
//! writes (`SiteTx::write` and the placement updates). The transaction
//! holds the site's write lock, so nobody else changes these rows meanwhile; a rollback to
//! a savepoint forgets everything ([`TxCache::clear`]).

use super::keyed::{ByRecord, FastMap};
use crate::error::AppResult;
use shared::{Change, FieldState};
use sqlx::Row;

/// What the records table says about one record of the transaction's site (records are
/// keyed by site: another site's record of the same id is another record, never seen here).
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub(super) area_id: Option<String>,
    pub(super) dept_id: Option<String>,
    pub(super) owner_id: Option<String>,
}

impl Placed {
    pub(super) fn from_row(r: &sqlx::any::AnyRow) -> AppResult<Placed> {
        Ok(Placed {
            area_id: r.try_get("area_id")?,
            dept_id: r.try_get("dept_id")?,
            owner_id: r.try_get("owner_id")?,
        })
    }
}

/// The cache of one site transaction.
#[derive(Debug, Default)]
pub(super) struct TxCache {
    /// `records` rows; `None`: no such record.
    pub(super) placed: ByRecord<Option<Placed>>,
    /// Merged fields of records.
    fields: ByRecord<Known>,
}

/// What is known of one record's merged fields.
#[derive(Debug, Default)]
struct Known {
    /// By field; `None`: known to be unset.
    fields: FastMap<String, Option<FieldState>>,
    /// Every field of the record is in `fields` (a field missing there is unset).
    all: bool,
}

impl TxCache {
    /// Forgets everything (a rollback undid writes this cache may hold).
    pub(super) fn clear(&mut self) {
        self.placed.clear();
        self.fields.clear();
    }

    /// What the cache knows of a field: `Some(state)` when known, `None` when it must be read.
    pub(super) fn field(&self, kind: &str, id: &str, field: &str) -> Option<Option<FieldState>> {
        let known = self.fields.get(kind, id)?;
        if let Some(state) = known.fields.get(field) {
            return Some(state.clone());
        }
        known.all.then_some(None)
    }

    /// Remembers a field as read or written.
    pub(super) fn set_field(&mut self, kind: &str, id: &str, field: &str, s: Option<FieldState>) {
        let known = self.fields.get_or_insert_with(kind, id, Known::default);
        match known.fields.get_mut(field) {
            Some(slot) => *slot = s,
            None => {
                known.fields.insert(field.to_owned(), s);
            }
        }
    }

    /// Remembers that a record has no stored field at all (it does not exist).
    pub(super) fn set_no_fields(&mut self, kind: &str, id: &str) {
        self.fields.get_or_insert_with(kind, id, Known::default).all = true;
    }

    /// Remembers a field as read, unless this transaction wrote it since (then the cache
    /// holds it already, and newer).
    pub(super) fn set_read_field(&mut self, kind: &str, id: &str, field: &str, s: FieldState) {
        let known = self.fields.get_or_insert_with(kind, id, Known::default);
        if !known.fields.contains_key(field) {
            known.fields.insert(field.to_owned(), Some(s));
        }
    }

    /// Forgets a record's placement (its `records` row was updated).
    pub(super) fn forget_placed(&mut self, kind: &str, id: &str) {
        self.placed.remove(kind, id);
    }
}

/// A written change as the field state it stores.
pub(super) fn written_state(c: &Change) -> FieldState {
    FieldState { value: c.value.clone(), hlc: c.hlc, replica: c.replica.clone(), prev: c.prev }
}
