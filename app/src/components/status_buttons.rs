//! One button per status the signed-in user's role may move the request to next
//! ([`RequestStatus::next_steps_for`]), minus the moves other controls make: `assigned` is
//! the dispatch (`dispatch.rs`), `called_back` the call-back panel's, `closed` the close
//! form's (`close_form.rs`, with its result). Each move writes its
//! history event in the same edit (`model::flow::transition_edits`); the server still judges
//! each one. Cancelling asks for a reason (`#cancel-reason`).

use crate::context::{use_ui, Ui};
use crate::i18n::{status_label, Key};
use crate::model::flow::{transition_edits, Actor, FlowError};
use crate::platform::now_ms;
use leptos::prelude::*;
use shared::request::RequestStatus;
use shared::RecordId;

/// The signed-in user as the maker of an edit now, on this device, by the server-corrected
/// clock (`None` when signed out).
pub fn current_actor(ui: &Ui) -> Option<Actor> {
    ui.snap.with_untracked(|s| Actor::from_snapshot(s, now_ms()))
}

/// The moves the buttons offer to a user of `role` for a request in `status`: the status
/// machine's, whose edits the server's writer rules take (`model::offers::moves`).
pub fn offered(status: RequestStatus, role: Option<shared::Role>) -> Vec<RequestStatus> {
    // Closing has its own form and button (`close_form.rs`): not one of these.
    let moves = role.map(|role| crate::model::offers::moves(role, status)).unwrap_or_default();
    moves.into_iter().filter(|s| *s != RequestStatus::Closed).collect()
}

/// The legal next statuses of request `id` as buttons; a refused move shows its error.
#[component]
pub fn StatusButtons(id: RecordId, status: Signal<RequestStatus>) -> impl IntoView {
    let ui = use_ui();
    let error = RwSignal::new(None::<Key>);
    let reason = RwSignal::new(String::new());
    let steps = Memo::new(move |_| offered(status.get(), ui.role()));
    let id = StoredValue::new(id);
    let set = move |next: RequestStatus| {
        let Some(actor) = current_actor(&ui) else {
            return error.set(Some(Key::SaveFailed));
        };
        if next == RequestStatus::Done {
            // A complaint is done only when its closed loop allows it (a reasoned reply to
            // one that does not stand; the report at manager level).
            let blocked = id.with_value(|id| {
                ui.snap.with_untracked(|s| {
                    crate::model::complaint::complaint(&s.state, id)
                        .and_then(|c| crate::model::complaint::done_blocker(&c))
                })
            });
            if let Some(b) = blocked {
                return error.set(Some(crate::components::complaint_step::error_key(b)));
            }
        }
        let note =
            if next == RequestStatus::Cancelled { reason.get_untracked() } else { String::new() };
        let edits =
            id.with_value(|id| transition_edits(id, status.get_untracked(), next, &note, &actor));
        match edits {
            Ok(edits) => ui.save(edits, error, move || reason.set(String::new())),
            Err(FlowError::ReasonRequired) => error.set(Some(Key::CancelReasonRequired)),
            Err(_) => error.set(Some(Key::MoveNotAllowed)),
        }
    };
    let can_cancel = move || steps.with(|s| s.contains(&RequestStatus::Cancelled));
    view! {
        <Show when=move || steps.with(|s| !s.is_empty())>
            <section class="status-buttons">
                <h2 class="sub">{move || ui.t(Key::NextStatus)}</h2>
                <div class="buttons">
                    <For
                        each=move || steps.get()
                        key=|s| s.as_str()
                        children=move |next| {
                            view! {
                                <button
                                    class=format!("status to-{}", next.as_str())
                                    data-next-status=next.as_str()
                                    on:click=move |_| set(next)
                                >
                                    {move || status_label(next, ui.lang.get())}
                                </button>
                            }
                        }
                    />
                </div>
                <Show when=can_cancel>
                    <label for="cancel-reason">{move || ui.t(Key::CancelReason)}</label>
                    <input id="cancel-reason" type="text" bind:value=reason />
                </Show>
                <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
            </section>
        </Show>
    }
}
