//! The photo logic natively: the upload plan, back-off, queue state and EXIF.

use super::exif::{self, taken_at_ms};
use super::*;
use serde_json::json;
use shared::blob::{ImageType, PhotoParent, CHUNK_BYTES};
use shared::RecordId;

#[test]
fn chunks_start_at_the_servers_offset_and_never_pass_the_end() {
    assert_eq!(next_chunk(10, 0), Some(0..10));
    assert_eq!(next_chunk(CHUNK_BYTES * 2 + 5, 0), Some(0..CHUNK_BYTES));
    assert_eq!(next_chunk(CHUNK_BYTES * 2 + 5, CHUNK_BYTES), Some(CHUNK_BYTES..CHUNK_BYTES * 2));
    assert_eq!(
        next_chunk(CHUNK_BYTES * 2 + 5, CHUNK_BYTES * 2),
        Some(CHUNK_BYTES * 2..CHUNK_BYTES * 2 + 5)
    );
    // A resumed upload starts mid-chunk where the server stopped.
    assert_eq!(next_chunk(CHUNK_BYTES * 2, 100), Some(100..CHUNK_BYTES + 100));
    assert_eq!(next_chunk(10, 10), None);
    assert_eq!(next_chunk(10, 11), None, "an offset past the end sends nothing");
    assert_eq!(next_chunk(0, 0), None);
}

#[test]
fn backoff_doubles_and_is_capped() {
    assert_eq!(backoff_ms(0), 0);
    assert_eq!(backoff_ms(1), plan::FIRST_BACKOFF_MS);
    assert_eq!(backoff_ms(2), plan::FIRST_BACKOFF_MS * 2);
    assert_eq!(backoff_ms(3), plan::FIRST_BACKOFF_MS * 4);
    assert_eq!(backoff_ms(30), plan::MAX_BACKOFF_MS);
    assert_eq!(backoff_ms(u32::MAX), plan::MAX_BACKOFF_MS);
}

const A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
pub(super) const B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const C: &str = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";

#[test]
fn the_queue_counts_progress_and_backs_off_per_photo() {
    let photo = RecordId::new_v7();
    let mut q = UploadQueue::default();
    q.add(UploadEntry::new(A, 1000, &photo));
    q.add(UploadEntry::new(B, 3000, &photo));
    q.add(UploadEntry::new(C, 50, &photo));
    let mut again = UploadEntry::new(A, 1000, &photo);
    again.advanced(999);
    q.add(again);
    assert_eq!(q.get(A).unwrap().received(), 0, "the same bytes are queued once");

    q.0.get_mut(A).unwrap().advanced(500);
    q.0.get_mut(C).unwrap().status = UploadStatus::Done;
    assert_eq!(q.get(A).unwrap().percent(), 50);
    let p = q.progress();
    assert_eq!((p.waiting, p.done, p.failed), (2, 1, 0));
    assert_eq!((p.bytes_sent, p.bytes_total, p.percent()), (500, 4000, 12));

    // A failing blob waits, and the others go first.
    q.0.get_mut(A).unwrap().retry_later(10_000);
    assert_eq!(q.next_due(10_000).map(|e| e.sha256.as_str()), Some(B));
    q.0.get_mut(B).unwrap().status = UploadStatus::Failed { reason: "not_an_image".into() };
    assert_eq!(q.next_due(10_000), None, "A waits its back-off; failed and done never come");
    let due = 10_000 + plan::FIRST_BACKOFF_MS;
    assert_eq!(q.next_due(due).map(|e| e.sha256.as_str()), Some(A));
    assert_eq!(q.get(A).unwrap().received(), 500, "a failure keeps what the server holds");
    q.0.get_mut(A).unwrap().retry_later(due);
    assert!(!q.get(A).unwrap().is_due(due + plan::FIRST_BACKOFF_MS), "the second wait is longer");
    assert_eq!(q.progress().failed, 1);

    // The queue survives a reload as JSON.
    let back: UploadQueue = serde_json::from_value(serde_json::to_value(&q).unwrap()).unwrap();
    assert_eq!(back, q);
}

