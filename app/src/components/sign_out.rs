//! Signing out on a shared tablet. `#logout` asks the engine; with nothing waiting the
//! replica is wiped and the login page shows. Otherwise the engine refuses and
//! `#logout-blocked` says what waits — changes, and photos the server has not confirmed
//! (waiting or refused) — with `#logout-sync-now`, `#logout-export` (download the outbox and
//! those photos' bytes as JSON), and `#logout-confirm` once everything is synced or exported.

use crate::context::use_ui;
use crate::i18n::{photos_at_risk_summary, unsynced_summary, Key};
use crate::platform;
use crate::sync::runner::AppEngine;
use crate::sync::{SessionError, SyncError, TransportError};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Downloads the unsynced changes and unconfirmed photos as
/// `guanjia-unsynced-<user>-<date>.json`, then records in the store that exactly this outbox
/// and these photos were exported (so signing out may delete them). The login page uses it
/// too, for another user's.
pub async fn export_unsynced(engine: &AppEngine) -> Result<(), String> {
    let file = engine.export_unsynced().await.map_err(|e| e.to_string())?;
    platform::download_json(&file.file_name(platform::utc_offset_min()), &file.to_json())?;
    engine.mark_exported(&file).await.map_err(|e| e.to_string())
}

/// The `#logout` button and, when signing out was refused, the `#logout-blocked` panel.
#[component]
pub fn SignOut() -> impl IntoView {
    let ui = use_ui();
    let open = RwSignal::new(false);
    let note = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);
    let pending = move || ui.snap.with(|s| s.pending);
    let records = move || ui.snap.with(|s| s.pending_ids.len());
    let exported = move || ui.snap.with(|s| s.exported);
    let photos = move || ui.snap.with(|s| s.photos_at_risk);
    let sign_out = move || {
        let Some(engine) = ui.engine() else { return };
        spawn_local(async move {
            let token = engine.snapshot().await.session.map(|s| s.token);
            match engine.sign_out().await {
                Ok(()) => {
                    open.set(false);
                    if let Some(token) = token {
                        crate::sync::http::logout(&token).await;
                    }
                }
                Err(SessionError::Unsynced { .. }) => {
                    note.set(None);
                    open.set(true);
                }
                Err(SessionError::PhotosUnconfirmed { .. }) => {
                    note.set(Some(Key::PhotosUnconfirmedSignOut));
                    open.set(true);
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("sign-out failed: {e}").into());
                    note.set(Some(Key::SignOutFailed));
                    open.set(true);
                }
            }
        });
    };
    let sync_now = move |_| {
        let Some(engine) = ui.engine() else { return };
        busy.set(true);
        note.set(Some(Key::Syncing));
        spawn_local(async move {
            let result = engine.sync_once().await;
            busy.set(false);
            ui.online.set(!matches!(result, Err(SyncError::Transport(TransportError::Offline(_)))));
            note.set(Some(match result {
                Ok(()) => Key::SyncDone,
                Err(SyncError::Transport(TransportError::Offline(_))) => Key::SyncOffline,
                Err(e) => {
                    web_sys::console::error_1(&format!("sync failed: {e}").into());
                    Key::SyncFailed
                }
            }));
        });
    };
    let export = move |_| {
        let Some(engine) = ui.engine() else { return };
        spawn_local(async move {
            // Once exported, the summary itself says signing out is allowed.
            note.set(match export_unsynced(&engine).await {
                Ok(()) => None,
                Err(e) => {
                    web_sys::console::error_1(&e.into());
                    Some(Key::ExportFailed)
                }
            });
        });
    };
    let summary = move || {
        let lang = ui.lang.get();
        let changes_safe = pending() == 0 || exported();
        match (changes_safe, photos()) {
            (true, 0) if pending() == 0 => Key::AllSynced.text(lang).to_owned(),
            (true, 0) => Key::ExportDone.text(lang).to_owned(),
            (true, n) => photos_at_risk_summary(n, lang),
            (false, 0) => unsynced_summary(pending(), records(), lang),
            (false, n) => {
                format!(
                    "{} {}",
                    unsynced_summary(pending(), records(), lang),
                    photos_at_risk_summary(n, lang)
                )
            }
        }
    };
    view! {
        <button id="logout" class="ghost" on:click=move |_| sign_out()>
            {move || ui.t(Key::Logout)}
        </button>
        <Show when=move || open.get()>
            <div
                id="logout-blocked"
                class="logout-blocked card"
                role="alertdialog"
                data-changes=move || pending().to_string()
                data-records=move || records().to_string()
                data-exported=move || exported().to_string()
                data-photos=move || photos().to_string()
            >
                <p class="summary">{summary}</p>
                <p id="logout-note" class="note" role="status">{move || note.get().map(|k| ui.t(k))}</p>
                <div class="actions">
                    <button id="logout-sync-now" on:click=sync_now disabled=move || busy.get()>
                        {move || ui.t(Key::SyncNow)}
                    </button>
                    <button
                        id="logout-export"
                        on:click=export
                        disabled=move || pending() == 0 && photos() == 0
                    >
                        {move || ui.t(Key::ExportUnsynced)}
                    </button>
                    <button
                        id="logout-confirm"
                        class="primary"
                        on:click=move |_| sign_out()
                        disabled={move || (pending() > 0 && !exported()) || photos() > 0}
                    >
                        {move || ui.t(Key::Logout)}
                    </button>
                    <button id="logout-cancel" class="ghost" on:click=move |_| open.set(false)>
                        {move || ui.t(Key::Cancel)}
                    </button>
                </div>
            </div>
        </Show>
    }
}
