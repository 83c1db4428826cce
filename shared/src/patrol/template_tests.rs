use super::*;
use crate::patrol::{ITEM, OPTION, SECTION, TEMPLATE};
use crate::request::classifier;
use crate::{Change, Hlc, ReplicaId};
use serde_json::json;

fn put(s: &mut ReplicaState, kind: &str, id: &RecordId, field: &str, v: Value) {
    let n = s.len() as u64 + 1;
    s.apply(&Change {
        kind: Kind::new(kind),
        id: id.clone(),
        field: field.into(),
        value: v,
        hlc: Hlc::new(n * 100 + field.len() as u64, 0),
        replica: ReplicaId::from("t"),
        prev: None,
    });
}

#[test]
fn the_default_patrol_covers_common_areas_renovation_and_vacant_units() {
    let s = ReplicaState::new();
    let t = template(&s, &default_id(PATROL_TEMPLATE)).unwrap();
    assert_eq!((t.purpose, t.version), (Purpose::Patrol, 1));
    let list = checklist(&s, &t.id, 1);
    let covers: Vec<_> = list.iter().map(|(s, _)| s.covers).collect();
    assert_eq!(covers, [Some(Covers::Common), Some(Covers::Renovation), Some(Covers::Vacant)]);
    assert!(list.iter().all(|(_, items)| !items.is_empty()));
    let types: Vec<ItemType> = list.iter().flat_map(|(_, i)| i.iter().map(|i| i.ty)).collect();
    for ty in ItemType::ALL {
        assert!(types.contains(ty), "{ty} is used by the default");
    }
    let q = template(&s, &default_id(QUALITY_TEMPLATE)).unwrap();
    assert_eq!(q.purpose, Purpose::Quality);
    assert!(!checklist(&s, &q.id, 1).is_empty());
}

#[test]
fn every_default_finding_routes_to_a_department() {
    let s = ReplicaState::new();
    let nodes = classifier::nodes(&s);
    for t in templates(&s) {
        for (_, items) in checklist(&s, &t.id, t.version) {
            for i in items.iter().filter(|i| i.ty != ItemType::Text) {
                let topic = nodes.iter().find(|n| Some(&n.id) == i.topic.as_ref());
                assert!(topic.is_some_and(|n| n.route.is_some()), "{}", i.text_en);
                if let Some(p) = &i.problem {
                    let p = nodes.iter().find(|n| &n.id == p).expect("problem exists");
                    assert_eq!(p.parent, i.topic, "{}: problem under its topic", i.text_en);
                }
            }
        }
    }
    let greenery = options(&s, &default_id(107));
    assert_eq!(greenery.iter().filter(|o| o.fails).count(), 2);
    assert!(ids(&s, OPTION).iter().chain(&ids(&s, ITEM)).all(RecordId::is_valid));
}

#[test]
fn a_published_version_keeps_its_items_when_the_draft_changes() {
    let mut s = ReplicaState::new();
    let t = default_id(PATROL_TEMPLATE);
    let lights = default_id(100);
    // The supervisor edits the published "lights" item: it is retired in version 2 and
    // copied there with a new text; a new item joins version 2; a section is hidden.
    put(&mut s, ITEM, &lights, "to_version", json!(2));
    let copy = RecordId::from("0190f0a0-0000-7000-8000-00000000c0b1");
    for (f, v) in [
        ("section", json!(default_id(10))),
        ("text_zh", json!("楼道及地库照明正常")),
        ("type", json!("pass_fail")),
        ("sort", json!(100)),
        ("from_version", json!(2)),
    ] {
        put(&mut s, ITEM, &copy, f, v);
    }
    put(&mut s, SECTION, &default_id(12), "to_version", json!(2));
    put(&mut s, TEMPLATE, &t, "version", json!(2));
    let texts = |v: i64| -> Vec<String> {
        checklist(&s, &t, v).iter().flat_map(|(_, i)| i.iter().map(|i| i.text_zh.clone())).collect()
    };
    let (v1, v2) = (texts(1), texts(2));
    assert!(
        v1.contains(&"楼道照明正常".to_owned()) && !v1.contains(&"楼道及地库照明正常".to_owned())
    );
    assert!(
        v2.contains(&"楼道及地库照明正常".to_owned()) && !v2.contains(&"楼道照明正常".to_owned())
    );
    assert!(v1.contains(&"无渗漏水".to_owned()) && !v2.contains(&"无渗漏水".to_owned()));
    assert_eq!(v1.len(), 18, "version 1 is untouched");
    assert_eq!(template(&s, &t).unwrap().version, 2);
    assert_eq!(item(&s, &lights).unwrap().text_zh, "楼道照明正常", "old rounds still read it");
}

#[test]
fn a_record_overrides_a_default_and_deleted_hides_it() {
    let mut s = ReplicaState::new();
    put(&mut s, TEMPLATE, &default_id(QUALITY_TEMPLATE), "name_zh", json!("主管抽查"));
    put(&mut s, OPTION, &default_id(1072), "deleted", json!(true));
    put(&mut s, ITEM, &default_id(103), "max", json!(null));
    assert_eq!(template(&s, &default_id(QUALITY_TEMPLATE)).unwrap().name_zh, "主管抽查");
    assert_eq!(options(&s, &default_id(107)).len(), 2);
    assert_eq!(item(&s, &default_id(103)).unwrap().max, Some(1.4), "cleared keeps the default");
    assert!(in_version(1, None, 7) && !in_version(2, None, 1) && !in_version(1, Some(2), 2));
}
