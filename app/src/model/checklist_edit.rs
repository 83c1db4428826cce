//! The supervisors' checklist editor: the edits that change a template's draft and publish
//! it (`shared::patrol::template`, "Versions").
//!
//! Laws:
//! - Every edit lands in the draft (`version + 1`); what a published version lists never
//!   changes, so a round started on it reads and reports as it was answered.
//! - A record of the draft alone is edited in place or deleted; a published one is retired
//!   (`to_version` = draft) and, when edited, copied into the draft under a new id.
//! - Publishing is one edit of the template's `version`; with nothing to publish — the draft
//!   asks what the published version asks ([`has_changes`]) — it is refused.

use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::names::field;
use shared::patrol::published::is_published;
use shared::patrol::template::{self, Item, Section, Template};
use shared::patrol::{Covers, ItemType, ITEM, OPTION, SECTION, TEMPLATE};
use shared::replica::ReplicaState;
use shared::RecordId;

/// What a supervisor typed for an item.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemForm {
    pub text_zh: String,
    pub text_en: String,
    pub ty: Option<ItemType>,
    /// A number's allowed range, as typed (empty: open).
    pub min: String,
    pub max: String,
    pub photo_on_fail: bool,
    /// The classifier topic and problem a finding is filed under.
    pub topic: Option<RecordId>,
    pub problem: Option<RecordId>,
    /// A choice item's options: `(中文, English, choosing it fails)`, one per line as typed.
    pub options: Vec<(String, String, bool)>,
}

/// Why an item form cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemError {
    /// Neither a Chinese nor an English text.
    NoText,
    /// `min` or `max` is not a number, or `min > max`.
    BadRange,
    /// A single-choice item needs at least two options.
    TooFewOptions,
}

/// The draft version of `t`: where every edit lands.
pub fn draft_version(t: &Template) -> i64 {
    t.version + 1
}

/// The draft checklist of `t`: its sections with their items.
pub fn draft(state: &ReplicaState, t: &Template) -> Vec<(Section, Vec<Item>)> {
    template::checklist(state, &t.id, draft_version(t))
}

/// One item as a round asks it: what a butler reads and may answer, without its ids and
/// versions (a published item edited is copied into the draft under a new id).
#[derive(Debug, PartialEq)]
struct AskedItem {
    text: (String, String),
    ty: ItemType,
    range: (Option<f64>, Option<f64>),
    photo_on_fail: bool,
    files_under: (Option<RecordId>, Option<RecordId>),
    options: Vec<(String, String, bool)>,
}

/// One section as a round asks it: its names, what it covers and its items.
type AskedSection = ((String, String), Option<Covers>, Vec<AskedItem>);

/// What version `v` of `t` asks, in order: its sections that have items (an empty section
/// asks nothing).
fn asked(state: &ReplicaState, t: &Template, v: i64) -> Vec<AskedSection> {
    template::checklist(state, &t.id, v)
        .into_iter()
        .filter(|(_, items)| !items.is_empty())
        .map(|(s, items)| {
            let items = items
                .into_iter()
                .map(|i| AskedItem {
                    options: template::options(state, &i.id)
                        .into_iter()
                        .map(|o| (o.label_zh, o.label_en, o.fails))
                        .collect(),
                    text: (i.text_zh, i.text_en),
                    ty: i.ty,
                    range: (i.min, i.max),
                    photo_on_fail: i.photo_on_fail,
                    files_under: (i.topic, i.problem),
                })
                .collect();
            ((s.name_zh, s.name_en), s.covers, items)
        })
        .collect()
}

/// Whether there is something to publish: the draft asks something the published version
/// does not (an item added, taken out, changed or moved). Edits that come back to what is
/// published, or a section with no item yet, leave nothing to publish.
pub fn has_changes(state: &ReplicaState, t: &Template) -> bool {
    asked(state, t, draft_version(t)) != asked(state, t, t.version)
}

