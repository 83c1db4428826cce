//! The front desk's forms are what the server keeps (pushed to the model server, judged by
//! the server's own rules and scope); bad input writes nothing; the knowledge search ranks
//! question hits first; the handover's "confirm" is offered to the incoming person only.

use super::frontdesk::{
    entry_edits, log_rows, returned_edits, to_request_edits, DeskError, EntryForm,
};
use super::frontdesk_handover::{confirm_edits, handover_edits, may_confirm, HandoverError};
use super::knowledge::{entries, kb_edits, search, KbError, KbForm};
use super::mail::{
    collected_edits, mail_edits, mail_rows, told_edits, MailError, MailFilter, MailForm,
};
use super::rules_tests::{actor, id, put, Device, REPLICA};
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::frontdesk::open_items::OpenItem;
use shared::frontdesk::{Channel, MailType, ToldHow};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::deadline::{Settings, HOUR_MS};
use shared::request::number::provisional;
use shared::{Kind, RecordId, RejectCode, Role};

/// Area 1000 (building 100, unit 1), area 2000 (building 200, unit 7).
fn site(s: &mut ReplicaState) {
    put(s, kind::AREA, &id(1000), &[(field::NAME, json!("东区")), (field::CODE, json!("A1"))]);
    put(s, kind::AREA, &id(2000), &[(field::NAME, json!("西区"))]);
    put(
        s,
        kind::BUILDING,
        &id(100),
        &[(field::AREA, json!(id(1000))), (field::NAME, json!("1号楼"))],
    );
    put(
        s,
        kind::BUILDING,
        &id(200),
        &[(field::AREA, json!(id(2000))), (field::NAME, json!("9号楼"))],
    );
    put(s, kind::UNIT, &id(1), &[(field::BUILDING, json!(id(100))), (field::NUMBER, json!("101"))]);
    put(s, kind::UNIT, &id(7), &[(field::BUILDING, json!(id(200))), (field::NUMBER, json!("901"))]);
}

fn device(role: Role) -> Device {
    let mut d = Device::new(role);
    site(&mut d.server.state);
    d.scoped(role, (role == Role::Butler).then(|| id(1000)).as_ref());
    d
}

fn call(unit: u32, channel: Channel) -> EntryForm {
    EntryForm {
        channel: Some(channel),
        caller: " 王女士 ".into(),
        phone: "13800001111".into(),
        unit: Some(id(unit)),
        topic: "厨房水管漏水".into(),
        ..EntryForm::default()
    }
}

fn stored(d: &Device, k: &str, rid: &RecordId, f: &str) -> Option<Value> {
    d.server.state.field(&Kind::new(k), rid, f).map(|s| s.value.clone()).filter(|v| !v.is_null())
}

#[test]
fn an_entry_of_the_area_is_kept_and_one_of_another_area_refused() {
    let mut d = device(Role::Butler);
    let me = actor(Role::Butler);
    let entry = RecordId::new_v7();
    assert_eq!(d.push(entry_edits(&entry, &call(1, Channel::Phone), &me).unwrap()), []);
    assert_eq!(stored(&d, kind::DESK_ENTRY, &entry, field::CALLER), Some(json!("王女士")));
    let foreign = RecordId::new_v7();
    let codes = d.push(entry_edits(&foreign, &call(7, Channel::WalkIn), &me).unwrap());
    assert!(codes.contains(&RejectCode::OutOfScope), "{codes:?}");
    let bare = EntryForm { channel: None, ..call(1, Channel::Phone) };
    assert_eq!(entry_edits(&entry, &bare, &me), Err(DeskError::ChannelRequired));
    let blank = EntryForm { topic: "  ".into(), ..call(1, Channel::Phone) };
    assert_eq!(entry_edits(&entry, &blank, &me), Err(DeskError::TopicRequired));
    assert_eq!(d.push(returned_edits(&entry, &me)), []);
}

#[test]
fn to_request_is_one_edit_of_a_numbered_request_and_the_entrys_link() {
    let mut d = device(Role::Butler);
    let me = actor(Role::Butler);
    let entry = RecordId::new_v7();
    assert_eq!(d.push(entry_edits(&entry, &call(1, Channel::MissedCall), &me).unwrap()), []);
    let request = RecordId::new_v7();
    let number = provisional("A1", (2026, 12, 6), REPLICA, 1);
    let state = d.server.state.clone();
    let edits = to_request_edits(&state, &entry, &request, &number, &me).unwrap();
    assert_eq!(d.push(edits), []);
    let r = |f: &str| stored(&d, kind::REQUEST, &request, f);
    assert_eq!(r(field::NUMBER), Some(json!(number)));
    assert_eq!(r(field::UNIT), Some(json!(id(1))));
    assert_eq!(r(field::SOURCE), Some(json!("phone")));
    assert_eq!(r(field::CATEGORY), Some(json!("inquiry")));
    assert_eq!(r(field::MISSED_CALL), Some(json!(true)), "a missed call not returned");
    assert_eq!(r(field::CONTACT_NAME), Some(json!("王女士")));
    assert_eq!(r(field::DESCRIPTION), Some(json!("厨房水管漏水")));
    assert_eq!(r(field::STATUS), Some(json!("new")));
    assert_eq!(stored(&d, kind::DESK_ENTRY, &entry, field::REQUEST), Some(json!(request)));
    assert_eq!(stored(&d, kind::DESK_ENTRY, &entry, field::OUTCOME), Some(json!("request")));
    let state = d.server.state.clone();
    let again = to_request_edits(&state, &entry, &RecordId::new_v7(), &number, &me);
    assert_eq!(again, Err(DeskError::AlreadyRequest), "never a second request");
}

