//! The rule for applying a new version: told first, applied only when nothing is typed.

use super::*;

const WAITING: Versions = Versions { had_controller: true, waiting: true };

fn idle() -> Activity {
    Activity { last_page_ms: 1_000, ..Activity::default() }
}

#[test]
fn a_first_install_shows_no_banner_and_applies_nothing() {
    let first = Versions { had_controller: false, waiting: true };
    assert!(!show_banner(first));
    assert!(!may_apply(first, &idle()));
    assert!(!may_apply_now(first, &idle()));
}

#[test]
fn with_no_new_version_there_is_nothing_to_apply() {
    let current = Versions { had_controller: true, waiting: false };
    assert!(!show_banner(current));
    assert!(!may_apply(current, &idle()));
}

#[test]
fn an_idle_page_applies_the_waiting_version() {
    assert!(show_banner(WAITING));
    assert!(may_apply(WAITING, &idle()));
    assert!(may_apply_now(WAITING, &idle()));
}

#[test]
fn a_focused_field_waits_but_update_now_applies() {
    let a = Activity { field_focused: true, ..idle() };
    assert!(a.is_typing());
    assert!(!may_apply(WAITING, &a));
    assert!(may_apply_now(WAITING, &a));
}

#[test]
fn text_typed_and_not_saved_is_a_draft_until_saved_or_the_page_changes() {
    let typed = Activity { last_input_ms: Some(2_000), ..idle() };
    assert!(typed.has_draft());
    assert!(!may_apply(WAITING, &typed));
    let saved = Activity { last_save_ms: Some(2_500), ..typed };
    assert!(!saved.has_draft(), "the save ends the draft");
    assert!(may_apply(WAITING, &saved));
    let typed_again = Activity { last_input_ms: Some(3_000), ..saved };
    assert!(typed_again.has_draft(), "typing after the save is a new draft");
    let left = Activity { last_page_ms: 3_500, ..typed_again };
    assert!(!left.has_draft(), "leaving the page dropped the form");
    assert!(may_apply(WAITING, &left));
}

#[test]
fn a_save_on_its_way_to_indexeddb_holds_even_update_now() {
    let a = Activity { saves_in_flight: 1, ..idle() };
    assert!(!may_apply(WAITING, &a));
    assert!(!may_apply_now(WAITING, &a));
    let done = Activity { saves_in_flight: 0, last_save_ms: Some(5_000), ..a };
    assert!(may_apply(WAITING, &done));
}

#[test]
fn a_photo_being_picked_or_prepared_holds_the_update() {
    let a = Activity { photo_open: true, ..idle() };
    assert!(!may_apply(WAITING, &a));
    assert!(!may_apply_now(WAITING, &a));
}
