use super::*;
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::conflict::ConflictStatus;
use shared::{Change, Hlc, Kind, ReplicaId};

fn put(state: &mut ReplicaState, kind: &str, id: &RecordId, field: &str, v: Value) {
    state.apply(&Change {
        kind: Kind::new(kind),
        id: id.clone(),
        field: field.into(),
        value: v,
        hlc: Hlc::new(1, 0),
        replica: ReplicaId::server(),
        prev: None,
    });
}

#[test]
fn units_are_sorted_by_number_and_filtered() {
    let mut s = ReplicaState::new();
    for n in ["2-0101", "1-0302", "1-0101"] {
        put(&mut s, "unit", &RecordId::new_v7(), "number", json!(n));
    }
    let gone = RecordId::new_v7();
    put(&mut s, "unit", &gone, "number", json!("0-0000"));
    put(&mut s, "unit", &gone, "deleted", json!(true));
    let u = units(&s);
    let numbers: Vec<&str> = u.iter().map(|u| u.number.as_str()).collect();
    assert_eq!(numbers, ["1-0101", "1-0302", "2-0101"]);
    assert_eq!(filter_units(&u, "0302").len(), 1);
    assert_eq!(filter_units(&u, "").len(), 3);
}

#[test]
fn the_list_shows_unit_numbers_pending_marks_and_open_conflicts() {
    let mut s = ReplicaState::new();
    let unit = RecordId::new_v7();
    put(&mut s, "unit", &unit, "number", json!("3-1801"));
    let (a, b) = (RecordId::new_v7(), RecordId::new_v7());
    for id in [&a, &b] {
        put(&mut s, "request", id, "status", json!("new"));
        put(&mut s, "request", id, "unit", json!(unit.0));
    }
    put(&mut s, "request", &b, "urgency", json!("urgent"));
    let pending: BTreeSet<RecordId> = [b.clone()].into();
    let list = requests(&s, &pending);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, b, "newest first");
    assert!(list[0].pending && list[0].urgent && !list[1].pending);
    assert_eq!(list[1].unit_number, "3-1801");
    assert_eq!(
        request(&s, &pending, &a),
        Some(list[1].clone()),
        "one request reads as in the list"
    );
    put(&mut s, "unit", &unit, "deleted", json!(true));
    assert_eq!(request(&s, &pending, &a).map(|r| r.unit_number), Some(String::new()));
    assert!(requests(&s, &pending).iter().all(|r| r.unit_number.is_empty()), "a deleted unit");
    put(&mut s, "request", &a, "created_at", json!(2_000));
    put(&mut s, "request", &b, "created_at", json!(1_000));
    assert_eq!(requests(&s, &pending)[0].id, a, "by the time it was made, whatever its id");

    let c = RecordId::new_v7();
    put(&mut s, "conflict", &c, "status", json!("open"));
    put(&mut s, "conflict", &c, "field", json!("contact_phone"));
    assert_eq!(open_conflicts(&s).len(), 1);
    put(&mut s, "conflict", &c, "status", json!("confirmed"));
    let mut later = s.clone();
    later.apply(&Change {
        kind: Kind::new("conflict"),
        id: c,
        field: "status".into(),
        value: json!("confirmed"),
        hlc: Hlc::new(2, 0),
        replica: ReplicaId::server(),
        prev: None,
    });
    assert!(open_conflicts(&later).is_empty());
}

#[test]
fn the_list_filter_hides_closed_requests_and_matches_unit_or_description() {
    let row = |unit: &str, desc: &str, status: &str| RequestView {
        unit_number: unit.into(),
        description: desc.into(),
        status: RequestStatus::parse(status).expect("a status"),
        category: Some(Category::Repair),
        ..RequestView::blank(RecordId::new_v7())
    };
    let leak = row("1-0302", "厨房漏水", "in_progress");
    let closed = row("2-0101", "门禁坏了", "closed");
    let cancelled = row("2-0102", "重复报修", "cancelled");
    let open = RequestFilter::default();
    assert!(open.matches(&leak));
    assert!(!open.matches(&closed) && !open.matches(&cancelled), "the day's work: open ones");
    let all = RequestFilter { include_closed: true, text: String::new() };
    assert!(all.matches(&closed) && all.matches(&cancelled));
    let by_unit = RequestFilter { include_closed: true, text: " 1-03 ".into() };
    assert!(by_unit.matches(&leak) && !by_unit.matches(&closed));
    let by_text = RequestFilter { include_closed: true, text: "门禁".into() };
    assert!(by_text.matches(&closed) && !by_text.matches(&leak));
}

