use super::*;
use shared::patrol::template::{checklist, default_id, template, PATROL_TEMPLATE};
use shared::{Hlc, ReplicaId};
use std::sync::atomic::{AtomicU64, Ordering};

/// Applies `edits` as one device would, each stamped after everything before it.
fn apply(s: &mut ReplicaState, edits: Vec<FieldEdit>) {
    static CLOCK: AtomicU64 = AtomicU64::new(1);
    for e in edits {
        let hlc = Hlc::new(CLOCK.fetch_add(1, Ordering::Relaxed), 0);
        s.apply(&e.into_change(hlc, ReplicaId::server(), None));
    }
}

fn patrol(s: &ReplicaState) -> Template {
    template(s, &default_id(PATROL_TEMPLATE)).expect("the default patrol template")
}

fn texts(list: &[(Section, Vec<Item>)]) -> Vec<String> {
    list.iter().flat_map(|(_, items)| items.iter().map(|i| i.text_zh.clone())).collect()
}

fn form(zh: &str) -> ItemForm {
    ItemForm { text_zh: zh.into(), ty: Some(ItemType::PassFail), ..ItemForm::default() }
}

#[test]
fn edits_land_in_the_draft_and_the_published_version_never_changes() {
    let mut s = ReplicaState::new();
    let t = patrol(&s);
    let published = texts(&checklist(&s, &t.id, t.version));
    assert!(!has_changes(&s, &t) && publish(&s, &t).is_none(), "nothing to publish yet");
    let (first_section, items) = draft(&s, &t).into_iter().next().expect("a section");
    let (gone, changed) = (items[0].clone(), items[1].clone());
    let e = add_item(&s, &t, &first_section.id, &form("消防通道畅通")).unwrap();
    apply(&mut s, e);
    apply(&mut s, remove_item(&t, &gone));
    apply(&mut s, edit_item(&t, &changed, &form("楼道干净整洁")).unwrap());
    // The published version lists exactly what it did.
    assert_eq!(texts(&checklist(&s, &t.id, t.version)), published);
    let d = texts(&draft(&s, &t));
    assert!(d.contains(&"消防通道畅通".to_owned()) && d.contains(&"楼道干净整洁".to_owned()));
    assert!(!d.contains(&gone.text_zh) && !d.contains(&changed.text_zh));
    // The edited item keeps its place; the added one comes last in its section.
    let first: Vec<String> = draft(&s, &t)[0].1.iter().map(|i| i.text_zh.clone()).collect();
    assert_eq!(first[0], "楼道干净整洁");
    assert_eq!(first.last().map(String::as_str), Some("消防通道畅通"));
    // Publishing makes the draft the version new rounds start with; the old one still reads.
    let e = publish(&s, &t).expect("changes to publish");
    apply(&mut s, e);
    let t2 = patrol(&s);
    assert_eq!(t2.version, t.version + 1);
    assert_eq!(texts(&checklist(&s, &t.id, t2.version)), d);
    assert_eq!(texts(&checklist(&s, &t.id, t.version)), published);
    assert!(!has_changes(&s, &t2));
}

#[test]
fn an_item_only_the_draft_has_is_edited_in_place_or_deleted() {
    let mut s = ReplicaState::new();
    let t = patrol(&s);
    let section = draft(&s, &t)[0].0.id.clone();
    let e = add_item(&s, &t, &section, &form("井盖完好")).unwrap();
    apply(&mut s, e);
    let new = draft(&s, &t)[0].1.iter().find(|i| i.text_zh == "井盖完好").cloned().unwrap();
    let edits = edit_item(&t, &new, &form("井盖完好无缺")).unwrap();
    assert!(edits.iter().all(|e| e.id == new.id), "edited in place");
    apply(&mut s, edits);
    let edited = draft(&s, &t)[0].1.iter().find(|i| i.id == new.id).cloned().unwrap();
    assert_eq!(edited.text_zh, "井盖完好无缺");
    let edits = remove_item(&t, &edited);
    assert_eq!(edits, vec![FieldEdit::new(ITEM, &new.id, "deleted", json!(true))]);
    apply(&mut s, edits);
    assert!(!has_changes(&s, &t), "adding then removing a draft item leaves nothing to publish");
}

