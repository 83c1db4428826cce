//! Adding a comment to a request: internal (the default) or for the resident. The comments
//! themselves show in the timeline (`timeline.rs`).

use super::status_buttons::current_actor;
use crate::context::use_ui;
use crate::i18n::Key;
use crate::model::flow::comment_edits;
use leptos::prelude::*;
use shared::RecordId;

/// The comment box of request `id`.
#[component]
pub fn Comments(id: RecordId) -> impl IntoView {
    let ui = use_ui();
    let text = RwSignal::new(String::new());
    let internal = RwSignal::new(true);
    let error = RwSignal::new(None::<Key>);
    let save = move |_| {
        let Some(actor) = current_actor(&ui) else {
            return error.set(Some(Key::SaveFailed));
        };
        match comment_edits(&id, &text.get_untracked(), internal.get_untracked(), &actor) {
            Some(edits) => ui.save(edits, error, move || text.set(String::new())),
            None => error.set(Some(Key::CommentRequired)),
        }
    };
    view! {
        <section class="comments">
            <h3>{move || ui.t(Key::Comments)}</h3>
            <textarea id="comment-text" rows="2" bind:value=text></textarea>
            <label class="check">
                <input id="comment-internal" type="checkbox" bind:checked=internal />
                {move || ui.t(Key::CommentInternal)}
            </label>
            <button id="comment-save" on:click=save>{move || ui.t(Key::CommentAdd)}</button>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </section>
    }
}