#[test]
fn overturning_writes_the_lost_value_back_as_it_is() {
    let mut s = ReplicaState::new();
    let (c, target) = (RecordId::new_v7(), RecordId::new_v7());
    let assignee = RecordId::new_v7();
    put(&mut s, "conflict", &c, "status", json!("open"));
    put(&mut s, "conflict", &c, "target_kind", json!("request"));
    put(&mut s, "conflict", &c, "target_id", json!(target.0));
    put(&mut s, "conflict", &c, "field", json!("assignee"));
    put(&mut s, "conflict", &c, "kept_value", json!(null));
    put(&mut s, "conflict", &c, "lost_value", json!(assignee.0));
    let view = open_conflicts(&s).pop().expect("open conflict");
    assert_eq!(display_value(&view.lost).as_deref(), Some(assignee.as_str()), "no quotes");
    assert_eq!(display_value(&view.kept), None);

    let staff = RecordId::new_v7();
    let edits = conflict_decision(&view, ConflictStatus::Overturned, Some(staff.as_str()));
    let restored = edits.iter().find(|e| e.id == target).expect("target edited");
    assert_eq!((restored.field.as_str(), &restored.value), ("assignee", &json!(assignee.0)));
    FieldEdit::assert_fit_the_schema(&edits);
    let confirmed = conflict_decision(&view, ConflictStatus::Confirmed, None);
    assert_eq!(confirmed.len(), 1, "confirming only closes the conflict");
    assert_eq!(confirmed[0].value, json!("confirmed"));
}

#[test]
fn conflict_values_read_as_people_write_them() {
    assert_eq!(display_value(&json!("138 0013 8000")).as_deref(), Some("138 0013 8000"));
    assert_eq!(display_value(&Value::Null), None, "the page shows a dash");
    assert_eq!(display_value(&json!(true)).as_deref(), Some("true"));
    assert_eq!(display_value(&json!(42)).as_deref(), Some("42"));
}

#[test]
fn the_prepared_list_keeps_exactly_what_the_filter_matches() {
    let mut s = ReplicaState::new();
    let unit = RecordId::new_v7();
    put(&mut s, "unit", &unit, "number", json!("1-0302"));
    let rows = [("new", "厨房漏水"), ("closed", "Door Lock broken"), ("in_progress", "电梯异响")];
    for (status, desc) in rows {
        let id = RecordId::new_v7();
        put(&mut s, "request", &id, "status", json!(status));
        put(&mut s, "request", &id, "description", json!(desc));
        put(&mut s, "request", &id, "unit", json!(unit.0));
    }
    let list = RequestList::build(&s, &BTreeSet::new());
    for include_closed in [false, true] {
        for text in ["", "lock", " LOCK ", "1-03", "漏水", "电梯", "nothing", "0302\n厨"] {
            let f = RequestFilter { include_closed, text: text.into() };
            let want: Vec<usize> =
                (0..list.rows.len()).filter(|&i| f.matches(&list.rows[i])).collect();
            assert_eq!(list.select(&f), want, "{f:?}");
        }
    }
    let all = RequestFilter { include_closed: true, text: "lock".into() };
    assert_eq!(list.select(&all).len(), 1, "case-insensitive");
    assert_eq!(list.select(&RequestFilter::default()).len(), 2, "open ones");
}

#[test]
fn a_request_says_where_the_job_is_by_area_building_and_unit() {
    use shared::names::{field as f, kind as k};
    let mut s = ReplicaState::new();
    let (area, building, unit) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    put(&mut s, k::AREA, &area, f::NAME, json!("一区"));
    put(&mut s, k::BUILDING, &building, f::NAME, json!("1号楼"));
    put(&mut s, k::BUILDING, &building, f::AREA, json!(area.0));
    put(&mut s, k::UNIT, &unit, f::NUMBER, json!("1-0302"));
    put(&mut s, k::UNIT, &unit, f::BUILDING, json!(building.0));
    let (at_unit, in_area) = (RecordId::new_v7(), RecordId::new_v7());
    put(&mut s, k::REQUEST, &at_unit, f::UNIT, json!(unit.0));
    put(&mut s, k::REQUEST, &in_area, f::AREA, json!(area.0));
    let none = BTreeSet::new();
    let at = |id| request(&s, &none, id).expect("a request").location();
    assert_eq!(at(&at_unit), "一区 · 1号楼 · 1-0302");
    assert_eq!(at(&in_area), "一区", "a finding or common-area request: its area");
}
