//! The new-request form's place (issue 28 points 4-5) and dispatch's default assignee
//! (point 7), natively.

use super::dispatch::{assignee_to_save, default_assignee, default_staff};
use super::flow::dispatch_edits;
use super::intake::{self, FormError, Location, NewRequestForm};
use super::intake_unit::{buildings_in, picker_units, refill_contact, typed_unit, unit_contact};
use crate::register::tests::{fixture, NOW};
use crate::register::Register;
use crate::sync::FieldEdit;
use serde_json::json;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::classifier::default_id;
use shared::request::RequestStatus;
use shared::{Hlc, RecordId, ReplicaId, Role};

fn put(s: &mut ReplicaState, kind: &str, id: &RecordId, field: &str, v: serde_json::Value) {
    let n = s.len() as u64 + 1_000;
    let e = FieldEdit::new(kind, id, field, v);
    s.apply(&e.into_change(Hlc::new(n, 0), ReplicaId::from("tablet-1"), None));
}

fn actor() -> super::flow::Actor {
    let staff = "0190f0a0-0000-7000-8000-0000000000aa".into();
    super::flow::Actor { staff, role: Role::Butler, device: "tablet-1".into(), at: 9 }
}

#[test]
fn no_unit_is_chosen_until_the_taker_types_or_picks_one() {
    let f = fixture();
    let reg = Register::build(&f.site.state, NOW);
    assert_eq!(typed_unit(&reg, "", None), None, "nothing typed: nothing chosen");
    assert_eq!(typed_unit(&reg, "3-1801", None), Some(f.u1801.clone()));
    assert_eq!(typed_unit(&reg, "３-１８０２", None), Some(f.u1802.clone()), "full-width");
    assert_eq!(typed_unit(&reg, "31801", None), Some(f.u1801.clone()), "without the dash");
    assert_eq!(typed_unit(&reg, "1801", None), None, "a room alone needs its building");
    assert_eq!(typed_unit(&reg, "1801", Some(&f.b3)), Some(f.u1801.clone()));
    assert_eq!(typed_unit(&reg, "0302", Some(&f.b3)), None, "not in the chosen building");
    assert_eq!(typed_unit(&reg, "3-18", None), None, "a partial number chooses nothing");
    // The register's search lists units by a resident's name or phone, with their people.
    let by_name = picker_units(&reg, "王芳", None, None);
    assert_eq!(by_name.iter().map(|u| &u.id).collect::<Vec<_>>(), [&f.u1801]);
    assert!(by_name[0].people.contains("王芳") && by_name[0].people.contains("李强"));
    assert_eq!(picker_units(&reg, "", Some(&f.b3), None).len(), 2, "the building's units");
    assert_eq!(picker_units(&reg, "", None, None).len(), 4, "the site's units");
    assert!(picker_units(&reg, "王芳", Some(&f.b3), None).len() == 1);
    // The chosen unit stays listed when the search or the building leaves it out.
    let kept = picker_units(&reg, "王芳", None, Some(&f.u0302));
    assert_eq!(kept.iter().map(|u| &u.id).collect::<Vec<_>>(), [&f.u0302, &f.u1801]);
    assert_eq!(picker_units(&reg, "", Some(&f.b3), Some(&f.u1801)).len(), 2, "no double");
    // A butler files on the buildings of their area only; the office on every building.
    assert_eq!(buildings_in(&f.site.state, &reg, None).len(), 3);
    assert!(buildings_in(&f.site.state, &reg, Some(&RecordId::new_v7())).is_empty());
}

#[test]
fn the_units_people_fill_in_the_contact_unless_the_taker_typed_one() {
    let f = fixture();
    let reg = Register::build(&f.site.state, NOW);
    let wang = unit_contact(&reg, &f.u1801).expect("3-1801 has people");
    assert_eq!(wang, ("王芳".to_owned(), "138 1234 5678".to_owned()), "the owner first");
    assert_eq!(unit_contact(&reg, &f.u1802), None, "an empty unit");
    let blank = (String::new(), String::new());
    assert_eq!(refill_contact(&blank, &blank, Some(wang.clone())), Some(wang.clone()));
    // Another unit replaces what the last one filled in, and clears it when it has nobody.
    assert_eq!(refill_contact(&wang, &wang, None), Some(blank.clone()));
    // What the taker typed stays.
    let typed = ("张先生".to_owned(), "13900000000".to_owned());
    assert_eq!(refill_contact(&typed, &wang, Some(wang.clone())), None);
}

