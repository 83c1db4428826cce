//! `/renovations/:id`: one renovation — its application, its documents, the status buttons
//! the role is offered (`model::renovation::offered_moves`: each writes the status with
//! who made the move and when; acceptance also flags the deposit's return to finance), the
//! supervisor's extension, today's check, the checks' history with their photos, and the
//! link to the printable permit.
//!
//! DOM: `#renovation[data-id][data-status]`, `#reno-status`, `#reno-note` (a review's
//! note), `button.reno-move[data-to]` with ids `#reno-move-<status>` (`#reno-accept` for
//! acceptance), `#reno-extend-date`, `#reno-extend`, `#reno-check-link`,
//! `#reno-permit-link`, `#reno-action-error`, `#reno-checks`,
//! `li.reno-check[data-result][data-stop]`, `a.reno-check-request`.

use super::renovation_parts::{date_text, Field};
use crate::components::page_heading::PageHeading;
use crate::components::photo_strip::PhotoStrip;
use crate::components::photos::Photos;
use crate::context::use_ui;
use crate::i18n::{check_result_label, renovation_move_label, renovation_status_label, Lang, Rn};
use crate::model::renovation::{extension_edits, move_edits, offered_moves, renovation, RenoError};
use crate::model::renovation_check::{acceptance_edits, checks_of, may_check};
use crate::photos::list::photos_of;
use crate::platform::{format_time, utc_offset_min};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::blob::PhotoParent;
use shared::renovation::RenovationStatus;
use shared::RecordId;

/// The words of a refusal the forms show.
pub fn error_word(e: RenoError) -> Rn {
    match e {
        RenoError::UnitRequired => Rn::UnitRequired,
        RenoError::ApplicantRequired => Rn::ApplicantRequired,
        RenoError::WorksRequired => Rn::WorksRequired,
        RenoError::BadDates => Rn::BadDates,
        RenoError::BadNumber => Rn::BadNumber,
        RenoError::NotAllowed => Rn::NotAllowed,
        RenoError::ViolationRequired => Rn::ViolationRequired,
        RenoError::NotActive => Rn::NotActive,
        RenoError::BadExtension => Rn::BadExtension,
        RenoError::BadPhone => Rn::BadPhone,
    }
}

/// One renovation.
#[component]
pub fn RenovationPage() -> impl IntoView {
    let ui = use_ui();
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let view_of = Memo::new(move |_| {
        ui.tick.track();
        let now = ui.now();
        ui.snap.with(|s| renovation(&s.state, &id.get(), now, utc_offset_min()))
    });
    let t = move |w: Rn| w.text(ui.lang.get());
    move || {
        match view_of.get() {
        None => view! { <section class="card"><p id="reno-missing">{move || t(Rn::NotFound)}</p></section> }.into_any(),
        Some(r) => {
            let lang = ui.lang.get();
            let status = r.status;
            let role_label = r.applicant_role.map(|p| crate::i18n::person_role_label(p, lang)).unwrap_or("");
            let end = r.extended_to.max(r.planned_end);
            view! {
                <section id="renovation" class="renovation" data-id=r.id.to_string() data-status=status.map(|s| s.as_str()).unwrap_or("")>
                    <PageHeading><span translate="no">{r.unit_number.clone()}</span>" · "{t(Rn::Title)}</PageHeading>
                    <p>
                        <span id="reno-status" class=format!("chip reno-status-{}", status.map(|s| s.as_str()).unwrap_or(""))>
                            {status.map(|s| renovation_status_label(s, lang))}
                        </span>
                    </p>
                    <section class="card">
                        <h2>{t(Rn::Fields)}</h2>
                        <dl class="reno-fields">
                            <Field label=Rn::Area value=r.area_name.clone() />
                            <Field label=Rn::Applicant value=format!("{} {}", r.applicant, role_label) />
                            <Field label=Rn::Phone value=r.applicant_phone.clone() />
                            <Field label=Rn::Company value=r.company.clone() />
                            <Field label=Rn::Foreman value=format!("{} {}", r.foreman, r.foreman_phone) />
                            <Field label=Rn::Workers value=r.workers.map(|w| w.to_string()).unwrap_or_default() />
                            <Field label=Rn::Works value=r.works.clone() />
                            <Field label=Rn::Start value=date_text(r.planned_start) />
                            <Field label=Rn::End value=date_text(r.planned_end) />
                            {r.extended_to.map(|_| view! { <Field label=Rn::ExtendedTo value=date_text(end) /> })}
                            <Field label=Rn::Deposit value=r.deposit.map(|d| d.to_string()).unwrap_or_default() />
                            <Field label=Rn::Department value=r.department_name.clone() />
                            <Field label=Rn::ReviewNote value=r.review_note.clone() />
                            <Field label=Rn::ReviewedBy value=stamp(&r.reviewed_by, r.reviewed_at) />
                            <Field label=Rn::ApprovedBy value=stamp(&r.approved_by, r.approved_at) />
                            <Field label=Rn::AcceptedBy value=stamp(&r.accepted_by, r.accepted_at) />
                        </dl>
                        {r.deposit_request.clone().map(|q| view! {
                            <p><a id="reno-deposit-request" href=format!("/requests/{q}")>{t(Rn::DepositRequest)}</a></p>
                        })}
                        {matches!(status, Some(RenovationStatus::Approved | RenovationStatus::Stopped | RenovationStatus::Completed)).then(|| view! {
                            <p><a id="reno-permit-link" class="button" href=format!("/renovations/{}/permit", r.id)>{t(Rn::PermitOpen)}</a></p>
                        })}
                    </section>
                    <Actions id=r.id.clone() status=status />
                    {(status.is_some_and(RenovationStatus::is_active) && ui.role().is_some_and(may_check)).then(|| view! {
                        <p><a id="reno-check-link" class="button primary" href=format!("/renovations/{}/check", r.id)>{t(Rn::CheckNow)}</a></p>
                    })}
                    <Photos parent_kind=PhotoParent::Renovation parent_id=r.id.clone() />
                    <Checks id=r.id.clone() />
                </section>
            }
            .into_any()
        }
    }
    }
}

