//! The records a batch's whole-record rules read (`shared::push_rules::view`): `shared` says
//! what it wants ([`wanted`]) from what is known so far, the storage layer fetches it — whole
//! records of the few kinds whose rules need them, one query per kind and round — until
//! nothing new is wanted (a checklist option leads to its item, section and template: at most
//! four rounds). Of a request whose other fields are edited only the stored `status` is read
//! (is it closed?), which the group's prefetch already read (`SiteTx::prefetch`): no query of
//! its own. A batch whose rules read no record ([`reads_records`]) costs no query and no
//! view.

use crate::db::site_tx::SiteTx;
use crate::error::AppResult;
use shared::names::{field, kind};
use shared::push_rules::view::{reads_records, wanted, Wanted};
use shared::push_rules::{BatchView, Pusher};
use shared::request::number::NumberBlock;
use shared::{Change, Kind, ReplicaState};
use std::collections::BTreeMap;

/// Enough for the longest chain the rules follow (option → item → section → template).
const MAX_ROUNDS: usize = 4;

/// The view of `batch` pushed by `pusher`, or `None` when its rules read no record.
pub(super) async fn batch_view(
    stx: &mut SiteTx,
    pusher: Pusher<'_>,
    batch: &[Change],
) -> AppResult<Option<BatchView>> {
    if !batch.iter().any(reads_records) {
        return Ok(None);
    }
    let mut view = BatchView::new(ReplicaState::new(), pusher, batch);
    let mut want = wanted(&view, batch);
    if want.is_empty() {
        return Ok(None);
    }
    let mut before = ReplicaState::new();
    let request = Kind::new(kind::REQUEST);
    for id in &want.status_of {
        if let Some(s) = stx.stored(kind::REQUEST, id.as_str(), field::STATUS).await? {
            before.apply(&s.to_change(&request, id, field::STATUS));
        }
    }
    view = BatchView::new(before.clone(), pusher, batch);
    want = wanted(&view, batch);
    let mut fetched = Wanted::default();
    for _ in 0..MAX_ROUNDS {
        let mut by_kind: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (kind, id) in want.records.difference(&fetched.records) {
            by_kind.entry(kind).or_default().push(id.as_str());
        }
        let history: Vec<&str> =
            want.history_of.difference(&fetched.history_of).map(|id| id.as_str()).collect();
        let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (kind, parent) in want.children.difference(&fetched.children) {
            children.entry(kind).or_default().push(parent.as_str());
        }
        if by_kind.is_empty() && history.is_empty() && children.is_empty() {
            break;
        }
        for (kind, ids) in by_kind {
            for c in stx.whole_records(kind, &ids).await? {
                before.apply(&c);
            }
        }
        if !history.is_empty() {
            for c in stx.request_history(&history).await? {
                before.apply(&c);
            }
        }
        for (kind, parents) in children {
            for c in stx.children(&[kind], &parents).await? {
                before.apply(&c);
            }
        }
        fetched.records.extend(want.records);
        fetched.history_of.extend(want.history_of);
        fetched.children.extend(want.children);
        view = BatchView::new(before.clone(), pusher, batch);
        want = wanted(&view, batch);
    }
    Ok(Some(view))
}

/// The number blocks of the pushing replica, read only when `batch` numbers a request.
pub(super) async fn blocks_for(
    stx: &mut SiteTx,
    replica: &str,
    batch: &[Change],
) -> AppResult<Vec<NumberBlock>> {
    let numbers = batch.iter().any(|c| {
        c.kind.as_str() == shared::names::kind::REQUEST && c.field == shared::names::field::NUMBER
    });
    if numbers {
        stx.replica_blocks(replica).await
    } else {
        Ok(Vec::new())
    }
}
