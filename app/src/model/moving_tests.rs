//! The moving forms' edits are what the server keeps (pushed to the model server, judged by
//! the server's rules): a booking, the second booking of a slot refused `slot_taken` and
//! kept from its notices, a move-in that makes the register's link and a move-out that ends
//! it, a pass security marks used; bad input writes nothing.

use super::moving::{booking_edits, refused_bookings, BookingForm, BookingFormError};
use super::moving_check::{move_edits, unpaid_arrears, MoveError, MoveForm, Mover};
use super::pass::{may_move, pass_edits, security_department, used_edits, PassForm};
use super::rules_tests::{actor, id, put, Device};
use crate::sync::Notice;
use serde_json::{json, Value};
use shared::moving::{BookingError, MoveType, PassStatus};
use shared::names::{field, kind};
use shared::register::PersonRole;
use shared::replica::ReplicaState;
use shared::request::deadline::Settings;
use shared::{Kind, RecordId, RejectCode, Role};

/// Building 100 with units 1 and 2, a security department 9, unit 1 owing 300 of 500.
fn site(s: &mut ReplicaState) {
    put(s, kind::BUILDING, &id(100), &[(field::NAME, json!("1号楼"))]);
    for u in [1, 2] {
        put(
            s,
            kind::UNIT,
            &id(u),
            &[(field::BUILDING, json!(id(100))), (field::NUMBER, json!(format!("10{u}")))],
        );
    }
    put(
        s,
        kind::DEPARTMENT,
        &id(9),
        &[(field::NAME, json!("秩序部")), (field::CODE, json!("security"))],
    );
    let fee = [
        (field::UNIT, json!(id(1))),
        (field::AMOUNT, json!(500)),
        (field::PAID_AMOUNT, json!(200)),
    ];
    put(s, kind::ARREARS, &id(50), &fee);
}

fn device(role: Role) -> Device {
    let mut d = Device::new(role);
    site(&mut d.server.state);
    d
}

/// The model device's clock is at 1970-01-01 08:00 in China: the 2nd is the first day.
fn form(unit: u32, slot: i64) -> BookingForm {
    BookingForm {
        unit: Some(id(unit)),
        day: "1970-01-02".into(),
        slot: Some(slot),
        direction: Some(MoveType::MoveIn),
        goods: "沙发".into(),
        note: "下午".into(),
    }
}

#[test]
fn a_booking_is_kept_and_the_second_of_its_slot_refused_and_kept_in_notices() {
    let mut d = device(Role::Butler);
    let s = Settings::DEFAULT;
    let a = actor(Role::Butler);
    let (bid, edits) = booking_edits(&d.server.state.clone(), &s, &form(1, 540), &a).unwrap();
    assert!(d.push(edits).is_empty());
    // This device knows the slot is held: the form refuses it.
    let mine = booking_edits(&d.server.state.clone(), &s, &form(2, 540), &a);
    assert_eq!(mine.unwrap_err(), BookingFormError::Taken);
    // A device that did not know pushes it anyway: every change refused.
    let (same, second) = booking_edits(&site_only(), &s, &form(2, 540), &a).unwrap();
    assert_eq!(same, bid);
    let values: Vec<(String, Value)> =
        second.iter().map(|e| (e.field.clone(), e.value.clone())).collect();
    let n = second.len();
    assert_eq!(d.push(second), vec![RejectCode::SlotTaken; n]);
    // What the butler typed comes back from the notices, to book another slot.
    let notices: Vec<Notice> = values
        .into_iter()
        .enumerate()
        .map(|(i, (f, v))| Notice {
            id: format!("2.{i}"),
            kind: Kind::new(kind::MOVING_BOOKING),
            record: bid.clone(),
            field: f,
            value: v,
            request: None,
            code: RejectCode::SlotTaken,
            message: String::new(),
            at: 0,
        })
        .collect();
    let refused = refused_bookings(&notices);
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].form, form(2, 540));
    assert_eq!(refused[0].notices.len(), n);
    let again = BookingForm { slot: Some(660), ..refused[0].form.clone() };
    let (_, edits) = booking_edits(&d.server.state.clone(), &s, &again, &a).unwrap();
    assert!(d.push(edits).is_empty(), "another slot is free");
}

