//! The complaint closed-loop panel on a complaint's detail page: the judgement (does it
//! stand, reply, cause, person responsible, plan), the supervisor's approval, telling the
//! resident of progress once the deadline has passed, escalation, and — in
//! `complaint_close.rs` — the resident's confirmation and repeat complaints. A closed
//! complaint's forms are read-only until it is reopened.

use super::complaint_close::{Confirm, Repeats};
use super::complaint_step::{error_key, save_step};
use crate::context::use_ui;
use crate::i18n::{escalation_label, Key};
use crate::model::complaint::{self, ComplaintView, Judgement};
use crate::model::deadlines;
use crate::platform::format_time;
use leptos::prelude::*;
use shared::names::{field, kind};
use shared::request::{closing, RequestStatus};
use shared::{Kind, RecordId};

/// What the panel reads: the complaint's fields, its status, and whether it is overdue.
type Loop = Option<(ComplaintView, RequestStatus, bool)>;

/// The complaint handling of request `id` (nothing for other types).
#[component]
pub fn ComplaintPanel(id: RecordId) -> impl IntoView {
    let ui = use_ui();
    let rid = StoredValue::new(id);
    let data: Memo<Loop> = Memo::new(move |_| {
        ui.snap.with(|s| {
            rid.with_value(|id| {
                let c = complaint::complaint(&s.state, id)?;
                let f = s.state.record(&Kind::new(kind::REQUEST), id)?;
                let status =
                    f.parsed(field::STATUS, RequestStatus::parse).unwrap_or(RequestStatus::INITIAL);
                let t = deadlines::timing(&deadlines::settings(&s.state), f, None, ui.now());
                Some((c, status, t.overdue))
            })
        })
    });
    let read_only = move || data.with(|d| closing::read_only(d.as_ref().map(|d| d.1)));
    view! {
        <Show when=move || data.with(Option::is_some)>
            <section id="complaint" class="complaint card">
                <h2 class="sub">{move || ui.t(Key::CpTitle)}</h2>
                <Blocker data=data />
                // Closed: every step is read-only until reopened (`shared::request::closing`).
                <fieldset id="complaint-forms" class="plain" prop:disabled=read_only>
                    <JudgementForm id=rid.get_value() data=data />
                    <Progress id=rid.get_value() data=data />
                    <Escalate id=rid.get_value() data=data />
                    <Confirm id=rid.get_value() data=Signal::derive(move || data.with(|d| d.as_ref().map(|d| d.0.clone()))) />
                    <Repeats id=rid.get_value() data=Signal::derive(move || data.with(|d| d.as_ref().map(|d| d.0.clone()))) />
                </fieldset>
            </section>
        </Show>
    }
}

/// What still keeps the complaint from being done.
#[component]
fn Blocker(data: Memo<Loop>) -> impl IntoView {
    let ui = use_ui();
    let blocker = move || data.with(|d| d.as_ref().and_then(|d| complaint::done_blocker(&d.0)));
    view! {
        <Show when=move || blocker().is_some()>
            <p id="complaint-blocker" class="warning" role="status">
                {move || ui.t(Key::CpDoneBlocked)} " " {move || blocker().map(|e| ui.t(error_key(e)))}
            </p>
        </Show>
    }
}