fn stamp(by: &str, at: Option<i64>) -> String {
    match at {
        Some(at) => format!("{by} {}", format_time(at as u64)),
        None => by.to_owned(),
    }
}

/// The status buttons and the extension.
#[component]
fn Actions(id: RecordId, status: Option<RenovationStatus>) -> impl IntoView {
    let ui = use_ui();
    let t = move |w: Rn| w.text(ui.lang.get());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Rn>);
    let save_err = RwSignal::new(None::<crate::i18n::Key>);
    let extend_to = RwSignal::new(String::new());
    let moves = move || match (ui.role(), status) {
        (Some(role), Some(s)) => offered_moves(role, s),
        _ => Vec::new(),
    };
    let id = StoredValue::new(id);
    let press = move |to: RenovationStatus| {
        let (Some(actor), Some(from)) = (ui.actor(), status) else { return };
        let edits = ui.snap.with_untracked(|s| {
            let now = actor.at;
            if to == RenovationStatus::Completed {
                let r = renovation(&s.state, &id.get_value(), now, utc_offset_min());
                r.ok_or(RenoError::NotAllowed).and_then(|r| {
                    acceptance_edits(
                        &s.state,
                        &r,
                        &shared::renovation::deposit_request_id(&r.id),
                        &actor,
                    )
                })
            } else {
                move_edits(&id.get_value(), from, to, &note.get_untracked(), &actor)
            }
        });
        match edits {
            Ok(e) => ui.save(e, save_err, move || note.set(String::new())),
            Err(e) => error.set(Some(error_word(e))),
        }
    };
    let extend = move |_| {
        let (Some(actor), Some(r)) = (
            ui.actor(),
            ui.snap.with_untracked(|s| renovation(&s.state, &id.get_value(), 0, utc_offset_min())),
        ) else {
            return;
        };
        match extension_edits(
            &r.id,
            r.extended_to.max(r.planned_end),
            &extend_to.get_untracked(),
            &actor,
            utc_offset_min(),
        ) {
            Ok(e) => ui.save(e, save_err, move || extend_to.set(String::new())),
            Err(e) => error.set(Some(error_word(e))),
        }
    };
    let may_extend = move || {
        ui.role().is_some_and(|r| {
            shared::scope::may_write_field(
                r,
                shared::names::kind::RENOVATION,
                shared::names::field::EXTENDED_TO,
            )
        }) && status.is_some_and(RenovationStatus::is_active)
    };
    view! {
        <section id="reno-actions" class="card">
            <h2>{move || t(Rn::Actions)}</h2>
            <Show when=move || moves().is_empty()>
                <p class="muted">{move || t(Rn::NoActions)}</p>
            </Show>
            <Show when=move || moves().iter().any(|m| matches!(m, RenovationStatus::Reviewed | RenovationStatus::Rejected))>
                <label for="reno-note">{move || t(Rn::ReviewNote)}</label>
                <textarea id="reno-note" rows="2" bind:value=note></textarea>
            </Show>
            <div class="reno-moves">
                {move || {
                    let lang: Lang = ui.lang.get();
                    moves().into_iter().map(|to| {
                        let from = status.unwrap_or(RenovationStatus::INITIAL);
                        let dom = if to == RenovationStatus::Completed { "reno-accept".to_owned() } else { format!("reno-move-{to}") };
                        let primary = matches!(to, RenovationStatus::Reviewed | RenovationStatus::Approved | RenovationStatus::Completed);
                        view! {
                            <button id=dom type="button" class="reno-move" class:primary=primary data-to=to.as_str() on:click=move |_| press(to)>
                                {renovation_move_label(from, to, lang)}
                            </button>
                        }
                    }).collect_view()
                }}
            </div>
            <Show when=move || moves().contains(&RenovationStatus::Completed)>
                <p class="muted">{move || t(Rn::AcceptHint)}</p>
            </Show>
            <Show when=may_extend>
                <div class="reno-extend">
                    <label for="reno-extend-date">{move || t(Rn::ExtendTo)}</label>
                    <input id="reno-extend-date" type="date" bind:value=extend_to />
                    <button id="reno-extend" type="button" on:click=extend>{move || t(Rn::Extend)}</button>
                </div>
            </Show>
            <p id="reno-action-error" class="error" role="alert">
                {move || error.get().map(t)} {move || save_err.get().map(|k| ui.t(k))}
            </p>
        </section>
    }
}

