//! `guanjia person erase`: a person's personal fields cleared from the current state and
//! from the history (`docs/ARCHITECTURE.md`, "Personal data").
//!
//! In one site transaction: each personal field that holds a value gets a server-authored
//! `null`, stamped after every value stored (the server clock observes each first), so it
//! wins by plain merge on every tablet at its next pull; then every older log row of each
//! personal field — set now or not, a cleared phone's old number is in the log too — is set
//! to `null` ([`crate::db::SiteTx::erase_log`]), so a device pulling from an old cursor, or a
//! snapshot, never receives the old value; and the refusals kept for resends that restate one
//! lose it. Ids and the fields the statistics count (a request's category, dates and status)
//! stay.

use super::{Held, SiteRecords, Who};
use crate::error::AppResult;
use crate::state::AppState;
use crate::sync::server_change;
use serde_json::Value;
use shared::audit::AuditAction;
use shared::personal::personal_of;
use shared::RecordId;

/// What an erasure did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erased {
    pub person: Option<RecordId>,
    /// `kind.field` of each value set to `null` now, once per record.
    pub cleared: Vec<String>,
    /// Log rows whose value was overwritten.
    pub log_rows: u64,
    /// Kept refusals whose compensation was cleared.
    pub refusals: u64,
    /// Why the SQLite file could not be rebuilt after the erasure, if it could not (its free
    /// space may still hold old bytes until the next `VACUUM`).
    pub file_not_rebuilt: Option<String>,
}

/// Erases the personal data of the person `who` names in site `site_id`, and records it in
/// the audit log as done by `user`. Ambiguous or unknown: an error, and nothing changes.
pub async fn erase(state: &AppState, site_id: &str, who: &Who, user: &str) -> AppResult<Erased> {
    let site = SiteRecords::read(state, site_id).await?;
    let person = site.one(who)?;
    let held = Held::collect(&site, &person)?;
    let mut out = Erased { person: Some(person.clone()), ..Erased::default() };
    let mut stx = state.db().begin_site(site_id).await?;
    for r in &held.records {
        let all = personal_of(&r.kind, r.tie);
        for f in &all {
            // Read again under the site's lock: a push since the records were read counts.
            let stored = stx.stored(&r.kind, r.id.as_str(), f).await?;
            if let Some(s) = stored.filter(|s| !s.value.is_null()) {
                state.with_clock(|c| c.observe(s.hlc));
                let c = server_change(&r.kind, &r.id, f, Value::Null, state.hlc_now());
                stx.write(&c).await?;
                out.cleared.push(format!("{}.{f}", r.kind));
            }
            out.log_rows += stx.erase_log(&r.kind, r.id.as_str(), f).await?;
        }
        if !all.is_empty() {
            out.refusals += stx.erase_refusals(r.id.as_str(), &all).await?;
        }
    }
    let touched = stx.touched();
    if stx.commit().await? {
        state.poke(site_id, &touched);
    }
    // Done and committed whatever follows: a file that could not be rebuilt now (another
    // process held it) is said, and recorded, not taken for a failed erasure.
    let mut detail = format!(
        "cleared {}; {} log rows, {} kept refusals",
        summary(&out.cleared),
        out.log_rows,
        out.refusals
    );
    if let Err(e) = state.db().after_erasure().await {
        tracing::warn!("the database file was not rebuilt after the erasure: {e}");
        out.file_not_rebuilt = Some(e.to_string());
        detail.push_str("; database file not rebuilt");
    }
    let action = AuditAction::PersonErase;
    crate::audit::record(state, site_id, user, action, person.as_str(), &detail).await?;
    Ok(out)
}

/// `person.name, request.contact_phone ×3`: each cleared field once, with its count.
fn summary(cleared: &[String]) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for c in cleared {
        *counts.entry(c.as_str()).or_default() += 1;
    }
    if counts.is_empty() {
        return "nothing".into();
    }
    let parts: Vec<String> = counts
        .into_iter()
        .map(|(f, n)| if n == 1 { f.to_owned() } else { format!("{f} ×{n}") })
        .collect();
    parts.join(", ")
}
