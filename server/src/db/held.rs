//! What a site transaction does with the rows it holds back ([`super::pending`]): a plain
//! change's log row held back under its record's placement, a held-back record found, placed
//! in memory, or sent before a read that would miss it.

use super::pending::{RecordRow, Row, HOLD};
use super::site_tx::SiteTx;
use crate::error::AppResult;

impl SiteTx {
    /// Holds back the log row of a plain change (its record moved nowhere) under the
    /// record's placement. False when the record has no row: logged the long way.
    pub(super) async fn hold_log_row(&mut self, mut row: Row) -> AppResult<bool> {
        let Some(placed) = self.placed(&row.kind, &row.id).await? else { return Ok(false) };
        self.touched.insert(crate::pokes::area_key(placed.area_id.as_deref()));
        if let Some(d) = &placed.dept_id {
            self.touched.insert(shared::scope::Scope::Department(d.as_str().into()).key());
        }
        (row.seq, row.area, row.dept) = (self.next_seq, placed.area_id, placed.dept_id);
        self.pending.current.log.push(row);
        self.next_seq += 1;
        if self.pending.unsent_len() >= HOLD {
            self.flush().await?;
        }
        Ok(true)
    }

    /// The held-back `records` row of `kind`/`id` (a record this transaction created and has
    /// not sent yet).
    pub(super) fn held_record(&mut self, kind: &str, id: &str) -> Option<&mut RecordRow> {
        self.pending.unsent_mut().find_map(|rows| rows.records.get_mut(kind, id))
    }

    /// Sends what is held back when `kind`/`id`'s `records` row is among it: a read or update
    /// of that row follows. Other records' rows do not change what it finds.
    pub(super) async fn flush_if_held(&mut self, kind: &str, id: &str) -> AppResult<()> {
        if self.held_record(kind, id).is_some() {
            self.flush().await?;
        }
        Ok(())
    }

    /// Sends what is held back when a held-back record names `parent` as its parent: a read of
    /// `parent`'s children follows.
    pub(super) async fn flush_if_child_held(&mut self, parent: &str) -> AppResult<()> {
        let held = self
            .pending
            .unsent()
            .flat_map(|rows| rows.records.values())
            .any(|r| r.parent.as_deref() == Some(parent));
        if held {
            self.flush().await?;
        }
        Ok(())
    }

    /// Places a held-back record in `area` in memory, its held-back log rows with it: nobody
    /// has seen it anywhere yet, so there is nothing to copy into `area` nor to take back from
    /// where it was. False (nothing done) when the record is not held back.
    pub(super) fn move_held(&mut self, kind: &str, id: &str, area: &str) -> bool {
        let Some(row) = self.held_record(kind, id) else { return false };
        // Its log rows follow when they are sent ([`SiteTx::flush`]).
        row.area = Some(area.to_owned());
        if let Some(Some(placed)) = self.cache.placed.get_mut(kind, id) {
            placed.area_id = Some(area.to_owned());
        }
        self.touched.insert(crate::pokes::area_key(Some(area)));
        true
    }
}
