use super::*;
use shared::request::deadline::HOUR_MS;
use shared::request::history::EVENT;
use shared::{Hlc, ReplicaId, Role};

fn apply(s: &mut ReplicaState, edits: Vec<FieldEdit>) {
    for (n, e) in edits.into_iter().enumerate() {
        let hlc = Hlc::new(s.len() as u64 * 100 + n as u64 + 1, 0);
        s.apply(&e.into_change(hlc, ReplicaId::server(), None));
    }
}

fn set(s: &mut ReplicaState, kind: &str, id: &RecordId, pairs: &[(&str, serde_json::Value)]) {
    apply(s, pairs.iter().map(|(f, v)| FieldEdit::new(kind, id, f, v.clone())).collect());
}

#[test]
fn desk_filters_pick_status_type_area_department_and_overdue() {
    let mut s = ReplicaState::new();
    let [a1, a2, b1, b2, u1, u2] = std::array::from_fn(|_| RecordId::new_v7());
    let dept = RecordId::new_v7();
    set(&mut s, "building", &b1, &[("area", json!(a1))]);
    set(&mut s, "building", &b2, &[("area", json!(a2))]);
    set(&mut s, "unit", &u1, &[("building", json!(b1))]);
    set(&mut s, "unit", &u2, &[("building", json!(b2))]);
    let mut req = |unit: &RecordId, status: &str, cat: &str, created_h: i64| {
        let id = RecordId::new_v7();
        let p = [
            ("unit", json!(unit)),
            ("status", json!(status)),
            ("category", json!(cat)),
            ("created_at", json!(created_h * HOUR_MS)),
        ];
        set(&mut s, "request", &id, &p);
        id
    };
    let late = req(&u1, "assigned", "complaint", 0);
    let fresh = req(&u2, "new", "repair", 99);
    let closed = req(&u1, "closed", "repair", 0);
    set(&mut s, "request", &fresh, &[("department", json!(dept))]);
    let list = RequestList::build_at(&s, &BTreeSet::new(), 100 * HOUR_MS);
    let pick = |desk: DeskFilter| -> Vec<RecordId> {
        list.select_desk(&RequestFilter::default(), &desk)
            .into_iter()
            .map(|i| list.rows[i].id.clone())
            .collect()
    };
    assert_eq!(pick(DeskFilter { overdue: true, ..Default::default() }), vec![late.clone()]);
    assert_eq!(
        pick(DeskFilter { area: Some(a2.clone()), ..Default::default() }),
        vec![fresh.clone()]
    );
    assert_eq!(
        pick(DeskFilter { department: Some(dept), ..Default::default() }),
        vec![fresh.clone()]
    );
    assert_eq!(
        pick(DeskFilter { category: Some(Category::Complaint), ..Default::default() }),
        [late]
    );
    let status = DeskFilter { status: Some(RequestStatus::Closed), ..Default::default() };
    assert_eq!(pick(status), [closed], "a chosen status shows closed ones too");
    assert_eq!(list.late_counts(), (1, 1));
    assert_eq!(list.select(&RequestFilter::default()).len(), 2, "no pickers: open ones");
}

#[test]
fn bulk_reassign_writes_department_assignee_and_a_routed_event_per_request() {
    let mut s = ReplicaState::new();
    let ids = [RecordId::new_v7(), RecordId::new_v7()];
    let (dept, person) = (RecordId::new_v7(), RecordId::new_v7());
    let actor =
        Actor { staff: RecordId::new_v7().0, role: Role::Office, device: "desk".into(), at: 5 };
    assert!(bulk_reassign_edits(&ids, None, None, &actor).is_empty(), "nothing chosen");
    let edits = bulk_reassign_edits(&ids, Some(&dept), Some(&person), &actor);
    FieldEdit::assert_fit_the_schema(&edits);
    apply(&mut s, edits);
    for id in &ids {
        let f = s.record(&shared::Kind::new("request"), id).unwrap();
        assert_eq!(f.string("department"), dept.as_str());
        assert_eq!(f.string("assignee"), person.as_str());
    }
    let routed = s.records_of(EVENT).filter(|(_, f)| f.string("type") == "routed").count();
    assert_eq!(routed, 2);
}
