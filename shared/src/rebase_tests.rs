//! The device-side merge at the scale of one field (the simulation plays it at scale).

use super::*;
use crate::protocol::Rejection;
use crate::RejectCode;
use serde_json::json;

const DAY: u64 = 24 * 3600 * 1000;
const T: u64 = 1_700_000_000_000;

fn change(value: &str, ms: u64, replica: &str, prev: Option<Hlc>) -> Change {
    Change {
        kind: Kind::new("request"),
        id: RecordId::from("0190f0a0-0000-7000-8000-000000000001"),
        field: "description".into(),
        value: json!(value),
        hlc: Hlc::new(ms, 0),
        replica: ReplicaId::from(replica),
        prev,
    }
}

fn value(s: &ReplicaState) -> Option<serde_json::Value> {
    let c = change("", 0, "", None);
    s.field(&c.kind, &c.id, &c.field).map(|f| f.value.clone())
}

/// A device a day ahead edits; the server re-stamps the edit at its time, then takes a newer
/// edit from another device; the device pulls both before the answer to its push comes.
#[test]
fn a_device_a_day_ahead_ends_on_the_newer_edit_it_pulled_before_its_answer() {
    let (mut state, mut shadows, mut clock) =
        (ReplicaState::new(), Shadows::new(), HlcClock::default());
    let base = change("old", T - 10, "server", None);
    state.apply(&base);
    let mine = change("mine", T + DAY, "fast", Some(base.hlc));
    shadows.before_edit(&state, std::slice::from_ref(&mine));
    state.apply(&mine);
    let outbox = vec![Batch { seq: 1, changes: vec![mine.clone()] }];

    let restamped = Change { hlc: Hlc::new(T, 0), ..mine.clone() };
    let newer = change("theirs", T + 5, "other", Some(restamped.hlc));
    let pulled = [restamped.clone(), newer.clone()];
    pulled.iter().for_each(|c| {
        state.apply(c);
    });
    assert!(shadows.pulled(&pulled));
    assert_eq!(value(&state), Some(json!("mine")), "its own stamp still beats both locally");

    let rejection = Rejection {
        seq: 1,
        index: 0,
        code: RejectCode::ClockAhead,
        message: String::new(),
        compensation: Some(restamped),
    };
    let reply = PushResponse {
        last_seq: 1,
        rejections: vec![rejection],
        server_hlc: Hlc::new(T + 6, 0),
        history: None,
    };
    let settled = settle(&mut state, &mut shadows, &outbox, &[1], &reply, &mut clock, T + DAY);
    assert!(settled.outbox.is_empty() && settled.restamped.is_empty());
    assert_eq!(value(&state), Some(json!("theirs")), "the newer edit, as the server holds");
    assert!(shadows.is_empty(), "no field is pending any more");
}

/// An edit made while the push of an earlier, refused one was in flight is re-stamped after
/// the compensation, stays pending and shows.
#[test]
fn a_later_pending_edit_is_restamped_after_the_compensation_and_shows() {
    let (mut state, mut shadows, mut clock) =
        (ReplicaState::new(), Shadows::new(), HlcClock::default());
    let first = change("first", T, "me", None);
    shadows.before_edit(&state, std::slice::from_ref(&first));
    state.apply(&first);
    let b1 = Batch { seq: 1, changes: vec![first.clone()] };
    let second = change("second", T + 1, "me", Some(first.hlc));
    shadows.before_edit(&state, std::slice::from_ref(&second));
    state.apply(&second);
    let outbox = vec![b1, Batch { seq: 2, changes: vec![second] }];

    let comp = change("server's", T + 3_600_000, "server", None);
    let rejection = Rejection {
        seq: 1,
        index: 0,
        code: RejectCode::Forbidden,
        message: String::new(),
        compensation: Some(comp.clone()),
    };
    let reply = PushResponse {
        last_seq: 1,
        rejections: vec![rejection],
        server_hlc: comp.hlc,
        history: None,
    };
    let settled = settle(&mut state, &mut shadows, &outbox, &[1], &reply, &mut clock, T + 2);
    assert_eq!(settled.restamped.len(), 1);
    let again = &settled.outbox[0].changes[0];
    assert!(again.hlc > comp.hlc && again.prev == Some(comp.hlc));
    assert_eq!(value(&state), Some(json!("second")));
    let key = (again.kind.clone(), again.id.clone(), again.field.clone());
    let shadow = shadows.get(&key.0, &key.1, &key.2).map(|f| f.value.clone());
    assert_eq!(shadow, Some(json!("server's")), "confirmed: the compensation");
}

/// A field the server never confirmed shows as unset once its edit is acknowledged by a push
/// that did not carry it (the answer is in the log, which the next pull brings).
#[test]
fn an_answer_not_carried_by_the_reply_waits_for_the_pull() {
    let (mut state, mut shadows, mut clock) =
        (ReplicaState::new(), Shadows::new(), HlcClock::default());
    let mine = change("mine", T + DAY, "fast", None);
    shadows.before_edit(&state, std::slice::from_ref(&mine));
    state.apply(&mine);
    let outbox = vec![Batch { seq: 1, changes: vec![mine.clone()] }];
    let reply =
        PushResponse { last_seq: 1, rejections: vec![], server_hlc: Hlc::new(T, 0), history: None };
    settle(&mut state, &mut shadows, &outbox, &[], &reply, &mut clock, T + DAY);
    let c = &mine;
    assert_eq!(state.field(&c.kind, &c.id, &c.field), Some(&unset()));
    state.apply(&Change { hlc: Hlc::new(T - 1, 0), ..mine.clone() });
    assert_eq!(value(&state), Some(json!("mine")), "the server's re-stamp, pulled");
}

#[test]
fn a_reset_shadows_each_pending_field_with_the_snapshot_and_shows_the_edits() {
    let held = change("held", T, "other", None);
    let mine = change("mine", T + 1, "me", Some(held.hlc));
    let outbox = vec![Batch { seq: 4, changes: vec![mine.clone()] }];
    let (state, shadows) = Shadows::reset(std::slice::from_ref(&held), &outbox);
    assert_eq!(value(&state), Some(json!("mine")));
    let shadow = shadows.get(&mine.kind, &mine.id, &mine.field).map(|f| f.value.clone());
    assert_eq!(shadow, Some(json!("held")));
    let json = serde_json::to_string(&shadows.stored()).expect("serializes");
    let stored: Vec<Shadow> = serde_json::from_str(&json).expect("parses");
    assert_eq!(Shadows::restore(stored, &outbox), shadows, "as stored, as restored");
    let (_, fresh) = Shadows::reset(&[], &outbox);
    assert!(fresh.stored().is_empty(), "an unset shadow is not stored");
    assert_eq!(Shadows::restore(vec![], &outbox), fresh, "and restored unset");
}