#[test]
fn a_request_names_a_unit_or_a_common_place_of_a_building_or_an_area() {
    let (building, area) = (RecordId::new_v7(), RecordId::new_v7());
    let base = NewRequestForm { description: "电梯异响".into(), ..NewRequestForm::default() };
    assert_eq!(intake::check_form(&base), Err(FormError::UnitRequired));
    let named_nowhere = NewRequestForm { common_place: "3号梯".into(), ..base.clone() };
    assert_eq!(intake::check_form(&named_nowhere), Err(FormError::UnitRequired));
    let lift = NewRequestForm {
        building: building.to_string(),
        entrance: "2".into(),
        area: area.to_string(),
        ..named_nowhere.clone()
    };
    let want = Location::Common {
        building: Some(building.clone()),
        area: None,
        entrance: Some(2),
        name: "3号梯".into(),
    };
    assert_eq!(intake::location(&lift), Ok(want));
    let id = RecordId::new_v7();
    let edits = intake::new_request_edits(&id, &lift, "", &actor()).expect("a lift request");
    FieldEdit::assert_fit_the_schema(&edits);
    let v = |f: &str| edits.iter().find(|e| e.field == f).map(|e| e.value.clone());
    assert_eq!(v(field::BUILDING), Some(json!(building)));
    assert_eq!(v(field::ENTRANCE), Some(json!(2)));
    assert_eq!(v(field::COMMON_PLACE), Some(json!("3号梯")));
    assert_eq!((v(field::UNIT), v(field::AREA)), (None, None), "placed by its building");
    for bad in ["0", "x", "100"] {
        let f = NewRequestForm { entrance: bad.into(), ..lift.clone() };
        assert_eq!(intake::check_form(&f), Err(FormError::BadEntrance), "{bad}");
    }
    let square = NewRequestForm { area: area.to_string(), ..named_nowhere };
    let edits = intake::new_request_edits(&id, &square, "", &actor()).expect("the square");
    assert!(edits.iter().any(|e| e.field == field::AREA && e.value == json!(area)));
    let no_building_entrance = NewRequestForm { entrance: "1".into(), ..square };
    assert_eq!(intake::check_form(&no_building_entrance), Err(FormError::BadEntrance));
    // The area code of a building's request is its building's area's.
    let mut s = ReplicaState::new();
    put(&mut s, kind::AREA, &area, field::CODE, json!("B1"));
    put(&mut s, kind::BUILDING, &building, field::AREA, json!(area));
    assert_eq!(intake::area_code(&s, &lift), "B1");
    // The lists name it by its place, in place of a unit number.
    put(&mut s, kind::BUILDING, &building, field::NAME, json!("3号楼"));
    let mut s2 = s.clone();
    for e in intake::new_request_edits(&id, &lift, "", &actor()).expect("a lift request") {
        s2.apply(&e.into_change(Hlc::new(5_000 + s2.len() as u64, 0), ReplicaId::from("t"), None));
    }
    let shown = super::request(&s2, &Default::default(), &id).expect("listed");
    assert_eq!(shown.unit_number, "3号楼 #2 · 3号梯");
    assert_eq!(intake::common_place_text("", None, "中心广场"), "中心广场");
    assert_eq!(intake::common_place_text("1号楼", None, ""), "1号楼");
}

#[test]
fn the_default_shown_is_the_one_saved() {
    let mut s = ReplicaState::new();
    let (eng, clean, boss, fixer, sweeper) = (
        RecordId::new_v7(),
        RecordId::new_v7(),
        RecordId::new_v7(),
        RecordId::new_v7(),
        RecordId::new_v7(),
    );
    put(&mut s, kind::DEPARTMENT, &eng, field::CODE, json!("engineering"));
    put(&mut s, kind::DEPARTMENT, &eng, field::DEFAULT_ASSIGNEE, json!(boss));
    put(&mut s, kind::DEPARTMENT, &clean, field::DEFAULT_ASSIGNEE, json!(sweeper));
    put(&mut s, kind::STAFF, &boss, field::NAME, json!("张工"));
    put(&mut s, kind::STAFF, &boss, field::ROLE, json!("supervisor"));
    let req = RecordId::new_v7();
    put(&mut s, kind::REQUEST, &req, field::TOPIC, json!(default_id(130)));
    put(&mut s, kind::REQUEST, &req, field::STATUS, json!("new"));
    // The routing rules chose 工程部; its default is the supervisor, shown by name and role.
    let shown = default_staff(&s, &req, Some(&eng)).expect("a default");
    assert_eq!((shown.name.as_str(), shown.role), ("张工", Some(Role::Supervisor)));
    let saved = assignee_to_save(&s, &req, Some(&eng), None);
    assert_eq!(saved, Some(shown.id.clone()), "saving with nobody picked: the default shown");
    let edits = dispatch_edits(&req, RequestStatus::New, Some(&eng), saved.as_ref(), &actor());
    let edits = edits.expect("routed");
    assert!(edits.iter().any(|e| e.field == field::ASSIGNEE && e.value == json!(boss)));
    // Another department: its own default; a pick wins; a department with none: nobody.
    assert_eq!(default_assignee(&s, &req, Some(&clean)), Some(sweeper));
    assert_eq!(assignee_to_save(&s, &req, Some(&eng), Some(fixer.clone())), Some(fixer));
    assert_eq!(default_assignee(&s, &req, Some(&RecordId::new_v7())), None);
    // A plant-room request with no topic reaches 工程部 by its place.
    let room = RecordId::new_v7();
    put(&mut s, kind::REQUEST, &room, field::PLACE, json!(default_id(5)));
    assert_eq!(super::flow::suggested_route(&s, &room).department, Some(eng.clone()));
    assert_eq!(default_assignee(&s, &room, Some(&eng)), Some(boss));
}
