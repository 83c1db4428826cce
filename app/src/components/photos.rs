//! The photos of a record (issue 9): take or choose photos (camera on tablets, file picker
//! and drag-and-drop on desks), each stored whole on the device before it shows as saved,
//! and the thumbnails with where each upload stands. Thumbnails come from IndexedDB through
//! object URLs; one taken elsewhere is fetched with the bearer token and kept.
//!
//! A thumbnail opens the full-screen viewer (`photo_viewer.rs`).
//!
//! DOM: `#photos`, `#photo-input`, `#photo-drop`, `#photo-status[data-state]` (`saving`,
//! `saved`, `failed`, or `full`: refused for storage, issue 26),
//! `img.photo-thumb[data-sha][data-thumb][data-state]` (the original's and the thumbnail's hash).

use super::photo_viewer::PhotoViewer;
use crate::context::{use_ui, Ui};
use crate::i18n::Key;
use crate::model::deadlines;
use crate::model::storage::{self, Budget};
use crate::photos::capture::{object_url, prepare, tz_offset_minutes};
use crate::photos::exif::taken_at_ms;
use crate::photos::list::{photos_of, PhotoItem};
use crate::photos::{sha256_hex, PhotoMeta};
use crate::platform::storage_estimate;
use leptos::prelude::*;
use shared::blob::{ImageType, PhotoParent};
use shared::RecordId;
use std::sync::{Arc, Mutex};

/// The photos section of the record `parent_id` of kind `parent_kind`.
#[component]
pub fn Photos(parent_kind: PhotoParent, parent_id: RecordId) -> impl IntoView {
    let ui = use_ui();
    // `None`: idle; otherwise the key shown, with "saving", "saved" or "failed".
    let status = RwSignal::new(None::<(Key, &'static str)>);
    let parent = StoredValue::new(parent_id);
    let items = Memo::new(move |_| {
        parent.with_value(|p| ui.snap.with(|s| photos_of(&s.state, &s.uploads, p)))
    });
    let viewing = RwSignal::new(None::<usize>);
    let shas = Signal::derive(move || items.with(|v| v.iter().map(|i| i.sha256.clone()).collect()));
    let add = move |files: Option<web_sys::FileList>| {
        let Some(files) = files else { return };
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        if files.is_empty() {
            return;
        }
        status.set(Some((Key::PhotoSaving, "saving")));
        let parent_id = parent.get_value();
        leptos::task::spawn_local(async move {
            let failed = save_all(&ui, parent_kind, &parent_id, files).await;
            status.set(Some(match failed {
                None => (Key::PhotoSaved, "saved"),
                Some(Key::PhotoRefusedFull) => (Key::PhotoRefusedFull, "full"),
                Some(k) => (k, "failed"),
            }));
            ui.sync_now();
        });
    };
    let on_change = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        add(input.files());
        input.set_value("");
    };
    let can_add = move || ui.role().is_some_and(crate::model::offers::photo);
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        add(ev.data_transfer().and_then(|d| d.files()));
    };
    view! {
        <section id="photos" class="photos">
            <h2 class="sub">{move || ui.t(Key::Photos)}</h2>
            // Only for a role whose photos the server takes (`model::offers::photo`).
            <Show when=can_add>
            <label class="photo-add button" for="photo-input">{move || ui.t(Key::PhotoAdd)}</label>
            <input
                id="photo-input"
                type="file"
                accept="image/*"
                capture="environment"
                multiple
                on:change=on_change
            />
            <div
                id="photo-drop"
                class="photo-drop"
                on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=on_drop
            >
                {move || ui.t(Key::PhotoDrop)}
            </div>
            </Show>
            <p
                id="photo-status"
                role="status"
                data-state=move || status.get().map(|(_, s)| s).unwrap_or("idle")
            >
                {move || status.get().map(|(k, _)| ui.t(k))}
            </p>
            <Show when=move || items.with(Vec::is_empty)>
                <p class="muted">{move || ui.t(Key::PhotoNone)}</p>
            </Show>
            <ul class="photo-list">
                <For
                    each=move || items.get().into_iter().enumerate()
                    key=|(n, i)| (*n, i.id.clone(), i.state.clone())
                    children=move |(n, item)| view! {
                        <li on:click=move |_| viewing.set(Some(n))><Thumb item=item /></li>
                    }
                />
            </ul>
            <PhotoViewer shas=shas index=viewing />
        </section>
    }
}

/// Why a photo was not stored: the words to show where it was taken (`key`: the storage is
/// full, [`Key::PhotoRefusedFull`], or another failure, [`Key::PhotoSaveFailed`]) and the
/// cause for the console.
#[derive(Debug, Clone)]
pub struct PhotoNotSaved {
    /// What the user reads.
    pub key: Key,
    /// What support reads in the console.
    pub cause: String,
}

impl std::fmt::Display for PhotoNotSaved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.cause)
    }
}

impl From<String> for PhotoNotSaved {
    fn from(cause: String) -> Self {
        Self { key: Key::PhotoSaveFailed, cause }
    }
}

impl From<&str> for PhotoNotSaved {
    fn from(cause: &str) -> Self {
        cause.to_owned().into()
    }
}

