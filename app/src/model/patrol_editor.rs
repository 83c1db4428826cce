//! The supervisors' checklist editor (`shared::patrol::template`, "Versions"): every change
//! goes into the draft — the published version plus one — and rounds keep the version they
//! started with. A draft item is edited in place; a published item is never changed: it is
//! retired from the draft and, when edited, copied into it. Publishing makes the draft the
//! version new rounds start with.

use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::patrol::template::{self, Item, Template};
use shared::patrol::{ItemType, ITEM, OPTION, TEMPLATE};
use shared::replica::ReplicaState;
use shared::RecordId;

/// What the item form holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemForm {
    pub section: RecordId,
    pub text_zh: String,
    pub text_en: String,
    pub ty: ItemType,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub photo_on_fail: bool,
    /// The classifier topic (and problem) a finding is filed under.
    pub topic: Option<RecordId>,
    pub problem: Option<RecordId>,
}

/// Why the form cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorError {
    /// Neither a Chinese nor an English text.
    TextRequired,
    /// A number's range is upside down.
    BadRange,
    /// The section is not one of the template's.
    NoSection,
}

/// The draft version of `t`: where every edit goes.
pub fn draft(t: &Template) -> i64 {
    t.version + 1
}

fn item_fields(id: &RecordId, form: &ItemForm, from: i64) -> Vec<FieldEdit> {
    let e = |f: &str, v: Value| FieldEdit::new(ITEM, id, f, v);
    let opt = |v: &Option<RecordId>| v.as_ref().map_or(Value::Null, |v| json!(v));
    let num = |v: Option<f64>| v.map_or(Value::Null, |v| json!(v));
    vec![
        e("section", json!(form.section)),
        e("text_zh", json!(form.text_zh.trim())),
        e("text_en", json!(form.text_en.trim())),
        e("type", json!(form.ty)),
        e("min", num(form.min)),
        e("max", num(form.max)),
        e("photo_on_fail", json!(form.photo_on_fail)),
        e("topic", opt(&form.topic)),
        e("problem", opt(&form.problem)),
        e("from_version", json!(from)),
    ]
}

fn check(state: &ReplicaState, t: &Template, form: &ItemForm) -> Result<(), EditorError> {
    if form.text_zh.trim().is_empty() && form.text_en.trim().is_empty() {
        return Err(EditorError::TextRequired);
    }
    if let (Some(a), Some(b)) = (form.min, form.max) {
        if a > b {
            return Err(EditorError::BadRange);
        }
    }
    if !template::all_sections(state, &t.id).iter().any(|s| s.id == form.section) {
        return Err(EditorError::NoSection);
    }
    Ok(())
}

/// The edits that add a new item `id` to the draft of `t`.
pub fn add_item_edits(
    state: &ReplicaState,
    t: &Template,
    id: &RecordId,
    form: &ItemForm,
) -> Result<Vec<FieldEdit>, EditorError> {
    check(state, t, form)?;
    let mut out = item_fields(id, form, draft(t));
    out.push(FieldEdit::new(ITEM, id, "sort", json!(i64::from(u32::MAX))));
    Ok(out)
}

/// The edits that change `item` to `form` in the draft: in place when the item is the
/// draft's own; otherwise it is retired from the draft and copied (as `copy`, with its
/// options) into it.
pub fn edit_item_edits(
    state: &ReplicaState,
    t: &Template,
    item: &Item,
    copy: &RecordId,
    form: &ItemForm,
) -> Result<Vec<FieldEdit>, EditorError> {
    check(state, t, form)?;
    if item.from_version >= draft(t) {
        return Ok(item_fields(&item.id, form, item.from_version));
    }
    let mut out = vec![FieldEdit::new(ITEM, &item.id, "to_version", json!(draft(t)))];
    out.extend(item_fields(copy, form, draft(t)));
    out.push(FieldEdit::new(ITEM, copy, "sort", json!(item.sort)));
    for (n, o) in template::options(state, &item.id).into_iter().enumerate() {
        let id = shared::patrol::photo_copy_id(&o.id, copy); // a derived id: copied once
        let e = |f: &str, v: Value| FieldEdit::new(OPTION, &id, f, v);
        out.extend([
            e("item", json!(copy)),
            e("label_zh", json!(o.label_zh)),
            e("label_en", json!(o.label_en)),
            e("fails", json!(o.fails)),
            e("sort", json!(n)),
        ]);
    }
    Ok(out)
}

/// The edits that take `item` out of the draft (a draft-only item is deleted).
pub fn retire_item_edits(t: &Template, item: &Item) -> Vec<FieldEdit> {
    if item.from_version >= draft(t) {
        vec![FieldEdit::new(ITEM, &item.id, "deleted", json!(true))]
    } else {
        vec![FieldEdit::new(ITEM, &item.id, "to_version", json!(draft(t)))]
    }
}