/// What a section's heading adds to its name: what it covers, unless the name already says
/// it (the default section 公共区域 covers 公共区域: shown once, not "公共区域公共区域").
pub fn covers_note<'a>(name: &str, covers: &'a str) -> Option<&'a str> {
    let covers_trimmed = covers.trim();
    (!covers_trimmed.is_empty() && name.trim() != covers_trimmed).then_some(covers)
}

fn number(s: &str) -> Result<Option<f64>, ItemError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<f64>().ok().filter(|n| n.is_finite()).map(Some).ok_or(ItemError::BadRange)
}

/// The fields of an item from its form, checked.
fn item_fields(form: &ItemForm) -> Result<Vec<(&'static str, Value)>, ItemError> {
    let (zh, en) = (form.text_zh.trim(), form.text_en.trim());
    if zh.is_empty() && en.is_empty() {
        return Err(ItemError::NoText);
    }
    let ty = form.ty.unwrap_or(ItemType::PassFail);
    let (mut min, mut max) = (None, None);
    if ty == ItemType::Number {
        (min, max) = (number(&form.min)?, number(&form.max)?);
        if matches!((min, max), (Some(a), Some(b)) if a > b) {
            return Err(ItemError::BadRange);
        }
    }
    if ty == ItemType::Choice && labelled(form).count() < 2 {
        return Err(ItemError::TooFewOptions);
    }
    let or_other = |a: &str, b: &str| if a.is_empty() { b.to_owned() } else { a.to_owned() };
    let id_or_null = |r: &Option<RecordId>| r.as_ref().map_or(Value::Null, |r| json!(r.as_str()));
    Ok(vec![
        (field::TEXT_ZH, json!(or_other(zh, en))),
        (field::TEXT_EN, json!(or_other(en, zh))),
        (field::TYPE, json!(ty.as_str())),
        (field::MIN, min.map_or(Value::Null, |n| json!(n))),
        (field::MAX, max.map_or(Value::Null, |n| json!(n))),
        (field::PHOTO_ON_FAIL, json!(form.photo_on_fail)),
        (field::TOPIC, id_or_null(&form.topic)),
        (field::PROBLEM, id_or_null(&form.problem)),
    ])
}

/// The options of a form that have a label in either language (blank rows are ignored).
fn labelled(form: &ItemForm) -> impl Iterator<Item = &(String, String, bool)> {
    form.options.iter().filter(|(zh, en, _)| !(zh.trim().is_empty() && en.trim().is_empty()))
}

/// A new item `id` in `section`, sorted at `sort`, living from the draft of `t`.
fn create_item(
    t: &Template,
    section: &RecordId,
    id: &RecordId,
    sort: i64,
    form: &ItemForm,
) -> Result<Vec<FieldEdit>, ItemError> {
    let e = |f: &str, v: Value| FieldEdit::new(ITEM, id, f, v);
    let mut edits = vec![
        e(field::SECTION, json!(section.as_str())),
        e(field::SORT, json!(sort)),
        e(field::FROM_VERSION, json!(draft_version(t))),
    ];
    edits.extend(item_fields(form)?.into_iter().map(|(f, v)| e(f, v)));
    if form.ty == Some(ItemType::Choice) {
        for (n, (zh, en, fails)) in labelled(form).enumerate() {
            let o = RecordId::new_v7();
            let (zh, en) = (zh.trim(), en.trim());
            let o_e = |f: &str, v: Value| FieldEdit::new(OPTION, &o, f, v);
            edits.extend([
                o_e(field::ITEM, json!(id.as_str())),
                o_e(field::LABEL_ZH, json!(if zh.is_empty() { en } else { zh })),
                o_e(field::LABEL_EN, json!(if en.is_empty() { zh } else { en })),
                o_e(field::FAILS, json!(fails)),
                o_e(field::SORT, json!(n as i64)),
            ]);
        }
    }
    Ok(edits)
}

/// Adds an item at the end of `section` in the draft of `t`.
pub fn add_item(
    state: &ReplicaState,
    t: &Template,
    section: &RecordId,
    form: &ItemForm,
) -> Result<Vec<FieldEdit>, ItemError> {
    let last =
        template::all_items(state, section).iter().map(|i| i.sort).filter(|s| *s < i64::MAX).max();
    create_item(t, section, &RecordId::new_v7(), last.map_or(0, |s| s + 1), form)
}

