//! The patrol's read-only pages: `/patrol/coverage` (each building's last patrol, red past
//! the cycle, and today's rounds), `/patrol/rounds` (rounds and quality checks by person and
//! day) and `/patrol/report/:id` (the printable inspection report).
//!
//! DOM: `#coverage[data-overdue]`, `tr.coverage-row[data-building][data-overdue]`,
//! `#coverage-rounds[data-met][data-partial]`, `#rounds`, `li.quality-day[data-short]`,
//! `tr.round-row[data-id][data-purpose][data-full]`, `#report[data-id]`, `#report-subject`,
//! `#report-walk[data-full]` with `#report-not-walked li`,
//! `tr.report-row[data-answer][data-result]`, `#report-findings li.finding[data-request]`,
//! `#report-print`.

use super::patrol::areas;
use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{day_label, Key, Lang, Pt};
use crate::model::patrol::rounds;
use crate::model::patrol_report::report;
use crate::model::quality::{quality_days, supervisors};
use crate::model::{deadlines, Label};
use crate::platform::{format_time, utc_offset_min};
use leptos::prelude::*;
use shared::fields::read;
use shared::names::{field, kind};
use shared::patrol::coverage::area_coverage;
use shared::patrol::walk::round_walk;
use shared::patrol::Purpose;
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
    let by_floor =
        Memo::new(move |_| ui.snap.with(|s| deadlines::settings(&s.state).patrol_by_floor == 1));
    let cov = Memo::new(move |_| {
        let now = ui.now();
        let day = shared::report::period::day_start(now, utc_offset_min());
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
            <p id="coverage-rounds" class="coverage-rounds" class:unmet=move || cov.with(|c| !c.rounds_met())
                data-met=move || cov.with(|c| c.rounds_met().to_string()) data-partial=move || cov.with(|c| c.partial_today.to_string())>
                {move || cov.with(|c| {
                    let partial = if c.partial_today > 0 { format!(" (+{} {})", c.partial_today, Pt::Partial.text(ui.lang.get())) } else { String::new() };
                    format!("{} {}/{}{partial}", ui.t(Key::PatrolRoundsToday), c.rounds_today, c.rounds_needed)
                })}
            </p>
            <table class="coverage-table data-table">
                <thead><tr>
                    <th>{move || ui.t(Key::PatrolBuilding)}</th>
                    <Show when=move || by_floor.get()><th>{move || ui.t(Key::PatrolFloor)}</th></Show>
                    <th>{move || ui.t(Key::PatrolLast)}</th>
                    <th>{move || ui.t(Key::PatrolDue)}</th>
                </tr></thead>
                <tbody>
                    {move || cov.get().spots.into_iter().map(|s| view! {
                        <tr class="coverage-row" class:overdue=s.overdue class:due-today=s.due_today
                            data-building=s.spot.building.0.clone() data-overdue=s.overdue.to_string()>
                            <td translate="no">{s.name.clone()}</td>
                            {s.spot.floor.map(|f| view! { <td class="floor">{f.to_string()}</td> })}
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
    let list = Memo::new(move |_| {
        ui.snap.with(|s| {
            let settings = deadlines::settings(&s.state);
            rounds(&s.state)
                .into_iter()
                .map(|r| {
                    let walk = (r.purpose == Purpose::Patrol)
                        .then(|| round_walk(&s.state, &r.id, &settings).map(|w| w.is_full()))
                        .flatten();
                    (r, walk)
                })
                .collect::<Vec<_>>()
        })
    });
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
            <h2 class="sub">{move || ui.t(Key::PatrolQualityByDay)}</h2>
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
                        let lang = ui.lang.get();
                        view! {
                            <li class="quality-day" class:short=d.short data-short=d.short.to_string() data-checks=d.checks.len().to_string()>
                                <span class="day">{day_label(d.day, utc_offset_min(), lang)}</span>
                                " · "<span translate="no">{name_of(&ui, kind::STAFF, Some(&d.supervisor))}</span>
                                {format!(" · {} {}/{} · {}{}", ui.t(Key::PatrolQuality), d.checks.len(), per_day, average, to_do)}
                                {d.short.then(|| view! { " " <span class="badge short">{Pt::BelowTarget.text(lang)}</span> })}
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <table class="rounds-table data-table">
                <thead><tr>
                    <th>{move || ui.t(Key::PatrolStarted)}</th>
                    <th>{move || ui.t(Key::PatrolKind)}</th>
                    <th>{move || ui.t(Key::PatrolArea)}</th>
                    <th>{move || ui.t(Key::PatrolBy)}</th>
                    <th>{move || Pt::Checked.text(ui.lang.get())}</th>
                    <th>{move || ui.t(Key::PatrolScore)}</th>
                </tr></thead>
                <tbody>
                    {move || list.get().into_iter().map(|(r, full)| {
                        let href = format!("/patrol/report/{}", r.id);
                        let kind = if r.purpose == Purpose::Quality { Key::PatrolQuality } else { Key::PatrolTitle };
                        let partial = full == Some(false);
                        view! {
                            <tr class="round-row" data-id=r.id.0.clone() data-purpose=r.purpose.as_str() data-full=full.map(|f| f.to_string()).unwrap_or_default()>
                                <td><a href=href>{r.started_at.map(|t| format_time(t as u64)).unwrap_or_default()}</a></td>
                                <td>{move || ui.t(kind)} {partial.then(|| view! { " " <span class="badge partial">{move || Pt::Partial.text(ui.lang.get())}</span> })}</td>
                                <td translate="no">{name_of(&ui, kind::AREA, r.area.as_ref())}</td>
                                <td translate="no">{name_of(&ui, kind::STAFF, r.by.as_ref())}</td>
                                <td class="subject" translate="no">{name_of(&ui, kind::STAFF, r.subject.as_ref())}</td>
                                <td>{r.score.map(|s| s.to_string()).unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[path = "patrol_report.rs"]
mod report_page;
pub use report_page::ReportPage;