/// Stands or not, reply, cause, person responsible, plan; and the plan's approval.
#[component]
fn JudgementForm(id: RecordId, data: Memo<Loop>) -> impl IntoView {
    let ui = use_ui();
    let now = data.with_untracked(|d| d.as_ref().map(|d| d.0.clone()));
    let field =
        |f: fn(&ComplaintView) -> String| RwSignal::new(now.as_ref().map(f).unwrap_or_default());
    let stands = RwSignal::new(now.as_ref().and_then(|c| c.stands));
    let (reply, cause) = (field(|c| c.reply.clone()), field(|c| c.cause.clone()));
    let (responsible, plan) = (field(|c| c.responsible.clone()), field(|c| c.plan.clone()));
    let error = RwSignal::new(None::<Key>);
    let rid = StoredValue::new(id);
    let save = move |_| {
        let Some(c) = data.with_untracked(|d| d.as_ref().map(|d| d.0.clone())) else { return };
        let j = Judgement {
            stands: stands.get_untracked(),
            reply: reply.get_untracked(),
            cause: cause.get_untracked(),
            responsible: responsible.get_untracked(),
            plan: plan.get_untracked(),
        };
        save_step(ui, error, |a| complaint::judgement_edits(&rid.get_value(), &c, &j, a));
    };
    let approve = move |_| {
        let Some(c) = data.with_untracked(|d| d.as_ref().map(|d| d.0.clone())) else { return };
        save_step(ui, error, |a| complaint::approve_edits(&rid.get_value(), &c, a));
    };
    let approved =
        move || data.with(|d| d.as_ref().is_some_and(|d| d.0.plan_approved_by.is_some()));
    let has_plan = move || data.with(|d| d.as_ref().is_some_and(|d| !d.0.plan.is_empty()));
    let stands_value = move || match stands.get() {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    view! {
        <div class="complaint-judgement">
            <label for="complaint-stands">{move || ui.t(Key::CpStands)}</label>
            <select
                id="complaint-stands"
                prop:value=stands_value
                on:change=move |ev| stands.set(match event_target_value(&ev).as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                })
            >
                <option value="">{move || ui.t(Key::CpNotJudged)}</option>
                <option value="yes">{move || ui.t(Key::CpStandsYes)}</option>
                <option value="no">{move || ui.t(Key::CpStandsNo)}</option>
            </select>
            <label for="complaint-reply">{move || ui.t(Key::CpReply)}</label>
            <textarea id="complaint-reply" rows="2" bind:value=reply></textarea>
            <label for="complaint-cause">{move || ui.t(Key::CpCause)}</label>
            <textarea id="complaint-cause" rows="2" bind:value=cause></textarea>
            <label for="complaint-responsible">{move || ui.t(Key::CpResponsible)}</label>
            <input id="complaint-responsible" bind:value=responsible />
            <label for="complaint-plan">{move || ui.t(Key::CpPlan)}</label>
            <textarea id="complaint-plan" rows="2" bind:value=plan></textarea>
            <button id="complaint-save" on:click=save>{move || ui.t(Key::Save)}</button>
            <p class="plan-state" data-approved=move || approved().to_string()>
                {move || has_plan().then(|| ui.t(if approved() { Key::CpPlanApproved } else { Key::CpPlanWaiting }))}
            </p>
            <Show when=move || ui.is_supervisor() && has_plan() && !approved()>
                <button id="complaint-approve" on:click=approve>{move || ui.t(Key::CpApprove)}</button>
            </Show>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </div>
    }
}

/// Milliseconds of a `datetime-local` value in the device's time zone.
fn local_input_ms(v: &str) -> Option<i64> {
    let t = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(v)).get_time();
    (!v.is_empty() && t.is_finite()).then_some(t as i64)
}

/// Once the answer deadline has passed: the resident told, and the next promised reply.
#[component]
fn Progress(id: RecordId, data: Memo<Loop>) -> impl IntoView {
    let ui = use_ui();
    let next = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let rid = StoredValue::new(id);
    let due = move || data.with(|d| d.as_ref().is_some_and(|d| complaint::progress_due(d.1, d.2)));
    let promised = move || data.with(|d| d.as_ref().and_then(|d| d.0.next_reply_at));
    let save = move |_| {
        let Some(at) = local_input_ms(&next.get_untracked()) else {
            return error.set(Some(Key::CpBadTime));
        };
        save_step(ui, error, |a| complaint::progress_edits(&rid.get_value(), at, "", a));
    };
    view! {
        <Show when=move || promised().is_some()>
            <p class="next-reply">{move || ui.t(Key::CpNextReply)} " " {move || promised().map(|t| format_time(t as u64))}</p>
        </Show>
        <Show when=due>
            <div class="complaint-progress">
                <p class="warning">{move || ui.t(Key::CpProgressDue)}</p>
                <label for="complaint-next-reply">{move || ui.t(Key::CpNextReply)}</label>
                <input id="complaint-next-reply" type="datetime-local" bind:value=next />
                <button id="complaint-progress-save" on:click=save>{move || ui.t(Key::CpProgressSave)}</button>
                <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
            </div>
        </Show>
    }
}

/// The escalation level and the step up (the manager's needs the corrective-action report).
#[component]
fn Escalate(id: RecordId, data: Memo<Loop>) -> impl IntoView {
    let ui = use_ui();
    let level = move || data.with(|d| d.as_ref().map(|d| d.0.escalation));
    let report = RwSignal::new(
        data.with_untracked(|d| d.as_ref().map(|d| d.0.corrective_report.clone()))
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<Key>);
    let rid = StoredValue::new(id);
    let open = move || data.with(|d| d.as_ref().is_some_and(|d| d.1.is_open()));
    let up = move |_| {
        let Some(now) = level() else { return };
        save_step(ui, error, |a| {
            complaint::escalate_edits(&rid.get_value(), now, &report.get_untracked(), a)
        });
    };
    view! {
        <div class="complaint-escalation" data-level=move || level().map(|l| l.as_str()).unwrap_or_default()>
            <span>{move || ui.t(Key::CpEscalation)} ": " {move || level().map(|l| escalation_label(l, ui.lang.get()))}</span>
            <Show when=move || open() && level().and_then(complaint::next_level).is_some()>
                <label for="complaint-report">{move || ui.t(Key::CpReport)}</label>
                <textarea id="complaint-report" rows="2" bind:value=report></textarea>
                <button id="complaint-escalate" on:click=up>{move || ui.t(Key::CpEscalate)}</button>
            </Show>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </div>
    }
}