#[test]
fn a_walk_in_with_only_an_area_files_a_request_on_the_areas_common_place() {
    let mut d = device(Role::Office);
    let me = actor(Role::Office);
    let entry = RecordId::new_v7();
    let form = EntryForm { unit: None, area: Some(id(2000)), ..call(1, Channel::WalkIn) };
    assert_eq!(d.push(entry_edits(&entry, &form, &me).unwrap()), []);
    let request = RecordId::new_v7();
    let number = provisional("", (2026, 12, 6), REPLICA, 2);
    let state = d.server.state.clone();
    assert_eq!(d.push(to_request_edits(&state, &entry, &request, &number, &me).unwrap()), []);
    assert_eq!(stored(&d, kind::REQUEST, &request, field::AREA), Some(json!(id(2000))));
    assert_eq!(stored(&d, kind::REQUEST, &request, field::COMMON_PLACE), Some(json!("西区")));
    assert_eq!(stored(&d, kind::REQUEST, &request, field::SOURCE), Some(json!("walk_in")));
}

#[test]
fn the_log_flags_missed_calls_not_returned_within_missed_call_h() {
    let mut s = ReplicaState::new();
    site(&mut s);
    let now = 100 * HOUR_MS;
    let entry = |s: &mut ReplicaState, n: u32, ch: &str, at: i64| {
        put(s, kind::DESK_ENTRY, &id(n), &[(field::CHANNEL, json!(ch)), (field::AT, json!(at))]);
    };
    entry(&mut s, 50, "missed_call", now - 4 * HOUR_MS); // overdue
    entry(&mut s, 51, "missed_call", now - HOUR_MS); // not yet
    entry(&mut s, 52, "phone", now - 50 * HOUR_MS); // yesterday's: not shown
    entry(&mut s, 53, "missed_call", now - 50 * HOUR_MS); // old, returned: not shown
    put(&mut s, kind::DESK_ENTRY, &id(53), &[(field::RETURNED_AT, json!(now - 40 * HOUR_MS))]);
    let rows = log_rows(&s, now - 10 * HOUR_MS, &Settings::DEFAULT, now);
    let got: Vec<(RecordId, bool)> = rows.iter().map(|r| (r.id.clone(), r.overdue)).collect();
    assert_eq!(got, vec![(id(51), false), (id(50), true)]);
    // The XLSX lines: one per row shown, in the page's order, the channel named.
    let named =
        |c: Option<Channel>, _| (c.map(|c| c.as_str()).unwrap_or_default().into(), "-".into());
    let lines = super::frontdesk::log_lines(&rows, named, |t| (t / HOUR_MS).to_string());
    let heads: Vec<(&str, &str, &str)> =
        lines.iter().map(|l| (l[0].as_str(), l[1].as_str(), l[6].as_str())).collect();
    assert_eq!(heads, vec![("99", "missed_call", "-"), ("96", "missed_call", "-")]);
    assert!(lines.iter().all(|l| l.len() == 10));
}

#[test]
fn mail_is_received_told_and_collected_in_the_units_area() {
    let mut d = device(Role::Butler);
    let me = actor(Role::Butler);
    let item = RecordId::new_v7();
    let form = MailForm {
        unit: Some(id(1)),
        mail_type: Some(MailType::Parcel),
        carrier: "顺丰".into(),
        tracking: "SF1234567890".into(),
        note: String::new(),
    };
    assert_eq!(d.push(mail_edits(&item, &form, &me).unwrap()), []);
    assert_eq!(d.push(told_edits(&item, ToldHow::Phone, &me)), []);
    assert_eq!(collected_edits(&item, " ", "M1 1L2 2", &me), Err(MailError::CollectorRequired));
    assert_eq!(d.push(collected_edits(&item, "王女士", "M1 1L2 2", &me).unwrap()), []);
    assert_eq!(stored(&d, kind::MAIL_ITEM, &item, field::SIGNATURE), Some(json!("M1 1L2 2")));
    let foreign = RecordId::new_v7();
    let form7 = MailForm { unit: Some(id(7)), ..form.clone() };
    assert!(d.push(mail_edits(&foreign, &form7, &me).unwrap()).contains(&RejectCode::OutOfScope));
    let none = MailForm { unit: None, ..form.clone() };
    assert_eq!(mail_edits(&item, &none, &me), Err(MailError::UnitRequired));
    let rows = mail_rows(&d.server.state, MailFilter::All, &Settings::DEFAULT, 1_000);
    assert!(rows.iter().any(|r| r.id == item && r.signed && r.collector == "王女士"));
    assert!(mail_rows(&d.server.state, MailFilter::Waiting, &Settings::DEFAULT, 1_000)
        .iter()
        .all(|r| r.id != item));
}