/// A JPEG of a few dozen bytes carrying an EXIF block (no picture: the reader stops at the
/// scan). `le` picks the byte order; `south_west` the hemisphere.
fn jpeg_with_exif(le: bool, south_west: bool) -> Vec<u8> {
    let w16 = |v: u16| if le { v.to_le_bytes().to_vec() } else { v.to_be_bytes().to_vec() };
    let w32 = |v: u32| if le { v.to_le_bytes().to_vec() } else { v.to_be_bytes().to_vec() };
    let entry = |tag: u16, typ: u16, count: u32, value: Vec<u8>| {
        let mut e = [w16(tag), w16(typ), w32(count)].concat();
        let mut v = value;
        v.resize(4, 0);
        e.extend(v);
        e
    };
    // Layout: header 8 | IFD0 at 8 (2 entries) | Exif IFD at 38 (1) | GPS IFD at 56 (4)
    // | date at 110 (20 bytes) | lat rationals at 130 | lon rationals at 154.
    let mut t = if le { b"II*\0".to_vec() } else { b"MM\0*".to_vec() };
    t.extend(w32(8));
    t.extend(w16(2));
    t.extend(entry(0x8769, 4, 1, w32(38)));
    t.extend(entry(0x8825, 4, 1, w32(56)));
    t.extend(w32(0));
    t.extend(w16(1));
    t.extend(entry(0x9003, 2, 20, w32(110)));
    t.extend(w32(0));
    let (ns, ew) = if south_west {
        (b"S\0".to_vec(), b"W\0".to_vec())
    } else {
        (b"N\0".to_vec(), b"E\0".to_vec())
    };
    t.extend(w16(4));
    t.extend(entry(1, 2, 2, ns));
    t.extend(entry(2, 5, 3, w32(130)));
    t.extend(entry(3, 2, 2, ew));
    t.extend(entry(4, 5, 3, w32(154)));
    t.extend(w32(0));
    assert_eq!(t.len(), 110);
    t.extend(b"2026:11:27 09:30:15\0");
    for (num, den) in [(31, 1), (13, 1), (3000, 100), (121, 1), (28, 1), (0, 1)] {
        t.extend(w32(num));
        t.extend(w32(den));
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(t);
    let mut j = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0];
    j.extend([0xFF, 0xE1]);
    j.extend(((app1.len() + 2) as u16).to_be_bytes());
    j.extend(app1);
    j.extend([0xFF, 0xDA, 0, 2, 0xFF, 0xD9]);
    j
}

#[test]
fn exif_gives_the_capture_time_and_position_in_either_byte_order() {
    for le in [true, false] {
        let e = exif::read(&jpeg_with_exif(le, false));
        assert_eq!(e.taken, Some([2026, 11, 27, 9, 30, 15]), "le={le}");
        let (lat, lon) = (e.lat.unwrap(), e.lon.unwrap());
        assert!((lat - (31.0 + 13.0 / 60.0 + 30.0 / 3600.0)).abs() < 1e-9, "{lat}");
        assert!((lon - (121.0 + 28.0 / 60.0)).abs() < 1e-9, "{lon}");
    }
    let e = exif::read(&jpeg_with_exif(true, true));
    assert!(e.lat.unwrap() < 0.0 && e.lon.unwrap() < 0.0, "south and west are negative");
}

#[test]
fn missing_or_broken_exif_yields_nothing() {
    assert_eq!(exif::read(&[]), exif::Exif::default());
    assert_eq!(exif::read(b"not a jpeg at all"), exif::Exif::default());
    assert_eq!(exif::read(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]), exif::Exif::default());
    let mut cut = jpeg_with_exif(true, false);
    cut.truncate(60);
    assert_eq!(exif::read(&cut), exif::Exif::default());
    // A garbled date drops that field, not the rest.
    let mut bad = jpeg_with_exif(true, false);
    let at = bad.windows(4).position(|w| w == b"2026").unwrap();
    bad[at + 5] = b'x';
    let e = exif::read(&bad);
    assert_eq!(e.taken, None);
    assert!(e.lat.is_some());
}

#[test]
fn camera_time_becomes_epoch_ms_in_the_devices_zone() {
    assert_eq!(taken_at_ms([1970, 1, 1, 0, 0, 0], 0), Some(0));
    // 2026-11-27 09:30:15 in Beijing (UTC+8) is 01:30:15 UTC.
    assert_eq!(taken_at_ms([2026, 11, 27, 9, 30, 15], 480), Some(1_795_743_015_000));
    assert_eq!(taken_at_ms([1969, 12, 31, 0, 0, 0], 0), None);
}

