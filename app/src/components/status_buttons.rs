//! One button per status the request may move to next ([`RequestStatus::next_steps`]): the
//! UI offers only legal moves; the server still judges each one.

use crate::context::use_ui;
use crate::i18n::{status_label, Key};
use crate::sync::FieldEdit;
use leptos::prelude::*;
use serde_json::json;
use shared::request::RequestStatus;
use shared::RecordId;

/// The legal next statuses of request `id` as buttons; a refused save shows its error.
#[component]
pub fn StatusButtons(id: RecordId, status: Signal<RequestStatus>) -> impl IntoView {
    let ui = use_ui();
    let error = RwSignal::new(None::<Key>);
    let set = move |next: RequestStatus| {
        ui.save(vec![FieldEdit::new("request", &id, "status", json!(next))], error, || {});
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
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </section>
    }
}