/// The checks' history, newest first, each with its photos.
#[component]
fn Checks(id: RecordId) -> impl IntoView {
    let ui = use_ui();
    let t = move |w: Rn| w.text(ui.lang.get());
    let id = StoredValue::new(id);
    let checks = Memo::new(move |_| ui.snap.with(|s| checks_of(&s.state, &id.get_value())));
    view! {
        <section id="reno-checks" class="card">
            <h2>{move || t(Rn::Checks)}</h2>
            <Show when=move || checks.with(Vec::is_empty)>
                <p class="muted">{move || t(Rn::NoChecks)}</p>
            </Show>
            <ul class="reno-check-list">
                {move || {
                    let lang = ui.lang.get();
                    checks.get().into_iter().map(|c| {
                        let cid = c.id.clone();
                        let items = Signal::derive(move || ui.snap.with(|s| photos_of(&s.state, &s.uploads, &cid)));
                        let failed: Vec<String> = c.failed.iter().map(|(zh, en)| if lang == Lang::Zh { zh.clone() } else { en.clone() }).collect();
                        view! {
                            <li class="reno-check" data-id=c.id.to_string() data-result=c.result.map(|r| r.as_str()).unwrap_or("") data-stop=c.stop_order.to_string()>
                                <strong>{c.result.map(|r| check_result_label(r, lang))}</strong>
                                " " {c.at.map(|a| format_time(a as u64))} " " <span translate="no">{c.by.clone()}</span>
                                {(!failed.is_empty()).then(|| view! { <p>{t(Rn::Fail)} "：" {failed.join("、")}</p> })}
                                {(!c.violation.is_empty()).then(|| view! { <p translate="no">{c.violation.clone()}</p> })}
                                {c.stop_order.then(|| view! { <p class="badge stop">{t(Rn::StopOrder)}</p> })}
                                {c.request.clone().map(|q| view! { <p><a class="reno-check-request" href=format!("/requests/{q}")>{t(Rn::Rectification)}</a></p> })}
                                {(!c.note.is_empty()).then(|| view! { <p translate="no">{c.note.clone()}</p> })}
                                <PhotoStrip parent=c.id.to_string() items=items />
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}