pub(super) fn meta() -> PhotoMeta {
    PhotoMeta {
        parent_kind: PhotoParent::Request,
        parent_id: RecordId::new_v7(),
        sha256: A.into(),
        thumb_sha256: B.into(),
        mime: ImageType::Jpeg,
        bytes: 1_234_567,
        width: 2048,
        height: 1536,
        taken_at: Some(1_795_743_015_000),
        lat: Some(31.2),
        lon: Some(-121.5),
        at: 1_795_743_020_000,
        by: "0190f0a0-0000-7000-8000-0000000000aa".into(),
    }
}

#[test]
fn a_photo_record_is_a_set_of_valid_edits() {
    let id = RecordId::new_v7();
    let edits = photo_edits(&id, &meta());
    crate::sync::FieldEdit::assert_fit_the_schema(&edits);
    let get = |f: &str| edits.iter().find(|e| e.field == f).map(|e| e.value.clone());
    assert_eq!(get("sha256"), Some(json!(A)));
    assert_eq!(get("lon"), Some(json!(-121.5)));
    assert!(edits.iter().all(|e| e.kind.as_str() == "photo" && e.id == id));

    // No EXIF, or half a position, or an impossible one: those fields are left out.
    let m = PhotoMeta { taken_at: None, lat: Some(95.0), ..meta() };
    let edits = photo_edits(&id, &m);
    assert!(edits.iter().all(|e| !["taken_at", "lat", "lon"].contains(&e.field.as_str())));
    let m = PhotoMeta { lon: None, ..meta() };
    assert!(photo_edits(&id, &m).iter().all(|e| e.field != "lat"));
}

#[test]
fn pictures_are_scaled_to_the_long_edge_and_never_enlarged() {
    use super::list::fit;
    assert_eq!(fit(4032, 3024, 2048), (2048, 1536));
    assert_eq!(fit(3024, 4032, 2048), (1536, 2048));
    assert_eq!(fit(1000, 800, 2048), (1000, 800));
    assert_eq!(fit(10000, 10, 2048), (2048, 2));
    assert_eq!(fit(100_000, 1, 320), (320, 1));
    assert_eq!(fit(0, 0, 320), (1, 1));
}

