//! The history of a request (`#timeline`): one `li.event` per event, comment and call-back,
//! oldest first — what, who, when, and "not yet synced" while it waits; when it reached the
//! server and from which device only on demand, under each entry's "详情 / Details". The entries come from `model::timeline::timeline`. A
//! comment's photos show under it (`photo_strip.rs`).

use super::photo_strip::PhotoStrip;
use crate::context::use_ui;
use crate::i18n::{timeline_text, Key};
use crate::model::timeline::{Entry, EntryKind};
use crate::photos::list::{photos_by_parent, PhotoView};
use crate::photos::UploadQueue;
use crate::platform::format_time;
use leptos::prelude::*;

/// What `data-to` carries: a status event's new status, a call-back's satisfaction (else
/// its result), another event's `to`.
fn data_to(e: &Entry) -> String {
    match e.kind {
        EntryKind::Callback if !e.satisfaction.is_empty() => e.satisfaction.clone(),
        _ => e.to.clone(),
    }
}

/// The first characters of a replica id: enough to tell the tablets of a site apart.
fn short_device(d: &str) -> String {
    let tail: Vec<char> = d.chars().collect();
    tail[tail.len().saturating_sub(8)..].iter().collect()
}

/// The timeline of the entries in `entries`.
#[component]
pub fn Timeline(entries: Memo<Vec<Entry>>) -> impl IntoView {
    let ui = use_ui();
    // Every parent's photos, in one pass when the photos or the upload queue changed (not
    // one per comment, nor on other records' changes).
    let changed = Memo::new(move |_| ui.snap.with(|s| (s.revision, s.uploads.progress())));
    let kept: StoredValue<PhotoView<UploadQueue, _>, LocalStorage> =
        StoredValue::new_local(Default::default());
    let photos = Memo::new(move |_| {
        changed.with(|_| ());
        ui.snap.with_untracked(|s| {
            kept.try_update_value(|k| k.get(&s.state, &s.uploads, photos_by_parent))
                .unwrap_or_default()
        })
    });
    view! {
        <section class="history">
            <h2 class="sub">{move || ui.t(Key::History)}</h2>
            <Show when=move || entries.with(|e| e.is_empty())>
                <p class="empty">{move || ui.t(Key::NoHistory)}</p>
            </Show>
            <ol id="timeline" class="timeline">
                <For
                    each=move || entries.get()
                    key=|e| (e.id.clone(), e.synced, e.received_at, e.by_name.clone(), e.routed_to.clone())
                    children=move |e| {
                        let when = e.at.map(|t| format_time(t as u64)).unwrap_or_default();
                        let (synced, received_at) = (e.synced, e.received_at);
                        let server = move || match (synced, received_at) {
                            (true, Some(t)) => format!("{} {}", ui.t(Key::ReachedServer), format_time(t as u64)),
                            (true, None) => ui.t(Key::ReachedServer).to_owned(),
                            (false, _) => ui.t(Key::NotYetSynced).to_owned(),
                        };
                        let device = short_device(&e.device);
                        let strip = (e.kind == EntryKind::Comment).then(|| {
                            let parent = e.id.clone();
                            let items = Signal::derive(move || {
                                photos.with(|p| p.get(&parent).cloned().unwrap_or_default())
                            });
                            view! { <PhotoStrip parent=e.id.to_string() items=items /> }
                        });
                        let text = {
                            let e = e.clone();
                            move || timeline_text(&e, ui.lang.get())
                        };
                        view! {
                            <li
                                class="event"
                                class:unsynced=!e.synced
                                data-type=e.kind.data_type()
                                data-to=data_to(&e)
                                data-synced=if e.synced { "true" } else { "false" }
                            >
                                <span class="when">{when}</span>
                                <span class="who" translate="no">{e.by_name.clone()}</span>
                                <span class="what">{text}</span>
                                {(!synced).then(|| view! {
                                    <span class="unsynced-mark">{move || ui.t(Key::NotYetSynced)}</span>
                                })}
                                <details class="entry-details">
                                    <summary>{move || ui.t(Key::EntryDetails)}</summary>
                                    <span class="server">{server}</span>
                                    <span class="device">{move || ui.t(Key::OnDevice)} " " <span translate="no">{device.clone()}</span></span>
                                </details>
                                {strip}
                            </li>
                        }
                    }
                />
            </ol>
        </section>
    }
}
