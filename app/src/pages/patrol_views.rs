//! The patrol's read-only pages: `/patrol/coverage` (each building's last patrol, red past
//! the cycle, and today's rounds), `/patrol/rounds` (rounds and quality checks by person and
//! day) and `/patrol/report/:id` (the printable inspection report).
//!
//! DOM: `#coverage[data-overdue]`, `tr.coverage-row[data-building][data-overdue]`,
//! `#coverage-rounds`, `#rounds`, `tr.round-row[data-id][data-purpose]`, `#report[data-id]`,
//! `tr.report-row[data-answer][data-result]`, `#report-findings li.finding[data-request]`,
//! `#report-print`.

use super::patrol::areas;
use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{Key, Lang};
use crate::model::patrol::rounds;
use crate::model::patrol_report::report;
use crate::model::quality::{quality_days, supervisors};
use crate::model::{deadlines, Label};
use crate::platform::{format_time, utc_offset_min};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::fields::read;
use shared::names::{field, kind};
use shared::patrol::coverage::area_coverage;
use shared::patrol::{AnswerResult, Purpose};
use shared::{Kind, RecordId};

fn pick(l: &Label, lang: Lang) -> String {
    if lang == Lang::En && !l.en.is_empty() {
        l.en.clone()
    } else {
        l.zh.clone()
    }
}

fn name_of(ui: &crate::context::Ui, kind: &str, id: Option<&RecordId>) -> String {
    let Some(id) = id else { return String::new() };
    ui.snap.with(|s| {
        s.state
            .field(&Kind::new(kind), id, field::NAME)
            .and_then(|f| read::text(&f.value).map(str::to_owned))
            .unwrap_or_default()
    })
}