fn site_only() -> ReplicaState {
    let mut s = ReplicaState::new();
    site(&mut s);
    s
}

#[test]
fn the_form_refuses_today_peaks_and_missing_choices() {
    let (s, a, st) = (Settings::DEFAULT, actor(Role::Butler), site_only());
    let err = |f: BookingForm| booking_edits(&st, &s, &f, &a).unwrap_err();
    let today = BookingForm { day: "1970-01-01".into(), ..form(1, 540) };
    assert_eq!(err(today), BookingFormError::Rule(BookingError::TooSoon));
    assert_eq!(err(form(1, 1020)), BookingFormError::Rule(BookingError::NotASlot));
    assert_eq!(err(BookingForm { slot: None, ..form(1, 540) }), BookingFormError::SlotRequired);
    assert_eq!(err(BookingForm { unit: None, ..form(1, 540) }), BookingFormError::UnitRequired);
}

fn move_form(ty: MoveType) -> MoveForm {
    MoveForm {
        unit: id(1),
        ty,
        mover: Some(Mover::New { name: "王芳".into(), phone: "13900001111".into() }),
        role: PersonRole::Tenant,
        link: None,
        day: "1970-01-02".into(),
        documents_checked: true,
        keys: "3".into(),
        water: "12.5".into(),
        electricity: "300".into(),
        gas: String::new(),
        resident_card: "C-0001".into(),
        note: String::new(),
        signature: "M1 1L20 20".into(),
    }
}

#[test]
fn a_move_in_makes_the_link_and_a_move_out_ends_it_in_one_save() {
    let mut d = device(Role::Butler);
    let a = actor(Role::Butler);
    let (check, person, link) = (id(60), id(61), id(62));
    let edits =
        move_edits((&check, &person, &link), &move_form(MoveType::MoveIn), None, &a, 480).unwrap();
    assert!(d.push(edits).is_empty());
    let v = |k: &str, r: &RecordId, f: &str| {
        d.server.state.field(&Kind::new(k), r, f).map(|s| s.value.clone())
    };
    assert_eq!(v(kind::UNIT_PERSON, &link, field::PERSON), Some(json!(person)));
    assert_eq!(v(kind::UNIT_PERSON, &link, field::FROM), Some(json!(86_400_000 - 480 * 60_000)));
    assert_eq!(v(kind::MOVE_CHECK, &check, field::LINK), Some(json!(link)));
    assert_eq!(v(kind::MOVE_CHECK, &check, field::KEYS), Some(json!(3)));
    assert_eq!(v(kind::PERSON, &person, field::NAME), Some(json!("王芳")));
    let owed = unpaid_arrears(&d.server.state, &id(1), 1_000);
    assert_eq!(owed, Some(300.0));
    let out = MoveForm {
        link: Some(link.clone()),
        day: "1970-01-03".into(),
        ..move_form(MoveType::MoveOut)
    };
    let edits = move_edits((&id(70), &id(71), &id(72)), &out, owed, &a, 480).unwrap();
    assert!(d.push(edits).is_empty());
    let v = |k: &str, r: &RecordId, f: &str| {
        d.server.state.field(&Kind::new(k), r, f).map(|s| s.value.clone())
    };
    assert_eq!(v(kind::UNIT_PERSON, &link, field::TO), Some(json!(2 * 86_400_000 - 480 * 60_000)));
    assert_eq!(v(kind::MOVE_CHECK, &id(70), field::ARREARS_OWED), Some(json!(300.0)));
    assert!(d.server.state.record(&Kind::new(kind::PERSON), &id(71)).is_none(), "no new person");
    // Bad input writes nothing.
    let bad = |f: MoveForm| move_edits((&id(80), &id(81), &id(82)), &f, None, &a, 480).unwrap_err();
    assert_eq!(
        bad(MoveForm { keys: "x".into(), ..move_form(MoveType::MoveIn) }),
        MoveError::BadKeys
    );
    assert_eq!(
        bad(MoveForm { water: "-1".into(), ..move_form(MoveType::MoveIn) }),
        MoveError::BadReading
    );
    assert_eq!(
        bad(MoveForm { mover: None, ..move_form(MoveType::MoveIn) }),
        MoveError::PersonRequired
    );
    assert_eq!(bad(move_form(MoveType::MoveOut)), MoveError::LinkRequired);
    assert_eq!(
        bad(MoveForm { signature: " ".into(), ..move_form(MoveType::MoveIn) }),
        MoveError::SignatureRequired
    );
    let known = MoveForm { mover: Some(Mover::Known(id(61))), ..move_form(MoveType::MoveIn) };
    assert!(d
        .push(move_edits((&id(90), &id(91), &id(92)), &known, None, &a, 480).unwrap())
        .is_empty());
}

