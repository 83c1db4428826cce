//! `/arrears/unit/:id`: a unit's arrears, each with its stage, finance's second notice and
//! payment, and its chase log (a notice's signature shown, or its signed paper's photos);
//! the chase form for who may chase (a butler, the office) and finance's controls for who
//! may write them (`model::arrears_form::offers`, asked of `scope::may_write_field`).

use crate::components::page_heading::PageHeading;
use crate::components::photos::Photos;
use crate::components::signature::SignatureView;
use crate::context::use_ui;
use crate::i18n::arrears_words::{method_label, result_label, W};
use crate::model::arrears::{chases, ChaseView};
use crate::model::arrears_form::offers;
use crate::pages::arrears::{arrears_rows, FeeLine};
use crate::platform::format_time;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::arrears::ChaseMethod;
use shared::blob::PhotoParent;
use shared::names::{field, kind};
use shared::RecordId;

/// The unit's arrears page.
#[component]
pub fn ArrearsUnitPage() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: W| k.text(ui.lang.get());
    let params = use_params_map();
    let unit = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let all = arrears_rows();
    let rows = Memo::new(move |_| {
        let u = unit.get();
        all.with(|r| r.iter().filter(|r| r.unit == u).cloned().collect::<Vec<_>>())
    });
    let number = move || {
        ui.snap.with(|s| {
            let k = shared::Kind::new(kind::UNIT);
            s.state.record(&k, &unit.get()).map(|f| f.string(field::NUMBER)).unwrap_or_default()
        })
    };
    let logs = Memo::new(move |_| ui.snap.with(|s| chases(&s.state)));
    let offered = move || ui.role().map(offers).unwrap_or_default();
    view! {
        <section id="arrears-unit" class="arrears-unit-page" data-unit=move || unit.get().to_string()>
            <PageHeading>{move || w(W::UnitTitle)} " " <span translate="no">{number}</span></PageHeading>
            <a class="back" href="/arrears">{move || w(W::BackToList)}</a>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="empty">{move || w(W::Nothing)}</p>
            </Show>
            <For
                each=move || rows.get()
                key=|r| format!("{r:?}")
                children=move |r| {
                    let id = r.id.clone();
                    let notice = r.second_notice_at;
                    let log = {
                        let id = id.clone();
                        move || logs.with(|l| l.get(&id).cloned().unwrap_or_default())
                    };
                    view! {
                        <article class="arrears-card card" data-id=id.to_string()>
                            <ul class="arrears-fees"><FeeLine r=r.clone() /></ul>
                            <p class="second-notice">
                                {move || w(W::SecondNoticeAt)} ": "
                                {move || notice.map(|n| format_time(n as u64)).unwrap_or_else(|| w(W::NotYet).to_owned())}
                            </p>
                            {(!r.note.is_empty()).then(|| view! { <p class="note" translate="no">{r.note.clone()}</p> })}
                            <details class="panel chase-log" open>
                                <summary>{move || w(W::ChaseLog)}</summary>
                                <ChaseLog chases=Signal::derive(log) />
                            </details>
                        </article>
                    }
                }
            />
            <Show when=move || offered().chase && !rows.with(Vec::is_empty)>
                <crate::components::arrears_chase::ChaseFormPanel rows=rows />
            </Show>
            <Show when=move || (offered().mark_paid || offered().second_notice) && !rows.with(Vec::is_empty)>
                <crate::components::arrears_finance::FinancePanel rows=rows />
            </Show>
        </section>
    }
}

/// The chases of one arrears, oldest first.
#[component]
fn ChaseLog(chases: Signal<Vec<ChaseView>>) -> impl IntoView {
    let ui = use_ui();
    let w = move |k: W| k.text(ui.lang.get());
    view! {
        <Show when=move || chases.with(Vec::is_empty)>
            <p class="empty">{move || w(W::NoChases)}</p>
        </Show>
        <ol class="chases">
            <For
                each=move || chases.get()
                key=|c| format!("{c:?}")
                children=move |c| {
                    let (method, result) = (c.method, c.result);
                    let paper = method == Some(ChaseMethod::Notice) && c.signature.is_empty();
                    view! {
                        <li class="chase" data-id=c.id.to_string() data-method=method.map(|m| m.as_str()).unwrap_or_default()>
                            <span class="at">{c.at.map(|t| format_time(t as u64))}</span>
                            " " <span class="method">{move || method.map(|m| method_label(m, ui.lang.get()))}</span>
                            " " <span class="result">{move || result.map(|r| result_label(r, ui.lang.get()))}</span>
                            {c.promised_at.map(|p| view! {
                                " " <span class="promised" data-promised=p.to_string()>{move || w(W::Promised)} " " {crate::model::reports::date_value(p, crate::platform::utc_offset_min())}</span>
                            })}
                            {(!c.note.is_empty()).then(|| view! { " " <span class="note" translate="no">{c.note.clone()}</span> })}
                            {(!c.signature.is_empty()).then(|| view! { <SignatureView path=c.signature.clone() /> })}
                            {paper.then(|| view! {
                                <div class="paper-photo">
                                    <span>{move || w(W::PaperPhoto)}</span>
                                    <Photos parent_kind=PhotoParent::ArrearsChase parent_id=c.id.clone() />
                                </div>
                            })}
                        </li>
                    }
                }
            />
        </ol>
    }
}