#[test]
fn a_records_photos_show_oldest_first_with_their_upload_state() {
    use super::list::{photos_of, PhotoState};
    use shared::replica::ReplicaState;
    let (parent, other) = (RecordId::new_v7(), RecordId::new_v7());
    let mut state = ReplicaState::new();
    let mut put = |id: &RecordId, parent: &RecordId, sha: &str, at: u64, deleted: bool| {
        let m = PhotoMeta { parent_id: parent.clone(), sha256: sha.into(), at, ..meta() };
        let mut edits = photo_edits(id, &m);
        if deleted {
            edits.push(crate::sync::FieldEdit::new("photo", id, "deleted", json!(true)));
        }
        for (n, e) in edits.into_iter().enumerate() {
            let hlc = shared::Hlc::new(1_700_000_000_000, n as u16);
            state.apply(&e.into_change(hlc, shared::ReplicaId::from("tablet-1"), None));
        }
    };
    let (late, early, gone, elsewhere) =
        (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    put(&late, &parent, A, 20, false);
    put(&early, &parent, B, 10, false);
    put(&gone, &parent, C, 15, true);
    put(&elsewhere, &other, C, 5, false);
    let mut q = UploadQueue::default();
    q.add(UploadEntry::new(A, 1000, &late));
    q.0.get_mut(A).unwrap().advanced(250);
    let items = photos_of(&state, &q, &parent);
    assert_eq!(items.iter().map(|i| i.id.clone()).collect::<Vec<_>>(), vec![early, late]);
    assert_eq!(items[0].state, PhotoState::Done, "not queued here: on the server");
    assert_eq!(items[1].state, PhotoState::Uploading(25));
    q.0.get_mut(A).unwrap().status = UploadStatus::Failed { reason: "too_large".into() };
    assert_eq!(PhotoState::of(&q, A).as_str(), "failed");
    q.add(UploadEntry::new(C, 10, &gone));
    assert_eq!(PhotoState::of(&q, C), PhotoState::Waiting);
}

const DAY: u64 = 86_400_000;

#[test]
fn only_confirmed_old_originals_may_leave_the_device() {
    use shared::replica::ReplicaState;
    let now = 1_800_000_000_000u64;
    let mut state = ReplicaState::new();
    let put = |state: &mut ReplicaState, id: &RecordId, sha: &str, thumb: &str, at: u64| {
        let m = PhotoMeta { sha256: sha.into(), thumb_sha256: thumb.into(), at, ..meta() };
        for (n, e) in photo_edits(id, &m).into_iter().enumerate() {
            let hlc = shared::Hlc::new(1_700_000_000_000, n as u16);
            state.apply(&e.into_change(hlc, shared::ReplicaId::from("tablet-1"), None));
        }
    };
    const D: &str = "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";
    const E: &str = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
    const T: &str = "1111111111111111111111111111111111111111111111111111111111111111";
    let (old, young, waiting, failed) =
        (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    put(&mut state, &old, A, T, now - 31 * DAY);
    put(&mut state, &young, B, "22", now - 29 * DAY);
    put(&mut state, &waiting, C, "33", now - 400 * DAY);
    put(&mut state, &failed, D, "44", now - 400 * DAY);
    let mut q = UploadQueue::default();
    for (sha, id) in [(A, &old), (T, &old), (B, &young), (C, &waiting), (D, &failed), (E, &old)] {
        q.add(UploadEntry::new(sha, 10, id));
    }
    q.0.get_mut(A).unwrap().done(now - 31 * DAY);
    q.0.get_mut(T).unwrap().done(now - 31 * DAY);
    q.0.get_mut(B).unwrap().done(now - 29 * DAY);
    q.0.get_mut(C).unwrap().advanced(5);
    q.0.get_mut(D).unwrap().status = UploadStatus::Failed { reason: "too_large".into() };
    q.0.get_mut(E).unwrap().done(now - 400 * DAY);
    // A: done and old goes; its thumbnail T stays; B is younger than 30 days; C waits and
    // D failed, however old; E is named by no photo record.
    assert_eq!(evictable(&state, &q, 30, now), vec![A.to_owned()]);
    assert_eq!(evictable(&state, &q, 28, now), vec![A.to_owned(), B.to_owned()]);
    assert!(evictable(&state, &q, 40, now).is_empty());

    // Confirmed only recently (taken offline long ago): the confirmation counts too.
    q.0.get_mut(A).unwrap().done(now - DAY);
    assert!(evictable(&state, &q, 30, now).is_empty());
    // A queue stored before completion times were recorded: the capture time decides.
    q.0.get_mut(A).unwrap().done_at_ms = None;
    assert_eq!(evictable(&state, &q, 30, now), vec![A.to_owned()]);
    // Viewed here 10 days ago (fetched again after an eviction): kept 30 days from then.
    q.0.get_mut(A).unwrap().viewed_at_ms = Some(now - 10 * DAY);
    assert!(evictable(&state, &q, 30, now).is_empty());
    assert!(evictable(&state, &q, 9, now).contains(&A.to_owned()), "9 days from the view");
    q.0.get_mut(A).unwrap().viewed_at_ms = None;
    // The same bytes attached again today keep the original on the device.
    put(&mut state, &RecordId::new_v7(), A, "55", now - DAY);
    assert!(evictable(&state, &q, 30, now).is_empty());
}

#[test]
fn queues_stored_before_completion_times_still_read() {
    let old = serde_json::json!({ "x": {
        "sha256": "x", "size": 3, "photo": RecordId::new_v7(), "status": { "state": "done" }
    }});
    let q: UploadQueue = serde_json::from_value(old).expect("old queue reads");
    assert_eq!(
        q.get("x").map(|e| (e.status.clone(), e.done_at_ms)),
        Some((UploadStatus::Done, None))
    );
    let mut e = UploadEntry::new("y", 3, &RecordId::new_v7());
    e.done(42);
    let back: UploadEntry = serde_json::from_value(serde_json::to_value(&e).unwrap()).unwrap();
    assert_eq!(back.done_at_ms, Some(42));
}

#[test]
fn photo_quality_is_a_share_between_thirty_and_a_hundred_per_cent() {
    use super::list::photo_quality;
    assert_eq!(photo_quality(85), 0.85);
    assert_eq!(photo_quality(10), 0.3);
    assert_eq!(photo_quality(150), 1.0);
}

#[test]
fn storage_sizes_read_in_the_nearest_unit() {
    use super::list::format_bytes;
    assert_eq!(format_bytes(512), "512 B");
    assert_eq!(format_bytes(12_900_000), "12.3 MB");
    assert_eq!(format_bytes(2_254_857_830), "2.1 GB");
    assert_eq!(format_bytes(1536), "1.5 KB");
}