/// Coverage of an area: the butler's own, or one the office picks.
#[component]
pub fn CoveragePage() -> impl IntoView {
    let ui = use_ui();
    let mine = ui.snap.with_untracked(|s| s.session.as_ref().and_then(|s| s.me.area_id.clone()));
    let first = areas(&ui).first().map(|(id, _)| id.0.clone());
    let area = RwSignal::new(mine.clone().or(first).unwrap_or_default());
    let cov = Memo::new(move |_| {
        let now = ui.now();
        let day = deadlines::day_start(now, utc_offset_min());
        let a = RecordId(area.get());
        ui.snap.with(|s| area_coverage(&s.state, &a, &deadlines::settings(&s.state), now, day))
    });
    view! {
        <section id="coverage" class="coverage" data-overdue=move || cov.with(|c| c.overdue().to_string())>
            <PageHeading>{move || ui.t(Key::PatrolCoverage)}</PageHeading>
            <Show when=move || mine.is_none()>
                <select id="coverage-area" aria-label=move || ui.t(Key::Area) on:change=move |ev| area.set(event_target_value(&ev))>
                    {move || areas(&ui).into_iter().map(|(id, n)| view! { <option translate="no" value=id.0.clone() selected=id.0 == area.get_untracked()>{n}</option> }).collect_view()}
                </select>
            </Show>
            <p id="coverage-rounds" data-met=move || cov.with(|c| c.rounds_met().to_string())>
                {move || cov.with(|c| format!("{} {}/{}", ui.t(Key::PatrolRoundsToday), c.rounds_today, c.rounds_needed))}
            </p>
            <table class="coverage-table">
                <thead><tr>
                    <th>{move || ui.t(Key::PatrolBuilding)}</th>
                    <th>{move || ui.t(Key::PatrolFloor)}</th>
                    <th>{move || ui.t(Key::PatrolLast)}</th>
                    <th>{move || ui.t(Key::PatrolDue)}</th>
                </tr></thead>
                <tbody>
                    {move || cov.get().spots.into_iter().map(|s| view! {
                        <tr class="coverage-row" class:overdue=s.overdue class:due-today=s.due_today
                            data-building=s.spot.building.0.clone() data-overdue=s.overdue.to_string()>
                            <td translate="no">{s.name.clone()}</td>
                            <td>{s.spot.floor.map(|f| f.to_string()).unwrap_or_default()}</td>
                            <td class="last">{s.last.map(|t| format_time(t as u64)).unwrap_or_else(|| ui.t(Key::PatrolNever).to_owned())}</td>
                            <td>{s.due.map(|t| format_time(t as u64)).unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Rounds and quality checks, newest first, with who made them and when.
#[component]
pub fn RoundsPage() -> impl IntoView {
    let ui = use_ui();
    let list = Memo::new(move |_| ui.snap.with(|s| rounds(&s.state)));
    let export = move |_| {
        let rows = ui.snap.with_untracked(|s| {
            rounds(&s.state).into_iter().filter_map(|r| report(&s.state, &r.id)).collect::<Vec<_>>()
        });
        let bytes = crate::model::patrol_xlsx::workbook(&rows, ui.lang.get_untracked());
        match bytes {
            Ok(b) => {
                let _ = crate::platform::download_bytes(
                    "patrol-rounds.xlsx",
                    &b,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                );
            }
            Err(e) => web_sys::console::error_1(&format!("export failed: {e}").into()),
        }
    };
    view! {
        <section id="rounds" class="rounds">
            <PageHeading>{move || ui.t(Key::PatrolRounds)}</PageHeading>
            <button id="rounds-export" on:click=export>{move || ui.t(Key::PatrolExport)}</button>
            <h3>{move || ui.t(Key::PatrolQualityByDay)}</h3>
            <ul id="quality-days">
                {move || {
                    let per_day = ui.snap.with(|s| deadlines::settings(&s.state).quality_checks_per_day);
                    let days = ui.snap.with(|s| {
                        let rounds = crate::model::patrol::rounds(&s.state);
                        let now = crate::platform::now_ms() as i64;
                        quality_days(&rounds, &supervisors(&s.state), per_day.max(0) as usize, now, utc_offset_min(), 7)
                    });
                    days.into_iter().map(|d| {
                        let average = d.average.map(|s| s.to_string()).unwrap_or_default();
                        let to_do = if d.to_do > 0 { format!(" · {} {}", ui.t(Key::QualityToDo), d.to_do) } else { String::new() };
                        view! {
                            <li class="quality-day" class:overdue=d.short data-short=d.short.to_string() data-checks=d.checks.len().to_string()>
                                {format!("{} · ", format_time(d.day as u64))}
                                <span translate="no">{name_of(&ui, kind::STAFF, Some(&d.supervisor))}</span>
                                {format!(" · {} {}/{} · {}{}", ui.t(Key::PatrolQuality), d.checks.len(), per_day, average, to_do)}
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <table>
                <thead><tr>
                    <th>{move || ui.t(Key::PatrolStarted)}</th>
                    <th>{move || ui.t(Key::PatrolKind)}</th>
                    <th>{move || ui.t(Key::PatrolArea)}</th>
                    <th>{move || ui.t(Key::PatrolBy)}</th>
                    <th>{move || ui.t(Key::PatrolScore)}</th>
                </tr></thead>
                <tbody>
                    {move || list.get().into_iter().map(|r| {
                        let href = format!("/patrol/report/{}", r.id);
                        let kind = if r.purpose == Purpose::Quality { Key::PatrolQuality } else { Key::PatrolTitle };
                        view! {
                            <tr class="round-row" data-id=r.id.0.clone() data-purpose=r.purpose.as_str()>
                                <td><a href=href>{r.started_at.map(|t| format_time(t as u64)).unwrap_or_default()}</a></td>
                                <td>{move || ui.t(kind)}</td>
                                <td translate="no">{name_of(&ui, kind::AREA, r.area.as_ref())}</td>
                                <td translate="no">{name_of(&ui, kind::STAFF, r.by.as_ref())}</td>
                                <td>{r.score.map(|s| s.to_string()).unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

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
                            <dt>{ui.t(Key::PatrolStarted)}</dt><dd id="report-start">{t(rep.round.started_at)}</dd>
                            <dt>{ui.t(Key::PatrolEnded)}</dt><dd id="report-end">{t(rep.round.ended_at)}</dd>
                            <dt>{ui.t(Key::PatrolScore)}</dt><dd>{rep.round.score.map(|s| s.to_string()).unwrap_or_else(|| "—".into())}</dd>
                        </dl>
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
                        <h3>{ui.t(Key::PatrolFindings)}</h3>
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
