//! The checklists as the forms, the report and the editor see them: the defaults
//! ([`super::defaults`]) overlaid by the site's records, field by field.
//!
//! Versions: a template's `version` is the one rounds start with (published). Sections and
//! items carry `from_version` (the first version they belong to) and `to_version` (the first
//! they no longer do). The editor works on the draft, `version + 1`: an item of the draft
//! alone is edited in place; a published item is never changed — it is retired
//! (`to_version` = draft) and copied into the draft. Publishing sets `version` to the draft.
//!
//! Laws:
//! - The checklist of version `v` is exactly the live records with `from_version ≤ v <
//!   to_version`; publishing a draft never changes what an earlier version lists.
//! - A default is overridden by a record with its id; a cleared field keeps the default.

pub use super::defaults::{default_id, PATROL_TEMPLATE, QUALITY_TEMPLATE};
use super::{Covers, ItemType, Purpose};
use crate::fields::read;
use crate::ids::{Kind, RecordId};
use crate::names::field;
use crate::replica::ReplicaState;
use serde_json::Value;

/// One field of a checklist record: the site's value, else the default's.
pub fn value(state: &ReplicaState, kind: &str, id: &RecordId, field: &str) -> Option<Value> {
    let own = state.field(&Kind::new(kind), id, field).map(|s| s.value.clone());
    own.filter(|v| !v.is_null()).or_else(|| {
        super::defaults::records()
            .iter()
            .find(|(k, i, _)| *k == kind && i == id)
            .and_then(|(_, _, f)| f.iter().find(|(n, _)| *n == field).map(|(_, v)| v.clone()))
    })
}

/// The ids of the live records of a checklist kind: defaults and the site's own.
pub fn ids(state: &ReplicaState, kind: &str) -> Vec<RecordId> {
    let mut out: Vec<RecordId> = super::defaults::records()
        .iter()
        .filter(|(k, _, _)| *k == kind)
        .map(|(_, id, _)| id.clone())
        .collect();
    for (id, _) in state.records_of(kind) {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out.retain(|id| !flag(state, kind, id, field::DELETED));
    out
}

/// [`value`] read as text by [`read::text`] (empty when blank or unset).
fn text(state: &ReplicaState, kind: &str, id: &RecordId, field: &str) -> String {
    value(state, kind, id, field).as_ref().and_then(read::text).unwrap_or_default().to_owned()
}

fn int(state: &ReplicaState, kind: &str, id: &RecordId, field: &str) -> Option<i64> {
    value(state, kind, id, field).as_ref().and_then(read::int)
}

fn reference(state: &ReplicaState, kind: &str, id: &RecordId, field: &str) -> Option<RecordId> {
    value(state, kind, id, field).as_ref().and_then(read::reference)
}

fn flag(state: &ReplicaState, kind: &str, id: &RecordId, field: &str) -> bool {
    value(state, kind, id, field).as_ref().is_some_and(read::is_true)
}

/// Whether a record living from `from` until before `to` belongs to version `v`.
pub fn in_version(from: i64, to: Option<i64>, v: i64) -> bool {
    from <= v && to.is_none_or(|t| v < t)
}

/// A checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub id: RecordId,
    pub name_zh: String,
    pub name_en: String,
    pub purpose: Purpose,
    /// The published version: what new rounds start with.
    pub version: i64,
}

/// A section of a checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: RecordId,
    pub template: RecordId,
    pub name_zh: String,
    pub name_en: String,
    pub covers: Option<Covers>,
    pub sort: i64,
    pub from_version: i64,
    pub to_version: Option<i64>,
}

/// An item of a section.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: RecordId,
    pub section: RecordId,
    pub text_zh: String,
    pub text_en: String,
    pub ty: ItemType,
    /// A number's allowed range.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// A failed answer needs at least one photo.
    pub photo_on_fail: bool,
    /// The classifier topic and problem a finding is filed under (and so its department).
    pub topic: Option<RecordId>,
    pub problem: Option<RecordId>,
    pub sort: i64,
    pub from_version: i64,
    pub to_version: Option<i64>,
}

/// An option of a single-choice item.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    pub id: RecordId,
    pub item: RecordId,
    pub label_zh: String,
    pub label_en: String,
    /// Choosing it is a finding.
    pub fails: bool,
    pub sort: i64,
}

/// Every live checklist, patrol ones first, then by name.
pub fn templates(state: &ReplicaState) -> Vec<Template> {
    let kind = super::TEMPLATE;
    let mut out: Vec<Template> = ids(state, kind)
        .into_iter()
        .map(|id| Template {
            name_zh: text(state, kind, &id, field::NAME_ZH),
            name_en: text(state, kind, &id, field::NAME_EN),
            purpose: Purpose::parse(&text(state, kind, &id, field::PURPOSE))
                .unwrap_or(Purpose::Patrol),
            version: int(state, kind, &id, field::VERSION).unwrap_or(1).max(1),
            id,
        })
        .collect();
    out.sort_by(|a, b| (a.purpose as u8, &a.name_zh).cmp(&(b.purpose as u8, &b.name_zh)));
    out
}

