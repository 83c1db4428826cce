use super::*;
use crate::model::rules_tests::Device;
use shared::report::notes::notes;
use shared::RejectCode;

const STAFF: &str = "0190f0a0-0000-7000-8000-000000000002";

fn key() -> NoteKey {
    NoteKey { note_type: NoteType::Monthly, period_start: 1_000, area: None }
}

fn form(remarks: &str) -> NoteForm {
    NoteForm { remarks: remarks.into(), causes: " 施工扰民 ".into(), actions: String::new() }
}

#[test]
fn the_remarks_form_is_offered_to_exactly_who_the_server_accepts() {
    for role in Role::ALL.iter().copied() {
        let mut d = Device::new(role);
        let refused = d.push(note_edits(&key(), &form("本月达标"), STAFF, 5, true));
        assert_eq!(refused.is_empty(), offered(role), "{role}: {refused:?}");
        if !offered(role) {
            assert!(refused.contains(&RejectCode::Forbidden), "{role}: {refused:?}");
        }
    }
    assert!(offered(Role::Office) && offered(Role::Supervisor));
    assert!(!offered(Role::Butler) && !offered(Role::Department));
}

#[test]
fn a_draft_saved_after_the_submission_keeps_it_and_blank_texts_clear() {
    let mut d = Device::new(Role::Supervisor);
    assert_eq!(d.push(note_edits(&key(), &form("初稿"), STAFF, 5, true)), []);
    assert_eq!(d.push(note_edits(&key(), &form("  改过 "), STAFF, 9, false)), []);
    let all = notes(&d.server.state);
    assert_eq!(all.len(), 1, "one note per report");
    let n = &all[0];
    assert_eq!(
        (n.remarks.as_str(), n.causes.as_str(), n.actions.as_str()),
        ("改过", "施工扰民", "")
    );
    assert_eq!((n.submitted_at, n.at, n.period_start), (Some(5), Some(9), 1_000));
    assert_eq!(NoteForm::of(Some(n)).remarks, "改过");
}
