//! `/passes/:id`: the printable release pass (物品放行条) — site, unit, goods, bearer, their
//! phone (masked for security by the server) and plate, the day it is valid, its status —
//! printed on A4 by the app's print styles (`.report.printable`), and security's "let
//! through" when it is offered.
//!
//! DOM: `#pass[data-id]`, `#pass-status[data-status]`, `#pass-print`, `button.pass-used`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{mv, pass_status_label, Key, Mv};
use crate::model::moving::unit_label;
use crate::model::pass::{may_move, passes, used_edits};
use crate::platform::format_date_time;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::moving::PassStatus;
use shared::RecordId;

#[component]
pub fn PassPage() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let pass = Memo::new(move |_| {
        let id = id.get();
        ui.snap.with(|s| passes(&s.state).into_iter().find(|p| p.id == id))
    });
    let site = move || {
        ui.snap.with(|s| s.session.as_ref().map(|s| s.me.site_name.clone()).unwrap_or_default())
    };
    let error = RwSignal::new(None::<Key>);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let row = move |w: Mv, v: String| view! { <dt>{move || mv(w, lang())}</dt><dd translate="no">{v}</dd> };
    view! {
        <section id="pass" class="report printable pass" data-id=move || id.get().0>
            <PageHeading><span translate="no">{site}</span>" · "{move || mv(Mv::PassTitle, lang())}</PageHeading>
            {move || pass.get().map(|p| {
                let unit = p.unit.as_ref().map(|u| ui.snap.with_untracked(|s| unit_label(&s.state, u))).unwrap_or_default();
                let status = p.status;
                let pid = p.id.clone();
                view! {
                    <dl class="report-head pass-fields">
                        {row(Mv::Unit, unit)}
                        {row(Mv::Goods, p.goods.clone())}
                        {row(Mv::Bearer, p.bearer.clone())}
                        {row(Mv::BearerPhone, p.bearer_phone.clone())}
                        {row(Mv::Plate, p.plate.clone())}
                        {row(Mv::ValidDay, p.valid_day.clone())}
                        <dt>{move || mv(Mv::Status, lang())}</dt>
                        <dd id="pass-status" data-status=status.map(|s| s.as_str()).unwrap_or_default()>
                            {move || status.map(|s| pass_status_label(s, lang())).unwrap_or("")}
                        </dd>
                        {p.used_at.map(|at| row(Mv::UsedAt, format_date_time(at)))}
                    </dl>
                    <p class="pass-sign">{move || mv(Mv::Signature, lang())}": ________"</p>
                    <div class="actions no-print">
                        <Show when=move || ui.role().is_some_and(|r| may_move(r, status, PassStatus::Used))>
                            <button type="button" class="pass-used primary" data-pass=pid.to_string() on:click={
                                let pid = pid.clone();
                                move |_| if let Some(a) = ui.actor() { ui.save(used_edits(&pid, &a), error, || {}) }
                            }>{move || mv(Mv::MarkUsed, lang())}</button>
                        </Show>
                    </div>
                }
            })}
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
            <div class="actions no-print">
                <button id="pass-print" type="button" on:click=print>{move || mv(Mv::Print, lang())}</button>
                <a class="button" href="/passes">{move || mv(Mv::Cancel, lang())}</a>
            </div>
        </section>
    }
}
