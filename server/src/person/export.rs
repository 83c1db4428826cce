//! `guanjia person export`: everything a site holds about one person as one JSON document —
//! each record tied to them (`shared::personal::Tie` says why), each of its fields with its
//! value now and its history from the log: every value it held, when, and who wrote it.

use super::{Held, SiteRecords, Who};
use crate::error::AppResult;
use crate::state::AppState;
use serde_json::{json, Map, Value};
use shared::audit::AuditAction;
use shared::{ReplicaId, Stamp};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The document's format version: a reader tells a later layout by it.
pub const FORMAT: u32 = 1;

/// Writes what the site `site_id` holds about the person `who` names, and records the
/// export in the audit log as done by `user`. Ambiguous or unknown: an error, and nothing
/// is written or recorded.
pub async fn export(state: &AppState, site_id: &str, who: &Who, user: &str) -> AppResult<Value> {
    let site = SiteRecords::read(state, site_id).await?;
    let person = site.one(who)?;
    let held = Held::collect(&site, &person)?;
    let doc = document(state, site_id, &held).await?;
    let detail = format!("{} records", held.records.len());
    let action = AuditAction::PersonExport;
    crate::audit::record(state, site_id, user, action, person.as_str(), &detail).await?;
    Ok(doc)
}

/// The document: the person's id, when, and the records with their fields' histories.
async fn document(state: &AppState, site_id: &str, held: &Held) -> AppResult<Value> {
    let ids: Vec<String> = held.records.iter().map(|r| r.id.as_str().to_owned()).collect();
    let log = state.db().records_history(site_id, &ids).await?;
    let replicas: BTreeSet<ReplicaId> = log.iter().map(|r| r.change.replica.clone()).collect();
    let owners = state.db().replica_users(&replicas.into_iter().collect::<Vec<_>>()).await?;
    // (kind, id, field) → its values in log order, each write once (a record that joined a
    // scope has its fields in the log again, with the same stamp).
    let mut history: BTreeMap<(&str, &str, &str), Vec<Value>> = BTreeMap::new();
    let mut seen: BTreeSet<(&str, &str, &str, Stamp)> = BTreeSet::new();
    for row in &log {
        let c = &row.change;
        let key = (c.kind.as_str(), c.id.as_str(), c.field.as_str());
        if seen.insert((key.0, key.1, key.2, c.stamp())) {
            history.entry(key).or_default().push(write(&c.value, c.hlc, &c.replica, &owners));
        }
    }
    let records: Vec<Value> = held
        .records
        .iter()
        .map(|r| {
            let mut fields = Map::new();
            for (name, s) in r.fields.iter() {
                let key = (r.kind.as_str(), r.id.as_str(), name.as_str());
                let mut now = write(&s.value, s.hlc, &s.replica, &owners);
                now["history"] = Value::Array(history.remove(&key).unwrap_or_default());
                fields.insert(name.clone(), now);
            }
            json!({"kind": r.kind, "id": r.id, "tie": r.tie, "fields": fields})
        })
        .collect();
    Ok(json!({
        "format": FORMAT,
        "site_id": site_id,
        "person_id": held.person,
        "exported_at": state.config().clock.now_ms(),
        "records": records,
    }))
}

/// One write of a field: its value, when (the stamp's milliseconds) and who (the owner of
/// the replica that wrote it; `server` for the server's own writes).
fn write(
    value: &Value,
    hlc: shared::Hlc,
    replica: &ReplicaId,
    owners: &HashMap<ReplicaId, String>,
) -> Value {
    let by = owners.get(replica).cloned().unwrap_or_else(|| replica.as_str().to_owned());
    json!({"value": value, "at": hlc.millis(), "by": by, "replica": replica})
}
