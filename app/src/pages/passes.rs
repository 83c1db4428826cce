//! `/passes`: the release passes the replica holds — the area's for a butler, every one
//! routed to security for the security staff — the valid day's first; security lets a
//! pass through at the gate ("放行", `button.pass-used`), which writes only that it was
//! used (`model::pass::used_edits`), offered exactly when `model::pass::may_move` allows.
//!
//! DOM: `#passes li[data-pass][data-status]`, `button.pass-used[data-pass]`,
//! `button.pass-void[data-pass]`, `#passes-new`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{mv, pass_status_label, Key, Mv};
use crate::model::moving::unit_label;
use crate::model::pass::{may_move, passes, used_edits, void_edits};
use leptos::prelude::*;
use shared::moving::PassStatus;

#[component]
pub fn PassesPage() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let rows = Memo::new(move |_| ui.snap.with(|s| passes(&s.state)));
    let error = RwSignal::new(None::<Key>);
    let offered =
        move |from: Option<PassStatus>, to| ui.role().is_some_and(|r| may_move(r, from, to));
    let may_issue = move || {
        ui.role().is_some_and(|r| {
            shared::scope::may_write_field(
                r,
                shared::names::kind::RELEASE_PASS,
                shared::names::field::GOODS,
            )
        })
    };
    view! {
        <section class="passes card">
            <PageHeading>{move || mv(Mv::Passes, lang())}</PageHeading>
            <Show when=may_issue>
                <a id="passes-new" class="button primary" href="/passes/new">{move || mv(Mv::NewPass, lang())}</a>
            </Show>
            <ul id="passes" class="passes-list">
                <For
                    each=move || rows.get()
                    key=|p| (p.id.clone(), p.status)
                    children=move |p| {
                        let (id, status) = (p.id.clone(), p.status);
                        let unit = p.unit.as_ref().map(|u| ui.snap.with_untracked(|s| unit_label(&s.state, u))).unwrap_or_default();
                        let (use_id, void_id) = (id.clone(), id.clone());
                        view! {
                            <li data-pass=id.to_string() data-status=status.map(|s| s.as_str()).unwrap_or_default()>
                                <a href=format!("/passes/{id}") class="pass-open">
                                    <span class="pass-day" translate="no">{p.valid_day.clone()}</span>" "
                                    <span class="pass-unit" translate="no">{unit}</span>
                                </a>
                                <span class="pass-goods" translate="no">{p.goods.clone()}</span>
                                <span class="pass-bearer" translate="no">{format!("{} {}", p.bearer, p.plate)}</span>
                                <span class="pass-status">{move || status.map(|s| pass_status_label(s, lang())).unwrap_or("")}</span>
                                <Show when=move || offered(status, PassStatus::Used)>
                                    <button type="button" class="pass-used primary" data-pass=use_id.to_string() on:click={
                                        let id = use_id.clone();
                                        move |_| if let Some(a) = ui.actor() { ui.save(used_edits(&id, &a), error, || {}) }
                                    }>{move || mv(Mv::MarkUsed, lang())}</button>
                                </Show>
                                <Show when=move || offered(status, PassStatus::Void)>
                                    <button type="button" class="pass-void" data-pass=void_id.to_string() on:click={
                                        let id = void_id.clone();
                                        move |_| ui.save(void_edits(&id), error, || {})
                                    }>{move || mv(Mv::Void, lang())}</button>
                                </Show>
                            </li>
                        }
                    }
                />
            </ul>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="empty">{move || mv(Mv::NoPasses, lang())}</p>
            </Show>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </section>
    }
}
