use super::*;
use shared::request::RequestStatus;

#[test]
fn chinese_is_the_default_and_every_key_has_both_texts() {
    assert_eq!(Lang::default(), Lang::Zh);
    for k in Key::ALL {
        assert!(!k.text(Lang::Zh).is_empty() && !k.text(Lang::En).is_empty(), "{k:?}");
    }
    assert_eq!(Key::SignIn.text(Lang::Zh), "登录");
    assert_eq!(Key::SignIn.text(Lang::En), "Sign in");
}

#[test]
fn language_codes_round_trip_and_toggle() {
    assert_eq!(Lang::from_code(Lang::En.code()), Lang::En);
    assert_eq!(Lang::from_code("fr"), Lang::Zh);
    assert_eq!(Lang::Zh.toggled(), Lang::En);
    assert_eq!(status_label(RequestStatus::InProgress, Lang::Zh), "处理中");
}

#[test]
fn the_sign_out_summaries_name_the_counts_in_both_languages() {
    assert!(unsynced_summary(3, 2, Lang::Zh).starts_with("还有 3 条修改（涉及 2 条记录）"));
    assert!(unsynced_summary(3, 2, Lang::En).starts_with("3 changes on 2 records"));
    assert!(held_summary("王管家", 1, 1, Lang::Zh).contains("王管家的 1 条修改"));
    assert!(held_summary("Wang", 1, 1, Lang::En).contains("1 unsynced changes of Wang"));
}

#[test]
fn the_register_labels_and_placeholders_read_in_both_languages() {
    use shared::register::{PersonRole, UnitState, UnitType};
    assert_eq!(person_role_label(PersonRole::Owner, Lang::Zh), "业主");
    assert_eq!(person_role_label(PersonRole::KeyHolder, Lang::En), "Key holder");
    assert_eq!(unit_state_label(UnitState::Vacant, Lang::Zh), "空置");
    assert_eq!(unit_type_label(UnitType::Shop, Lang::En), "Shop");
    let page = fill(Key::PageOf.text(Lang::En), &[("p", 2), ("n", 100), ("t", 10_000)]);
    assert_eq!(page, "Page 2 of 100, 10000 rows");
    assert!(fill(Key::MoreResults.text(Lang::Zh), &[("n", 200)]).starts_with("还有 200 条"));
}

#[test]
fn the_register_import_counts_fill_in_both_languages() {
    let v = [("n", 2), ("u", 1), ("s", 7)];
    assert_eq!(fill(Key::ImportUnitsCounts.text(Lang::Zh), &v), "房屋：新增 2，更新 1，不变 7");
    assert_eq!(
        fill(Key::ImportPeopleCounts.text(Lang::En), &v),
        "People: 2 new, 1 updated, 7 unchanged"
    );
    assert_eq!(Key::ImportOffline.text(Lang::Zh), "导入需要联网");
    assert_eq!(Key::ImportOffline.text(Lang::En), "Import needs a connection");
}

#[test]
fn refusals_and_timeline_lines_read_in_both_languages() {
    use crate::model::timeline::{Entry, EntryKind};
    use shared::refusal::RejectCode;
    use shared::request::history::EventType;
    let zh =
        refusal_text("request", "status", RejectCode::Forbidden, "a department may not", Lang::Zh);
    assert!(zh.starts_with("状态修改被服务器拒绝") && zh.contains("a department may not"), "{zh}");
    let en = refusal_text("request", "status", RejectCode::BadTransition, "m", Lang::En);
    assert!(en.starts_with("A status change was refused") && en.contains("not allowed"), "{en}");
    let scope = refusal_text("request_comment", "text", RejectCode::OutOfScope, "m", Lang::En);
    assert!(scope.starts_with("A comment") && scope.contains("outside your area"), "{scope}");
    let e = Entry {
        id: shared::RecordId::new_v7(),
        kind: EntryKind::Event(Some(EventType::Status)),
        from: "done".into(),
        to: "reopened".into(),
        routed_to: vec![],
        fields: vec![],
        note: "不满意".into(),
        satisfaction: String::new(),
        internal: false,
        by_name: String::new(),
        at: None,
        received_at: None,
        synced: false,
        device: String::new(),
    };
    assert_eq!(timeline_text(&e, Lang::Zh), "状态 已完成 → 重新打开（不满意）");
    let routed = Entry {
        kind: EntryKind::Event(Some(EventType::Routed)),
        routed_to: vec!["工程部".into(), "李师傅".into()],
        note: String::new(),
        ..e.clone()
    };
    assert_eq!(timeline_text(&routed, Lang::En), "Routed to 工程部 · 李师傅");
    let edited = Entry {
        kind: EntryKind::Event(Some(EventType::Edited)),
        fields: vec!["contact_phone".into()],
        ..routed
    };
    assert_eq!(timeline_text(&edited, Lang::En), "Edited Contact phone");
    assert_eq!(source_label(shared::request::Source::Visit, Lang::Zh), "上门走访");
}
