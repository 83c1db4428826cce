//! The front desk (issue 25) on both databases: a handover is confirmed by the incoming
//! person, never its author, and once; the desk log and the mail stay in their unit's area
//! (another area's butler and department staff hold none of them); the knowledge base is
//! written by the office only and read by every role; bad values are refused and change
//! nothing.

use super::{codes, holds, scene, set_now as set, unit, Scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{fixture_id, now, ok_json};
use rstest::rstest;
use serde_json::json;
use shared::names::{field as f, kind as k};
use shared::{RecordId, RejectCode};

async fn staff_of(sc: &Scene, token: &str) -> String {
    let me: shared::protocol::Me = ok_json(sc.s.get("/api/v1/me", Some(token)).await).await;
    me.staff_id
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handover_is_confirmed_by_the_incoming_person_not_its_author(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let (me, office) = (staff_of(&sc, &t.butler).await, staff_of(&sc, &t.office).await);
    let h = RecordId::new_v7();
    let handover = set(
        k::HANDOVER,
        &h,
        &[
            (f::AREA, json!(fixture_id("area-0").0)),
            (f::NOTE, json!("3号楼电梯维保中")),
            (f::OPEN_ITEMS, json!("r:A1-261206-0001")),
            (f::TO, json!(office)),
            (f::BY, json!(me)),
        ],
        "b",
    );
    assert!(codes(&sc, &t.butler, "b", 1, handover).await.is_empty());
    let confirm =
        |who: &str, replica: &str| set(k::HANDOVER, &h, &[(f::CONFIRMED_BY, json!(who))], replica);
    // The author cannot confirm; nobody confirms in another's name.
    assert_eq!(codes(&sc, &t.butler, "b", 2, confirm(&me, "b")).await, [RejectCode::Forbidden]);
    assert_eq!(
        codes(&sc, &t.boss, "boss", 1, confirm(&office, "boss")).await,
        [RejectCode::Forbidden]
    );
    assert_eq!(sc.value(&t.office, &h, f::CONFIRMED_BY).await.filter(|v| !v.is_null()), None);
    assert!(codes(&sc, &t.office, "o", 1, confirm(&office, "o")).await.is_empty());
    assert_eq!(sc.value(&t.boss, &h, f::CONFIRMED_BY).await, Some(json!(office)));
    // Set once: a later confirmation by another is refused.
    let boss = staff_of(&sc, &t.boss).await;
    assert_eq!(
        codes(&sc, &t.boss, "boss", 2, confirm(&boss, "boss")).await,
        [RejectCode::Forbidden]
    );
    // The snapshot of open items is set once too.
    let items = set(k::HANDOVER, &h, &[(f::OPEN_ITEMS, json!(""))], "b");
    assert_eq!(codes(&sc, &t.butler, "b", 3, items).await, [RejectCode::Forbidden]);
    // The desk's area holds it; another area's butler and department staff do not.
    for (who, token, held) in [
        ("butler", &t.butler, true),
        ("office", &t.office, true),
        ("boss", &t.boss, true),
        ("butler2", &t.butler2, false),
        ("工程部", &t.fixer, false),
    ] {
        assert_eq!(holds(&sc.snapshot(token).await, &h), held, "{who}");
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn desk_entries_and_mail_stay_in_their_area_and_out_of_departments(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let entry = RecordId::new_v7();
    let fields = [
        (f::CHANNEL, json!("missed_call")),
        (f::CALLER, json!("王女士")),
        (f::PHONE, json!("13800001111")),
        (f::UNIT, json!(unit(0).0)),
        (f::TOPIC, json!("厨房漏水")),
        (f::AT, json!(now())),
    ];
    assert!(codes(&sc, &t.butler, "b", 1, set(k::DESK_ENTRY, &entry, &fields, "b"))
        .await
        .is_empty());
    let mail = RecordId::new_v7();
    let parcel = [
        (f::UNIT, json!(unit(0).0)),
        (f::TYPE, json!("parcel")),
        (f::CARRIER, json!("顺丰")),
        (f::RECEIVED_AT, json!(now())),
    ];
    assert!(codes(&sc, &t.butler, "b", 2, set(k::MAIL_ITEM, &mail, &parcel, "b")).await.is_empty());
    let collected = [
        (f::COLLECTED_AT, json!(now())),
        (f::COLLECTOR, json!("王女士")),
        (f::SIGNATURE, json!("M1 1L9 9")),
    ];
    assert!(codes(&sc, &t.butler, "b", 3, set(k::MAIL_ITEM, &mail, &collected, "b"))
        .await
        .is_empty());
    // Another area's butler can neither file on this area's unit nor touch these records.
    let theirs = set(k::DESK_ENTRY, &RecordId::new_v7(), &fields, "b2");
    assert!(codes(&sc, &t.butler2, "b2", 1, theirs).await.contains(&RejectCode::OutOfScope));
    let returned = set(k::DESK_ENTRY, &entry, &[(f::RETURNED_AT, json!(now()))], "b2");
    assert_eq!(codes(&sc, &t.butler2, "b2", 2, returned).await, [RejectCode::OutOfScope]);
    let own_area = [
        (f::CHANNEL, json!("phone")),
        (f::AREA, json!(fixture_id("area-1").0)),
        (f::TOPIC, json!("x")),
    ];
    let elsewhere = set(k::DESK_ENTRY, &RecordId::new_v7(), &own_area, "b");
    assert!(codes(&sc, &t.butler, "b", 4, elsewhere).await.contains(&RejectCode::OutOfScope));
    // Department staff write none of it.
    let fix = set(k::MAIL_ITEM, &mail, &[(f::NOTE, json!("x"))], "fx");
    assert!(!codes(&sc, &t.fixer, "fx", 1, fix).await.is_empty());
    for (who, token, held) in [
        ("butler", &t.butler, true),
        ("office", &t.office, true),
        ("butler2", &t.butler2, false),
        ("工程部", &t.fixer, false),
    ] {
        let snap = sc.snapshot(token).await;
        assert_eq!(holds(&snap, &entry), held, "{who} entry");
        assert_eq!(holds(&snap, &mail), held, "{who} mail");
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_knowledge_base_is_written_by_the_office_and_read_by_every_role(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let kb = RecordId::new_v7();
    let answer = [
        (f::QUESTION, json!("停水了找谁？")),
        (f::ANSWER, json!("请拨打自来水公司 96116。")),
        (f::KEYWORDS, json!("停水")),
        (f::SORT, json!(1)),
    ];
    assert!(codes(&sc, &t.office, "o", 1, set(k::KNOWLEDGE, &kb, &answer, "o")).await.is_empty());
    let edit = [(f::ANSWER, json!("请拨打 96116 或客服中心。"))];
    assert!(codes(&sc, &t.boss, "boss", 1, set(k::KNOWLEDGE, &kb, &edit, "boss")).await.is_empty());
    for (token, replica) in [(&t.butler, "b"), (&t.fixer, "fx")] {
        let mine = set(k::KNOWLEDGE, &kb, &[(f::ANSWER, json!("乱写"))], replica);
        assert_eq!(codes(&sc, token, replica, 1, mine).await, [RejectCode::Forbidden], "{replica}");
    }
    for token in [&t.butler, &t.butler2, &t.fixer, &t.office] {
        assert_eq!(sc.value(token, &kb, f::ANSWER).await, Some(edit[0].1.clone()));
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_values_are_refused_and_change_nothing(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let entry = RecordId::new_v7();
    let good =
        [(f::CHANNEL, json!("phone")), (f::UNIT, json!(unit(0).0)), (f::TOPIC, json!("咨询"))];
    assert!(codes(&sc, &t.butler, "b", 1, set(k::DESK_ENTRY, &entry, &good, "b")).await.is_empty());
    let bad = [
        (k::DESK_ENTRY, f::CHANNEL, json!("fax")),
        (k::DESK_ENTRY, f::OUTCOME, json!("maybe")),
        (k::DESK_ENTRY, f::RETURNED_AT, json!("soon")),
    ];
    for (n, (kind, field, value)) in bad.into_iter().enumerate() {
        let c = set(kind, &entry, &[(field, value)], "b");
        assert_eq!(
            codes(&sc, &t.butler, "b", 2 + n as u64, c).await,
            [RejectCode::BadValue],
            "{field}"
        );
    }
    assert_eq!(sc.value(&t.office, &entry, f::CHANNEL).await, Some(json!("phone")));
    assert_eq!(sc.value(&t.office, &entry, f::OUTCOME).await.filter(|v| !v.is_null()), None);
    let mail = RecordId::new_v7();
    let c =
        set(k::MAIL_ITEM, &mail, &[(f::UNIT, json!(unit(0).0)), (f::TYPE, json!("pigeon"))], "b");
    assert_eq!(codes(&sc, &t.butler, "b", 5, c).await, [RejectCode::BadValue]);
    assert_eq!(sc.value(&t.office, &mail, f::TYPE).await.filter(|v| !v.is_null()), None);
}