fn kb(q: &str, a: &str, k: &str, sort: &str) -> KbForm {
    KbForm {
        question: q.into(),
        answer: a.into(),
        keywords: k.into(),
        category: "物业".into(),
        sort: sort.into(),
    }
}

#[test]
fn knowledge_is_written_by_the_office_only() {
    let mut office = device(Role::Office);
    let entry = RecordId::new_v7();
    let form = kb("停水了怎么办？", "请拨打自来水公司 96116。", "停水,水", "1");
    assert_eq!(office.push(kb_edits(&entry, &form).unwrap()), []);
    let mut butler = device(Role::Butler);
    let codes = butler.push(kb_edits(&RecordId::new_v7(), &form).unwrap());
    assert!(!codes.is_empty() && codes.iter().all(|c| *c == RejectCode::Forbidden), "{codes:?}");
    assert!(
        super::knowledge::may_edit(Role::Supervisor) && !super::knowledge::may_edit(Role::Butler)
    );
    assert_eq!(kb_edits(&entry, &kb(" ", "x", "", "")), Err(KbError::QuestionRequired));
    assert_eq!(kb_edits(&entry, &kb("q", "", "", "")), Err(KbError::AnswerRequired));
    assert_eq!(kb_edits(&entry, &kb("q", "a", "", "first")), Err(KbError::BadSort));
}

#[test]
fn search_finds_every_term_and_ranks_question_hits_first() {
    let mut s = ReplicaState::new();
    let forms = [
        (1, kb("装修需要办理什么手续？", "装修前须申请，停水停电需提前告知。", "装修", "1")),
        (2, kb("停水了找谁？", "请拨打自来水公司热线 96116。", "停水,供水", "2")),
        (3, kb("小区可以养狗吗？", "可以，须办证并牵绳。", "宠物,停水无关", "3")),
        (4, kb("Parking fee", "Monthly PARKING is 300 yuan.", "car", "4")),
    ];
    for (n, f) in &forms {
        for e in kb_edits(&id(*n), f).unwrap() {
            put(&mut s, kind::KNOWLEDGE, &id(*n), &[(e.field.as_str(), e.value.clone())]);
        }
    }
    let all = entries(&s);
    let ids = |q: &str| search(&all, q).iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    // Question hit first, then the keyword hit, then the answer-only hit.
    assert_eq!(ids("停水"), vec![id(2), id(3), id(1)]);
    assert_eq!(ids("停水 热线"), vec![id(2)], "every term must occur");
    assert_eq!(ids("parking"), vec![id(4)], "case folded");
    assert_eq!(ids("  ").len(), 4);
    assert!(ids("电梯").is_empty());
}

#[test]
fn a_handover_is_offered_for_confirmation_to_the_incoming_person_only() {
    let mut d = device(Role::Butler);
    let me = actor(Role::Butler);
    let h = RecordId::new_v7();
    let items = [OpenItem::MissedCall { id: id(50), at: 1 }];
    let incoming = actor(Role::Butler);
    let to = RecordId::from(incoming.staff.as_str());
    let edits =
        handover_edits(&h, Some(&id(1000)), "3号楼电梯停运，已报工程部", Some(&to), &items, &me)
            .unwrap();
    assert_eq!(d.push(edits), []);
    assert_eq!(
        stored(&d, kind::HANDOVER, &h, field::OPEN_ITEMS),
        Some(json!(format!("e:{}", id(50))))
    );
    assert_eq!(handover_edits(&h, None, " ", None, &[], &me), Err(HandoverError::NoteRequired));
    let f = d.server.state.record(&Kind::new(kind::HANDOVER), &h).unwrap().clone();
    let author = RecordId::from(me.staff.as_str());
    assert!(!may_confirm(&f, Some(&author), Role::Butler), "not its author");
    assert!(may_confirm(&f, Some(&to), Role::Butler));
    assert!(!may_confirm(&f, Some(&to), Role::Department));
    assert_eq!(confirm_edits(&h, &f, &me), Err(HandoverError::NotYours));
    let edits: Vec<FieldEdit> = confirm_edits(&h, &f, &incoming).unwrap();
    assert_eq!(edits[0].value, json!(to));
}