/// One checklist by id.
pub fn template(state: &ReplicaState, id: &RecordId) -> Option<Template> {
    templates(state).into_iter().find(|t| &t.id == id)
}

/// Every live section of `template` (any version), in order.
pub fn all_sections(state: &ReplicaState, template: &RecordId) -> Vec<Section> {
    let kind = super::SECTION;
    let mut out: Vec<Section> = ids(state, kind)
        .into_iter()
        .filter(|id| reference(state, kind, id, field::TEMPLATE).as_ref() == Some(template))
        .map(|id| Section {
            template: template.clone(),
            name_zh: text(state, kind, &id, field::NAME_ZH),
            name_en: text(state, kind, &id, field::NAME_EN),
            covers: Covers::parse(&text(state, kind, &id, field::COVERS)),
            sort: int(state, kind, &id, field::SORT).unwrap_or(i64::MAX),
            from_version: int(state, kind, &id, field::FROM_VERSION).unwrap_or(1),
            to_version: int(state, kind, &id, field::TO_VERSION),
            id,
        })
        .collect();
    out.sort_by(|a, b| (a.sort, &a.name_zh).cmp(&(b.sort, &b.name_zh)));
    out
}

/// Every live item of `section` (any version), in order.
pub fn all_items(state: &ReplicaState, section: &RecordId) -> Vec<Item> {
    let kind = super::ITEM;
    let number = |id: &RecordId, f: &str| value(state, kind, id, f).as_ref().and_then(read::number);
    let mut out: Vec<Item> = ids(state, kind)
        .into_iter()
        .filter(|id| reference(state, kind, id, field::SECTION).as_ref() == Some(section))
        .map(|id| Item {
            section: section.clone(),
            text_zh: text(state, kind, &id, field::TEXT_ZH),
            text_en: text(state, kind, &id, field::TEXT_EN),
            ty: ItemType::parse(&text(state, kind, &id, field::TYPE)).unwrap_or(ItemType::PassFail),
            min: number(&id, field::MIN),
            max: number(&id, field::MAX),
            photo_on_fail: flag(state, kind, &id, field::PHOTO_ON_FAIL),
            topic: reference(state, kind, &id, field::TOPIC),
            problem: reference(state, kind, &id, field::PROBLEM),
            sort: int(state, kind, &id, field::SORT).unwrap_or(i64::MAX),
            from_version: int(state, kind, &id, field::FROM_VERSION).unwrap_or(1),
            to_version: int(state, kind, &id, field::TO_VERSION),
            id,
        })
        .collect();
    out.sort_by(|a, b| (a.sort, &a.text_zh).cmp(&(b.sort, &b.text_zh)));
    out
}

/// The options of a single-choice item, in order.
pub fn options(state: &ReplicaState, item: &RecordId) -> Vec<ChoiceOption> {
    let kind = super::OPTION;
    let mut out: Vec<ChoiceOption> = ids(state, kind)
        .into_iter()
        .filter(|id| reference(state, kind, id, field::ITEM).as_ref() == Some(item))
        .map(|id| ChoiceOption {
            item: item.clone(),
            label_zh: text(state, kind, &id, field::LABEL_ZH),
            label_en: text(state, kind, &id, field::LABEL_EN),
            fails: flag(state, kind, &id, field::FAILS),
            sort: int(state, kind, &id, field::SORT).unwrap_or(i64::MAX),
            id,
        })
        .collect();
    out.sort_by(|a, b| (a.sort, &a.label_zh).cmp(&(b.sort, &b.label_zh)));
    out
}

/// The checklist of `template` at `version`: its sections with their items.
pub fn checklist(
    state: &ReplicaState,
    template: &RecordId,
    version: i64,
) -> Vec<(Section, Vec<Item>)> {
    all_sections(state, template)
        .into_iter()
        .filter(|s| in_version(s.from_version, s.to_version, version))
        .map(|s| {
            let items = all_items(state, &s.id)
                .into_iter()
                .filter(|i| in_version(i.from_version, i.to_version, version))
                .collect();
            (s, items)
        })
        .collect()
}

/// One item by id (any version): the report reads an old round's items with it.
pub fn item(state: &ReplicaState, id: &RecordId) -> Option<Item> {
    let section = reference(state, super::ITEM, id, field::SECTION)?;
    all_items(state, &section).into_iter().find(|i| &i.id == id)
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
