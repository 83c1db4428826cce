//! The always-visible sync status: online or offline, records waiting (what the user made,
//! not field changes; `data-changes` has those), a progress bar while a snapshot loads
//! (fields received of the total), photos waiting to upload (each photo once, whatever its
//! files: `data-files` counts those; issue 9), last sync time, and the device's storage used of its quota and whether it is persistent
//! (`storage_status.rs`: `#storage-used[data-used][data-quota]`, issue 9 point 6, issue 26). Its `data-*` attributes are part of the DOM contract the
//! end-to-end tests read.

use super::storage_status::StorageLine;
use crate::context::use_ui;
use crate::i18n::{photos_failed_text, photos_waiting_text, records_waiting_text, Key};
use crate::platform::format_time;
use leptos::prelude::*;

/// The badge: reads the snapshot's outbox size and last sync, and the online flag.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let ui = use_ui();
    // What the user made that waits (records, photos aside), not field changes.
    let pending = move || ui.snap.with(|s| s.records_waiting);
    let last = move || ui.snap.with(|s| s.last_sync);
    view! {
        <div
            id="sync-badge"
            class="sync-badge"
            class:offline=move || !ui.online.get()
            class:waiting={move || pending() > 0}
            data-online=move || ui.online.get().to_string()
            data-pending=move || pending().to_string()
            data-changes=move || ui.snap.with(|s| s.pending).to_string()
            data-last-sync=move || last().map(|t| t.to_string()).unwrap_or_default()
            data-whole=move || ui.snap.with(|s| s.whole).to_string()
        >
            <span class="dot"></span>
            <span class="state">
                {move || if ui.online.get() { ui.t(Key::Online) } else { ui.t(Key::Offline) }}
            </span>
            <Show when=move || { pending() > 0 }>
                <span class="pending">{move || records_waiting_text(pending(), ui.lang.get())}</span>
            </Show>
            {move || {
                let p = ui.snap.with(|s| s.uploads.progress());
                (p.photos_waiting + p.photos_failed > 0).then(|| view! {
                    <span
                        id="sync-photos"
                        class="photos-waiting"
                        data-waiting=p.photos_waiting.to_string()
                        data-failed=p.photos_failed.to_string()
                        data-files=p.waiting.to_string()
                        data-percent=p.percent().to_string()
                    >
                        {(p.photos_waiting > 0).then(|| photos_waiting_text(p.photos_waiting, p.percent(), ui.lang.get()))}
                        {(p.photos_failed > 0).then(|| format!(" {}", photos_failed_text(p.photos_failed, ui.lang.get())))}
                    </span>
                })
            }}
            {move || ui.snap.with(|s| s.rebasing).then(|| view! {
                <span id="sync-rebasing" class="rebasing" role="status">{ui.t(Key::Rebasing)}</span>
            })}
            {move || ui.loading.get().map(|l| view! {
                <span
                    id="sync-loading"
                    class="loading"
                    data-received=l.received.to_string()
                    data-total=l.total.to_string()
                >
                    <progress max=l.total.to_string() value=l.received.to_string()></progress>
                    {format!("{} {} / {} ({}%)", ui.t(Key::LoadingReplica), l.received, l.total, l.percent())}
                </span>
            })}
            <StorageLine />
            <span class="last">
                {move || {
                    let when = last().map(format_time).unwrap_or_else(|| ui.t(Key::Never).to_owned());
                    format!("{} {}", ui.t(Key::LastSync), when)
                }}
            </span>
        </div>
    }
}
