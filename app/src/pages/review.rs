//! `/review`: the daily review of unfinished requests (at `review_minute`, 17:30 by default):
//! every request still in work, repairs first, each with a reason why it is not done. A
//! saved reason is a `review` event ([`model::review::review_edits`]); the page shows today's.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{category_label, status_label, Key};
use crate::model::{self, deadlines, review};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::RecordId;

/// The review list.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let ui = use_ui();
    let today = move || shared::report::period::day_start(ui.now(), utc_offset_min());
    let rows = Memo::new(move |_| {
        ui.requests.with(|l| {
            review::review_rows(l)
                .into_iter()
                .map(|i| (l.rows[i].clone(), l.meta[i].timing.overdue))
                .collect::<Vec<_>>()
        })
    });
    let reasons = Memo::new(move |_| ui.snap.with(|s| review::todays_reasons(&s.state, today())));
    let at = move || {
        let m = ui.snap.with(|s| deadlines::settings(&s.state).review_minute);
        ui.t(Key::ReviewAt).replace("{t}", &format!("{:02}:{:02}", m / 60, m % 60))
    };
    view! {
        <section id="review" class="review">
            <PageHeading>{move || ui.t(Key::ReviewTitle)}</PageHeading>
            <p class="review-at">{at}</p>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="empty">{move || ui.t(Key::ReviewNone)}</p>
            </Show>
            <ul class="review-list">
                <For
                    each=move || rows.get()
                    key=|(r, o)| (r.id.clone(), r.status, *o)
                    children=move |(r, overdue)| {
                        let id = r.id.clone();
                        let given = Signal::derive({
                            let id = id.clone();
                            move || reasons.with(|m| m.get(&id).cloned())
                        });
                        view! { <ReviewRow r=r overdue=overdue given=given /> }
                    }
                />
            </ul>
        </section>
    }
}

/// One unfinished request with its reason field.
#[component]
fn ReviewRow(r: model::RequestView, overdue: bool, given: Signal<Option<String>>) -> impl IntoView {
    let ui = use_ui();
    let reason = RwSignal::new(given.get_untracked().unwrap_or_default());
    let error = RwSignal::new(None::<Key>);
    let id: RecordId = r.id.clone();
    let rid = StoredValue::new(id.clone());
    let save = move |_| {
        let Some(actor) = ui.actor() else { return };
        match review::review_edits(&rid.get_value(), &reason.get_untracked(), &actor) {
            Err(review::ReviewError::ReasonRequired) => error.set(Some(Key::ReasonRequired)),
            Ok(edits) => ui.save(edits, error, || {}),
        }
    };
    let (status, category) = (r.status, r.category);
    view! {
        <li class="review-row card" data-id=id.to_string() data-overdue=overdue.to_string() data-reason-given=move || given.with(Option::is_some).to_string()>
            <a href=format!("/requests/{id}")>
                <strong translate="no">{r.unit_number.clone()}</strong> " "
                <span class="category">{move || category.map(|c| category_label(c, ui.lang.get()))}</span> " "
                <span class="chip">{move || status_label(status, ui.lang.get())}</span> " "
                <span translate="no">{r.description.clone()}</span>
            </a>
            {overdue.then(|| view! { <span class="badge overdue">{move || ui.t(Key::Overdue)}</span> })}
            <Show when=move || given.with(Option::is_some)>
                <p class="review-given">{move || ui.t(Key::ReviewGiven)} ": " <span translate="no">{move || given.get()}</span></p>
            </Show>
            <label>{move || ui.t(Key::ReviewReason)}
                <textarea class="review-reason" rows="2" bind:value=reason></textarea>
            </label>
            <button class="review-save" on:click=save>{move || ui.t(Key::ReviewSave)}</button>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </li>
    }
}