#[test]
fn item_forms_are_checked_before_anything_is_written() {
    let s = ReplicaState::new();
    let t = patrol(&s);
    let section = draft(&s, &t)[0].0.id.clone();
    let add = |f: &ItemForm| add_item(&s, &t, &section, f);
    assert_eq!(add(&form("  ")), Err(ItemError::NoText));
    let reading = |min: &str, max: &str| ItemForm {
        ty: Some(ItemType::Number),
        min: min.into(),
        max: max.into(),
        ..form("水箱水位 (m)")
    };
    assert_eq!(add(&reading("2", "1")), Err(ItemError::BadRange));
    assert_eq!(add(&reading("x", "")), Err(ItemError::BadRange));
    let ok = add(&reading("0.5", "")).unwrap();
    assert!(ok.iter().any(|e| e.field == "min" && e.value == json!(0.5)));
    assert!(ok.iter().any(|e| e.field == "max" && e.value.is_null()));
    let choice = |options: Vec<(&str, &str, bool)>| ItemForm {
        ty: Some(ItemType::Choice),
        options: options.into_iter().map(|(a, b, f)| (a.into(), b.into(), f)).collect(),
        ..form("草坪状况")
    };
    assert_eq!(
        add(&choice(vec![("好", "", false), ("", "", true)])),
        Err(ItemError::TooFewOptions)
    );
    let edits = add(&choice(vec![("好", "Good", false), ("枯黄", "", true)])).unwrap();
    let options: Vec<&FieldEdit> = edits.iter().filter(|e| e.kind.as_str() == OPTION).collect();
    assert!(options.iter().any(|e| e.field == "label_en" && e.value == json!("枯黄")));
    assert_eq!(options.iter().filter(|e| e.field == "fails" && e.value == json!(true)).count(), 1);
    // An English-only text fills both languages.
    let en = add(&ItemForm { text_en: "Gate locked".into(), ..ItemForm::default() }).unwrap();
    assert!(en.iter().any(|e| e.field == "text_zh" && e.value == json!("Gate locked")));
}

#[test]
fn sections_are_added_to_and_taken_from_the_draft() {
    let mut s = ReplicaState::new();
    let t = patrol(&s);
    assert!(add_section(&s, &t, " ", "", Covers::Common).is_none());
    let e = add_section(&s, &t, "地下车库", "Car park", Covers::Common).unwrap();
    apply(&mut s, e);
    let names: Vec<String> = draft(&s, &t).iter().map(|(s, _)| s.name_zh.clone()).collect();
    assert_eq!(names.last().map(String::as_str), Some("地下车库"));
    let published = draft(&s, &t)[0].0.clone();
    apply(&mut s, remove_section(&t, &published));
    assert!(draft(&s, &t).iter().all(|(sec, _)| sec.id != published.id));
    assert!(checklist(&s, &t.id, t.version).iter().any(|(sec, _)| sec.id == published.id));
}

#[test]
fn nothing_to_publish_when_the_draft_asks_what_the_published_version_asks() {
    let mut s = ReplicaState::new();
    let t = patrol(&s);
    assert!(!has_changes(&s, &t));
    // A new section with no item asks nothing yet.
    let e = add_section(&s, &t, "地下车库", "Car park", Covers::Common).expect("named");
    apply(&mut s, e);
    assert!(!has_changes(&s, &t) && publish(&s, &t).is_none(), "an empty section");
    // A published item edited, then edited back: copied twice, asking what it asked.
    let (_, items) = draft(&s, &t).into_iter().next().expect("a section");
    let item = items[0].clone();
    let was = form_of(&s, &item);
    apply(&mut s, edit_item(&t, &item, &form("楼道干净整洁")).unwrap());
    assert!(has_changes(&s, &t), "an item changed");
    let copy = draft(&s, &t)[0].1[0].clone();
    assert_eq!(copy.text_zh, "楼道干净整洁");
    apply(&mut s, edit_item(&t, &copy, &was).unwrap());
    assert!(!has_changes(&s, &t), "changed back: nothing to publish");
    let gone = remove_item(&t, &draft(&s, &t)[0].1[1]);
    apply(&mut s, gone);
    assert!(has_changes(&s, &t) && publish(&s, &t).is_some(), "an item taken out");
}

#[test]
fn a_section_named_after_what_it_covers_is_not_named_twice() {
    assert_eq!(covers_note("公共区域", "公共区域"), None);
    assert_eq!(covers_note("Common areas ", "Common areas"), None);
    assert_eq!(covers_note("地下车库", "公共区域"), Some("公共区域"));
    assert_eq!(covers_note("地下车库", ""), None);
}
