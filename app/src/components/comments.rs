//! Adding a comment to a request: internal (the default) or for the resident, with photos
//! attached (issue 9: `photo` records whose parent is the `request_comment`). The comments
//! themselves show in the timeline (`timeline.rs`), each with its photos.
//!
//! DOM: `#comment-text`, `#comment-internal`, `#comment-photo-input`,
//! `#comment-photos[data-count]`, `#comment-save`.

use super::photos::save_all;
use super::status_buttons::current_actor;
use crate::context::use_ui;
use crate::i18n::Key;
use crate::model::flow::comment_edits;
use leptos::prelude::*;
use shared::blob::PhotoParent;
use shared::RecordId;

/// The comment box of request `id`.
#[component]
pub fn Comments(id: RecordId) -> impl IntoView {
    let ui = use_ui();
    let text = RwSignal::new(String::new());
    let internal = RwSignal::new(true);
    let error = RwSignal::new(None::<Key>);
    // Files chosen to go with the comment: stored as photos once the comment is saved.
    let files: RwSignal<Vec<web_sys::File>, LocalStorage> = RwSignal::new_local(Vec::new());
    let save = move |_| {
        let Some(actor) = current_actor(&ui) else {
            return error.set(Some(Key::SaveFailed));
        };
        let Some(edits) =
            comment_edits(&id, &text.get_untracked(), internal.get_untracked(), &actor)
        else {
            return error.set(Some(Key::CommentRequired));
        };
        let Some(engine) = ui.engine() else { return error.set(Some(Key::SaveFailed)) };
        let comment = edits[0].id.clone();
        let chosen = files.get_untracked();
        leptos::task::spawn_local(async move {
            if let Err(e) = crate::update::saving(engine.edit(edits)).await {
                web_sys::console::error_1(&format!("comment not saved: {e}").into());
                return error.set(Some(Key::SaveFailed));
            }
            text.set(String::new());
            files.set(Vec::new());
            ui.sync_now();
            // The comment is saved; each photo is stored whole before it counts as saved.
            error.set(save_all(&ui, PhotoParent::RequestComment, &comment, chosen).await);
            ui.sync_now();
        });
    };
    let choose = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(list) = input.files() {
            let more: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            files.update(|f| f.extend(more));
        }
        input.set_value("");
    };
    let count = move || files.with(Vec::len);
    view! {
        <section class="comments">
            <h2 class="sub">{move || ui.t(Key::Comments)}</h2>
            <textarea id="comment-text" rows="2" aria-label=move || ui.t(Key::CommentAdd) bind:value=text></textarea>
            <label class="check">
                <input id="comment-internal" type="checkbox" bind:checked=internal />
                {move || ui.t(Key::CommentInternal)}
            </label>
            <Show when=move || ui.role().is_some_and(crate::model::offers::photo)>
            <label class="photo-attach" for="comment-photo-input">{move || ui.t(Key::PhotoAttach)}</label>
            <input
                id="comment-photo-input"
                type="file"
                accept="image/*"
                capture="environment"
                multiple
                on:change=choose
            />
            </Show>
            <span id="comment-photos" class="comment-photos-pending" data-count=move || count().to_string()>
                {move || (count() > 0).then(|| format!("{} {}", count(), ui.t(Key::PhotosToAttach)))}
            </span>
            <button id="comment-save" on:click=save>{move || ui.t(Key::CommentAdd)}</button>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </section>
    }
}
