use super::*;
use shared::conflict::{Authors, Conflict};
use shared::{Change, FieldState, ReplicaId};

fn put(s: &mut ReplicaState, kind: &str, id: &RecordId, pairs: &[(&str, Value)]) {
    for (f, v) in pairs {
        s.apply(&Change {
            kind: Kind::new(kind),
            id: id.clone(),
            field: (*f).into(),
            value: v.clone(),
            hlc: Hlc::new(1, 0),
            replica: ReplicaId::server(),
            prev: None,
        });
    }
}

/// The record a conflict the server wrote (`Conflict::between`, `to_changes`) as the page
/// reads it: both values, each with its author's name, device and time, and the request's
/// number and unit with its link.
#[test]
fn a_conflict_names_both_authors_devices_times_and_its_request() {
    let mut s = ReplicaState::new();
    let [req, unit, wang, li] = std::array::from_fn(|_| RecordId::new_v7());
    put(&mut s, kind::UNIT, &unit, &[(field::NUMBER, json!("1-0302"))]);
    put(&mut s, kind::STAFF, &wang, &[(field::NAME, json!("王管家"))]);
    put(&mut s, kind::STAFF, &li, &[(field::NAME, json!("李管家"))]);
    let number = json!("A1-261205-0001");
    put(&mut s, kind::REQUEST, &req, &[(field::NUMBER, number), (field::UNIT, json!(unit))]);
    let stored = FieldState {
        value: json!("13500000001"),
        hlc: Hlc::new(1_764_900_000_000, 0),
        replica: ReplicaId::from("tab-wang"),
        prev: None,
    };
    let incoming = Change {
        kind: Kind::new(kind::REQUEST),
        id: req.clone(),
        field: field::CONTACT_PHONE.into(),
        value: json!("13600000002"),
        hlc: Hlc::new(1_764_900_060_000, 0),
        replica: ReplicaId::from("tab-li"),
        prev: None,
    };
    let c = Conflict::between(
        &incoming,
        &stored,
        true,
        Authors { incoming: Some(&li), stored: Some(&wang) },
    );
    let mut n = 0;
    for ch in c.to_changes(&c.id(), || {
        n += 1;
        Hlc::new(1_764_900_070_000, n)
    }) {
        s.apply(&ch);
    }
    let view = open_conflicts(&s).pop().expect("the open conflict");
    assert_eq!(
        (view.kept.clone(), view.lost.clone()),
        (json!("13600000002"), json!("13500000001"))
    );
    let side = |by: &str, device: &str, at: i64| Side {
        by: by.into(),
        device: device.into(),
        at: Some(at),
    };
    assert_eq!(view.kept_side, side("李管家", "tab-li", 1_764_900_060_000));
    assert_eq!(view.lost_side, side("王管家", "tab-wang", 1_764_900_000_000));
    assert_eq!(view.record, "A1-261205-0001 · 1-0302");
    assert_eq!(view.href, Some(format!("/requests/{req}")));
}

/// A person's conflict names the person and the units they live in now, linked to the
/// first; a record not on this device names nothing; an old conflict without authors reads
/// as unknown.
#[test]
fn a_persons_conflict_names_the_person_and_their_units() {
    let mut s = ReplicaState::new();
    let [p, u1, u2, old, link, gone, c] = std::array::from_fn(|_| RecordId::new_v7());
    put(&mut s, kind::PERSON, &p, &[(field::NAME, json!("张三"))]);
    put(&mut s, kind::UNIT, &u1, &[(field::NUMBER, json!("2-0101"))]);
    put(&mut s, kind::UNIT, &u2, &[(field::NUMBER, json!("3-0101"))]);
    let tie = |u: &RecordId| [(field::PERSON, json!(p)), (field::UNIT, json!(u))];
    put(&mut s, kind::UNIT_PERSON, &link, &tie(&u1));
    put(&mut s, kind::UNIT_PERSON, &gone, &tie(&u2));
    put(&mut s, kind::UNIT_PERSON, &gone, &[(field::TO, json!(5))]);
    let conflict = |target: &RecordId| {
        [
            (field::STATUS, json!("open")),
            (field::TARGET_KIND, json!(kind::PERSON)),
            (field::TARGET_ID, json!(target)),
            (field::FIELD, json!(field::PHONE)),
        ]
    };
    put(&mut s, conflict::KIND, &c, &conflict(&p));
    put(&mut s, conflict::KIND, &old, &conflict(&RecordId::new_v7()));
    let views = open_conflicts(&s);
    let of = |id: &RecordId| views.iter().find(|v| &v.id == id).expect("listed");
    assert_eq!(of(&c).record, "张三 · 2-0101", "moved out of 3-0101");
    assert_eq!(of(&c).href, Some(format!("/unit/{u1}")));
    assert_eq!((of(&old).record.as_str(), of(&old).href.clone()), ("", None));
    assert_eq!(of(&old).kept_side, Side::default());
}
