//! Changes the server refused, explained and kept until read.
//!
//! A push reply's rejection undoes a change the user made, perhaps hours ago offline: the
//! compensation quietly puts the server's value back. So each rejection also becomes a
//! [`Notice`] — which record and field, the code, the server's message, when — stored in the
//! same transaction as the compensation (meta [`store::META_NOTICES`]), shown by a banner and
//! kept across reloads until the user acknowledges it ([`Engine::ack_notice`]).
//!
//! `rewritten` and `clock_ahead` are not refusals of what the user meant (an identity field
//! set by the server, an edit re-stamped): they make no notice.

use super::{Engine, SyncError, Transport};
use crate::store::{self, LocalStore, WriteSet};
use serde::{Deserialize, Serialize};
use shared::fields::read;
use shared::names::{field, kind};
use shared::protocol::{Batch, Rejection};
use shared::refusal::RejectCode;
use shared::replica::ReplicaState;
use shared::request::history::CHILD_KINDS;
use shared::{Kind, RecordId};

/// One refused change, as the banner explains it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    /// Unique on this replica: `"<seq>.<index>"` of the refused change.
    pub id: String,
    /// The refused change's record kind, id and field.
    pub kind: Kind,
    pub record: RecordId,
    pub field: String,
    /// The value the device had written (and that was undone).
    pub value: serde_json::Value,
    /// The request it concerns (the record itself, or the request a child record belongs
    /// to), for the banner's link.
    pub request: Option<RecordId>,
    pub code: RejectCode,
    /// The server's message, as sent.
    pub message: String,
    /// When the refusal arrived (device ms).
    pub at: u64,
}

/// Whether a rejection with `code` is worth telling the user: everything but the server's
/// own rewrites of identity fields and re-stamps of a clock running ahead.
pub fn is_refusal(code: RejectCode) -> bool {
    !matches!(code, RejectCode::Rewritten | RejectCode::ClockAhead)
}

/// The notices of `rejections`, the refused changes found in `outbox` by seq and index
/// (the batches are still there when the reply is applied). A rejection of a change the
/// outbox no longer holds uses its compensation's kind, id and field.
pub fn notices_from(
    outbox: &[Batch],
    rejections: &[Rejection],
    state: &ReplicaState,
    at: u64,
) -> Vec<Notice> {
    rejections
        .iter()
        .filter(|r| is_refusal(r.code))
        .filter_map(|r| {
            let sent = outbox.iter().find(|b| b.seq == r.seq).and_then(|b| b.changes.get(r.index));
            let c = sent.or(r.compensation.as_ref())?;
            let request = if c.kind.as_str() == kind::REQUEST {
                Some(c.id.clone())
            } else if CHILD_KINDS.contains(&c.kind.as_str()) {
                state
                    .field(&c.kind, &c.id, field::REQUEST)
                    .and_then(|s| read::reference(&s.value))
                    .or_else(|| (c.field == field::REQUEST).then(|| read::reference(&c.value))?)
            } else {
                None
            };
            Some(Notice {
                id: format!("{}.{}", r.seq, r.index),
                kind: c.kind.clone(),
                record: c.id.clone(),
                field: c.field.clone(),
                value: sent.map_or(serde_json::Value::Null, |s| s.value.clone()),
                request,
                code: r.code,
                message: r.message.clone(),
                at,
            })
        })
        .collect()
}

/// The notices of one record refused with one code, as the banner shows them: one line
/// however many of the record's fields were refused (a new record refused whole).
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeGroup {
    /// The notices' ids, acknowledged together.
    pub ids: Vec<String>,
    pub kind: Kind,
    pub fields: Vec<String>,
    pub code: RejectCode,
    pub request: Option<RecordId>,
    /// The wire names and the server's messages, for support.
    pub details: String,
}

/// `notices` grouped by record and code, in the order they came.
pub fn grouped(notices: &[Notice]) -> Vec<NoticeGroup> {
    let mut out: Vec<(RecordId, NoticeGroup)> = Vec::new();
    for n in notices {
        let line = format!("{}.{} · {}: {}", n.kind, n.field, n.code, n.message);
        match out.iter_mut().find(|(r, g)| *r == n.record && g.code == n.code) {
            Some((_, g)) => {
                g.ids.push(n.id.clone());
                if !g.fields.contains(&n.field) {
                    g.fields.push(n.field.clone());
                }
                g.details = format!("{}\n{line}", g.details);
            }
            None => out.push((
                n.record.clone(),
                NoticeGroup {
                    ids: vec![n.id.clone()],
                    kind: n.kind.clone(),
                    fields: vec![n.field.clone()],
                    code: n.code,
                    request: n.request.clone(),
                    details: line,
                },
            )),
        }
    }
    out.into_iter().map(|(_, g)| g).collect()
}

/// `kept` with `new` added, each id once (a reply applied twice adds nothing).
pub fn merge_notices(kept: &[Notice], new: Vec<Notice>) -> Vec<Notice> {
    let mut out = kept.to_vec();
    for n in new {
        if !out.iter().any(|o| o.id == n.id) {
            out.push(n);
        }
    }
    out
}

impl<S: LocalStore, T: Transport> Engine<S, T> {
    /// The user has read notice `id`: it is removed for good (an unknown id changes nothing).
    pub async fn ack_notice(&self, id: &str) -> Result<(), SyncError> {
        self.ack_notices(&[id.to_owned()]).await
    }

    /// The user has read the notices `ids` (a [`NoticeGroup`]): removed in one commit.
    pub async fn ack_notices(&self, ids: &[String]) -> Result<(), SyncError> {
        let mut g = self.lock().await?;
        if !g.notices.iter().any(|n| ids.contains(&n.id)) {
            return Ok(());
        }
        let left: Vec<Notice> =
            g.notices.iter().filter(|n| !ids.contains(&n.id)).cloned().collect();
        let mut w = WriteSet::default();
        w.set_meta(store::META_NOTICES, &left)?;
        self.store.commit(w).await?;
        g.notices = left;
        self.notify(&g);
        Ok(())
    }
}
