//! `/patrol/report/:id`: the printable inspection report of one round — who made it (and,
//! for a quality check, whose work was checked), whether it was a full round and what of the
//! area it did not walk, every answer, the findings with their photos.

use super::pick;
use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{Key, Pt};
use crate::model::patrol_report::report;
use crate::platform::format_time;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::patrol::{AnswerResult, Purpose};
use shared::RecordId;

/// The printable report of one round.
#[component]
pub fn ReportPage() -> impl IntoView {
    let ui = use_ui();
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let rep = Memo::new(move |_| ui.snap.with(|s| report(&s.state, &id.get())));
    let site = move || {
        ui.snap.with(|s| s.session.as_ref().map(|s| s.me.site_name.clone()).unwrap_or_default())
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let result_text = move |r: Option<AnswerResult>| match r {
        Some(AnswerResult::Pass) => ui.t(Key::PatrolPass),
        Some(AnswerResult::Fail) => ui.t(Key::PatrolFail),
        Some(AnswerResult::Na) => ui.t(Key::PatrolNa),
        None => "",
    };
    view! {
        <section id="report" class="report printable" data-id=move || id.get().0>
            {move || match rep.get() {
                None => view! { <p>{move || ui.t(Key::PatrolNoRound)}</p> }.into_any(),
                Some(rep) => {
                    let lang = ui.lang.get();
                    let t = |ms: Option<i64>| ms.map(|m| format_time(m as u64)).unwrap_or_else(|| "—".into());
                    let findings: Vec<_> = rep.findings().cloned().collect();
                    view! {
                        <PageHeading><span translate="no">{site()}</span>{format!(" · {}", pick(&rep.template, lang))}</PageHeading>
                        <dl class="report-head">
                            <dt>{ui.t(Key::PatrolArea)}</dt><dd id="report-area" translate="no">{rep.area.clone()} {rep.building.clone()}</dd>
                            <dt>{ui.t(Key::PatrolBy)}</dt><dd id="report-by" translate="no">{rep.by.clone()}</dd>
                            {(rep.round.purpose == Purpose::Quality).then(|| view! {
                                <dt>{Pt::Checked.text(lang)}</dt><dd id="report-subject">{rep.subject.clone()}</dd>
                            })}
                            <dt>{ui.t(Key::PatrolStarted)}</dt><dd id="report-start">{t(rep.round.started_at)}</dd>
                            <dt>{ui.t(Key::PatrolEnded)}</dt><dd id="report-end">{t(rep.round.ended_at)}</dd>
                            <dt>{ui.t(Key::PatrolScore)}</dt><dd>{rep.round.score.map(|s| s.to_string()).unwrap_or_else(|| "—".into())}</dd>
                        </dl>
                        {(rep.round.purpose == Purpose::Patrol).then(|| {
                            let full = rep.not_walked.is_empty();
                            view! {
                                <div id="report-walk" class="report-walk" class:partial=!full data-full=full.to_string()>
                                    <p>{if full { Pt::FullRound.text(lang) } else { Pt::PartialRound.text(lang) }}</p>
                                    <ul id="report-not-walked">
                                        {rep.not_walked.iter().map(|n| view! { <li translate="no">{n.clone()}</li> }).collect_view()}
                                    </ul>
                                </div>
                            }
                        })}
                        <table class="report-table">
                            <thead><tr>
                                <th>{ui.t(Key::PatrolBuilding)}</th><th>{ui.t(Key::PatrolSection)}</th><th>{ui.t(Key::PatrolItem)}</th>
                                <th>{ui.t(Key::PatrolResult)}</th><th>{ui.t(Key::PatrolValue)}</th><th>{ui.t(Key::PatrolNote)}</th>
                            </tr></thead>
                            <tbody>
                                {rep.rows.iter().map(|row| view! {
                                    <tr class="report-row" class:fail=row.result == Some(AnswerResult::Fail)
                                        data-answer=row.answer.0.clone() data-result=row.result.map(|r| r.as_str()).unwrap_or("")>
                                        <td translate="no">{row.building.clone()}</td>
                                        <td>{pick(&row.section, lang)}</td>
                                        <td>{pick(&row.item, lang)}</td>
                                        <td>{result_text(row.result)}</td>
                                        <td>{pick(&row.value, lang)}</td>
                                        <td translate="no">{row.note.clone()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <h2 class="sub">{ui.t(Key::PatrolFindings)}</h2>
                        <ul id="report-findings">
                            {findings.into_iter().map(|f| {
                                let req = f.finding.as_ref().map(|x| x.0.0.clone()).unwrap_or_default();
                                let number = f.finding.as_ref().map(|x| x.1.clone()).unwrap_or_default();
                                view! {
                                    <li class="finding" data-request=req.clone()>
                                        <a href=format!("/requests/{req}")>{format!("{} · {} {}", f.building, pick(&f.item, lang), number)}</a>
                                        <span class="thumbs">
                                            {f.thumbs.iter().map(|sha| view! { <ReportThumb sha=sha.clone() /> }).collect_view()}
                                        </span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <button id="report-print" class="no-print" on:click=print>{ui.t(Key::PatrolPrint)}</button>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// A finding's thumbnail from the device (fetched with the session once and kept when it
/// was taken elsewhere), through an object URL revoked when it goes.
#[component]
fn ReportThumb(sha: String) -> impl IntoView {
    let ui = use_ui();
    let url = RwSignal::new(None::<String>);
    let made = std::sync::Arc::new(std::sync::Mutex::new(None::<String>));
    let keep = made.clone();
    on_cleanup(move || {
        if let Some(u) = keep.lock().ok().and_then(|mut g| g.take()) {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    if let Some(engine) = ui.engine() {
        let sha = sha.clone();
        leptos::task::spawn_local(async move {
            let bytes = engine.photo_bytes(&sha).await.ok();
            if let Some(u) =
                bytes.and_then(|b| crate::photos::capture::object_url(&b, "image/jpeg"))
            {
                if let Ok(mut g) = made.lock() {
                    *g = Some(u.clone());
                }
                url.try_set(Some(u));
            }
        });
    }
    view! { <img class="report-thumb" data-sha=sha src=move || url.get() alt="" /> }
}
