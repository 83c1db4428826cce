//! Which checklist rows are published (`template`, "Versions"): a section or item whose
//! `from_version` is at most its template's `version`, an option of such an item. What a
//! published version lists never changes — a row is retired (`to_version` set to the draft)
//! and copied, never edited — so a round reads its checklist as it was answered. The server's
//! push verdict keeps it ([`crate::push_rules`]), and the app's editor builds its edits the
//! same way ([`super::template`]).

use super::{defaults, template, ITEM, OPTION, SECTION, TEMPLATE};
use crate::names::field;
use crate::replica::ReplicaState;
use crate::{Kind, RecordId};

/// Whether a section or item first listed in `from_version` belongs to the published
/// `version` of its template (and so is never changed). The app's editor asks the same.
pub fn is_published(from_version: i64, version: i64) -> bool {
    from_version <= version
}

/// A checklist row as the rules read it: `before` the pushed batch (what is stored, and the
/// defaults in code), and `after` it (for rows the batch creates).
#[derive(Clone, Copy)]
pub struct Rows<'a> {
    pub before: &'a ReplicaState,
    pub after: &'a ReplicaState,
}

impl Rows<'_> {
    /// The state that says what a row is: the stored one for a row stored or in the
    /// defaults (a batch cannot rewrite what it changes), else the batch's.
    fn of(&self, kind: &str, id: &RecordId) -> &ReplicaState {
        let stored = self.before.record(&Kind::new(kind), id).is_some()
            || defaults::records().iter().any(|(k, i, _)| *k == kind && i == id);
        if stored {
            self.before
        } else {
            self.after
        }
    }

    fn int(&self, kind: &str, id: &RecordId, name: &str) -> Option<i64> {
        template::value(self.of(kind, id), kind, id, name).and_then(|v| v.as_i64())
    }

    fn parent(&self, kind: &str, id: &RecordId, name: &str) -> Option<RecordId> {
        let v = template::value(self.of(kind, id), kind, id, name)?;
        Some(RecordId::from(v.as_str()?)).filter(RecordId::is_valid)
    }

    /// The published version of `template`, as stored (a batch publishing a draft does not
    /// make its own earlier rows published); 0 when none is.
    fn published(&self, template: &RecordId) -> i64 {
        template::value(self.before, TEMPLATE, template, field::VERSION)
            .and_then(|v| v.as_i64())
            .unwrap_or(0)
    }

    /// The published version `kind` row `id` belongs to, if it is published.
    pub fn published_in(&self, kind: &str, id: &RecordId) -> Option<i64> {
        match kind {
            SECTION => {
                let t = self.parent(SECTION, id, field::TEMPLATE)?;
                let v = self.published(&t);
                is_published(self.int(SECTION, id, field::FROM_VERSION).unwrap_or(1), v)
                    .then_some(v)
            }
            ITEM => {
                let s = self.parent(ITEM, id, field::SECTION)?;
                let v = self.published(&self.parent(SECTION, &s, field::TEMPLATE)?);
                is_published(self.int(ITEM, id, field::FROM_VERSION).unwrap_or(1), v).then_some(v)
            }
            OPTION => self.published_in(ITEM, &self.parent(OPTION, id, field::ITEM)?),
            _ => None,
        }
    }

    /// Whether writing `value` to `name` of published row `id` (of version `v`) retires it
    /// in the draft — the one change a published section or item takes: its `to_version`,
    /// unset or later than `v`, set to a version later than `v` (or unset again).
    pub fn retires(
        &self,
        kind: &str,
        id: &RecordId,
        name: &str,
        value: &serde_json::Value,
        v: i64,
    ) -> bool {
        let later = |t: Option<i64>| t.is_none_or(|t| t > v);
        kind != OPTION
            && name == field::TO_VERSION
            && later(self.int(kind, id, field::TO_VERSION))
            && (value.is_null() || value.as_i64().is_some_and(|t| t > v))
    }

    /// The rows `kind` row `id` leads to (its section, template; an option's item): what the
    /// server reads before judging a batch that writes it.
    pub fn leads_to(&self, kind: &str, id: &RecordId) -> Vec<(&'static str, RecordId)> {
        let mut out = Vec::new();
        let (mut kind, mut id) = (kind, id.clone());
        for (from, up, name) in [
            (OPTION, ITEM, field::ITEM),
            (ITEM, SECTION, field::SECTION),
            (SECTION, TEMPLATE, field::TEMPLATE),
        ] {
            if kind == from {
                let Some(next) = self.parent(from, &id, name) else { break };
                out.push((up, next.clone()));
                (kind, id) = (up, next);
            }
        }
        out
    }
}
