//! The end of a complaint's loop: the resident's confirmation (a signature drawn on the
//! tablet, or a note of verbal consent) and the link to an earlier complaint it repeats.

use super::complaint_step::save_step;
use super::signature::{SignaturePad, SignatureView};
use crate::context::use_ui;
use crate::i18n::{status_label, Key};
use crate::model::complaint::{self, ComplaintView};
use crate::platform::format_time;
use leptos::prelude::*;
use shared::request::Confirmation;
use shared::RecordId;

/// The confirmation as given, and the two ways to give it.
#[component]
pub fn Confirm(id: RecordId, data: Signal<Option<ComplaintView>>) -> impl IntoView {
    let ui = use_ui();
    let rid = StoredValue::new(id);
    let path = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let signed =
        move || data.with(|d| d.as_ref().map(|c| c.signature.clone()).filter(|s| !s.is_empty()));
    let how = move || data.with(|d| d.as_ref().and_then(|c| c.confirmation));
    let verbal =
        move || data.with(|d| d.as_ref().map(|c| c.confirmation_note.clone()).unwrap_or_default());
    let save = move |how: Confirmation| {
        let (n, p) = (note.get_untracked(), path.get_untracked());
        save_step(ui, error, |a| complaint::confirm_edits(&rid.get_value(), how, &n, &p, a));
    };
    view! {
        <div class="complaint-confirm" data-confirmation=move || how().map(|h| h.as_str()).unwrap_or_default()>
            <h3>{move || ui.t(Key::CpConfirmation)}</h3>
            {move || signed().map(|p| view! {
                <p>{move || ui.t(Key::CpSigned)}</p>
                <SignatureView path=p />
            })}
            <Show when=move || how() == Some(Confirmation::Verbal)>
                <p class="verbal">{move || ui.t(Key::CpVerbal)} ": " {verbal}</p>
            </Show>
            <Show when=move || how().is_none()>
                <SignaturePad path=path />
                <button id="complaint-sign-save" on:click=move |_| save(Confirmation::Signature)>
                    {move || ui.t(Key::CpSaveSignature)}
                </button>
                <label for="complaint-verbal-note">{move || ui.t(Key::CpVerbalNote)}</label>
                <input id="complaint-verbal-note" bind:value=note />
                <button id="complaint-verbal-save" on:click=move |_| save(Confirmation::Verbal)>
                    {move || ui.t(Key::CpSaveVerbal)}
                </button>
            </Show>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </div>
    }
}

/// The unit's earlier complaints (accepted or answered, last 90 days) to link as a repeat.
#[component]
pub fn Repeats(id: RecordId, data: Signal<Option<ComplaintView>>) -> impl IntoView {
    let ui = use_ui();
    let rid = StoredValue::new(id);
    let error = RwSignal::new(None::<Key>);
    let earlier = Memo::new(move |_| {
        ui.snap.with(|s| rid.with_value(|id| complaint::repeat_candidates(&s.state, id)))
    });
    let linked = move || data.with(|d| d.as_ref().and_then(|c| c.repeat_of.clone()));
    let link = move |to: Option<RecordId>| {
        save_step(ui, error, |a| Ok(complaint::repeat_edits(&rid.get_value(), to.as_ref(), a)));
    };
    view! {
        <div class="complaint-repeats" data-repeat-of=move || linked().map(|r| r.0).unwrap_or_default()>
            <h3>{move || ui.t(Key::CpRepeats)}</h3>
            <Show when=move || earlier.with(Vec::is_empty)>
                <p class="empty">{move || ui.t(Key::CpNoEarlier)}</p>
            </Show>
            <ul>
                <For
                    each=move || earlier.get()
                    key=|c| (c.id.clone(), c.status)
                    children=move |c| {
                        let (cid, status) = (c.id.clone(), c.status);
                        let is_linked = {
                            let cid = cid.clone();
                            move || linked().as_ref() == Some(&cid)
                        };
                        let href = format!("/requests/{}", c.id);
                        view! {
                            <li class="earlier-complaint" data-id=c.id.to_string()>
                                <a href=href>{c.created_at.map(|t| format_time(t as u64))} " " {c.description.clone()}</a>
                                " " <span class="chip">{move || status_label(status, ui.lang.get())}</span>
                                <Show
                                    when=is_linked.clone()
                                    fallback={
                                        let cid = cid.clone();
                                        move || {
                                            let cid = cid.clone();
                                            view! {
                                                <button class="link-repeat" on:click=move |_| link(Some(cid.clone()))>
                                                    {move || ui.t(Key::CpLinkRepeat)}
                                                </button>
                                            }
                                        }
                                    }
                                >
                                    <span class="badge">{move || ui.t(Key::CpRepeatOf)}</span>
                                    <button class="ghost unlink-repeat" on:click=move |_| link(None)>
                                        {move || ui.t(Key::CpUnlink)}
                                    </button>
                                </Show>
                            </li>
                        }
                    }
                />
            </ul>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </div>
    }
}