/// Changes `item` in the draft of `t`: in place when only the draft has it, else retired and
/// copied into the draft (keeping its place).
pub fn edit_item(t: &Template, item: &Item, form: &ItemForm) -> Result<Vec<FieldEdit>, ItemError> {
    let v = draft_version(t);
    // The server's rule (`published`): a published row is never changed, only retired.
    if !is_published(item.from_version, t.version) {
        let fields = item_fields(form)?;
        return Ok(fields
            .into_iter()
            .map(|(f, val)| FieldEdit::new(ITEM, &item.id, f, val))
            .collect());
    }
    let mut edits = create_item(t, &item.section, &RecordId::new_v7(), item.sort, form)?;
    edits.push(FieldEdit::new(ITEM, &item.id, field::TO_VERSION, json!(v)));
    Ok(edits)
}

/// Takes `item` out of the draft of `t`.
pub fn remove_item(t: &Template, item: &Item) -> Vec<FieldEdit> {
    retire(ITEM, &item.id, item.from_version, t)
}

/// Takes `section` (and so its items) out of the draft of `t`.
pub fn remove_section(t: &Template, section: &Section) -> Vec<FieldEdit> {
    retire(SECTION, &section.id, section.from_version, t)
}

/// A row of the draft alone is deleted; a published one is retired in the draft.
fn retire(kind: &str, id: &RecordId, from: i64, t: &Template) -> Vec<FieldEdit> {
    if is_published(from, t.version) {
        vec![FieldEdit::new(kind, id, field::TO_VERSION, json!(draft_version(t)))]
    } else {
        vec![FieldEdit::new(kind, id, field::DELETED, json!(true))]
    }
}

/// A new section at the end of the draft of `t`; `None` without a name.
pub fn add_section(
    state: &ReplicaState,
    t: &Template,
    name_zh: &str,
    name_en: &str,
    covers: Covers,
) -> Option<Vec<FieldEdit>> {
    let (zh, en) = (name_zh.trim(), name_en.trim());
    if zh.is_empty() && en.is_empty() {
        return None;
    }
    let id = RecordId::new_v7();
    let last =
        template::all_sections(state, &t.id).iter().map(|s| s.sort).filter(|s| *s < i64::MAX).max();
    let e = |f: &str, v: Value| FieldEdit::new(SECTION, &id, f, v);
    Some(vec![
        e(field::TEMPLATE, json!(t.id.as_str())),
        e(field::NAME_ZH, json!(if zh.is_empty() { en } else { zh })),
        e(field::NAME_EN, json!(if en.is_empty() { zh } else { en })),
        e(field::COVERS, json!(covers.as_str())),
        e(field::SORT, json!(last.map_or(0, |s| s + 1))),
        e(field::FROM_VERSION, json!(draft_version(t))),
    ])
}

/// Publishes the draft of `t`: new rounds start with it. `None` when nothing changed.
pub fn publish(state: &ReplicaState, t: &Template) -> Option<Vec<FieldEdit>> {
    has_changes(state, t)
        .then(|| vec![FieldEdit::new(TEMPLATE, &t.id, field::VERSION, json!(draft_version(t)))])
}

/// The form that edits `item` as it stands.
pub fn form_of(state: &ReplicaState, item: &Item) -> ItemForm {
    let fmt = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
    ItemForm {
        text_zh: item.text_zh.clone(),
        text_en: item.text_en.clone(),
        ty: Some(item.ty),
        min: fmt(item.min),
        max: fmt(item.max),
        photo_on_fail: item.photo_on_fail,
        topic: item.topic.clone(),
        problem: item.problem.clone(),
        options: template::options(state, &item.id)
            .into_iter()
            .map(|o| (o.label_zh, o.label_en, o.fails))
            .collect(),
    }
}

#[cfg(test)]
#[path = "checklist_edit_tests.rs"]
mod tests;
