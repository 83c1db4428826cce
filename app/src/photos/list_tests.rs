//! The photos lists show natively: the first photo per row, each parent's photos, and the
//! views kept while the photos are unchanged.

use super::tests::{meta, B};
use super::{photo_edits, PhotoMeta, UploadQueue};
use serde_json::json;
use shared::RecordId;

#[test]
fn a_list_row_shows_its_first_photo_and_comments_get_their_own() {
    use crate::photos::list::{first_thumbs, photos_by_parent};
    use shared::replica::ReplicaState;
    let (request, comment, bare) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    let mut state = ReplicaState::new();
    let mut put = |parent: &RecordId, thumb: &str, at: u64, deleted: bool| {
        let id = RecordId::new_v7();
        let m = PhotoMeta { parent_id: parent.clone(), thumb_sha256: thumb.into(), at, ..meta() };
        let mut edits = photo_edits(&id, &m);
        if deleted {
            edits.push(crate::sync::FieldEdit::new("photo", &id, "deleted", json!(true)));
        }
        for (n, e) in edits.into_iter().enumerate() {
            let hlc = shared::Hlc::new(1_700_000_000_000, n as u16);
            state.apply(&e.into_change(hlc, shared::ReplicaId::from("tablet-1"), None));
        }
    };
    put(&request, "t-second", 20, false);
    put(&request, "t-first-deleted", 5, true);
    put(&request, "t-first", 10, false);
    put(&comment, "t-comment", 1, false);
    let thumbs = first_thumbs(&state);
    assert_eq!(thumbs.get(&request).map(String::as_str), Some("t-first"), "oldest live photo");
    assert_eq!(thumbs.get(&comment).map(String::as_str), Some("t-comment"));
    assert_eq!(thumbs.get(&bare), None, "no photo: the row shows a placeholder");

    let by = photos_by_parent(&state, &UploadQueue::default());
    let of = |p: &RecordId| by[p].iter().map(|i| i.thumb_sha256.clone()).collect::<Vec<_>>();
    assert_eq!(of(&request), ["t-first", "t-second"]);
    assert_eq!(of(&comment), ["t-comment"]);
    assert!(!by.contains_key(&bare));
}

#[test]
fn a_photo_view_is_kept_while_the_photos_are_the_same() {
    use crate::photos::list::{first_thumbs, PhotoView};
    use shared::replica::ReplicaState;
    let mut state = ReplicaState::new();
    let apply = |state: &mut ReplicaState, edits: Vec<crate::sync::FieldEdit>| {
        for (n, e) in edits.into_iter().enumerate() {
            let hlc = shared::Hlc::new(1_700_000_000_000, n as u16);
            state.apply(&e.into_change(hlc, shared::ReplicaId::from("tablet-1"), None));
        }
    };
    let request = RecordId::new_v7();
    let photo = RecordId::new_v7();
    apply(&mut state, photo_edits(&photo, &PhotoMeta { parent_id: request.clone(), ..meta() }));
    let mut view = PhotoView::<(), _>::default();
    let builds = std::cell::Cell::new(0);
    let get = |view: &mut PhotoView<(), _>, s: &ReplicaState| {
        view.get(s, &(), |s, _| {
            builds.set(builds.get() + 1);
            first_thumbs(s)
        })
    };
    let first = get(&mut view, &state);
    assert_eq!(first.get(&request).map(String::as_str), Some(B));

    // Another kind changes (the UI holds copies): the thumbnails are kept, not rebuilt.
    let copy = state.clone();
    let edit = crate::sync::FieldEdit::new("request", &request, "description", json!("漏水"));
    apply(&mut state, vec![edit]);
    let again = get(&mut view, &state);
    assert!(std::sync::Arc::ptr_eq(&first, &again));
    drop(copy);

    // A photo is deleted: rebuilt, and the row has no thumbnail any more.
    apply(&mut state, vec![crate::sync::FieldEdit::new("photo", &photo, "deleted", json!(true))]);
    let after = get(&mut view, &state);
    assert_eq!(after.get(&request), None);
    assert_eq!(builds.get(), 2);
}
