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
    assert!(held_summary("Wang", 2, 1, Lang::En).contains("2 unsynced changes of Wang"));
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
    let zh = refusal_text("request", "status", RejectCode::Forbidden, Lang::Zh);
    assert!(zh.starts_with("状态修改未被服务器接受") && zh.contains("无权"), "{zh}");
    let en = refusal_text("request", "status", RejectCode::BadTransition, Lang::En);
    assert!(en.starts_with("A status change was refused") && en.contains("not allowed"), "{en}");
    let scope = refusal_text("request_comment", "text", RejectCode::OutOfScope, Lang::En);
    assert!(scope.starts_with("A change of the comment's") && scope.contains("outside your area"));
    let done = refusal_text("request", "done_at", RejectCode::Forbidden, Lang::Zh);
    assert_eq!(done, "报事的“完成时间”修改未被服务器接受，已撤销：您的身份无权修改这一项。");
    let unknown = refusal_text("gadget", "gizmo_at", RejectCode::Other, Lang::Zh);
    assert!(!unknown.contains("gadget") && !unknown.contains("gizmo"), "{unknown}");
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

/// Every field of every kind `shared` declares has a name in both languages, and every
/// refusal code a reason: no wire name reaches a notice or a history line.
#[test]
fn every_field_of_every_kind_and_every_refusal_code_has_words_in_both_languages() {
    use shared::refusal::RejectCode;
    let mut missing = Vec::new();
    for k in shared::schema::KINDS {
        for lang in [Lang::Zh, Lang::En] {
            if kind_name(k.name, lang).is_none_or(str::is_empty) {
                missing.push(format!("kind {} ({lang:?})", k.name));
            }
            for f in k.fields {
                let name = field_name(k.name, f.name, lang);
                if name.is_none_or(|n| n.is_empty() || n == f.name) {
                    missing.push(format!("{}.{} ({lang:?})", k.name, f.name));
                }
            }
        }
    }
    assert!(missing.is_empty(), "no name for {missing:?}");
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for code in RejectCode::ALL {
        let (zh, en) = (refusal_reason(code, Lang::Zh), refusal_reason(code, Lang::En));
        assert!(han(zh) && !zh.contains(code.as_str()), "{code}: {zh}");
        assert!(!han(en) && !en.is_empty() && en != zh, "{code}: {en}");
        for k in shared::schema::KINDS {
            for f in k.fields {
                let text = refusal_text(k.name, f.name, code, Lang::En);
                assert!(!han(&text), "{text}");
                assert!(han(&refusal_text(k.name, f.name, code, Lang::Zh)));
                if f.name.contains('_') {
                    assert!(!text.contains(f.name), "a wire name in {text}");
                }
            }
        }
    }
}

#[test]
fn counts_read_as_what_the_user_made_with_english_plurals() {
    assert_eq!(records_waiting_text(1, Lang::En), "1 record waiting");
    assert_eq!(records_waiting_text(2, Lang::En), "2 records waiting");
    assert_eq!(records_waiting_text(18, Lang::Zh), "18 条记录待同步");
    assert_eq!(photos_failed_text(1, Lang::En), "1 photo failed");
    assert_eq!(photos_failed_text(3, Lang::Zh), "3 张照片上传失败");
    assert!(unsynced_summary(1, 1, Lang::En).starts_with("1 change on 1 record is not synced"));
    assert!(unsynced_summary(3, 2, Lang::En).starts_with("3 changes on 2 records are not"));
    assert!(held_summary("Wang", 1, 1, Lang::En).contains("1 unsynced change of Wang on 1 record."));
    assert!(photos_at_risk_summary(1, Lang::En)
        .starts_with("1 photo file (thumbnails included) is not"));
}

#[test]
fn every_word_table_reads_in_both_languages_and_english_has_no_cjk_punctuation() {
    // Full-width punctuation and CJK characters, which English text never holds.
    let cjk = |t: &str| {
        t.chars().any(|c| {
            ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
        })
    };
    fn texts<W: Copy + std::fmt::Debug>(
        all: &[W],
        text: fn(W, Lang) -> &'static str,
    ) -> Vec<(String, &'static str, &'static str)> {
        all.iter().map(|&w| (format!("{w:?}"), text(w, Lang::Zh), text(w, Lang::En))).collect()
    }
    let tables = [
        texts(Rn::ALL, Rn::text),
        texts(Rw::ALL, Rw::text),
        texts(Rp::ALL, Rp::text),
        texts(Ck::ALL, Ck::text),
        texts(Pt::ALL, Pt::text),
        texts(service_words::Sv::ALL, service_words::Sv::text),
        texts(arrears_words::W::ALL, arrears_words::W::text),
        texts(Sw::ALL, Sw::text),
        texts(Mv::ALL, Mv::text),
        texts(Fd::ALL, Fd::text),
        texts(Vw::ALL, Vw::text),
    ];
    for (w, zh, en) in tables.iter().flatten() {
        assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{w}");
        assert!(!cjk(en), "{w}: {en}");
    }
    // `Key` holds the language toggle, whose English text is "中文": only both texts there.
    for k in Key::ALL {
        assert!(!k.text(Lang::Zh).is_empty() && !k.text(Lang::En).is_empty(), "{k:?}");
    }
}
