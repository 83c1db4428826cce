//! Writing one change in a site transaction: the record's row (created, held back, when
//! nobody has it), the merged value, the record's placement ([`super::placement`]) and the
//! log rows — held back for a plain change ([`super::held`]), else copied from `fields`
//! under every scope the change reaches.

use super::keyed::FastSet;
use super::pending::{RecordRow, Row};
use super::site_tx::SiteTx;
use super::tx_cache::{written_state, Placed};
use crate::error::{AppError, AppResult};
use shared::scope::{placement, Placement};
use shared::Change;
use sqlx::Row as _;

impl SiteTx {
    /// Makes `c` the field's value and appends it to the log. The caller has decided it
    /// wins (or is the server's own answer); this does no merge. The record's placement is
    /// updated first ([`SiteTx::place`]), so the log row carries the scope it now belongs to.
    pub async fn write(&mut self, c: &Change) -> AppResult<()> {
        let value = serde_json::to_string(&c.value).map_err(AppError::internal)?;
        let (kind, id) = (c.kind.as_str(), c.id.as_str());
        if !self.ensured.contains(kind, id) {
            // A record nobody has (every record the batch names was read up front) is
            // created with the transaction's other rows, held back ([`super::pending`]).
            if self.placed(kind, id).await?.is_none() {
                let area = Self::initial_area(kind);
                let row = RecordRow {
                    kind: kind.to_owned(),
                    id: id.to_owned(),
                    area: area.map(str::to_owned),
                    parent: None,
                    owner: self.owner.clone(),
                };
                self.pending.current.records.insert(kind, id, row);
                self.fresh.insert(kind, id, FastSet::default());
                let placed = Placed {
                    area_id: area.map(str::to_owned),
                    dept_id: None,
                    owner_id: self.owner.clone(),
                };
                self.cache.placed.insert(kind, id, Some(placed));
            }
            self.ensured.insert(kind, id, ());
        }
        if let Some(written) = self.fresh.get_mut(kind, id) {
            if !written.contains(&c.field) {
                written.insert(c.field.clone());
            }
        }
        let row = Row {
            kind: kind.to_owned(),
            id: id.to_owned(),
            field: c.field.clone(),
            value,
            hlc: c.hlc,
            replica: c.replica.as_str().to_owned(),
            prev: c.prev,
            seq: 0,
            area: None,
            dept: None,
        };
        self.pending.current.fields.push(row.clone());
        self.cache.set_field(kind, id, &c.field, Some(written_state(c)));
        let joins = self.place(c).await?;
        // A linked record (a person) is logged once per area it is linked into.
        let linked = matches!(placement(kind), Placement::Linked { .. });
        if !linked && joins.is_empty() && self.hold_log_row(row).await? {
            return Ok(());
        }
        self.flush().await?;
        if linked {
            let areas = self.person_areas(id).await?;
            for area in &areas {
                self.log_field(kind, id, &c.field, Some(area)).await?;
            }
            if areas.is_empty() {
                self.log_field(kind, id, &c.field, None).await?;
            }
        } else {
            self.log_field(kind, id, &c.field, None).await?;
        }
        for (kind, id, area) in joins {
            let rows = sqlx::query(
                "SELECT field FROM fields WHERE kind = $1 AND record_id = $2 AND site_id = $3",
            )
            .bind(&kind)
            .bind(&id)
            .bind(self.site_id.clone())
            .fetch_all(self.conn().await?)
            .await?;
            for row in rows {
                let field: String = row.try_get("field")?;
                // The change itself was just logged under the record's new placement.
                let logged = (kind.as_str(), id.as_str(), field.as_str())
                    == (c.kind.as_str(), c.id.as_str(), c.field.as_str())
                    && !linked;
                if !logged {
                    self.log_field(&kind, &id, &field, area.as_deref()).await?;
                }
            }
        }
        Ok(())
    }

    /// Appends a stored field to the log, under `area` or else its record's own placement:
    /// copied from `fields`, not re-bound.
    async fn log_field(
        &mut self,
        kind: &str,
        id: &str,
        field: &str,
        area: Option<&str>,
    ) -> AppResult<()> {
        self.flush().await?;
        let row = sqlx::query(
            "INSERT INTO changes (site_id, seq, area_id, dept_id, kind, record_id, field, value, hlc, replica, prev) \
             SELECT f.site_id, $1, COALESCE($2, r.area_id), r.dept_id, f.kind, f.record_id, f.field, \
                    f.value, f.hlc, f.replica, f.prev \
             FROM fields f JOIN records r \
               ON r.kind = f.kind AND r.id = f.record_id AND r.site_id = f.site_id \
             WHERE f.kind = $3 AND f.record_id = $4 AND f.field = $5 AND f.site_id = $6 \
             RETURNING area_id, dept_id",
        )
        .bind(self.next_seq)
        .bind(area)
        .bind(kind)
        .bind(id)
        .bind(field)
        .bind(self.site_id.clone())
        .fetch_one(self.conn().await?)
        .await?;
        let area: Option<String> = row.try_get("area_id")?;
        let dept: Option<String> = row.try_get("dept_id")?;
        self.touched.insert(crate::pokes::area_key(area.as_deref()));
        if let Some(d) = dept {
            self.touched.insert(shared::scope::Scope::Department(d.into()).key());
        }
        self.next_seq += 1;
        Ok(())
    }
}
