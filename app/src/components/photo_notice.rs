//! `#photo-notice`: a form saved its record but could not keep one of its photos (issue 26
//! point 3: storage full, or another failure). The form has gone on to the record's page by
//! then, so the words are carried there ([`crate::context::Ui::photo_notice`]) and shown
//! above it: why (`data-reason`: `full` or `failed`), and that the record is saved and its
//! photos can be added again on that page. It stays until "Got it" (`#photo-notice-ok`) or
//! until the user leaves that page; never a photo lost in silence.

use crate::context::{use_ui, Ui};
use crate::i18n::Key;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// After a form saved its record and before it goes to `path`: when `failed` (what
/// [`super::photos::save_all`] answered), the page at `path` says which words.
pub fn carry(ui: &Ui, failed: Option<Key>, path: &str) {
    if let Some(key) = failed {
        ui.photo_notice.set(Some((key, path.to_owned())));
    }
}

/// The notice, above the page it was carried to.
#[component]
pub fn PhotoNotice() -> impl IntoView {
    let ui = use_ui();
    let location = use_location();
    // Leaving the page the form went to drops the notice.
    Effect::new(move |_| {
        let path = location.pathname.get();
        let elsewhere =
            ui.photo_notice.with_untracked(|n| n.as_ref().is_some_and(|(_, p)| *p != path));
        if elsewhere {
            ui.photo_notice.set(None);
        }
    });
    let shown = move || {
        let path = location.pathname.get();
        ui.photo_notice.with(|n| n.as_ref().filter(|(_, p)| *p == path).map(|(k, _)| *k))
    };
    move || {
        shown().map(|key| {
            let reason = if key == Key::PhotoRefusedFull { "full" } else { "failed" };
            view! {
                <div id="photo-notice" class="photo-notice" role="alert" data-reason=reason>
                    <p>
                        <span class="reason">{move || ui.t(key)}</span>
                        " "
                        <span>{move || ui.t(Key::RecordSavedPhotosAgain)}</span>
                    </p>
                    <button
                        id="photo-notice-ok"
                        type="button"
                        on:click=move |_| ui.photo_notice.set(None)
                    >
                        {move || ui.t(Key::NoticeGotIt)}
                    </button>
                </div>
            }
        })
    }
}