/// Stores each of `files` as a photo of `parent_kind` `parent_id` ([`save_one`]: a form's
/// photos once its record is saved, or those taken on a page) and answers why any was not
/// kept, `None` when all were: [`Key::PhotoRefusedFull`] outranks another failure, since it
/// says what to do. Each cause goes to the console for support.
pub async fn save_all(
    ui: &Ui,
    parent_kind: PhotoParent,
    parent_id: &RecordId,
    files: Vec<web_sys::File>,
) -> Option<Key> {
    let mut failed = None;
    for file in files {
        if let Err(e) = save_one(ui, parent_kind, parent_id, &file).await {
            web_sys::console::error_1(&format!("photo not saved: {e}").into());
            if failed != Some(Key::PhotoRefusedFull) {
                failed = Some(e.key);
            }
        }
    }
    failed
}

/// The device's storage budget now, `None` where the browser gives no estimate.
async fn budget() -> Option<Budget> {
    storage_estimate().await.map(|(used, quota)| Budget { used, quota })
}

/// Prepares, hashes and stores one file as a photo of `parent_kind` `parent_id` (any
/// parent: a request here, a comment in `comments.rs`); the record, bytes, thumbnail and
/// queue entries land in one transaction before this returns. A photo that would leave less
/// than the records' reserve free is refused before anything is stored
/// (`model::storage`), and so is one IndexedDB refuses for its quota: either way the
/// caller shows [`Key::PhotoRefusedFull`] and nothing was half-kept.
pub async fn save_one(
    ui: &Ui,
    parent_kind: PhotoParent,
    parent_id: &RecordId,
    file: &web_sys::File,
) -> Result<(), PhotoNotSaved> {
    let engine = ui.engine().ok_or("not loaded")?;
    let by = ui.staff_id().ok_or("not signed in")?;
    // A new version waits until the photo is in IndexedDB (`crate::update`).
    let _busy = crate::update::Busy::photo();
    let quality = ui.snap.with_untracked(|s| deadlines::settings(&s.state).photo_quality);
    let c = prepare(file, quality).await?;
    let size = (c.bytes.len() + c.thumb.len()) as u64;
    let full = |cause: String| PhotoNotSaved { key: Key::PhotoRefusedFull, cause };
    let before = budget().await;
    if !storage::photo_allowed(before, size) {
        return Err(full(format!("{size} bytes refused: storage {before:?} keeps its reserve")));
    }
    let meta = PhotoMeta {
        parent_kind,
        parent_id: parent_id.clone(),
        sha256: sha256_hex(&c.bytes),
        thumb_sha256: sha256_hex(&c.thumb),
        mime: ImageType::Jpeg,
        bytes: c.bytes.len() as u64,
        width: c.width,
        height: c.height,
        taken_at: c.exif.taken.and_then(|t| taken_at_ms(t, tz_offset_minutes())),
        lat: c.exif.lat,
        lon: c.exif.lon,
        at: ui.now().max(0) as u64,
        by,
    };
    let Err(e) = engine.add_photo(&RecordId::new_v7(), &meta, c.bytes, c.thumb).await else {
        return Ok(());
    };
    let cause = e.to_string();
    // IndexedDB's abort does not always name the quota: a failed write with no room for the
    // photo now is the quota too.
    if storage::is_quota_error(&cause) || !storage::photo_allowed(budget().await, size) {
        return Err(full(cause));
    }
    Err(cause.into())
}

/// One thumbnail, from the device (or fetched once and kept), shown through an object URL
/// that is revoked when the thumbnail goes (also under comments, `photo_strip.rs`).
#[component]
pub fn Thumb(item: PhotoItem) -> impl IntoView {
    let ui = use_ui();
    let url = RwSignal::new(None::<String>);
    let missing = RwSignal::new(false);
    let made: Arc<Mutex<Option<String>>> = Arc::default();
    let keep = made.clone();
    on_cleanup(move || {
        if let Some(u) = keep.lock().ok().and_then(|mut g| g.take()) {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    if let Some(engine) = ui.engine() {
        let sha = item.thumb_sha256.clone();
        leptos::task::spawn_local(async move {
            match engine.photo_bytes(&sha).await.ok().and_then(|b| object_url(&b, "image/jpeg")) {
                Some(u) => {
                    if let Ok(mut g) = made.lock() {
                        *g = Some(u.clone());
                    }
                    url.try_set(Some(u));
                }
                None => {
                    missing.try_set(true);
                }
            }
        });
    }
    let state_key = match item.state.as_str() {
        "waiting" => Key::PhotoStateWaiting,
        "uploading" => Key::PhotoStateUploading,
        "failed" => Key::PhotoStateFailed,
        _ => Key::PhotoStateDone,
    };
    let reason = match &item.state {
        crate::photos::list::PhotoState::Failed(r) => r.clone(),
        crate::photos::list::PhotoState::Uploading(p) => format!("{p}%"),
        _ => String::new(),
    };
    view! {
        <figure class="photo" data-state=item.state.as_str()>
            <img
                class="photo-thumb"
                data-sha=item.sha256.clone()
                data-thumb=item.thumb_sha256.clone()
                data-state=item.state.as_str()
                data-missing=move || missing.get().to_string()
                src=move || url.get()
                alt=move || if missing.get() { ui.t(Key::PhotoNotHere) } else { ui.t(Key::Photos) }
            />
            <figcaption>{move || format!("{} {}", ui.t(state_key), reason)}</figcaption>
        </figure>
    }
}
