//! The history as a user reads it (issue 28): each call-back once, every word in the chosen
//! language — edited fields by their names, a call-back's satisfaction, an escalation —
//! and no wire name in either language.

use super::flow::{field_edits, transition_edits, Actor};
use super::followup::{callback_edits, CallbackForm};
use super::timeline::{timeline, EntryKind};
use crate::i18n::{timeline_text, Lang};
use crate::sync::FieldEdit;
use serde_json::json;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::{CallbackResult, RequestStatus, Satisfaction};
use shared::{Hlc, RecordId, ReplicaId, Role};
use std::collections::BTreeSet;

const BUTLER: &str = "0190f0a0-0000-7000-8000-0000000000bb";

fn actor(at: i64) -> Actor {
    Actor { staff: BUTLER.into(), role: Role::Butler, device: "tablet-7".into(), at }
}

fn apply(s: &mut ReplicaState, edits: &[FieldEdit]) {
    FieldEdit::assert_fit_the_schema(edits);
    for e in edits {
        let n = s.len() as u64 + 1_000;
        s.apply(&e.clone().into_change(Hlc::new(n, 0), ReplicaId::from("tablet-7"), None));
    }
}

/// A done complaint: its loop's texts edited, then a call-back reaching a dissatisfied
/// resident (which reopens it), the server's receipt of that call-back's event.
fn history() -> (ReplicaState, RecordId) {
    let mut s = ReplicaState::new();
    let id = RecordId::new_v7();
    let staff = RecordId::from(BUTLER);
    apply(&mut s, &[FieldEdit::new(kind::STAFF, &staff, field::NAME, json!("王管家"))]);
    apply(&mut s, &[FieldEdit::new(kind::REQUEST, &id, field::STATUS, json!("in_progress"))]);
    let texts = [
        (field::REPLY, json!("已答复")),
        (field::CAUSE, json!("水管老化")),
        (field::RESPONSIBLE, json!("工程部")),
        (field::PLAN, json!("更换水管")),
    ];
    apply(&mut s, &field_edits(&id, &texts, &actor(10)));
    let done =
        transition_edits(&id, RequestStatus::InProgress, RequestStatus::Done, "", &actor(20));
    apply(&mut s, &done.unwrap());
    let form = CallbackForm {
        result: CallbackResult::Reached,
        satisfaction: Some(Satisfaction::Dissatisfied),
        comment: "还在漏".into(),
    };
    apply(&mut s, &callback_edits(&id, RequestStatus::Done, &form, &actor(30)).unwrap());
    let event =
        s.records_of(kind::REQUEST_EVENT).find(|(_, f)| f.string(field::TYPE) == "callback");
    let event = event.map(|(id, _)| id.clone()).expect("a callback event");
    let receipt = FieldEdit::new(kind::REQUEST_EVENT, &event, field::RECEIVED_AT, json!(31));
    s.apply(&receipt.into_change(Hlc::new(9_999, 0), ReplicaId::server(), None));
    (s, id)
}

#[test]
fn each_call_back_is_listed_once_with_the_servers_receipt() {
    let (s, id) = history();
    let t = timeline(&s, &BTreeSet::new(), &id);
    let callbacks: Vec<_> = t.iter().filter(|e| e.kind.data_type() == "callback").collect();
    assert_eq!(callbacks.len(), 1, "{t:#?}");
    let c = callbacks[0];
    assert_eq!(c.kind, EntryKind::Callback, "the record, which says more, is kept");
    assert_eq!((c.satisfaction.as_str(), c.note.as_str()), ("dissatisfied", "还在漏"));
    assert_eq!((c.received_at, c.synced, c.device.as_str()), (Some(31), true, "tablet-7"));
    assert_eq!(c.by_name, "王管家");
}

#[test]
fn every_history_line_reads_in_the_chosen_language() {
    let (s, id) = history();
    let t = timeline(&s, &BTreeSet::new(), &id);
    let lines = |lang| t.iter().map(|e| timeline_text(e, lang)).collect::<Vec<_>>();
    let (zh, en) = (lines(Lang::Zh), lines(Lang::En));
    assert!(zh.contains(&"修改了 答复, 原因, 责任人, 处理方案".to_owned()), "{zh:?}");
    assert!(en.contains(&"Edited Reply, Cause, Responsible, Handling plan".to_owned()), "{en:?}");
    assert!(zh.iter().any(|l| l.starts_with("回访 · 已接通 · 不满意")), "{zh:?}");
    assert!(en.iter().any(|l| l.starts_with("Call-back · Reached · Dissatisfied")), "{en:?}");
    let wire = ["dissatisfied", "reached", "reply", "cause", "responsible", "plan", "in_progress"];
    for line in &zh {
        assert!(!line.chars().any(|c| c.is_ascii_alphabetic()), "a wire name in {line:?}");
    }
    for line in &en {
        let words: Vec<&str> = line.split(|c: char| !c.is_alphanumeric() && c != '_').collect();
        assert!(!wire.iter().any(|w| words.first() == Some(w) || line.contains(&format!(", {w}"))));
        assert!(!line.contains("dissatisfied") && !line.contains('_'), "{line:?}");
    }
    let han = |l: &str| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    // The English lines carry Chinese only where the user wrote it (a comment, a note).
    for line in en.iter().filter(|l| !l.contains("还在漏")) {
        assert!(!han(line), "{line:?}");
    }
}

#[test]
fn a_call_back_event_without_its_record_reads_in_words_too() {
    use crate::model::timeline::Entry;
    use shared::request::history::EventType;
    let e = Entry {
        id: RecordId::new_v7(),
        kind: EntryKind::Event(Some(EventType::Callback)),
        from: String::new(),
        to: "dissatisfied".into(),
        routed_to: vec![],
        fields: vec![],
        note: String::new(),
        satisfaction: String::new(),
        internal: false,
        by_name: String::new(),
        at: Some(1),
        received_at: None,
        synced: false,
        device: String::new(),
    };
    assert_eq!(timeline_text(&e, Lang::Zh), "回访 不满意");
    assert_eq!(timeline_text(&e, Lang::En), "Call-back Dissatisfied");
    let escalated = Entry {
        kind: EntryKind::Event(Some(EventType::Escalated)),
        to: "manager".into(),
        ..e.clone()
    };
    assert_eq!(timeline_text(&escalated, Lang::En), "Escalated Manager");
    let told = Entry {
        kind: EntryKind::Event(Some(EventType::ProgressTold)),
        to: "1733000000000".into(),
        ..e
    };
    assert_eq!(timeline_text(&told, Lang::Zh), "告知进度", "no raw time");
}