#[test]
fn security_is_offered_and_keeps_only_the_gate_move() {
    let mut butler = device(Role::Butler);
    let sec = security_department(&butler.server.state);
    assert_eq!(sec, Some(id(9)));
    let f = PassForm {
        unit: Some(id(1)),
        goods: "冰箱".into(),
        bearer: "师傅".into(),
        valid_day: "1970-01-02".into(),
        ..Default::default()
    };
    let pass = id(40);
    assert!(butler
        .push(pass_edits(&pass, &f, sec.as_ref(), &actor(Role::Butler)).unwrap())
        .is_empty());
    // The same device signed in as security (its stamps go on after the butler's).
    let mut guard = butler;
    guard.server.rules = shared::testing::Rules::Server(Role::Department);
    assert!(may_move(Role::Department, Some(PassStatus::Issued), PassStatus::Used));
    assert!(!may_move(Role::Department, Some(PassStatus::Issued), PassStatus::Void));
    assert!(guard.push(used_edits(&pass, &actor(Role::Department))).is_empty());
    let void = super::pass::void_edits(&pass);
    assert_eq!(guard.push(void), [RejectCode::Forbidden], "not offered, not kept");
    assert_eq!(
        pass_edits(&pass, &f, None, &actor(Role::Butler)).unwrap_err(),
        super::pass::PassError::NoSecurity
    );
}

#[test]
fn my_day_lists_the_coming_bookings_and_the_passes_of_today_still_issued() {
    use super::moving_day::day_moves;
    let mut d = device(Role::Butler);
    let (s, a) = (Settings::DEFAULT, actor(Role::Butler));
    let (tomorrow, edits) = booking_edits(&d.server.state.clone(), &s, &form(1, 540), &a).unwrap();
    assert!(d.push(edits).is_empty());
    let later = BookingForm { day: "1970-01-04".into(), ..form(2, 660) };
    let (after, edits) = booking_edits(&d.server.state.clone(), &s, &later, &a).unwrap();
    assert!(d.push(edits).is_empty());
    let sec = security_department(&d.server.state);
    let pass = |day: &str| PassForm {
        unit: Some(id(1)),
        goods: "冰箱".into(),
        bearer: "师傅".into(),
        valid_day: day.into(),
        ..Default::default()
    };
    for (n, day) in [(41, "1970-01-02"), (42, "1970-01-02"), (43, "1970-01-03")] {
        let edits = pass_edits(&id(n), &pass(day), sec.as_ref(), &a).unwrap();
        assert!(d.push(edits).is_empty());
    }
    assert!(d.push(used_edits(&id(42), &a)).is_empty());
    let ids = |state: &ReplicaState, at: i64| {
        let m = day_moves(state, at);
        let b: Vec<_> = m.bookings.iter().map(|b| b.id.clone()).collect();
        let p: Vec<_> = m.passes.iter().map(|p| p.id.clone()).collect();
        (b, p)
    };
    // 1970-01-01 08:00 in China: tomorrow's booking (the 4th is three days off), no pass
    // valid today.
    assert_eq!(ids(&d.server.state, 0), (vec![tomorrow.clone()], vec![]));
    // The 2nd: both bookings (today's, and the 4th's); pass 41 (42 went through the gate).
    let second = 86_400_000;
    let both = (vec![tomorrow.clone(), after.clone()], vec![id(41)]);
    assert_eq!(ids(&d.server.state, second), both);
    // Cancelled, a booking leaves the day.
    assert!(d.push(super::moving::cancel_edits(&tomorrow)).is_empty());
    assert_eq!(ids(&d.server.state, second).0, vec![after]);
}
