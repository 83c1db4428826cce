//! Closing a request (issue 28 point 8): the result (办结结果: a suggested outcome or a
//! short text), what still keeps it from closing — the server's own gates
//! (`model::closing::close_blockers`), shown beside a close button that stays disabled
//! until they are met — and, once closed, the result and that the request is read-only
//! until the office reopens it.

use crate::context::use_ui;
use crate::i18n::{status_label, Key};
use crate::model::closing::{close_blockers, close_edits, CloseBlocker, CloseError};
use crate::model::flow::FlowError;
use leptos::prelude::*;
use shared::names::{field, kind};
use shared::request::complaint::DoneBlocker;
use shared::request::RequestStatus;
use shared::{Kind, RecordId};

/// The longest result the server stores (`close_result`, a short text).
const RESULT_MAX: &str = "200";

/// The suggested outcomes the result may be chosen from, in the UI's language.
const SUGGESTED: [Key; 3] =
    [Key::CloseResultResolved, Key::CloseResultAnswered, Key::CloseResultNoAction];

/// What a gate asks for, as the page says it.
pub fn blocker_key(b: CloseBlocker) -> Key {
    match b {
        CloseBlocker::ResultRequired => Key::CloseNeedsResult,
        CloseBlocker::Unjudged => Key::CloseNeedsJudgement,
        CloseBlocker::PlanNotApproved => Key::CloseNeedsApproval,
        CloseBlocker::NotConfirmed => Key::CloseNeedsConfirmation,
        CloseBlocker::Open(DoneBlocker::ReplyRequired) => Key::CpReplyRequired,
        CloseBlocker::Open(DoneBlocker::ReportRequired) => Key::CpReportRequired,
    }
}

/// The close form of request `id` when the signed-in role may close it from `status`; the
/// result and the read-only notice once it is closed.
#[component]
pub fn CloseForm(id: RecordId, status: Signal<RequestStatus>) -> impl IntoView {
    let ui = use_ui();
    let id = StoredValue::new(id);
    let result = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let offered = move || {
        let role = ui.role();
        // The same offer as every status move (`model::offers`): what the judge takes.
        role.is_some_and(|r| {
            crate::model::offers::moves(r, status.get()).contains(&RequestStatus::Closed)
        })
    };
    let blockers = Memo::new(move |_| {
        let typed = result.get();
        ui.snap.with(|s| id.with_value(|id| close_blockers(&s.state, id, &typed)))
    });
    let reasons = move || {
        let keys: Vec<&str> = blockers.get().into_iter().map(|b| ui.t(blocker_key(b))).collect();
        keys.join(if ui.lang.get() == crate::i18n::Lang::Zh { "；" } else { "; " })
    };
    let stored = move || {
        ui.snap.with(|s| {
            let f = id.with_value(|id| {
                s.state.record(&Kind::new(kind::REQUEST), id).map(|f| f.string(field::CLOSE_RESULT))
            });
            f.unwrap_or_default()
        })
    };
    let close = move |_| {
        let Some(actor) = ui.actor() else { return error.set(Some(Key::SaveFailed)) };
        let from = status.get_untracked();
        let typed = result.get_untracked();
        let edits = ui.snap.with_untracked(|s| {
            id.with_value(|id| close_edits(&s.state, id, from, typed.trim(), &actor))
        });
        match edits {
            Ok(edits) => ui.save(edits, error, move || result.set(String::new())),
            Err(CloseError::Blocked(_)) => error.set(None),
            Err(CloseError::Flow(FlowError::ResultRequired)) => {
                error.set(Some(Key::CloseNeedsResult))
            }
            Err(CloseError::Flow(_)) => error.set(Some(Key::MoveNotAllowed)),
        }
    };
    view! {
        <Show when=offered>
            <section id="close-form" class="close-form">
                <label for="close-result">{move || ui.t(Key::CloseResult)}</label>
                <div class="buttons close-suggestions">
                    {SUGGESTED.map(|k| view! {
                        <button type="button" class="ghost close-suggestion" on:click=move |_| result.set(ui.t(k).to_owned())>
                            {move || ui.t(k)}
                        </button>
                    })}
                </div>
                <input id="close-result" type="text" maxlength=RESULT_MAX bind:value=result />
                <Show when=move || blockers.with(|b| !b.is_empty())>
                    <p id="close-blockers" class="warning" role="status">
                        {move || ui.t(Key::CloseBlocked)} " " {reasons}
                    </p>
                </Show>
                <button
                    id="close-request"
                    class="status to-closed"
                    data-next-status="closed"
                    prop:disabled=move || blockers.with(|b| !b.is_empty())
                    on:click=close
                >
                    {move || status_label(RequestStatus::Closed, ui.lang.get())}
                </button>
                <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
            </section>
        </Show>
        <Show when=move || status.get() == RequestStatus::Closed>
            <section id="closed-note" class="closed-note" role="status">
                <p>{move || ui.t(Key::ClosedReadOnly)}</p>
                <p>{move || ui.t(Key::CloseResult)} ": " <span id="close-result-shown">{stored}</span></p>
            </section>
        </Show>
    }
}