/// The edit that publishes the draft: new rounds start with it.
pub fn publish_edits(t: &Template) -> Vec<FieldEdit> {
    vec![FieldEdit::new(TEMPLATE, &t.id, "version", json!(draft(t)))]
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use shared::patrol::template::{checklist, default_id, PATROL_TEMPLATE};
    use shared::{Hlc, ReplicaId};

    fn apply(s: &mut ReplicaState, edits: Vec<FieldEdit>) {
        FieldEdit::assert_fit_the_schema(&edits);
        let last = s.records().flat_map(|(_, _, f)| f.values().map(|v| v.hlc)).max();
        let start = last.map_or(1, |h| h.millis() + 1);
        for (n, e) in edits.into_iter().enumerate() {
            s.apply(&e.into_change(Hlc::new(start + n as u64, 0), ReplicaId::server(), None));
        }
    }

    fn texts(s: &ReplicaState, v: i64) -> Vec<String> {
        let t = default_id(PATROL_TEMPLATE);
        checklist(s, &t, v)
            .into_iter()
            .flat_map(|(_, i)| i.into_iter().map(|i| i.text_zh))
            .collect()
    }

    #[test]
    fn edits_go_to_the_draft_and_publishing_leaves_old_rounds_their_version() {
        let mut s = ReplicaState::new();
        let t = || template::template(&ReplicaState::new(), &default_id(PATROL_TEMPLATE)).unwrap();
        let t0 = t();
        let lights = template::item(&s, &default_id(100)).unwrap();
        let mut form = ItemForm {
            section: default_id(10),
            text_zh: "楼道及地库照明".into(),
            text_en: "Stairwell and garage lights".into(),
            ty: ItemType::PassFail,
            min: None,
            max: None,
            photo_on_fail: true,
            topic: lights.topic.clone(),
            problem: lights.problem.clone(),
        };
        let copy = RecordId::new_v7();
        let e = edit_item_edits(&s, &t0, &lights, &copy, &form).unwrap();
        apply(&mut s, e);
        let green = template::item(&s, &default_id(107)).unwrap();
        let green_copy = RecordId::new_v7();
        let mut gform = form.clone();
        (gform.text_zh, gform.ty) = ("绿化".into(), ItemType::Choice);
        let e = edit_item_edits(&s, &t0, &green, &green_copy, &gform).unwrap();
        apply(&mut s, e);
        let e = retire_item_edits(&t0, &template::item(&s, &default_id(122)).unwrap());
        apply(&mut s, e);
        let added = RecordId::new_v7();
        form.text_zh = "电动车违规充电".into();
        let e = add_item_edits(&s, &t0, &added, &form).unwrap();
        apply(&mut s, e);
        // The copy is the draft's own: edited in place.
        let draft_copy = template::item(&s, &copy).unwrap();
        form.text_zh = "楼道照明（含地库）".into();
        let again = edit_item_edits(&s, &t0, &draft_copy, &RecordId::new_v7(), &form).unwrap();
        assert!(again.iter().all(|e| e.id == copy));
        apply(&mut s, again);
        assert_eq!(texts(&s, 1).len(), 18, "version 1 unchanged before and after publishing");
        apply(&mut s, publish_edits(&t0));
        let v2 = texts(&s, 2);
        assert_eq!(texts(&s, 1).len(), 18);
        assert!(v2.contains(&"楼道照明（含地库）".into()) && !v2.contains(&"楼道照明正常".into()));
        assert!(v2.contains(&"电动车违规充电".into()) && !v2.contains(&"异常情况说明".into()));
        assert_eq!(v2.len(), 18, "one retired, one added");
        assert_eq!(template::options(&s, &green_copy).len(), 3, "options copied with the item");
        assert_eq!(template::template(&s, &t0.id).unwrap().version, 2);
    }

    #[test]
    fn the_form_is_checked() {
        let s = ReplicaState::new();
        let t = template::template(&s, &default_id(PATROL_TEMPLATE)).unwrap();
        let mut form = ItemForm {
            section: default_id(10),
            text_zh: " ".into(),
            text_en: String::new(),
            ty: ItemType::Number,
            min: Some(2.0),
            max: Some(1.0),
            photo_on_fail: false,
            topic: None,
            problem: None,
        };
        let id = RecordId::new_v7();
        assert_eq!(add_item_edits(&s, &t, &id, &form), Err(EditorError::TextRequired));
        form.text_zh = "水压".into();
        assert_eq!(add_item_edits(&s, &t, &id, &form), Err(EditorError::BadRange));
        (form.min, form.section) = (None, default_id(20));
        assert_eq!(add_item_edits(&s, &t, &id, &form), Err(EditorError::NoSection));
    }
}
