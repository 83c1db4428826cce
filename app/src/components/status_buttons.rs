//! One button per status the request may move to next ([`RequestStatus::next_steps`]).

use crate::i18n::{status_label, Key};
use crate::sync::runner::sync_now;
use crate::sync::FieldEdit;
use crate::ui::{engine, use_ui};
use leptos::prelude::*;
use serde_json::json;
use shared::request::RequestStatus;
use shared::RecordId;

#[component]
pub fn StatusButtons(id: RecordId, status: Signal<RequestStatus>) -> impl IntoView {
    let ui = use_ui();
    let set = move |next: RequestStatus| {
        let Some(engine) = engine() else { return };
        let edit = FieldEdit::new("request", &id, "status", json!(next.as_str()));
        leptos::task::spawn_local(async move {
            if engine.edit(vec![edit]).await.is_ok() {
                sync_now();
            }
        });
    };
    view! {
        <section class="status-buttons">
            <h3>{move || ui.t(Key::NextStatus)}</h3>
            <div class="buttons">
                <For
                    each=move || status.get().next_steps()
                    key=|s| s.as_str()
                    children=move |next| {
                        let set = set.clone();
                        view! {
                            <button
                                class="status"
                                data-next-status=next.as_str()
                                on:click=move |_| set(next)
                            >
                                {move || status_label(next, ui.lang.get())}
                            </button>
                        }
                    }
                />
            </div>
        </section>
    }
}
